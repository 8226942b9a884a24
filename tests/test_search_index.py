"""The search index holds each page's own text, not lists that grow with the number of documents."""

from __future__ import annotations

import html
import json
import re

import pytest

from aiprinciples.loader import load_corpus
from aiprinciples.site.outputs import LUNR_LANGUAGES
from aiprinciples.site.pages import lang_prefix
from tests.conftest import ROOT, replace
from tests.corpus import DEFAULT, TRANSLATED
from tests.sitebuild import build, only

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


def test_each_language_index_is_written_as_its_build_ends_and_nothing_is_stacked_up(project, tmp_path):
    """Memory holds one language's search entries at a time: after every language is built,
    mkdocs-static-i18n has stacked up none, and Material's merged index at the root is replaced by
    the default language's own."""
    (project / "count.py").write_text(
        "import json, pathlib\n"
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(-300)\n"
        "def on_post_build(config):\n"
        "    if not config.plugins['i18n'].building:\n"
        "        pathlib.Path(config.site_dir).parent.joinpath('stacked.json').write_text(json.dumps(len(config.plugins['i18n'].search_entries)))\n",
        encoding="utf-8",
    )
    replace(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - count.py\n")
    site = tmp_path / "site"
    result = build(project, "http://127.0.0.1:9/", site, environ=only(TRANSLATED[0]))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "stacked.json").read_text(encoding="utf-8")) == 0
    for lang, root in ((DEFAULT, site), (TRANSLATED[0], site / TRANSLATED[0])):
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"] and index["config"]["lang"] == [lang if lang in LUNR_LANGUAGES else "en"]
        assert all(not doc["location"].startswith(f"{TRANSLATED[0]}/") for doc in index["docs"])  # relative to its own root
