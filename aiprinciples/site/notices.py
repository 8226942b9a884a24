"""Provenance notices: which texts on a page are official, and which are the project's own."""

from __future__ import annotations

from aiprinciples.site.context import Ctx, esc


def provenance(ctx: Ctx) -> str:
    """One notice per source whose text the page shows, saying exactly whose words they are."""
    corpus, parts = ctx.corpus, []
    for source, langs in sorted(ctx.shown.items(), key=lambda item: SOURCE_ORDER.get(item[0], 0)):
        if ctx.lang not in langs or source not in corpus.documents:
            continue
        if ctx.lang == corpus.default_language:
            # Titles alone (home, status) need no notice; the texts themselves do.
            if ctx.units.get(source, set()) - {corpus.documents[source].title_id}:
                parts.append(_english(ctx, source))
            continue
        translation = corpus.translations.get((ctx.lang, source))
        if translation is None:
            continue
        shown = ctx.units.get(source, set())
        if translation.status == "official" or any(translation.is_official(u) for u in shown):
            parts.append(_box(ctx, "info", ctx.t("notice_official_title"), ctx.t("notice_official_body", issuer=_issuer(ctx, source)), source))
        if translation.status != "official" and any(not translation.is_official(u) for u in shown):
            original = corpus.documents[source].meta["original_language"]
            parts.append(_back_translation(ctx, source, translation) if original == ctx.lang else _unofficial(ctx, source, translation))
    # Theme names and descriptions are this site's own words, in every language.
    if not parts and ctx.lang != corpus.default_language and "themes" in ctx.shown:
        translation = corpus.translations.get((ctx.lang, "themes"))
        if translation is not None:
            body = " ".join([ctx.t("notice_site_texts_body"), *_how_made(ctx, translation)])
            parts.append(_box(ctx, "note", ctx.t("notice_site_texts_title"), body, "themes"))
    return "\n".join(parts)


def _how_made(ctx: Ctx, translation) -> list[str]:
    """How a translation was made and whether a person reviewed it: never more than is true."""
    out = [ctx.t("notice_machine_assisted") if translation.method == "machine-assisted" else ctx.t("notice_human")]
    entries = [e for unit_id, e in translation.entries.items() if e.text.strip() and not translation.is_official(unit_id)]
    reviewed = sum(1 for e in entries if e.review_state == "reviewed")
    changed = sum(1 for e in entries if e.review_state == "changed")
    if reviewed == 0:
        out.append(ctx.t("notice_not_reviewed"))
    elif reviewed < len(entries):
        out.append(ctx.t("notice_partly_reviewed", reviewed=str(reviewed), total=str(len(entries))))
    else:
        out.append(ctx.t("notice_reviewed"))
    if changed:
        out.append(ctx.t("notice_changed_since_review", count=str(changed)))
    return out


def _unofficial(ctx: Ctx, source: str, translation) -> str:
    body = [ctx.t("notice_unofficial_body", issuer=_issuer(ctx, source)), *_how_made(ctx, translation)]
    links = []
    official = _official_version(ctx, source)
    if official:
        links.append(official)
    links.append(_read_english(ctx))
    text = " ".join(body) + '</p><p class="ap-notice__links">' + " · ".join(links)
    title = ctx.t("notice_unofficial_title") + " — " + ctx.text(source, f"{source}-title")
    return _box(ctx, "warning", title, text, source)


def _back_translation(ctx: Ctx, source: str, translation) -> str:
    """The issuer's original is in this language, and this page shows the site's translation of its English."""
    issuer, language = _issuer(ctx, source), ctx.language_name(ctx.lang)
    body = [ctx.t("notice_back_translation_body", issuer=issuer, language=language), *_how_made(ctx, translation)]
    links = [link for link in (_official_version(ctx, source), _read_english(ctx)) if link]
    text = " ".join(body) + '</p><p class="ap-notice__links">' + " · ".join(links)
    return _box(ctx, "warning", ctx.t("notice_back_translation_title", issuer=issuer), text, source)


def _read_english(ctx: Ctx) -> str:
    return f'<a href="{ctx.other_language_href(ctx.corpus.default_language, ctx.page_path)}" hreflang="{ctx.tag(ctx.corpus.default_language)}" target="_self">{ctx.t("notice_read_english")}</a>'


def _english(ctx: Ctx, source: str) -> str:
    doc = ctx.corpus.documents[source]
    if doc.meta["english_status"] == "original":
        return ""
    original = doc.meta["original_language"]
    body = ctx.t("notice_english_official_translation", issuer=_issuer(ctx, source), language=ctx.language_name(original))
    if doc.notes:
        body += " " + ctx.t("notice_english_notes")
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
                return f'<a href="{esc(version["url"])}" hreflang="{ctx.tag(lang)}" rel="external">{ctx.t(key)} ({esc(ctx.language_name(lang))})</a>'
            return ctx.t("notice_official_not_linked")
    return ""


def _issuer(ctx: Ctx, source: str) -> str:
    return ctx.corpus.documents[source].short_name


def untranslated_page(corpus, lang: str, body_html: str) -> str:
    """A hand-written page still in English in a draft language: say so, and mark its language."""
    english = corpus.default_language
    text, text_lang = corpus.text("ui", "prov_untranslated", lang)
    title = esc(text) if text_lang == lang else f'<span lang="{corpus.tag(text_lang)}">{esc(text)}</span>'
    return (
        f'<aside class="admonition warning ap-notice" data-source="page" data-provenance="untranslated" role="note" data-search-exclude>'
        f'<p class="admonition-title">{title}</p></aside><div lang="{corpus.tag(english)}">{body_html}</div>'
    )


def _box(ctx: Ctx, kind: str, title: str, body: str, source: str) -> str:
    # The title is a summary: a phone shows it alone until opened; wider screens and paper show the whole notice (aiprinciples.css).
    return (
        f'<aside class="admonition {kind} ap-notice" data-source="{esc(source)}" role="note" data-search-exclude>'
        f'<details class="ap-notice__details"><summary class="admonition-title">{title}</summary><p>{body}</p></details></aside>'
    )


# Constant data.
SOURCE_ORDER = {"win": 0, "aie": 1, "themes": 2, "ui": 3}
