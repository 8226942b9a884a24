"""The Content-Security-Policy in a real browser: every kind of page in every language runs without a
single violation or console error, search and the copy-link button work, and the policy does block
what it must. Debian's Chromium through Playwright, on 127.0.0.1, as in tests/test_browser.py.

Screenshots land in tests/artifacts/csp-*.png: look at them after a change of the policy.
"""

from __future__ import annotations

import pytest

from tests.browsing import VIEWPORT, chromium, require, serving, shot, watch
from tests.corpus import PUBLISHED

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGS = PUBLISHED  # what a production build contains
KINDS = {
    "home": "",
    "document": "win/",
    "principle": "win/copyright/",
    "theme index": "themes/",
    "theme": "themes/remuneration/",
    "parallel": "parallel/aie/",
    "status": "status/",
    "about": "about/",
    "404": "404.html",
    "share": "p/win-1-3/",
}
# Runs before any page script and outside the page's policy; reports each violation to the test.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.fixture(scope="module")
def served(real_site):
    with serving(real_site) as base_url:
        yield base_url


# Chromium only: these tests do not need axe-core.
@pytest.fixture(scope="module")
def browser():
    require()
    with chromium() as instance:
        yield instance


def new_tab(context, served: str):
    """A tab that records every policy violation, console error and failed or third-party request."""
    tab = context.new_page()
    watch(tab, served)
    tab.violations = []
    tab.on("console", lambda m: (m.type == "error" or "Content Security Policy" in m.text) and tab.problems.append(f"console {m.type}: {m.text} ({m.location.get('url')})"))
    return tab


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"])
    context.expose_binding("__cspViolation", lambda source, text: source["page"].violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def page(context, served):
    return new_tab(context, served)


def url(served: str, lang: str, path: str) -> str:
    return served + ("" if lang == "en" else f"{lang}/") + path


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_page_runs_under_the_policy(context, served, lang):
    # One tab per kind, loading at once: each waits for a quiet network (500 ms) at the same time as the others.
    tabs = {kind: new_tab(context, served) for kind in KINDS}
    for kind, path in KINDS.items():
        tabs[kind].goto(url(served, lang, path), wait_until="commit")
    found = []
    for kind, tab in tabs.items():
        tab.wait_for_load_state("networkidle")
        assert tab.evaluate("document.documentElement.lang").split("-")[0] == lang, kind  # pt pages may declare pt-BR
        assert tab.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, kind
        if kind != "share":  # the share page is the site's own small page, not the theme's
            assert tab.evaluate("typeof __md_scope") == "object", f"{kind}: Material's inline script did not run"
        found += [f"{kind}: {v}" for v in tab.violations + tab.problems]
        if kind == "principle":
            shot(tab, f"csp-{lang}-principle")
    assert found == []


def test_a_redirect_page_runs_under_the_policy_and_lands_where_it_says(page, served):
    # /en/… is the default language's redirect to the root; it names no icon, so Chromium asks for /favicon.ico.
    page.goto(served + "en/win/copyright/")
    page.wait_for_url(served + "win/copyright/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof __md_scope") == "object"
    assert [v for v in page.violations + page.problems if not v.endswith(f"({served}favicon.ico)")] == []


def test_search_copy_link_and_language_menu_run_under_the_policy(page, served):
    page.goto(served + "es/win/copyright/", wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("remuneración", delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    assert page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    shot(page, "csp-es-search")
    page.keyboard.press("Escape")
    page.locator("#win-1-3 .ap-copy[data-link]").click()
    page.wait_for_selector('#win-1-3 .ap-copy[data-link][data-state="copied"]')
    assert page.evaluate("navigator.clipboard.readText()") == served + "es/p/win-1-3/"  # the share page: it previews this point
    page.locator(".md-header__option .md-select").hover()
    assert page.locator('a.ap-lang-link[hreflang="ko"]').is_visible()
    assert page.violations + page.problems == []


def test_policy_blocks_an_injected_script_and_event_handler(page, served):
    page.goto(served + "es/about/", wait_until="networkidle")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = 'script'";
      document.body.append(script);
      document.querySelector("article").insertAdjacentHTML("beforeend", '<img src="x" onerror="window.__ran = \\'handler\\'">');
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    directives = sorted(v.split()[0] for v in page.violations)
    assert directives == ["script-src-attr", "script-src-elem"], page.violations
