"""The search index holds each page's own text, not lists that grow with the number of documents."""

from __future__ import annotations

import html
import json
import re

import pytest

from aiprinciples.loader import load_corpus
from aiprinciples.site.pages import lang_prefix
from tests.conftest import ROOT

TAG = re.compile(r"<[^>]+>")
RELATED = re.compile(r'<p class="ap-point__related"[^>]*>(.*?)</p>', re.S)


def _plain(text: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


@pytest.mark.parametrize("lang", list(load_corpus(ROOT).corpus.published))
def test_related_points_are_kept_out_of_the_search_index(real_site, lang):
    site, _url = real_site
    corpus = load_corpus(ROOT).corpus
    root = site / lang_prefix(corpus, lang)
    related = set()
    for doc in corpus.documents.values():
        for principle in doc.principles:
            page = (root / doc.id / principle.slug / "index.html").read_text(encoding="utf-8")
            for match in RELATED.finditer(page):
                assert "data-search-exclude" in match.group(0)
                related.add(_plain(match.group(1)))
    assert related
    indexed = " | ".join(_plain(entry["text"]) for entry in json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])
    assert not [line for line in related if line in indexed]


@pytest.mark.parametrize("lang", list(load_corpus(ROOT).corpus.published))
def test_each_point_is_found_at_its_principle_page_and_not_again_where_it_is_shown_twice(real_site, lang):
    """Parallel texts and theme pages show every point again: search finds it once, at its permanent
    home, and a language's index stays the size of its texts (at 100 documents it was three times that)."""
    site, _url = real_site
    corpus = load_corpus(ROOT).corpus
    index = json.loads((site / lang_prefix(corpus, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_page: dict[str, str] = {}
    for entry in index:
        page = entry["location"].split("#", 1)[0]
        by_page[page] = by_page.get(page, "") + " | " + _plain(entry.get("title", "") + " " + entry["text"])
    shown_twice = {page: text for page, text in by_page.items() if page.startswith(("parallel/", "themes/"))}
    assert any(page.startswith("parallel/") for page in shown_twice) and any(page.count("/") == 2 and page.startswith("themes/") for page in shown_twice)
    for doc in corpus.documents.values():
        for principle in doc.principles:
            for point in principle.points:
                text = " ".join(corpus.text(doc.id, point.id, lang)[0].split())
                assert text in by_page[f"{doc.id}/{principle.slug}/"], point.id
                assert [page for page, words in shown_twice.items() if text in words] == [], point.id


MATERIAL_CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}


@pytest.mark.parametrize("lang", list(load_corpus(ROOT).corpus.languages))
def test_a_spooled_index_is_the_whole_index_written_at_once(tmp_path, lang):
    """Pages' entries added one page at a time give, byte for byte, the index json.dumps would write
    from all of them at once: addresses relative to the language's root, accents folded, keys sorted."""
    from aiprinciples.site.search_index import FOLDED, LanguageIndex, index_config

    corpus = load_corpus(ROOT).corpus
    root = lang_prefix(corpus, lang)
    pages = [
        [{"location": f"{root}win/copyright/", "title": "Droit d’auteur", "text": "Rémunération équitable"}, {"location": f"{root}win/copyright/#win-1-3", "title": "1.3", "text": "plain", "boost": 2}],
        [],
        [{"location": f"{root}about/", "title": "저작권", "text": "\"quoted\" </script> \\ 목소리·스타일", "tags": ["a", "b"]}],
    ]
    index = LanguageIndex(corpus, lang)
    for entries in pages:
        index.add(entries)
    with pytest.raises(ValueError):
        index.write(tmp_path)  # before its build ended: Material's configuration is not known yet
    index.material_config = MATERIAL_CONFIG
    index.write(tmp_path)
    docs = [{**entry, "location": entry["location"].removeprefix(root)} for entries in pages for entry in entries]
    docs[0][FOLDED] = "Droit d’auteur Remuneration equitable"
    expected = json.dumps({"config": index_config(lang, MATERIAL_CONFIG), "docs": docs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    folder = tmp_path / root / "search"
    assert (folder / "search_index.json").read_text(encoding="utf-8") == expected
    assert (folder / "search_index.js").read_text(encoding="utf-8") == f"var __index = {expected};\n"
    assert len(index) == 3 and json.loads(expected)["docs"][2]["text"].endswith("목소리·스타일")
