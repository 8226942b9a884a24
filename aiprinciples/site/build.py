"""The site as data, computed once per change of the inputs: checked corpus, every page's title and description.

mkdocs-static-i18n runs the MkDocs build once per language, so the hooks call
site_state() up to five times per build; the work is done on the first call.
A page's body is rendered only when MkDocs asks for it, and not kept: memory holds one
body at a time, however many documents and languages the site has.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from aiprinciples.checks import check_loaded
from aiprinciples.docs_check import ALLOWED_FILES
from aiprinciples.inputs import every_path, read_input, walk_folder
from aiprinciples.loader import load_corpus
from aiprinciples.model import Corpus
from aiprinciples.problems import CorpusError, Problem, errors
from aiprinciples.qa import flagged_units
from aiprinciples.site.pages import PageSpec, aliases, page_specs
from aiprinciples.site.previews import Preview, page_preview_path, preview_path
from aiprinciples.site.render import PageHead, Rendered, page_head, render
from aiprinciples.site.search_index import LanguageIndex
from aiprinciples.site.share import preview_note, provenance_label, share, shared_units
from aiprinciples.site.view import View


@dataclass
class SiteState:
    corpus: Corpus
    specs: list[PageSpec]
    heads: dict[tuple[str, str], PageHead]  # (lang, spec.key) -> the page's title and description
    aliases: dict[str, str]  # former id -> current id
    url: str  # the site's address
    warnings: list[Problem] = field(default_factory=list)  # reported; they never stop the build
    previews: dict[str, Preview] = field(default_factory=dict)  # og/<lang>/<key>.png -> what it shows; hand-written pages add theirs

    def __post_init__(self) -> None:
        self._spec_of = {spec.key: spec for spec in self.specs}

    def render(self, lang: str, key: str) -> Rendered:
        """The page `key` in `lang`, rendered now: KeyError for a page the site does not have."""
        if (lang, key) not in self.heads:
            raise KeyError((lang, key))
        return render(self.corpus, self._spec_of[key], lang, self.url)


@dataclass(frozen=True)
class ProblemSite:
    """Under `mkdocs serve`, a corpus with errors: the site shows them instead of itself."""

    problems: list[Problem]
    pages: list[str]  # the previous build's pages, "fr/win/index.html": the browser reloads one of them


@dataclass(frozen=True)
class Languages:
    """Which languages one build contains.

    Production builds the published languages; a preview adds the drafts. `only` narrows
    either to those languages and the default one, which every page falls back to.
    """

    drafts: bool = False
    only: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Languages:
        """AIPRINCIPLES_PREVIEW=drafts and AIPRINCIPLES_ONLY="fr ko" (set by `make serve`)."""
        preview = environ.get(PREVIEW_VARIABLE, "").strip()
        if preview not in ("", "drafts"):
            raise ValueError(f"{PREVIEW_VARIABLE}={preview!r}: the only value is 'drafts' (or leave it unset for the published languages)")
        return cls(drafts=preview == "drafts", only=tuple(environ.get(ONLY_VARIABLE, "").replace(",", " ").split()))

    def pick(self, corpus: Corpus) -> list[str]:
        """The languages to build, in configured order; ValueError names a language that cannot be."""
        available = [code for code in corpus.languages if self.drafts or not corpus.is_draft(code) or code == corpus.default_language]
        for code in self.only:
            if code not in corpus.languages:
                raise ValueError(f"{ONLY_VARIABLE}: {code!r} is not in translations/languages.yaml (languages: {', '.join(corpus.languages)})")
            if code not in available:
                raise ValueError(f"{ONLY_VARIABLE}: {code!r} is a draft language: preview it with `make serve ONLY={code}`")
        wanted = set(self.only) | {corpus.default_language} if self.only else set(available)
        return [code for code in available if code in wanted]


_cache: dict[tuple, SiteState] = {}
_latest: list[SiteState] = []
_broken: list[ProblemSite] = []  # under `mkdocs serve`: what the site shows instead of itself
_search_indexes: dict[str, LanguageIndex] = {}  # a language's search index, from its build's start to where it is written


def corpus_root(config) -> Path:
    """The project a MkDocs config belongs to: the folder of its mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def site_url(config) -> str:
    """The absolute URL the site is built for (mkdocs.yml's site_url, from SITE_URL)."""
    return config.site_url or DEFAULT_SITE_URL


def site_url_warning(url: str, environ: Mapping[str, str], command: str | None) -> str | None:
    """What a build for publishing must say when nobody chose its address; None when someone did.

    `mkdocs serve` serves where it says; a build with SITE_URL set, or with another
    site_url in mkdocs.yml, was given its address. Only the placeholder is refused.
    """
    if command == "serve" or environ.get(SITE_URL_VARIABLE, "").strip() or url.rstrip("/") != DEFAULT_SITE_URL.rstrip("/"):
        return None
    return (
        f"{SITE_URL_VARIABLE} is not set, so this build writes {DEFAULT_SITE_URL} into every address it publishes: "
        "canonical and hreflang links, share previews (og:url, og:image), the sitemaps and robots.txt, "
        "citations, JSON-LD and the open data. Set it to the address the site will be published at, "
        f"e.g. `{SITE_URL_VARIABLE}=https://example.org/principles/ make build` (README, \"Publish it\"); "
        f"to look at the site on this machine, use `make serve`, or set {SITE_URL_VARIABLE}={DEFAULT_SITE_URL} to build for it on purpose."
    )


def site_state(root: Path, url: str, languages: Languages = Languages()) -> SiteState:
    """Check the whole corpus (raising CorpusError when it has errors) and model every page of `languages`, once per change.

    ValueError: `languages` names a language the corpus cannot build.
    """
    key = (str(root), url, languages, _signature(root))
    if key not in _cache:
        loaded = load_corpus(root)
        problems = check_loaded(loaded)
        if errors(problems):
            raise CorpusError(problems)
        corpus = loaded.corpus.restricted(languages.pick(loaded.corpus))
        corpus.qa_flagged = flagged_units(problems)  # a draft's QA warnings: the preview marks those texts
        specs = page_specs(corpus)
        heads = {(lang, spec.key): page_head(corpus, spec, lang, url) for lang in corpus.languages for spec in specs}
        _cache.clear()
        _cache[key] = SiteState(corpus, specs, heads, aliases(corpus), url, sorted(problems), corpus_previews(corpus, specs, heads, url))
    _latest[:] = [_cache[key]]
    _broken.clear()
    return _cache[key]


def latest_state() -> SiteState:
    """The state the current build's on_config settled: per-page hooks use it without rescanning inputs."""
    return _latest[0]


def corpus_previews(corpus: Corpus, specs: list[PageSpec], heads: dict[tuple[str, str], PageHead], url: str) -> dict[str, Preview]:
    """The preview image of every generated page and every share page (/p/<id>/), in every language."""
    out = {}
    for lang in corpus.languages:
        site = corpus.messages.format(lang, "site_name").text
        for spec in specs:
            image = page_preview_path(lang, spec.key)
            if image != preview_path(lang, spec.key):
                continue  # a principle's page: its share page's image, drawn below
            page = heads[(lang, spec.key)]
            document, note = _page_document(corpus, spec, lang, url)
            out[image] = Preview(page.title, page.description, document, site, note)
        for unit_id in shared_units(corpus):
            card = share(corpus, lang, unit_id, url)
            out[preview_path(lang, f"p:{unit_id}")] = Preview(card.title, card.words, card.document, site, card.provenance)
    return out


def _page_document(corpus: Corpus, spec: PageSpec, lang: str, url: str) -> tuple[str, str]:
    """The document a page belongs to (name and year) and what its preview says of whose words it shows."""
    kind, _, arg = spec.key.partition(":")
    if kind not in ("doc", "parallel"):
        return "", ""
    doc = corpus.documents[arg]
    view = View(corpus, lang, spec.path, url)
    body = view.unit(doc.points()[0].id) if doc.points() else view.unit(doc.title_id)
    notes = sum(len(u.notes) for u in view.units_of(doc))
    return f"{view.unit(doc.title_id).text} ({doc.year})", preview_note(view, provenance_label(view, body), notes)


def show_problems(problems: list[Problem], pages: list[str]) -> None:
    """Under `mkdocs serve`: this build shows these problems instead of the site."""
    _latest.clear()
    _broken[:] = [ProblemSite(problems, pages)]


def start_search_index(corpus: Corpus, lang: str) -> LanguageIndex:
    """An empty search index for the build of `lang` that starts now (one a failed build left behind is dropped)."""
    if lang in _search_indexes:
        _search_indexes.pop(lang).close()
    index = _search_indexes[lang] = LanguageIndex(corpus, lang)
    return index


def search_index(lang: str) -> LanguageIndex:
    """The search index of the language being built: KeyError if its build started none."""
    return _search_indexes[lang]


def kept_search_index(lang: str) -> LanguageIndex:
    """The search index kept for `lang`, once: KeyError if its build kept none."""
    return _search_indexes.pop(lang)


def shown_problems() -> ProblemSite | None:
    """What the current serve build shows instead of the site; None when it builds the site."""
    return _broken[0] if _broken else None


def write_docs_tree(state: SiteState, docs_dir: Path, out_dir: Path) -> None:
    """Hand-written docs/ plus one stub Markdown file per generated page, written only when changed.

    Writing only what changed keeps `mkdocs serve` from rebuilding in a loop on its own output.
    """
    wanted: dict[Path, bytes] = {}
    # The checker has accepted docs/ already; copy again only what it allows, never following a link.
    files, _problems = walk_folder(docs_dir, "docs")
    for path, _rel in files:
        folder = path.relative_to(docs_dir).parts
        if len(folder) > 1 and folder[0] not in state.corpus.languages:
            continue  # a language this build leaves out (a draft, or not in ONLY)
        limit = ALLOWED_FILES.get(path.suffix.lower(), (0,))[0]
        raw, problems = read_input(path, _rel, limit)
        if raw is not None and not problems:
            wanted[out_dir / path.relative_to(docs_dir)] = raw
    taken = [path for path in (out_dir / lang / spec.src for lang in state.corpus.languages for spec in state.specs) if path in wanted]
    if taken:  # the checker refuses these names (docs-reserved); a generated page is never silently replaced
        raise CorpusError([Problem(f"docs/{path.relative_to(out_dir).as_posix()}", 0, "docs-reserved", "the site generates a page at this path", "Rename the hand-written page") for path in taken])
    for lang in state.corpus.languages:
        for spec in state.specs:
            page = state.heads[(lang, spec.key)]
            # Plain text: the hook escapes every page title once (hooks/corpus_pages.py).
            front = {"title": page.title, "description": page.description, "corpus_page": spec.key, "corpus_path": spec.path}
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True, width=10_000) + "---\n"
            wanted[out_dir / lang / spec.src] = text.encode("utf-8")
    for path, content in wanted.items():
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    # Remove what no longer exists in the inputs (a renamed page must not linger).
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)


def _signature(root: Path) -> tuple:
    """Names, sizes and modification times of every input file: cheap, and changes when they do."""
    out = []
    for folder in INPUT_FOLDERS:
        for path in every_path(root / folder):  # not rglob: it recurses, and a hostile tree can be thousands of folders deep
            if "__pycache__" not in path.parts:
                stat = path.lstat()  # links are refused by the checker, never followed here
                out.append((str(path), stat.st_mode, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


# Constant data.
INPUT_FOLDERS = ("principles", "translations", "docs", "schemas", "aiprinciples")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's placeholder: the address of `make serve`
SITE_URL_VARIABLE = "SITE_URL"
PREVIEW_VARIABLE = "AIPRINCIPLES_PREVIEW"
ONLY_VARIABLE = "AIPRINCIPLES_ONLY"
