"""Every screen and paper: Debian's Chromium at a phone's 390×844 and at 1280 and 1920 px, and the printed PDF.

Nothing is wider than the phone; theme pages put one column per document side by side from
about 1000 px; a phone's first screen shows the heading and the start of the text (notices
shrink to their titles); paper shows each provenance label once and the texts' own words
largest (Chromium's page.pdf, read back with pypdf). Screenshots: tests/artifacts/screens-*.png.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from aiprinciples.loader import load_corpus
from aiprinciples.site.view import View
from tests.browsing import ARTIFACTS, chromium, require, serving, watch
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CORPUS = load_corpus(ROOT).corpus
PUBLISHED = [code for code in CORPUS.languages if not CORPUS.is_draft(code)]
PHONE = {"width": 390, "height": 844}
WIDE = (1000, 1280, 1920)  # from about 1000 px, theme pages put the documents side by side
# One page of each kind: home, document, principle, themes, theme, parallel text, status, open data, About, not found.
KINDS = ("", "win/", "win/copyright/", "themes/", "themes/consent/", "parallel/aie/", "status/", "open-data/", "about/", "404.html")


def prefix(lang: str) -> str:
    return "" if lang == CORPUS.default_language else f"{lang}/"


@pytest.fixture(scope="module")
def served(real_site):
    with serving(real_site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    require()
    with chromium() as instance:
        yield instance


@pytest.fixture
def tab(browser, served):
    def open_tab(viewport):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        watch(page, served)
        page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        contexts.append(context)
        return page

    contexts = []
    yield open_tab
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"screens-{name}.png"))


def serious(page) -> list[str]:
    """Console errors, 4xx/5xx answers and third-party requests; not requests a next page load aborted."""
    return [problem for problem in page.problems if not problem.startswith("failed: ")]


def widest(page) -> list[str]:
    """The page's width, and the elements that stick out of the viewport (for the failure message)."""
    return page.evaluate("""() => {
        const w = document.documentElement.clientWidth;
        const out = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 0.5; });
        return [document.documentElement.scrollWidth, ...out.slice(0, 5).map(e => e.tagName + '.' + e.className)];
    }""")


def split_labels(page) -> list[str]:
    """The short provenance labels broken across lines."""
    return page.evaluate("""() => [...document.querySelectorAll('.ap-prov:not(.ap-prov--outdated):not(.ap-prov--awaiting-issuer) > .ap-prov__short')]
        .filter(e => e.getClientRects().length > 1).map(e => e.textContent)""")


@pytest.mark.parametrize("lang", PUBLISHED)
def test_nothing_is_wider_than_a_phone(tab, served, lang):
    page = tab(PHONE)
    for kind in (*KINDS, "p/win-1/"):
        page.goto(served + prefix(lang) + kind)
        assert widest(page)[0] <= PHONE["width"], (kind, widest(page))
        assert split_labels(page) == [], kind  # a provenance label is read as one word: it moves to the next line whole
    # Material's language menu, open, fits too.
    page.goto(served + prefix(lang) + "win/copyright/")
    page.locator(".md-header__option .md-select").hover()
    menu = page.locator(".md-header__option .md-select__inner").bounding_box()
    assert menu["x"] >= 0 and menu["x"] + menu["width"] <= PHONE["width"], menu
    assert widest(page)[0] <= PHONE["width"], widest(page)
    page.goto(served + prefix(lang))
    home = page.locator(".ap-matrix .md-typeset__scrollwrap")
    assert home.evaluate("e => e.scrollWidth <= e.clientWidth"), "the comparison table scrolls sideways"
    shot(page, f"phone-{lang}-home")  # quick successive loads abort each other's requests: page.problems is not judged here


@pytest.mark.parametrize("lang", PUBLISHED)
def test_the_first_phone_screen_shows_the_heading_and_the_text(tab, served, lang):
    page = tab(PHONE)
    for kind, text in (("", ".ap-lead"), ("win/copyright/", ".ap-point__text"), ("themes/consent/", ".ap-lead"), ("aie/compensation/", ".ap-point__text")):
        page.goto(served + prefix(lang) + kind)
        heading, start = page.locator("h1").first.bounding_box(), page.locator(text).first.bounding_box()
        if CORPUS.tag(lang).startswith("ko"):  # Korean wraps between words, never inside one
            assert page.locator("h1").first.evaluate("h => getComputedStyle(h).wordBreak") == "keep-all"
        assert 0 <= heading["y"] < PHONE["height"] and start["y"] + 20 < PHONE["height"], (kind, heading, start)
        notices = page.locator(".ap-notice__details")
        for i in range(notices.count()):
            assert not notices.nth(i).evaluate("d => d.open"), kind  # a title only, until opened
        shot(page, f"phone-{lang}-{kind.strip('/').replace('/', '-') or 'home'}")
    page.goto(served + prefix(lang) + "aie/compensation/")
    notice = page.locator(".ap-notice__details").first
    body = notice.locator("summary ~ p").first
    assert not body.is_visible()
    notice.locator("summary").click()
    assert body.is_visible() and notice.evaluate("d => d.open")
    assert serious(page) == []


@pytest.mark.parametrize("lang", PUBLISHED)
def test_theme_pages_put_the_documents_side_by_side(tab, served, lang):
    page = tab({"width": WIDE[0], "height": 900})
    page.goto(served + prefix(lang) + "themes/consent/")
    for width in WIDE:  # one load, the window widened (the stylesheet and the notices follow it)
        page.set_viewport_size({"width": width, "height": 900})
        columns = page.locator(".ap-side-by-side").evaluate("g => getComputedStyle(g).gridTemplateColumns").split()
        assert len(columns) == len(CORPUS.documents), (width, columns)
        tops = [box["y"] for box in (page.locator(".ap-side-by-side > .ap-column").nth(i).bounding_box() for i in range(len(CORPUS.documents)))]
        assert len(set(tops)) == 1, (width, tops)
        assert widest(page)[0] <= width
        notices = page.locator(".ap-notice__details")
        assert all(notices.nth(i).evaluate("d => d.open") for i in range(notices.count())), width  # open on a wide screen
        if width == 1280:
            shot(page, f"{width}-{lang}-theme")
    assert serious(page) == []


def test_theme_columns_stack_on_a_phone(tab, served):
    page = tab(PHONE)
    page.goto(served + "themes/consent/")
    assert len(page.locator(".ap-side-by-side").evaluate("g => getComputedStyle(g).gridTemplateColumns").split()) == 1


def test_material_fetches_no_sitemap_for_its_language_switch(tab, served):
    page = tab({"width": 1280, "height": 900})
    for path in ("", "fr/win/copyright/", "ko/themes/consent/", "pt/status/"):
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
    assert [url for url in page.requests if "sitemap" in url] == []
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.ap-lang-link[hreflang="es"]').click()
    page.wait_for_url(served + "es/status/")
    assert serious(page) == []


def normal(text: str) -> str:
    """Text to compare with what a PDF gives back: ligatures (ﬁ) undone and no spaces at all, since a
    PDF's text has line breaks where the page broke and spaces between runs of Latin and Hangul."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def printed(page) -> tuple[str, list[tuple[float, str]]]:
    """The page as Chromium prints it: its text, and its blocks of text in one font size (CSS px, as
    Chromium writes Tf), each the runs of one size that follow one another."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    runs: list[tuple[float, str]] = []
    text = "".join(p.extract_text(visitor_text=lambda t, cm, tm, font, size: t.strip() and runs.append((round(size * abs(tm[0] or 1), 2), normal(t)))) for p in reader.pages)
    blocks: list[tuple[float, str]] = []
    for size, run in runs:
        if blocks and blocks[-1][0] == size:
            blocks[-1] = (size, blocks[-1][1] + run)
        else:
            blocks.append((size, run))
    return normal(text), blocks


def printed_principle(lang: str):
    """A principle whose points are this site's translation in `lang`, if any (else the first)."""
    for doc in CORPUS.documents.values():
        for principle in doc.principles:
            if any(CORPUS.provenance(doc.id, pt.id, lang).kind == "project" for pt in principle.points):
                return doc, principle
    doc = next(iter(CORPUS.documents.values()))
    return doc, doc.principles[0]


@pytest.mark.parametrize("lang", PUBLISHED)
def test_print_shows_each_label_once_and_the_principles_words_largest(tab, served, lang):
    doc, principle = printed_principle(lang)
    page = tab({"width": 1280, "height": 900})
    page.goto(served + prefix(lang) + f"{doc.id}/{principle.slug}/")
    text, blocks = printed(page)
    view = View(CORPUS, lang, f"{doc.id}/{principle.slug}/", served)
    marked = [view.unit(unit_id) for unit_id in [principle.id, *(pt.id for pt in principle.points)] if view.unit(unit_id).marker]  # its heading too
    original = doc.meta["original_language"]
    for kind in {u.marker for u in marked}:
        short = normal(view.text("marker_short", kind=kind))
        long = normal(view.text("marker_long", kind=kind, issuer=doc.short_name, original=original))
        assert text.count(long) == sum(1 for u in marked if u.marker == kind), text
        assert short + long not in text
    assert lang == CORPUS.default_language or marked, "no page of this language shows a translation of this site"
    # The principle's own words (its title and its points) against everything else printed around them.
    words = normal(" ".join([view.unit(principle.id).text] + [view.unit(pt.id).text for pt in principle.points]))
    own = [size for size, block in blocks if len(block) >= 4 and block in words]
    points = [size for size, block in blocks if len(block) >= 4 and block in normal(" ".join(view.unit(pt.id).text for pt in principle.points))]
    others = [(size, block) for size, block in blocks if block not in words and not re.fullmatch(r"\d+(\.\d+)?", block)]
    assert own and len(points) >= len(principle.points) and others
    assert max(size for size, _ in blocks) in own, "the largest text on paper is not the principle's"
    assert max(others)[0] < min(points), (max(others), min(points))
