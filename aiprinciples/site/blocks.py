"""Reusable pieces of pages: a point with its tools, a principle, a citation."""

from __future__ import annotations

from aiprinciples.model import Document, Point, Principle
from aiprinciples.site.citations import formats_html, unit_work
from aiprinciples.site.context import Ctx, esc, shorten
from aiprinciples.site.pages import unit_location


def point_item(ctx: Ctx, doc: Document, principle: Principle, point: Point, tools: bool = True) -> str:
    """A point as a list item whose id is the point id: the permanent anchor in every language."""
    parts = [
        f'<li class="ap-point" id="{point.id}" value="{point.number}">',
        alias_anchors(point.aliases),
        # data-permalink: the absolute address, printed after the number by the print stylesheet.
        f'<p class="ap-point__text"><a class="ap-ref" href="#{point.id}" title="{esc(ctx.t_plain("permalink"))}" data-permalink="{esc(ctx.absolute(f"p/{point.id}/"))}">{principle.number}.{point.number}</a> ',
        ctx.text(doc.id, point.id) + provenance_marker(ctx, doc.id, point.id) + "</p>",
        note(ctx, doc, point.id),
    ]
    if tools:
        parts += [themes_line(ctx, point.themes), related_line(ctx, doc, point), tools_block(ctx, doc, principle, point)]
    parts.append("</li>")
    return "".join(parts)


def principle_heading(ctx: Ctx, doc: Document, principle: Principle, level: int, link: bool) -> str:
    label = ctx.t("principle_label", number=str(principle.number))
    title = ctx.text(doc.id, principle.id)
    inner = f'<span class="ap-label">{label}</span> {title}'
    if link:
        inner = f'<a href="{ctx.href(f"{doc.id}/{principle.slug}/")}">{inner}</a>'
    return f'<h{level} id="{principle.id}">{alias_anchors(principle.aliases)}{inner}</h{level}>' + note(ctx, doc, principle.id)


def alias_anchors(aliases: tuple[str, ...]) -> str:
    """Empty elements carrying former ids, so links to an old anchor still land here."""
    return "".join(f'<span class="ap-alias" id="{esc(alias)}"></span>' for alias in aliases)


def points_list(ctx: Ctx, doc: Document, principle: Principle, tools: bool = True) -> str:
    items = "".join(point_item(ctx, doc, principle, pt, tools) for pt in principle.points)
    return f'<ol class="ap-points">{items}</ol>'


def themes_line(ctx: Ctx, theme_ids: tuple[str, ...]) -> str:
    if not theme_ids:
        return ""
    links = ctx.sep().join(f'<a href="{ctx.href(f"themes/{ctx.corpus.themes[t].slug}/")}">{ctx.theme_name(t)}</a>' for t in theme_ids)
    return f'<p class="ap-point__themes"><span class="ap-key">{ctx.colon(ctx.t("point_themes"))}</span> {links}</p>'


def related_line(ctx: Ctx, doc: Document, point: Point) -> str:
    """Points of the other documents that share a theme with this one."""
    lines = []
    for other in ctx.corpus.documents.values():
        if other.id == doc.id:
            continue
        related = [pt for pt in other.points() if set(pt.themes) & set(point.themes)]
        name = other.short_name
        if related:
            links = ctx.sep().join(f'<a href="{ctx.unit_href(pt.id)}" title="{esc(shorten(ctx.plain(other.id, pt.id), 160))}">{esc(ctx.label(pt.id))}</a>' for pt in related)
            lines.append(f'<span class="ap-key">{ctx.colon(ctx.t("point_related", document=name))}</span> {links}')
        else:
            lines.append(ctx.t("point_related_none", document=name))
    return '<p class="ap-point__related">' + "<br>".join(lines) + "</p>" if lines else ""


def tools_block(ctx: Ctx, doc: Document, principle: Principle, point: Point | None) -> str:
    """Copy-link button (the share page /p/<id>/), citation and the other language versions of a point (or principle)."""
    unit_id = point.id if point else principle.id
    path = f"{doc.id}/{principle.slug}/"
    url = ctx.absolute(path, anchor=point.id if point else "")
    cite = cite_text(ctx, doc, principle, point, url)
    langs = " ".join(
        f'<a href="{ctx.other_language_href(lang, path, point.id if point else "")}" hreflang="{ctx.tag(lang)}" lang="{ctx.tag(lang)}" target="_self">{esc(name)}</a>'
        for lang, name in ctx.corpus.languages.items()
        if lang != ctx.lang
    )
    return (
        f'<div class="ap-tools" data-search-exclude aria-label="{esc(ctx.t_plain("point_actions", id=unit_id))}" role="group">'
        f'<button type="button" class="md-button ap-copy" data-link="{esc(ctx.absolute(f"p/{unit_id}/"))}" data-copied="{esc(ctx.t_plain("link_copied"))}">{ctx.t("copy_link")}</button>'
        # Shown by aiprinciples.js only where the browser can share (Web Share API); copy-link works everywhere.
        f'<button type="button" class="md-button ap-share" hidden data-link="{esc(ctx.absolute(f"p/{unit_id}/"))}" data-title="{esc(ctx.t_plain("share_title", label=ctx.label(unit_id), title=ctx.plain(doc.id, principle.id)))}">{ctx.t("share")}</button>'
        f'<details class="ap-cite"><summary>{ctx.t("cite")}</summary><p class="ap-cite__text">{esc(cite)}</p>{formats_html(ctx, unit_work(ctx, doc, principle, point, url))}</details>'
        f'<p class="ap-langs"><span class="ap-key">{ctx.colon(ctx.t("other_languages"))}</span> {langs}</p>'
        "</div>"
    )


def cite_text(ctx: Ctx, doc: Document, principle: Principle, point: Point | None, url: str) -> str:
    """The one-line citation; a text in this site's translation says so."""
    values = {"issuer": doc.short_name, "title": ctx.plain(doc.id, doc.title_id), "year": doc.year, "principle": str(principle.number), "url": url}
    unofficial = ctx.corpus.provenance(doc.id, point.id if point else principle.id, ctx.lang).kind == "project"
    suffix = "_unofficial" if unofficial else ""
    if unofficial:
        values["site"] = ctx.t_plain("site_name")
    if point is None:
        return ctx.t_plain("cite_text_principle" + suffix, **values)
    return ctx.t_plain("cite_text" + suffix, point=str(point.number), **values)


def paragraph(ctx: Ctx, doc: Document, unit_id: str, kind: str = "paragraph") -> str:
    if kind == "heading":
        return f'<h2 id="{unit_id}">{ctx.text(doc.id, unit_id)}</h2>'
    return f'<p id="{unit_id}">{ctx.text(doc.id, unit_id)}{provenance_marker(ctx, doc.id, unit_id)}</p>' + note(ctx, doc, unit_id)


def provenance_marker(ctx: Ctx, source: str, unit_id: str) -> str:
    """A small marker after a text that is not its issuer's own wording in this page's language."""
    provenance = ctx.corpus.provenance(source, unit_id, ctx.lang)
    if provenance.kind == "project":
        issuer = ctx.corpus.documents[source].short_name
        short, long = ctx.t("prov_unofficial"), ctx.t("prov_made_from", language=ctx.language_name(ctx.corpus.default_language), issuer=issuer)
    elif provenance.kind == "untranslated":
        short = long = ctx.t("prov_untranslated")
    else:
        return outdated_marker(ctx, source, unit_id)  # the issuer's own wording: marked only when the English moved on
    return (
        f' <small class="ap-prov ap-prov--{provenance.kind}" data-provenance="{provenance.kind}" data-search-exclude>'
        f'<span aria-hidden="true">{short}</span><span class="ap-sr">{long}</span></small>'
    ) + outdated_marker(ctx, source, unit_id) + qa_marker(ctx, source, unit_id)


def qa_marker(ctx: Ctx, source: str, unit_id: str) -> str:
    """In a draft's preview: a text the checker's translation QA questions (a warning in a draft, never published)."""
    rules = ctx.corpus.qa_flagged.get((ctx.lang, source, unit_id))
    if not rules:
        return ""
    return (
        f' <small class="ap-prov ap-prov--qa" data-qa="{esc(" ".join(rules))}" data-search-exclude>'
        f'<span aria-hidden="true">{ctx.t("prov_qa_short")}</span><span class="ap-sr">{ctx.t("prov_qa", rules=", ".join(rules))}</span></small>'
    )


def outdated_marker(ctx: Ctx, source: str, unit_id: str) -> str:
    """After a translation made from an English text that has since changed: say so, and link the current English."""
    translation = ctx.corpus.translations.get((ctx.lang, source))
    entry = translation.entries.get(unit_id) if translation else None
    if source not in ctx.corpus.documents or entry is None or not entry.is_outdated(ctx.corpus.sources[source][unit_id]):
        return ""
    if translation.is_official(unit_id):
        kind, short, long = "awaiting-issuer", ctx.t("prov_awaiting_issuer_short"), ctx.t("prov_awaiting_issuer")
    else:
        kind, short, long = "outdated", ctx.t("prov_outdated_short"), ctx.t("prov_outdated")
    english = ctx.corpus.default_language
    path, anchor = _location(ctx, source, unit_id)
    link = f'<a href="{ctx.other_language_href(english, path, anchor)}" hreflang="{english}" target="_self">{ctx.t("prov_read_current")}</a>'
    return (
        f' <small class="ap-prov ap-prov--{kind}" data-outdated="{kind}" data-search-exclude>'
        f'<span aria-hidden="true">{short}</span><span class="ap-sr">{long}</span> {link}</small>'
    )


def _location(ctx: Ctx, source: str, unit_id: str) -> tuple[str, str]:
    """Where a unit of a document lives: its principle page for principles and points, else the document page."""
    try:
        return unit_location(ctx.corpus, unit_id)
    except KeyError:
        return f"{source}/", unit_id


def note(ctx: Ctx, doc: Document, unit_id: str) -> str:
    """A note beside its text: this site's editorial note on an issuer's own wording, a translator's note on the site's translation."""
    if ctx.lang == ctx.corpus.default_language:
        note = doc.notes.get(unit_id)
        key = "editorial_note"
    else:
        translation = ctx.corpus.translations.get((ctx.lang, doc.id))
        entry = translation.entries.get(unit_id) if translation else None
        note = entry.note if entry else None
        key = "editorial_note" if translation and translation.is_official(unit_id) else "translator_note"
    if not note:
        return ""
    return f'<p class="ap-note"><span class="ap-key">{ctx.colon(ctx.t(key))}</span> {esc(note)}</p>'
