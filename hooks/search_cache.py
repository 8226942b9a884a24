"""MkDocs hook: a page whose HTML is unchanged is not parsed again for the search index.

Material's search plugin parses every page's HTML at every build; under `mkdocs serve`
each save rebuilds every page, and all but a few come out byte for byte the same. The
entries a page gives depend only on what the plugin reads from it (its address, HTML,
table of contents, title and search metadata), so they are kept under a digest of
exactly that and handed out as fresh copies. A Material without this method is left as it is.
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.memo import LruMemo  # noqa: E402

try:
    from material.plugins.search.plugin import SearchIndex
except ImportError:  # pragma: no cover - the pinned Material has it
    SearchIndex = None

KEPT_PAGES = 4096  # a page per language with room to spare: 190 pages × 5 languages today


def page_key(page) -> str:
    """A digest of everything Material's indexing reads from a page."""
    meta = {key: page.meta.get(key) for key in ("title", "tags", "search")}
    parts = [page.url, page.content or "", str(page.title), json.dumps(meta, default=str, sort_keys=True), json.dumps(_toc(page.toc), sort_keys=True)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _toc(items) -> list:
    return [[item.id, item.url, _toc(item.children)] for item in items or ()]


class EntryMemo(LruMemo[list[dict]]):
    """The entries each page gave, by page_key; least recently used out first."""

    def __init__(self, limit: int = KEPT_PAGES) -> None:
        super().__init__(limit)

    def wrap(self, index_page):
        def add_entry_from_context(index, page):
            start = len(index.entries)

            def index_now() -> list[dict]:
                index_page(index, page)
                return copy.deepcopy(index.entries[start:])  # kept apart from what later steps change

            kept = self.get(page_key(page), index_now)
            if len(index.entries) == start:  # kept from an earlier build: handed out as a fresh copy
                index.entries.extend(copy.deepcopy(kept))

        add_entry_from_context.memoised = True
        return add_entry_from_context


MEMO = EntryMemo()


def on_startup(command, dirty):
    if command != "serve":
        return  # a one-off build indexes each page once: a copy of every entry would be kept for nothing
    original = getattr(SearchIndex, "add_entry_from_context", None)
    if original is not None and not getattr(original, "memoised", False):
        SearchIndex.add_entry_from_context = MEMO.wrap(original)
