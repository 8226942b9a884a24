"""Data and citations in the programs people use: the .xlsx read back by openpyxl, CSL-JSON rendered by citeproc-py."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import citeproc
import openpyxl
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from aiprinciples.loader import load_corpus
from aiprinciples.site import open_data
from aiprinciples.site.citations import csl_json, work
from aiprinciples.site.view import View
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus
PUBLISHED = [code for code in CORPUS.languages if not CORPUS.is_draft(code)]
HARVARD = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"  # the style citeproc-py bundles


def prefix(lang: str) -> str:
    return "" if lang == CORPUS.default_language else f"{lang}/"


def same(value, cell: str) -> bool:
    """A workbook cell holds the CSV's: numbers stay numbers, empty is None, and a CSV cell may be
    neutralised for spreadsheets by a leading apostrophe, which a workbook needs not (its texts are typed)."""
    text = "" if value is None else str(value)
    return text == cell or "'" + text == cell


def workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))  # read-only handles would stay open


@pytest.mark.parametrize("lang", PUBLISHED)
def test_each_workbook_holds_the_csv_one_sheet_per_document(real_site, lang):
    data = real_site[0] / "data"
    book = workbook(data / f"{lang}.xlsx")
    assert book.sheetnames == [*CORPUS.documents, "terms"]
    rows = list(csv.reader(io.StringIO((data / f"{lang}.csv").read_bytes().decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "document"
    for doc_id in CORPUS.documents:
        sheet = book[doc_id]
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[0] == header[1:]
        expected = [row[1:] for row in body if row[0] == doc_id]
        assert len(values) - 1 == len(expected) == len(CORPUS.documents[doc_id].units())
        for got, want in zip(values[1:], expected, strict=True):
            assert all(same(value, cell) for value, cell in zip(got, want, strict=True)), (got, want)
        assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str))


def test_korean_text_reads_back_from_the_workbook(real_site):
    if "ko" not in PUBLISHED:
        pytest.skip("Korean is not published")
    sheet = workbook(real_site[0] / "data" / "ko.xlsx")["win"]
    texts = {row[0]: row[5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert texts["win-1-3"] == CORPUS.text("win", "win-1-3", "ko")[0]
    assert any("\uac00" <= char <= "\ud7a3" for char in texts["win-1-3"])  # Hangul syllables, not mojibake


def test_a_text_beginning_with_an_equals_sign_stays_text(monkeypatch):
    real = open_data.unit_rows

    def rows(corpus, doc, lang, site_url):
        out = real(corpus, doc, lang, site_url)
        out[0] = {**out[0], "text": "=HYPERLINK(\"https://example.org\",\"x\")", "note": "+1+1"}
        return out

    monkeypatch.setattr(open_data, "unit_rows", rows)
    book = openpyxl.load_workbook(io.BytesIO(open_data.xlsx_bytes(CORPUS, "fr", "https://example.org/")))
    cell = book[next(iter(CORPUS.documents))]["F2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"https://example.org\",\"x\")", "s")


def test_workbooks_are_reproducible():
    first = open_data.xlsx_bytes(CORPUS, "ko", "https://example.org/")
    open_data._KEPT_WORKBOOKS.clear()  # written again, not handed back from the memo
    assert open_data.xlsx_bytes(CORPUS, "ko", "https://example.org/") == first


def test_a_kept_workbook_is_handed_back_and_its_cells_are_not_kept():
    first = open_data.xlsx_bytes(CORPUS, "es", "https://example.org/")
    assert open_data.xlsx_bytes(CORPUS, "es", "https://example.org/") is first  # from the memo, not written again
    assert open_data._KEPT_WORKBOOKS.kept and all(len(key) == 64 and isinstance(value, bytes) for key, value in open_data._KEPT_WORKBOOKS.kept.items())


def test_a_kept_workbook_is_handed_out_only_for_the_same_cells(monkeypatch):
    before = open_data.xlsx_bytes(CORPUS, "fr", "https://example.org/")
    real = open_data.unit_rows
    monkeypatch.setattr(open_data, "unit_rows", lambda corpus, doc, lang, site_url: [{**row, "text": row["text"] + " (saved again)"} for row in real(corpus, doc, lang, site_url)])
    after = openpyxl.load_workbook(io.BytesIO(open_data.xlsx_bytes(CORPUS, "fr", "https://example.org/")))
    assert after[next(iter(CORPUS.documents))]["F2"].value.endswith(" (saved again)")
    assert openpyxl.load_workbook(io.BytesIO(before))[next(iter(CORPUS.documents))]["F2"].value != after[next(iter(CORPUS.documents))]["F2"].value


@pytest.mark.parametrize("lang", PUBLISHED)
def test_open_data_page_lists_the_workbooks_and_says_how_to_open_the_csv(real_site, lang):
    site = real_site[0]
    page = (site / prefix(lang) / "open-data" / "index.html").read_text(encoding="utf-8")
    depth = "../" * (1 + (lang != CORPUS.default_language))
    for code in PUBLISHED:
        assert f'href="{depth}data/{code}.xlsx" type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"' in page
        assert (site / "data" / f"{code}.xlsx").is_file()
    advice = html.unescape(page)
    assert CORPUS.messages.format(lang, "data_csv_open").text in advice and "UTF-8" in advice and "LibreOffice" in advice and "Excel" in advice
    assert "data_csv_note" not in CORPUS.ui  # "LibreOffice opens them as they are" was wrong
    document = (site / prefix(lang) / "win" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{"../" if lang != CORPUS.default_language else ""}data/{lang}.xlsx"' in document


def render_harvard(item: dict, lang: str) -> str:
    style = CitationStylesStyle(str(HARVARD), locale=LOCALES.get(lang, "en-GB"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


@pytest.mark.parametrize("lang", PUBLISHED)
def test_csl_names_the_site_once_as_translator_of_its_translations(lang):
    site = CORPUS.messages.format(lang, "site_name").text
    translated = official = 0
    for doc in CORPUS.documents.values():
        ctx = View(CORPUS, lang, f"{doc.id}/", "https://example.org/")
        for unit_id in [p.id for p in doc.principles] + [pt.id for pt in doc.points()]:
            item = json.loads(csl_json(work(ctx, doc, unit_id, f"https://example.org/p/{unit_id}/")))[0]
            text = render_harvard(item, lang)
            if CORPUS.provenance(doc.id, unit_id, lang).kind == "project":
                translated += 1
                assert text.count(site) == 1 and "publisher" not in item, text
                assert item["translator"] == [{"literal": site}]
                # The same item as before this fix prints the site twice: "Translated by X. X."
                assert render_harvard({**item, "publisher": site}, lang).count(site) == 2
            else:
                official += 1
                assert site not in text and item["publisher"] == doc.meta["organisation"]["name"], text
    assert translated + official > 0
    assert translated > 0 or lang == CORPUS.default_language


# Constant data.
LOCALES = {"en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ko": "ko-KR", "pt": "pt-BR"}
