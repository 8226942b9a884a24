"""The "Open data" page, and the download links a document page carries."""

from __future__ import annotations

from aiprinciples.model import Document
from aiprinciples.site.context import Ctx, esc
from aiprinciples.site.open_data import data_path
from aiprinciples.site.pages import lang_prefix, relative


def open_data_page(ctx: Ctx, _arg: str):
    corpus = ctx.corpus
    whole = f'<li><a href="{_href(ctx, data_path())}" type="application/json">corpus.json</a> — {ctx.t("data_corpus")}</li>'
    schema = f'<li><a href="{_href(ctx, data_path(ext="schema.json"))}" type="application/schema+json">corpus.schema.json</a> — {ctx.t("data_schema")}</li>'
    tables = "".join(f"<li>{_language_link(ctx, code, data_path(code, ext='csv'), 'text/csv')}</li>" for code in corpus.languages)
    workbooks = "".join(f"<li>{_language_link(ctx, code, data_path(code, ext='xlsx'), XLSX_TYPE)}</li>" for code in corpus.languages)
    by_document = "".join(
        f'<li>{ctx.colon(esc(doc.short_name))} {ctx.sep().join(_language_link(ctx, code, data_path(code, doc.id), "application/json") for code in corpus.languages)}</li>'
        for doc in corpus.documents.values()
    )
    body = (
        f'<h1 id="open-data">{ctx.t("nav_open_data")}</h1><p>{ctx.t("data_intro")}</p>'
        f'<ul class="ap-data">{whole}{schema}</ul>'
        f'<h2 id="csv">{ctx.t("data_csv")}</h2><ul class="ap-data">{tables}</ul><p>{ctx.t("data_csv_open")}</p>'
        f'<h2 id="xlsx">{ctx.t("data_xlsx")}</h2><ul class="ap-data">{workbooks}</ul>'
        f'<h2 id="by-document">{ctx.t("data_by_document")}</h2><ul class="ap-data">{by_document}</ul>'
        f'<h2 id="terms">{ctx.t("data_terms_title")}</h2><p>{ctx.t("data_terms_official")}</p><p>{ctx.t("data_terms_project")}</p>'
    )
    toc = [(2, "csv", ctx.t("data_csv")), (2, "xlsx", ctx.t("data_xlsx")), (2, "by-document", ctx.t("data_by_document")), (2, "terms", ctx.t("data_terms_title"))]
    return ctx.t_plain("nav_open_data"), ctx.t_plain("data_intro"), body, toc


def download_links(ctx: Ctx, doc: Document) -> str:
    """A document's data in this language (JSON), the language's table (CSV) and workbook (XLSX), and the Open data page."""
    links = [
        f'<a href="{_href(ctx, data_path(ctx.lang, doc.id))}" type="application/json">JSON</a>',
        f'<a href="{_href(ctx, data_path(ctx.lang, ext="csv"))}" type="text/csv">CSV</a>',
        f'<a href="{_href(ctx, data_path(ctx.lang, ext="xlsx"))}" type="{XLSX_TYPE}">XLSX</a>',
        f'<a href="{ctx.href(OPEN_DATA_PATH)}">{ctx.t("data_about")}</a>',
    ]
    return f'<p class="ap-downloads" data-search-exclude><span class="ap-key">{ctx.colon(ctx.t("nav_open_data"))}</span> {ctx.sep().join(links)}</p>'


def _language_link(ctx: Ctx, code: str, path: str, media_type: str) -> str:
    name = esc(ctx.corpus.languages[code])
    return f'<a href="{_href(ctx, path)}" type="{media_type}" hreflang="{ctx.tag(code)}" lang="{ctx.tag(code)}">{name}</a>'


def _href(ctx: Ctx, path: str) -> str:
    """A file below the site root (data/…), linked from this page in this language."""
    return esc(relative(lang_prefix(ctx.corpus, ctx.lang) + ctx.page_path, path))


# Constant data.
OPEN_DATA_PATH = "open-data/"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
