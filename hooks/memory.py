"""MkDocs hook: a build holds one page's body at a time, whatever the number of documents and languages.

MkDocs keeps every page's body (`page.content`) until its build ends, and mkdocs-static-i18n
keeps each language's pages until every language is built, for the sitemap it draws in each
language's build: the whole site's HTML would sit in memory by the end. A corpus page's body is
made as the page is written (hooks/corpus_pages.py); this site writes its own sitemaps from the
page list (aiprinciples/site/outputs.py), so the theme's is not drawn; and once a page is written
nothing reads its body again (the search plugin indexed it in on_page_context, and
hooks/search_index.py took its entries).
"""

from __future__ import annotations

import ctypes
import ctypes.util

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents


def on_config(config):
    config.theme.static_templates.discard("sitemap.xml")  # replaced by ours: see the docstring
    return config


# After every other on_post_page handler (hooks/csp.py is -1000): the output is final. What served only
# this page's template goes too: its table of contents and the ap_* values hooks/corpus_pages.py gave it
# (the <head>, the language links); the title stays, the navigation of the next pages shows it.
@event_priority(-2000)
def on_post_page(output, page, config):
    page.content = None
    page.toc = TableOfContents([])
    for key in [key for key in page.meta if key.startswith("ap_")]:
        del page.meta[key]
    return output


# After hooks/search_index.py (-50) took the language's search entries; before mkdocs-static-i18n
# (-100) starts the next language's build from here.
@event_priority(-60)
def on_post_build(config):
    i18n = config.plugins["i18n"]
    i18n.i18n_files_per_language.pop(i18n.current_language, None)  # read only by the sitemap it no longer draws
    _release_free_memory()  # no gc.collect(): 1-3 % of a build's CPU for a few MB


# What the language's build freed goes back to the system before the next one allocates its own
# (glibc keeps freed blocks otherwise, and the next build's pages land between them).
def _release_free_memory() -> None:
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()
