"""Files written once per build, after every language: resolver pages, sitemaps, open data; and the search indexes.

Deterministic on purpose: no dates, sorted keys, fixed gzip header, so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import unicodedata
from functools import lru_cache
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
from aiprinciples.site.share import share, shared_units
from aiprinciples.site.view import View

log = logging.getLogger("mkdocs.aiprinciples.outputs")


def write_outputs(state, site_dir: Path, site_url: str, default_search_index: str, favicon: str = "assets/images/favicon.png") -> None:
    # The other languages' indexes were written as each language's build ended (hooks/search_index.py);
    # the default language's goes last, where Material wrote the (empty) merged one.
    write_search_index(state.corpus, state.corpus.default_language, site_dir, default_search_index)
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


def language_search_index(corpus, code: str, material_index: str) -> str:
    """One language's search index, from the one Material generated in that language's build.

    Its addresses are relative to the language's root, so a Korean search returns Korean pages only;
    a reader may type without accents ("remuneracion"): each entry also carries its words folded, in a
    field the search matches but never shows.
    """
    index = json.loads(material_index)
    root = "" if code == corpus.default_language else f"{code}/"
    docs = [_with_folded({**doc, "location": doc["location"].removeprefix(root)}) for doc in index["docs"]]
    fields = {**index["config"].get("fields", {}), FOLDED: {"boost": 1.0}}
    config = {**index["config"], "fields": fields, "lang": [code] if code in LUNR_LANGUAGES else ["en"]}
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_search_index(corpus, code: str, site_dir: Path, data: str) -> None:
    folder = site_dir / lang_prefix(corpus, code) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    # Material loads this variant when the site is opened from disk (file://).
    (folder / "search_index.js").write_text(f"var __index = {data};\n", encoding="utf-8")


def _with_folded(doc: dict) -> dict:
    words = f"{doc.get('title', '')} {doc.get('text', '')}"
    folded = fold(words)
    return {**doc, FOLDED: folded} if folded != words else doc


# Kept by text: `make serve` indexes every unchanged page again at each save.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text without its accents (é → e, ç → c, ã → a); Hangul and other scripts unchanged."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if unicodedata.category(char) != "Mn"))


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
FOLDED = "folded"  # the search index's field of accent-free words
URL_PATH_SAFE = "/-._~"  # RFC 3986 unreserved characters and the path separator: everything else is percent-encoded
LUNR_LANGUAGES = {"en", "es", "fr", "ko", "pt", "de", "it", "nl", "ja", "ru", "zh"}
SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{urls}\n</urlset>\n'
PREVIEW_CACHE = "build/og-cache"  # outside site/: survives the atomic swap of site/ between builds
SHARED_CACHE_VARIABLE = "AIPRINCIPLES_PREVIEW_CACHE"
