"""Interface messages in Project Fluent: whole sentences with plural and select; CLDR through Babel.

Each `text` of translations/<lang>/ui.yaml (and each string of translations/en/ui.yaml) is a
Fluent pattern: what follows `key =` in a .ftl file. A translator writes whole sentences:

    doc_points_count: "{ $count ->\n    [one] { $count } point\n   *[other] { $count } points\n}"

(written in the YAML file as a `|-` block). Plural categories come from CLDR for the page's
language; select expressions choose a sentence by kind of version, by document, and so on;
organisations' names keep their grammatical forms through NAME($document, form: "de"), which
the language's glossary defines ("du WIN", "de l’AIE", "WIN은"). LANGUAGE($code) and
PLACE($place) give CLDR's names in the message's own language, DATETIME and NUMBER its formats.

This module parses, checks (against the English) and formats them. Pure Python: no MkDocs.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast

from aiprinciples.locales import babel_locale
from aiprinciples.memo import LruMemo

# (line offset within the text, rule, message, fix) for one message.
MessageFinding = tuple[int, str, str, str]


class MessageError(Exception):
    """A message could not be formatted: a bug the checker should have caught first."""


@dataclass(frozen=True)
class Message:
    text: str  # plain text: the caller escapes it, once
    lang: str  # the language it is in: the page's, or the default language where it has no translation yet


@dataclass
class Shape:
    """What a message uses: its variables, its select expressions and their keys, its functions."""

    variables: set[str] = field(default_factory=set)
    selects: dict[str, set[str]] = field(default_factory=dict)  # selector ("$kind") -> variant keys
    plurals: dict[str, set[str]] = field(default_factory=dict)  # selector ("$count") -> plural categories used
    names: list[tuple[str, str]] = field(default_factory=list)  # (variable, form) of each NAME() call
    functions: set[str] = field(default_factory=set)
    bad_calls: list[str] = field(default_factory=list)  # NAME() calls without a variable and a string form


def ftl(key: str, text: str) -> str:
    """One message as a .ftl entry: `key =` and the pattern indented beneath it."""
    return f"{key} =\n" + "".join(f"    {line}\n" for line in text.split("\n"))


def parse(key: str, text: str) -> tuple[ast.Message | None, list[MessageFinding]]:
    """The message's syntax tree (its id is always "m"; read, never change it), or the syntax errors at their line within `text`."""
    return _parse(text)


# The checker, the exports and every language's bundle read the same texts (the English of each
# message is in every ui.yaml): parse each text once. Bounded, as any input could be hostile.
@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple[ast.Message | None, list[MessageFinding]]:
    key = "m"
    resource = FluentParser(with_spans=True).parse(ftl(key, text))
    entries = [entry for entry in resource.body if not isinstance(entry, ast.Comment | ast.GroupComment | ast.ResourceComment)]
    junk = [entry for entry in entries if isinstance(entry, ast.Junk)]
    if junk or len(entries) != 1 or not isinstance(entries[0], ast.Message) or entries[0].value is None:
        source = ftl(key, text)
        found = []
        for entry in junk:
            for note in entry.annotations:
                line = min(max(source.count("\n", 0, note.span.start) - 1, 0), text.count("\n"))  # line 0 of the source is `key =`
                found.append((line, "message-syntax", f"{_syntax_message(note)}", SYNTAX_FIX))
        return None, found or [(0, "message-syntax", "the text is not one Fluent message", SYNTAX_FIX)]
    return entries[0], []


def shape(message: ast.Message) -> Shape:
    """Walk a message's pattern and record what it uses."""
    out = Shape()

    def walk(node) -> None:
        if isinstance(node, ast.VariableReference):
            out.variables.add(node.id.name)
        elif isinstance(node, ast.FunctionReference):
            out.functions.add(node.id.name)
            if node.id.name == "NAME":
                positional, named = node.arguments.positional, {arg.name.name: arg.value for arg in node.arguments.named}
                form = named.get("form")
                if len(positional) == 1 and isinstance(positional[0], ast.VariableReference) and isinstance(form, ast.StringLiteral):
                    out.names.append((positional[0].id.name, form.parse()["value"]))
                else:
                    out.bad_calls.append("NAME")
        elif isinstance(node, ast.SelectExpression):
            selector = _selector(node.selector)
            keys = {_key(variant.key) for variant in node.variants}
            if keys <= PLURAL_KEYS | {k for k in keys if k.isdigit()}:
                out.plurals.setdefault(selector, set()).update(k for k in keys if not k.isdigit())
            else:
                out.selects.setdefault(selector, set()).update(keys)
        for child in _children(node):
            walk(child)

    walk(message.value)
    return out


def prose(text: str) -> str:
    """The words of a message, for the text rules and the translation QA: each placeable as {x}; a message
    with a select gives its text around it, then each variant's text, joined by " | "."""
    if "{" not in text:
        return text  # no placeable: the words are the text itself, spaces included
    message, problems = parse("m", text)
    if message is None:
        return text
    parts: list[str] = []

    def walk(pattern: ast.Pattern) -> str:
        out = []
        for element in pattern.elements:
            if isinstance(element, ast.TextElement):
                out.append(element.value)
            elif isinstance(element.expression, ast.SelectExpression):
                for variant in element.expression.variants:
                    parts.append(walk(variant.value).strip(" \n"))
                out.append("{x}")
            elif isinstance(element.expression, ast.StringLiteral):
                out.append(element.expression.parse()["value"])
            else:
                out.append("{x}")
        return "".join(out)

    head = walk(message.value)
    return PROSE_JOINER.join([head, *(part for part in parts if part and part.strip(" \n") != "{x}")])


def findings(text: str, english: str, lang: str, forms: dict[str, dict[str, str]], organisations: list[str]) -> Iterator[MessageFinding]:
    """Every problem of a translated message, measured against the English message."""
    message, problems = parse("m", text)
    if message is None:
        yield from problems
        return
    source, _ = parse("m", english)
    mine, theirs = shape(message), shape(source) if source else Shape()
    yield from _common(mine, lang, forms, organisations)
    missing, extra = theirs.variables - mine.variables, mine.variables - theirs.variables
    if missing:
        yield 0, "message-variables", f"the message leaves out {_vars(missing)}, which the English uses", "Use every { $variable } of the English (in a plural's [one] variant it may be left out only if every other variant uses it)"
    if extra:
        yield 0, "message-variables", f"the message uses {_vars(extra)}, which the English does not give", "Use only the { $variables } of the English: the site gives no other"
    for selector, keys in theirs.selects.items():
        lacking = keys - mine.selects.get(selector, set())
        if lacking:
            yield 0, "message-select", f"the select on {selector} has no variant for {', '.join(sorted(lacking))}, which the English distinguishes", f"Add a variant for each of: {', '.join(sorted(keys))} (one of them marked * as the default)"


def english_findings(text: str, lang: str = "en") -> Iterator[MessageFinding]:
    """Problems of an English source message: its syntax and, for its plurals, the categories English needs."""
    message, problems = parse("m", text)
    if message is None:
        yield from problems
        return
    yield from _common(shape(message), lang, {}, [])


def _common(found: Shape, lang: str, forms: dict[str, dict[str, str]], organisations: list[str]) -> Iterator[MessageFinding]:
    for name in sorted(found.functions - set(FUNCTIONS)):
        yield 0, "message-function", f"the message calls {name}(), which the site does not provide", f"Use only {', '.join(FUNCTIONS)}"
    for call in found.bad_calls:
        yield 0, "message-function", f"{call}() needs one variable and a form, as in NAME($document, form: \"de\")", "Write NAME($document, form: \"…\") with a form of the glossary's names:"
    needed = plural_categories(lang)
    for selector, keys in found.plurals.items():
        lacking = needed - keys - {"other"}
        if lacking:
            yield 0, "message-plural", f"the plural on {selector} has no variant for {', '.join(sorted(lacking))}, which {lang} needs (CLDR)", f"Add [{'], ['.join(sorted(lacking))}] (the categories {lang} uses for whole numbers: {', '.join(sorted(needed))})"
    for variable, form in found.names:
        if variable not in NAME_VARIABLES:
            yield 0, "name-form", f"NAME(${variable}) asks for a grammatical form, but ${variable} is not an organisation's name", f"Forms exist only for {', '.join('$' + n for n in NAME_VARIABLES)}"
            continue
        for organisation in organisations:
            if form not in forms.get(organisation, {}):
                yield 0, "name-form", f"the form {form!r} of {organisation} is not defined", f"Add it in translations/{lang}/glossary.yaml, under names: → {organisation}: {{{form}: \"…\"}}"


@cache
def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories a language uses for the whole numbers this site counts (0 to 1000)."""
    rule = babel_locale(lang).plural_form
    return frozenset(rule(n) for n in range(0, 1001))


class Catalog:
    """Every language's messages, formatted on demand; a language without a message falls back to the default one."""

    def __init__(self, corpus):
        self.corpus = corpus
        self._bundles: dict[str, FluentBundle] = {}
        # A build asks for the same labels thousands of times; a title with a page's own text in it once or twice.
        self._formatted: LruMemo[Message] = LruMemo(FORMATTED_KEPT)

    def format(self, lang: str, key: str, **args) -> Message:
        try:
            memo = (lang, key, tuple((name, type(value), value) for name, value in sorted(args.items())))  # 1 and 1.0 format apart
            hash(memo)
        except TypeError:  # an argument that cannot be a key: formatted each time
            return self._format(lang, key, args)
        return self._formatted.get(memo, lambda: self._format(lang, key, args))

    def _format(self, lang: str, key: str, args: dict) -> Message:
        bundle = self._bundle(lang)
        shown = lang
        if not bundle.has_message(key):
            shown, bundle = self.corpus.default_language, self._bundle(self.corpus.default_language)
            if not bundle.has_message(key):
                raise MessageError(f"no message {key!r} in translations/{shown}/ui.yaml")
        if key.endswith("_separator"):  # spaces at either end are the text itself, which Fluent would trim
            return Message(self._raw(shown, key), shown)
        text, errors = bundle.format_pattern(bundle.get_message(key).value, args)
        if errors:
            raise MessageError(f"translations/{shown}/ui.yaml: {key}: {'; '.join(str(e) for e in errors)}")
        return Message(text, shown)

    def _raw(self, lang: str, key: str) -> str:
        return self.corpus.text("ui", key, lang)[0]

    def has(self, lang: str, key: str) -> bool:
        return self._bundle(lang).has_message(key)

    def _bundle(self, lang: str) -> FluentBundle:
        if lang not in self._bundles:
            corpus = self.corpus
            texts = dict(corpus.ui) if lang == corpus.default_language else {}
            translation = corpus.translations.get((lang, "ui"))
            if translation is not None:
                texts.update((key, entry.text) for key, entry in translation.entries.items() if entry.text.strip() and key in corpus.ui)
            bundle = FluentBundle([corpus.tag(lang)], use_isolating=False, functions=self._functions(lang))
            # Messages the checker refused are left out, so the default language's stands in for them.
            parsed = ((key, parse(key, text)[0]) for key, text in texts.items())
            bundle.add_resource(ast.Resource([ast.Message(ast.Identifier(key), message.value, message.attributes) for key, message in parsed if message is not None]))
            self._bundles[lang] = bundle
        return self._bundles[lang]

    def _functions(self, lang: str) -> dict:
        corpus, locale = self.corpus, babel_locale(lang)
        forms = corpus.name_forms(lang)

        def NAME(value, form=None):  # noqa: N802 - Fluent function names are upper case
            return forms.get(str(value), {}).get(str(form), str(value))

        def LANGUAGE(code):  # noqa: N802
            code = str(code)
            return locale.languages.get(code.replace("-", "_")) or corpus.configured_languages.get(code, code)

        def PLACE(name):  # noqa: N802
            return place_name(str(name), lang)

        return {"NAME": NAME, "LANGUAGE": LANGUAGE, "PLACE": PLACE}


def place_name(name: str, lang: str) -> str:
    """A place as CLDR writes it in a language (Madrid → Madri in Portuguese), else as given.

    CLDR names cities through its time-zone exemplar cities; a place that is not one is shown as written.
    """
    zone = _zones_by_city().get(name)
    if zone is None:
        return name
    return _city(zone, lang)


def _city(zone: str, lang: str) -> str:
    """CLDR's exemplar city of a time zone in a language; where CLDR gives none, the zone's own name (CLDR's rule)."""
    names = babel_locale(lang).time_zones.get(zone)
    return (names.get("city") if names else None) or zone.rsplit("/", 1)[-1].replace("_", " ")


@cache
def _zones_by_city() -> dict[str, str]:
    """English exemplar city -> time zone, for every zone the system knows."""
    out: dict[str, str] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/")):
            out.setdefault(_city(zone, "en"), zone)
    return out


def sample_arguments(variables: set[str], organisation: str = "WIN", count: int = 2) -> dict[str, object]:
    """Values of the right type for each variable, by its name (the naming convention CONTRIBUTING states)."""
    out: dict[str, object] = {}
    for name in variables:
        if name in COUNT_VARIABLES:
            out[name] = count
        elif name in DATE_VARIABLES:
            out[name] = datetime.date(2024, 5, 21)
        elif name in NAME_VARIABLES:
            out[name] = organisation
        elif name in LANGUAGE_VARIABLES:
            out[name] = "en"
        elif name == "place":
            out[name] = "Madrid"
        else:
            out[name] = name
    return out


def _selector(node) -> str:
    if isinstance(node, ast.VariableReference):
        return "$" + node.id.name
    if isinstance(node, ast.FunctionReference):
        inner = ", ".join(_selector(arg) for arg in node.arguments.positional)
        return f"{node.id.name}({inner})"
    if isinstance(node, ast.StringLiteral | ast.NumberLiteral):
        return node.value
    return type(node).__name__


def _key(key) -> str:
    return key.name if isinstance(key, ast.Identifier) else key.value


def _children(node) -> Iterator:
    if isinstance(node, ast.Pattern):
        yield from node.elements
    elif isinstance(node, ast.Placeable):
        yield node.expression
    elif isinstance(node, ast.SelectExpression):
        yield node.selector
        for variant in node.variants:
            yield variant.value
    elif isinstance(node, ast.FunctionReference):
        yield from node.arguments.positional
        for arg in node.arguments.named:
            yield arg.value


def _vars(names: set[str]) -> str:
    return ", ".join(f"${name}" for name in sorted(names))


def _syntax_message(note) -> str:
    return f"Fluent syntax: {note.message[0].lower()}{note.message[1:]}"


# Constant data.
FORMATTED_KEPT = 20_000  # formatted messages kept per corpus: every label of a language many times over
PROSE_JOINER = " | "  # between a message's variants in prose(): no rule of the text checks or the QA reads it
FUNCTIONS = ("NAME", "LANGUAGE", "PLACE", "DATETIME", "NUMBER")
PLURAL_KEYS = frozenset({"zero", "one", "two", "few", "many", "other"})
NAME_VARIABLES = ("document", "issuer", "publisher")  # variables holding an organisation's short name, for NAME()
COUNT_VARIABLES = frozenset({"count", "total", "reviewed"})  # numbers a plural chooses by; labels such as "1.3" are text
DATE_VARIABLES = frozenset({"date"})
LANGUAGE_VARIABLES = frozenset({"language", "from", "original"})
SYNTAX_FIX = (
    "Write the message as Fluent: text with { $variable } placeables; a plural or a choice as "
    "{ $count -> [one] … *[other] … } with each variant on its own line, one marked * (see CONTRIBUTING.md, \"Interface messages\")"
)
