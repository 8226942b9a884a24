"""The site as data, computed once per change of the inputs: checked corpus and every rendered page.

mkdocs-static-i18n runs the MkDocs build once per language, so the hooks call
site_state() up to five times per build; the work is done on the first call.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from aiprinciples.checks import check_loaded
from aiprinciples.docs_check import ALLOWED_FILES
from aiprinciples.inputs import read_input, walk_folder
from aiprinciples.loader import load_corpus
from aiprinciples.model import Corpus
from aiprinciples.problems import CorpusError, errors
from aiprinciples.site.pages import PageSpec, aliases, page_specs
from aiprinciples.site.render import Rendered, render


@dataclass
class SiteState:
    corpus: Corpus
    specs: list[PageSpec]
    pages: dict[tuple[str, str], Rendered]  # (lang, spec.key) -> page
    aliases: dict[str, str]  # former id -> current id


_cache: dict[tuple, SiteState] = {}
_latest: list[SiteState] = []


def corpus_root(config) -> Path:
    """The project a MkDocs config belongs to: the folder of its mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def site_url(config) -> str:
    """The absolute URL the site is built for (mkdocs.yml's site_url, from SITE_URL)."""
    return config.site_url or DEFAULT_SITE_URL


def site_state(root: Path, url: str) -> SiteState:
    """Check the corpus (raising CorpusError with every problem) and render every page, once per change."""
    key = (str(root), url, _signature(root))
    if key not in _cache:
        loaded = load_corpus(root)
        problems = errors(check_loaded(loaded))  # warnings (outdated entries) are shown on the site instead
        if problems:
            raise CorpusError(problems)
        corpus = loaded.corpus
        specs = page_specs(corpus)
        pages = {(lang, spec.key): render(corpus, spec, lang, url) for lang in corpus.languages for spec in specs}
        _cache.clear()
        _cache[key] = SiteState(corpus, specs, pages, aliases(corpus))
    _latest[:] = [_cache[key]]
    return _cache[key]


def latest_state() -> SiteState:
    """The state the current build's on_config settled: per-page hooks use it without rescanning inputs."""
    return _latest[0]


def write_docs_tree(state: SiteState, docs_dir: Path, out_dir: Path) -> None:
    """Hand-written docs/ plus one stub Markdown file per generated page, written only when changed.

    Writing only what changed keeps `mkdocs serve` from rebuilding in a loop on its own output.
    """
    wanted: dict[Path, bytes] = {}
    # The checker has accepted docs/ already; copy again only what it allows, never following a link.
    files, _problems = walk_folder(docs_dir, "docs")
    for path, _rel in files:
        limit = ALLOWED_FILES.get(path.suffix.lower(), (0,))[0]
        raw, problems = read_input(path, _rel, limit)
        if raw is not None and not problems:
            wanted[out_dir / path.relative_to(docs_dir)] = raw
    for lang in state.corpus.languages:
        for spec in state.specs:
            page = state.pages[(lang, spec.key)]
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
        for path in sorted((root / folder).rglob("*")):
            if "__pycache__" not in path.parts:
                stat = path.lstat()  # links are refused by the checker, never followed here
                out.append((str(path), stat.st_mode, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


# Constant data.
INPUT_FOLDERS = ("principles", "translations", "docs", "schemas", "aiprinciples")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
