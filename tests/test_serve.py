"""Which languages a build contains, and `mkdocs serve` showing the checker's problems in the browser.

Production builds the published languages; a preview (AIPRINCIPLES_PREVIEW=drafts, set
by `make serve`) adds the drafts with a banner; AIPRINCIPLES_ONLY narrows to some.
Under serve, a corpus with errors becomes a page listing them, and the next save
brings the site back. /en/ leads to the root, where English lives.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest

from aiprinciples.checks import check
from aiprinciples.site.build import Languages
from aiprinciples.site.csp import script_hash
from tests.conftest import ROOT, free_port
from tests.corpus import CORPUS, NEW_LANGUAGE, NEW_LANGUAGE_NAME, PUBLISHED, TRANSLATED
from tests.sitebuild import PREVIEW_CACHE, build, read_page
from tests.test_translator_workflow import run

pytestmark = pytest.mark.slow

URL = "http://127.0.0.1:9/"


def add_draft(project: Path) -> str:
    """A new language (German, unless the corpus has it already), not published, with two texts translated and the rest empty."""
    assert run(project, "scaffold", NEW_LANGUAGE, "--name", NEW_LANGUAGE_NAME, "--method", "human").returncode == 0
    win = project / "translations" / NEW_LANGUAGE / "win.yaml"
    text = win.read_text(encoding="utf-8")
    for unit, german in (("win-title", "WIN-Grundsätze für generative KI"), ("win-1-1", "Entwurf: die Nutzung von Musik unterliegt dem Urheberrecht.")):
        text = re.sub(rf'(\n  {unit}:\n(?:    .*\n)*?    text: )""', rf'\1"{german}"', text, count=1)
    win.write_text(text, encoding="utf-8")
    return NEW_LANGUAGE


def languages_of(site: Path) -> set[str]:
    """The language roots a built site has, and every hreflang its home page names."""
    roots = {p.parent.parent.name for p in site.glob("*/search/search_index.json")}
    hreflangs = {link.get("hreflang") for link in read_page(site / "index.html").head if link.get("rel") == "alternate"}
    tags = {CORPUS.tag(code): code for code in CORPUS.languages}
    return roots | {tags.get(tag, tag) for tag in hreflangs - {"x-default", CORPUS.default_language}}


def test_production_builds_published_languages_and_preview_adds_the_draft(project, tmp_path):
    draft = add_draft(project)
    production = build(project, URL, tmp_path / "production")
    assert production.returncode == 0, production.stderr
    site = tmp_path / "production"
    assert not (site / draft).exists()
    assert languages_of(site) == set(TRANSLATED)
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert not [p for p, text in pages.items() if f'hreflang="{draft}"' in text or re.search(rf'href="[^"]*\b{draft}/', text)]
    named = {p.relative_to(site).as_posix() for p, text in pages.items() if NEW_LANGUAGE_NAME in text}
    assert named == {f"{code}/status/index.html".removeprefix(f"{CORPUS.default_language}/") for code in PUBLISHED}  # its progress, unlinked
    assert f"/{draft}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")

    preview = build(project, URL, tmp_path / "preview", environ={"AIPRINCIPLES_PREVIEW": "drafts"})
    assert preview.returncode == 0, preview.stderr
    page = (tmp_path / "preview" / draft / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{draft}"' in page and '<span lang="en">Draft language, not published.' in page and '<meta name="robots" content="noindex">' in page
    assert "Entwurf: die Nutzung von Musik" in page  # the translated point, in German
    assert re.search(r'<[a-z]+ [^>]*lang="en"[^>]*>[^<]*All uses of music', page)  # an untranslated point, in English, marked
    published = (tmp_path / "preview" / "fr" / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
    assert "Draft language" not in published and f'hreflang="{draft}"' in published  # the preview links the draft


def test_only_builds_that_language_and_english(project, tmp_path):
    result = build(project, URL, tmp_path / "site", environ={"AIPRINCIPLES_ONLY": "fr"})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert languages_of(site) == {"fr"}
    assert (site / "fr" / "win" / "copyright" / "index.html").is_file() and (site / "win" / "copyright" / "index.html").is_file()
    switcher = read_page(site / "fr" / "index.html").links
    assert not any(link.startswith(("../es/", "../ko/", "../pt/")) for link in switcher)


@pytest.mark.languages
def test_languages_named_in_only_must_be_buildable():
    corpus = CORPUS
    one = TRANSLATED[-1]
    assert Languages().pick(corpus) == PUBLISHED
    assert Languages(drafts=True).pick(corpus) == list(corpus.languages)
    assert Languages(only=(one,)).pick(corpus) == [corpus.default_language, one]
    with pytest.raises(ValueError, match="'xx' is not in translations/languages.yaml"):
        Languages(only=("xx",)).pick(corpus)
    draft = corpus.restricted(list(corpus.languages))
    draft.published = tuple(code for code in PUBLISHED if code != one)
    with pytest.raises(ValueError, match=f"'{one}' is a draft language"):
        Languages(only=(one,)).pick(draft)
    assert Languages(drafts=True, only=(one,)).pick(draft) == [corpus.default_language, one]
    with pytest.raises(ValueError, match="AIPRINCIPLES_PREVIEW='yes'"):
        Languages.from_environment({"AIPRINCIPLES_PREVIEW": "yes"})
    assert Languages.from_environment({"AIPRINCIPLES_PREVIEW": "drafts", "AIPRINCIPLES_ONLY": "fr, ko"}) == Languages(True, ("fr", "ko"))


def test_en_leads_to_the_root(real_site):
    site, base_url = real_site
    for here, target in (("en/", ""), ("en/win/copyright/", "win/copyright/"), ("en/about/", "about/")):
        page = (site / here / "index.html").read_text(encoding="utf-8")
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page).group(1)
        assert urljoin(base_url + here, refresh) == base_url + target
        assert f'<link rel="canonical" href="{base_url + target}">' in page and f'<a href="{refresh}">' in page
        assert (site / target / "index.html").is_file()


def test_serve_shows_problems_in_the_browser_until_the_file_is_fixed(project):
    french = project / "translations" / "fr" / "win.yaml"
    good = french.read_text(encoding="utf-8")
    # An entry whose id is markup and an entity: the problems quote it, the page must show it as text.
    broken = good.replace("  win-1-1:\n", '  "<b>x</b>&amp;":\n    en: "a"\n    fingerprint: "b"\n    text: "c"\n  win-1-1:\n', 1)
    french.write_text(broken, encoding="utf-8")
    problems = check(project)
    assert problems and all(p.path == "translations/fr/win.yaml" for p in problems)
    expected = [f"<li><strong>{p.path}:{p.line}</strong>{html.escape(str(p).split(f':{p.line}', 1)[1])}</li>" for p in problems]
    assert "&lt;b&gt;x&lt;/b&gt;&amp;amp;" in expected[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "SITE_URL": base}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status, home = poll(base, lambda status, body: status == 200)
        assert "The site cannot be built yet" in home and f"{len(problems)} problems stop the build." in home
        assert all(item in home for item in expected) and "<b>x" not in home  # every problem, escaped exactly once
        assert "save the file: this page reloads by itself" in home and "reload this page" not in home
        allows_live_reload(home)
        status, missing = poll(base + "no/such/page/", lambda status, body: True)
        assert status == 404 and expected[0] in missing and "this page reloads by itself" in missing
        allows_live_reload(missing)  # a 404 page reloads too: its words are true there as well

        french.write_text(good, encoding="utf-8")
        status, home = poll(base, lambda status, body: "md-header" in body)
        assert status == 200 and "The site cannot be built yet" not in home
        allows_live_reload(home)

        # The translator is on a French page and saves a mistake: that page reloads into the problems.
        french.write_text(broken, encoding="utf-8")
        status, page = poll(base + "fr/win/copyright/", lambda status, body: "cannot be built yet" in body)
        assert status == 200 and all(item in page for item in expected)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "The site cannot be built yet" in output and all(str(p) in output for p in problems)


def test_a_save_during_a_rebuild_queues_one_rebuild_and_never_raises(project):
    """A translator saves quickly: a save while a rebuild runs (a broken one among them) never prints a
    traceback, the open page ends on the last save, and one save when the server is idle builds once."""
    french = project / "translations" / "fr" / "win.yaml"
    original = french.read_text(encoding="utf-8")

    def save(marker: str | None) -> None:
        """win-1-1's French text with a word added; None: a mistake, the key `text` twice."""
        if marker is None:
            french.write_text(original.replace("  win-1-1:\n", '  win-1-1:\n    text: "dup"\n', 1), encoding="utf-8")
        else:
            french.write_text(re.sub(r'(\n  win-1-1:\n(?:    .*\n)*?    text: "[^"\n]*)"', rf'\1 {marker}"', original, count=1), encoding="utf-8")

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {
        **os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "SITE_URL": base,
        "AIPRINCIPLES_PREVIEW": "drafts", "AIPRINCIPLES_ONLY": "fr", "AIPRINCIPLES_PREVIEW_CACHE": str(PREVIEW_CACHE),
    }
    console = project.parent / "serve.log"
    with console.open("w", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        poll(base + "fr/win/copyright/", lambda status, body: status == 200 and "md-header" in body, timeout=300)
        idle(console)
        # One save, the server idle: one build (the stubs a build rewrites are not watched).
        builds = builds_started(console)
        save("premiere")
        poll(base + "fr/win/copyright/", lambda status, body: "premiere" in body, timeout=300)
        idle(console)
        assert builds_started(console) == builds + 1

        # Saves inside a rebuild: a good save starts one; as soon as the first language's build has read
        # the files (it writes the French stub whose description is win-1-1), a broken save lands while
        # French is still to be built, and stays until that rebuild ends; then the last, good save.
        stub = project / "build" / "docs" / "fr" / "win" / "copyright" / "index.md"
        for round_ in ("a", "b"):
            ended = builds_ended(console)
            save(f"pendant{round_}")
            wait_until(lambda r=round_: f"pendant{r}" in stub.read_text(encoding="utf-8"))
            save(None)
            wait_until(lambda ended=ended: builds_ended(console) > ended)
            save(f"dernier{round_}")
            poll(base + "fr/win/copyright/", lambda status, body, r=round_: f"dernier{r}" in body and "cannot be built yet" not in body, timeout=300)
            idle(console)
    finally:
        server.terminate()
        server.wait(timeout=20)
    output = console.read_text(encoding="utf-8")
    assert "Traceback" not in output and "Could not find language locale" not in output and "error happened during the rebuild" not in output, output[-3000:]
    assert "Overriding" not in output  # mkdocs-static-i18n's INFO lines stay out of the way


def idle(console: Path, seconds: float = 2.5) -> None:
    """Wait until every build the server started has ended, and none started for a while."""
    since, deadline = time.monotonic(), time.monotonic() + 300
    while time.monotonic() - since < seconds:
        assert time.monotonic() < deadline, "the server never went idle"
        if builds_started(console) != builds_ended(console) + 1:  # the first build is not a rebuild: it logs no end
            since = time.monotonic()
        time.sleep(0.1)


def builds_started(console: Path) -> int:
    return console.read_text(encoding="utf-8").count("Building documentation...")


def builds_ended(console: Path) -> int:
    """Rebuilds that ended, well or not (MkDocs logs one of these lines after each)."""
    text = console.read_text(encoding="utf-8")
    return text.count("Reloading browsers") + text.count("error happened during the rebuild")


def wait_until(done, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.01)


def poll(url: str, done, timeout: float = 300) -> tuple[int, str]:
    """GET url until done(status, body), while the server starts or rebuilds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                status, body = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            status, body = err.code, err.read().decode("utf-8")
        except (ConnectionError, urllib.error.URLError):
            status, body = 0, ""
        if status and done(status, body):
            return status, body
        assert time.monotonic() < deadline, f"{url}: still {status} after {timeout} s"
        time.sleep(0.2)


def allows_live_reload(html: str) -> None:
    """The script MkDocs serve appends is allowed by its hash, and nothing else is added."""
    script = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)[-1]
    assert "livereload(" in script
    assert script_hash(script) in re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
