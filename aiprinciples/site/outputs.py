"""Files written once per build, after every language: search indexes, resolver pages, sitemaps, open data.

Deterministic on purpose: no dates, sorted keys, fixed gzip header, so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from aiprinciples.site.context import esc
from aiprinciples.site.csp import apply_policy
from aiprinciples.site.open_data import write_open_data
from aiprinciples.site.pages import lang_prefix, relative, unit_location


def write_outputs(state, site_dir: Path, site_url: str) -> None:
    split_search_index(state.corpus, site_dir)
    write_resolvers(state, site_dir, site_url)
    write_sitemaps(state, site_dir, site_url)
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
    """/p/<id>/ for every principle and point, and /p/<old id>/ for every alias, in every language."""
    corpus = state.corpus
    targets = {unit: unit for doc in corpus.documents.values() for pr in doc.principles for unit in [pr.id] + [pt.id for pt in pr.points]}
    targets.update(state.aliases)
    for code in corpus.languages:
        for short_id, unit_id in sorted(targets.items()):
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


def write_sitemaps(state, site_dir: Path, site_url: str) -> None:
    """sitemap.xml with hreflang alternates; each language root gets its own part.

    Material fetches sitemap.xml relative to every <link rel="alternate">; each page
    folder gets an empty, valid sitemap so that fetch never ends in a 404.
    """
    corpus = state.corpus
    paths = [spec.path for spec in state.specs] + sorted(_hand_written(site_dir, corpus))
    entries: dict[str, list[str]] = {code: [] for code in corpus.languages}
    for path in paths:
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
