"""Where the build itself writes, below each language's root: no hand-written page or file may land there.

Derived from the code that writes them where it offers a function (page_specs, data_path,
preview_path, the languages); the rest are the fixed names outputs.py, the search plugin and
the theme write. tests/test_docs_names.py builds the real site and fails if it holds a
top-level entry this module does not name, so the list cannot fall behind the build.
"""

from __future__ import annotations

import functools

from aiprinciples.model import Corpus


def generated_roots(corpus: Corpus) -> dict[str, str]:
    """First path segment -> what the site publishes there ("status" -> "the generated page /status/")."""
    from aiprinciples.site.open_data import data_path
    from aiprinciples.site.pages import page_specs
    from aiprinciples.site.previews import preview_path

    roots = dict(SITE_OUTPUTS)
    for spec in page_specs(corpus):
        if spec.path:
            roots.setdefault(spec.path.split("/")[0], f"the generated pages /{spec.path.split('/')[0]}/")
    roots[data_path().split("/")[0]] = "the open data"
    roots[preview_path(corpus.default_language, "home").split("/")[0]] = "the link-preview images"
    for code in language_codes():
        roots.setdefault(code, f"the {code} language's folder (a language the site could add)")
    for code in corpus.languages:
        roots[code] = roots[code.lower()] = f"the {code} language's folder"
    return roots


@functools.cache
def language_codes() -> frozenset[str]:
    """Every language CLDR knows (en, es, fil…): a folder each would have once added."""
    from babel import localedata

    return frozenset(code for code in localedata.locale_identifiers() if "_" not in code)


# Constant data: written below every language root by outputs.py (p/, search/), MkDocs and the theme.
SITE_OUTPUTS = {
    "p": "the share and redirect pages /p/<id>/",
    "search": "the search index",
    "assets": "the theme's scripts, styles and images",
    "404": "the not-found page",
    "sitemap": "the sitemap",
    "index": "the home page",
    "robots": "robots.txt, for crawlers",
    "favicon": "favicon.ico, where browsers look for the icon",
}
