"""Open data: the corpus as JSON, CSV and Excel (.xlsx) downloads, written once per build under /data/.

Reproducible on purpose: sorted keys, no dates but the documents' own, no floats,
fixed line endings, so two builds of one commit write byte-identical files.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from aiprinciples.fingerprint import fingerprint
from aiprinciples.memo import LruMemo
from aiprinciples.model import Corpus, Document
from aiprinciples.presentation import units
from aiprinciples.site.pages import lang_prefix


def corpus_export(corpus: Corpus, site_url: str) -> dict:
    """Every language, every document, every unit, with whose words each text is."""
    return _corpus_export(corpus, site_url, list(_document_exports(corpus, site_url)))


def _document_exports(corpus: Corpus, site_url: str) -> Iterator[dict]:
    return (document_export(corpus, doc, list(corpus.languages), site_url) for doc in corpus.documents.values())


def _corpus_export(corpus: Corpus, site_url: str, documents: list) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": site_url,
        "default_language": corpus.default_language,
        "languages": {code: {"name": name, "tag": corpus.tag(code)} for code, name in corpus.languages.items()},
        "themes": [_theme(corpus, theme_id) for theme_id in corpus.themes],
        "documents": documents,
        "terms": TERMS,
    }


def document_export(corpus: Corpus, doc: Document, languages: list[str], site_url: str) -> dict:
    """One document's metadata and its units in each of `languages`."""
    meta = doc.meta
    return {
        "id": doc.id,
        "organisation": {key: meta["organisation"][key] for key in ("name", "short_name", "description") if key in meta["organisation"]},
        "date": str(meta["date"]),
        "place": meta.get("place"),
        "original_language": meta["original_language"],
        "english_status": meta["english_status"],
        "versions": [{key: str(value) for key, value in version.items()} for version in meta.get("versions", [])],
        "links": [{key: str(link[key]) for key in ("kind", "publisher", "date", "language", "url")} for link in meta.get("links", [])],
        "languages": {lang: _language_version(corpus, doc, lang, site_url) for lang in languages},
    }


def unit_rows(corpus: Corpus, doc: Document, lang: str, site_url: str) -> list[dict]:
    """Each unit of a document in one language, in reading order, as the site presents it (aiprinciples.presentation)."""
    shown = units(corpus, lang)
    rows = []
    for unit_id, english in doc.units().items():
        unit = shown[unit_id]
        provenance = unit.provenance
        translation = corpus.translations.get((lang, doc.id))
        entry = translation.entries.get(unit_id) if translation and provenance.kind in ("issuer", "project") and lang != corpus.default_language else None
        site = provenance.kind == "project"
        rows.append({
            "id": unit_id,
            "kind": unit.kind,
            "principle": unit.principle or None,
            "number": int(unit.number.split(".")[-1]) if unit.number else None,
            "themes": list(unit.themes),
            "text": corpus.text(doc.id, unit_id, lang)[0],  # as written: the official wording verbatim, "[here](#)" included
            "text_language": unit.lang,
            "provenance": provenance.label,
            "made_from": provenance.made_from,
            "follows_original": provenance.follows_original,
            "status": "unofficial" if site else "official",
            "method": translation.method if site else "official",
            "review": unit.review if site else "not-applicable",
            "reviewed_by": entry.reviewed_by if site and unit.review != "none" else None,
            "reviewed_on": str(entry.reviewed_on) if site and entry.reviewed_on and unit.review != "none" else None,
            "fingerprint": entry.fingerprint if entry else fingerprint(english),
            "state": unit.state,
            "outdated": unit.state != "current",
            "notes": [{"kind": note.kind, "text": note.text, "language": note.lang} for note in unit.notes],
            "url": site_url + lang_prefix(corpus, lang) + unit.path + (f"#{unit.anchor}" if unit.anchor else ""),
        })
    return rows


def csv_bytes(corpus: Corpus, lang: str, site_url: str) -> bytes:
    """One row per unit of every document in one language; UTF-8 with a BOM so Excel reads it as UTF-8.

    Spreadsheets run a cell that starts like a formula: every such cell is neutralised (see inert_cell).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(("document",) + CSV_COLUMNS)
    for doc in corpus.documents.values():
        for row in unit_rows(corpus, doc, lang, site_url):
            writer.writerow([inert_cell(doc.id)] + [inert_cell(_cell(value)) for value in csv_row(row)])
    return out.getvalue().encode("utf-8-sig")


def inert_cell(text: str) -> str:
    """A CSV cell no spreadsheet reads as a formula (OWASP's CSV injection rule).

    A cell whose first character other than spaces is = + - @, a tab or a carriage return
    (or their full-width forms, which some spreadsheets convert) gets a leading apostrophe,
    which Excel and LibreOffice show as text and do not display. This applies to a text
    that legitimately starts with "-" too (the corpus has none): the JSON files carry every
    text unchanged, for programs that are not spreadsheets.
    """
    return "'" + text if text.lstrip(" \u00a0")[:1] in FORMULA_STARTS else text


def csv_row(row: dict) -> list:
    """A unit's row as the CSV columns hold it: each kind of note in a column of its own."""
    notes = {note["kind"]: note for note in row["notes"]}
    flat = {**row, **{f"{kind}_note": notes[kind]["text"] if kind in notes else None for kind in NOTE_KINDS}}
    flat["base_note_language"] = notes["base"]["language"] if "base" in notes else None
    return [flat[column] for column in CSV_COLUMNS]


def xlsx_bytes(corpus: Corpus, lang: str, site_url: str) -> bytes:
    """One workbook per language: a sheet per document (the CSV's columns but `document`), then the terms of reuse.

    Every text is written as text, never as a formula, whatever it begins with; the bytes
    depend on the corpus only (the documents' latest date, fixed times in the archive).
    Rows are made a document at a time and streamed into the workbook (openpyxl's write-only
    mode): the cells of a whole language never sit in memory.
    """
    latest = max(datetime.datetime.fromisoformat(str(doc.meta["date"])) for doc in corpus.documents.values())
    properties = (site_url, latest, f"{corpus.languages[lang]} ({lang})", corpus.tag(lang))

    def sheets() -> Iterator[tuple[str, list[list]]]:
        for doc in corpus.documents.values():
            yield doc.id, [[_xlsx_value(value) for value in csv_row(row)] for row in unit_rows(corpus, doc, lang, site_url)]

    if not _KEPT_WORKBOOKS.keeping:
        return _workbook(sheets(), *properties)
    digest = hashlib.sha256(json.dumps([site_url, latest.isoformat(), *properties[2:]], ensure_ascii=False).encode("utf-8"))
    for sheet in sheets():
        digest.update(json.dumps(sheet, ensure_ascii=False).encode("utf-8"))
    return _KEPT_WORKBOOKS.get(digest.hexdigest(), lambda: _workbook(sheets(), *properties))


# By a digest of every cell and property: `make serve` rebuilds every language at each save, and a
# language whose rows did not change gets the workbook it had (openpyxl is most of the cost). The
# digest, not the cells: a language's cells are the size of its whole text.
_KEPT_WORKBOOKS: LruMemo[bytes] = LruMemo(32, between_builds=True)


def _workbook(sheets: Iterator[tuple[str, list[list]]], site_url: str, latest: datetime.datetime, title: str, tag: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    text_column = CSV_COLUMNS.index("text")
    wrapped = Alignment(wrap_text=True, vertical="top")

    def cell(sheet, value, **style):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # openpyxl would take a text beginning with "=" for a formula
        for name, value in style.items():
            setattr(made, name, value)
        return made

    for doc_id, rows in sheets:
        sheet = book.create_sheet(doc_id)
        sheet.freeze_panes = "B2"  # a write-only sheet takes its view and columns before its first row
        for column, width in XLSX_WIDTHS.items():
            sheet.column_dimensions[column].width = width
        sheet.append([cell(sheet, name, font=Font(bold=True)) for name in CSV_COLUMNS])
        for row in rows:
            sheet.append([cell(sheet, value, **({"alignment": wrapped} if index == text_column else {})) for index, value in enumerate(row)])
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{len(rows) + 1}"
    terms = book.create_sheet("terms")
    terms.column_dimensions["A"].width, terms.column_dimensions["B"].width = 18, 120
    terms.append(("site", site_url))
    for key, text in TERMS.items():
        terms.append((key, text))
    book.properties.created = book.properties.modified = latest
    book.properties.title, book.properties.language = title, tag
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not save_workbook(), which stamps the current time
    return _fixed_zip_times(raw.getvalue())


def write_open_data(corpus: Corpus, site_dir: Path, site_url: str) -> None:
    """/data/corpus.json, /data/corpus.schema.json, /data/<lang>.csv and .xlsx, and /data/<lang>/<doc>.json."""
    folder = site_dir / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    write_corpus_json(corpus, folder / "corpus.json", site_url)
    (folder / "corpus.schema.json").write_bytes(json_bytes(export_schema()))
    for lang in corpus.languages:
        (folder / f"{lang}.csv").write_bytes(csv_bytes(corpus, lang, site_url))
        (folder / f"{lang}.xlsx").write_bytes(xlsx_bytes(corpus, lang, site_url))
        (folder / lang).mkdir(exist_ok=True)
        for doc in corpus.documents.values():
            single = {"format": FORMAT, "version": VERSION, "site": site_url, "language": lang, "document": document_export(corpus, doc, [lang], site_url), "terms": TERMS}
            (folder / lang / f"{doc.id}.json").write_bytes(json_bytes(single))


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def write_corpus_json(corpus: Corpus, path: Path, site_url: str) -> None:
    """corpus_export() as json_bytes() writes it, byte for byte, one document in memory at a time.

    The whole export is the size of every text in every language (tens of megabytes at a hundred
    documents, several times that as Python objects): it is encoded as it is written instead.
    """
    documents = _Documents(lambda: _document_exports(corpus, site_url), len(corpus.documents))
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=1)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for chunk in encoder.iterencode(_corpus_export(corpus, site_url, documents)):
            out.write(chunk)
        out.write("\n")


class _Documents(list):
    """A list the JSON encoder walks without holding it: each document is built when its turn comes.

    Only for write_corpus_json: with `indent`, json encodes in Python and iterates a list as any
    iterable; anything else would see an empty list.
    """

    def __init__(self, make, count: int) -> None:
        super().__init__()
        self._make, self._count = make, count

    def __iter__(self):
        return iter(self._make())

    def __len__(self) -> int:
        return self._count


def export_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def data_path(lang: str | None = None, doc_id: str | None = None, ext: str = "json") -> str:
    """A download's path below the site root: "data/corpus.json", "data/fr.csv", "data/fr/win.json"."""
    if doc_id:
        return f"{DATA_FOLDER}/{lang}/{doc_id}.{ext}"
    return f"{DATA_FOLDER}/{lang}.{ext}" if lang else f"{DATA_FOLDER}/corpus.{ext}"


def _language_version(corpus: Corpus, doc: Document, lang: str, site_url: str) -> dict:
    translation = corpus.translations.get((lang, doc.id))
    if lang == corpus.default_language:
        status, method = ("original" if doc.meta["english_status"] == "original" else "official"), "official"
    else:
        status, method = translation.status if translation else "unofficial", translation.method if translation else None
    url = site_url + lang_prefix(corpus, lang) + f"{doc.id}/"
    return {"status": status, "method": method, "url": url, "units": unit_rows(corpus, doc, lang, site_url)}


def _theme(corpus: Corpus, theme_id: str) -> dict:
    theme = corpus.themes[theme_id]
    names = {lang: corpus.text("themes", f"{theme_id}.name", lang)[0] for lang in corpus.languages}
    return {"id": theme.id, "slug": theme.slug, "name": names}


def _xlsx_value(value):
    """A cell of the workbook: numbers stay numbers; lists and yes/no as in the CSV; none is empty."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(value)
    return value


def _fixed_zip_times(raw: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01, in the same order: reproducible bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


# Constant data.
FORMAT = "aiprinciples-open-data"
VERSION = 2
DATA_FOLDER = "data"
SCHEMA_FILE = Path(__file__).with_name("open-data.schema.json")
NOTE_KINDS = ("editorial", "base", "translator")
CSV_COLUMNS = (
    "id", "kind", "principle", "number", "themes", "text", "text_language", "provenance", "made_from", "follows_original", "status", "method", "review",
    "reviewed_by", "reviewed_on", "fingerprint", "state", "outdated", "editorial_note", "base_note", "base_note_language", "translator_note", "url",
)
XLSX_TEXT_COLUMN = "F"  # `text`, the sixth of CSV_COLUMNS: wrapped
XLSX_WIDTHS = {"A": 12, "B": 10, "C": 10, "D": 8, "E": 24, "F": 80, "G": 8, "H": 16, "V": 40, "W": 50}
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # OWASP's list, and the full-width = + - @
# What can be said of the terms of reuse: only what the issuers and the project have stated (README, "Licence of the texts").
TERMS = {
    "official_texts": "Texts whose status is official are the issuers' own (WIN, AIE), reproduced for reference. Their terms of reuse are the issuers'; no licence from WIN or AIE is recorded by this project.",
    "site_translations": "Texts whose provenance is site-translation are this project's unofficial translations. The project states that its own translations are offered for reuse, but has not chosen a named licence; say that they are unofficial when you quote them.",
    "unknown": "No named licence covers this data yet: the issuers' terms for their texts, and a licence for the project's translations and data, are not recorded.",
}
