"""Which pages exist, per language, and their permanent language-neutral URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from aiprinciples.model import Corpus


@dataclass(frozen=True)
class PageSpec:
    key: str  # "home", "doc:win", "principle:win-1", "themes", "theme:consent", "parallel:win", "status", "data"
    path: str  # URL path below the language root, "" or ending in "/": "win/copyright/"

    @property
    def src(self) -> str:
        """The Markdown file that stands for this page in the generated docs tree."""
        return self.path + "index.md"


def page_specs(corpus: Corpus) -> list[PageSpec]:
    specs = [PageSpec("home", "")]
    for doc in corpus.documents.values():
        specs.append(PageSpec(f"doc:{doc.id}", f"{doc.id}/"))
        specs += [PageSpec(f"principle:{p.id}", f"{doc.id}/{p.slug}/") for p in doc.principles]
    specs.append(PageSpec("themes", "themes/"))
    specs += [PageSpec(f"theme:{t.id}", f"themes/{t.slug}/") for t in corpus.themes.values()]
    specs += [PageSpec(f"parallel:{d}", f"parallel/{d}/") for d in corpus.documents]
    specs.append(PageSpec("status", "status/"))
    specs.append(PageSpec("data", "open-data/"))
    return specs


def unit_location(corpus: Corpus, unit_id: str) -> tuple[str, str]:
    """(page path, anchor) where a principle or point lives permanently."""
    for doc in corpus.documents.values():
        for principle in doc.principles:
            if unit_id == principle.id or unit_id in principle.aliases:
                return f"{doc.id}/{principle.slug}/", ""
            for point in principle.points:
                if unit_id == point.id or unit_id in point.aliases:
                    return f"{doc.id}/{principle.slug}/", point.id
    raise KeyError(unit_id)


def aliases(corpus: Corpus) -> dict[str, str]:
    """Former id -> current id, from the `aliases:` lists in principles/<doc>.yaml."""
    out = {}
    for doc in corpus.documents.values():
        for principle in doc.principles:
            out.update({alias: principle.id for alias in principle.aliases})
            for point in principle.points:
                out.update({alias: point.id for alias in point.aliases})
    return out


def lang_prefix(corpus: Corpus, lang: str) -> str:
    return "" if lang == corpus.default_language else f"{lang}/"


def relative(from_path: str, to_path: str) -> str:
    """Relative link between two directory URLs below the same root ("" is the root)."""
    rel = posixpath.relpath("/" + to_path, "/" + (from_path or ""))
    if rel == ".":
        return "./"
    return rel + "/" if to_path.endswith("/") or to_path == "" else rel
