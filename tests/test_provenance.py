"""Whose words each sentence is: markers per point, notices per page, notes' labels, pt-BR, and official entries.

The page-level tests read the real built site in every published language and compare what a
reader sees with what the corpus says of each entry.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.site.pages import PageSpec, page_specs
from aiprinciples.site.render import render
from aiprinciples.translate import scaffold
from tests.conftest import ROOT
from tests.corpus import CORPUS, PROJECT, PUBLISHED, prefix

pytestmark = pytest.mark.languages
LANGS = PUBLISHED  # what a production build contains


class Marks(HTMLParser):
    """For each element with an id: the provenance markers inside it; and the page's notices."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.markers: dict[str, list[str]] = {}
        self.notices: list[tuple[str, str]] = []  # (data-source, kind)
        self.note_labels: dict[str, list[str]] = {}
        self._in_note_label: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        owner = attrs.get("id") if tag in ("li", "p", "tr") and attrs.get("id") else None
        self.stack.append((tag, owner))
        owners = [o for _t, o in self.stack if o]
        if "data-provenance" in attrs and owners:
            self.markers.setdefault(owners[-1], []).append(attrs["data-provenance"])
        if tag in ("aside", "details") and "ap-notice" in (attrs.get("class") or "").split():
            kind = next(k for k in ("info", "warning", "note") if k in attrs["class"].split())
            self.notices.append((attrs.get("data-source"), kind))
        if tag == "span" and attrs.get("class") == "ap-key" and any(t == "p" for t, _ in self.stack[:-1]):
            self._in_note_label = owners[-1] if owners else "-"

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        self._in_note_label = None if tag == "span" else self._in_note_label

    def handle_data(self, data):
        if self._in_note_label is not None:
            self.note_labels.setdefault(self._in_note_label, []).append(data.strip())


def html_text(text: str) -> str:
    """A text as the templates write it: HTML-escaped once."""
    from markupsafe import escape

    return str(escape(text))


def expected_marker(doc_id: str, unit_id: str, lang: str) -> list[str]:
    provenance = CORPUS.provenance(doc_id, unit_id, lang)
    return [provenance.label] if provenance.kind in ("project", "untranslated") else []


@pytest.mark.parametrize("lang", LANGS)
def test_every_point_marker_agrees_with_its_entry(real_site, lang):
    site, _ = real_site
    for doc in CORPUS.documents.values():
        for principle in doc.principles:
            marks = Marks((site / prefix(lang) / doc.id / principle.slug / "index.html").read_text(encoding="utf-8"))
            for point in principle.points:
                assert marks.markers.get(point.id, []) == expected_marker(doc.id, point.id, lang), (lang, point.id)
        page = Marks((site / prefix(lang) / doc.id / "index.html").read_text(encoding="utf-8"))
        for paragraph in doc.preamble + doc.closing:
            if paragraph.kind == "paragraph":
                assert page.markers.get(paragraph.id, []) == expected_marker(doc.id, paragraph.id, lang), (lang, paragraph.id)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_notice_describes_the_sources_it_shows(real_site, lang):
    site, _ = real_site
    for doc in CORPUS.documents.values():
        for principle in doc.principles:
            marks = Marks((site / prefix(lang) / doc.id / principle.slug / "index.html").read_text(encoding="utf-8"))
            kinds = {kind for source, kind in marks.notices if source == doc.id}
            if lang == CORPUS.default_language:
                want = set() if doc.meta["english_status"] == "original" else {"info"}
            else:
                translation = CORPUS.translations[(lang, doc.id)]
                statuses = {translation.is_official(pt.id) for pt in principle.points}
                want = ({"info"} if True in statuses else set()) | ({"warning"} if False in statuses else set())
            assert kinds == want, (lang, principle.id, marks.notices)


def test_the_english_home_shows_no_notice_for_titles_alone(real_site):
    site, _ = real_site
    assert Marks((site / "index.html").read_text(encoding="utf-8")).notices == []


def test_korean_pages_say_whose_words_each_text_is(real_site):
    site, _ = real_site
    html = (site / "ko/themes/consent/index.html").read_text(encoding="utf-8")
    marks = Marks(html)
    assert ("win", "info") in marks.notices and ("aie", "warning") in marks.notices  # WIN's official Korean; the site's Korean AIE


def test_spanish_aie_is_labelled_a_back_translation_on_every_page(real_site):
    site, _ = real_site
    title = CORPUS.messages.format("es", "notice_back_translation_title", issuer="AIE").text
    original = next(v["url"] for v in CORPUS.documents["aie"].meta["versions"] if v["language"] == "es")
    pages = [PageSpec("doc:aie", "aie/")] + [PageSpec(f"principle:{p.id}", f"aie/{p.slug}/") for p in CORPUS.documents["aie"].principles]
    for spec in pages:
        html = (site / "es" / spec.path / "index.html").read_text(encoding="utf-8")
        assert title in html and f'href="{original}"' in html, spec.path
    listing = (site / "es/aie/index.html").read_text(encoding="utf-8")
    assert CORPUS.messages.format("es", "version_state", state="back-translation", publisher="AIE").text in listing  # Spanish is AIE's original, linked


def test_citation_of_a_translated_point_says_it_is_unofficial(real_site):
    site, _ = real_site
    html = (site / "es/win/copyright/index.html").read_text(encoding="utf-8")
    assert "Traducción no oficial de este sitio" in re.search(r'<p class="ap-cite__text">(.*?)</p>', html).group(1)
    english = (site / "win/copyright/index.html").read_text(encoding="utf-8")
    assert "nofficial" not in re.search(r'<p class="ap-cite__text">(.*?)</p>', english).group(1)


KOREAN_DIVERGENCES = [  # shared/reviews/ko.md, every H and M row, and the general should/must note
    "win-title", "win-preamble-2", "win-preamble-3", "win-preamble-4", "win-1-1", "win-1-3", "win-1-4", "win-2-2", "win-3-1",
    "win-4-2", "win-4-3", "win-4-4", "win-5", "win-5-2", "win-5-4", "win-closing-1", "win-closing-2", "win-closing-3",
]


@pytest.mark.parametrize("unit_id", KOREAN_DIVERGENCES)
def test_every_korean_divergence_has_an_editorial_note(unit_id):
    translation = CORPUS.translations[("ko", "win")]
    assert translation.status == "official" and translation.entries[unit_id].note
    spec = next(s for s in page_specs(CORPUS) if s.key == "doc:win")
    html = render(CORPUS, spec, "ko", "http://127.0.0.1:9/").html
    editorial, translator = (CORPUS.messages.format("ko", "note_label", kind=kind).text for kind in ("editorial", "translator"))
    assert html_text(translation.entries[unit_id].note)[:10] in html
    assert editorial in html and f"{translator}:" not in html and "역자" not in editorial


@pytest.mark.parametrize("unit_id", ["aie-intro-2", "aie-intro-3", "aie-intro-4", "aie-1-1", "aie-1-2", "aie-closing-4"])
def test_aie_english_carries_notes_where_it_departs_from_the_spanish(unit_id):
    assert CORPUS.documents["aie"].notes.get(unit_id)


def test_portuguese_is_brazilian():
    european = re.compile(r"\b(treino|registo|utilizador(es)?|ficheiros?|connosco|equipas?|facto|contactos?|sítios?|receção|direito de autor|enviesamento)\b", re.IGNORECASE)
    found = [(path.name, m.group(0)) for path in (PROJECT / "translations/pt").glob("*.yaml") for line in path.read_text(encoding="utf-8").split("\n") if "text:" in line or "note:" in line for m in european.finditer(line)]
    found += [("about.md", m.group(0)) for m in european.finditer((PROJECT / "docs/pt/about.md").read_text(encoding="utf-8"))]
    assert found == []
    assert CORPUS.tag("pt") == "pt-BR" and CORPUS.glossaries["pt"]["variant"] == "pt-BR"


def test_pages_declare_pt_br(real_site):
    site, base = real_site
    html = (site / "pt/win/copyright/index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR"' in html and '<meta property="og:locale" content="pt_BR">' in html
    assert f'hreflang="pt-BR" href="{base}pt/win/copyright/"' in (site / "es/win/copyright/index.html").read_text(encoding="utf-8")
    assert "/pt/" in f"{base}pt/" and (site / "pt/p/win-1-3/index.html").is_file()  # URLs keep /pt/


# ---- One official entry in a file that is otherwise the project's: the mechanism, on a fixture ----

OFFICIAL_LINE = "Texto oficial de demostración, publicado por el emisor."


@pytest.fixture
def mini_with_official_entry(tmp_path: Path) -> Path:
    project = tmp_path / "mini"
    shutil.copytree(ROOT / "tests/fixtures/mini", project)
    (project / "translations/en").mkdir(parents=True)
    shutil.copy2(PROJECT / "translations/en/ui.yaml", project / "translations/en/ui.yaml")
    scaffold(project, "es", "machine-assisted")
    for name in ("ui.yaml", "glossary.yaml"):  # the real interface, and the glossary its QA settings need
        shutil.copy2(PROJECT / "translations/es" / name, project / "translations/es" / name)
    for name in ("demo.yaml", "themes.yaml"):
        path = project / "translations/es" / name
        path.write_text(path.read_text(encoding="utf-8").replace('    text: ""', '    text: "ES"'), encoding="utf-8")
    (project / "principles/sources").mkdir(exist_ok=True)
    (project / "principles/sources/demo.es.txt").write_text(f"Título\n{OFFICIAL_LINE}\n", encoding="utf-8")
    path = project / "translations/es/demo.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("  demo-1-1:")
    lines[at + 3] = f'    text: "{OFFICIAL_LINE}"'
    lines[at + 4:at + 4] = ['    status: "official"', '    source_file: "demo.es.txt"']
    path.write_text("\n".join(lines), encoding="utf-8")
    return project


def test_an_official_entry_is_proved_verbatim_and_shown_as_the_issuers_words(mini_with_official_entry):
    project = mini_with_official_entry
    assert check(project) == []
    corpus = load_corpus(project).corpus
    assert corpus.provenance("demo", "demo-1-1", "es").kind == "issuer"
    assert corpus.provenance("demo", "demo-1-2", "es").kind == "project"
    spec = next(s for s in page_specs(corpus) if s.key.startswith("principle:demo-1"))
    marks = Marks(render(corpus, spec, "es", "http://127.0.0.1:9/").html)
    assert marks.markers.get("demo-1-1", []) == [] and marks.markers["demo-1-2"] == ["site-translation"]
    assert {kind for source, kind in marks.notices if source == "demo"} == {"info", "warning"}


def test_an_edited_official_entry_is_refused_at_its_line(mini_with_official_entry):
    path = mini_with_official_entry / "translations/es/demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(OFFICIAL_LINE, OFFICIAL_LINE.replace("oficial", "mejorado")), encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "mejorado" in text)
    assert ("translations/es/demo.yaml", line, "not-verbatim") in {(p.path, p.line, p.rule) for p in check(mini_with_official_entry)}


def test_an_official_entry_must_name_its_source(mini_with_official_entry):
    path = mini_with_official_entry / "translations/es/demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('    source_file: "demo.es.txt"\n', ""), encoding="utf-8")
    assert "provenance" in {p.rule for p in check(mini_with_official_entry)}
