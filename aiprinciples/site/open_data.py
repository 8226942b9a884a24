"""Open data: the corpus as JSON and CSV downloads, written once per build under /data/.

Reproducible on purpose: sorted keys, no dates but the documents' own, no floats,
fixed line endings, so two builds of one commit write byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from aiprinciples.fingerprint import fingerprint
from aiprinciples.model import Corpus, Document
from aiprinciples.site.pages import lang_prefix, unit_location


def corpus_export(corpus: Corpus, site_url: str) -> dict:
    """Every language, every document, every unit, with whose words each text is."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": site_url,
        "default_language": corpus.default_language,
        "languages": {code: {"name": name, "tag": corpus.tag(code)} for code, name in corpus.languages.items()},
        "themes": [_theme(corpus, theme_id) for theme_id in corpus.themes],
        "documents": [document_export(corpus, doc, list(corpus.languages), site_url) for doc in corpus.documents.values()],
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
        "links": [{"label": link["label"], "url": link["url"]} for link in meta.get("links", [])],
        "languages": {lang: _language_version(corpus, doc, lang, site_url) for lang in languages},
    }


def unit_rows(corpus: Corpus, doc: Document, lang: str, site_url: str) -> list[dict]:
    """Each unit of a document in one language, in reading order."""
    kinds = _kinds(doc)
    rows = []
    for unit_id, english in doc.units().items():
        text, shown = corpus.text(doc.id, unit_id, lang)
        provenance = corpus.provenance(doc.id, unit_id, lang).kind
        translation = corpus.translations.get((lang, doc.id))
        entry = translation.entries.get(unit_id) if translation and provenance != "untranslated" else None
        kind, principle, number, themes = kinds[unit_id]
        rows.append({
            "id": unit_id,
            "kind": kind,
            "principle": principle,
            "number": number,
            "themes": list(themes),
            "text": text,
            "text_language": shown,
            "provenance": PROVENANCE[provenance],
            "status": "unofficial" if provenance == "project" else "official",
            "method": translation.method if provenance == "project" else "official",
            "review": entry.review_state if provenance == "project" else "not-applicable",
            "reviewed_by": entry.reviewed_by if provenance == "project" and entry.review_state != "none" else None,
            "reviewed_on": str(entry.reviewed_on) if provenance == "project" and entry.reviewed_on and entry.review_state != "none" else None,
            "fingerprint": entry.fingerprint if entry else fingerprint(english),
            "outdated": bool(entry and entry.is_outdated(english)),
            "note": (entry.note if entry else doc.notes.get(unit_id) if shown == corpus.default_language else None) or None,
            "url": _unit_url(corpus, doc, unit_id, lang, site_url),
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
            writer.writerow([inert_cell(doc.id)] + [inert_cell(_cell(row[column])) for column in CSV_COLUMNS])
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


def write_open_data(corpus: Corpus, site_dir: Path, site_url: str) -> None:
    """/data/corpus.json, /data/corpus.schema.json, /data/<lang>.csv and /data/<lang>/<doc>.json."""
    folder = site_dir / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corpus.json").write_bytes(json_bytes(corpus_export(corpus, site_url)))
    (folder / "corpus.schema.json").write_bytes(json_bytes(export_schema()))
    for lang in corpus.languages:
        (folder / f"{lang}.csv").write_bytes(csv_bytes(corpus, lang, site_url))
        (folder / lang).mkdir(exist_ok=True)
        for doc in corpus.documents.values():
            single = {"format": FORMAT, "version": VERSION, "site": site_url, "language": lang, "document": document_export(corpus, doc, [lang], site_url), "terms": TERMS}
            (folder / lang / f"{doc.id}.json").write_bytes(json_bytes(single))


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


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


def _kinds(doc: Document) -> dict[str, tuple[str, str | None, int | None, tuple[str, ...]]]:
    """unit id -> (kind, principle id, number, themes)."""
    out = {doc.title_id: ("title", None, None, ())}
    if doc.subtitle:
        out[doc.subtitle.id] = ("subtitle", None, None, ())
    out.update((p.id, ("preamble", None, None, ())) for p in doc.preamble)
    for principle in doc.principles:
        out[principle.id] = ("principle", principle.id, principle.number, principle.themes)
        out.update((pt.id, ("point", principle.id, pt.number, pt.themes)) for pt in principle.points)
    out.update((p.id, ("closing", None, None, ())) for p in doc.closing)
    return out


def _unit_url(corpus: Corpus, doc: Document, unit_id: str, lang: str, site_url: str) -> str:
    try:
        path, anchor = unit_location(corpus, unit_id)
    except KeyError:
        path, anchor = f"{doc.id}/", unit_id
    return site_url + lang_prefix(corpus, lang) + path + (f"#{anchor}" if anchor else "")


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
VERSION = 1
DATA_FOLDER = "data"
SCHEMA_FILE = Path(__file__).with_name("open-data.schema.json")
PROVENANCE = {"issuer": "issuer", "project": "site-translation", "untranslated": "untranslated"}
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # OWASP's list, and the full-width = + - @
CSV_COLUMNS = ("id", "kind", "principle", "number", "themes", "text", "text_language", "provenance", "status", "method", "review", "reviewed_by", "reviewed_on", "fingerprint", "outdated", "note", "url")
# What can be said of the terms of reuse: only what the issuers and the project have stated (README, "Licence of the texts").
TERMS = {
    "official_texts": "Texts whose status is official are the issuers' own (WIN, AIE), reproduced for reference. Their terms of reuse are the issuers'; no licence from WIN or AIE is recorded by this project.",
    "site_translations": "Texts whose provenance is site-translation are this project's unofficial translations. The project states that its own translations are offered for reuse, but has not chosen a named licence; say that they are unofficial when you quote them.",
    "unknown": "No named licence covers this data yet: the issuers' terms for their texts, and a licence for the project's translations and data, are not recorded.",
}
