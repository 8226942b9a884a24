"""<head> metadata of a page: canonical, hreflang alternates, Open Graph and Twitter cards.

Absolute URLs from site_url, as search engines and link previews require.
Titles and descriptions are the page's own text in its language, escaped.
"""

from __future__ import annotations

from aiprinciples.model import Corpus
from aiprinciples.site.context import esc, shorten
from aiprinciples.site.pages import lang_prefix
from aiprinciples.site.previews import SIZE as PREVIEW_SIZE


def head_html(corpus: Corpus, site_url: str, lang: str, path: str, title: str, description: str, languages: list[str], image: str = "") -> str:
    """image: the preview's path below the site root ("og/fr/p-win-1-3.png"), or "" for none."""
    def url(code: str) -> str:
        return site_url + lang_prefix(corpus, code) + path

    site_name = corpus.text("ui", "site_name", lang)[0]
    full_title = title if title == site_name else f"{title} – {site_name}"
    description = shorten(description, 200)
    tags = [
        f'<link rel="canonical" href="{esc(url(lang))}">',
        *(f'<link rel="alternate" hreflang="{corpus.tag(code)}" href="{esc(url(code))}">' for code in languages),
        f'<link rel="alternate" hreflang="x-default" href="{esc(url(corpus.default_language))}">',
        f'<meta property="og:type" content="{"website" if not path else "article"}">',
        f'<meta property="og:site_name" content="{esc(site_name)}">',
        f'<meta property="og:title" content="{esc(full_title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(url(lang))}">',
        f'<meta property="og:locale" content="{og_locale(corpus, lang)}">',
        *(f'<meta property="og:locale:alternate" content="{og_locale(corpus, code)}">' for code in languages if code != lang),
        f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">',
        f'<meta name="twitter:title" content="{esc(full_title)}">',
        f'<meta name="twitter:description" content="{esc(description)}">',
    ]
    if image:
        tags += [
            f'<meta property="og:image" content="{esc(site_url + image)}">',
            '<meta property="og:image:type" content="image/png">',
            f'<meta property="og:image:width" content="{PREVIEW_SIZE[0]}">',
            f'<meta property="og:image:height" content="{PREVIEW_SIZE[1]}">',
            f'<meta property="og:image:alt" content="{esc(title)}">',
            f'<meta name="twitter:image" content="{esc(site_url + image)}">',
        ]
    return "\n".join(tags)


def og_locale(corpus: Corpus, code: str) -> str:
    """Open Graph's language_TERRITORY: from the language's tag (pt-BR -> pt_BR), else the usual territory."""
    tag = corpus.tag(code)
    return tag.replace("-", "_") if "-" in tag else OG_LOCALES.get(code, code)


# Constant data.
OG_LOCALES = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ko": "ko_KR"}
