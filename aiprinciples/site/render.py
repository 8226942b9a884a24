"""Page bodies: for each kind of page, a page model built in Python and rendered by its Jinja template.

Templates live in aiprinciples/site/templates/ and are autoescaped: Python hands them plain text
and data, so every text is escaped exactly once, where it is written out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from aiprinciples.model import Corpus
from aiprinciples.site.citations import work
from aiprinciples.site.notices import page_notices
from aiprinciples.site.open_data import data_path
from aiprinciples.site.pages import PageSpec, unit_index
from aiprinciples.site.structured_data import document_data, principle_data
from aiprinciples.site.view import Link, View, headline
from aiprinciples.status import statuses


@dataclass
class Rendered:
    title: str  # plain text
    description: str  # plain text
    html: str  # the page body, escaped
    toc: list[tuple[int, str, str]]  # (level, anchor, title as escaped HTML)
    units: list[str] = field(default_factory=list)  # ids of the document units the page shows


@dataclass
class Page:
    """What a page function returns: its template and the model the template reads."""

    template: str
    title: str
    description: str
    model: dict
    toc: list[tuple[int, str, str]] = field(default_factory=list)  # (level, anchor, plain title)
    shown: list = field(default_factory=list)  # the units the page shows: its notices describe them
    themes: bool = False  # the page shows this site's theme names and descriptions


@dataclass(frozen=True)
class PageHead:
    """What the rest of the site needs of a page before its body: navigation, <head> and previews."""

    title: str  # plain text
    description: str  # plain text


def page_head(corpus: Corpus, spec: PageSpec, lang: str, site_url: str) -> PageHead:
    """A page's title and description, from its page model alone: no template is rendered."""
    page = _page(View(corpus, lang, spec.path, site_url), spec)
    return PageHead(page.title, page.description)


def render(corpus: Corpus, spec: PageSpec, lang: str, site_url: str) -> Rendered:
    view = View(corpus, lang, spec.path, site_url)
    page = _page(view, spec)
    html = templates().get_template(page.template).render(v=view, page_notices=page_notices(view, page.shown, page.themes), **page.model)
    toc = [(level, anchor, str(Markup.escape(title))) for level, anchor, title in page.toc]
    return Rendered(page.title, page.description, html, toc, [u.id for u in page.shown])


def _page(view: View, spec: PageSpec) -> Page:
    kind, _, arg = spec.key.partition(":")
    return PAGES[kind](view, arg)


def untranslated_page(corpus: Corpus, lang: str, body_html: str) -> str:
    """A hand-written page in a draft language, still the English copy: body_html is the sanitised page."""
    view = View(corpus, lang, "", "")
    return templates().get_template("untranslated.html").render(v=view, body=Markup(body_html))


@cache
def templates() -> Environment:
    """The page templates, compiled once per process; autoescaping on for every template."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, trim_blocks=False, keep_trailing_newline=False)
    env.filters["jsonld"] = json_ld
    return env


def json_ld(data: dict) -> Markup:
    """A JSON-LD data block's content: JSON whose text cannot end the <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


MATRIX_DOCUMENTS = 6  # beyond this, the home lists the themes with counts instead of a column per document


def home(view: View, _arg: str) -> Page:
    corpus = view.corpus
    cards = [
        {"doc": doc, "title": view.unit(doc.title_id), "principles": len(doc.principles), "points": len(doc.points())}
        for doc in corpus.documents.values()
    ]
    shown = {unit.id: unit for unit in (view.unit(doc.title_id) for doc in corpus.documents.values())}
    matrix, theme_counts = [], []
    index = unit_index(corpus)
    for theme in corpus.themes.values():
        hits = {doc.id: index.by_theme.get((theme.id, doc.id), ()) for doc in corpus.documents.values()}
        if len(corpus.documents) <= MATRIX_DOCUMENTS:
            cells = [[Link(view.at(u), u.label) for u in map(view.unit, (point.id for point in points))] for points in hits.values()]
            matrix.append({"name": view.theme_name(theme.id), "path": f"themes/{theme.slug}/", "cells": cells})
        else:  # a column per document would not fit: how many, and the theme's page compares them
            theme_counts.append({"theme": theme, "documents": sum(1 for points in hits.values() if points), "points": sum(map(len, hits.values()))})
    toc = [(2, "documents", view.text("home_by_document")), (2, "matrix", view.text("home_matrix_title"))]
    return Page("home.html", view.text("home_title"), view.text("home_intro"), {"cards": cards, "matrix": matrix, "theme_counts": theme_counts}, toc, list(shown.values()))


def document(view: View, doc_id: str) -> Page:
    doc = view.document(doc_id)
    shown = view.units_of(doc)
    by_id = {u.id: u for u in shown}
    model = {
        "doc": doc,
        "title": by_id[doc.title_id],
        "subtitle": by_id[doc.subtitle.id] if doc.subtitle else None,
        "preamble": [by_id[p.id] for p in doc.preamble],
        "principles": [{"unit": by_id[p.id], "principle": p} for p in doc.principles],
        "closing": [by_id[p.id] for p in doc.closing],
        "versions": version_rows(view, doc),
        "sources": _sources(doc),
        "downloads": [
            Link(view.file_href(data_path(view.lang, doc.id)), "JSON", type="application/json"),
            Link(view.file_href(data_path(view.lang, ext="csv")), "CSV", type="text/csv"),
            Link(view.file_href(data_path(view.lang, ext="xlsx")), "XLSX", type=XLSX_TYPE),
            Link(view.href(OPEN_DATA_PATH), view.text("data_about")),
        ],
        "work": work(view, doc, doc.title_id, view.absolute(f"{doc.id}/")),
        "jsonld": document_data(view, doc),
    }
    toc = [(2, "introduction", view.text("doc_introduction"))]
    toc += [(2, p.id, f"{p.number}. {by_id[p.id].text}") for p in doc.principles]
    toc.append((2, "closing", view.text("doc_closing")))
    description = by_id[doc.preamble[0].id].text if doc.preamble else by_id[doc.title_id].text
    return Page("document.html", by_id[doc.title_id].text, description, model, toc, shown)


def principle_page(view: View, principle_id: str) -> Page:
    unit = view.unit(principle_id)
    doc = view.document(unit.document)
    principle = doc.principle(principle_id)
    points = [view.unit(pt.id) for pt in principle.points]
    works = {u.id: work(view, doc, u.id, view.absolute(u.path, anchor=u.anchor)) for u in [unit, *points]}
    model = {"doc": doc, "title": view.unit(doc.title_id), "unit": unit, "principle": principle, "works": works, "jsonld": principle_data(view, doc, principle)}
    toc = [(2, u.id, u.number) for u in points]
    title = view.text("principle_page_title", label=unit.label, title=headline(unit.text))
    return Page("principle.html", title, points[0].text if points else unit.text, model, toc, [view.unit(doc.title_id), unit, *points])


def themes_index(view: View, _arg: str) -> Page:
    return Page("themes.html", view.text("nav_themes"), view.text("themes_intro"), {"themes": list(view.corpus.themes.values())}, themes=True)


def theme_page(view: View, theme_id: str) -> Page:
    corpus = view.corpus
    columns, shown, toc = [], [], []
    for doc in corpus.documents.values():
        groups = []
        for principle in doc.principles:
            points = [view.unit(pt.id) for pt in principle.points if theme_id in pt.themes]
            if theme_id in principle.themes or points:
                groups.append({"principle": view.unit(principle.id), "points": points})
                shown += [view.unit(principle.id), *points]
        columns.append({"doc": doc, "groups": groups})
        toc.append((2, f"in-{doc.id}", view.text("theme_points_in", document=doc.short_name)))
    model = {"theme": corpus.themes[theme_id], "columns": columns}
    return Page("theme.html", view.theme_name(theme_id), view.theme_description(theme_id), model, toc, shown, themes=True)


def parallel(view: View, doc_id: str) -> Page:
    corpus, doc = view.corpus, view.document(doc_id)
    reference = _reference_language(view, doc)
    theirs = View(corpus, reference, view.page_path, view.site_url)
    mine = view.units_of(doc)
    rows = [{"mine": u, "theirs": theirs.unit(u.id), "aliases": view.former_ids(u.id)} for u in mine]
    model = {"doc": doc, "title": view.unit(doc.title_id), "reference": reference, "rows": rows,
             "mine_state": _version_state(view, doc, view.lang), "their_state": _version_state(view, doc, reference)}
    title = view.text("parallel_page_title", title=view.unit(doc.title_id).text)
    return Page("parallel.html", title, view.text("parallel_intro", reference=reference), model, [], mine)


def parallels_index(view: View, _arg: str) -> Page:
    """The parallel texts, one per document: what each compares."""
    items = [{"doc": doc, "title": view.unit(doc.title_id), "reference": _reference_language(view, doc)} for doc in view.corpus.documents.values()]
    return Page("parallels.html", view.text("nav_parallel"), view.text("parallels_intro"), {"items": items}, [], [item["title"] for item in items])


STATUS_ROWS_OPEN = 60  # the status page grows with documents × languages: 500 rows at 100 × 5


def status_page(view: View, _arg: str) -> Page:
    """One section per language, each its own table, folded when the page is long: a reader finds their
    language in the contents, and a phone lays out only the tables open."""
    corpus = view.corpus
    sections: dict[str, dict] = {}
    for row in statuses(corpus):
        section = sections.setdefault(row.language, {
            "code": row.language, "name": corpus.configured_languages[row.language], "built": row.language in corpus.languages,
            "draft": row.draft, "rows": []})
        doc = corpus.documents.get(row.source)
        method = row.method if row.method in ("official", "machine-assisted", "human") and row.status != "source" else ""
        section["rows"].append({"s": row, "doc": doc, "method": method})
    # Every table open while the page is short; beyond that, only the reader's language (the others a click away).
    shown_open = sum(len(s["rows"]) for s in sections.values()) <= STATUS_ROWS_OPEN
    for section in sections.values():
        section["open"] = shown_open or section["code"] == view.lang
    toc = [(2, f"status-{s['code']}", s["name"]) for s in sections.values()]
    return Page("status.html", view.text("status_title"), view.text("status_intro"), {"sections": list(sections.values())}, toc)


def open_data_page(view: View, _arg: str) -> Page:
    corpus = view.corpus
    model = {
        "corpus_path": data_path(),
        "schema_path": data_path(ext="schema.json"),
        "tables": [{"language": code, "path": data_path(code, ext="csv")} for code in corpus.languages],
        "workbooks": [{"language": code, "path": data_path(code, ext="xlsx")} for code in corpus.languages],
        "xlsx_type": XLSX_TYPE,
        "by_document": [
            {"name": doc.short_name, "links": [Link(view.file_href(data_path(code, doc.id)), corpus.languages[code], lang=_other(view, code), hreflang=_other(view, code)) for code in corpus.languages]}
            for doc in corpus.documents.values()
        ],
    }
    toc = [(2, "csv", view.text("data_csv")), (2, "xlsx", view.text("data_xlsx")), (2, "by-document", view.text("data_by_document")), (2, "terms", view.text("data_terms_title"))]
    return Page("open_data.html", view.text("nav_open_data"), view.text("data_intro"), model, toc)


def _other(view: View, code: str) -> str:
    return "" if code == view.lang else view.tag(code)


@dataclass(frozen=True)
class Version:
    language: str
    here: bool  # this site has a page in that language
    name: str  # the language's own name
    state: str  # original, official, official-elsewhere, unofficial, back-translation
    publisher: str
    url: str  # the issuer's own page of that version, when known
    issued: str  # what that link is: original or official


def version_rows(view: View, doc) -> list[Version]:
    """Every language version of a document: the site's own, then those only the issuer publishes."""
    listed = {version["language"]: version for version in doc.meta["versions"]}
    out = []
    for code, name in view.corpus.languages.items():
        version = listed.get(code, {})
        issued = version.get("status", "")
        out.append(Version(code, True, name, _version_state(view, doc, code), version.get("publisher", doc.short_name), version.get("url", ""), issued))
    for code, version in listed.items():
        if code not in view.corpus.languages and version.get("url"):
            out.append(Version(code, False, "", version["status"], version.get("publisher", doc.short_name), version["url"], version["status"]))
    return out


def _version_state(view: View, doc, code: str) -> str:
    """What this site shows of a document in a language, in one word for version_state."""
    corpus = view.corpus
    listed = next((v for v in doc.meta["versions"] if v["language"] == code), None)
    translation = corpus.translations.get((code, doc.id))
    if code == corpus.default_language or (translation is not None and translation.status == "official"):
        return "original" if listed and listed["status"] == "original" else "official"
    if code == doc.meta["original_language"]:
        return "back-translation"
    return "official-elsewhere" if listed else "unofficial"


def _sources(doc) -> list[dict]:
    return list(doc.meta.get("links", []))


def _reference_language(view: View, doc) -> str:
    corpus = view.corpus
    if view.lang != corpus.default_language:
        return corpus.default_language
    official = [lang for (lang, src), t in sorted(corpus.translations.items()) if src == doc.id and t.status == "official" and lang in corpus.languages]
    original = doc.meta["original_language"]
    if official:
        return official[0]
    if original in corpus.languages and original != corpus.default_language:
        return original
    return next((lang for lang in corpus.languages if lang != corpus.default_language), corpus.default_language)


# Constant data.
TEMPLATES = Path(__file__).with_name("templates")
OPEN_DATA_PATH = "open-data/"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = {
    "home": home, "doc": document, "principle": principle_page, "themes": themes_index,
    "theme": theme_page, "parallels": parallels_index, "parallel": parallel, "status": status_page, "data": open_data_page,
}
