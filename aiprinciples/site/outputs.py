"""Files written once per build, after every language: resolver pages, sitemaps, open data; and the search indexes.

Deterministic on purpose: no dates, sorted keys, fixed gzip header, so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import gzip
import logging
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from aiprinciples.site.crawlers import write_crawler_files
from aiprinciples.site.csp import apply_policy
from aiprinciples.site.head import head_html
from aiprinciples.site.open_data import write_open_data
from aiprinciples.site.pages import lang_prefix, relative, unit_location
from aiprinciples.site.previews import preview_path, write_previews
from aiprinciples.site.render import templates
from aiprinciples.site.search_index import LanguageIndex
from aiprinciples.site.share import share, shared_units
from aiprinciples.site.view import View

log = logging.getLogger("mkdocs.aiprinciples.outputs")


def write_outputs(state, site_dir: Path, site_url: str, default_search_index: LanguageIndex, favicon: str = "assets/images/favicon.png") -> None:
    # The other languages' indexes were written as each language's build ended (hooks/search_index.py);
    # the default language's goes last, where Material wrote the (empty) merged one.
    default_search_index.write(site_dir)
    write_resolvers(state, site_dir, site_url)
    write_share_pages(state, site_dir, site_url)
    write_sitemaps(state, site_dir, site_url)
    write_default_language_redirects(state, site_dir, site_url)
    write_crawler_files(site_dir, site_url, favicon)
    shared = os.environ.get(SHARED_CACHE_VARIABLE)  # several projects (the test suite's copies) share one cache
    cache = Path(shared) if shared else Path(state.corpus.root) / PREVIEW_CACHE
    drawn = write_previews(state.previews, site_dir, cache, prune=not shared, languages=state.corpus.configured_languages)
    log.info(f"preview images: {len(state.previews)}, {drawn} drawn, the others unchanged (from {PREVIEW_CACHE}/)")
    write_open_data(state.corpus, site_dir, site_url)


def write_resolvers(state, site_dir: Path, site_url: str) -> None:
    """/p/<old id>/ for every alias, in every language: a redirect to where the unit lives now."""
    corpus = state.corpus
    for code in corpus.languages:
        for short_id, unit_id in sorted(state.aliases.items()):
            path, anchor = unit_location(corpus, unit_id)
            here = lang_prefix(corpus, code) + f"p/{short_id}/"
            _write_redirect(corpus, code, site_dir / here / "index.html", relative(here, lang_prefix(corpus, code) + path) + (f"#{anchor}" if anchor else ""), site_url + lang_prefix(corpus, code) + path + (f"#{anchor}" if anchor else ""))


def write_share_pages(state, site_dir: Path, site_url: str) -> None:
    """/p/<id>/ for every principle and point in every language: the address to share.

    A page of its own (templates/share.html): the unit, whose words it is, its notes, the principle it
    belongs to, links to read it in place and in other languages; its own title, description and preview image.
    """
    corpus = state.corpus
    template = templates().get_template("share.html")
    for code in corpus.languages:
        for unit_id in shared_units(corpus):
            card = share(corpus, code, unit_id, site_url)
            here = f"p/{unit_id}/"
            view = View(corpus, code, here, site_url)
            head = head_html(corpus, site_url, code, here, card.title, card.description, list(corpus.languages), preview_path(code, f"p:{unit_id}"))
            html, _ = apply_policy(template.render(v=view, card=card, head=head))  # no inline script: no hash
            out = site_dir / lang_prefix(corpus, code) / here / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(html, encoding="utf-8")


def write_default_language_redirects(state, site_dir: Path, site_url: str) -> None:
    """/en/ and /en/<page>/ lead to the page at the root, where the default language lives.

    A reader who swaps /fr/ for /en/ in an address lands on the page, not on a 404.
    """
    corpus = state.corpus
    code = corpus.default_language
    for path in [spec.path for spec in state.specs] + sorted(_hand_written(site_dir, corpus)):
        here = f"{code}/{path}"
        _write_redirect(corpus, code, site_dir / here / "index.html", relative(here, path), site_url + path)


def _write_redirect(corpus, code: str, out: Path, href: str, absolute: str) -> None:
    messages = corpus.messages
    page = templates().get_template("redirect.html").render(
        lang=corpus.tag(code), title=messages.format(code, "redirect_title").text, body=messages.format(code, "redirect_body").text, href=href, absolute=absolute,
    )
    html, _ = apply_policy(page)  # no inline script: no hash
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")


def write_sitemaps(state, site_dir: Path, site_url: str) -> None:
    """sitemap.xml with hreflang alternates; each language root gets its own part.

    Only these: a sitemap lists at least one URL (the sitemaps.org schema). Material's
    language switch would fetch sitemap.xml beside every <link rel="alternate">; ours
    links each language directly (overrides/partials/alternate.html) and
    assets/aiprinciples.js keeps those fetches from being made.
    """
    corpus = state.corpus
    paths = [spec.path for spec in state.specs] + sorted(_hand_written(site_dir, corpus))
    entries: dict[str, list[str]] = {code: [] for code in corpus.languages}
    for path in (quote(path, safe=URL_PATH_SAFE) for path in paths):  # a sitemap holds URLs, percent-encoded, then XML-escaped
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{corpus.tag(code)}" href="{escape(site_url + lang_prefix(corpus, code) + path)}"/>' for code in corpus.languages
        ) + f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(site_url + path)}"/>'
        for code in corpus.languages:
            entries[code].append(f"<url><loc>{escape(site_url + lang_prefix(corpus, code) + path)}</loc>{alternates}</url>")
    everything = [e for code in corpus.languages for e in entries[code]]
    _write_sitemap(site_dir, everything, gz=True)
    for code in corpus.languages:
        if code != corpus.default_language:
            _write_sitemap(site_dir / code, entries[code], gz=False)


def _write_sitemap(folder: Path, urls: list[str], gz: bool) -> None:
    text = SITEMAP.format(urls="\n".join(urls))
    (folder / "sitemap.xml").write_text(text, encoding="utf-8")
    if gz:
        with open(folder / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
            out.write(text.encode("utf-8"))


def _hand_written(site_dir: Path, corpus) -> set[str]:
    """Paths of hand-written pages (docs/en/*.md), e.g. "about/"."""
    docs = Path(corpus.root) / "docs" / corpus.default_language
    return {str(p.relative_to(docs).with_suffix("")) + "/" for p in docs.rglob("*.md") if p.stem != "index"}


# Constant data.
URL_PATH_SAFE = "/-._~"  # RFC 3986 unreserved characters and the path separator: everything else is percent-encoded
SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{urls}\n</urlset>\n'
PREVIEW_CACHE = "build/og-cache"  # outside site/: survives the atomic swap of site/ between builds
SHARED_CACHE_VARIABLE = "AIPRINCIPLES_PREVIEW_CACHE"
