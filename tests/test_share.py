"""Share pages (/<lang>/p/<id>/), their preview images and the cache they are drawn into, and printing."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from aiprinciples.site.pages import page_specs
from aiprinciples.site.previews import Preview, write_previews
from aiprinciples.site.share import provenance_label, share
from aiprinciples.site.view import View
from tests.corpus import CORPUS, PUBLISHED, prefix
from tests.sitebuild import read_page

LANGS = PUBLISHED  # what a production build contains
SAMPLE = ("win-1-3", "win-5-4", "aie-4-1", "aie-7-1", "win-2")
# Open Graph's language_TERRITORY: the variant where the corpus names one (pt-BR), else the usual territory.
KNOWN_OG_LOCALES = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ko": "ko_KR"}
OG_LOCALES = {code: CORPUS.tag(code).replace("-", "_") if "-" in CORPUS.tag(code) else KNOWN_OG_LOCALES.get(code, code) for code in LANGS}


@pytest.fixture(scope="module")
def corpus():
    return CORPUS


def meta(page, key: str) -> list[str]:
    return [tag.get("content") for tag in page.head if tag.get("property") == key or tag.get("name") == key]


def link(page, rel: str) -> list[str]:
    return [tag.get("href") for tag in page.head if tag.get("rel") == rel and "hreflang" not in tag]


@pytest.mark.languages
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", SAMPLE)
def test_share_page_describes_its_point_in_its_language(real_site, corpus, lang, unit_id):
    site, base = real_site
    url = f"{base}{prefix(lang)}p/{unit_id}/"
    path = site / prefix(lang) / "p" / unit_id / "index.html"
    html = path.read_text(encoding="utf-8")
    page = read_page(path)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    doc_id = unit_id.split("-")[0]
    label = f"{corpus.documents[doc_id].short_name} {'.'.join(unit_id.split('-')[1:])}"
    assert title.startswith(corpus.messages.format(lang, "share_title", label=label, title="").text.rstrip()), title
    assert page.lang == corpus.tag(lang)
    text_unit = unit_id if unit_id.count("-") == 2 else f"{unit_id}-1"
    text = corpus.text(doc_id, text_unit, lang)[0]
    said = corpus.text(doc_id, unit_id, lang)[0]  # a principle's description starts with its own title
    [description] = meta(page, "description")
    assert said[:60] in description
    provenance = corpus.provenance(doc_id, text_unit, lang)
    if provenance.kind == "project":
        marker = "follows-original" if provenance.follows_original else provenance.label
        assert description.startswith(corpus.messages.format(lang, "marker_short", kind=marker).text), description
    assert meta(page, "og:description") == [description]
    assert meta(page, "og:title")[0].startswith(label)
    assert meta(page, "og:locale") == [OG_LOCALES[lang]]
    assert len(meta(page, "og:locale:alternate")) == len(LANGS) - 1
    assert sorted(meta(page, "og:locale:alternate")) == sorted(OG_LOCALES[code] for code in LANGS if code != lang)
    assert link(page, "canonical") == [url]
    assert meta(page, "og:url") == [url]
    assert meta(page, "og:image") == [f"{base}og/{lang}/p-{unit_id}.png"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    # A person lands on a page showing the point itself (no redirect), with a link to it in place.
    assert not [tag for tag in page.head if tag.get("http-equiv") == "refresh"]
    target = next(link for link in page.links if link.startswith("../../") and (link.endswith(f"/#{unit_id}") if unit_id.count("-") == 2 else link.endswith("/") and "/p/" not in link and link.count("/") > 3))
    assert target in page.links
    assert __import__("html").escape(text[:60], quote=True) in html or text[:60] in __import__("html").unescape(html)


def test_pt_locale_is_brazilian(real_site):
    site, _ = real_site
    page = read_page(site / "pt" / "p" / "win-1-3" / "index.html")
    assert meta(page, "og:locale") == ["pt_BR"]
    assert "pt_BR" in meta(read_page(site / "fr" / "p" / "win-1-3" / "index.html"), "og:locale:alternate")


def test_copy_link_gives_the_share_url(real_site):
    site, base = real_site
    html = (site / "fr" / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
    assert f'data-link="{base}fr/p/win-1-3/"' in html
    assert f'data-permalink="{base}fr/p/win-1-3/"' in html


@pytest.mark.languages
def test_every_page_and_point_has_a_1200x630_png_preview(real_site, corpus):
    site, base = real_site
    pages = [p for p in site.rglob("index.html") if not _is_redirect(p)]
    referenced = set()
    for path in pages:
        images = meta(read_page(path), "og:image")
        assert len(images) == 1, f"{path.relative_to(site)}: {images}"
        assert images[0].startswith(base)
        referenced.add(images[0][len(base):])
    points = sum(len(pr.points) + 1 for doc in corpus.documents.values() for pr in doc.principles)
    assert len(referenced) >= len(LANGS) * points
    for rel in sorted(referenced):
        with Image.open(site / rel) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), rel


@pytest.mark.languages
@pytest.mark.parametrize("lang", LANGS)
def test_a_principle_page_and_its_share_page_show_one_image(real_site, corpus, lang):
    """Pasted from its page or from /p/<id>/, a principle previews the same: one card, drawn once."""
    site, base = real_site
    principles = [spec for spec in page_specs(corpus) if spec.key.startswith("principle:")]
    assert principles
    for spec in principles:
        unit_id = spec.key.partition(":")[2]
        [image] = meta(read_page(site / prefix(lang) / spec.path / "index.html"), "og:image")
        assert image == f"{base}og/{lang}/p-{unit_id}.png"
        assert meta(read_page(site / prefix(lang) / "p" / unit_id / "index.html"), "og:image") == [image]
    assert not list((site / "og" / lang).glob("principle-*.png"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", SAMPLE)
def test_a_preview_image_says_whose_words_once(corpus, lang, unit_id):
    """The note under the heading says whose words; the words under it are the text alone, not the label again."""
    card = share(corpus, lang, unit_id, "https://example.org/")
    unit = card.unit
    if card.point:
        assert card.words == unit.text
    else:
        assert card.words == " ".join(f"{u.number} {u.text}" for u in card.points)
        assert not card.words.startswith(unit.text)  # the heading holds the principle's title
    label = provenance_label(View(corpus, lang, f"p/{unit_id}/", "https://example.org/"), card.points[0] if card.points else unit)
    if label:  # a project translation: said once, above the words
        assert label in card.provenance
        assert label not in card.words
    else:
        assert lang == corpus.default_language or corpus.provenance(unit.document, unit.id, lang).kind != "project"


def _is_redirect(path: Path) -> bool:
    """An alias's redirect (/p/<former id>/) has no preview of its own."""
    return '<meta name="robots" content="noindex">' in path.read_text(encoding="utf-8") and "og:image" not in path.read_text(encoding="utf-8")


def test_hangul_is_drawn_with_a_hangul_font(real_site):
    from aiprinciples.site.previews import font_for

    assert "Nanum" in font_for("저작권", False, 30).path
    assert "DejaVu" in font_for("Traduction non officielle", False, 30).path


def test_an_unchanged_preview_is_copied_and_a_changed_one_redrawn(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    previews = {
        "og/fr/a.png": Preview("AIE 4.1 — Compensation", "Les artistes-interprètes " * 40, "Principes de l’AIE (2025)", "Principes", "Traduction non officielle :"),
        "og/ko/b.png": Preview("WIN 1.3 — AI 개발은 저작권에 따릅니다.", "모든 AI 모델에서 사용되는 " * 30, "WIN의 생성형 AI에 대한 원칙 (2024)", "음악과 생성형 AI 원칙"),
    }
    assert write_previews(previews, site, cache) == 2
    times = {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")}
    assert write_previews(previews, site, cache) == 0
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")} == times
    previews["og/fr/a.png"] = Preview("AIE 4.1 — Compensation", "Autre texte", "Principes de l’AIE (2025)", "Principes")
    assert write_previews(previews, site, cache) == 1
    assert len(list(cache.rglob("*.png"))) == 2  # the image no page uses any more is dropped
    with Image.open(io.BytesIO((site / "og/ko/b.png").read_bytes())) as image:
        assert image.size == (1200, 630)


def test_a_second_build_redraws_nothing(real_site_again):
    before = real_site_again.images_before  # the shared cache, where real_site's build drew them
    assert before
    assert re.search(r"preview images: \d+, 0 drawn", real_site_again.log), real_site_again.log[-2000:]
    # Not one image rewritten (other workers' builds of other variants may add theirs meanwhile).
    assert {p: Path(p).stat().st_mtime_ns for p in before} == before


@pytest.mark.browser
def test_a_principle_page_prints_its_text_permalinks_and_provenance_without_navigation(real_site, corpus):
    from pypdf import PdfReader

    from tests.browsing import chromium, require, serving

    require()
    with serving(real_site) as base, chromium() as browser:
        tab = browser.new_page()
        tab.goto(f"{base}fr/win/copyright/")
        nav = tab.locator(".md-sidebar--primary .md-nav__link").all_inner_texts()
        article = tab.locator("article").inner_text()
        pdf = tab.pdf(format="A4")
    # NFKC: the PDF's typographic ligatures ("ﬃ") back to letters.
    text = " ".join(unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)).split())
    point = " ".join(corpus.text("win", "win-1-3", "fr")[0].split())
    assert point[:50] in text
    assert f"{base}fr/p/win-1-3/" in text
    view = View(CORPUS, "fr", "win/copyright/", base)  # whose words: the point's own marker, printed
    marker = view.unit("win-1-3").marker
    assert marker and " ".join(view.text("marker_short", kind=marker).split()) in text
    only_in_nav = [label.strip() for label in nav if label.strip() and label.strip() not in article]
    assert only_in_nav, "the navigation has labels of its own to look for"
    assert not [label for label in only_in_nav if label in text]
    assert corpus.text("ui", "copy_link", "fr")[0] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_no_title_has_a_full_stop_before_the_site_name(real_site, lang):
    """A principle written as a sentence ("… creativity.") is a title here: "… creativity – site", not "….  – site"."""
    site, _ = real_site
    root = site / prefix(lang)
    pages = [root / "index.html", *sorted((root / "p").glob("*/index.html")), *sorted((root / "aie").glob("*/index.html")), *sorted((root / "win").glob("*/index.html"))]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for title in [re.search(r"<title>(.*?)</title>", html).group(1), *re.findall(r'property="og:title" content="([^"]*)"', html)]:
            assert not re.search(r"[.。]\s*–", title), (path, title)
