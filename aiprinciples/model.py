"""The corpus as plain data: documents, themes, languages and translations.

Every translatable text is a *unit* with a permanent id. English units come from
principles/ (documents, themes) and translations/en/ui.yaml (interface); other
languages translate them unit by unit in translations/<lang>/<source>.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from aiprinciples.fingerprint import fingerprint


@dataclass
class Point:
    id: str
    number: int
    text: str
    themes: tuple[str, ...]
    principle_id: str
    aliases: tuple[str, ...] = ()  # former ids: their links and anchors keep working


@dataclass
class Principle:
    id: str
    number: int
    slug: str
    title: str
    themes: tuple[str, ...]
    points: list[Point]
    aliases: tuple[str, ...] = ()


@dataclass
class Paragraph:
    id: str
    text: str
    kind: str = "paragraph"  # or "heading"


@dataclass
class Document:
    id: str
    path: str
    meta: dict  # organisation, date, place, versions, links ... as written
    title_id: str
    title: str
    subtitle: Paragraph | None
    preamble: list[Paragraph]
    principles: list[Principle]
    closing: list[Paragraph]
    notes: dict[str, str]  # editorial notes on the English text, by unit id

    def units(self) -> dict[str, str]:
        """Every English text of the document by id, in reading order."""
        out = {self.title_id: self.title}
        if self.subtitle:
            out[self.subtitle.id] = self.subtitle.text
        out.update((p.id, p.text) for p in self.preamble)
        for principle in self.principles:
            out[principle.id] = principle.title
            out.update((pt.id, pt.text) for pt in principle.points)
        out.update((p.id, p.text) for p in self.closing)
        return out

    def translatable(self) -> dict[str, str]:
        """Every English unit a translation of this document holds: each text, then its editorial note ("<id>.note")."""
        out = {}
        for unit_id, text in self.units().items():
            out[unit_id] = text
            if unit_id in self.notes:
                out[note_unit(unit_id)] = self.notes[unit_id]
        return out

    def points(self) -> list[Point]:
        return [pt for pr in self.principles for pt in pr.points]

    def principle(self, principle_id: str) -> Principle:
        return next(p for p in self.principles if p.id == principle_id)

    @property
    def short_name(self) -> str:
        return self.meta["organisation"]["short_name"]

    @property
    def year(self) -> str:
        return str(self.meta["date"])[:4]


@dataclass
class Theme:
    id: str
    slug: str
    name: str
    description: str


@dataclass
class Entry:
    text: str
    en: str  # the English text this was translated from
    fingerprint: str  # fingerprint of `en`
    note: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    line: int = 0
    status: str | None = None  # "official" for one entry of the issuer's own wording in a project file
    follows: str | None = None  # "original": the text follows what is known of the issuer's original, not the English
    source_file: str | None = None  # that entry's file in principles/sources/
    qa_skip: dict[str, str] = field(default_factory=dict)  # translation-QA rule -> why it is silenced here
    reviewed_fingerprint: str | None = None  # fingerprint of `text` as the reviewer read it
    text_fingerprint: str | None = None  # fingerprint of `text` when a tool last recorded it as current

    def is_outdated(self, english: str) -> bool:
        """The English changed since this entry was written (an untranslated entry is never outdated)."""
        return bool(self.text.strip()) and self.fingerprint != fingerprint(english)

    @property
    def review_state(self) -> str:
        """"reviewed", "changed" (the text changed since its review) or "none"."""
        if not self.reviewed_by:
            return "none"
        return "reviewed" if self.reviewed_fingerprint == fingerprint(self.text) else "changed"


@dataclass
class Translation:
    source: str  # a document id, "themes" or "ui"
    language: str
    path: str
    status: str  # "official" or "unofficial"
    method: str  # "official", "machine-assisted" or "human"
    official_url: str | None
    source_file: str | None
    entries: dict[str, Entry]

    def is_official(self, unit_id: str) -> bool:
        """The issuer's own wording: the whole file is official, or this entry is. A note is always this site's."""
        if is_note_unit(unit_id):
            return False
        entry = self.entries.get(unit_id)
        return self.status == "official" or (entry is not None and entry.status == "official")


@dataclass
class Corpus:
    root: str
    default_language: str
    languages: dict[str, str]  # code -> name of the language in itself
    documents: dict[str, Document]
    themes: dict[str, Theme]
    ui: dict[str, str]  # English interface strings
    translations: dict[tuple[str, str], Translation] = field(default_factory=dict)  # (lang, source)
    glossaries: dict[str, dict] = field(default_factory=dict)  # lang -> glossary.yaml as written

    tags: dict[str, str] = field(default_factory=dict)  # code -> BCP 47 tag when more precise (pt -> pt-BR)
    published: tuple[str, ...] = ()  # languages the site publishes; the others are drafts
    all_languages: dict[str, str] = field(default_factory=dict)  # every configured language, when `languages` is restricted
    qa_flagged: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)  # (lang, source, unit) -> QA rules a draft's warnings name

    @property
    def configured_languages(self) -> dict[str, str]:
        """Every language of languages.yaml, also those a restricted build leaves out (for the status)."""
        return self.all_languages or self.languages

    def is_draft(self, language: str) -> bool:
        """A language in progress: checked for everything but completeness, never published."""
        return language not in self.published

    def restricted(self, languages: list[str]) -> Corpus:
        """The same corpus with only `languages` (in configured order): what one build of the site shows."""
        keep = {code: name for code, name in self.languages.items() if code in languages}
        return replace(self, languages=keep, all_languages=self.configured_languages)

    def tag(self, language: str) -> str:
        """The BCP 47 tag pages declare for a language (lang, hreflang): pt-BR for pt."""
        return self.tags.get(language, language)

    @cached_property
    def messages(self):
        """The interface messages (Project Fluent), formatted per language: aiprinciples.messages.Catalog."""
        from aiprinciples.messages import Catalog

        return Catalog(self)

    def name_forms(self, language: str) -> dict[str, dict[str, str]]:
        """Grammatical forms of organisation short names in a language: {"AIE": {"de": "de l’AIE"}}."""
        return self.glossaries.get(language, {}).get("names", {})

    @cached_property
    def sources(self) -> dict[str, dict[str, str]]:
        """The English units of every translatable source, by source name."""
        out = {doc_id: doc.translatable() for doc_id, doc in self.documents.items()}
        out["themes"] = theme_units(self.themes)
        out["ui"] = dict(self.ui)
        return out

    def provenance(self, source: str, unit_id: str, language: str) -> Provenance:
        """Whose words a unit is in a language, entry by entry: the issuer's own, this site's translation, or English shown."""
        text, shown = self.text(source, unit_id, language)
        if source not in self.documents or is_note_unit(unit_id):
            return Provenance("site" if shown == language or language == self.default_language else "untranslated", shown)
        doc = self.documents[source]
        original = doc.meta["original_language"]
        if shown != language:
            return Provenance("untranslated", shown)
        if language == self.default_language:
            return Provenance("issuer", shown, original=original == language)
        translation = self.translations[(language, source)]
        if translation.is_official(unit_id):
            return Provenance("issuer", shown, original=original == language)
        entry = translation.entries[unit_id]
        return Provenance("project", shown, made_from=self.default_language, back_translation=original == language, follows_original=entry.follows == "original")

    def text(self, source: str, unit_id: str, language: str) -> tuple[str, str]:
        """The text of a unit in `language`, or English when it has none: (text, language of text)."""
        if language != self.default_language:
            translation = self.translations.get((language, source))
            entry = translation.entries.get(unit_id) if translation else None
            if entry and entry.text:
                return entry.text, language
        return self.sources[source][unit_id], self.default_language


@dataclass(frozen=True)
class Provenance:
    kind: str  # "issuer" (its own wording), "project" (this site's translation), "site" (this site's own text), "untranslated"
    language: str  # the language of the text shown
    original: bool = False  # the issuer's own wording in its original language (not its own translation)
    made_from: str | None = None  # a project translation: the language of the text it was made from
    back_translation: bool = False  # a project translation into the language of the issuer's original (AIE's Spanish)
    follows_original: bool = False  # ...that follows what is known of the original rather than the English it was made from

    @property
    def label(self) -> str:
        """One word for whose words these are, for data and tests: issuer-original, issuer-translation, site-translation,
        site-back-translation, site or untranslated."""
        if self.kind == "issuer":
            return "issuer-original" if self.original else "issuer-translation"
        if self.kind == "project":
            return "site-back-translation" if self.back_translation else "site-translation"
        return self.kind


def note_unit(unit_id: str) -> str:
    """The id of the translatable unit holding the editorial note on a unit's English text: "aie-1-1.note"."""
    return unit_id + NOTE_SUFFIX


def is_note_unit(unit_id: str) -> bool:
    return unit_id.endswith(NOTE_SUFFIX)


def noted_unit(unit_id: str) -> str:
    """"aie-1-1.note" -> "aie-1-1"."""
    return unit_id.removesuffix(NOTE_SUFFIX)


NOTE_SUFFIX = ".note"


def theme_units(themes: dict[str, Theme]) -> dict[str, str]:
    out: dict[str, str] = {}
    for theme in themes.values():
        out[f"{theme.id}.name"] = theme.name
        out[f"{theme.id}.description"] = theme.description
    return out
