"""Plain-language diagnoses of the YAML mistakes translators make, at the line where they are made.

PyYAML reports where it gave up ("did not find expected key"), often a line or two after
the mistake: an unclosed quote swallows the next line before anything looks wrong. So we
look at the text itself: the lines up to PyYAML's mark, their quotes and their indentation.
"""

from __future__ import annotations

import re

import yaml

from aiprinciples.text_rules import terminal_safe

# (line, message, fix) of one mistake.
Mistake = tuple[int, str, str]


def syntax_mistake(text: str, err: yaml.MarkedYAMLError) -> Mistake:
    """The likeliest cause of a PyYAML syntax error, at its own line, in plain words."""
    lines = text.split("\n")
    problem_line = _line_of(err.problem_mark, lines) or _line_of(err.context_mark, lines) or 1
    context_line = _line_of(err.context_mark, lines) or problem_line
    for number in range(1, problem_line + 1):  # everything before the mistake parsed: the first odd quote is it
        found = quote_mistake(lines[number - 1], number)
        if found:
            return found
    for diagnose in (_indent_mistake, _colon_in_plain_text, _missing_space_after_colon):
        found = diagnose(lines, problem_line)
        if found:
            return found
    if "could not find expected ':'" in (err.problem or ""):  # PyYAML read the context line as a name
        return _missing_colon(lines, context_line) or (context_line, f"line {context_line} is not of the form `name: value` ({_trim(lines[context_line - 1])})", NAME_VALUE_FIX)
    what = err.problem or err.context or "malformed YAML"
    return problem_line, f"YAML cannot read this line ({show(lines, problem_line)}; the YAML library says: {what})", GENERAL_FIX


def quote_mistake(line: str, number: int, shown: str | None = None) -> Mistake | None:
    """A value opened with a quote and never closed on its line, or closed too early by a quote inside it."""
    shown = _trim(shown or line)
    start = VALUE_START.match(line)
    if not start:
        return None
    quote = start.group(2)
    end = _closing_quote(line, start.end(), quote)
    if end is None:
        return number, f"the text opened with {quote} on line {number} is never closed ({shown})", UNCLOSED_FIX[quote]
    rest = line[end + 1:].strip()
    if not rest or rest.startswith("#"):
        return None
    if re.match(r":(\s|$)", rest):  # it was a quoted key: look at its value
        return quote_mistake("key: " + rest[1:].lstrip(), number, shown=line)
    return number, f"a {quote} inside the text ends it early, before “{_trim(rest, 25)}” ({shown})", INNER_FIX[quote]


def wrapper_quotes(value: str) -> tuple[str, str] | None:
    """The typographic quotes that wrap a whole unquoted value (pasted from a word processor), if any."""
    if len(value) < 2 or value[0] not in OPENING or value[-1] not in OPENING[value[0]]:
        return None
    if not _balanced(value[1:-1], value[0], value[-1]):  # «a» et «b»: quotes inside the text, not around it
        return None
    return value[0], value[-1]


def _balanced(inner: str, opening: str, closing: str) -> bool:
    """Every quote inside is closed after it is opened (“a “b” c”), so the outer pair wraps the whole."""
    if opening == closing:
        return opening not in inner
    depth = 0
    for char in inner:
        depth += (char == opening) - (char == closing)
        if depth < 0:
            return False
    return depth == 0


def show(lines: list[str], number: int) -> str:
    """Line `number` as the reader sees it, trimmed and safe to print."""
    if 1 <= number <= len(lines) and lines[number - 1].strip():
        return f"line {number} reads: {_trim(lines[number - 1])}"
    return f"line {number} is empty"


def _line_of(mark, lines: list[str]) -> int:
    if mark is None:
        return 0
    return min(mark.line + 1, len(lines))


def _closing_quote(line: str, at: int, quote: str) -> int | None:
    """Index of the quote that closes a value opened just before `at`, honouring \\" and ''."""
    i = at
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _indent_mistake(lines: list[str], number: int) -> Mistake | None:
    line = lines[number - 1]
    if not _content(line):
        return None
    indent = _indent(line)
    culprit = _dedented_too_far(lines, number)
    if culprit:  # an earlier line went back too far, so this one no longer fits anywhere
        number, line, expected = culprit, lines[culprit - 1], indent
        indent = _indent(line)
    else:
        expected = _sibling_indent(lines, number)
    if expected is None or expected == indent:
        return None
    return number, f"line {number} is indented by {indent} space{'s' * (indent != 1)}, unlike the lines it belongs with ({_trim(line)})", f"Indent it by exactly {expected} spaces, like the other lines at its level"


def _dedented_too_far(lines: list[str], number: int) -> int | None:
    """The line that closed the level line `number` is indented at, when both look alike (e.g. two entry ids)."""
    levels: list[int] = []
    closed_by: dict[int, int] = {}
    for at in range(1, number):
        if not _content(lines[at - 1]):
            continue
        indent = _indent(lines[at - 1])
        while levels and levels[-1] > indent:
            closed_by[levels.pop()] = at
        if not levels or levels[-1] < indent:
            levels.append(indent)
    indent = _indent(lines[number - 1])
    culprit = closed_by.get(indent) if indent not in levels else None
    if culprit and _opens_block(lines[culprit - 1]) == _opens_block(lines[number - 1]):
        return culprit
    return None


def _sibling_indent(lines: list[str], number: int) -> int | None:
    """The indentation line `number` should have, from the lines before it (None: no evidence)."""
    indent = _indent(lines[number - 1])
    for back in range(number - 1, 0, -1):
        line = lines[back - 1]
        if not _content(line):
            continue
        before = _indent(line)
        if before == indent:
            return None
        if before < indent:
            if not _opens_block(line):
                return before  # a field with its value: the line was meant beside it
            first_child = _next_content_line(lines, back)
            return _indent(lines[first_child - 1]) if first_child < number else None
    return 0


def _content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _opens_block(line: str) -> bool:
    """`key:` with nothing after it: the fields below belong to it."""
    return line.split(" #")[0].rstrip().endswith(":")


def _next_content_line(lines: list[str], number: int) -> int:
    for after in range(number + 1, len(lines) + 1):
        if _content(lines[after - 1]):
            return after
    return len(lines) + 1


def _colon_in_plain_text(lines: list[str], number: int) -> Mistake | None:
    match = KEY_VALUE.match(lines[number - 1])
    if match and ": " in match.group(2) and match.group(2)[0] not in "\"'[{":
        return number, f"the text contains “: ” but is not inside double quotes ({_trim(lines[number - 1])})", f'Put the whole text in double quotes: {match.group(1).strip()} "…"'
    return None


def _missing_space_after_colon(lines: list[str], number: int) -> Mistake | None:
    for at in (number - 1, number):
        match = NO_SPACE_AFTER_COLON.match(lines[at - 1]) if at >= 1 else None
        if match:
            return at, f"the colon after {match.group(1)!r} has no space after it ({_trim(lines[at - 1])})", f"Write a space after the colon: {match.group(1)}: …"
    return None


def _missing_colon(lines: list[str], number: int) -> Mistake | None:
    line = lines[number - 1]
    match = NAME_WITHOUT_COLON.match(line)
    if match:
        return number, f"{match.group(1)!r} has no colon after it ({_trim(line)})", f"Write the name, a colon and a space before the value: {match.group(1)}: …"
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _trim(text: str, width: int = 60) -> str:
    text = terminal_safe(text.strip())
    return text if len(text) <= width else text[: width - 1] + "…"


# Constant data.
# The start of a quoted value: indentation, list dashes, an optional `key: `, then the quote.
VALUE_START = re.compile(r"""(\s*(?:-\s+)*(?:[^\s"'#\-[{][^:#]*?:\s+)?)(["'])""")
KEY_VALUE = re.compile(r"""(\s*(?:-\s+)?[^\s"'#\-][^:#]*?:\s+)(\S.*)$""")
NO_SPACE_AFTER_COLON = re.compile(r"""\s*(?:-\s+)?([a-z][\w.\-]*):[^\s:]""")
NAME_WITHOUT_COLON = re.compile(r"""\s*(?:-\s+)?([a-z][\w.\-]*)\s+["'\w«“„]""")
# Typographic opening quotes and the closing quotes that may end what they open.
OPENING = {
    "“": "”“", "”": "”", "„": "“”", "‘": "’‘", "’": "’", "‚": "‘’",
    "«": "»", "»": "«»", "‹": "›", "›": "‹›", "「": "」", "『": "』", "〝": "〞〟",
}
UNCLOSED_FIX = {
    '"': "End it with \" on the same line. A \" inside the text is written \\\" (backslash, quote); better, use the language's own quotation marks « » „ “ 「 」",
    "'": "End it with ' on the same line (an apostrophe inside it is written ''), or put the text in double quotes \"…\"",
}
INNER_FIX = {
    '"': "Write it as \\\" (backslash, quote) or use the language's own quotes « » „ “ 「 」",
    "'": "Write the apostrophe as '' (two apostrophes), or put the whole text in double quotes \"…\"; the typographic apostrophe ’ needs neither",
}
NAME_VALUE_FIX = 'Write the name, a colon and a space, then the value in double quotes: text: "…"'
GENERAL_FIX = (
    "Compare it with the lines around it: each line is `name: value`, indented by two spaces per level "
    "like its neighbours, and a text goes inside double quotes \"…\" on one line"
)
