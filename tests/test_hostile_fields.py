"""Properties: any string in any field of principles/, and any Markdown in docs/, reaches HTML only as text.

The checker rejects markup and invisible characters in these fields (tests/test_security.py);
these properties show that even what slipped past it would be shown, never run.
"""

from __future__ import annotations

import copy

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiprinciples.site.head import head_html
from aiprinciples.site.pages import PageSpec
from aiprinciples.site.render import render
from aiprinciples.site.safe_markdown import NoRawHtml, sanitise
from tests.test_hostile import CORPUS, URL, structure
from tests.test_security import Elements

PAGES = [PageSpec("doc:win", "win/"), PageSpec("principle:win-1", "win/copyright/"), PageSpec("theme:consent", "themes/consent/"), PageSpec("home", "")]


def set_field(corpus, field: str, text: str) -> None:
    doc = corpus.documents["win"]
    if field == "organisation.name":
        doc.meta["organisation"]["name"] = text
    elif field == "organisation.short_name":
        doc.meta["organisation"]["short_name"] = text
    elif field == "place":
        doc.meta["place"] = text
    elif field == "links.label":
        doc.meta["links"][0]["label"] = text
    elif field == "notes":
        doc.notes["win-1-1"] = text
    elif field == "theme.name":
        corpus.themes["consent"].name = text
    elif field == "theme.description":
        corpus.themes["consent"].description = text
    elif field == "point.text":
        doc.principles[0].points[0].text = text
    elif field == "language.name":
        corpus.languages["es"] = text


FIELDS = ["organisation.name", "organisation.short_name", "place", "links.label", "notes", "theme.name", "theme.description", "point.text", "language.name"]


def rendered(field: str, text: str, lang: str) -> list:
    corpus = copy.deepcopy(CORPUS)
    corpus.__dict__.pop("sources", None)  # cached English units: recomputed from the changed fields
    set_field(corpus, field, text)
    out = []
    for spec in PAGES:
        page = render(corpus, spec, lang, URL)
        out.append(structure(page.html + head_html(corpus, URL, lang, spec.path, page.title, page.description, list(corpus.languages))).tags)
    return out


BASELINE = {(field, lang): rendered(field, "SENTINEL", lang) for field in FIELDS for lang in ("en", "es")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), lang=st.sampled_from(["en", "es"]), text=st.text(min_size=1, max_size=60))
def test_any_string_in_any_field_of_principles_reaches_pages_only_as_text(field, lang, text):
    assert rendered(field, text, lang) == BASELINE[(field, lang)]


HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "[x](javascript:alert(1))",
    "[x](jav&#x61;script:alert(1))", "[x]( javascript:alert(1))", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "<svg onload=alert(1)>",
    '{: onclick="alert(1)" }', "## T {: onfocus=alert(1) autofocus }", "<iframe src=x></iframe>", "[r]: javascript:alert(1)\n\n[y][r]",
    "<details open ontoggle=alert(1)>", "<style>*{}</style>", "<!-- <script> -->", "`<script>`", "```\n<script>\n```", "&lt;script&gt;",
    "<base href=//evil>", "<form action=javascript:alert(1)><button>x</button></form>", "<object data=x>", "\n\n", "# ", "> ", "| a |\n|---|\n| <b onmouseover=x> |",
]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(HOSTILE_MARKDOWN), st.text(max_size=20)), min_size=1, max_size=8))
def test_any_markdown_in_docs_renders_without_script(parts):
    md = markdown.Markdown(extensions=["tables", "toc", "admonition", NoRawHtml()])
    elements = Elements(sanitise(md.convert("".join(parts))))
    assert not elements.tags & {"script", "iframe", "object", "embed", "style", "svg", "base", "form", "details"}, elements.tags
    for _tag, name, value in elements.attributes:
        assert not name.startswith("on") and name not in ("style", "autofocus", "srcdoc", "formaction")
        if name in ("href", "src"):
            scheme = value.split(":", 1)[0].strip().lower() if ":" in value.split("/")[0] else ""
            assert scheme in ("", "http", "https", "mailto"), value
