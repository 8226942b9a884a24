"""What a template needs for one page in one language: messages, links, units, CLDR formats.

Python hands templates plain text; Jinja's autoescaping escapes it once. The few methods that
return Markup build it with markupsafe, which escapes what it interpolates; each says why.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from babel.lists import format_list
from markupsafe import Markup, escape

from aiprinciples.locales import babel_locale
from aiprinciples.model import Corpus, Document
from aiprinciples.presentation import Unit, units
from aiprinciples.site.pages import lang_prefix, relative, unit_index


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str = ""  # the text's language, when not the page's
    hreflang: str = ""  # the linked page's language, when not the page's
    title: str = ""
    type: str = ""  # the media type of a download


@dataclass(frozen=True)
class Related:
    theme: str
    links: list[Link]
    more: int  # related points the theme page shows beyond these
    theme_path: str

    @property
    def points(self) -> bool:
        return bool(self.links)


def headline(text: str) -> str:
    """A sentence used as a title (a page's, a preview's): without its one final full stop; an ellipsis stays."""
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis (descriptions, link titles)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class View:
    corpus: Corpus
    lang: str
    page_path: str  # URL path of the page below its language root ("win/copyright/")
    site_url: str  # absolute, ending with "/"

    # -- messages --------------------------------------------------------------------------

    def t(self, key: str, **args):
        """A message as element content: plain text, or where it falls back to English, the text marked
        as English (Markup, so the span is not escaped; markupsafe escapes the text inside)."""
        message = self.corpus.messages.format(self.lang, key, **args)
        if message.lang == self.lang:
            return message.text
        return Markup('<span lang="{}">{}</span>').format(self.tag(message.lang), message.text)

    def text(self, key: str, **args) -> str:
        """A message as plain text (attributes, titles, meta tags)."""
        return self.corpus.messages.format(self.lang, key, **args).text

    def colon(self, label) -> Markup:
        """"Label:" with the language's punctuation and spacing ("Label :" in French); `label` may be Markup."""
        marker = "\x00"
        return escape(self.text("label_colon", label=marker)).replace(marker, escape(label))

    def list_parts(self, count: int, style: str = "standard") -> list[str]:
        """The text around `count` items joined by the language's CLDR list pattern: ["", ", ", " et ", ""]."""
        if count == 0:
            return [""]
        markers = [f"\x00{i}\x00" for i in range(count)]
        joined = format_list(markers, style=style, locale=babel_locale(self.lang))
        parts = []
        for marker in markers:
            before, joined = joined.split(marker, 1)
            parts.append(before)
        return [*parts, joined]

    # -- units -----------------------------------------------------------------------------

    def unit(self, unit_id: str) -> Unit:
        return units(self.corpus, self.lang)[unit_id]

    def units_of(self, doc: Document) -> list[Unit]:
        shown = units(self.corpus, self.lang)
        return [shown[unit_id] for unit_id in doc.units()]

    def document(self, doc_id: str) -> Document:
        return self.corpus.documents[doc_id]

    def former_ids(self, unit_id: str) -> tuple[str, ...]:
        """The unit's former ids: every page showing it keeps an anchor for each."""
        return unit_index(self.corpus).former_ids.get(unit_id, ())

    def theme_links(self, theme_ids) -> list[Link]:
        return [Link(self.href(f"themes/{self.corpus.themes[t].slug}/"), self.theme_name(t), self._lang_attr(self.theme_lang(t))) for t in theme_ids]

    def related(self, unit: Unit) -> list[Related]:
        """Under a point, per theme: up to RELATED_SHOWN points of the other documents, then how many more the theme page holds.

        Its size depends on the point's themes, never on how many documents the corpus holds.
        """
        index, shown = unit_index(self.corpus), units(self.corpus, self.lang)
        out = []
        for theme in unit.themes:
            found = [pt for doc_id in self.corpus.documents if doc_id != unit.document for pt in index.by_theme.get((theme, doc_id), ())]
            links = [Link(self.href(shown[pt.id].path, pt.id), shown[pt.id].label, title=shorten(shown[pt.id].text, 160)) for pt in found[:RELATED_SHOWN]]
            out.append(Related(theme, links, len(found) - len(links), f"themes/{self.corpus.themes[theme].slug}/"))
        return out

    def theme_name(self, theme_id: str) -> str:
        return self.corpus.text("themes", f"{theme_id}.name", self.lang)[0]

    def theme_lang(self, theme_id: str, field: str = "name") -> str:
        return self.corpus.text("themes", f"{theme_id}.{field}", self.lang)[1]

    def theme_description(self, theme_id: str) -> str:
        return self.corpus.text("themes", f"{theme_id}.description", self.lang)[0]

    # -- links -----------------------------------------------------------------------------

    def href(self, path: str, anchor: str = "") -> str:
        """Relative link to a page of this language (path below the language root)."""
        return relative(self.page_path, path) + (f"#{anchor}" if anchor else "")

    def unit_href(self, unit_id: str) -> str:
        path, anchor = unit_index(self.corpus).location(unit_id)
        return self.href(path, anchor)

    def at(self, unit: Unit) -> str:
        """Link to where a unit lives, from this page."""
        return self.href(unit.path, unit.anchor)

    def lang_href(self, lang: str, path: str, anchor: str = "") -> str:
        """Relative link to a page in another language."""
        here = lang_prefix(self.corpus, self.lang) + self.page_path
        return relative(here, lang_prefix(self.corpus, lang) + path) + (f"#{anchor}" if anchor else "")

    def file_href(self, path: str) -> str:
        """Relative link to a file below the site root (data/…, og/…)."""
        return relative(lang_prefix(self.corpus, self.lang) + self.page_path, path)

    def absolute(self, path: str, lang: str | None = None, anchor: str = "") -> str:
        return self.site_url + lang_prefix(self.corpus, lang or self.lang) + path + (f"#{anchor}" if anchor else "")

    def share_url(self, unit_id: str, lang: str | None = None) -> str:
        return self.absolute(f"p/{unit_id}/", lang)

    def _lang_attr(self, lang: str) -> str:
        return "" if lang == self.lang else self.tag(lang)

    # -- languages, dates, places ----------------------------------------------------------

    def tag(self, code: str) -> str:
        """The BCP 47 tag of a language for lang and hreflang attributes (pt -> pt-BR)."""
        return self.corpus.tag(code)

    @property
    def page_tag(self) -> str:
        return self.corpus.tag(self.lang)

    @property
    def languages(self) -> dict[str, str]:
        """The languages of this build, each by its own name."""
        return self.corpus.languages

    def language_name(self, code: str) -> str:
        """The name of a language in this page's language (CLDR)."""
        return babel_locale(self.lang).languages.get(code.replace("-", "_"), self.corpus.configured_languages.get(code, code))

    def date(self, value) -> datetime.date:
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))

    @property
    def default_language(self) -> str:
        return self.corpus.default_language


# Constant data.
RELATED_SHOWN = 4  # related points listed under a point, per theme; the theme page lists them all
