"""Page bodies: one function per kind of page, each returning a Rendered page."""

from __future__ import annotations

from dataclasses import dataclass

from aiprinciples.model import Corpus
from aiprinciples.site.blocks import alias_anchors, note, paragraph, points_list, principle_heading, provenance_marker, themes_line, tools_block
from aiprinciples.site.citations import document_cite
from aiprinciples.site.context import Ctx, esc
from aiprinciples.site.data_page import download_links, open_data_page
from aiprinciples.site.notices import provenance
from aiprinciples.site.pages import PageSpec
from aiprinciples.site.structured_data import document_data, principle_data, script_block
from aiprinciples.status import statuses


@dataclass
class Rendered:
    title: str  # plain text
    description: str  # plain text
    html: str  # escaped HTML body, the notices right after its <h1>
    toc: list[tuple[int, str, str]]  # (level, anchor, HTML title)


def render(corpus: Corpus, spec: PageSpec, lang: str, site_url: str) -> Rendered:
    ctx = Ctx(corpus, lang, spec.path, site_url)
    kind, _, arg = spec.key.partition(":")
    title, description, body, toc = RENDERERS[kind](ctx, arg)
    return Rendered(title, description, _after_heading(body, provenance(ctx)), toc)


def _after_heading(body: str, notices: str) -> str:
    """The notices follow the page's <h1>: a phone's first screen says what the page is, then whose words."""
    head, end, rest = body.partition("</h1>")
    return head + end + notices + rest if end else notices + body


def home(ctx: Ctx, _arg: str):
    corpus, parts, toc = ctx.corpus, [f'<h1 id="top">{ctx.t("home_title")}</h1>', f'<p class="ap-lead">{ctx.t("home_intro")}</p>'], []
    parts.append(f'<h2 id="documents">{ctx.t("home_by_document")}</h2><div class="ap-cards">')
    toc.append((2, "documents", ctx.t("home_by_document")))
    for doc in corpus.documents.values():
        count = sum(len(p.points) for p in doc.principles)
        parts.append(
            f'<section class="ap-card"><h3 id="doc-{doc.id}"><a href="{ctx.href(f"{doc.id}/")}">{ctx.text(doc.id, doc.title_id)}</a></h3>'
            f'<p>{esc(doc.meta["organisation"]["name"])} ({esc(doc.short_name)}) · {esc(ctx.date(doc))} · {esc(doc.meta["place"])}</p>'
            f'<p>{len(doc.principles)} × {ctx.t("nav_principles")} · {ctx.t("doc_points_count", count=str(count))}</p>'
            f'<p><a href="{ctx.href(f"{doc.id}/")}">{ctx.t("doc_read_full")}</a> · <a href="{ctx.href(f"parallel/{doc.id}/")}">{ctx.t("doc_read_parallel")}</a></p></section>'
        )
    parts.append("</div>")
    parts.append(f'<h2 id="matrix">{ctx.t("home_matrix_title")}</h2>')
    toc.append((2, "matrix", ctx.t("home_matrix_title")))
    parts.append(matrix(ctx))
    return ctx.t_plain("home_title"), ctx.t_plain("home_intro"), "".join(parts), toc


def matrix(ctx: Ctx) -> str:
    corpus = ctx.corpus
    head = "".join(f'<th scope="col">{ctx.text(d.id, d.title_id)}</th>' for d in corpus.documents.values())
    rows = []
    for theme in corpus.themes.values():
        cells = []
        for doc in corpus.documents.values():
            hits = [pt for pt in doc.points() if theme.id in pt.themes]
            links = ctx.sep().join(f'<a href="{ctx.unit_href(pt.id)}">{esc(ctx.label(pt.id))}</a>' for pt in hits)
            cells.append(f"<td>{links or ctx.t('matrix_none')}</td>")
        name = f'<a href="{ctx.href(f"themes/{theme.slug}/")}">{ctx.theme_name(theme.id)}</a>'
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    caption = f"<caption>{ctx.t('home_matrix_caption')}</caption>"
    return f'<div class="md-typeset__table ap-matrix"><table>{caption}<thead><tr><th scope="col">{ctx.t("matrix_theme")}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def document(ctx: Ctx, doc_id: str):
    doc = ctx.corpus.documents[doc_id]
    parts = [f'<h1 id="{doc.title_id}">{ctx.text(doc.id, doc.title_id)}</h1>' + note(ctx, doc, doc.title_id)]
    if doc.subtitle:
        parts.append(f'<p class="ap-lead" id="{doc.subtitle.id}">{ctx.text(doc.id, doc.subtitle.id)}</p>')
    parts.append(_metadata(ctx, doc) + download_links(ctx, doc) + document_cite(ctx, doc))
    toc = [(2, "introduction", ctx.t("doc_introduction"))]
    parts.append(f'<h2 id="introduction">{ctx.t("doc_introduction")}</h2>')
    parts += [paragraph(ctx, doc, p.id) for p in doc.preamble]
    for principle in doc.principles:
        parts.append(principle_heading(ctx, doc, principle, 2, link=True))
        parts.append(points_list(ctx, doc, principle, tools=False))
        toc.append((2, principle.id, f"{principle.number}. {ctx.text(doc.id, principle.id)}"))
    parts.append(f'<h2 id="closing">{ctx.t("doc_closing")}</h2>')
    toc.append((2, "closing", ctx.t("doc_closing")))
    parts += [paragraph(ctx, doc, p.id, "heading" if p.kind == "heading" else "paragraph").replace("<h2", "<h3").replace("</h2>", "</h3>") for p in doc.closing]
    description = ctx.plain(doc.id, doc.preamble[0].id) if doc.preamble else ctx.plain(doc.id, doc.title_id)
    parts.append(script_block(document_data(ctx, doc)))
    return ctx.plain(doc.id, doc.title_id), description, "".join(parts), toc


def _metadata(ctx: Ctx, doc) -> str:
    org = doc.meta["organisation"]
    versions = []
    for lang in ctx.corpus.languages:
        listed = next((v for v in doc.meta["versions"] if v["language"] == lang), None)
        translation = ctx.corpus.translations.get((lang, doc.id))
        issued = ctx.t("version_original" if listed and listed["status"] == "original" else "version_official")
        if listed and listed.get("url"):  # the issuer publishes it: link the issuer's own page
            issued = f'<a href="{esc(listed["url"])}" rel="external" hreflang="{ctx.tag(lang)}">{issued}</a>'
        if listed and (lang == ctx.corpus.default_language or (translation and translation.status == "official")):
            state = issued
        elif listed and listed.get("url"):  # the issuer's own version exists elsewhere; this site shows its own translation
            state = ctx.t("version_unofficial") + ctx.t("clause_separator") + issued
        elif listed:
            state = ctx.t("version_unofficial") + ctx.t("clause_separator") + ctx.t("version_official_elsewhere")
        else:
            state = ctx.t("version_unofficial")
        link = f'<a href="{ctx.other_language_href(lang, f"{doc.id}/")}" hreflang="{ctx.tag(lang)}" lang="{ctx.tag(lang)}" target="_self">{esc(ctx.corpus.languages[lang])}</a>'
        versions.append(f"<li>{link} — {state}</li>")
    for version in doc.meta["versions"]:
        if version["language"] not in ctx.corpus.languages and version.get("url"):
            versions.append(f'<li><a href="{esc(version["url"])}" rel="external">{esc(ctx.language_name(version["language"]))}</a> — {ctx.t("version_original" if version["status"] == "original" else "version_official")}</li>')
    links = "".join(f'<li><a href="{esc(link["url"])}" rel="external">{esc(link["label"])}</a></li>' for link in doc.meta.get("links", []))
    rows = [
        (ctx.t("doc_issued_by"), f'{esc(org["name"])} ({esc(org["short_name"])})'),
        (ctx.t("doc_date"), esc(ctx.date(doc))),
        (ctx.t("doc_place"), esc(doc.meta["place"])),
        (ctx.t("doc_original_language"), esc(ctx.language_name(doc.meta["original_language"]))),
        (ctx.t("doc_versions"), f'<ul>{"".join(versions)}</ul>'),
    ]
    if links:
        rows.append((ctx.t("doc_links"), f"<ul>{links}</ul>"))
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return f'<div class="md-typeset__table ap-meta"><table><tbody>{body}</tbody></table></div>'


def principle_page(ctx: Ctx, principle_id: str):
    doc = ctx.corpus.documents[principle_id.split("-")[0]]
    principle = doc.principle(principle_id)
    parts = [
        f'<p class="ap-breadcrumb"><a href="{ctx.href(f"{doc.id}/")}">{ctx.text(doc.id, doc.title_id)}</a></p>',
        principle_heading(ctx, doc, principle, 1, link=False),
        themes_line(ctx, principle.themes),
        tools_block(ctx, doc, principle, None),
        points_list(ctx, doc, principle),
        script_block(principle_data(ctx, doc, principle)),
    ]
    toc = [(2, pt.id, f"{principle.number}.{pt.number}") for pt in principle.points]
    title = f"{ctx.label(principle.id)}. {ctx.plain(doc.id, principle.id)}"
    return title, ctx.plain(doc.id, principle.points[0].id), "".join(parts), toc


def themes_index(ctx: Ctx, _arg: str):
    links = {t.id: f'<a href="{ctx.href(f"themes/{t.slug}/")}">{ctx.theme_name(t.id)}</a>' for t in ctx.corpus.themes.values()}
    items = "".join(f'<li>{ctx.colon(links[t.id])} {ctx.text("themes", f"{t.id}.description")}</li>' for t in ctx.corpus.themes.values())
    body = f'<h1 id="themes">{ctx.t("nav_themes")}</h1><p>{ctx.t("themes_intro")}</p><ul class="ap-themes">{items}</ul>'
    return ctx.t_plain("nav_themes"), ctx.t_plain("themes_intro"), body, []


def theme_page(ctx: Ctx, theme_id: str):
    corpus = ctx.corpus
    parts = [f'<h1 id="{theme_id}">{ctx.theme_name(theme_id)}</h1>', f'<p class="ap-lead">{ctx.text("themes", f"{theme_id}.description")}</p>', f"<p>{ctx.t('theme_intro')}</p>", '<div class="ap-side-by-side">']
    toc = []
    for doc in corpus.documents.values():
        name = doc.short_name
        parts.append(f'<section class="ap-column"><h2 id="in-{doc.id}">{ctx.t("theme_points_in", document=name)}</h2>')
        toc.append((2, f"in-{doc.id}", ctx.t("theme_points_in", document=name)))
        found = False
        for principle in doc.principles:
            points = [pt for pt in principle.points if theme_id in pt.themes]
            if theme_id in principle.themes or points:
                found = True
                parts.append(f'<h3><a href="{ctx.unit_href(principle.id)}">{esc(ctx.label(principle.id))}</a> {ctx.text(doc.id, principle.id)}</h3>')
                items = "".join(f'<li><a class="ap-ref" href="{ctx.unit_href(pt.id)}">{esc(ctx.label(pt.id))}</a> {ctx.text(doc.id, pt.id)}{provenance_marker(ctx, doc.id, pt.id)}</li>' for pt in points)
                parts.append(f'<ul class="ap-theme-points">{items}</ul>' if items else "")
        if not found:
            parts.append(f"<p>{ctx.t('theme_none_in', document=name)}</p>")
        parts.append("</section>")
    parts.append("</div>")
    return ctx.plain("themes", f"{theme_id}.name"), ctx.plain("themes", f"{theme_id}.description"), "".join(parts), toc


def parallel(ctx: Ctx, doc_id: str):
    corpus, doc = ctx.corpus, ctx.corpus.documents[doc_id]
    other = _reference_language(ctx, doc)
    ref = Ctx(corpus, other, ctx.page_path, ctx.site_url)
    head = f'<th scope="col">{esc(corpus.languages[ctx.lang])}</th><th scope="col" lang="{ctx.tag(other)}">{esc(corpus.languages[other])} — {_status_label(ctx, doc.id, other)}</th>'
    former = {p.id: p.aliases for p in doc.principles} | {pt.id: pt.aliases for pt in doc.points()}
    rows = []
    for unit_id in doc.units():
        mine = alias_anchors(former.get(unit_id, ())) + ctx.text(doc.id, unit_id) + provenance_marker(ctx, doc.id, unit_id)
        theirs = ref.text(doc.id, unit_id)
        label = esc(ctx.label(unit_id)) if unit_id.split("-")[1].isdigit() else ""
        rows.append(f'<tr id="{unit_id}"><td>{f"<b>{label}</b> " if label else ""}{mine}</td><td lang="{ctx.tag(other)}">{theirs}</td></tr>')
    body = (
        f'<h1 id="parallel">{ctx.colon(ctx.t("parallel_title"))} {ctx.text(doc.id, doc.title_id)}</h1><p>{ctx.t("parallel_intro")}</p>'
        f'<div class="md-typeset__table ap-parallel"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    return f"{ctx.t_plain('label_colon', label=ctx.t_plain('parallel_title'))} {ctx.plain(doc.id, doc.title_id)}", ctx.t_plain("parallel_intro"), body, []


def _reference_language(ctx: Ctx, doc) -> str:
    if ctx.lang != ctx.corpus.default_language:
        return ctx.corpus.default_language
    official = [lang for (lang, src), t in sorted(ctx.corpus.translations.items()) if src == doc.id and t.status == "official" and lang in ctx.corpus.languages]
    original = doc.meta["original_language"]
    return official[0] if official else original if original in ctx.corpus.languages and original != "en" else next((lang for lang in ctx.corpus.languages if lang != "en"), ctx.corpus.default_language)


def _status_label(ctx: Ctx, doc_id: str, lang: str) -> str:
    if lang == ctx.corpus.default_language:
        return ctx.t("version_original" if ctx.corpus.documents[doc_id].meta["english_status"] == "original" else "version_official")
    translation = ctx.corpus.translations.get((lang, doc_id))
    return ctx.t("version_official" if translation and translation.status == "official" else "version_unofficial")


def status_page(ctx: Ctx, _arg: str):
    corpus = ctx.corpus
    head = "".join(f'<th scope="col">{ctx.t(k)}</th>' for k in ("status_language", "status_document", "status_coverage", "status_outdated", "status_official_entries", "status_project_entries", "status_kind", "status_method", "status_review", "status_source"))
    rows = []
    for row in statuses(corpus):
        name = ctx.text(row.source, f"{row.source}-title") if row.source in corpus.documents else ctx.t("status_interface") + f" ({esc(row.source)})"
        kind = {"original": "version_original", "official": "version_official", "unofficial": "version_unofficial", "source": "version_original"}.get(row.status, "version_unofficial")
        method_key = {"official": "method_official", "machine-assisted": "method_machine_assisted", "human": "method_human"}.get(row.method)
        method = ctx.t(method_key) if method_key and row.status != "source" else "—"
        review = {"yes": ctx.t("review_yes"), "no": ctx.t("review_no"), "partly": ctx.t("review_partly")}.get(row.review_state, "—")
        if row.changed_since_review:
            review += f' <span class="ap-status__detail">({ctx.t("review_changed", count=str(row.changed_since_review))})</span>'
        outdated = str(row.outdated) + (f' <span class="ap-status__detail">({ctx.t("status_awaiting", count=str(row.awaiting_issuer))})</span>' if row.awaiting_issuer else "")
        name_html = f'<span lang="{ctx.tag(row.language)}">{esc(corpus.configured_languages[row.language])}</span>'
        if row.language in corpus.languages:  # built: link its home; a draft left out of this build has none
            lang_link = f'<a href="{ctx.other_language_href(row.language, "")}" hreflang="{ctx.tag(row.language)}" lang="{ctx.tag(row.language)}" target="_self">{esc(corpus.languages[row.language])}</a>'
        else:
            lang_link = name_html
        if row.draft:
            lang_link += f' <span class="ap-status__detail">({ctx.t("status_draft")})</span>'
        rows.append(f"<tr><td>{lang_link}</td><td>{name}</td><td>{row.coverage}</td><td>{outdated}</td><td>{row.official_entries}</td><td>{row.project_entries}</td><td>{ctx.t(kind)}</td><td>{method}</td><td>{review}</td><td><code>{esc(row.path)}</code></td></tr>")
    body = f'<h1 id="status">{ctx.t("status_title")}</h1><p>{ctx.t("status_intro")}</p><div class="md-typeset__table ap-status"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    ctx.shown.clear()  # the status page describes texts; it shows none of them as content
    return ctx.t_plain("status_title"), ctx.t_plain("status_intro"), body, []


# Constant data.
RENDERERS = {
    "home": home, "doc": document, "principle": principle_page, "themes": themes_index,
    "theme": theme_page, "parallel": parallel, "status": status_page, "data": open_data_page,
}
