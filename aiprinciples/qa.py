"""Translation QA: rules on the site's own translations, configured per language by its glossary.

Each language's `translations/<lang>/glossary.yaml` is its termbase (`terms`) and holds the
settings of these rules (`qa`). They judge only the project's translations: an entry in the
issuer's own wording is verbatim by definition, and an empty text is not written yet.

- termbase: the English names a glossary term (`en`, or one of `en_forms`, as a whole word);
  the translation uses its `term` or one of its `variants`.
- forbidden: none of `qa.forbidden` (plain text, any case, spaces included) appears.
- typography: every character of `qa.space_before` follows a no-break space (U+00A0 or
  U+202F), outside {placeholders} and URLs; every quotation mark belongs to one of the
  pairs of `qa.quotes`, spaces included, and opens and closes in order.
- same-as-english: the translation is not the English itself, unless `qa.same_as_english`
  lists the text.
- numbers: the translation has the English's digit sequences, as many times each.
  ({placeholders} are the `placeholders` rule's, in checks.py.)

QA runs for every language whose glossary loads: the glossary is its configuration, and a
language without one (or with one the checker refused) has nothing to judge against.
In a draft language a finding is a warning: the preview marks the point (Corpus.qa_flagged)
instead of stopping; once the language is published, it is an error.
A rule that misfires on one entry is silenced there with a reason, never globally:
`qa_skip: {rule: "why"}` on the entry. `aiprinciples status` lists every silenced rule.
Pure Python: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from aiprinciples.loader import TRANSLATIONS, Loaded
from aiprinciples.messages import prose
from aiprinciples.model import is_note_unit
from aiprinciples.problems import Problem
from aiprinciples.text_rules import PLACEHOLDER, char_name

# (rule, message, fix) for one text.
Finding = tuple[str, str, str]


@dataclass(frozen=True)
class Term:
    english: tuple[str, ...]  # `en` and `en_forms`
    pattern: re.Pattern  # any of them as a whole word, in any case
    targets: tuple[str, ...]  # `term` and `variants`


@dataclass(frozen=True)
class Settings:
    """One language's QA settings, read from its glossary."""

    glossary: str  # its path, for the fixes
    terms: tuple[Term, ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()  # (form, fix)
    space_before: str = ""
    quotes: tuple[tuple[str, str], ...] = ()
    same_as_english: frozenset[str] = frozenset()
    key: str = field(default="", compare=False)  # a digest of the glossary and path these settings come from


def settings(glossary: dict, path: str) -> Settings:
    """The QA settings of one (schema-valid) glossary."""
    qa = glossary.get("qa", {})
    terms = []
    for item in glossary.get("terms", []):
        if not item["term"].strip():
            continue  # a seeded term not yet decided: nothing to check against
        english = (item["en"], *item.get("en_forms", ()))
        alternatives = "|".join(re.escape(form) for form in sorted(english, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        terms.append(Term(english, pattern, (item["term"], *item.get("variants", ()))))
    return Settings(
        glossary=path,
        terms=tuple(terms),
        forbidden=tuple((f["form"], f["fix"]) for f in qa.get("forbidden", ())),
        space_before=qa.get("space_before", ""),
        quotes=tuple((pair[0], pair[1]) for pair in qa.get("quotes", ())),
        same_as_english=frozenset(qa.get("same_as_english", ())),
        key=hashlib.sha256(json.dumps([path, glossary], sort_keys=True, default=str).encode("utf-8")).hexdigest(),
    )


def findings(text: str, english: str, config: Settings) -> Iterator[Finding]:
    """Every QA finding for one translated text and the English it translates."""
    yield from termbase(text, english, config)
    yield from forbidden(text, config)
    yield from typography(text, config)
    if text == english and text not in config.same_as_english and not any(prose(same) == text for same in config.same_as_english):
        yield (
            "same-as-english", "the translation is identical to the English",
            f"Translate it; if this text is rightly the same in the language (a name, a symbol), list it under qa.same_as_english in {config.glossary}",
        )
    yield from numbers(text, english)


def findings_of(text: str, english: str, config: Settings) -> tuple[Finding, ...]:
    """findings(), kept: the same text, English and glossary always find the same.

    `mkdocs serve` checks every text at each save, and a save changes one.
    """
    key = (text, english, config.key)
    if not config.key or key not in _found:
        found = tuple(findings(text, english, config))
        if not config.key:
            return found
        _found[key] = found
        while len(_found) > FINDINGS_KEPT:
            del _found[next(iter(_found))]  # the oldest
    return _found[key]


_found: dict[tuple[str, str, str], tuple[Finding, ...]] = {}
FINDINGS_KEPT = 20_000


def termbase(text: str, english: str, config: Settings) -> Iterator[Finding]:
    folded = text.casefold()
    for term in config.terms:
        match = term.pattern.search(english)
        if match and not any(target.casefold() in folded for target in term.targets):
            others = f" (or {', '.join(_q(t) for t in term.targets[1:])})" if len(term.targets) > 1 else ""
            yield (
                "termbase", f"the English says {_q(match.group())}, but the translation does not use the glossary's {_q(term.targets[0])}{others}",
                f"Use {_q(term.targets[0])} as {config.glossary} prescribes; if it cannot fit here, silence the rule for this entry with qa_skip: {{termbase: \"the reason\"}}",
            )


def forbidden(text: str, config: Settings) -> Iterator[Finding]:
    folded = text.casefold()
    for form, fix in config.forbidden:
        if form.casefold() in folded:
            yield "forbidden", f"the translation contains {_q(form)}, which {config.glossary} forbids", fix


def typography(text: str, config: Settings) -> Iterator[Finding]:
    yield from _space_before(text, config)
    if config.quotes:  # a glossary that names no quotation marks (a new language's) checks none yet
        yield from _quotes(text, config)


def _space_before(text: str, config: Settings) -> Iterator[Finding]:
    if not config.space_before:
        return
    plain = _masked(text)
    bad: Counter[str] = Counter()
    for at, char in enumerate(plain):
        if char in config.space_before and (at == 0 or plain[at - 1] not in NO_BREAK_SPACES):
            bad[char] += 1
    for char, count in bad.items():
        times = "" if count == 1 else f" ({count} times)"
        yield (
            "typography", f"{_q(char)} is not preceded by a no-break space{times}",
            f"Put a narrow no-break space (U+202F) or a no-break space (U+00A0) right before {_q(char)}, as {config.glossary} (conventions, typography) says; never an ordinary space",
        )


def _quotes(text: str, config: Settings) -> Iterator[Finding]:
    """Quotation marks: only the language's pairs, with their spaces, each opened then closed in order."""
    pairs = [_pair(opening, closing) for opening, closing in config.quotes]
    allowed = " or ".join(f"{_visible(p.opening)}…{_visible(p.closing)}" for p in pairs) or "none"
    fix = f"Use the quotation marks of {config.glossary} (qa.quotes: {allowed}), spaces included"
    stack: list[Pair] = []
    for at, char in enumerate(text):
        if char not in QUOTE_MARKS:
            continue
        opens = [p for p in pairs if p.open_mark == char]
        closes = [p for p in pairs if p.close_mark == char]
        if not opens and not closes:
            yield "typography", f"the quotation mark {char_name(char)} is not one of the language's", fix
        elif closes and (not opens or (stack and stack[-1].close_mark == char)):  # a mark that both opens and closes closes what is open
            pair = next((p for p in reversed(stack) if p.close_mark == char), None)
            if pair is None:
                yield "typography", f"the closing quotation mark {char_name(char)} has no opening mark before it", fix
                continue
            if not _spacing_ok(text[:at][::-1], pair.before_close[::-1]):
                yield "typography", f"the closing quotation mark {char_name(char)} must come right after {_spacing_words(pair.before_close)}", fix
            while (top := stack.pop()) is not pair:
                yield "typography", f"the quotation mark {char_name(top.open_mark)} is never closed", fix
        else:
            pair = opens[0]
            if not _spacing_ok(text[at + 1:], pair.after_open):
                yield "typography", f"the opening quotation mark {char_name(char)} must be followed by {_spacing_words(pair.after_open)}", fix
            stack.append(pair)
    for pair in stack:
        yield "typography", f"the quotation mark {char_name(pair.open_mark)} is never closed", fix


class Pair(NamedTuple):
    """A pair of quotation marks as the glossary writes it, e.g. "«\u202f", "\u202f»"."""

    opening: str
    closing: str
    open_mark: str  # the marks themselves
    close_mark: str
    after_open: str  # the spacing the pair puts inside the quotation
    before_close: str


def _pair(opening: str, closing: str) -> Pair:
    open_mark, close_mark = opening.strip(SPACES), closing.strip(SPACES)
    return Pair(opening, closing, open_mark, close_mark, opening[opening.index(open_mark) + len(open_mark):], closing[: closing.index(close_mark)])


def numbers(text: str, english: str) -> Iterator[Finding]:
    want, have = _numbers(english), _numbers(text)
    if want != have:
        missing = ", ".join(sorted((want - have).elements()))
        extra = ", ".join(sorted((have - want).elements()))
        what = "; ".join(part for part in (missing and f"missing {missing}", extra and f"not in the English: {extra}") if part)
        yield "numbers", f"the numbers differ from the English ({what})", "Keep every number of the English, written in digits as there, and add none"


def _numbers(text: str) -> Counter[str]:
    return Counter(DIGITS.findall(PLACEHOLDER.sub(" ", text)))


def _masked(text: str) -> str:
    """The text with {placeholders} and URLs blanked out (same length)."""
    for pattern in (PLACEHOLDER, URL):
        text = pattern.sub(lambda m: "x" * len(m.group()), text)
    return text


def _spacing_ok(neighbours: str, spacing: str) -> bool:
    """The characters next to a quotation mark (nearest first) are the pair's spacing (nearest first), no more.

    A no-break space in the pair accepts either no-break space; a pair without spacing accepts none.
    """
    for index, want in enumerate(spacing):
        got = neighbours[index:index + 1]
        if not got or (got in NO_BREAK_SPACES) != (want in NO_BREAK_SPACES) or (got == " ") != (want == " "):
            return False
    after = neighbours[len(spacing):len(spacing) + 1]
    return after == "" or after not in SPACES


def _spacing_words(spacing: str) -> str:
    """How a pair's spacing reads in a message: "a no-break space (U+202F or U+00A0), no other space"."""
    if not spacing:
        return "the quoted text, with no space"
    return " then ".join("a no-break space (U+202F or U+00A0)" if char in NO_BREAK_SPACES else "a space" for char in spacing) + ", no other space"


def _visible(mark: str) -> str:
    return "".join(SPACE_NAMES.get(char, char) for char in mark)


def _q(text: str) -> str:
    return f'"{text}"'


def check_translation_qa(loaded: Loaded) -> Iterator[Problem]:
    """The QA rules on every project translation entry, minus the rules an entry silences with a reason."""
    corpus = loaded.corpus
    configs = {lang: settings(glossary, f"{TRANSLATIONS}/{lang}/glossary.yaml") for lang, glossary in corpus.glossaries.items()}
    for (lang, source), translation in sorted(corpus.translations.items()):
        units, rel, config = corpus.sources.get(source, {}), translation.path, configs.get(lang)
        # A draft is work in progress: its findings are warnings, and the preview marks the point.
        severity, in_draft = ("warning", DRAFT_FIX) if corpus.is_draft(lang) else ("error", "")
        for unit_id, entry in translation.entries.items():
            for rule, reason in entry.qa_skip.items():
                line = loaded.line(rel, "entries", unit_id, "qa_skip", rule)
                if rule not in RULES:
                    yield Problem(rel, line, "qa-skip", f"{unit_id}: qa_skip names {rule!r}, which is not a QA rule", f"Name one of: {', '.join(RULES)}{in_draft}", severity, unit_id)
                elif not reason.strip():
                    yield Problem(rel, line, "qa-skip", f"{unit_id}: qa_skip silences {rule!r} without a reason", f"Write why the rule is wrong for this entry, in a sentence a reviewer can judge{in_draft}", severity, unit_id)
            if config is None:  # QA is configured by the language's glossary: none (or one that failed to load), no QA
                continue
            official = translation.is_official(unit_id)
            text, english = (prose(entry.text), prose(units.get(unit_id, ""))) if source == "ui" else (entry.text, units.get(unit_id, ""))
            found = () if unit_id not in units or official or not entry.text.strip() else findings_of(text, english, config)
            for rule, message, fix in found:
                if rule not in entry.qa_skip:
                    yield Problem(rel, loaded.line(rel, "entries", unit_id, "text"), rule, f"{unit_id}: {message}", fix + in_draft, severity, unit_id)
            fired = {rule for rule, _message, _fix in found}
            for rule in entry.qa_skip:
                if rule in RULES and rule not in fired:
                    why = "the entry is the issuer's own wording, which QA never judges" if official else "the rule finds nothing here"
                    yield Problem(
                        rel, loaded.line(rel, "entries", unit_id, "qa_skip", rule), "qa-skip", f"{unit_id}: qa_skip silences {rule!r}, but {why}",
                        f"Remove it: a silenced rule that no longer fires would hide the next mistake{in_draft}", severity, unit_id,
                    )


def flagged_units(problems: list[Problem]) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(language, source, unit id) -> the QA rules a draft's warnings name there: what the preview marks."""
    out: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for problem in problems:
        if problem.is_warning and problem.unit and problem.rule in (*RULES, "qa-skip") and problem.path.startswith(f"{TRANSLATIONS}/"):
            _folder, lang, name = problem.path.split("/")
            key = (lang, name.removesuffix(".yaml"), problem.unit)
            out[key] = tuple(sorted({*out.get(key, ()), problem.rule}))
    return out


# Constant data.
DRAFT_FIX = ". A draft can be published only once QA finds nothing: until then this is a warning, and the preview marks the text"
RULES = ("termbase", "forbidden", "typography", "same-as-english", "numbers")
NO_BREAK_SPACES = "\u00a0\u202f"
SPACES = " \u00a0\u202f"
SPACE_NAMES = {"\u00a0": "[no-break space]", "\u202f": "[narrow no-break space]", " ": "[space]"}
QUOTE_MARKS = "“”«»„\""
DIGITS = re.compile(r"[0-9]+")
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


# Editorial notes on the issuer's own wording describe; they never recommend this site's wording.

def check_note_recommendations(loaded: Loaded) -> Iterator[Problem]:
    """No editorial note on official text contains one of its language's `qa.note_recommendations`.

    Editorial notes are this site's notes on the issuer's own wording: the `note:` of an official
    entry (WIN's Korean, AIE's own Spanish title), the English notes in principles/<doc>.yaml
    (`notes:`, with the default language's list) and their translations (`<id>.note`). Translator's
    notes on the site's own translations may say what the translation does, and are not judged.
    """
    corpus = loaded.corpus
    phrases = {lang: recommendation_phrases(glossary) for lang, glossary in corpus.glossaries.items()}
    english = phrases.get(corpus.default_language, ())
    for doc in corpus.documents.values():
        for unit_id, note in doc.notes.items():
            yield from _recommendations(loaded, doc.path, ("notes", unit_id), unit_id, note, english, corpus.default_language)
    for (lang, _source), translation in sorted(corpus.translations.items()):
        listed = phrases.get(lang, ())
        for unit_id, entry in translation.entries.items():
            if is_note_unit(unit_id):
                yield from _recommendations(loaded, translation.path, ("entries", unit_id, "text"), unit_id, entry.text, listed, lang)
            elif entry.note and translation.is_official(unit_id):
                yield from _recommendations(loaded, translation.path, ("entries", unit_id, "note"), unit_id, entry.note, listed, lang)


def recommendation_phrases(glossary: dict) -> tuple[str, ...]:
    """A (schema-valid) glossary's phrases that recommend or correct, from `qa.note_recommendations`."""
    return tuple(glossary.get("qa", {}).get("note_recommendations", ()))


def recommendations_in(note: str, phrases: tuple[str, ...]) -> list[str]:
    """The listed phrases a note contains (plain text, any case), in the list's order."""
    folded = note.casefold()
    return [phrase for phrase in phrases if phrase.casefold() in folded]


def _recommendations(loaded: Loaded, rel: str, path: tuple, unit_id: str, note: str, phrases: tuple[str, ...], lang: str) -> Iterator[Problem]:
    found = recommendations_in(note, phrases)
    if found:
        listed = ", ".join(_q(phrase) for phrase in found)
        yield Problem(
            rel, loaded.line(rel, *path), NOTE_RECOMMENDATION,
            f"{unit_id}: this site's editorial note on official text contains {listed}, which recommends this site's wording or corrects the issuer's",
            "An editorial note says what the English says and what the official text says, and stops there: delete the sentence "
            f"(this site's terms belong in {TRANSLATIONS}/{lang}/glossary.yaml). If the phrase recommends nothing here, reword it",
        )


NOTE_RECOMMENDATION = "note-recommendation"
