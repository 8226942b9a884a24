"""The third security audit (shared/reviews/security.md, I2b and N1–N13), the output side and bounded work.

tests/test_security.py replays each payload through `aiprinciples check` (refused at path:line).
Here: what the site does with what gets past the checker anyway (the second layer), the exports
read back by the programs made for them (pybtex in strict mode, biber's data-model validation, a
CSV reader), the built-site scanner's new rules, and property-based tests that throw nesting,
brackets and long unbreakable words at the checker and the preview wrapper. No test is timed: each
asserts a structural property (refused, or the work bounded by construction); hypothesis' per-example
deadline only stops a case that would hang.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiprinciples import docs_check
from aiprinciples.loader import load_corpus
from aiprinciples.site import previews
from aiprinciples.site.citations import Work, bibtex, work
from aiprinciples.site.log_safety import inert
from aiprinciples.site.open_data import CSV_COLUMNS, csv_bytes, csv_row, inert_cell, unit_rows
from aiprinciples.site.reserved import generated_roots
from aiprinciples.site.safe_markdown import MARKDOWN_EXTENSIONS, markdown_for_pages, sanitise, theme_ids
from aiprinciples.site.scan import scan_site
from aiprinciples.site.typeset import Typesetter
from aiprinciples.site.view import View
from tests.conftest import ROOT, replace
from tests.corpus import DEFAULT
from tests.sitebuild import build, only

pytestmark = pytest.mark.slow

URL = "http://127.0.0.1:8000/"
CORPUS = load_corpus(ROOT).corpus


# ---- N5, N11: hand-written markup cannot reach the theme's machinery -----------------------------


def test_the_markdown_of_pages_is_the_one_mkdocs_yml_configures():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert tuple(names) == MARKDOWN_EXTENSIONS


def test_theme_ids_are_read_from_the_templates():
    assert {"__config", "__drawer", "__search"} <= theme_ids()


@pytest.mark.parametrize("heading", ['"__config"', "__drawer", "__search", "_x"])
def test_a_heading_never_gets_an_id_of_the_theme(heading):
    md = markdown_for_pages()
    html = sanitise(md.convert(f"## {heading}\n\nText.\n"))
    ids = re.findall(r'id="([^"]*)"', html)
    assert ids and not any(i.startswith("_") or i in theme_ids() for i in ids), html
    assert md.reserved_ids and md.reserved_ids[0][1] == ids[0]  # the checker reports what was renamed
    assert [t["id"] for t in md.toc_tokens] == ids  # the page's table of contents links to the new id


def test_ordinary_heading_ids_are_unchanged():
    md = markdown_for_pages()
    assert 'id="how-to-cite"' in md.convert("## How to cite\n") and md.reserved_ids == []


def test_sanitiser_keeps_only_allowed_classes_and_ids():
    html = sanitise('<div class="admonition md-dialog md-dialog--active note" id="__config"><p class="admonition-title" id="ok">x</p></div>')
    assert 'class="admonition note"' in html and "md-dialog" not in html and "__config" not in html and 'id="ok"' in html


# ---- N6: CSV cells never start a formula -----------------------------------------------------------


@pytest.mark.parametrize("text", ["=HYPERLINK(INDEX(R:R;ROW());B:B) IA", "+La música", "-2+3", "@SUM(1)", "\tx", "\rx", " =1", "\uff1d1"])
def test_a_formula_like_cell_is_neutralised(text):
    assert inert_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Principios de WIN", "a=b", "", "'quoted", "1.3"])
def test_other_cells_are_unchanged(text):
    assert inert_cell(text) == text


def test_planted_formulas_reach_the_csv_neutralised(project):
    path = project / "translations/es/win.yaml"
    replace(path, '    text: "Principios de WIN para la IA generativa"', '    text: "=HYPERLINK(INDEX(R:R;ROW());B:B) IA generativa"')
    corpus = load_corpus(project).corpus
    rows = list(csv.reader(io.StringIO(csv_bytes(corpus, "es", URL).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(INDEX(R:R;ROW());B:B) IA generativa" in cells
    assert not any(cell and cell[0] in "=+-@\t\r" for cell in cells)


def test_the_real_corpus_reads_the_same_in_the_csv_as_in_the_json():
    """No text of the real corpus starts like a formula: every CSV cell is its text, unchanged."""
    for lang in CORPUS.languages:
        rows = list(csv.DictReader(io.StringIO(csv_bytes(CORPUS, lang, URL).decode("utf-8-sig"))))
        expected = [row for doc in CORPUS.documents.values() for row in unit_rows(CORPUS, doc, lang, URL)]
        assert [row["text"] for row in rows] == [row["text"] for row in expected]
        flat = [dict(zip(CSV_COLUMNS, csv_row(row), strict=True)) for row in expected]
        for column in ("editorial_note", "base_note", "translator_note"):
            assert [row[column] for row in rows] == [row[column] or "" for row in flat], column
        assert list(rows[0]) == ["document", *CSV_COLUMNS]


# ---- N7: BibTeX read back by pybtex (strict) and biber ---------------------------------------------

HOSTILE_WORK = Work(
    "hostile-es", "Principios de WIN para la IA generativa}, author = {Mallory}, note = {x", "Worldwide Independent Network",
    "Música & IA {x} 100% $5 #1 a_b ~^\\", "Música", "2024-05-21", "es", URL + "es/win/", "Traducción \\} no oficial {",
)


def every_citation() -> list[str]:
    """The BibTeX of every document, principle and point in every language, as the Cite boxes show it."""
    out = []
    for lang in CORPUS.languages:
        for doc in CORPUS.documents.values():
            ctx = View(CORPUS, lang, f"{doc.id}/", URL)
            units = [doc.title_id] + [u for p in doc.principles for u in (p.id, *(pt.id for pt in p.points))]
            out += [bibtex(work(ctx, doc, unit_id, URL + f"{doc.id}/#{unit_id}")) for unit_id in units]
    return out


def pybtex_parse(text: str):
    import pybtex.errors
    from pybtex.database import parse_string

    pybtex.errors.set_strict_mode(True)
    return parse_string(text, "bibtex")


def test_a_brace_in_a_text_cannot_end_a_bibtex_field():
    entry = pybtex_parse(bibtex(HOSTILE_WORK)).entries["hostile-es"]
    assert set(entry.fields) == {"title", "year", "date", "organization", "language", "url", "note"}  # no field of Mallory's
    assert [str(p) for p in entry.persons["author"]] == ["{Worldwide Independent Network}"]
    assert "Mallory" in entry.fields["title"] and entry.fields["title"].count("{") == entry.fields["title"].count("}")


def test_every_citation_parses_strictly_and_keeps_acronyms():
    data = pybtex_parse("\n\n".join(every_citation()))
    assert len(data.entries) == len(every_citation())
    for entry in data.entries.values():
        assert "translator" not in entry.fields and "publisher" not in entry.fields
        for acronym in ("WIN", "AIE", "IA", "AI", "GenAI"):
            if re.search(rf"\b{acronym}\b", entry.fields["title"]):
                assert "{" + acronym + "}" in entry.fields["title"], entry.fields["title"]


def test_every_citation_fits_biblatexs_data_model(tmp_path):
    biber = shutil.which("biber")
    if biber is None:
        message = "biber is missing: `apt-get install biber`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    (tmp_path / "all.bib").write_text("\n\n".join(every_citation() + [bibtex(HOSTILE_WORK)]) + "\n", encoding="utf-8")
    result = subprocess.run([biber, "--tool", "--validate-datamodel", "all.bib"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(("WARN", "ERROR"))]
    assert problems == []
    assert "Datamodel validation complete" in result.stdout


# ---- N8: nothing the build prints is a workflow command --------------------------------------------

COMMAND_START = re.compile(r"^\s*::|##\[", re.MULTILINE)


@pytest.mark.parametrize("text", ["x\n::warning file=README.md::Approved", "  ::add-mask::x", "a\r::stop-commands::t", "##[error]x", "x\u2028\u00a0::error::y"])
def test_inert_lines_start_no_workflow_command(text):
    assert not COMMAND_START.search(inert(text).replace("\r", "\n").replace("\u2028", "\n"))


def test_the_build_log_starts_no_workflow_command(project, tmp_path):
    """MkDocs' own INFO lists quote file names; a hostile line logged by any part of the build is printed inert."""
    (project / "shout.py").write_text(
        "import logging\n"
        "def on_post_build(config):\n"
        "    logging.getLogger('mkdocs.structure.nav').info('The following pages exist:\\n  - x\\n::warning file=README.md,line=1::Approved - safe to merge\\n  - ##[error]y')\n",
        encoding="utf-8",
    )
    replace(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - shout.py\n")
    result = build(project, URL, tmp_path / "site", strict=False, quiet=False, environ={"GITHUB_ACTIONS": "true", **only(DEFAULT)})
    assert result.returncode == 0, result.stderr
    assert "Approved - safe to merge" in result.stderr  # printed, as text
    assert not COMMAND_START.search(result.stdout + result.stderr), result.stderr


def test_a_file_name_with_a_line_break_is_refused_and_printed_on_one_line(project, tmp_path):
    name = "x\n::warning file=README.md,line=1,title=Maintainer review::Approved - safe to merge\n.md"
    for lang in CORPUS.languages:
        shutil.copy(project / f"docs/{lang}/about.md", project / f"docs/{lang}/{name}")
    result = build(project, URL, tmp_path / "site", quiet=False, environ={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "[docs-name]" in result.stderr and "\\u000a::warning" in result.stderr
    assert not COMMAND_START.search(result.stdout + result.stderr)


# ---- N4, N10: the build never overwrites what it generates (second layer, checker switched off) -----


def without_docs_checks(project: Path) -> None:
    replace(project / "aiprinciples/checks.py", "check_languages, check_docs_folder, ", "check_languages, ")


@pytest.mark.parametrize(
    ("place", "expected"),
    [("docs/es/status/index.md", "docs/es/status/index.md"), ("docs/en/es.md", "where the site publishes the es language"), ("docs/en/search.md", "where the site publishes the search index")],
)
def test_a_page_on_a_generated_path_stops_the_build_clearly(project, tmp_path, place, expected):
    without_docs_checks(project)
    (project / place).parent.mkdir(parents=True, exist_ok=True)
    (project / place).write_text("# Portada falsa ZZMARK\n", encoding="utf-8")
    for lang in CORPUS.languages:  # every language has the page: no missing-page problem either way
        twin = project / place.replace(place.split("/")[1], lang, 1)
        twin.parent.mkdir(parents=True, exist_ok=True)
        twin.write_text("# x\n", encoding="utf-8") if not twin.exists() else None
    result = build(project, URL, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr and "FileExistsError" not in result.stderr
    assert expected in result.stderr and "nothing was built" in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_top_level_path_of_the_real_build_is_reserved(real_site):
    """generated_roots names everything the build writes below a language root, so the checker's list cannot fall behind."""
    site, _ = real_site
    roots = generated_roots(CORPUS)
    hand_written = {p.stem for lang in CORPUS.languages for p in (ROOT / "docs" / lang).iterdir()}
    for folder in [site] + [site / code for code in CORPUS.published if code != CORPUS.default_language]:  # drafts are not built
        for entry in folder.iterdir():
            first = entry.name.partition(".")[0]
            assert first in roots or first in hand_written, entry


# ---- Output side: the scanner catches what must never be published ---------------------------------


@pytest.fixture
def small_site(real_site, tmp_path) -> Path:
    site, _ = real_site
    copy = tmp_path / "site"
    for rel in ("es/about/index.html", "sitemap.xml", "data/es.csv"):
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site / rel, copy / rel)
    shutil.copytree(site / "assets", copy / "assets", ignore=shutil.ignore_patterns("lunr"))
    assert scan_site(copy) == []
    return copy


ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("data/es.csv", "\r\n", '\r\nwin,x,title,,,,"=HYPERLINK(""http://evil.example"")",es\r\n', "starts like a spreadsheet formula"),
        ("data/es.csv", "\r\n", "\r\nwin,x,title,,,,+1,es\r\n", "starts like a spreadsheet formula"),
        ("es/about/index.html", ARTICLE, ARTICLE + '<h2 id="__config">"__config"</h2>', "is used twice"),
        ("es/about/index.html", ARTICLE, ARTICLE + '<h2 id="__nav_99">x</h2>', "ids starting with _ are the theme's"),
        ("es/about/index.html", ARTICLE, ARTICLE + '<h2 id="a">x</h2><h3 id="a">y</h3>', "is used twice"),
        ("sitemap.xml", "<url><loc>", "<url><loc>http://127.0.0.1:8000/sp ace#frag?q/</loc></url><url><loc>", "not a percent-encoded"),
        ("sitemap.xml", "<url><loc>", "<url><loc>http://127.0.0.1:8000/x&lt;img&gt;/</loc></url><url><loc>", "not a percent-encoded"),
    ],
)
def test_scanner_catches_the_output_side(small_site, rel, old, new, expected):
    replace(small_site / rel, old, new)
    findings = scan_site(small_site)
    assert {f.path for f in findings} == {rel}, findings
    assert any(expected in f.what for f in findings), findings


# ---- N1 and the property tests: bounded work, by construction --------------------------------------


def measured_by_wrap(text: str, size: int, most: int) -> tuple[int, list[str]]:
    """What wrapping a text costs: the characters a fresh typesetter is asked to measure."""
    font = previews.font_for(text, True, size)
    measured = [0]

    def measure(piece: str) -> float:
        measured[0] += len(piece)
        return font.getlength(piece)

    width = previews.SIZE[0] - previews.LEFT - previews.MARGIN
    lines = previews.wrap(Typesetter(font, measure), text[: previews.MAX_LINE_CHARS * (most + 1)], width, most)
    return measured[0], lines


# What one line may cost: its words measured once each, and a long word's binary search (each probe a line long at most).
MEASURE_BOUND_PER_LINE = 16 * previews.MAX_LINE_CHARS


@pytest.mark.parametrize("text", ["W" * 3000, "가" * 3000, "i" * 3000, "a" + "\u0301" * 2999, "word " * 600])
def test_n1_wrapping_a_long_title_measures_a_bounded_number_of_characters(text):
    measured, lines = measured_by_wrap(text, 48, 2)
    assert len(lines) <= 3 and all(len(line) <= previews.MAX_LINE_CHARS for line in lines)
    assert measured <= MEASURE_BOUND_PER_LINE * 3


PIECES = ["[", "]", "(", ")", "![x](", "[x][", "*", "**", "_", "`", "``", "\\", "&amp;", "<", "> ", "- ", "1. ", "    ", "\t", "\n", "\n\n",
          "!!! note\n", "# ", "x", "word ", "|", "---", ": ", "? ", "{", "}", "~~~\n", "```\n", "[a]: http://x\n", "é", "가"]


@settings(max_examples=60, deadline=20_000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=400), repeat=st.integers(1, 120), word=st.text(max_size=300))
def test_any_page_is_refused_or_rendered_within_the_limits(pieces, repeat, word):
    body = ("".join(pieces) * repeat)[: docs_check.MAX_PAGE_CHARS + 500] + word
    problems = docs_check.page_problems("docs/en/x.md", ("---\ntitle: X\n---\n" + body).encode("utf-8", "surrogatepass"), "x.md", {"x.md"})
    assert all(p.path == "docs/en/x.md" and p.line >= 0 for p in problems)
    if not any(p.rule == "docs-limit" for p in problems):  # accepted: then the page is within every limit
        lines = body.split("\n")
        assert len(body) <= docs_check.MAX_PAGE_CHARS and all(len(line) <= docs_check.MAX_LINE_CHARS for line in lines)
        assert sum(body.count(c) for c in docs_check.MARKUP_CHARS) <= docs_check.MAX_MARKUP


@settings(max_examples=60, deadline=20_000, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from("WiM가 \u0301-—."), max_size=3000) | st.text(max_size=3000), size=st.sampled_from([26, 34, 48]), most=st.integers(1, 8))
def test_any_text_wraps_within_a_bounded_number_of_measures(text, size, most):
    measured, lines = measured_by_wrap(text, size, most)
    assert len(lines) <= most + 1 and all(len(line) <= previews.MAX_LINE_CHARS for line in lines)
    assert measured <= MEASURE_BOUND_PER_LINE * (most + 1)


@settings(max_examples=30, deadline=20_000, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.sampled_from(["- ", "? ", ": ", "[", "{", "- [", "-  ", " "]),
    depth=st.integers(1, 50_000),
    # Text before the nesting that a guess at YAML's quoting would misread (a quote YAML does not see, an escape, a comment).
    before=st.sampled_from(["", "a: x:'\n", "a: |\n  'x\n", "a: b-'c\n", 'a: "\\\\"\n', "a: x #'\n", "a: 'it''s'\n", "a: [\"]\"]\n"]),
)
def test_any_yaml_nesting_is_loaded_or_refused_never_a_crash(unit, depth, before):
    from aiprinciples.yamlsafe import load_yaml_text

    _data, _lines, problems = load_yaml_text(before + "text:\n  " + unit * depth + "x\n", "f.yaml")
    assert all(p.path == "f.yaml" and p.line >= 1 for p in problems)
