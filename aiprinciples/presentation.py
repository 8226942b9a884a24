"""One presentation of every unit, per language: its text, whose words it is, its state and every note on it.

Built once per corpus and language from the checked corpus; every surface of the site (document,
principle, theme, parallel and share pages, citations, preview images, open data, print) renders a
unit from here, so none can drop a note or a label. Plain data, no HTML, no MkDocs.

Whose words (Unit.provenance.label):
- issuer-original       the issuer's own wording in its original language (WIN's English, AIE's Spanish title)
- issuer-translation    the issuer's own translation (AIE's English, WIN's Korean)
- site-translation      this site's translation, made from the English the issuer published
- site-back-translation this site's translation into the issuer's original language (AIE's Spanish),
                        made from the issuer's English; `follows_original` where it follows the original instead
- untranslated          the English shown where a language has no translation yet

Notes (Note.kind):
- editorial   this site's editorial note on the issuer's wording shown (never a "translator's note")
- base        this site's editorial note on the English text a translation was made from, in the page's
              language where translated, else in English (Note.lang says which)
- translator  the translator's note on this site's translation
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiprinciples.model import Corpus, Document, Provenance, note_unit
from aiprinciples.site.pages import unit_index


@dataclass(frozen=True)
class Note:
    kind: str  # "editorial", "base" or "translator"
    text: str
    lang: str  # the language the note is written in


@dataclass(frozen=True)
class Unit:
    id: str
    document: str  # document id
    kind: str  # "title", "subtitle", "preamble", "heading", "closing", "principle", "point"
    number: str  # "1.3" for a point, "1" for a principle, "" otherwise
    text: str  # plain text in the page's language, or in English where untranslated
    lang: str  # the language of `text`
    provenance: Provenance
    state: str  # "current", "outdated" (the English changed since this translation) or "awaiting-issuer"
    review: str  # this site's translation: "none", "reviewed" or "changed" (since the review); "" otherwise
    notes: tuple[Note, ...]
    path: str  # the page the unit lives on, below the language root
    anchor: str  # its anchor there ("" for a principle, the top of its page)
    themes: tuple[str, ...] = ()
    principle: str = ""  # a point's principle id
    issuer: str = ""  # the document's organisation, short name
    qa: tuple[str, ...] = ()  # in a draft's preview: the translation-QA rules the checker's warnings name for this text

    @property
    def marker(self) -> str:
        """What the marker after the text says, "" for the issuer's own wording: site-translation,
        site-back-translation, follows-original or untranslated."""
        p = self.provenance
        if p.kind == "project":
            return "follows-original" if p.follows_original else p.label
        return "untranslated" if p.kind == "untranslated" else ""

    @property
    def label(self) -> str:
        """"WIN 1.3", "AIE 4"; "" for a document's other texts."""
        return f"{self.issuer} {self.number}" if self.number else ""


def units(corpus: Corpus, lang: str) -> dict[str, Unit]:
    """Every unit of every document in `lang`, by id, in reading order (computed once per corpus and language)."""
    cached = vars(corpus).setdefault(_CACHE, {})
    if lang not in cached:
        cached[lang] = {unit.id: unit for doc in corpus.documents.values() for unit in _document_units(corpus, doc, lang)}
    return cached[lang]


def unit(corpus: Corpus, lang: str, unit_id: str) -> Unit:
    return units(corpus, lang)[unit_id]


def _document_units(corpus: Corpus, doc: Document, lang: str):
    index = unit_index(corpus)
    kinds = _kinds(doc)
    for unit_id in doc.units():
        kind, number, themes, principle = kinds[unit_id]
        raw, shown = corpus.text(doc.id, unit_id, lang)
        provenance = corpus.provenance(doc.id, unit_id, lang)
        try:
            path, anchor = index.location(unit_id)
        except KeyError:  # the title, preamble and closing live on the document page
            path, anchor = f"{doc.id}/", unit_id
        yield Unit(
            id=unit_id, document=doc.id, kind=kind, number=number, text=plain(raw), lang=shown, provenance=provenance,
            state=_state(corpus, doc, unit_id, lang, provenance), review=_review(corpus, doc, unit_id, lang, provenance),
            notes=tuple(_notes(corpus, doc, unit_id, lang, provenance)), path=path, anchor=anchor, themes=themes,
            principle=principle, issuer=doc.short_name, qa=tuple(corpus.qa_flagged.get((lang, doc.id, unit_id), ())),
        )


def _notes(corpus: Corpus, doc: Document, unit_id: str, lang: str, provenance: Provenance):
    """Every note on a unit, in the order a reader needs them: on the text shown, then on its English, then the translator's."""
    english = corpus.default_language
    translation = corpus.translations.get((lang, doc.id)) if lang != english else None
    entry = translation.entries.get(unit_id) if translation else None
    own = entry.note if entry is not None and entry.text.strip() else None
    base = doc.notes.get(unit_id)
    if provenance.kind == "issuer" and own:
        yield Note("editorial", own, lang)  # e.g. on WIN's official Korean: where it departs from the English
    if base:
        # The English's note: on the English itself where it is shown, on the English a translation was made from otherwise.
        text, note_lang = corpus.text(doc.id, note_unit(unit_id), lang) if lang != english else (base, english)
        yield Note("editorial" if provenance.language == english else "base", text, note_lang)
    if provenance.kind == "project" and own:
        yield Note("translator", own, lang)


def _state(corpus: Corpus, doc: Document, unit_id: str, lang: str, provenance: Provenance) -> str:
    if provenance.kind not in ("issuer", "project") or lang == corpus.default_language:
        return "current"
    entry = corpus.translations[(lang, doc.id)].entries[unit_id]
    if not entry.is_outdated(corpus.sources[doc.id][unit_id]):
        return "current"
    return "awaiting-issuer" if provenance.kind == "issuer" else "outdated"


def _review(corpus: Corpus, doc: Document, unit_id: str, lang: str, provenance: Provenance) -> str:
    if provenance.kind != "project":
        return ""
    return corpus.translations[(lang, doc.id)].entries[unit_id].review_state


def plain(text: str) -> str:
    """A text as the site shows it: "[here](#)", a link whose address the source lost, becomes its words."""
    return LOST_LINK.sub(r"\1", text)


def _kinds(doc: Document) -> dict[str, tuple[str, str, tuple[str, ...], str]]:
    """unit id -> (kind, number, themes, principle id)."""
    out = {doc.title_id: ("title", "", (), "")}
    if doc.subtitle:
        out[doc.subtitle.id] = ("subtitle", "", (), "")
    out.update((p.id, ("heading" if p.kind == "heading" else "preamble", "", (), "")) for p in doc.preamble)
    for principle in doc.principles:
        out[principle.id] = ("principle", str(principle.number), principle.themes, principle.id)
        out.update((pt.id, ("point", f"{principle.number}.{pt.number}", pt.themes, principle.id)) for pt in principle.points)
    out.update((p.id, ("heading" if p.kind == "heading" else "closing", "", (), "")) for p in doc.closing)
    return out


# Constant data.
LOST_LINK = re.compile(r"\[([^\]\[]*)\]\(#\)")
_CACHE = "_presentation"  # where units() keeps its results on the corpus (which never changes once loaded)
