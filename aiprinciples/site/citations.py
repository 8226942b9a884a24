"""Citations in BibTeX, RIS and CSL-JSON, per document and per principle or point, in the page's language.

A text in this site's translation says so: its note names the translation, and this site is
its translator and publisher; the issuer stays the author.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import bibtexparser
import regex
from bibtexparser import BibtexFormat
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from aiprinciples.locales import babel_locale
from aiprinciples.model import Document, Point, Principle
from aiprinciples.site.context import Ctx, esc


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


def work(ctx: Ctx, doc: Document, unit_id: str, url: str) -> Work:
    """What a citation of a unit (the document's title for the whole document) says, in this page's language."""
    corpus = ctx.corpus
    issuer = doc.meta["organisation"]["name"]
    title = ctx.plain(doc.id, doc.title_id)
    label = ctx.label(unit_id) if unit_id != doc.title_id else ""
    unofficial = corpus.provenance(doc.id, unit_id, ctx.lang).kind == "project"
    site = ctx.t_plain("site_name")
    note = ctx.t_plain("prov_made_from", language=ctx.language_name(corpus.default_language), issuer=doc.short_name) if unofficial else ""
    return Work(
        key=f"{unit_id}-{ctx.lang}", title=f"{title} ({label})" if label else title, author=issuer,
        publisher=site if unofficial else issuer, translator=site if unofficial else None,
        date=str(doc.meta["date"]), language=ctx.tag(corpus.text(doc.id, unit_id, ctx.lang)[1]), url=url, note=note,
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
    year, month, day = (int(x) for x in w.date.split("-"))
    item = {"id": w.key, "type": "document", "title": w.title, "author": [{"literal": w.author}], "publisher": w.publisher,
            "issued": {"date-parts": [[year, month, day]]}, "language": w.language, "URL": w.url}
    if w.translator:
        item["translator"] = [{"literal": w.translator}]
    if w.note:
        item["note"] = w.note
    return json.dumps([item], ensure_ascii=False, sort_keys=True)


def formats_html(ctx: Ctx, w: Work) -> str:
    """Each format in a <pre>, with a button that copies it (overrides/assets/aiprinciples.js).

    No <div> inside the tools' <div>: Material's search indexer matches end tags by name only,
    so an inner </div> would end the outer one's data-search-exclude.
    """
    parts = []
    for name, slug, render in FORMATS:
        target = f"cite-{w.key}-{slug}"
        parts.append(
            f'<p class="ap-cite__format"><span class="ap-cite__name">{name}</span> '
            f'<button type="button" class="md-button ap-copy" data-copy="{target}" data-copied="{esc(ctx.t_plain("citation_copied"))}">{ctx.t("copy_citation")}</button></p>'
            f'<pre class="ap-cite__code" id="{target}">{esc(render(w))}</pre>'
        )
    return "".join(parts)


def document_cite(ctx: Ctx, doc: Document) -> str:
    """The Cite control of a whole document."""
    w = work(ctx, doc, doc.title_id, ctx.absolute(f"{doc.id}/"))
    return f'<div class="ap-tools" data-search-exclude><details class="ap-cite"><summary>{ctx.t("cite")}</summary>{formats_html(ctx, w)}</details></div>'


def unit_work(ctx: Ctx, doc: Document, principle: Principle, point: Point | None, url: str) -> Work:
    return work(ctx, doc, point.id if point else principle.id, url)


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
