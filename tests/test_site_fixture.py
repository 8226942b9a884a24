"""Build a real site from a small fixture corpus and assert the exact set of pages per language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aiprinciples.translate import scaffold
from tests.conftest import ROOT
from tests.sitebuild import build, html_pages, read_page

MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI, project, dirs_exist_ok=True)
    for part in ("hooks", "overrides", "mkdocs.yml"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, project / part)
    (project / "translations" / "en").mkdir(parents=True)
    shutil.copy2(ROOT / "translations/en/ui.yaml", project / "translations/en/ui.yaml")
    scaffold(project, "es", "machine-assisted")
    for name in ("ui.yaml", "glossary.yaml"):  # the real interface, and the glossary its QA settings need
        shutil.copy2(ROOT / "translations/es" / name, project / "translations/es" / name)
    for name in ("demo.yaml", "themes.yaml"):
        path = project / "translations" / "es" / name
        path.write_text(path.read_text(encoding="utf-8").replace('    text: ""', '    text: "ES"'), encoding="utf-8")
    result = build(project, "http://127.0.0.1:9/")
    assert result.returncode == 0, result.stderr
    return project / "site"


PAGES = [
    "index.html", "404.html", "about/index.html", "demo/index.html", "demo/first/index.html", "demo/second/index.html",
    "themes/index.html", "themes/alpha/index.html", "themes/beta-theme/index.html", "parallel/index.html", "parallel/demo/index.html", "status/index.html", "open-data/index.html",
    "p/demo-1/index.html", "p/demo-1-1/index.html", "p/demo-1-2/index.html", "p/demo-2/index.html", "p/demo-2-1/index.html",
]


def test_exact_pages_per_language(mini_site):
    expected = set(PAGES) | {f"es/{page}" for page in PAGES}
    expected |= {f"en/{page}" for page in PAGES if page != "404.html" and not page.startswith("p/")}  # redirects to the root
    assert html_pages(mini_site) == expected


@pytest.mark.parametrize(("lang", "prefix"), [("en", ""), ("es", "es/")])
def test_each_language_is_whole(mini_site, lang, prefix):
    page = read_page(mini_site / prefix / "demo/first/index.html")
    assert page.lang == lang
    assert {"demo-1-1", "demo-1-2"} <= page.ids


def test_spanish_text_and_unofficial_notice(mini_site):
    html = (mini_site / "es/demo/first/index.html").read_text(encoding="utf-8")
    assert "Traducción no oficial" in html and ">ES</span>" not in html
    assert '<p class="ap-point__text"><a class="ap-ref" href="#demo-1-1"' in html


def test_search_index_per_language(mini_site):
    import json

    en = json.loads((mini_site / "search/search_index.json").read_text(encoding="utf-8"))
    es = json.loads((mini_site / "es/search/search_index.json").read_text(encoding="utf-8"))
    assert en["docs"] and es["docs"]
    assert not any(d["location"].startswith("es/") for d in en["docs"])
    assert es["config"]["lang"] == ["es"] and any(d["location"].startswith("demo/first/") for d in es["docs"])
