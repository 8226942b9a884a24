"""The built site holds nothing that could run code or leak a file: the scanner finds nothing on a real
build, and finds each payload of the security review (shared/reviews/security.md) planted in a copy of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiprinciples.site.csp import inline_scripts, policy, script_hash
from aiprinciples.site.scan import scan_site
from tests.conftest import ROOT

# A small part of the real site: one page of each origin (corpus, hand-written, 404, resolver) and the assets they load.
SAMPLE = ("index.html", "404.html", "es/404.html", "es/about/index.html", "es/win/copyright/index.html", "p/win-1-3/index.html", "sitemap.xml", "es/search/search_index.js")


def test_real_build_has_no_findings(real_site):
    site, _ = real_site
    assert scan_site(site) == []


def test_every_html_page_carries_the_policy_with_its_scripts_hashes(real_site):
    site, _ = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 300
    for path in pages:
        text = path.read_text(encoding="utf-8")
        scripts = [script_hash(s.text) for s in inline_scripts(text) if not s.is_data]
        head = text[: text.index("<meta charset")]
        assert "<script" not in head and "<link" not in head, path
        assert f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{policy(scripts)}">\n<meta name="referrer" content="no-referrer">' in text, path


@pytest.fixture
def sample(real_site, tmp_path) -> Path:
    site, _ = real_site
    copy = tmp_path / "site"
    for rel in SAMPLE:
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site / rel, copy / rel)
    shutil.copytree(site / "assets", copy / "assets", ignore=shutil.ignore_patterns("lunr"))
    assert scan_site(copy) == []
    return copy


def swap(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def insert(page: Path, after: str, payload: str) -> None:
    swap(page, after, after + payload)


def plant_link(site: Path) -> None:
    (site.parent / "secret").write_text("token\n", encoding="utf-8")
    (site / "es/gitconfig.txt").symlink_to(site.parent / "secret")


def plant_page_with_own_policy(site: Path) -> None:
    """A static page copied from docs/ that lists its own script's hash in a policy of the site's form."""
    script = "alert(1)"
    (site / "es/x").mkdir()
    (site / "es/x/index.html").write_text(
        f'<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy([script_hash(script)])}">'
        f'<meta name="referrer" content="no-referrer"><script>{script}</script></head></html>'
    )


NAV = '<span class="md-ellipsis">'
ARTICLE = '<article class="md-content__inner md-typeset">'
ES_ABOUT, ES_PRINCIPLE = "es/about/index.html", "es/win/copyright/index.html"

# (id, file planted in, how, words the finding must contain)
PAYLOADS = [
    ("F1-nav-img-onerror", ES_PRINCIPLE, lambda s: insert(s / ES_PRINCIPLE, NAV, "WIN<img src=x onerror=alert(601)>"), "event-handler attribute onerror="),
    ("G1-front-matter-title", ES_ABOUT, lambda s: insert(s / ES_ABOUT, 'data-md-component="header-topic">', "<span>Acerca de <img src=x onerror=alert(1)></span>"), "onerror="),
    ("G1-script", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, "<script>alert(document.domain)</script>"), "inline script whose sha256"),
    ("G1-iframe-javascript", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<iframe src="javascript:alert(1)"></iframe>'), "javascript: URL in src="),
    ("G1-iframe-element", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<iframe src="javascript:alert(1)"></iframe>'), "<iframe> element"),
    ("G2-details-ontoggle", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<details open ontoggle="alert(901)"><summary>Más</summary>Texto</details>'), "event-handler attribute ontoggle="),
    ("G2-javascript-link", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<p><a href="javascript:alert(902)">Descargar</a></p>'), "javascript: URL in href="),
    ("K3-attr-list-onfocus", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<h2 autofocus id="mas" onfocus="alert(1202)" tabindex="0">Más</h2>'), "event-handler attribute onfocus="),
    ("K2-promo-html-type", "es/promo.html", lambda s: (s / "es/promo.html").write_text("<script>alert(1101)</script>\n"), "file type or place not allowed"),
    ("K2-promo-html-script", "es/promo.html", lambda s: (s / "es/promo.html").write_text("<script>alert(1101)</script>\n"), "inline script whose sha256"),
    ("K2-promo-html-no-policy", "es/promo.html", lambda s: (s / "es/promo.html").write_text("<script>alert(1101)</script>\n"), "no Content-Security-Policy"),
    ("K2-logo-svg-type", "es/logo.svg", lambda s: (s / "es/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "file type or place not allowed"),
    ("K2-logo-svg-script", "es/logo.svg", lambda s: (s / "es/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "inline script"),
    ("H1-passwd-txt", "passwd.txt", lambda s: (s / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n"), "file type or place not allowed"),
    ("H1-env-txt", "env.txt", lambda s: (s / "env.txt").write_text("GITHUB_TOKEN=x\n"), "file type or place not allowed"),
    ("H1-symlink", "es/gitconfig.txt", plant_link, "symbolic link"),
    # The scanner's other rules.
    ("entity-encoded-javascript", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<a href="&#106;ava&#x09;script:alert(1)">x</a>'), "javascript: URL in href="),
    ("data-url-image", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<img alt="" src="data:image/svg+xml,&lt;svg/&gt;">'), "data: URL in src="),
    ("vbscript-srcset", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<img alt="" src="a.png" srcset="a.png 1x, vbscript:x 2x">'), "vbscript: URL in srcset="),
    ("svg-xlink-href", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'), "javascript: URL in xlink:href="),
    ("svg-animate-href", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>'), "javascript: URL in to="),
    ("form-formaction", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<form><button formaction="javascript:alert(1)">x</button></form>'), "javascript: URL in formaction="),
    ("meta-refresh", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<meta http-equiv="refresh" content="0;URL=\'javascript:alert(1)\'">'), "javascript: URL in url="),
    ("external-script", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<script src="https://evil.example/x.js"></script>'), "scripts come only from this site's assets/"),
    ("protocol-relative-script", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<script src="//evil.example/assets/x.js"></script>'), "scripts come only from this site's assets/"),
    ("script-outside-assets", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<script src="../../search/search_index.js"></script>'), "scripts come only from this site's assets/"),
    ("other-script-type", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<script type="text/x-template">x</script>'), "<script type='text/x-template'>"),
    ("object", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<object data="x.swf"></object>'), "<object> element"),
    ("embed", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<embed src="x.swf">'), "<embed> element"),
    ("base", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, '<base href="https://evil.example/">'), "<base> element"),
    ("script-hidden-in-comment", ES_ABOUT, lambda s: insert(s / ES_ABOUT, ARTICLE, "<!--<script>alert(1)</script>-->"), "'<script' that is not an element"),
    ("weakened-policy", ES_ABOUT, lambda s: insert(s / ES_ABOUT, "script-src 'self'", " 'unsafe-inline'"), "is not the site's policy"),
    ("policy-removed", ES_ABOUT, lambda s: swap(s / ES_ABOUT, 'http-equiv="Content-Security-Policy"', 'http-equiv="x-removed"'), "no Content-Security-Policy"),
    ("search-index-code", "es/search/search_index.js", lambda s: (s / "es/search/search_index.js").write_text("alert(1);\n"), "not the search index as data"),
    ("search-index-code-after-data", "es/search/search_index.js", lambda s: (s / "es/search/search_index.js").write_text("var __index = {};\nalert(1);\n"), "not valid JSON"),
    ("self-listed-hash", "es/x/index.html", plant_page_with_own_policy, "inline script the theme does not emit"),
    ("css-outside-assets", "es/x.css", lambda s: (s / "es/x.css").write_text("a{}"), "file type or place not allowed"),
]


@pytest.mark.parametrize(("where", "plant", "expected"), [p[1:] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_scanner_reports_each_payload_at_its_path(sample, where, plant, expected):
    plant(sample)
    findings = scan_site(sample)
    assert findings, "nothing found"
    assert {f.path for f in findings} == {where}, findings
    assert any(expected in f.what for f in findings), findings


def test_scanner_command_prints_path_line_what_and_fails(sample):
    insert(sample / ES_ABOUT, ARTICLE, '<details open ontoggle="alert(901)">x</details>')
    run = subprocess.run([sys.executable, "-m", "aiprinciples.site.scan", str(sample)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    line = int((sample / ES_ABOUT).read_text(encoding="utf-8").split(ARTICLE)[0].count("\n")) + 1
    assert run.stdout == f"{sample / ES_ABOUT}:{line}: event-handler attribute ontoggle= on <details>\n"


def test_scanner_command_is_silent_on_a_clean_site(sample):
    run = subprocess.run([sys.executable, "-m", "aiprinciples.site.scan", str(sample)], cwd=ROOT, capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
