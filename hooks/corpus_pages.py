"""MkDocs hook: give each generated page its rendered, escaped HTML and every page its <head> metadata."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import latest_state, shown_problems, site_url  # noqa: E402
from aiprinciples.site.head import head_html  # noqa: E402
from aiprinciples.site.pages import relative  # noqa: E402
from aiprinciples.site.placeholders import fill as fill_placeholders  # noqa: E402
from aiprinciples.site.previews import Preview, page_preview_path, preview_path  # noqa: E402
from aiprinciples.site.render import untranslated_page  # noqa: E402
from aiprinciples.site.safe_markdown import sanitise  # noqa: E402


# Corpus pages: the Markdown stub is empty; the body comes from the page model.
# Hand-written pages: their rendered Markdown is sanitised. Every page's title becomes
# escaped Markup, once: Material prints titles raw in some places and with `| e` in others.
def on_page_content(html, page, config, files):
    if shown_problems():
        return ""  # `mkdocs serve` shows the corpus's problems instead, and there is no corpus state to fill pages from
    key = page.meta.get("corpus_page")
    page.meta["ap_plain_title"] = str(page.meta.get("title") or page.title or "")
    page.meta["title"] = escape(page.meta["ap_plain_title"])
    if not key:
        state = latest_state()
        lang = current_language(config)
        prefix = "" if lang == state.corpus.default_language else f"{lang}/"
        # Generated facts named by placeholders ([[cite win-1-3]]) are written by the code that writes them elsewhere.
        html = fill_placeholders(sanitise(html), state.corpus, lang, page.url.removeprefix(prefix), site_url(config))
        if page.meta.get("untranslated") is True:  # a draft language's page, still the English copy
            return untranslated_page(state.corpus, lang, html)
        return html
    return ""  # the body comes in on_page_context: MkDocs reads every page before it writes the first


# Every page: a corpus page's body, then canonical, hreflang, Open Graph; the language root for Material's search.
# After mkdocs-static-i18n (50), before Material's search plugin (0), which indexes the body.
@event_priority(40)
def on_page_context(context, page, config, nav):
    if shown_problems():
        return context  # `mkdocs serve` shows the corpus's problems instead (hooks/site_files.py)
    state = latest_state()
    lang = current_language(config)
    prefix = "" if lang == state.corpus.default_language else f"{lang}/"
    path = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
    if "corpus_page" in page.meta:
        # Rendered here, as the page is written, and dropped once it is (hooks/memory.py): one body in memory at a time.
        rendered = state.render(lang, page.meta["corpus_page"])
        page.content = rendered.html
        page.toc = get_toc([{"level": level, "id": anchor, "name": name, "children": []} for level, anchor, name in rendered.toc])
        head = state.heads[(lang, page.meta["corpus_page"])]
        title, description = head.title, head.description
        languages = list(state.corpus.languages)
        image = page_preview_path(lang, page.meta["corpus_page"])
    else:
        title = page.meta["ap_plain_title"]
        description = page.meta.get("description") or config.site_description or ""
        src = page.file.src_uri.split("/", 1)[-1]
        languages = [code for code in state.corpus.languages if (Path(config.docs_dir) / code / src).exists()]
        # A hand-written page's preview is drawn with the others, once, after the last language.
        image = preview_path(lang, "page-" + src.removesuffix(".md"))
        site = state.corpus.messages.format(lang, "site_name").text
        state.previews[image] = Preview(title, description, "", site)
    # A draft language is built for preview only (make serve): say so on every page, and keep it out of search engines.
    page.meta["ap_draft"] = state.corpus.is_draft(lang)
    page.meta["ap_head"] = head_html(state.corpus, site_url(config), lang, path, title, description, languages, image, noindex=page.meta["ap_draft"])

    page.meta["ap_title"] = escape(title)
    page.meta["ap_lang_prefix"] = prefix.rstrip("/")
    page.meta["ap_alternates"] = [
        (state.corpus.tag(code), escape(state.corpus.languages[code]), escape(relative(page.url, ("" if code == state.corpus.default_language else f"{code}/") + path)))
        for code in languages
    ]
    return context


def current_language(config) -> str:
    return config.plugins["i18n"].current_language


# The page's language as the corpus declares it (pt-BR for pt; sw even where Material's
# interface falls back to English): Material writes the code of its own template.
def on_post_page(output, page, config):
    if shown_problems():
        return output
    tag = latest_state().corpus.tag(current_language(config))
    return HTML_LANG.sub(f'<html lang="{tag}"', output, count=1)


# Constant data.
HTML_LANG = re.compile(r'<html lang="[^"]*"')
