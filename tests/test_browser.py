"""The site as a person meets it: Debian's Chromium, driven by Playwright, on 127.0.0.1.

Screenshots land in tests/artifacts/ for a person to look at. In CI (CI=true) a
missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> None:
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if missing:
        message = f"browser tests need {', '.join(missing)} (run .ci/run or `apt-get install chromium` and `make setup`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(real_site):
    site, base_url = real_site
    port = urlsplit(base_url).port
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.problems = []  # console errors, failed requests, requests leaving 127.0.0.1
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url}"))
    tab.on("response", lambda r: r.status >= 400 and tab.problems.append(f"HTTP {r.status}: {r.url}"))
    tab.on("request", lambda r: not r.url.startswith((served, "data:", "blob:")) and tab.problems.append(f"third-party: {r.url}"))
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


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


def test_copy_link_button_yields_the_permalink(page, served):
    page.goto(served + "es/win/copyright/")
    page.locator("#win-1-3 .ap-copy").click()
    page.wait_for_selector('#win-1-3 .ap-copy[data-state="copied"]')
    assert page.evaluate("navigator.clipboard.readText()") == served + "es/win/copyright/#win-1-3"
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
