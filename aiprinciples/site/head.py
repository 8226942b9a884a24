"""<head> metadata of a page: canonical, hreflang alternates, Open Graph and Twitter cards.

Absolute URLs from site_url, as search engines and link previews require. Titles and
descriptions are the page's own text in its language; templates/_head.html escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from aiprinciples.model import Corpus
from aiprinciples.site.pages import lang_prefix
from aiprinciples.site.previews import SIZE as PREVIEW_SIZE
from aiprinciples.site.view import shorten


@dataclass(frozen=True)
class HeadModel:
    corpus: Corpus
    site_url: str
    lang: str
    path: str
    title: str
    description: str
    languages: list[str]
    image: str
    site_name: str
    size: tuple[int, int] = PREVIEW_SIZE
    noindex: bool = False  # a draft language's preview: kept out of search engines

    def url(self, code: str) -> str:
        return self.site_url + lang_prefix(self.corpus, code) + self.path

    def tag(self, code: str) -> str:
        return self.corpus.tag(code)

    def og_locale(self, code: str) -> str:
        return og_locale(self.corpus, code)

    @property
    def default_language(self) -> str:
        return self.corpus.default_language

    @property
    def full_title(self) -> str:
        return self.title if self.title == self.site_name else f"{self.title} – {self.site_name}"


def head_html(corpus: Corpus, site_url: str, lang: str, path: str, title: str, description: str, languages: list[str], image: str = "", noindex: bool = False) -> Markup:
    """image: the preview's path below the site root ("og/fr/p-win-1-3.png"), or "" for none."""
    from aiprinciples.site.render import templates

    site_name = corpus.messages.format(lang, "site_name").text
    model = HeadModel(corpus, site_url, lang, path, title, shorten(description, 200), languages, image, site_name, noindex=noindex)
    return Markup(templates().get_template("_head.html").render(m=model))


def og_locale(corpus: Corpus, code: str) -> str:
    """Open Graph's language_TERRITORY: from the language's tag (pt-BR -> pt_BR), else the usual territory."""
    tag = corpus.tag(code)
    return tag.replace("-", "_") if "-" in tag else OG_LOCALES.get(code, code)


# Constant data.
OG_LOCALES = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ko": "ko_KR"}
