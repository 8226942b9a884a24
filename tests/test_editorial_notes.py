"""Editorial notes on official text (aiprinciples/qa.py, check_note_recommendations): they describe a
divergence and never recommend this site's wording; and WIN's official Korean has a note on every
substantive divergence the Korean review lists."""

from __future__ import annotations

import pytest

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.model import is_note_unit
from aiprinciples.qa import NOTE_RECOMMENDATION, recommendation_phrases, recommendations_in
from aiprinciples.yamlsafe import load_yaml
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus


def line_of(project, rel: str, *path) -> int:
    _data, lines, _problems = load_yaml(project / rel, rel)
    return lines[path]


def replace_once(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def recommendation_problems(project) -> list:
    return [p for p in check(project) if p.rule == NOTE_RECOMMENDATION]


# The rule and its lists.

@pytest.mark.parametrize("lang", CORPUS.published)
def test_every_published_language_keeps_a_list_of_recommendation_phrases(lang):
    assert lang in CORPUS.glossaries, f"translations/{lang}/glossary.yaml is missing"
    phrases = recommendation_phrases(CORPUS.glossaries[lang])
    assert len(phrases) >= 10, lang
    assert len({p.casefold() for p in phrases}) == len(phrases), f"{lang}: a phrase is listed twice"


def test_the_real_corpus_has_no_editorial_note_that_recommends():
    assert [str(p) for p in recommendation_problems(ROOT)] == []


def test_the_rule_meets_the_real_corpus():
    """Not vacuous: editorial notes on official text exist in the languages that have some, and each is judged."""
    official_notes = {
        lang: [unit_id for (code, _source), t in CORPUS.translations.items() if code == lang
               for unit_id, entry in t.entries.items() if entry.note and t.is_official(unit_id)]
        for lang in CORPUS.published
    }
    assert set(official_notes["ko"]) >= {unit_id for unit_id, _marker in KO_DIVERGENCES.values()}  # WIN's official Korean
    assert "aie-title" in official_notes["es"]  # AIE's own Spanish title
    english_notes = [unit_id for doc in CORPUS.documents.values() for unit_id in doc.notes]
    assert english_notes
    translated_notes = [unit_id for t in CORPUS.translations.values() for unit_id in t.entries if is_note_unit(unit_id)]
    assert len(translated_notes) >= len(english_notes)


def test_a_phrase_matches_in_any_case_and_nowhere_else():
    phrases = ("this site translates", "옮깁니다")
    assert recommendations_in("Here This Site Translates it as X.", phrases) == ["this site translates"]
    assert recommendations_in("초상으로 옮깁니다.", phrases) == ["옮깁니다"]
    assert recommendations_in("공식 한국어본은 “유사성”으로 옮겨졌습니다.", phrases) == []  # a description of the official text


# (file, where, old, new): `old` becomes `new` in the file; the problem is reported at the line of `where`.
BAD = [
    pytest.param(  # the sentence the Korean review (b-3) had removed from the 1.3 note
        "translations/ko/win.yaml", ("entries", "win-1-3", "note"), "“유사성”으로 옮겨졌습니다.",
        "“유사성”으로 옮겨졌습니다. 이 사이트의 번역과 용어집은 “training”을 “학습”으로, “likeness”를 “초상”으로 옮깁니다.", id="ko-win-1-3",
    ),
    pytest.param(
        "translations/ko/win.yaml", ("entries", "win-5-2", "note"), "“all”(모두)이 드러나지 않습니다.",
        "“all”(모두)이 드러나지 않습니다. AI 분야에서 “bias”에는 흔히 “편향”이 쓰이며, 이 사이트의 번역도 “편향”을 씁니다.", id="ko-win-5-2",
    ),
    pytest.param(  # AIE's own Spanish title is an official entry in a project file
        "translations/es/aie.yaml", ("entries", "aie-title", "note"), "la versión inglesa de AIE.\"",
        "la versión inglesa de AIE. Debería traducirse «afirma».\"", id="es-official-title",
    ),
    pytest.param(  # an editorial note on the English, in principles/
        "principles/win.yaml", ("notes", "win-closing-3"), "was not preserved.\"", "was not preserved. This site translates it as “there”.\"", id="en-principles",
    ),
    pytest.param(  # the French of an editorial note on the English
        "translations/fr/aie.yaml", ("entries", "aie-1-1.note", "text"), "ne figure que dans le texte anglais de l’AIE.\"",
        "ne figure que dans le texte anglais de l’AIE. Il faut lire « acteurs ».\"", id="fr-note-unit",
    ),
    pytest.param(
        "translations/pt/aie.yaml", ("entries", "aie-1-1.note", "text"), "só aparece no texto em inglês da AIE.\"",
        "só aparece no texto em inglês da AIE. Leia-se “agentes”.\"", id="pt-note-unit",
    ),
]


@pytest.mark.parametrize(("rel", "where", "old", "new"), BAD)
def test_a_recommending_editorial_note_is_refused_at_its_line(project, rel, where, old, new):
    replace_once(project / rel, old, new)
    found = recommendation_problems(project)
    line = line_of(project, rel, *where)
    assert [(p.path, p.line) for p in found] == [(rel, line)], [str(p) for p in found]
    printed = str(found[0])
    assert printed.startswith(f"{rel}:{line}: ") and printed.endswith(f"[{NOTE_RECOMMENDATION}]")
    assert "delete the sentence" in found[0].fix


def test_a_translators_note_may_say_what_the_translation_does(project):
    """A note on this site's own translation is not an editorial note on official text: not judged."""
    rel = "translations/fr/aie.yaml"
    replace_once(project / rel, "La date est donnée ici en français", "Ce site traduit la date en français")
    assert recommendation_problems(project) == []


def test_the_language_list_is_the_glossarys(project):
    """A phrase a glossary lists is refused; removing it from the list accepts the note."""
    rel = "translations/ko/win.yaml"
    replace_once(project / rel, "“유사성”으로 옮겨졌습니다.", "“유사성”으로 옮겨졌습니다. 이 사이트의 용어집은 “초상”을 씁니다.")
    assert len(recommendation_problems(project)) == 1
    replace_once(project / "translations/ko/glossary.yaml", ", \"이 사이트의 용어집\"", "")
    assert recommendation_problems(project) == []


# WIN's official Korean: one editorial note per substantive divergence.
# ../shared/reviews/ko.md, table (a), the 28 rows it counts as substantive (1-4, 6-11, 13, 15-18, 20-22,
# 24, 26-34): row -> the unit it is about and a word the note on that unit must contain to cover it.
KO_DIVERGENCES = {
    1: ("win-title", "“must”"),  # should and must both -어야 합니다
    2: ("win-preamble-2", "in and with music"),
    3: ("win-preamble-3", "“train”"),
    4: ("win-preamble-4", "exhaustive"),
    6: ("win-1-1", "including ‘training’ and outputs"),
    7: ("win-1-1", "“related”"),
    8: ("win-1-2", "cross border consistency"),
    9: ("win-1-3", "“All uses”"),
    10: ("win-1-3", "“딥러닝 또는 트레이닝”"),
    11: ("win-1-3", "“유사성”"),
    13: ("win-1-4", "on fairly negotiated terms"),
    15: ("win-2-2", "“developed”"),
    16: ("win-2-2", "“assist”"),
    17: ("win-2-2", "“대체해서는 안 됩니다”"),
    18: ("win-2-3", "must remain central"),
    20: ("win-3", "“창조자”"),
    21: ("win-3-1", "“a priority”"),
    22: ("win-3-2", "“Any content”"),
    24: ("win-3-4", "“유사성”"),
    26: ("win-4-1", "“accountability”"),
    27: ("win-4-2", "“auditability”"),
    28: ("win-4-3", "watermarked"),
    29: ("win-4-4", "“소유권”"),
    30: ("win-5", "hand-in-hand with music"),
    31: ("win-5-2", "“편견”"),
    32: ("win-5-4", "“proactively”"),
    33: ("win-closing-1", "“wellbeing”"),
    34: ("win-closing-2", "We invite all AI developers"),
}


def test_the_review_counts_28_substantive_divergences():
    assert len(KO_DIVERGENCES) == 28
    assert sorted(KO_DIVERGENCES) == [*range(1, 5), *range(6, 12), 13, *range(15, 19), *range(20, 23), 24, *range(26, 35)]


@pytest.mark.parametrize("row", sorted(KO_DIVERGENCES))
def test_every_substantive_divergence_of_wins_korean_has_an_editorial_note(row):
    unit_id, marker = KO_DIVERGENCES[row]
    translation = CORPUS.translations[("ko", "win")]
    assert translation.is_official(unit_id)
    note = translation.entries[unit_id].note or ""
    assert marker in note, f"ko.md row {row}: the editorial note on {unit_id} does not cover it ({marker} missing): {note!r}"
