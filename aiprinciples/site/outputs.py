"""Files written once per build, after every language: search indexes, resolver pages, sitemaps, open data.

Deterministic on purpose: no dates, sorted keys, fixed gzip header, so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from pathlib import Path
from urllib.parse import quote

from aiprinciples.site.context import esc, shorten
from aiprinciples.site.csp import apply_policy
from aiprinciples.site.head import head_html
from aiprinciples.site.open_data import write_open_data
from aiprinciples.site.pages import lang_prefix, relative, unit_location
from aiprinciples.site.previews import preview_path, write_previews
from aiprinciples.site.share import share, shared_units

log = logging.getLogger("mkdocs.aiprinciples.outputs")


def write_outputs(state, site_dir: Path, site_url: str) -> None:
    split_search_index(state.corpus, site_dir)
    write_resolvers(state, site_dir, site_url)
    write_share_pages(state, site_dir, site_url)
    write_sitemaps(state, site_dir, site_url)
    write_default_language_redirects(state, site_dir, site_url)
    shared = os.environ.get(SHARED_CACHE_VARIABLE)  # several projects (the test suite's copies) share one cache
    cache = Path(shared) if shared else Path(state.corpus.root) / PREVIEW_CACHE
    drawn = write_previews(state.previews, site_dir, cache, prune=not shared)
    log.info(f"preview images: {len(state.previews)}, {drawn} drawn, the others unchanged (from {PREVIEW_CACHE}/)")
    write_open_data(state.corpus, site_dir, site_url)


def split_search_index(corpus, site_dir: Path) -> None:
    """One index per language under its own root, so a Korean search returns Korean pages only."""
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {code: [] for code in corpus.languages}
    for doc in merged["docs"]:
        code, _, rest = doc["location"].partition("/")
        if code in corpus.languages and code != corpus.default_language:
            by_lang[code].append({**doc, "location": rest})
        else:
            by_lang[corpus.default_language].append(doc)
    for code, docs in by_lang.items():
        config = {**merged["config"], "lang": [code] if code in LUNR_LANGUAGES else ["en"]}
        data = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        folder = site_dir / lang_prefix(corpus, code) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(data, encoding="utf-8")
        # Material loads this variant when the site is opened from disk (file://).
        (folder / "search_index.js").write_text(f"var __index = {data};\n", encoding="utf-8")


def write_resolvers(state, site_dir: Path, site_url: str) -> None:
    """/p/<old id>/ for every alias, in every language: a redirect to where the unit lives now."""
    corpus = state.corpus
    for code in corpus.languages:
        for short_id, unit_id in sorted(state.aliases.items()):
            path, anchor = unit_location(corpus, unit_id)
            here = lang_prefix(corpus, code) + f"p/{short_id}/"
            target = lang_prefix(corpus, code) + path
            href = relative(here, target) + (f"#{anchor}" if anchor else "")
            absolute = site_url + target + (f"#{anchor}" if anchor else "")
            title = esc(corpus.text("ui", "redirect_title", code)[0])
            body = esc(corpus.text("ui", "redirect_body", code)[0])
            html, _ = apply_policy(REDIRECT.format(lang=corpus.tag(code), title=title, body=body, href=esc(href), absolute=esc(absolute)))  # no inline script: no hash
            out = site_dir / here / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(html, encoding="utf-8")


def write_share_pages(state, site_dir: Path, site_url: str) -> None:
    """/p/<id>/ for every principle and point in every language: the address to share.

    Its own title, description and preview image, for link previews; the unit's text and a
    link on the page; a meta refresh (no script: the CSP forbids inline ones) to the unit on its page.
    """
    corpus = state.corpus
    for code in corpus.languages:
        for unit_id in shared_units(corpus):
            card = share(corpus, code, unit_id, site_url)
            here = lang_prefix(corpus, code) + f"p/{unit_id}/"
            target = lang_prefix(corpus, code) + card.path
            anchor = f"#{card.anchor}" if card.anchor else ""
            href = relative(here, target) + anchor
            description = shorten(card.description, 200)
            head = head_html(corpus, site_url, code, f"p/{unit_id}/", card.title, description, list(corpus.languages), preview_path(code, f"p:{unit_id}"))
            provenance = f'<p class="ap-prov">{esc(card.provenance)}</p>' if card.provenance else ""
            html, _ = apply_policy(SHARE.format(
                lang=corpus.tag(code), title=esc(card.title), description=esc(description), head=head, href=esc(href), absolute=esc(site_url + target + anchor),
                text_lang=corpus.tag(card.text_lang), text=esc(card.text), provenance=provenance, document=esc(card.document),
            ))
            out = site_dir / here / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(html, encoding="utf-8")


def write_default_language_redirects(state, site_dir: Path, site_url: str) -> None:
    """/en/ and /en/<page>/ lead to the page at the root, where the default language lives.

    A reader who swaps /fr/ for /en/ in an address lands on the page, not on a 404.
    """
    corpus = state.corpus
    code = corpus.default_language
    title = esc(corpus.text("ui", "redirect_title", code)[0])
    body = esc(corpus.text("ui", "redirect_body", code)[0])
    for path in [spec.path for spec in state.specs] + sorted(_hand_written(site_dir, corpus)):
        here = f"{code}/{path}"
        href, absolute = relative(here, path), site_url + path
        html, _ = apply_policy(REDIRECT.format(lang=corpus.tag(code), title=title, body=body, href=esc(href), absolute=esc(absolute)))
        out = site_dir / here / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")


def write_sitemaps(state, site_dir: Path, site_url: str) -> None:
    """sitemap.xml with hreflang alternates; each language root gets its own part.

    Material fetches sitemap.xml relative to every <link rel="alternate">; each page
    folder gets an empty, valid sitemap so that fetch never ends in a 404.
    """
    corpus = state.corpus
    paths = [spec.path for spec in state.specs] + sorted(_hand_written(site_dir, corpus))
    entries: dict[str, list[str]] = {code: [] for code in corpus.languages}
    for path in (quote(path, safe=URL_PATH_SAFE) for path in paths):  # a sitemap holds URLs, percent-encoded, then XML-escaped
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{corpus.tag(code)}" href="{esc(site_url + lang_prefix(corpus, code) + path)}"/>' for code in corpus.languages
        ) + f'<xhtml:link rel="alternate" hreflang="x-default" href="{esc(site_url + path)}"/>'
        for code in corpus.languages:
            entries[code].append(f"<url><loc>{esc(site_url + lang_prefix(corpus, code) + path)}</loc>{alternates}</url>")
    everything = [e for code in corpus.languages for e in entries[code]]
    _write_sitemap(site_dir, everything, gz=True)
    for code in corpus.languages:
        if code != corpus.default_language:
            _write_sitemap(site_dir / code, entries[code], gz=False)
        for path in paths:
            stub = site_dir / lang_prefix(corpus, code) / path / "sitemap.xml"
            if path and stub.parent.is_dir():
                stub.write_text(SITEMAP.format(urls=""), encoding="utf-8")


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
LUNR_LANGUAGES = {"en", "es", "fr", "ko", "pt", "de", "it", "nl", "ja", "ru", "zh"}
SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{urls}\n</urlset>\n'
REDIRECT = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{absolute}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>{body} <a href="{href}">{absolute}</a></p>
</body>
</html>
"""
SHARE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<meta name="robots" content="noindex">
{head}
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<h1><a href="{href}">{title}</a></h1>
<p>{document}</p>
{provenance}<blockquote lang="{text_lang}"><p>{text}</p></blockquote>
<p><a href="{href}">{absolute}</a></p>
</body>
</html>
"""
PREVIEW_CACHE = "build/og-cache"  # outside site/: survives the atomic swap of site/ between builds
SHARED_CACHE_VARIABLE = "AIPRINCIPLES_PREVIEW_CACHE"
