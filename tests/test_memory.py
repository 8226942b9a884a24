"""Memory holds one page body and one page's search entries at a time, whatever the size of the site.

One build of two languages, probed as each language ends and after the whole build (the probe hooks below).
"""

from __future__ import annotations

import json

import pytest

from aiprinciples.site.render import PageHead
from aiprinciples.site.search_index import LUNR_LANGUAGES
from tests.conftest import copy_project, replace
from tests.corpus import DEFAULT, TRANSLATED
from tests.sitebuild import build, only

# Each language's end, between hooks/search_index.py (-50) and hooks/memory.py (-60): what the language's
# build still holds of its pages. The whole build's end, after everything (hooks/atomic_build.py is -300).
LANGUAGE_PROBE = """\
import json, pathlib
from mkdocs.plugins import event_priority

@event_priority(-55)
def on_post_build(config):
    i18n = config.plugins['i18n']
    pages = [f.page for f in i18n.i18n_files_per_language[i18n.current_language] if f.page is not None]
    with pathlib.Path(config.site_dir).parent.joinpath('languages.jsonl').open('a') as out:
        out.write(json.dumps({'language': i18n.current_language, 'pages': len(pages), 'bodies': [page.url for page in pages if page.content]}) + '\\n')
"""
# Each page as it is written: after this site's hook gave a corpus page its body (40) and Material's search
# indexed it (0); then after hooks/search_index.py took the page's entries (-50). What else is held by then.
PAGE_PROBE = """\
import json, pathlib
from mkdocs.plugins import event_priority

_seen = {'files': None, 'pages': 0, 'other_bodies': set(), 'hand_written': set(), 'other_entries': set(), 'entries_left': 0}

def _material(config):
    return (config.plugins.get('material/search') or config.plugins['search']).search_index

@event_priority(-1000)
def on_files(files, config):
    _seen['files'] = files

@event_priority(-10)
def on_page_context(context, page, config, nav):
    _seen['pages'] += 1
    for file in _seen['files'].documentation_pages():
        other = file.page
        if other is not None and other is not page and other.content:
            _seen['other_bodies' if 'corpus_page' in other.meta else 'hand_written'].add(other.url)
    _seen['other_entries'].update(e['location'] for e in _material(config).entries if e['location'].split('#')[0] != page.url)
    return context

@event_priority(-60)
def on_post_page(output, page, config):
    _seen['entries_left'] = max(_seen['entries_left'], len(_material(config).entries))
    return output

@event_priority(-55)
def on_post_build(config):
    i18n = config.plugins['i18n']
    with pathlib.Path(config.site_dir).parent.joinpath('pages.jsonl').open('a') as out:
        out.write(json.dumps({'language': i18n.current_language, 'pages': _seen['pages'], 'corpus_bodies_held': sorted(_seen['other_bodies']),
                              'hand_written_bodies_held': sorted(_seen['hand_written']), 'entries_of_other_pages': sorted(_seen['other_entries']),
                              'entries_left_after_a_page': _seen['entries_left']}) + '\\n')
    _seen.update(pages=0, other_bodies=set(), hand_written=set(), other_entries=set(), entries_left=0)
"""
END_PROBE = """\
import json, pathlib
from mkdocs.plugins import event_priority
from aiprinciples import checks, loader
from aiprinciples.site import open_data
from aiprinciples.site.build import latest_state

@event_priority(-400)
def on_post_build(config):
    i18n = config.plugins['i18n']
    if not i18n.building:
        pathlib.Path(config.site_dir).parent.joinpath('end.json').write_text(json.dumps({
            'kept': sorted(i18n.i18n_files_per_language), 'stacked_search_entries': len(i18n.search_entries),
            'state': sorted({type(head).__name__ for head in latest_state().heads.values()}),
            'parsed_files_kept': len(loader._parsed), 'workbooks_kept': len(open_data._KEPT_WORKBOOKS), 'layouts_kept': len(checks._layouts)}))
"""


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memory")
    project = copy_project(folder / "project")
    (project / "language_probe.py").write_text(LANGUAGE_PROBE, encoding="utf-8")
    (project / "end_probe.py").write_text(END_PROBE, encoding="utf-8")
    (project / "page_probe.py").write_text(PAGE_PROBE, encoding="utf-8")
    replace(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - language_probe.py\n  - end_probe.py\n  - page_probe.py\n")
    result = build(project, "http://127.0.0.1:9/", folder / "site", environ=only(TRANSLATED[0]))
    assert result.returncode == 0, result.stderr
    languages = [json.loads(line) for line in (folder / "languages.jsonl").read_text(encoding="utf-8").splitlines()]
    pages = [json.loads(line) for line in (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    return folder / "site", {
        "languages": {seen.pop("language"): seen for seen in languages},
        "pages": {seen.pop("language"): seen for seen in pages},
        **json.loads((folder / "end.json").read_text(encoding="utf-8")),
    }


def test_no_page_body_is_kept_once_written(probed):
    """hooks/memory.py lets each body go as its page is written, and each language's pages as its build
    ends; the site state never held a body (each is rendered when MkDocs asks for it)."""
    _site, seen = probed
    assert sorted(seen["languages"]) == sorted([DEFAULT, TRANSLATED[0]])
    for lang, kept in seen["languages"].items():
        assert kept["pages"] > 20 and kept["bodies"] == [], lang  # every page written, none of their bodies held
    assert seen["kept"] == []  # nor the pages themselves, once every language is built
    assert seen["state"] == [PageHead.__name__] and set(vars(PageHead("t", "d"))) == {"title", "description"}


def test_a_corpus_page_has_its_body_only_while_it_is_written(probed):
    """MkDocs reads every page of a language before it writes the first; a corpus page's body is made
    as the page is written (hooks/corpus_pages.py), so while any page is written no other corpus page
    holds one. Only hand-written pages (docs/, a fixed few) keep theirs from reading to writing."""
    _site, seen = probed
    assert sorted(seen["pages"]) == sorted([DEFAULT, TRANSLATED[0]])
    for lang, held in seen["pages"].items():
        assert held["pages"] > 20, lang
        assert held["corpus_bodies_held"] == [], lang
        assert len(held["hand_written_bodies_held"]) < 20, lang  # docs/<lang>/*.md, whatever the number of documents


def test_search_entries_are_taken_page_by_page(probed):
    """Material indexes a page as it is written; its entries leave the plugin before the next page
    (hooks/search_index.py spools them), so it never holds another page's entries."""
    _site, seen = probed
    for lang, held in seen["pages"].items():
        assert held["entries_of_other_pages"] == [] and held["entries_left_after_a_page"] == 0, lang


def test_a_build_keeps_no_memo_for_a_next_build(probed):
    """The memos of parsed files, layout answers and workbooks are for `mkdocs serve`, which builds again at each save."""
    _site, seen = probed
    assert (seen["parsed_files_kept"], seen["layouts_kept"], seen["workbooks_kept"]) == (0, 0, 0)


def test_each_language_index_is_written_as_its_build_ends_and_nothing_is_stacked_up(probed):
    """After every language is built, mkdocs-static-i18n has stacked up no search entries, and
    Material's merged index at the root is replaced by the default language's own."""
    site, seen = probed
    assert seen["stacked_search_entries"] == 0
    for lang, root in ((DEFAULT, site), (TRANSLATED[0], site / TRANSLATED[0])):
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"] and index["config"]["lang"] == [lang if lang in LUNR_LANGUAGES else "en"]
        assert all(not doc["location"].startswith(f"{TRANSLATED[0]}/") for doc in index["docs"])  # relative to its own root


def test_a_between_builds_memo_keeps_only_when_rebuilds_are_expected():
    from aiprinciples.memo import LruMemo, expect_rebuilds

    made = []
    within, between = LruMemo(2), LruMemo(2, between_builds=True)
    try:
        for memo in (within, between):
            assert memo.get("a", lambda: made.append(1) or "A") == memo.get("a", lambda: made.append(1) or "A") == "A"
        assert len(made) == 2 and len(between) == 1  # made once each, kept while rebuilds are expected
        expect_rebuilds(False)
        assert len(between) == 0  # emptied at once
        assert between.get("b", lambda: made.append(1) or "B") == between.get("b", lambda: made.append(1) or "B") == "B"
        assert len(made) == 4 and len(between) == 0  # made each time, never kept
        within.get("c", lambda: "C")
        assert list(within) == ["a", "c"]  # a memo used within one build keeps working
    finally:
        expect_rebuilds(True)


def test_a_memo_bounded_by_weight_drops_the_least_recently_used_and_keeps_the_newest():
    from aiprinciples.memo import LruMemo

    memo = LruMemo(10, weight=len)
    memo.get("a", lambda: b"aaaa")
    memo.get("b", lambda: b"bbbb")
    memo.get("a", lambda: b"")  # used again: b is now the least recently used
    memo.get("c", lambda: b"cccc")
    assert list(memo) == ["a", "c"] and memo.size == 8
    memo.get("d", lambda: b"d" * 20)  # heavier than the limit: kept alone
    assert list(memo) == ["d"] and memo.size == 20
    memo.clear()
    assert len(memo) == memo.size == 0
