"""Interface strings read as grammatical sentences in every language: names take their articles,
contractions and particles (glossary `names:`), and punctuation follows the language's typography."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.corpus import CORPUS

pytestmark = pytest.mark.languages

# What the reviews found, per language: a bare name where the language needs a form.
UNGRAMMATICAL = {
    "fr": re.compile(r"\b(de|dans|par|à) (AIE|WIN)\b|\bdu AIE\b|\bde l’WIN\b"),
    "pt": re.compile(r"\b(de|em|por|feita por|feito por) (AIE|WIN)\b"),
    "ko": re.compile(r"WIN(가|는|를|와|로)\b|AIE(이|은|을|과|으로)(?![가-힣])"),
    "es": re.compile(r"\b(del) (AIE|WIN)\b"),
}
PAGES = ["win/copyright/", "aie/compensation/", "themes/consent/", "themes/", "status/", "", "win/", "aie/", "parallel/aie/"]


def visible_text(html: str) -> str:
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", list(UNGRAMMATICAL))
def test_names_take_their_grammatical_forms_on_the_pages_the_reviews_name(real_site, lang):
    site, _ = real_site
    for path in PAGES:
        text = visible_text((site / lang / path / "index.html").read_text(encoding="utf-8"))
        assert [m.group(0) for m in UNGRAMMATICAL[lang].finditer(text)] == [], path


@pytest.mark.parametrize("lang", ["fr", "pt", "ko"])
def test_every_name_form_an_interface_string_uses_exists_for_both_organisations(lang):
    forms = CORPUS.name_forms(lang)
    used = {form for key in CORPUS.ui for form in re.findall(r'NAME\(\$(?:document|issuer), form: "([^"]+)"\)', CORPUS.text("ui", key, lang)[0])}
    assert used, f"{lang} uses no name forms"
    for name in ("WIN", "AIE"):
        assert used <= set(forms[name]), (lang, name, used - set(forms[name]))


def test_french_colons_and_semicolons_the_renderer_adds_take_a_no_break_space(real_site):
    site, _ = real_site
    html = (site / "fr/win/copyright/index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<span class="ap-key">(.*?)</span>', html)
    assert labels and all(label.endswith("\u00a0:") or label.endswith("\u202f:") for label in labels), labels[:3]


@pytest.mark.parametrize(("lang", "expected"), [("fr", "Dans les principes de l’AIE"), ("pt", "Nos princípios da AIE"), ("fr", "du WIN"), ("pt", "da WIN")])
def test_related_points_and_theme_headings_read_naturally(real_site, lang, expected):
    site, _ = real_site
    pages = [(site / lang / p / "index.html").read_text(encoding="utf-8") for p in ("win/copyright/", "themes/consent/", "aie/compensation/")]
    assert any(expected in visible_text(page) for page in pages)
