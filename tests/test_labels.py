"""The translation policy: official texts are named as such; every project translation says how it was made."""

from __future__ import annotations

import pytest

from aiprinciples.status import statuses
from tests.corpus import CORPUS

pytestmark = pytest.mark.languages


@pytest.mark.parametrize("key", sorted(CORPUS.translations), ids=lambda k: f"{k[0]}-{k[1]}")
def test_translation_states_method_and_review(key):
    translation = CORPUS.translations[key]
    assert translation.status in ("official", "unofficial")
    if translation.status == "unofficial":
        assert translation.method in ("machine-assisted", "human")
        # Review state is per entry: reviewed_by/reviewed_on both set, or neither.
        for unit_id, entry in translation.entries.items():
            assert (entry.reviewed_by is None) == (entry.reviewed_on is None), unit_id
    else:
        assert translation.method == "official" and translation.source_file


def test_only_wins_korean_text_is_official():
    official = sorted(k for k, t in CORPUS.translations.items() if t.status == "official")
    assert official == [("ko", "win")]


def test_aie_spanish_links_to_the_original():
    assert CORPUS.translations[("es", "aie")].official_url == "https://www.aie.es/?p=57420"


def test_korean_notes_record_where_the_official_korean_differs():
    entries = CORPUS.translations[("ko", "win")].entries
    assert "on fairly negotiated terms" in entries["win-1-4"].note
    assert "and/or watermarked" in entries["win-4-3"].note


def test_status_reports_unreviewed_machine_assisted_translations():
    rows = {(r.language, r.source): r for r in statuses(CORPUS)}
    assert rows[("es", "win")].status == "unofficial" and rows[("es", "win")].method == "machine-assisted"
    assert rows[("es", "win")].review_state == "no"
    assert rows[("ko", "win")].review_state == "n/a"
