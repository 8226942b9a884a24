"""Every language translates every id of every source, and nothing else."""

from __future__ import annotations

import pytest

from aiprinciples.fingerprint import fingerprint
from aiprinciples.loader import load_corpus
from aiprinciples.status import statuses
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus
PAIRS = [(lang, source) for lang in CORPUS.languages if lang != "en" for source in CORPUS.sources]


def test_five_languages_are_configured():
    assert list(CORPUS.languages) == ["en", "es", "fr", "ko", "pt"]


@pytest.mark.parametrize(("lang", "source"), PAIRS)
def test_translation_covers_every_id(lang, source):
    path = f"translations/{lang}/{source}.yaml"
    translation = CORPUS.translations.get((lang, source))
    assert translation is not None, f"{path} is missing: run `aiprinciples scaffold {lang}`"
    units = CORPUS.sources[source]
    missing = [i for i in units if i not in translation.entries or not translation.entries[i].text.strip()]
    extra = [i for i in translation.entries if i not in units]
    assert missing == [], f"edit {path}: translate {missing}"
    assert extra == [], f"edit {path}: remove {extra}"


@pytest.mark.parametrize(("lang", "source"), PAIRS)
def test_fingerprints_are_current(lang, source):
    translation = CORPUS.translations[(lang, source)]
    outdated = [i for i, e in translation.entries.items() if e.fingerprint != fingerprint(CORPUS.sources[source][i])]
    assert outdated == [], f"translations/{lang}/{source}.yaml: outdated {outdated}"


def test_status_is_complete_for_five_languages_and_two_documents():
    rows = [r for r in statuses(CORPUS) if r.source in ("win", "aie")]
    assert len(rows) == 10
    assert all(r.translated == r.total and r.outdated == 0 for r in rows)
