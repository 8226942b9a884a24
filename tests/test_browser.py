"""The site as a person meets it: Debian's Chromium, driven by Playwright, on 127.0.0.1.

Screenshots land in tests/artifacts/ for a person to look at. In CI (CI=true) a
missing browser is a failure, never a skip.
"""

from __future__ import annotations

import json

import pytest

from tests.browsing import VIEWPORT, chromium, require, serving, shot, watch
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def served(real_site):
    with serving(real_site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    require(AXE)
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    watch(tab, served)
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    yield tab
    context.close()


def test_language_switch_keeps_principle_and_point(page, served):
    page.goto(served + "ko/win/copyright/#win-1-3")
    shot(page, "ko-principle-point")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.ap-lang-link[hreflang="fr"]').click()
    page.wait_for_url("**/fr/win/copyright/**")
    assert page.url == served + "fr/win/copyright/#win-1-3"
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.evaluate("document.querySelector(':target').id") == "win-1-3"
    assert page.problems == []


@pytest.mark.parametrize(("lang", "query", "expected"), [("ko", "저작권", "ko/win/copyright/"), ("es", "remuneración", "es/win/copyright/")])
def test_search_finds_the_point_in_the_readers_language(page, served, lang, query, expected):
    page.goto(served + f"{lang}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill(query)  # Hangul typed key by key fires no keyup in Chromium; fill, then End
    field.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    shot(page, f"{lang}-search")
    assert any(href.startswith(served + expected) for href in hrefs), hrefs
    others = [h for h in hrefs if not h.startswith(served + f"{lang}/")]
    assert others == [], f"results from other languages: {others}"
    assert page.problems == []


def test_korean_query_finds_word_followed_by_a_particle(page, served):
    page.goto(served + "ko/")
    page.locator(".md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill("저작권")
    field.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    text = page.inner_text(".md-search-result")
    assert "저작권에" in text


def test_cite_copies_a_csl_json_record_of_the_point(page, served):
    page.goto(served + "es/win/copyright/")
    page.locator("#win-1-3 .ap-cite summary").click()
    page.locator('#win-1-3 .ap-copy[data-copy$="-csl"]').click()
    record = json.loads(page.evaluate("navigator.clipboard.readText()"))
    record = record[0] if isinstance(record, list) else record
    assert "win-1-3" in json.dumps(record) and record.get("language", "").startswith("es")
    assert page.problems == []


def test_share_button_appears_with_a_share_sheet_and_shares_the_share_page(page, served):
    page.goto(served + "fr/win/copyright/", wait_until="networkidle")  # let search load before leaving
    assert page.locator("#win-1-3 .ap-share").is_hidden()  # no share sheet in headless Chromium: no dead button
    page.add_init_script("navigator.share = (data) => { window.sharedData = data; return Promise.resolve(); };")
    page.goto(served + "fr/win/copyright/", wait_until="networkidle")
    page.locator("#win-1-3 .ap-share").click()
    shared = page.evaluate("window.sharedData")
    assert shared["url"] == served + "fr/p/win-1-3/"
    page.goto(shared["url"], wait_until="networkidle")  # the sheet's title is the one the share page itself gives its preview
    assert page.locator('meta[property="og:title"]').get_attribute("content").startswith(shared["title"] + " – ")
    assert shared["title"].startswith("WIN 1.3") and "droit d’auteur" in shared["title"]
    assert page.problems == []


def test_copy_link_button_yields_the_permalink(page, served):
    page.goto(served + "es/win/copyright/")
    page.locator("#win-1-3 .ap-copy[data-link]").click()
    page.wait_for_selector('#win-1-3 .ap-copy[data-link][data-state="copied"]')
    assert page.evaluate("navigator.clipboard.readText()") == served + "es/p/win-1-3/"  # the share page: it previews this point
    assert page.problems == []


def test_unofficial_notice_is_visible_on_spanish_win(page, served):
    page.goto(served + "es/win/")
    notice = page.locator('.ap-notice[data-source="win"]').first
    assert notice.is_visible()
    assert "Traducción no oficial" in notice.inner_text()
    shot(page, "es-win-document")


@pytest.mark.parametrize("path", ["", "win/copyright/", "themes/remuneration/"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_serious_accessibility_violation(page, served, lang, path):
    page.add_init_script(AXE.read_text(encoding="utf-8"))  # injected by the browser: the page's CSP refuses inline scripts
    page.goto(served + ("" if lang == "en" else f"{lang}/") + path)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    shot(page, f"{lang}-{path.strip('/').replace('/', '-') or 'home'}")
    assert serious == [], serious
    assert page.problems == []


# Search for the reader's language: a word typed without its accents, a Korean word right after a quotation mark.
@pytest.mark.parametrize(("lang", "query", "expected"), [
    ("es", "remuneracion", "es/win/copyright/"), ("pt", "remuneracao", "pt/win/copyright/"), ("fr", "remuneration", "fr/win/copyright/"),
    ("ko", "딥러닝", "ko/win/copyright/"),
])
def test_search_forgives_missing_accents_and_splits_at_quotation_marks(page, served, lang, query, expected):
    page.goto(served + f"{lang}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert any(href.startswith(served + expected) for href in hrefs), (lang, query, hrefs)
    assert page.problems == []
