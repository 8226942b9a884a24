"""Editorial notes on the English text are units of their own ("<id>.note"): translated like any text,
optional for a published language (shown in English until translated), never the issuer's words."""

from __future__ import annotations

import pytest

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.model import is_note_unit, note_unit
from tests.conftest import replace
from tests.test_validation import line_of

CORPUS = load_corpus(__import__("tests.conftest", fromlist=["ROOT"]).ROOT).corpus
NOTED = [(doc.id, unit_id) for doc in CORPUS.documents.values() for unit_id in doc.notes]


def found(project):
    return {(p.path, p.line, p.rule, p.severity) for p in check(project)}


@pytest.mark.parametrize(("doc_id", "unit_id"), NOTED)
def test_every_note_on_the_english_is_a_translatable_unit_after_its_text(doc_id, unit_id):
    units = list(CORPUS.sources[doc_id])
    assert units.index(note_unit(unit_id)) == units.index(unit_id) + 1
    assert CORPUS.sources[doc_id][note_unit(unit_id)] == CORPUS.documents[doc_id].notes[unit_id]
    assert note_unit(unit_id) not in CORPUS.documents[doc_id].units()  # a note is not a text of the document


@pytest.mark.parametrize("lang", [code for code in CORPUS.published if code != CORPUS.default_language])
def test_published_languages_translate_every_note_on_the_english(lang):
    for doc_id, unit_id in NOTED:
        entry = CORPUS.translations[(lang, doc_id)].entries.get(note_unit(unit_id))
        assert entry is not None and entry.text.strip(), f"{lang}: {note_unit(unit_id)}"
        assert CORPUS.provenance(doc_id, note_unit(unit_id), lang).kind == "site"
        assert not CORPUS.translations[(lang, doc_id)].is_official(note_unit(unit_id))


def test_a_new_english_note_warns_published_languages_and_never_stops_them(project):
    replace(project / "principles/win.yaml", "notes:\n", 'notes:\n  win-1-1: "A new note on the English text."\n')
    problems = found(project)
    assert not [p for p in problems if p[3] == "error"], problems
    for lang in [code for code in CORPUS.published if code != CORPUS.default_language]:
        assert (f"translations/{lang}/win.yaml", line_of(project / f"translations/{lang}/win.yaml", "entries:"), "untranslated-note", "warning") in problems


def test_a_changed_english_note_makes_its_translations_outdated(project):
    replace(project / "principles/win.yaml", "whose address was not preserved", "whose address was lost")
    problems = found(project)
    lang = next(code for code in CORPUS.published if code != CORPUS.default_language)
    path = f"translations/{lang}/win.yaml"
    assert (path, line_of(project / path, "  win-closing-3.note:"), "outdated", "warning") in problems


def test_a_note_cannot_claim_to_be_the_issuers_wording(project):
    path = project / "translations/es/win.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  win-closing-3.note:")
    end = text.index("    text_fingerprint:", start)
    path.write_text(text[:end] + '    status: "official"\n    source_file: "win-principles.en.txt"\n' + text[end:], encoding="utf-8")
    assert ("translations/es/win.yaml", line_of(path, 'status: "official"', text[:start].count('status: "official"') + 1), "provenance", "error") in found(project)


def test_follows_original_needs_a_document_text_and_a_note(project):
    themes = project / "translations/fr/themes.yaml"
    replace(themes, '    text: "Consentement', '    follows: "original"\n    text: "Consentement')
    aie = project / "translations/pt/aie.yaml"
    replace(aie, "  aie-2-1:\n", "  aie-2-1:\n    follows: \"original\"\n")
    problems = found(project)
    assert ("translations/fr/themes.yaml", line_of(themes, 'follows: "original"'), "provenance", "error") in problems
    assert ("translations/pt/aie.yaml", line_of(aie, 'follows: "original"'), "provenance", "error") in problems


def test_note_units_are_recognised_by_their_suffix():
    assert is_note_unit("aie-1-1.note") and not is_note_unit("aie-1-1") and not is_note_unit("consent.name")
