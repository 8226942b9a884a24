"""The interface as whole Fluent messages: every message of every published language formats with every
count and every choice, picks the variant CLDR's plural rules pick, and keeps its words in its language."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from babel.dates import format_date
from fluent.syntax import ast
from markupsafe import escape

from aiprinciples.loader import load_corpus
from aiprinciples.locales import babel_locale
from aiprinciples.messages import PLURAL_KEYS, parse, place_name, plural_categories, sample_arguments, shape
from aiprinciples.site.pages import page_specs
from aiprinciples.site.render import render
from aiprinciples.translate import review
from tests.conftest import ROOT

CORPUS = load_corpus(ROOT).corpus
PUBLISHED = [code for code in CORPUS.languages if code in CORPUS.published]
COUNTS = (0, 1, 2, 5, 21)


def messages(lang: str) -> dict[str, str]:
    if lang == CORPUS.default_language:
        return dict(CORPUS.ui)
    translation = CORPUS.translations[(lang, "ui")]
    return {key: entry.text for key, entry in translation.entries.items() if entry.text.strip()}


def cases(lang: str):
    """(key, arguments) for every message: each select variant of the English, each count of a plural."""
    for key, english in CORPUS.ui.items():
        used = shape(parse(key, english)[0])
        base = sample_arguments(used.variables, CORPUS.documents["aie"].short_name)
        runs = [base]
        for selector, keys in used.selects.items():
            runs = [{**run, selector[1:]: value} for run in runs for value in sorted(keys)]
        for selector in used.plurals:
            runs = [{**run, selector[1:]: n} for run in runs for n in COUNTS]
        for args in runs:
            yield key, args


@pytest.mark.parametrize("lang", PUBLISHED)
def test_every_message_formats_with_every_count_and_choice(lang):
    catalog, count = CORPUS.messages, 0
    for key, args in cases(lang):
        message = catalog.format(lang, key, **args)  # raises on any Fluent error
        assert message.lang == lang and message.text.strip(), (lang, key, args)
        count += 1
    assert count > len(CORPUS.ui)


def variant_words(pattern: ast.Pattern) -> list[str]:
    """The literal words of a variant, the parts every formatting of it contains."""
    return [element.value.strip() for element in pattern.elements if isinstance(element, ast.TextElement) and element.value.strip()]


@pytest.mark.parametrize("lang", PUBLISHED)
def test_plurals_pick_the_variant_cldr_picks(lang):
    rule = babel_locale(lang).plural_form
    checked = 0
    for key, text in messages(lang).items():
        message = parse(key, text)[0]
        for element in message.value.elements:
            if not (isinstance(element, ast.Placeable) and isinstance(element.expression, ast.SelectExpression)):
                continue
            select = element.expression
            keys = {v.key.name if isinstance(v.key, ast.Identifier) else v.key.value: v for v in select.variants}
            if not set(keys) <= PLURAL_KEYS or not isinstance(select.selector, ast.VariableReference):
                continue
            variable = select.selector.id.name
            english = shape(parse(key, CORPUS.ui[key])[0])
            base = sample_arguments(english.variables)
            for n in COUNTS:
                chosen = keys.get(rule(n)) or next(v for v in select.variants if v.default)
                out = CORPUS.messages.format(lang, key, **{**base, variable: n}).text
                assert all(word in out for word in variant_words(chosen.value)), (lang, key, n, rule(n), out)
                checked += 1
    needs = plural_categories(lang) - {"other"}
    assert checked or not needs, f"{lang} needs plural forms ({needs}) but no message uses one"


@pytest.mark.parametrize("lang", PUBLISHED)
def test_dates_places_and_language_names_come_from_cldr(lang):
    locale = babel_locale(lang)
    spec = next(s for s in page_specs(CORPUS) if s.key == "doc:win")
    page = unescape(render(CORPUS, spec, lang, "https://example.org/").html)
    assert format_date(datetime.date(2024, 5, 21), format="long", locale=locale) in page
    assert place_name("Madrid", lang) in page and locale.languages["en"] in page
    if lang == "pt":
        assert place_name("Madrid", "pt") == "Madri"


@pytest.mark.parametrize("lang", [code for code in PUBLISHED if code != CORPUS.default_language])
def test_no_interface_sentence_on_a_page_is_left_in_english(lang):
    """Every message the language translates differently shows translated: an English interface sentence on a
    page of another language is a fallback, and then it says it is English (lang="en")."""
    english = {key: text for key, text in CORPUS.ui.items() if "{" not in text}
    translated = {text for key, text in english.items() if CORPUS.messages.format(lang, key).text != text}
    for spec in page_specs(CORPUS):
        page = render(CORPUS, spec, lang, "https://example.org/").html
        outside_english = re.sub(r'<([a-z]+)[^>]* lang="en"[^>]*>.*?</\1>', "", page, flags=re.S)
        found = {unescape(node).strip() for node in re.findall(r">([^<>]+)<", outside_english)} & translated
        assert not found, (lang, spec.key, found)


def test_one_changed_review_reads_in_the_singular(project):
    """A review of one entry and then an edit of it: every language says "one", never "1 … have changed"."""
    corpus = load_corpus(project).corpus
    for lang in [code for code in PUBLISHED if code != corpus.default_language]:
        translation = corpus.translations[(lang, "aie")]
        if translation.status == "official":
            continue
        review(project, lang, ["aie-2-1"], "Ada Reviewer", today=datetime.date(2031, 2, 3))
        path = project / translation.path
        text = translation.entries["aie-2-1"].text
        path.write_text(path.read_text(encoding="utf-8").replace(text, text + " " + text.split()[0], 1), encoding="utf-8")
    corpus = load_corpus(project).corpus
    for lang in [code for code in PUBLISHED if code != corpus.default_language]:
        if corpus.translations[(lang, "aie")].status == "official":
            continue
        singular = corpus.messages.format(lang, "notice_changed_since_review", count=1).text
        plural = corpus.messages.format(lang, "notice_changed_since_review", count=2).text
        spec = next(s for s in page_specs(corpus) if s.key == "principle:aie-2")
        page = render(corpus, spec, lang, "https://example.org/").html
        assert str(escape(singular)) in page, lang
        if "one" in plural_categories(lang):
            assert singular.replace("1", "") != plural.replace("2", ""), lang  # a language with a singular uses it
        status = render(corpus, next(s for s in page_specs(corpus) if s.key == "status"), lang, "https://example.org/").html
        assert str(escape(corpus.messages.format(lang, "review_changed", count=1).text)) in status, lang


def test_a_message_asked_for_again_is_the_same_and_each_argument_counts():
    catalog = load_corpus(ROOT).corpus.messages
    for lang in PUBLISHED:
        once = [catalog.format(lang, "preview_notes", count=n) for n in COUNTS]
        assert [catalog.format(lang, "preview_notes", count=n) for n in COUNTS] == once
        assert len({message.text for message in once}) > 1  # the count reaches the text: not one answer kept for all
        assert catalog._format(lang, "preview_notes", {"count": 21}) == once[-1]  # what formatting without the memo gives


def test_the_memo_of_formatted_messages_is_bounded(monkeypatch):
    """A page title carries the page's own text: the memo must not keep one per page of a large site."""
    from aiprinciples import messages

    monkeypatch.setattr(messages, "FORMATTED_KEPT", 10)
    memo = messages.Catalog(CORPUS)
    titles = [memo.format(CORPUS.default_language, "principle_page_title", label=f"X {n}", title=f"Title {n}").text for n in range(25)]
    assert len(memo._formatted) <= 10
    assert all(f"X {n}" in title and f"Title {n}" in title for n, title in enumerate(titles))
    assert memo.format(CORPUS.default_language, "principle_page_title", label="X 3", title="Title 3").text == titles[3]
