"""MkDocs hook: check the corpus, then turn it into a docs tree, languages and navigation.

Runs before mkdocs-static-i18n's on_config (priority -100). A corpus error stops
the build here, before MkDocs cleans or writes anything in site/. Under `mkdocs serve`
it does not: the build becomes a small site that shows the problems where the
translator looks (hooks/site_files.py writes its pages), and the next save rebuilds.
Which languages a build contains: aiprinciples.site.build.Languages (environment).

Under `mkdocs serve`, one save gives one build, and a save during a build never breaks it:
the languages mkdocs-static-i18n builds one after the other (nested builds started from its
on_post_build) all use the inputs as the first language's build read them; the save is
built next, once (MkDocs queues it). MkDocs would also watch the generated docs tree that
the build itself writes: it is left unwatched, its inputs are watched (mkdocs.yml `watch:`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.memo import expect_rebuilds  # noqa: E402
from aiprinciples.problems import CorpusError  # noqa: E402
from aiprinciples.site.build import Languages, corpus_root, latest_state, show_problems, site_state, site_url, write_docs_tree  # noqa: E402
from aiprinciples.site.safe_markdown import NoRawHtml  # noqa: E402
from aiprinciples.site.serve_problems import console_report, previous_pages  # noqa: E402

_written: dict[str, object] = {}  # generated docs folder -> the state last written there
_command: dict[str, str] = {}
_reported: list[object] = []  # the state or problems last printed: once per change, not once per language


def on_startup(command, dirty):
    _command["name"] = command
    expect_rebuilds(command == "serve")  # serve builds again at each save; a one-off build keeps no memo for a next one
    # mkdocs-static-i18n says "Overriding …" about forty times per build at INFO: the checker's lines drown in them.
    logging.getLogger(I18N_LOGGER).setLevel(logging.WARNING)


# Load, check and render once; point MkDocs at the generated docs tree.
@event_priority(100)
def on_config(config):
    if config.plugins["i18n"].building:
        # A nested build of one more language, started by mkdocs-static-i18n inside this build: it
        # uses the inputs the build started with. Reading them again would see a file saved
        # meanwhile, half a site from each version (or, with a mistake in the save, remove the
        # languages from the plugin while it builds one of them).
        state = latest_state()
    else:
        try:
            state = site_state(corpus_root(config), site_url(config), Languages.from_environment(os.environ))
        except ValueError as err:
            raise PluginError(str(err)) from None
        except CorpusError as err:
            if _command.get("name") != "serve":
                raise PluginError("the corpus has problems; nothing was built:\n" + str(err)) from None
            return _show_problems(config, err.problems)
    _report(state.warnings, state)
    generated = corpus_root(config) / GENERATED_DOCS
    # mkdocs-static-i18n calls on_config once per language: write the tree once per change.
    if _written.get(str(generated)) is not state:
        try:
            write_docs_tree(state, corpus_root(config) / "docs", generated)
        except CorpusError as err:  # a hand-written page where the site generates one: never overwritten
            raise PluginError("docs/ has problems; nothing was built:\n" + str(err)) from None
        _written[str(generated)] = state
    config.docs_dir = str(generated)
    # Hand-written pages are untrusted: Markdown without raw HTML (sanitised again after rendering).
    if not any(isinstance(ext, NoRawHtml) for ext in config.markdown_extensions):
        config.markdown_extensions.append(NoRawHtml())
    _configure_languages(config, state)
    if not config.nav:
        config.nav = _navigation(state)
    return config


# Under `mkdocs serve`: MkDocs watches the docs_dir, here the generated tree this build writes
# (its inputs are watched through mkdocs.yml `watch:`): watching it would build every save twice.
# MkDocs adds its live-reload script to the pages it serves, but not to a 404 page: added here,
# so a page that does not exist yet, or a problems page served as 404, also reloads after a save.
def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)
    error_page = server.error_handler

    def reloading_error_page(code):
        content = error_page(code)
        return server._inject_js_into_html(content, server._visible_epoch) if content and code == 404 else content

    server.error_handler = reloading_error_page
    return server


# Under `mkdocs serve` only: one stub page in the default language; hooks/site_files.py
# then writes the problems over it and over every page the previous build had, so the
# page the browser reloads shows them (mkdocs serve hangs on a build that fails).
def _show_problems(config, problems):
    show_problems(problems, previous_pages(Path(config.site_dir)))
    _report(problems, problems)
    i18n = config.plugins["i18n"]
    i18n.config.languages[:] = [lang for lang in i18n.config.languages if lang.default]
    stub = corpus_root(config) / PROBLEM_DOCS / i18n.default_language / "index.md"
    if not stub.is_file() or stub.read_text(encoding="utf-8") != PROBLEM_STUB:
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(PROBLEM_STUB, encoding="utf-8")
    config.docs_dir = str(stub.parent.parent)
    config.nav = ["index.md"]
    return config


# The console shows what the browser shows; warnings never stop the build, but are said.
def _report(problems, key) -> None:
    if problems and not (_reported and _reported[0] is key):
        print(console_report(problems), file=sys.stderr, flush=True)  # not the mkdocs logger: strict mode counts it
    _reported[:] = [key]


# One line per language in translations/languages.yaml is all the i18n plugin needs.
# Texts handed to Material's templates are escaped here, once, as Markup: Material prints
# some as they are and passes others through `| e`, which leaves Markup unchanged.
def _configure_languages(config, state) -> None:
    from mkdocs_static_i18n.config import I18nPluginLanguage

    corpus = state.corpus
    i18n = config.plugins["i18n"]
    # Only the languages this build contains (Languages): a left-out one must not linger.
    i18n.config.languages[:] = [lang for lang in i18n.config.languages if lang.default or lang.locale in corpus.languages]
    existing = {lang.locale: lang for lang in i18n.config.languages}
    for code, name in corpus.languages.items():
        def ui(key: str, code: str = code, **args) -> Markup:
            return escape(corpus.messages.format(code, key, **args).text)

        def ui_html(key: str, code: str = code) -> Markup:  # for element content: an English fallback says so
            message = corpus.messages.format(code, key)
            return escape(message.text) if message.lang == code else Markup('<span lang="{}">{}</span>').format(corpus.tag(message.lang), message.text)

        settings = {
            "locale": code, "name": name, "build": True, "default": code == corpus.default_language,
            "site_name": ui("site_name"), "site_description": ui("site_description", count=len(corpus.languages)), "copyright": ui("footer_note"),
            "nav_translations": {key: ui(key) for key in NAV_KEYS},
            "extra": {"ap_ui": {key: ui_html(key) for key in NOT_FOUND_KEYS}, "ap_home": config.site_url + ("" if code == corpus.default_language else f"{code}/")},
        }
        # Set for every language: mkdocs-static-i18n restores a per-language override it saved
        # into the next language's build unless that language overrides it too.
        settings["theme"] = {"language": _material_language(config, corpus.tag(code))}
        language = existing.get(code) or I18nPluginLanguage()
        language.load_dict(settings)
        failed, _warnings = language.validate()
        if failed:
            raise PluginError(f"language {code!r} in translations/languages.yaml: {failed}")
        if code not in existing:
            i18n.config.languages.append(language)


# Material's interface (search box, buttons) in the language: its own template for the
# language tag (pt-BR), else for the bare language (pt), else English. Documented in CONTRIBUTING.
def _material_language(config, tag: str) -> str:
    for candidate in (tag, tag.split("-")[0], "en"):
        if any((Path(folder) / "partials" / "languages" / f"{candidate}.html").is_file() for folder in config.theme.dirs):
            return candidate
    return "en"


# Navigation: home, one section per document, themes, parallel texts, status, about.
def _navigation(state) -> list:
    corpus = state.corpus
    nav: list = [{"nav_home": "index.md"}]
    for doc in corpus.documents.values():
        nav.append({escape(doc.short_name): [f"{doc.id}/index.md"] + [f"{doc.id}/{p.slug}/index.md" for p in doc.principles]})
    nav.append({"nav_themes": ["themes/index.md"] + [f"themes/{t.slug}/index.md" for t in corpus.themes.values()]})
    nav.append({"nav_parallel": ["parallel/index.md"] + [f"parallel/{d}/index.md" for d in corpus.documents]})
    nav.append({"nav_status": "status/index.md"})
    nav.append({"nav_open_data": "open-data/index.md"})
    nav.append({"nav_about": "about.md"})
    return nav


# Constant data.
GENERATED_DOCS = "build/docs"
PROBLEM_DOCS = "build/problems"
PROBLEM_STUB = "# The site cannot be built yet\n"
NAV_KEYS = ("nav_home", "nav_themes", "nav_parallel", "nav_status", "nav_open_data", "nav_about")
I18N_LOGGER = "mkdocs.plugins.mkdocs_static_i18n"
NOT_FOUND_KEYS = ("not_found_title", "not_found_body", "back_home", "notice_draft")  # texts the templates print
