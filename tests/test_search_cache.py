"""A page whose HTML is unchanged is not parsed again for the search index (hooks/search_cache.py)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from tests.conftest import ROOT


def _hook():
    spec = importlib.util.spec_from_file_location("search_cache_hook", ROOT / "hooks" / "search_cache.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page(url: str, content: str, title: str = "Copyright", meta: dict | None = None):
    toc = get_toc([{"level": 2, "id": "win-1-1", "name": "1.1", "children": []}])
    return SimpleNamespace(url=url, content=content, title=title, meta=meta if meta is not None else {"title": title}, toc=toc)


PAGE = '<h1 id="copyright">Copyright</h1><p>Intro.</p><h2 id="win-1-1">1.1</h2><p>Ask first. Pay fairly.</p>'


def _entries(add, *pages) -> list[dict]:
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    for page in pages:
        add(index, page)
    return index.entries


def test_a_page_seen_before_gives_the_entries_material_gives_without_parsing_it_again():
    hook = _hook()
    original = SearchIndex.add_entry_from_context
    parsed = []
    memo = hook.EntryMemo()
    add = memo.wrap(lambda index, page: parsed.append(page.url) or original(index, page))

    page = _page("fr/win/copyright/", PAGE)
    plain = _entries(original, page)
    assert plain and any("Pay fairly." in entry["text"] for entry in plain)
    assert _entries(add, page) == plain
    assert _entries(add, _page("fr/win/copyright/", PAGE)) == plain  # the next build's page object, same HTML
    assert parsed == ["fr/win/copyright/"]

    again = _entries(add, page)
    again[1]["text"] = "changed by a later step"  # the kept entries are copies
    assert _entries(add, page) == plain


def test_anything_material_reads_from_a_page_makes_it_parsed_again():
    hook = _hook()
    original = SearchIndex.add_entry_from_context
    parsed = []
    add = hook.EntryMemo().wrap(lambda index, page: parsed.append(page.url) or original(index, page))
    variants = [
        _page("fr/win/copyright/", PAGE),
        _page("fr/win/copyright/", PAGE.replace("Pay fairly.", "Pay.")),  # a saved text
        _page("es/win/copyright/", PAGE),  # another language's page
        _page("fr/win/copyright/", PAGE, title="Droit d'auteur"),
        _page("fr/win/copyright/", PAGE, meta={"title": "Copyright", "search": {"boost": 2}}),
    ]
    results = [_entries(add, page) for page in variants]
    assert len(parsed) == len(variants)
    assert results == [_entries(original, page) for page in variants]
    assert results[1] != results[0] and results[4][0]["boost"] == 2


def test_the_memo_keeps_a_bounded_number_of_pages():
    hook = _hook()
    memo = hook.EntryMemo(limit=3)
    add = memo.wrap(SearchIndex.add_entry_from_context)
    _entries(add, *[_page(f"p{n}/", PAGE) for n in range(5)])
    assert len(memo.kept) == 3


def test_the_hook_is_in_the_site_configuration():
    assert "  - hooks/search_cache.py\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_only_serve_keeps_the_memo(monkeypatch):
    """A one-off build indexes each page once: it keeps no copy of every entry; `mkdocs serve` rebuilds, and does."""
    original = SearchIndex.add_entry_from_context
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", original)
    hook = _hook()
    for command in ("build", "gh-deploy"):
        hook.on_startup(command, dirty=False)
        assert SearchIndex.add_entry_from_context is original, command
    hook.on_startup("serve", dirty=False)
    assert getattr(SearchIndex.add_entry_from_context, "memoised", False)
