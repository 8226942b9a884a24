"""Context travels with the text: wherever a unit appears, in every published language, its reader sees
whose words it is, what it was made from, its state and every note on it.

One matrix: the units that carry notes or special provenance × every surface that shows them × every
published language, read from the real site built once for the session (tests/conftest.py).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from markupsafe import escape

from aiprinciples.loader import load_corpus
from aiprinciples.presentation import units
from aiprinciples.site.citations import work
from aiprinciples.site.pages import unit_index
from aiprinciples.site.share import share
from aiprinciples.site.view import View
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus
PUBLISHED = [code for code in CORPUS.languages if code in CORPUS.published]
# Units with notes or a provenance of their own (the reviews' list), and every unit that carries a note.
SPECIAL = ["aie-intro-2", "aie-intro-3", "aie-intro-4", "aie-1-1", "aie-1-2", "aie-closing-4", "win-1-1", "win-1-3", "win-3-4", "win-4-4", "aie-title"]
NOTED = sorted({u.id for lang in PUBLISHED for u in units(CORPUS, lang).values() if u.notes} | set(SPECIAL))


def prefix(lang: str) -> str:
    return "" if lang == CORPUS.default_language else f"{lang}/"


def surfaces(unit_id: str) -> list[str]:
    """The pages (below a language root) that show a unit: its document, its principle page, its theme pages,
    the parallel text and its share page."""
    unit = units(CORPUS, CORPUS.default_language)[unit_id]
    pages = [f"{unit.document}/", f"parallel/{unit.document}/"]
    if unit.kind in ("principle", "point"):
        pages += [unit.path, f"p/{unit_id}/"]
        pages += [f"themes/{CORPUS.themes[t].slug}/" for t in unit.themes] if unit.kind == "point" else []
    return pages


def segment(page: str, unit_id: str, doc_id: str) -> str:
    """The part of a page from a unit's element to the next unit of its document: the unit with its marker and notes."""
    start = page.find(f'id="{unit_id}"')
    assert start >= 0, unit_id
    others = [m.start() for m in re.finditer(r'id="([a-z][a-z0-9]*-[a-z0-9-]+)"', page) if m.start() > start and m.group(1) != unit_id and not m.group(1).startswith(unit_id + "-")]
    ends = [end for end in (min(others) if others else -1, page.find('class="ap-tools"', start), page.find("</tbody>", start)) if end > start]
    return page[start:min(ends)] if ends else page[start:]


CASES = [(lang, unit_id, surface) for lang in PUBLISHED for unit_id in NOTED for surface in surfaces(unit_id)]


@pytest.mark.parametrize(("lang", "unit_id", "surface"), CASES)
def test_every_surface_shows_whose_words_and_every_note(real_site, lang, unit_id, surface):
    site, _ = real_site
    unit = units(CORPUS, lang)[unit_id]
    page = (site / prefix(lang) / surface / "index.html").read_text(encoding="utf-8")
    part = segment(page, unit_id, unit.document) if 'id="' + unit_id + '"' in page else page
    if unit.marker:
        assert f'data-provenance="{unit.provenance.label}"' in part, (lang, unit_id, surface)
    elif not surface.startswith("parallel/"):  # a parallel row also holds the other language's text, with its own marker
        assert "data-provenance=" not in part.split("</h1>")[0] or unit.kind == "title", (lang, unit_id, surface)
    for note in unit.notes:
        assert str(escape(note.text)) in part, (lang, unit_id, surface, note.kind)
        if note.lang != lang:
            assert f'lang="{CORPUS.tag(note.lang)}"' in part  # a note shown in English says it is English


@pytest.mark.parametrize("lang", PUBLISHED)
def test_notes_on_the_english_reach_every_language(lang):
    """AIE's English departs from its Spanish original: every language says so where it shows those points."""
    for unit_id in ("aie-intro-2", "aie-intro-3", "aie-intro-4", "aie-1-1", "aie-1-2"):
        kinds = {note.kind for note in units(CORPUS, lang)[unit_id].notes}
        assert kinds & {"editorial", "base"}, (lang, unit_id)


def test_aies_spanish_title_is_aies_own_and_the_rest_a_back_translation():
    spanish = units(CORPUS, "es")
    assert spanish["aie-title"].provenance.label == "issuer-original" and spanish["aie-title"].marker == ""
    assert spanish["aie-1-1"].marker == "follows-original" and spanish["aie-2-1"].marker == "site-back-translation"
    assert units(CORPUS, "fr")["aie-2-1"].marker == "site-translation"


@pytest.mark.parametrize("lang", PUBLISHED)
def test_share_pages_are_pages_with_the_point_its_provenance_and_notes(real_site, lang):
    site, _ = real_site
    for unit_id in ("win-1-3", "aie-1-1", "win-4-4", "win-1"):
        unit = units(CORPUS, lang)[unit_id]
        page = (site / prefix(lang) / "p" / unit_id / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' not in page
        assert str(escape(unit.text)) in page
        title = units(CORPUS, lang)[CORPUS.documents[unit.document].title_id]
        for note in unit.notes + title.notes:  # the document's title is shown with its notes too
            assert str(escape(note.text)) in page, (unit_id, note.text)
        if unit.marker:
            sentence = CORPUS.messages.format(lang, "marker_long", kind=unit.marker, issuer=unit.issuer, original=CORPUS.documents[unit.document].meta["original_language"]).text
            assert f'data-provenance="{unit.provenance.label}">{escape(sentence)}</p>' in page
    principle = (site / prefix(lang) / "p" / "win-1" / "index.html").read_text(encoding="utf-8")
    for point in CORPUS.documents["win"].principle("win-1").points:  # a principle's share page is about the principle
        assert f'id="{point.id}"' in principle


@pytest.mark.parametrize("lang", PUBLISHED)
def test_citations_say_whose_words_and_where_the_notes_are(lang):
    view = View(CORPUS, lang, "win/copyright/", "https://example.org/")
    for unit_id in ("win-1-3", "aie-1-1", "aie-4-1"):
        unit = view.unit(unit_id)
        cited = work(view, CORPUS.documents[unit.document], unit_id, view.absolute(unit.path, anchor=unit.anchor))
        if unit.marker:
            assert cited.translator and cited.note.startswith(view.text("marker_long", kind=unit.marker, issuer=unit.issuer, original=CORPUS.documents[unit.document].meta["original_language"]))
        else:
            assert cited.translator is None
        assert (view.absolute(unit.path, anchor=unit.anchor) in cited.note) == bool(unit.notes)
        for fmt in cited.formats:
            if unit.notes:
                assert view.absolute(unit.path, anchor=unit.anchor) in fmt.text, fmt.name
    for doc in CORPUS.documents.values():  # a whole document is cited as what most of its points are
        markers = [view.unit(point.id).marker for point in doc.points()]
        usual = max(set(markers), key=markers.count)
        cited = work(view, doc, doc.title_id, view.absolute(doc.id + "/"))
        if usual:
            assert cited.note.startswith(view.text("marker_long", kind=usual, issuer=doc.short_name, original=doc.meta["original_language"])), (doc.id, cited.note)
        else:
            assert cited.translator is None and not cited.note.startswith(view.text("marker_long", kind="site-translation", issuer=doc.short_name, original=doc.meta["original_language"]))


@pytest.mark.parametrize("lang", PUBLISHED)
def test_preview_cards_say_whose_words_and_that_notes_exist(lang):
    for unit_id in ("aie-1-1", "win-4-4", "win-2-1"):
        unit = units(CORPUS, lang)[unit_id]
        card = share(CORPUS, lang, unit_id, "https://example.org/")
        if unit.marker:
            assert card.provenance.startswith(CORPUS.messages.format(lang, "marker_short", kind=unit.marker).text)
            assert card.description.startswith(CORPUS.messages.format(lang, "label_colon", label=CORPUS.messages.format(lang, "marker_short", kind=unit.marker).text).text)
        notes = CORPUS.messages.format(lang, "preview_notes", count=len(unit.notes)).text
        assert (notes in card.provenance) == bool(unit.notes), (lang, unit_id)


@pytest.mark.parametrize("lang", PUBLISHED)
def test_open_data_carries_provenance_and_notes(real_site, lang):
    site, _ = real_site
    export = json.loads((site / "data" / lang / "aie.json").read_text(encoding="utf-8"))
    rows = {u["id"]: u for u in export["document"]["languages"][lang]["units"]}
    table = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data" / f"{lang}.csv").read_text(encoding="utf-8-sig"), newline=""))}
    for unit_id in NOTED:
        if not unit_id.startswith("aie"):
            continue
        unit = units(CORPUS, lang)[unit_id]
        assert rows[unit_id]["provenance"] == unit.provenance.label == table[unit_id]["provenance"]
        assert [(n["kind"], n["text"], n["language"]) for n in rows[unit_id]["notes"]] == [(n.kind, n.text, n.lang) for n in unit.notes]
        for note in unit.notes:
            assert table[unit_id][f"{note.kind}_note"] == note.text


def test_the_about_pages_example_citation_is_the_cite_controls(real_site):
    site, base = real_site
    for lang in PUBLISHED:
        about = (site / prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
        view = View(CORPUS, lang, "win/copyright/", base)
        unit = view.unit("win-1-3")
        line = work(view, CORPUS.documents["win"], "win-1-3", view.absolute(unit.path, anchor=unit.anchor)).line
        principle = (site / prefix(lang) / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
        assert str(escape(line)) in about and f'<p class="ap-cite__text">{escape(line)}</p>' in principle, lang
        assert "[[" not in about


def test_an_unknown_placeholder_or_id_is_refused_at_its_line(project):
    from aiprinciples.checks import check

    path = project / "docs/en/about.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n> [[cite win-9-9]]\n\n[[table everything]]\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    found = {(p.path, p.line, p.rule) for p in check(project)}
    assert ("docs/en/about.md", lines.index("> [[cite win-9-9]]") + 1, "placeholder") in found
    assert ("docs/en/about.md", lines.index("[[table everything]]") + 1, "placeholder") in found


def test_related_points_do_not_grow_with_the_documents():
    """Under a point, per theme: at most a few related points and a link to the theme page for the rest."""
    from aiprinciples.site.view import RELATED_SHOWN

    view = View(CORPUS, CORPUS.default_language, "win/copyright/", "https://example.org/")
    for point in CORPUS.documents["win"].points():
        for line in view.related(view.unit(point.id)):
            assert len(line.links) <= RELATED_SHOWN
            found = sum(len(unit_index(CORPUS).by_theme.get((line.theme, d), ())) for d in CORPUS.documents if d != "win")
            assert len(line.links) + line.more == found


def test_search_finds_words_typed_without_accents(real_site):
    site, _ = real_site
    for lang, word in (("es", "remuneracion"), ("pt", "remuneracao"), ("fr", "remuneration")):
        index = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert "folded" in index["config"]["fields"]
        assert any(word in html.unescape(doc.get("folded", "")).lower() for doc in index["docs"]), (lang, word)
    korean = json.loads((site / "ko" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert re.compile(korean["config"]["separator"]).split("“딥러닝 또는")[1] == "딥러닝"


def with_copies(corpus, count: int):
    """The corpus with `count` more documents, copies of WIN and AIE under new ids (texts made distinct)."""
    import copy
    from dataclasses import replace

    documents = dict(corpus.documents)
    sources = list(corpus.documents.values())
    for n in range(count):
        doc = copy.deepcopy(sources[n % len(sources)])
        new = f"x{n:02d}"
        rename = lambda unit_id, new=new, old=doc.id: new + unit_id[len(old):]  # noqa: E731
        for p in doc.preamble + doc.closing + ([doc.subtitle] if doc.subtitle else []):
            p.id, p.text = rename(p.id), f"{p.text} ({new})"
        for principle in doc.principles:
            principle.id, principle.aliases = rename(principle.id), ()
            for point in principle.points:
                point.id, point.principle_id, point.aliases, point.text = rename(point.id), principle.id, (), f"{point.text} ({new})"
        doc.meta = {**doc.meta, "organisation": {**doc.meta["organisation"], "short_name": new.upper()}}
        doc.notes = {rename(k): v for k, v in doc.notes.items()}
        doc.id, doc.title_id, doc.title = new, f"{new}-title", f"{doc.title} ({new})"
        documents[new] = doc
    return replace(corpus, documents=documents, languages={corpus.default_language: corpus.languages[corpus.default_language]})


def test_a_principle_page_does_not_grow_with_the_number_of_documents():
    from aiprinciples.site.pages import PageSpec
    from aiprinciples.site.render import render

    spec = PageSpec("principle:win-1", "win/copyright/")
    sizes = {n: len(render(with_copies(CORPUS, n), spec, CORPUS.default_language, "https://example.org/").html) for n in (0, 10, 20)}
    assert sizes[20] - sizes[10] < 200, sizes  # saturated: only the counts' digits may differ
    assert sizes[10] < sizes[0] * 1.5, sizes


@pytest.mark.parametrize("lang", PUBLISHED)
def test_a_citation_quotes_the_sites_name(lang):
    """Readers' review 12: an unquoted site name ran on into the sentence ("… du site Principes sur …")."""
    view = View(CORPUS, lang, "win/copyright/", "https://example.org/")
    site = view.text("site_name")
    for kind in ("site-translation", "site-back-translation"):
        line = view.text("cite_line", kind=kind, issuer="AIE", title="T", year=2025, where="W", site=site, url="U")
        assert re.search(r"[«“„\"「『]\s?" + re.escape(site) + r"\s?[»”“\"」』]", line), (lang, kind, line)


def test_pages_that_grow_with_the_corpus_come_in_sections_a_browser_lays_out_on_demand():
    """At 100 documents the status page has 500 rows and the comparison table 100 columns: each language's
    status is a section of its own, and the stylesheet lets the browser skip those off screen."""
    from aiprinciples.site.pages import PageSpec
    from aiprinciples.site.render import render
    from aiprinciples.status import statuses

    corpus = with_copies(CORPUS, 16)
    page = render(corpus, PageSpec("status", "status/"), CORPUS.default_language, "https://example.org/")
    languages = list(dict.fromkeys(row.language for row in statuses(corpus)))
    sections = page.html.split('<section class="ap-status-language"')[1:]
    assert [re.search(r'<h2 id="status-([^"]+)"', s).group(1) for s in sections] == languages
    assert [s.count("<table>") for s in sections] == [1] * len(languages)
    assert [s.count("<tr>") - 1 for s in sections] == [sum(row.language == code for row in statuses(corpus)) for code in languages]
    assert [entry[1] for entry in page.toc] == [f"status-{code}" for code in languages]
    stylesheet = (ROOT / "overrides" / "assets" / "aiprinciples.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset :is\(([^)]*)\) \{ content-visibility: auto;", stylesheet)
    assert rule and {".ap-matrix", ".ap-theme-points"} <= {c.strip() for c in rule.group(1).split(",")}
    # Long: only the reader's language open; short (the real corpus today): every language open.
    assert [" open>" in s.split("<summary>")[0] for s in sections] == [code == CORPUS.default_language for code in languages]
    short = render(CORPUS, PageSpec("status", "status/"), CORPUS.default_language, "https://example.org/").html
    assert short.count('<details class="ap-status__files" open>') == len(set(row.language for row in statuses(CORPUS)))


def test_the_home_compares_documents_in_a_table_while_they_fit_and_counts_them_per_theme_beyond():
    from aiprinciples.site.pages import PageSpec
    from aiprinciples.site.render import MATRIX_DOCUMENTS, render

    def home(corpus):
        return render(corpus, PageSpec("home", ""), CORPUS.default_language, "https://example.org/").html

    big = with_copies(CORPUS, MATRIX_DOCUMENTS + 1 - len(CORPUS.documents))
    few, many = home(CORPUS), home(big)
    assert few.count("<tr>") == len(CORPUS.themes) + 1 and "ap-theme-counts" not in few
    assert "<table" not in many
    items = many.split('class="ap-themes ap-theme-counts">')[1].split("</ul>")[0].split("<li>")[1:]
    assert len(items) == len(CORPUS.themes)
    for item, theme in zip(items, CORPUS.themes.values(), strict=True):
        per_document = [sum(theme.id in point.themes for point in doc.points()) for doc in big.documents.values()]
        assert f"themes/{theme.slug}/" in item
        documents, points = sum(map(bool, per_document)), sum(per_document)
        assert f"{documents} document{'s' * (documents != 1)} · {points} point{'s' * (points != 1)}" in item, item
