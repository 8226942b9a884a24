"""Official wording is verbatim from the project's copy of the sources, and none of it is missing."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.conftest import ROOT
from tests.corpus import CORPUS, PROJECT

pytestmark = pytest.mark.languages
SOURCES = PROJECT / "principles" / "sources"
MARKER = re.compile(r"^(- |– |\d+\. )")

# (source file, language, document): every official text the corpus holds.
OFFICIAL = [("win-principles.en.txt", "en", "win"), ("win-principles.ko.txt", "ko", "win"), ("aie-principles.en.txt", "en", "aie")]


def source_sentences(name: str) -> list[str]:
    """Non-empty lines of a source text, list markers and numbering removed."""
    return [MARKER.sub("", line) for line in (SOURCES / name).read_text(encoding="utf-8").split("\n") if line.strip()]


def corpus_texts(lang: str, doc_id: str) -> dict[str, str]:
    units = CORPUS.documents[doc_id].units()
    if lang == "en":
        return units
    return {unit_id: CORPUS.translations[(lang, doc_id)].entries[unit_id].text for unit_id in units}


# Official words the shared sources record in their README rather than in a text file of their own.
FROM_SHARED_README = ["aie-principles-title.es.txt"]


def test_project_copy_of_sources_matches_shared_sources_when_present():
    shared = ROOT.parent / "shared" / "sources"
    if not shared.is_dir():  # the project's own copy is the authority on machines without shared/
        assert sorted(p.name for p in SOURCES.iterdir()) == sorted(["README.md", "aie-principles.en.txt", "win-news-2024-05-21.en.txt", "win-press-release-2024-05-21.en.txt", "win-principles.en.txt", "win-principles.ko.txt", *FROM_SHARED_README])
        return
    # The texts themselves are compared; each folder's README is its own description.
    texts = sorted(p.name for p in shared.iterdir() if p.suffix == ".txt")
    assert sorted([*texts, *FROM_SHARED_README]) == sorted(p.name for p in SOURCES.iterdir() if p.suffix == ".txt")
    for name in texts:
        assert (SOURCES / name).read_bytes() == (shared / name).read_bytes(), f"principles/sources/{name} differs from shared/sources"
    readme = " ".join((shared / "README.md").read_text(encoding="utf-8").split())
    for name in FROM_SHARED_README:
        for line in (SOURCES / name).read_text(encoding="utf-8").splitlines():
            assert f'"{line}"' in readme, f"principles/sources/{name}: {line!r} is not quoted word for word in shared/sources/README.md"


def test_the_spanish_aie_title_is_aies_own_wording():
    translation = CORPUS.translations[("es", "aie")]
    entry = translation.entries["aie-title"]
    assert entry.status == "official" and entry.source_file == "aie-principles-title.es.txt"
    assert (SOURCES / entry.source_file).read_text(encoding="utf-8").splitlines() == [entry.text]
    provenance = CORPUS.provenance("aie", "aie-title", "es")
    assert provenance.label == "issuer-original"
    assert CORPUS.provenance("aie", "aie-1-1", "es").label == "site-back-translation"


@pytest.mark.parametrize(("source", "lang", "doc_id"), OFFICIAL)
def test_every_official_text_is_verbatim(source, lang, doc_id):
    sentences = set(source_sentences(source))
    for unit_id, text in corpus_texts(lang, doc_id).items():
        assert text in sentences, f"{unit_id} ({lang}) is not word for word in principles/sources/{source}: {text!r}"


@pytest.mark.parametrize(("source", "lang", "doc_id"), OFFICIAL)
def test_every_sentence_of_the_source_is_in_the_corpus(source, lang, doc_id):
    texts = set(corpus_texts(lang, doc_id).values())
    missing = [s for s in source_sentences(source) if s not in texts]
    assert missing == [], f"sentences of principles/sources/{source} missing from the corpus: {missing}"


@pytest.mark.parametrize(("source", "lang", "doc_id"), OFFICIAL)
def test_official_texts_keep_the_order_of_the_source(source, lang, doc_id):
    sentences = source_sentences(source)
    # Titles may repeat at the top of a source (a page heading and the document title).
    order = [sentences.index(text) for text in corpus_texts(lang, doc_id).values()]
    assert order == sorted(order)


def test_counts_match_the_documents():
    win, aie = CORPUS.documents["win"], CORPUS.documents["aie"]
    assert [len(p.points) for p in win.principles] == [4, 4, 4, 4, 4]
    assert [len(p.points) for p in aie.principles] == [2, 1, 1, 2, 1, 1, 1]
    assert len(win.preamble) == 4 and len(win.closing) == 3
    assert len(aie.preamble) == 4 and [p.kind for p in aie.closing] == ["paragraph", "heading", "paragraph", "paragraph", "paragraph"]


def test_typography_is_kept():
    # Curly quotes and apostrophes of the sources, never "corrected" to straight ones.
    assert "“training”" in CORPUS.documents["win"].units()["win-1-1"]
    assert "creators’ voice" in CORPUS.documents["win"].units()["win-1-3"]
    assert CORPUS.documents["aie"].units()["aie-closing-5"].endswith("of our society")


def test_corpus_text_is_nfc():
    for (lang, source), translation in CORPUS.translations.items():
        for unit_id, entry in translation.entries.items():
            assert unicodedata.is_normalized("NFC", entry.text), f"{lang}/{source}/{unit_id}"
