"""TBX and TMX export, for CAT tools: a language's termbase and its aligned texts.

TBX, two dialects (export-tbx --dialect):
- tbx-basic (the default): TBX-Basic of ISO 30042:2019 (TBX v3), DCA style, written with lxml:
  one conceptEntry per decided term of translations/<lang>/glossary.yaml, a langSec for the
  English (the term, then its other forms as admitted variants) and one for the language (the
  prescribed term, then its variants, each with its administrative status; the glossary's note
  and source on the prescribed term), and one per organisation name with its grammatical forms.
  tests/test_cat_formats.py validates it with the TBX-Basic RELAX NG grammar (tests/fixtures/tbx)
  and the dialect's Schematron rules.
- tbx-2008: TBX 2008 (MARTIF core, termEntry/langSet/tig), the dialect Translate Toolkit and so
  Weblate read; built with translate-toolkit, which reads it back in the tests.
A term not decided yet (`term: ""`, as scaffold seeds a draft's glossary) is left out.

TMX: one translation unit per translated unit of every source (documents, themes,
interface), the English it was translated from beside the translation; tuid and the
x-context prop are the unit id, and props say whose words it is (official or the
project's translation), how it was made, whether a person reviewed it, and whether the
English changed since.

Both are reproducible: no date is written, so an unchanged corpus exports the same bytes.
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


def export_tbx(root: Path, lang: str, dialect: str = "tbx-basic") -> str:
    corpus = usable(root, lang).corpus
    glossary = corpus.glossaries.get(lang)
    rel = f"{TRANSLATIONS}/{lang}/{GLOSSARY_FILE}"
    if glossary is None:
        raise Refused(f"{rel} does not exist or does not load: write it (see CONTRIBUTING.md), and run `aiprinciples check`.")
    if not decided(glossary) and not corpus.name_forms(lang):
        raise Refused(f"{rel} has no term decided yet (every `term:` is empty): a termbase needs at least one. Fill in `term:` for the terms you have chosen, then export again.")
    return (tbx_basic_text if dialect == "tbx-basic" else tbx_text)(corpus, lang, glossary)


def decided(glossary: dict) -> list[dict]:
    """The glossary's terms whose translation is decided (scaffold seeds them with `term: ""`)."""
    return [term for term in glossary["terms"] if term["term"].strip()]


def tbx_basic_text(corpus: Corpus, lang: str, glossary: dict) -> str:
    """TBX-Basic (ISO 30042:2019, DCA style) of one language's glossary."""
    tag, english = corpus.tag(lang), corpus.default_language
    root = etree.Element(TBX + "tbx", nsmap={None: TBX_NAMESPACE}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, english)
    header = etree.SubElement(etree.SubElement(root, TBX + "tbxHeader"), TBX + "fileDesc")
    etree.SubElement(etree.SubElement(header, TBX + "titleStmt"), TBX + "title").text = f"{corpus.languages[lang]} ({tag}) termbase of the principles for generative AI"
    etree.SubElement(etree.SubElement(header, TBX + "sourceDesc"), TBX + "p").text = f"Written by `aiprinciples export-tbx {lang}` from {TRANSLATIONS}/{lang}/{GLOSSARY_FILE}."
    body = etree.SubElement(etree.SubElement(root, TBX + "text"), TBX + "body")
    ids: set[str] = set()
    for term in decided(glossary):
        concept = etree.SubElement(body, TBX + "conceptEntry", id=unique_id(ids, "term-" + slug(term["en"])))
        _lang_sec(concept, english, [term["en"], *term.get("en_forms", [])])
        extras = [("note", {}, term.get("note")), ("admin", {"type": "source"}, term.get("source"))]
        _lang_sec(concept, tag, [term["term"], *term.get("variants", [])], extras)
    for name, forms in corpus.name_forms(lang).items():
        concept = etree.SubElement(body, TBX + "conceptEntry", id=unique_id(ids, "name-" + slug(name)))
        _lang_sec(concept, english, [name])
        listed = "; ".join(f"{form}: {text}" for form, text in forms.items())
        _lang_sec(concept, tag, [name], [("note", {}, f"Grammatical forms, used in ui.yaml as {{document|FORM}} and {{issuer|FORM}}: {listed}")])
    etree.indent(root, space="  ")
    models = "".join(f"<?xml-model {model}?>\n" for model in XML_MODELS)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + models + etree.tostring(root, encoding="unicode") + "\n"


def _lang_sec(concept, tag: str, terms: list[str], extras: list[tuple[str, dict, str | None]] = ()) -> None:
    """A langSec: the first term preferred, the others admitted; `extras` (note, source) on the first term."""
    section = etree.SubElement(concept, TBX + "langSec")
    section.set(XML_LANG, tag)
    for index, text in enumerate(dict.fromkeys(terms)):  # a form listed twice is one term
        term_sec = etree.SubElement(section, TBX + "termSec")
        etree.SubElement(term_sec, TBX + "term").text = text
        status = etree.SubElement(term_sec, TBX + "termNote", type="administrativeStatus")
        status.text = "preferredTerm-admn-sts" if index == 0 else "admittedTerm-admn-sts"
        if index == 0:
            for element, attributes, value in extras:
                if value:
                    etree.SubElement(term_sec, TBX + element, **attributes).text = value


def tbx_text(corpus: Corpus, lang: str, glossary: dict) -> str:
    """TBX 2008 (MARTIF core), as Translate Toolkit writes and reads it."""
    tag = corpus.tag(lang)
    store = tbx.tbxfile(sourcelanguage=corpus.default_language, targetlanguage=tag)
    ids: set[str] = set()
    for term in decided(glossary):
        explanation = "\n".join(part for part in (term.get("note"), f"Source: {term['source']}" if term.get("source") else None) if part)
        add_term(store, unique_id(ids, "term-" + slug(term["en"])), [term["en"], *term.get("en_forms", [])], [term["term"], *term.get("variants", [])], tag, explanation)
    for name, forms in corpus.name_forms(lang).items():
        listed = "; ".join(f"{form}: {text}" for form, text in forms.items())
        add_term(store, unique_id(ids, "name-" + slug(name)), [name], [name], tag, f"Grammatical forms, used in ui.yaml as {{document|FORM}} and {{issuer|FORM}}: {listed}")
    for note in store.document.getroot().iter(store.namespaced("note")):
        note.attrib.pop("from", None)  # Translate Toolkit's own marker: MARTIF's core DTD declares no such attribute
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


# Constant data.
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
TBX = "{" + TBX_NAMESPACE + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECTS = ("tbx-basic", "tbx-2008")
# Where the dialect's schemas are published (the xml-model processing instructions TBX-Basic files carry).
XML_MODELS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
)
