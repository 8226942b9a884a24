"""Citations in BibTeX, RIS and CSL-JSON, per document and per principle or point, in the page's language.

A text in this site's translation says so: its note names the translation, and this site is
its translator and publisher; the issuer stays the author.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

import bibtexparser
import regex
from bibtexparser import BibtexFormat
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from aiprinciples.locales import babel_locale
from aiprinciples.model import Document


@dataclass(frozen=True)
class Work:
    key: str  # "win-1-3-fr": unit id and language
    title: str
    author: str
    publisher: str
    translator: str | None
    date: str  # YYYY-MM-DD
    language: str  # BCP 47
    url: str
    note: str
    line: str = ""  # the one-line citation in the page's language ("" for a whole document)

    @property
    def formats(self) -> list[Format]:
        """The citation in every format the Cite control offers."""
        return [Format(name, slug, write(self)) for name, slug, write in FORMATS]


@dataclass(frozen=True)
class Format:
    name: str
    slug: str
    text: str


def work(view, doc: Document, unit_id: str, url: str) -> Work:
    """What a citation of a unit (of the whole document, for its title) says, in the page's language.

    The unit's provenance decides: the issuer's own wording is cited as the issuer's; this site's
    translation (or back-translation) names this site as translator and says what it was made from;
    a unit with notes says where they are.
    """
    unit = view.unit(unit_id)
    # A document is cited as what most of its body is: AIE's Spanish title is AIE's own, the rest this
    # site's back-translation (a few points of which follow the Spanish original, with notes saying so).
    body = unit
    if unit_id == doc.title_id and doc.points():
        points = [view.unit(point.id) for point in doc.points()]
        usual = Counter(point.marker for point in points).most_common(1)[0][0]
        body = next(point for point in points if point.marker == usual)
    issuer = doc.meta["organisation"]["name"]
    title = view.unit(doc.title_id).text
    site = view.text("site_name")
    unofficial = body.provenance.kind == "project"
    kind = ("site-back-translation" if body.provenance.back_translation else "site-translation") if unofficial else "issuer"
    parts = []
    if unofficial:
        parts.append(view.text("marker_long", kind=body.marker, issuer=doc.short_name, original=doc.meta["original_language"]))
    if unit.notes:
        parts.append(view.text("cite_notes", count=len(unit.notes), url=view.absolute(unit.path, anchor=unit.anchor) if unit_id != doc.title_id else url))
    if unit_id == doc.title_id:
        line = ""
    else:
        where = view.text("cite_where", principle=unit.number.split(".")[0], point=unit.number.split(".")[1] if "." in unit.number else "none")
        line = view.text("cite_line", kind=kind, issuer=doc.short_name, title=title, year=doc.year, where=where, site=site, url=url)
    label = unit.label
    return Work(
        key=f"{unit_id}-{view.lang}", title=f"{title} ({label})" if label else title, author=issuer,
        publisher=site if unofficial else issuer, translator=site if unofficial else None,
        date=str(doc.meta["date"]), language=view.tag(unit.lang), url=url, note=" ".join(parts), line=line,
    )


def bibtex(w: Work) -> str:
    """A biblatex-valid @misc entry, written by bibtexparser.

    biblatex's data model has no publisher or translator for @misc (biber --validate-datamodel
    rejects them): the publisher is the organization, and the note says when the text is this
    site's translation. Every value is built so that its braces cannot end the field (see _tex),
    and the title's acronyms (WIN, AIE, IA, GenAI) are braced so that classic styles keep their capitals.
    """
    fields = [("author", "{" + _tex(w.author) + "}"), ("title", _title(w.title)), ("year", w.date[:4]), ("date", w.date),
              ("organization", _tex(w.publisher)), ("language", _language(w.language)), ("url", quote(w.url, safe=URL_SAFE))]
    if w.note:
        fields.append(("note", _tex(w.note)))
    entry = Entry("misc", BIBTEX_KEY_UNSAFE.sub("-", w.key), [Field(name, value) for name, value in fields])
    layout = BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(Library([entry]), bibtex_format=layout).strip()


def ris(w: Work) -> str:
    lines = [("TY", "GEN"), ("TI", w.title), ("AU", w.author), ("PY", w.date[:4]), ("DA", w.date.replace("-", "/")),
             ("PB", w.publisher), ("LA", w.language), ("UR", w.url)]
    if w.translator:
        lines.append(("A4", w.translator))  # RIS' subsidiary author: the translator
    if w.note:
        lines.append(("N1", w.note))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


def csl_json(w: Work) -> str:
    """One CSL-JSON item. This site's translation names the site once, as translator: CSL styles print
    translator and publisher both ("Translated by X. X."), so such an item has no publisher."""
    year, month, day = (int(x) for x in w.date.split("-"))
    item = {"id": w.key, "type": "document", "title": w.title, "author": [{"literal": w.author}],
            "issued": {"date-parts": [[year, month, day]]}, "language": w.language, "URL": w.url}
    if w.translator:
        item["translator"] = [{"literal": w.translator}]
    else:
        item["publisher"] = w.publisher
    if w.note:
        item["note"] = w.note
    return json.dumps([item], ensure_ascii=False, sort_keys=True)


def _tex(text: str) -> str:
    """Plain text as a BibTeX value: TeX's special characters as commands.

    BibTeX counts every brace, even after a backslash (`\\}` ends a field as surely as `}`),
    so the text's own braces become \\textbraceleft{} and \\textbraceright{}: the only braces in
    a value are the balanced pairs written here.
    """
    return "".join(TEX_ESCAPES.get(char, char) for char in text)


def _title(text: str) -> str:
    """_tex, with each word of two or more capitals in braces: classic styles lower-case the rest."""
    out, at = [], 0
    for match in ACRONYM.finditer(text):
        out += [_tex(text[at : match.start()]), "{" + match.group() + "}"]
        at = match.end()
    return "".join(out) + _tex(text[at:])


def _language(tag: str) -> str:
    """biblatex's name of a language (its localisation key where it has one: spanish, brazilian), else CLDR's English name."""
    if tag in BIBLATEX_LANGUAGES or tag.split("-")[0] in BIBLATEX_LANGUAGES:
        return BIBLATEX_LANGUAGES.get(tag) or BIBLATEX_LANGUAGES[tag.split("-")[0]]
    try:
        return _tex(babel_locale(tag).english_name or tag)
    except ValueError:
        return _tex(tag)


# Constant data.
ACRONYM = regex.compile(r"\b\p{L}*\p{Lu}\p{L}*\p{Lu}\p{L}*\b")  # WIN, AIE, IA, GenAI
BIBTEX_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # a URL's own delimiters; braces, backslashes and spaces are percent-encoded
# biblatex's language keys (its .lbx files): the name a bibliography then prints in its own language.
BIBLATEX_LANGUAGES = {
    "en": "english", "en-US": "american", "en-GB": "british", "es": "spanish", "fr": "french", "pt": "portuguese", "pt-BR": "brazilian",
    "pt-PT": "portuguese", "de": "german", "it": "italian", "nl": "dutch", "ca": "catalan", "da": "danish", "fi": "finnish", "el": "greek",
    "hr": "croatian", "cs": "czech", "la": "latin", "nb": "norwegian", "nn": "nynorsk", "pl": "polish", "ru": "russian", "sl": "slovene",
    "sv": "swedish", "uk": "ukrainian", "hu": "hungarian", "eu": "basque", "gl": "galician", "et": "estonian", "lv": "latvian", "lt": "lithuanian",
}
FORMATS = (("BibTeX", "bibtex", bibtex), ("RIS", "ris", ris), ("CSL-JSON", "csl", csl_json))
TEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
