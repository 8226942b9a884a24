"""Which pages exist, per language, and their permanent language-neutral URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from aiprinciples.model import Corpus, Document, Point, Principle


@dataclass(frozen=True)
class PageSpec:
    key: str  # "home", "doc:win", "principle:win-1", "themes", "theme:consent", "parallels", "parallel:win", "status", "data"
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
    specs.append(PageSpec("parallels", "parallel/"))
    specs += [PageSpec(f"parallel:{d}", f"parallel/{d}/") for d in corpus.documents]
    specs.append(PageSpec("status", "status/"))
    specs.append(PageSpec("data", "open-data/"))
    return specs


@dataclass(frozen=True)
class UnitIndex:
    """Every principle and point of a corpus by id and by former id, built once per corpus.

    Renderers look units up here instead of scanning the documents: one dictionary
    lookup per link, however many documents the corpus holds.
    """

    locations: dict[str, tuple[str, str]]  # id or former id -> (page path, anchor)
    aliases: dict[str, str]  # former id -> current id
    principles: dict[str, tuple[Document, Principle]]  # principle or point id (and former ids) -> where it belongs
    by_theme: dict[tuple[str, str], list[Point]]  # (theme id, document id) -> its points with that theme, in order
    order: dict[str, int]  # point id -> its place in its document
    former_ids: dict[str, tuple[str, ...]]  # current id -> its former ids (each page that shows the unit keeps their anchors)

    def location(self, unit_id: str) -> tuple[str, str]:
        """(page path, anchor) where a principle or point lives permanently; KeyError for any other id."""
        return self.locations[unit_id]

    def principle_of(self, unit_id: str) -> tuple[Document, Principle]:
        """The document and principle a principle or point id belongs to."""
        return self.principles[unit_id]

    def related(self, point: Point, doc_id: str) -> list[Point]:
        """Points of document `doc_id` sharing a theme with `point`, in document order."""
        lists = [self.by_theme.get((theme, doc_id), ()) for theme in dict.fromkeys(point.themes)]
        if len(lists) == 1:
            return list(lists[0])
        found = {pt.id: pt for points in lists for pt in points}
        return sorted(found.values(), key=lambda pt: self.order[pt.id])


def unit_index(corpus: Corpus) -> UnitIndex:
    """The corpus's unit index, built on first use and kept with the corpus (which never changes once loaded)."""
    index = vars(corpus).get(_INDEX_ATTRIBUTE)
    if index is None:
        index = _build_index(corpus)
        vars(corpus)[_INDEX_ATTRIBUTE] = index
    return index


def _build_index(corpus: Corpus) -> UnitIndex:
    locations: dict[str, tuple[str, str]] = {}
    former: dict[str, str] = {}
    principles: dict[str, tuple[Document, Principle]] = {}
    by_theme: dict[tuple[str, str], list[Point]] = {}
    order: dict[str, int] = {}
    former_ids: dict[str, tuple[str, ...]] = {}
    for doc in corpus.documents.values():
        for principle in doc.principles:
            path = f"{doc.id}/{principle.slug}/"
            for unit_id in (principle.id, *principle.aliases):
                locations.setdefault(unit_id, (path, ""))
                principles.setdefault(unit_id, (doc, principle))
            former.update({alias: principle.id for alias in principle.aliases})
            if principle.aliases:
                former_ids[principle.id] = principle.aliases
            for point in principle.points:
                for unit_id in (point.id, *point.aliases):
                    locations.setdefault(unit_id, (path, point.id))
                    principles.setdefault(unit_id, (doc, principle))
                former.update({alias: point.id for alias in point.aliases})
                if point.aliases:
                    former_ids[point.id] = point.aliases
                order[point.id] = len(order)
                for theme in dict.fromkeys(point.themes):
                    by_theme.setdefault((theme, doc.id), []).append(point)
    return UnitIndex(locations, former, principles, by_theme, order, former_ids)


def unit_location(corpus: Corpus, unit_id: str) -> tuple[str, str]:
    """(page path, anchor) where a principle or point lives permanently: a lookup in the corpus's UnitIndex."""
    return unit_index(corpus).location(unit_id)


def aliases(corpus: Corpus) -> dict[str, str]:
    """Former id -> current id, from the `aliases:` lists in principles/<doc>.yaml."""
    return dict(unit_index(corpus).aliases)


def lang_prefix(corpus: Corpus, lang: str) -> str:
    return "" if lang == corpus.default_language else f"{lang}/"


def relative(from_path: str, to_path: str) -> str:
    """Relative link between two directory URLs below the same root ("" is the root)."""
    rel = posixpath.relpath("/" + to_path, "/" + (from_path or ""))
    if rel == ".":
        return "./"
    return rel + "/" if to_path.endswith("/") or to_path == "" else rel


# Constant data.
_INDEX_ATTRIBUTE = "_unit_index"  # where unit_index keeps the index on its corpus
