"""What crawlers get: robots.txt naming the sitemap, sitemaps valid under the sitemaps.org schema, /favicon.ico."""

from __future__ import annotations

import gzip
import io
import urllib.robotparser
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from aiprinciples.loader import load_corpus
from aiprinciples.site.crawlers import favicon_ico, robots_txt
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus
PUBLISHED = [code for code in CORPUS.languages if not CORPUS.is_draft(code)]
SCHEMAS = ROOT / "tests" / "fixtures" / "sitemaps"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemaps.xsd")))


def sitemaps(site: Path) -> list[Path]:
    return sorted(site.rglob("sitemap.xml"))


def test_robots_names_the_sitemap_by_its_absolute_address(real_site):
    site, base_url = real_site
    robots = urllib.robotparser.RobotFileParser()
    robots.parse((site / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() == [base_url + "sitemap.xml"]
    assert (site / "sitemap.xml").is_file()
    for path in ("", "fr/win/copyright/", "ko/themes/consent/", "p/win-1-3/", "data/fr.csv"):
        assert robots.can_fetch("Googlebot", base_url + path), path


def test_robots_for_a_site_under_a_path():
    assert "Sitemap: https://example.org/principles/sitemap.xml\n" in robots_txt("https://example.org/principles/")


def test_every_sitemap_is_valid_and_lists_urls(real_site, schema):
    site, base_url = real_site
    found = sitemaps(site)
    # The root and one per other language; none in page folders (Material's language switch does without).
    assert {str(p.relative_to(site)) for p in found} == {"sitemap.xml"} | {f"{code}/sitemap.xml" for code in PUBLISHED if code != CORPUS.default_language}
    for path in found:
        document = etree.parse(str(path))
        assert schema.validate(document), (path, schema.error_log.last_error)
        locs = document.xpath("//s:url/s:loc/text()", namespaces=NS)
        assert locs, f"{path}: a sitemap without URLs"
        prefix = base_url + ("" if path.parent == site else path.parent.name + "/")
        assert all(loc.startswith(prefix) for loc in locs), path  # a sitemap lists only URLs at or below its folder
    compressed = etree.parse(io.BytesIO(gzip.decompress((site / "sitemap.xml.gz").read_bytes())))
    assert schema.validate(compressed), schema.error_log.last_error


def test_every_page_folder_is_free_of_stub_sitemaps(real_site):
    site, _ = real_site
    deep = [p for p in site.rglob("sitemap.xml") if len(p.relative_to(site).parts) > 2]
    assert deep == []


def test_the_schema_refuses_what_the_old_stubs_were(schema):
    empty = etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n\n</urlset>')
    assert not schema.validate(empty)
    bad_link = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        b'<url><loc>https://example.org/</loc><xhtml:link rel="alternate" href="https://example.org/fr/"/></url></urlset>'
    )
    assert not schema.validate(bad_link)  # hreflang missing


def test_favicon_ico_is_an_icon_browsers_read(real_site):
    site, _ = real_site
    with Image.open(io.BytesIO((site / "favicon.ico").read_bytes())) as icon:
        assert icon.format == "ICO"
        assert set(icon.info["sizes"]) >= {(16, 16), (32, 32)}


def test_favicon_is_the_same_bytes_for_the_same_picture():
    png = io.BytesIO()
    Image.new("RGBA", (48, 48), (63, 81, 181, 255)).save(png, format="PNG")
    assert favicon_ico(png.getvalue()) == favicon_ico(png.getvalue())
