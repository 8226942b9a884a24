"""Hostile translations: each category is rejected by the checker or rendered inert (CONTRIBUTING.md, "Untrusted text")."""

from __future__ import annotations

import codecs
import copy
import json
import unicodedata
from html.parser import HTMLParser

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.po import UNCARRIED, po_text
from aiprinciples.site.head import head_html
from aiprinciples.site.pages import PageSpec
from aiprinciples.site.render import render
from tests.conftest import ROOT
from tests.sitebuild import build, read_page

pytestmark = pytest.mark.slow

CORPUS = load_corpus(ROOT).corpus
URL = "http://127.0.0.1:9/"


def set_text(project, lang: str, source: str, unit_id: str, yaml_value: str) -> int:
    """Replace one entry's `text:` line with a raw YAML value; returns its line number."""
    path = project / "translations" / lang / f"{source}.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  {unit_id}:")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("    text:"))
    lines[index] = f"    text: {yaml_value}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def silence_translation_qa(project, lang: str, source: str, reason: str) -> None:
    """Silence, entry by entry and with the reason, the translation-QA rules a file's hostile inputs trip."""
    from aiprinciples.qa import RULES
    from aiprinciples.translate import read_raw, write

    rel = f"translations/{lang}/{source}.yaml"
    fired: dict[str, set[str]] = {}
    for problem in check(project):
        if problem.path == rel and problem.rule in RULES:
            fired.setdefault(problem.message.split(":", 1)[0], set()).add(problem.rule)
    data = read_raw(project / rel)
    for unit_id, rules in fired.items():
        data["entries"][unit_id]["qa_skip"] = dict.fromkeys(rules, reason)
    write(load_corpus(project), lang, source, data)


def rules_at(project, path: str) -> set[tuple[int, str]]:
    return {(p.line, p.rule) for p in check(project) if p.path == path}


# ---- Categories the checker rejects, each with path:line and a fix ----

REJECTED_TEXT = [
    ("script tag", '"Texto <script>alert(1)</script>"', "html"),
    ("raw html attribute", '"<img src=x onerror=alert(1)>"', "html"),
    ("bidi override", '"Texto \\u202e invertido"', "invisible-char"),
    ("zero-width space", '"Te\\u200bxto"', "invisible-char"),
    ("tab inside text", '"Te\\txto"', "invisible-char"),
    ("very long string", '"' + "x" * 3001 + '"', "too-long"),
    ("wrong type", "[1, 2]", "schema-type"),
    ("number instead of text", "42", "schema-type"),
]


@pytest.mark.parametrize(("value", "rule"), [c[1:] for c in REJECTED_TEXT], ids=[c[0] for c in REJECTED_TEXT])
def test_rejected_text(project, value, rule):
    line = set_text(project, "es", "win", "win-1-3", value)
    assert (line, rule) in rules_at(project, "translations/es/win.yaml")


def test_hangul_in_nfd_is_rejected_and_fmt_fixes_it(project):
    nfd = unicodedata.normalize("NFD", CORPUS.translations[("ko", "aie")].entries["aie-1-1"].text)
    line = set_text(project, "ko", "aie", "aie-1-1", json.dumps(nfd, ensure_ascii=False))
    assert (line, "not-nfc") in rules_at(project, "translations/ko/aie.yaml")
    from aiprinciples.translate import fmt

    fmt(project)
    assert check(project) == []


def test_yaml_alias_bomb_is_rejected_before_expansion(project):
    path = project / "translations/es/glossary.yaml"
    bomb = ["language: es", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    path.write_text("\n".join(bomb) + "\n", encoding="utf-8")
    found = rules_at(project, "translations/es/glossary.yaml")
    assert (2, "yaml-alias") in found and (3, "yaml-alias") in found


def test_duplicate_key_is_rejected(project):
    path = project / "translations/fr/ui.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  copy_link:\n", '  copy_link:\n    text: "x"\n', 1), encoding="utf-8")
    assert any(rule == "duplicate-key" for _line, rule in rules_at(project, "translations/fr/ui.yaml"))


@pytest.mark.parametrize(("name", "raw", "rule", "line"), [
    ("not utf-8", b"source: win\nlanguage: es\nnote: \xff\xfe\n", "not-utf8", 3),
    ("byte-order mark", codecs.BOM_UTF8 + b"language: es\nterms: []\n", "bom", 1),
    ("tab indentation", b"language: es\nterms:\n\t- en: x\n", "tab", 3),
])
def test_file_level_rejections(project, name, raw, rule, line):
    (project / "translations/es/glossary.yaml").write_bytes(raw)
    assert (line, rule) in rules_at(project, "translations/es/glossary.yaml")


# ---- Categories rendered inert: a full build with hostile text the checker allows ----

INERT = {
    "win-1-3": 'Break " onmouseover="alert(1)" x=\' and [click](javascript:alert(1)) and ![i](data:text/html;base64,PHNjcmlwdD4=)',
    "win-1": "Title {{ config.site_name }} {% if true %}T{% endif %} &lt;b&gt; & \"quotes\"",
    "win-1-4": "[here](#) **bold** <!-- not a comment --",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for unit_id, text in INERT.items():
        value = text.replace("<!-- not a comment --", "not a comment --")
        set_text(project, "es", "win", unit_id, json.dumps(value, ensure_ascii=False))
    silence_translation_qa(project, "es", "win", "Hostile test input, not a translation: it must pass the checker to reach the renderer.")
    assert check(project) == [], check(project)
    result = build(project, URL)
    assert result.returncode == 0, result.stderr
    return project / "site"


class Structure(HTMLParser):
    """Tags, attribute names and text of a page: hostile text must add no tag and no attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs)), tuple((n, v) for n, v in attrs if n in ("href", "src", "id", "class", "rel", "hreflang", "property", "name"))))

    def handle_data(self, data):
        self.text.append(data)


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


def test_inert_text_shows_as_text(hostile_site):
    page = (hostile_site / "es/win/copyright/index.html").read_text(encoding="utf-8")
    text = "".join(structure(page).text)
    assert INERT["win-1-3"] in text
    assert "{{ config.site_name }}" in text and "{% if true %}T{% endif %}" in text
    assert "&lt;b&gt;" in text  # typed entity text stays literal text
    assert "javascript:" not in "".join(str(t) for t in structure(page).tags)
    assert not any(name.startswith("on") for _tag, names, _values in structure(page).tags for name in names)


def test_inert_text_in_meta_tags_and_title(hostile_site):
    page = read_page(hostile_site / "es/win/copyright/index.html")
    og_title = next(tag["content"] for tag in page.head if tag.get("property") == "og:title")
    assert og_title.startswith("WIN 1: Title {{ config.site_name }}") and '"quotes"' in og_title
    html = (hostile_site / "es/win/copyright/index.html").read_text(encoding="utf-8")
    title = html.split("<title>")[1].split("</title>")[0]
    assert "{{ config.site_name }}" in title and "<b>" not in title


def test_inert_text_in_search_index(hostile_site):
    index = json.loads((hostile_site / "es/search/search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("win/copyright/")]
    parsed = [structure(d["title"] + d["text"]) for d in docs]
    # Material indexes text inside bare <p>/<li>; hostile text adds no element and no attribute.
    assert all(names == () for page in parsed for _tag, names, _values in page.tags)
    assert {tag for page in parsed for tag, _names, _values in page.tags} <= {"p", "li", "ol", "ul", "code", "strong", "em", "b", "table", "tr", "td", "th", "thead", "tbody", "caption"}
    assert any(INERT["win-1-3"] in "".join(page.text) for page in parsed)


# ---- Properties: any string in any translated field reaches HTML only as text ----

FIELDS = [("win", "win-1-3"), ("win", "win-1"), ("themes", "consent.name"), ("ui", "copy_link"), ("ui", "link_copied"), ("ui", "site_name")]
SPEC = PageSpec("principle:win-1", "win/copyright/")


def with_text(source: str, unit_id: str, text: str):
    corpus = copy.deepcopy(CORPUS)
    corpus.translations[("es", source)].entries[unit_id].text = text
    corpus.translations[("es", "win")].entries["win-1-3"].note = text  # notes are translator text too
    return corpus


def page_and_head(corpus) -> str:
    page = render(corpus, SPEC, "es", URL)
    return page.html + head_html(corpus, URL, "es", SPEC.path, page.title, page.description, list(corpus.languages))


BASELINE = {field: structure(page_and_head(with_text(*field, "SENTINEL"))).tags for field in FIELDS}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=st.text(min_size=1, max_size=80))
def test_any_string_reaches_pages_and_meta_only_as_text(field, text):
    html = page_and_head(with_text(*field, text))
    assert structure(html).tags == BASELINE[field]


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(lambda s: "](#)" not in s))
def test_any_string_is_shown_verbatim(text):
    html = render(with_text("win", "win-1-3", text), SPEC, "es", URL).html
    assert text in "".join(structure(html).text)


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=80).filter(str.strip))  # a blank note is no note: its paragraph goes (the checker refuses blank texts)
def test_any_string_reaches_the_search_index_only_as_text(text):
    from material.plugins.search.plugin import Parser

    def sections(corpus):
        parser = Parser()
        parser.feed(render(corpus, SPEC, "es", URL).html)
        parser.close()
        return [structure(str(section.title) + "".join(section.text)).tags for section in parser.data]

    assert sections(with_text("win", "win-1-3", text)) == sections(with_text("win", "win-1-3", "SENTINEL"))


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_any_string_survives_po_export_as_text_or_is_refused(text):
    corpus = with_text("win", "win-1-3", text)
    if UNCARRIED.search(text):  # the checker rejects these too (invisible-char)
        with pytest.raises(ValueError, match="win-1-3"):
            po_text(corpus, "es")
        return
    exported = polib.pofile(po_text(corpus, "es"))
    entry = next(e for e in exported if e.msgctxt == "win-1-3")
    assert entry.msgstr == text
    if text.strip() == text:  # notes with edge spaces are rejected by the checker (spaces)
        assert entry.tcomment == f"note: {text}"  # a published note is exported with its marker (CONTRIBUTING, private comments)
