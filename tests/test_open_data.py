"""Open data (/data/), JSON-LD and citation formats, read from a real build."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from aiprinciples.presentation import units
from aiprinciples.site.csp import apply_policy
from tests.corpus import CORPUS, PUBLISHED, TRANSLATED
from tests.sitebuild import read_page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus():
    return CORPUS


@pytest.fixture(scope="module")
def data(real_site) -> Path:
    return real_site[0] / "data"


def expected_units(corpus, doc, lang):
    """(id, text, provenance) of every unit, straight from the corpus."""
    return [(unit_id, corpus.text(doc.id, unit_id, lang)[0], corpus.provenance(doc.id, unit_id, lang).label) for unit_id in doc.units()]


@pytest.mark.languages
def test_corpus_json_has_every_unit_of_every_language_with_its_provenance(corpus, data):
    export = json.loads((data / "corpus.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in export["documents"]] == list(corpus.documents)
    for record in export["documents"]:
        doc = corpus.documents[record["id"]]
        assert record["organisation"]["short_name"] == doc.short_name and record["date"] == str(doc.meta["date"])
        assert list(record["languages"]) == PUBLISHED  # a production build: the drafts stay out
        for lang, version in record["languages"].items():
            got = [(u["id"], u["text"], u["provenance"]) for u in version["units"]]
            assert got == expected_units(corpus, doc, lang), (doc.id, lang)


def test_status_method_and_review_follow_the_provenance(data):
    export = json.loads((data / "corpus.json").read_text(encoding="utf-8"))
    units = [u for d in export["documents"] for v in d["languages"].values() for u in v["units"]]
    assert {u["provenance"] for u in units} >= {"issuer-original", "issuer-translation", "site-translation", "site-back-translation"}
    for unit in units:
        official = unit["provenance"] not in ("site-translation", "site-back-translation")
        assert (unit["status"] == "official") == official, unit["id"]
        assert (unit["method"] == "official") == official and (unit["review"] == "not-applicable") == official, unit["id"]
    korean_win = next(d for d in export["documents"] if d["id"] == "win")["languages"]["ko"]
    assert korean_win["status"] == "official" and {u["provenance"] for u in korean_win["units"]} == {"issuer-translation"}
    spanish_aie = {u["id"]: u for u in next(d for d in export["documents"] if d["id"] == "aie")["languages"]["es"]["units"]}
    assert spanish_aie["aie-title"]["provenance"] == "issuer-original" and spanish_aie["aie-title"]["status"] == "official"
    assert spanish_aie["aie-1-1"]["provenance"] == "site-back-translation" and spanish_aie["aie-1-1"]["follows_original"] is True
    assert spanish_aie["aie-1-1"]["made_from"] == "en" and {n["kind"] for n in spanish_aie["aie-1-1"]["notes"]} == {"base", "translator"}
    point = next(u for u in korean_win["units"] if u["id"] == "win-1-3")
    assert point["kind"] == "point" and point["principle"] == "win-1" and point["number"] == 3 and "consent" in point["themes"]


@pytest.mark.languages
def test_every_json_file_validates_against_the_published_schema(data):
    schema = json.loads((data / "corpus.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = [data / "corpus.json", *sorted(data.glob("*/*.json"))]
    assert len(files) == 1 + len(PUBLISHED) * len(CORPUS.documents)
    for path in files:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == [], path
    broken = json.loads((data / "fr" / "win.json").read_text(encoding="utf-8"))
    broken["document"]["languages"]["fr"]["units"][0]["provenance"] = "official"
    assert not validator.is_valid(broken)


@pytest.mark.languages
def test_one_json_per_document_and_language_matches_the_corpus(corpus, data):
    for lang in PUBLISHED:
        for doc in corpus.documents.values():
            single = json.loads((data / lang / f"{doc.id}.json").read_text(encoding="utf-8"))
            assert single["language"] == lang and list(single["document"]["languages"]) == [lang]
            got = [(u["id"], u["text"], u["provenance"]) for u in single["document"]["languages"][lang]["units"]]
            assert got == expected_units(corpus, doc, lang)


@pytest.mark.languages
def test_csv_per_language_has_a_bom_and_one_row_per_unit(corpus, data):
    for lang in PUBLISHED:
        raw = (data / f"{lang}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), lang  # Excel reads UTF-8 only with it
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        expected = [(doc.id, *unit) for doc in corpus.documents.values() for unit in expected_units(corpus, doc, lang)]
        assert [(r["document"], r["id"], r["text"], r["provenance"]) for r in rows] == expected


def test_downloads_are_byte_identical_across_two_builds(real_site, real_site_again):
    site, again = real_site[0], real_site_again.site
    first = {p.relative_to(site): p.read_bytes() for p in sorted((site / "data").rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted((again / "data").rglob("*")) if p.is_file()}
    assert len(first) == 1 + 1 + 2 * len(PUBLISHED) + len(PUBLISHED) * len(CORPUS.documents)  # corpus and schema; a CSV and an XLSX per language; a JSON per document and language
    assert first == second


@pytest.mark.languages
def test_open_data_page_in_every_language_links_every_download_and_states_the_terms(corpus, real_site):
    site, _ = real_site
    for lang in PUBLISHED:
        prefix = "" if lang == corpus.default_language else f"{lang}/"
        page_file = site / prefix / "open-data" / "index.html"
        page = read_page(page_file)
        targets = {(page_file.parent / link).resolve() for link in page.links if "data/" in link}
        assert {p.resolve() for p in (site / "data").rglob("*") if p.is_file()} <= targets, lang
        html = page_file.read_text(encoding="utf-8")
        for key in ("data_terms_official", "data_terms_project"):
            assert corpus.text("ui", key, lang)[0].split(";")[0].split("；")[0][:40] in html.replace("&#x27;", "'"), (lang, key)
        for doc in corpus.documents:
            doc_page = site / prefix / doc / "index.html"
            links = read_page(doc_page).links
            assert (site / "data" / lang / f"{doc}.json").resolve() in {(doc_page.parent / link).resolve() for link in links}, (lang, doc)


# JSON-LD ------------------------------------------------------------------

SCHEMA = "https://schema.org/"


def json_ld(path: Path) -> list[dict]:
    """Every JSON-LD block of a page, expanded offline (schema.org as @vocab, no document loader)."""
    from pyld import jsonld

    def no_network(url, options=None):
        raise AssertionError(f"JSON-LD expansion tried to fetch {url}")

    html = path.read_text(encoding="utf-8")
    blocks = [m.group(1) for m in JSON_LD.finditer(html)]
    out = []
    for block in blocks:
        assert "<" not in block, path  # escaped as \u003c: the block can neither end early nor open a comment
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        data["@context"] = {"@vocab": SCHEMA}
        out.append(jsonld.expand(data, {"documentLoader": no_network})[0])
    return out


def value(node: dict, name: str):
    return node[SCHEMA + name][0].get("@value", node[SCHEMA + name][0].get("@id"))


@pytest.mark.languages
def test_document_pages_describe_each_language_version_truthfully(real_site):
    site, base_url = real_site
    [english] = json_ld(site / "win" / "index.html")
    assert english["@type"] == [SCHEMA + "CreativeWork"] and english["@id"] == f"{base_url}win/"
    assert value(english, "inLanguage") == "en" and value(english, "datePublished") == "2024-05-21"
    assert value(english[SCHEMA + "publisher"][0], "name") == "Worldwide Independent Network"
    assert {t["@id"] for t in english[SCHEMA + "workTranslation"]} == {f"{base_url}{code}/win/" for code in TRANSLATED}
    principles = english[SCHEMA + "hasPart"]
    assert [value(p, "identifier") for p in principles] == ["win-1", "win-2", "win-3", "win-4", "win-5"]
    assert value(principles[0][SCHEMA + "hasPart"][2], "identifier") == "win-1-3"
    [korean] = json_ld(site / "ko" / "win" / "index.html")  # WIN's own Korean: published by WIN, translating its English
    assert value(korean, "inLanguage") == "ko" and value(korean[SCHEMA + "publisher"][0], "name") == "Worldwide Independent Network"
    assert value(korean, "translationOfWork") == f"{base_url}win/" and SCHEMA + "translator" not in korean
    [french] = json_ld(site / "fr" / "win" / "index.html")  # this site's translation: the site is publisher and translator
    site_name = CORPUS_UI_SITE_NAME["fr"]
    assert value(french[SCHEMA + "translator"][0], "name") == site_name == value(french[SCHEMA + "publisher"][0], "name")
    assert value(french[SCHEMA + "author"][0], "name") == "Worldwide Independent Network"
    assert value(french, "translationOfWork") == value(french, "isBasedOn") == f"{base_url}win/"
    assert SCHEMA + "datePublished" not in french
    [aie] = json_ld(site / "aie" / "index.html")  # AIE's English is AIE's translation of its Spanish original
    original = aie[SCHEMA + "translationOfWork"][0]
    assert value(original, "inLanguage") == "es" and value(original, "url") == "https://www.aie.es/?p=57420"


@pytest.mark.languages
def test_principle_pages_carry_their_points_with_text(corpus, real_site):
    site, base_url = real_site
    for lang in PUBLISHED:
        prefix = "" if lang == corpus.default_language else f"{lang}/"
        [principle] = json_ld(site / prefix / "win" / "copyright" / "index.html")
        assert principle["@id"] == f"{base_url}{prefix}win/copyright/" and value(principle, "identifier") == "win-1"
        points = principle[SCHEMA + "hasPart"]
        assert [value(p, "text") for p in points] == [corpus.text("win", f"win-1-{n}", lang)[0] for n in (1, 2, 3, 4)]
        assert points[2]["@id"] == f"{base_url}{prefix}win/copyright/#win-1-3"
        assert value(principle[SCHEMA + "isPartOf"][0], "url") == f"{base_url}{prefix}win/"


def test_csp_lets_json_ld_data_blocks_through_and_still_rejects_inline_code():
    page = '<!doctype html><html><head><meta charset="utf-8"></head><body>{}</body></html>'
    _, untrusted = apply_policy(page.format('<script type="application/ld+json">{"@context":"https://schema.org"}</script>'))
    assert untrusted == []
    for code in ('<script>alert(1)</script>', '<script type="text/javascript">alert(1)</script>', '<script type="application/ld+json">{}</script><script>alert(1)</script>', '<script type="application/ld+jsonp">alert(1)</script>'):
        _, untrusted = apply_policy(page.format(code))
        assert [s.text for s in untrusted] == ["alert(1)"], code


def test_json_ld_cannot_close_its_script_element():
    from aiprinciples.site.render import json_ld

    text = str(json_ld({"name": "</script><script>alert(1)</script><!--"}))
    assert "<" not in text and ">" not in text and json.loads(text)["name"].startswith("</script>")


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
CORPUS_UI_SITE_NAME = {code: CORPUS.text("ui", "site_name", code)[0] for code in ("fr",)}


# Citations ----------------------------------------------------------------


def citation(page: Path, target: str) -> str:
    """The text of one citation format on a page, as the copy button copies it."""
    match = re.search(rf'<pre class="ap-cite__code" id="{re.escape(target)}">(.*?)</pre>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert match, (page, target)
    assert f'data-copy="{target}"' in page.read_text(encoding="utf-8")  # its copy button
    return html.unescape(match.group(1))


CITED = [("", "win/copyright", "win-1-3", "issuer"), ("fr", "win/copyright", "win-1-3", "project"), ("ko", "win/copyright", "win-1", "issuer"),
         ("ko", "aie/compensation", "aie-4-2", "project"), ("pt", "aie", "aie-title", "project"), ("", "aie", "aie-title", "issuer")]


@pytest.mark.parametrize(("prefix", "path", "unit", "kind"), CITED)
def test_citation_formats_parse_and_say_when_a_text_is_unofficial(real_site, prefix, path, unit, kind):
    import bibtexparser
    import rispy

    site, base_url = real_site
    lang = prefix or "en"
    page = site / prefix / path / "index.html"
    anchor = f"#{unit}" if unit.count("-") == 2 and not unit.endswith("title") else ""
    url = f"{base_url}{prefix + '/' if prefix else ''}{path}/{anchor}"
    issuer = "Worldwide Independent Network" if unit.startswith("win") else "Artistas Intérpretes o Ejecutantes"

    library = bibtexparser.parse_string(citation(page, f"cite-{unit}-{lang}-bibtex"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    fields = {name: field.value for name, field in library.entries[0].fields_dict.items()}
    assert library.entries[0].key == f"{unit}-{lang}" and fields["url"] == url and fields["author"] == "{" + issuer + "}"
    noted = bool(units(CORPUS, lang)[unit].notes) and not unit.endswith("title")
    assert ("note" in fields) == (kind == "project" or noted) and "translator" not in fields and "publisher" not in fields  # biblatex's @misc has neither
    assert (fields["organization"] == issuer) == (kind == "issuer")

    [entry] = rispy.loads(citation(page, f"cite-{unit}-{lang}-ris"))
    assert entry["type_of_reference"] == "GEN" and entry["urls"] == [url] and entry["authors"] == [issuer]
    assert ("subsidiary_authors" in entry) == (kind == "project") and ("notes" in entry) == (kind == "project" or noted)

    [item] = json.loads(citation(page, f"cite-{unit}-{lang}-csl"))
    assert {"id", "type", "title", "author", "issued", "URL"} <= set(item) and item["URL"] == url
    assert item["issued"]["date-parts"][0][0] in (2024, 2025) and item["language"].split("-")[0] == lang
    assert ("translator" in item) == (kind == "project") and ("note" in item) == (kind == "project" or noted)
    if "note" in item:
        assert item["note"] == fields["note"].replace("\\&", "&") == entry["notes"][0]


def test_bibtex_escapes_tex_specials():
    import bibtexparser

    from aiprinciples.site.citations import Work, bibtex

    text = bibtex(Work("x-en", "A & B {100%} $5 #1 a_b ~^\\", "WIN", "WIN", None, "2024-05-21", "en", "http://h/", ""))
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and library.entries[0].fields_dict["title"].value == r"A \& B \textbraceleft{}100\%\textbraceright{} \$5 \#1 a\_b \textasciitilde{}\textasciicircum{}\textbackslash{}"


def test_citations_stay_out_of_the_search_index(real_site):
    site, _ = real_site
    for lang in ("", "fr", "ko"):
        index = (site / lang / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "<pre" not in index and "TY  - GEN" not in index and "@misc" not in index, lang


def test_corpus_json_is_written_as_it_is_encoded_and_says_exactly_what_the_export_says(tmp_path):
    """write_corpus_json streams one document at a time; the file is json_bytes(corpus_export()) byte for byte."""
    from aiprinciples.site.open_data import _Documents, corpus_export, json_bytes, write_corpus_json
    from tests.test_context import with_copies

    for corpus in (CORPUS, with_copies(CORPUS, 3)):
        path = tmp_path / "corpus.json"
        write_corpus_json(corpus, path, "https://example.org/")
        assert path.read_bytes() == json_bytes(corpus_export(corpus, "https://example.org/"))
        assert len(json.loads(path.read_bytes())["documents"]) == len(corpus.documents) >= 2
    made = []
    lazy = _Documents(lambda: iter(made.append(1) or [{"id": "x"}]), 1)
    assert made == [] and len(lazy) == 1 and list(lazy) == [{"id": "x"}] and made == [1]  # built when walked, not before
