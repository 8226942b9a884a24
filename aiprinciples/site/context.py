"""Everything a renderer needs for one page in one language, and the escaping helpers.

Rule: every corpus or translator text reaches HTML through esc() or Ctx.text(),
never raw. UI strings are escaped first, then their {placeholders} are filled with escaped values.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from html import escape

from babel.dates import format_date

from aiprinciples.locales import babel_locale
from aiprinciples.model import Corpus, Document
from aiprinciples.site.pages import lang_prefix, relative, unit_location

PLACEHOLDER_LINK = re.compile(r"\[([^\]\[]*)\]\(#\)")  # "[here](#)": a link whose address the source lost


def esc(text: str) -> str:
    return escape(text, quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis (descriptions, link titles)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Ctx:
    corpus: Corpus
    lang: str
    page_path: str  # URL path of the page below its language root
    site_url: str  # absolute, ending with "/"
    shown: dict[str, set[str]] = field(default_factory=dict)  # source -> languages of text shown
    units: dict[str, set[str]] = field(default_factory=dict)  # source -> ids of the units shown

    # The interface message `key` in this language, as HTML: formatted as plain text, escaped here once.
    def t(self, key: str, **values) -> str:
        message = self.corpus.messages.format(self.lang, key, **values)
        html = esc(message.text)
        return html if message.lang == self.lang else f'<span lang="{self.tag(message.lang)}">{html}</span>'

    # The same, as plain text (for attributes and meta tags, escaped by the caller).
    def t_plain(self, key: str, **values) -> str:
        return self.corpus.messages.format(self.lang, key, **values).text

    # A corpus text in this language (English when untranslated), escaped, marked with its language.
    def text(self, source: str, unit_id: str, tag: str = "span", cls: str = "") -> str:
        raw, lang = self.corpus.text(source, unit_id, self.lang)
        self.shown.setdefault(source, set()).add(lang)
        self.units.setdefault(source, set()).add(unit_id)
        attrs = f' class="{cls}"' if cls else ""
        if lang != self.lang:
            attrs += f' lang="{self.tag(lang)}"'
        body = esc(PLACEHOLDER_LINK.sub(r"\1", raw))
        return f"<{tag}{attrs}>{body}</{tag}>" if attrs or tag != "span" else body

    # "Label:" with the language's own punctuation and spacing (French "Label :"); label is HTML.
    def colon(self, label_html: str) -> str:
        marker = "\x00"
        return esc(self.t_plain("label_colon", label=marker)).replace(marker, label_html)

    # The separator between items of an inline list, in this language.
    def sep(self) -> str:
        return esc(self.corpus.text("ui", "list_separator", self.lang)[0])

    def plain(self, source: str, unit_id: str) -> str:
        return PLACEHOLDER_LINK.sub(r"\1", self.corpus.text(source, unit_id, self.lang)[0])

    def tag(self, code: str) -> str:
        """The BCP 47 tag of a language for lang and hreflang attributes (pt -> pt-BR)."""
        return self.corpus.tag(code)

    def theme_name(self, theme_id: str) -> str:
        return self.text("themes", f"{theme_id}.name")

    def href(self, path: str, anchor: str = "") -> str:
        """Relative link to a page of this language (path below the language root)."""
        return esc(relative(self.page_path, path) + (f"#{anchor}" if anchor else ""))

    def unit_href(self, unit_id: str) -> str:
        path, anchor = unit_location(self.corpus, unit_id)
        return self.href(path, anchor)

    def absolute(self, path: str, lang: str | None = None, anchor: str = "") -> str:
        return self.site_url + lang_prefix(self.corpus, lang or self.lang) + path + (f"#{anchor}" if anchor else "")

    def other_language_href(self, lang: str, path: str, anchor: str = "") -> str:
        """Relative link to the same kind of page in another language."""
        here = lang_prefix(self.corpus, self.lang) + self.page_path
        return esc(relative(here, lang_prefix(self.corpus, lang) + path) + (f"#{anchor}" if anchor else ""))

    def language_name(self, code: str) -> str:
        """The name of a language in this page's language (CLDR data via Babel)."""
        return babel_locale(self.lang).languages.get(code.replace("-", "_"), self.corpus.languages.get(code, code))

    def date(self, doc: Document) -> str:
        year, month, day = (int(x) for x in str(doc.meta["date"]).split("-"))
        return format_date(datetime.date(year, month, day), format="long", locale=babel_locale(self.lang))

    def label(self, unit_id: str) -> str:
        """Short reference such as "WIN 1.3" or "AIE 4"."""
        doc_id, *numbers = unit_id.split("-")
        return f"{self.corpus.documents[doc_id].short_name} {'.'.join(numbers)}"
