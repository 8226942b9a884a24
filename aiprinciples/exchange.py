"""TBX and TMX export, for CAT tools (OmegaT, Trados, memoQ, Weblate): a language's termbase and its aligned texts.

TBX: one term entry per term of translations/<lang>/glossary.yaml (the English and its
other forms beside the prescribed term and its variants, with the glossary's note and
source), and one per organisation name with its grammatical forms.

TMX: one translation unit per translated unit of every source (documents, themes,
interface), the English it was translated from beside the translation; tuid and the
x-context prop are the unit id, and props say whose words it is (official or the
project's translation), how it was made, whether a person reviewed it, and whether the
English changed since.

Both are built with translate-toolkit and are reproducible: no date is written, so an
unchanged corpus exports the same bytes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree
from translate.storage import tbx, tmx

from aiprinciples.fingerprint import fingerprint
from aiprinciples.loader import GLOSSARY_FILE, TRANSLATIONS
from aiprinciples.model import Corpus, Entry, Translation
from aiprinciples.translate import Refused, usable


def export_tbx(root: Path, lang: str) -> str:
    corpus = usable(root, lang).corpus
    glossary = corpus.glossaries.get(lang)
    if glossary is None:
        raise Refused(f"{TRANSLATIONS}/{lang}/{GLOSSARY_FILE} does not exist or does not load: write it (see CONTRIBUTING.md), and run `aiprinciples check`.")
    return tbx_text(corpus, lang, glossary)


def tbx_text(corpus: Corpus, lang: str, glossary: dict) -> str:
    tag = corpus.tag(lang)
    store = tbx.tbxfile(sourcelanguage=corpus.default_language, targetlanguage=tag)
    ids: set[str] = set()
    for term in glossary["terms"]:
        explanation = "\n".join(part for part in (term.get("note"), f"Source: {term['source']}" if term.get("source") else None) if part)
        add_term(store, unique_id(ids, "term-" + slug(term["en"])), [term["en"], *term.get("en_forms", [])], [term["term"], *term.get("variants", [])], tag, explanation)
    for name, forms in corpus.name_forms(lang).items():
        listed = "; ".join(f"{form}: {text}" for form, text in forms.items())
        add_term(store, unique_id(ids, "name-" + slug(name)), [name], [name], tag, f"Grammatical forms, used in ui.yaml as {{document|FORM}} and {{issuer|FORM}}: {listed}")
    return serialized(store)


def add_term(store: tbx.tbxfile, term_id: str, english: list[str], terms: list[str], tag: str, explanation: str) -> None:
    unit = store.addsourceunit(english[0])
    unit.setid(term_id)
    unit.set_source_terms(english, store.sourcelanguage)
    unit.set_target_terms(terms, tag)
    if explanation:
        unit.set_common_note(explanation)  # a note of the target language, before its terms


def export_tmx(root: Path, lang: str) -> str:
    return tmx_text(usable(root, lang).corpus, lang)


def tmx_text(corpus: Corpus, lang: str) -> str:
    tag = corpus.tag(lang)
    store = tmx.tmxfile(sourcelanguage=corpus.default_language, targetlanguage=tag)
    for source, units in corpus.sources.items():
        translation = corpus.translations.get((lang, source))
        if translation is None:
            continue
        for unit_id, english in units.items():
            entry = translation.entries.get(unit_id)
            if entry is not None and entry.text.strip():
                add_unit(store, unit_id, english, entry, translation, tag)
    return serialized(store)


def add_unit(store: tmx.tmxfile, unit_id: str, english: str, entry: Entry, translation: Translation, tag: str) -> None:
    # The English the text translates: the current one, or, when outdated, the one recorded in `en`.
    unit = store.addsourceunit(entry.en, store.sourcelanguage)
    unit.settarget(entry.text, tag)
    unit.xmlelement.set("tuid", unit_id)
    if entry.note:
        unit.addnote(entry.note)
    unit.setcontext(unit_id)
    for name, value in provenance(unit_id, english, entry, translation).items():
        prop = etree.Element(unit.namespaced("prop"), type=name)
        prop.text = value
        unit.xmlelement.insert(unit.xmlelement.index(unit.xmlelement.find(unit.namespaced("tuv"))), prop)  # TMX: note, prop, then tuv


def provenance(unit_id: str, english: str, entry: Entry, translation: Translation) -> dict[str, str]:
    official = translation.is_official(unit_id)
    reviewed = {
        "reviewed": f"reviewed by {entry.reviewed_by} on {entry.reviewed_on}",
        "changed": f"reviewed by {entry.reviewed_by} on {entry.reviewed_on}; the text changed since",
    }.get(entry.review_state, "not reviewed")
    return {
        "x-file": translation.path,
        "x-provenance": "official" if official else "project translation",
        "x-method": "official" if official else translation.method,
        "x-review": "official text" if official else reviewed,
        "x-state": "current" if entry.fingerprint == fingerprint(english) else "outdated: the English changed since",
    }


def serialized(store) -> str:
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue().decode("utf-8")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def unique_id(taken: set[str], wanted: str) -> str:
    """An XML id not used yet in the file: a second "copyright" becomes "copyright-2"."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate
