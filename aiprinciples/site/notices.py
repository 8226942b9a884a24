"""Provenance notices: which texts on a page are official, and which are the project's own."""

from __future__ import annotations

from aiprinciples.site.context import Ctx, esc


def provenance(ctx: Ctx) -> str:
    """One notice per source whose text the page showed, in the reader's language."""
    corpus, parts = ctx.corpus, []
    for source, langs in sorted(ctx.shown.items(), key=lambda item: SOURCE_ORDER.get(item[0], 0)):
        if ctx.lang not in langs or source not in corpus.documents:
            continue
        if ctx.lang == corpus.default_language:
            parts.append(_english(ctx, source))
            continue
        translation = corpus.translations.get((ctx.lang, source))
        if translation is None:
            continue
        if translation.status == "official":
            parts.append(_box(ctx, "info", ctx.t("notice_official_title"), ctx.t("notice_official_body", issuer=_issuer(ctx, source)), source))
        else:
            parts.append(_unofficial(ctx, source, translation))
    # A page of theme texts only (the themes index) still says they are the project's own.
    if not parts and ctx.lang != corpus.default_language and "themes" in ctx.shown:
        translation = corpus.translations.get((ctx.lang, "themes"))
        if translation is not None:
            parts.append(_unofficial(ctx, "themes", translation))
    return "\n".join(parts)


def _unofficial(ctx: Ctx, source: str, translation) -> str:
    issuer = _issuer(ctx, source) if source in ctx.corpus.documents else ctx.t_plain("site_name")
    body = [ctx.t("notice_unofficial_body", issuer=issuer)]
    body.append(ctx.t("notice_machine_assisted") if translation.method == "machine-assisted" else ctx.t("notice_human"))
    entries = [e for e in translation.entries.values() if e.text.strip()]
    reviewed = sum(1 for e in entries if e.reviewed_by)
    if reviewed == 0:
        body.append(ctx.t("notice_not_reviewed"))
    elif reviewed < len(entries):
        body.append(ctx.t("notice_partly_reviewed", reviewed=str(reviewed), total=str(len(entries))))
    else:
        body.append(ctx.t("notice_reviewed"))
    links = []
    if source in ctx.corpus.documents:
        official = _official_version(ctx, source)
        if official:
            links.append(official)
        links.append(f'<a href="{ctx.other_language_href(ctx.corpus.default_language, ctx.page_path)}" hreflang="en" target="_self">{ctx.t("notice_read_english")}</a>')
    text = " ".join(body)
    if links:
        text += '</p><p class="ap-notice__links">' + " · ".join(links)
    title = ctx.t("notice_unofficial_title")
    if source in ctx.corpus.documents:
        title += " — " + ctx.text(source, f"{source}-title")
    return _box(ctx, "warning", title, text, source)


def _english(ctx: Ctx, source: str) -> str:
    doc = ctx.corpus.documents[source]
    if doc.meta["english_status"] == "original":
        return ""
    original = doc.meta["original_language"]
    body = ctx.t("notice_english_official_translation", issuer=_issuer(ctx, source), language=ctx.language_name(original))
    official = _official_version(ctx, source, original)
    if official:
        body += '</p><p class="ap-notice__links">' + official
    return _box(ctx, "info", ctx.t("notice_official_title") + " — " + ctx.text(source, f"{source}-title"), body, source)


def _official_version(ctx: Ctx, source: str, lang: str | None = None) -> str:
    """A link to the official version in `lang` (default: the page's), or a sentence saying it exists."""
    lang = lang or ctx.lang
    for version in ctx.corpus.documents[source].meta["versions"]:
        if version["language"] == lang:
            key = "notice_original_version" if version["status"] == "original" else "notice_official_version"
            if version.get("url"):
                return f'<a href="{esc(version["url"])}" hreflang="{lang}" rel="external">{ctx.t(key)} ({esc(ctx.language_name(lang))})</a>'
            return ctx.t("notice_official_not_linked")
    return ""


def _issuer(ctx: Ctx, source: str) -> str:
    return ctx.corpus.documents[source].short_name


def _box(ctx: Ctx, kind: str, title: str, body: str, source: str) -> str:
    return (
        f'<aside class="admonition {kind} ap-notice" data-source="{esc(source)}" role="note" data-search-exclude>'
        f'<p class="admonition-title">{title}</p><p>{body}</p></aside>'
    )


# Constant data.
SOURCE_ORDER = {"win": 0, "aie": 1, "themes": 2, "ui": 3}
