"""Page notices: which texts on a page are whose words, document by document, as data for the templates.

A notice names the kind of text (the issuer's official text, this site's translation or
back-translation, this site's own theme texts), how it was made and whether a person reviewed
it: never more than is true. Templates (_notices.html) turn these messages into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from aiprinciples.model import is_note_unit
from aiprinciples.presentation import Unit


@dataclass(frozen=True)
class Msg:
    key: str
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NoticeLink:
    key: str
    args: dict = field(default_factory=dict)
    href: str = ""  # "" for a sentence without a link
    hreflang: str = ""
    external: bool = False


@dataclass(frozen=True)
class Notice:
    kind: str  # "official", "unofficial", "back-translation", "english-translation", "site-texts"
    style: str  # the admonition it looks like: info, warning, note
    source: str  # a document id, or "themes"
    title: Msg
    subject: Unit | None
    summary: list[Msg]  # always shown
    details: list[Msg] = field(default_factory=list)  # shown when the reader opens the notice
    notes: tuple = ()  # the notes on the document's title: they concern the whole text (shown with the details)
    links: list[NoticeLink] = field(default_factory=list)


def page_notices(view, shown: list[Unit], themes: bool = False) -> list[Notice]:
    """One notice per document whose texts the page shows (titles alone need none), then one for theme texts."""
    out = []
    for doc_id, doc in view.corpus.documents.items():
        mine = [u for u in shown if u.document == doc_id]
        if not [u for u in mine if u.kind != "title"]:
            continue
        title = view.unit(doc.title_id)
        if view.lang == view.corpus.default_language:
            if doc.meta["english_status"] != "original":
                out.append(_english_translation(view, doc, title))
            continue
        found = []
        if any(u.provenance.kind == "issuer" and u.kind != "title" for u in mine):
            found.append(_official(view, doc, title, mine))
        project = [u for u in mine if u.provenance.kind == "project"]
        if project:
            found.append(_back_translation(view, doc, title) if project[0].provenance.back_translation else _unofficial(view, doc, title))
        # The notes on a document's title concern the whole text: every page of it says them, in its notice.
        if found and title not in mine:
            found[0] = replace(found[0], notes=title.notes)
        out += found
    if themes:
        out.append(_site_texts(view))
    return out


def _english_translation(view, doc, title: Unit) -> Notice:
    original = doc.meta["original_language"]
    summary = [Msg("notice_english_official_translation", {"issuer": doc.short_name, "original": original})]
    if doc.notes:
        summary.append(Msg("notice_english_notes"))
    return Notice("english-translation", "info", doc.id, Msg("notice_official_title"), title, summary, links=_official_version(view, doc, original))


def _official(view, doc, title: Unit, mine: list[Unit]) -> Notice:
    summary = [Msg("notice_official_body", {"issuer": doc.short_name})]
    if any(note.kind == "editorial" for u in mine for note in u.notes):
        summary.append(Msg("notice_official_notes"))
    return Notice("official", "info", doc.id, Msg("notice_official_title"), title, summary, links=[_read_english(view)])


def _unofficial(view, doc, title: Unit) -> Notice:
    issuer = doc.short_name
    summary = [Msg("notice_unofficial_made", {"issuer": issuer}), *_how_made(view, doc.id)]
    return Notice(
        "unofficial", "warning", doc.id, Msg("notice_unofficial_title"), title, summary,
        details=[Msg("notice_unofficial_authority", {"issuer": issuer})], links=[*_official_version(view, doc, view.lang), _read_english(view)],
    )


def _back_translation(view, doc, title: Unit) -> Notice:
    issuer, original = doc.short_name, doc.meta["original_language"]
    summary = [Msg("notice_back_translation_made", {"issuer": issuer, "original": original}), *_how_made(view, doc.id)]
    return Notice(
        "back-translation", "warning", doc.id, Msg("notice_back_translation_title", {"issuer": issuer}), title, summary,
        details=[Msg("notice_back_translation_follows", {"issuer": issuer}), Msg("notice_back_translation_authority", {"issuer": issuer, "original": original})],
        links=[*_official_version(view, doc, original), _read_english(view)],
    )


def _site_texts(view) -> Notice:
    summary = [Msg("notice_site_texts_body")]
    translation = view.corpus.translations.get((view.lang, "themes"))
    if translation is not None:
        summary += _how_made(view, "themes", subject="themes")
    return Notice("site-texts", "note", "themes", Msg("notice_site_texts_title"), None, summary)


def _how_made(view, source: str, subject: str = "document") -> list[Msg]:
    """How a translation was made and whether a person reviewed it, from its entries: never more than is true."""
    translation = view.corpus.translations[(view.lang, source)]
    entries = [e for unit_id, e in translation.entries.items() if e.text.strip() and not is_note_unit(unit_id) and not translation.is_official(unit_id)]
    reviewed = sum(1 for e in entries if e.review_state == "reviewed")
    changed = sum(1 for e in entries if e.review_state == "changed")
    state = "none" if reviewed == 0 else "all" if reviewed == len(entries) else "partly"
    out = [Msg("notice_method", {"subject": subject, "method": translation.method}), Msg("notice_review", {"subject": subject, "state": state, "reviewed": reviewed, "total": len(entries)})]
    if changed:
        out.append(Msg("notice_changed_since_review", {"count": changed}))
    return out


def _official_version(view, doc, lang: str) -> list[NoticeLink]:
    """A link to the issuer's version in `lang`, or a sentence saying it exists; nothing when none is known."""
    for version in doc.meta["versions"]:
        if version["language"] == lang:
            key = "notice_original_version" if version["status"] == "original" else "notice_official_version"
            if version.get("url"):
                return [NoticeLink(key, {"language": lang}, href=version["url"], hreflang=view.tag(lang), external=True)]
            return [NoticeLink("notice_official_not_linked", {"publisher": version.get("publisher", doc.short_name)})]
    return []


def _read_english(view) -> NoticeLink:
    english = view.corpus.default_language
    return NoticeLink("notice_read_english", href=view.lang_href(english, view.page_path), hreflang=view.tag(english))
