"""The real site, as built: anchors, links, no third-party resources, head metadata, search indexes."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.corpus import CORPUS, PUBLISHED, TRANSLATED, prefix
from tests.sitebuild import read_page

pytestmark = pytest.mark.languages
LANGS = PUBLISHED  # what a production build contains
# One page of each kind, each in a published language in turn.
HEAD_PAGES = [(lang, ("win/copyright/", "aie/compensation/", "", "themes/consent/")[i % 4]) for i, lang in enumerate(LANGS)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_point_anchor_exists_on_its_principle_page(real_site, lang):
    site, _ = real_site
    for doc in CORPUS.documents.values():
        for principle in doc.principles:
            page = read_page(site / prefix(lang) / doc.id / principle.slug / "index.html")
            assert page.lang == CORPUS.tag(lang)  # pt pages declare pt-BR
            wanted = {principle.id} | {pt.id for pt in principle.points}
            assert wanted <= page.ids, f"{lang}/{doc.id}/{principle.slug}: missing {wanted - page.ids}"


def test_every_internal_link_and_anchor_resolves(real_site):
    site, base_url = real_site
    pages = {p: read_page(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        page_url = base_url + str(path.relative_to(site)).removesuffix("index.html")
        for href in page.links:
            url = urljoin(page_url, href)
            if not url.startswith(base_url):
                continue
            parts = urlsplit(url)
            rel = unquote(parts.path)[len(urlsplit(base_url).path):]
            target = site / rel
            if target.is_dir() or rel.endswith("/") or rel == "":
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href} (no file)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no anchor)")
    assert broken == []


def test_no_page_references_an_external_resource(real_site):
    site, base_url = real_site
    offenders = []
    for path in site.rglob("*.html"):
        page = read_page(path)
        for tag, url in page.resources:
            absolute = urljoin(base_url, url)
            if not absolute.startswith(base_url):
                offenders.append(f"{path.relative_to(site)}: <{tag}> {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(site)}: url({url}//…)")
        if "@import" in css.read_text(encoding="utf-8"):
            offenders.append(f"{css.relative_to(site)}: @import")
    assert offenders == []


@pytest.mark.parametrize(("lang", "path"), HEAD_PAGES)
def test_head_metadata(real_site, lang, path):
    site, base_url = real_site
    page = read_page(site / prefix(lang) / path / "index.html")
    links = {(tag.get("rel"), tag.get("hreflang")): tag.get("href") for tag in page.head if "rel" in tag}
    metas = {tag.get("property") or tag.get("name"): tag.get("content") for tag in page.head if "content" in tag}
    assert links[("canonical", None)] == base_url + prefix(lang) + path
    for code in LANGS:
        assert links[("alternate", CORPUS.tag(code))] == base_url + prefix(code) + path  # hreflang pt-BR for /pt/
    assert links[("alternate", "x-default")] == base_url + path
    assert metas["og:url"] == base_url + prefix(lang) + path
    assert metas["og:locale"].startswith(lang)
    if CORPUS.tag(lang) != lang:  # a variant (pt-BR: Brazilian Portuguese, as WIN publishes it)
        assert metas["og:locale"] == CORPUS.tag(lang).replace("-", "_") and page.lang == CORPUS.tag(lang)
    assert {code for (rel, code) in links if rel == "alternate"} == {CORPUS.tag(code) for code in LANGS} | {"x-default"}  # no draft
    assert metas["og:title"] and metas["og:description"] and metas["twitter:card"] == "summary_large_image"


def test_open_graph_text_is_the_pages_own_text_in_its_language(real_site):
    site, _ = real_site
    page = read_page(site / "es/win/copyright/index.html")
    metas = {tag.get("property") or tag.get("name"): tag.get("content") for tag in page.head if "content" in tag}
    title = CORPUS.translations[("es", "win")].entries["win-1"].text
    assert title in metas["og:title"]
    assert metas["og:description"].startswith(CORPUS.translations[("es", "win")].entries["win-1-1"].text[:60])


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_only_its_language(real_site, lang):
    site, _ = real_site
    index = json.loads((site / prefix(lang) / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    locations = [d["location"] for d in index["docs"]]
    assert locations and not any(loc.split("/")[0] in CORPUS.languages for loc in locations)
    assert any(loc.startswith("win/copyright/") for loc in locations)


def test_korean_search_index_has_the_korean_text(real_site):
    site, _ = real_site
    index = json.loads((site / "ko/search/search_index.json").read_text(encoding="utf-8"))
    assert any("저작권에 따릅니다" in d["text"] for d in index["docs"])


@pytest.mark.parametrize("lang", LANGS)
def test_resolver_urls_lead_to_the_point(real_site, lang):
    site, base_url = real_site
    html = (site / prefix(lang) / "p/win-1-3/index.html").read_text(encoding="utf-8")
    # The share page is its own canonical (its preview is the point's); it shows the point and links it in place.
    assert f'<link rel="canonical" href="{base_url}{prefix(lang)}p/win-1-3/">' in html
    assert 'href="../../win/copyright/#win-1-3"' in html and 'http-equiv="refresh"' not in html


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_per_language(real_site, lang):
    site, _ = real_site
    page = read_page(site / prefix(lang) / "404.html")
    assert page.lang == CORPUS.tag(lang)  # pt-BR, as on every other page
    assert CORPUS.text("ui", "not_found_title", lang)[0] in (site / prefix(lang) / "404.html").read_text(encoding="utf-8")


def test_sitemap_lists_every_page_with_alternates(real_site):
    site, base_url = real_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base_url}ko/win/copyright/</loc>" in sitemap
    assert f'hreflang="x-default" href="{base_url}win/copyright/"' in sitemap
    assert "lastmod" not in sitemap


def test_unofficial_text_is_labelled_on_every_page_that_shows_it(real_site):
    site, _ = real_site
    for lang in TRANSLATED:
        for path in site.glob(f"{lang}/**/index.html"):
            html = path.read_text(encoding="utf-8")
            if 'class="ap-point' in html:  # a page of a document's points (titles alone carry their markers)
                assert "ap-notice" in html, path
    korean_win = (site / "ko/win/copyright/index.html").read_text(encoding="utf-8")
    assert 'class="admonition info ap-notice" data-source="win"' in korean_win and "warning ap-notice" not in korean_win
    korean_aie = (site / "ko/aie/compensation/index.html").read_text(encoding="utf-8")
    assert 'class="admonition warning ap-notice" data-source="aie"' in korean_aie


def test_translator_notes_show_beside_their_points(real_site):
    site, _ = real_site
    html = (site / "ko/win/copyright/index.html").read_text(encoding="utf-8")
    point = html.split('id="win-1-4"')[1].split("</li>")[0]
    assert 'class="ap-note ap-note--editorial"' in point and "on fairly negotiated terms" in point


def test_english_fallback_text_carries_its_lang(real_site):
    site, _ = real_site
    html = (site / "es/parallel/win/index.html").read_text(encoding="utf-8")
    row = html.split('<tr id="win-1-1">')[1].split("</tr>")[0]
    assert row.split("<td>")[2].startswith('<span lang="en">')  # the English column says it is English


@pytest.mark.parametrize("lang", PUBLISHED)
def test_the_navigation_names_every_documents_parallel_text(real_site, lang):
    """Readers' review 14: the section link must not stand in for WIN's parallel page; each is listed by its title."""
    from aiprinciples.site.view import View

    def plain(text: str) -> str:
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text))).strip()

    site, _ = real_site
    view = View(CORPUS, lang, "parallel/", "https://example.org/")
    page = (site / prefix(lang) / "parallel" / "aie" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index("md-nav--primary"):]
    links = {plain(text): href for href, text in re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', nav, re.S)}
    links |= {plain(text): href for href, text in re.findall(r'<a[^>]*class="md-nav__link[^"]*"[^>]*href="([^"]*)"[^>]*>(.*?)</a>', nav, re.S)}
    for doc in CORPUS.documents.values():
        name = plain(view.text("parallel_page_title", title=view.unit(doc.title_id).text))
        assert links.get(name) in (f"../{doc.id}/", "./"), (lang, name, sorted(links))
