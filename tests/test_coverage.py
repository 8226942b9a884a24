"""A published language translates every id of every source; any language translates nothing else.

The languages come from translations/languages.yaml (tests/corpus.py): a draft is partial by
design and judged only for what it has.
"""

from __future__ import annotations

import re

import pytest

from aiprinciples.checks import check
from aiprinciples.fingerprint import fingerprint
from aiprinciples.status import statuses
from tests.corpus import CORPUS, DEFAULT, PROJECT, PUBLISHED, TRANSLATED

pytestmark = pytest.mark.languages

PUBLISHED_PAIRS = [(lang, source) for lang in TRANSLATED for source in CORPUS.sources]
ALL_PAIRS = [(lang, source) for lang in CORPUS.languages if lang != DEFAULT for source in CORPUS.sources]
# An English correction leaves entries outdated: the checker warns, the pull request stays green.
EXPECTED_WARNINGS = ("outdated", "awaiting-issuer")


def test_published_languages_are_configured_with_the_default_first():
    assert PUBLISHED[0] == DEFAULT and set(PUBLISHED) <= set(CORPUS.languages) and len(PUBLISHED) > 1
    assert list(CORPUS.published) == [code for code in CORPUS.published if code in CORPUS.languages]


@pytest.mark.parametrize(("lang", "source"), PUBLISHED_PAIRS)
def test_published_translation_covers_every_id(lang, source):
    path = f"translations/{lang}/{source}.yaml"
    translation = CORPUS.translations.get((lang, source))
    assert translation is not None, f"{path} is missing: run `aiprinciples scaffold {lang}`"
    units = CORPUS.sources[source]
    missing = [i for i in units if i not in translation.entries or not translation.entries[i].text.strip()]
    assert missing == [], f"edit {path}: translate {missing}"


@pytest.mark.parametrize(("lang", "source"), ALL_PAIRS)
def test_translation_has_no_id_the_source_lacks(lang, source):
    translation = CORPUS.translations.get((lang, source))
    extra = [i for i in translation.entries if i not in CORPUS.sources[source]] if translation else []
    assert extra == [], f"edit translations/{lang}/{source}.yaml: remove {extra}"


@pytest.fixture(scope="module")
def problems():
    return check(PROJECT)


@pytest.mark.parametrize(("lang", "source"), ALL_PAIRS)
def test_every_outdated_entry_is_one_the_checker_warns_about(problems, lang, source):
    translation = CORPUS.translations.get((lang, source))
    if translation is None:
        return
    outdated = {i for i, e in translation.entries.items() if e.fingerprint != fingerprint(CORPUS.sources[source][i])}
    warned = {p.message.split(":", 1)[0] for p in problems if p.path == translation.path and p.rule in EXPECTED_WARNINGS}
    assert outdated == warned, f"translations/{lang}/{source}.yaml"


def test_the_corpus_has_no_problem_but_the_warnings_of_an_english_correction(problems):
    assert [str(p) for p in problems if p.rule not in EXPECTED_WARNINGS or p.severity != "warning"] == []


def test_status_counts_every_published_language_complete():
    rows = [r for r in statuses(CORPUS) if r.source in CORPUS.documents and r.language in PUBLISHED]
    assert len(rows) == len(PUBLISHED) * len(CORPUS.documents)
    assert all(r.translated == r.total and not r.draft for r in rows)



def test_the_site_description_never_hard_codes_the_number_of_languages():
    """A new language must not make the description false: it counts the languages of the build ({ $count }), never a written number."""
    import yaml

    counted = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+languages\b", re.IGNORECASE)
    descriptions = [CORPUS.ui["site_description"], yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").split("\nsite_url:", 1)[0])["site_description"]]
    assert [text for text in descriptions if counted.search(text)] == []
    assert not [lang for lang in PUBLISHED if any(ch.isdigit() for ch in CORPUS.text("ui", "site_description", lang)[0])]
