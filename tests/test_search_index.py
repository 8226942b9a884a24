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
