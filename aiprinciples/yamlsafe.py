"""Safe YAML loading that keeps line numbers and refuses what a corpus must not hold.

PyYAML silently keeps the last of two duplicate keys, expands aliases (the
"billion laughs" bomb) and accepts a BOM; a translator deserves an error naming
the line instead. We compose the node tree with the C loader when available and
build plain Python values ourselves.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from aiprinciples.inputs import read_input
from aiprinciples.problems import Problem
from aiprinciples.text_rules import char_name
from aiprinciples.yaml_mistakes import GENERAL_FIX, quote_mistake, syntax_mistake, wrapper_quotes

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Lines maps a path inside the document, e.g. ("entries", "win-1-1", "text"), to its line.
Lines = dict[tuple, int]


def load_yaml(path: Path, rel: str, base: Path | None = None) -> tuple[object, Lines, list[Problem]]:
    """Return (data, lines, problems); data is None when the file cannot be read.

    The file is checked (no link, a regular file, at most MAX_FILE_BYTES) before it is read,
    and its nesting is measured before the YAML library sees it: deep nesting crashes it.
    """
    raw, problems = read_input(path, rel, MAX_FILE_BYTES, base)
    if raw is None:
        return None, {}, problems or [Problem(rel, 0, "missing-file", "the file does not exist", "Create it, or restore it from the repository")]
    data, lines, more = load_yaml_bytes(raw, rel)
    return data, lines, problems + more


def load_yaml_bytes(raw: bytes, rel: str) -> tuple[object, Lines, list[Problem]]:
    """Parse the bytes of a file read by read_input(): UTF-8 without BOM, then load_yaml_text()."""
    problems = []
    if raw.startswith(codecs.BOM_UTF8):
        problems.append(Problem(rel, 1, "bom", "file starts with a byte-order mark (BOM)", "Save the file as UTF-8 without BOM"))
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, {}, problems + [Problem(rel, line, "not-utf8", f"byte 0x{raw[err.start]:02x} is not valid UTF-8", "Save the file with UTF-8 encoding")]
    data, lines, more = load_yaml_text(text, rel)
    return data, lines, problems + more


def load_yaml_text(text: str, rel: str, line_offset: int = 0) -> tuple[object, Lines, list[Problem]]:
    """Parse YAML text (a file, or front matter starting after `line_offset` lines) with the same rules."""
    data, lines, problems = _load_text(text, rel)
    if line_offset:
        lines = {path: line + line_offset for path, line in lines.items()}
        problems = [Problem(p.path, p.line + line_offset if p.line else 0, p.rule, p.message, p.fix) for p in problems]
    return data, lines, problems


def _load_text(text: str, rel: str) -> tuple[object, Lines, list[Problem]]:
    problems = _tab_problems(text, rel)
    too_deep = _indent_problem(text, rel)
    if too_deep:
        return None, {}, problems + [too_deep]
    try:
        # One pass of the scanner (iterative: no input can exhaust its stack) before the composer
        # (recursive): too deep a file is refused there, and anchors and aliases where they are written.
        problems += _token_problems(text, rel)
        if any(p.rule == "too-deep" for p in problems):
            return None, {}, problems
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        return None, {}, problems + _syntax_problems(text, err, rel, {p.line for p in problems})
    except yaml.reader.ReaderError as err:  # a character YAML refuses to read, such as a control character
        return None, {}, problems + [_reader_problem(text, err, rel)]
    except yaml.YAMLError as err:
        return None, {}, problems + [Problem(rel, 1, "yaml-syntax", f"YAML cannot read the file ({err})", GENERAL_FIX)]
    if node is None:
        return None, {}, problems + [Problem(rel, 1, "empty-file", "file is empty", "Add the file's content, or delete the file")]
    builder = _Builder(rel)
    data = builder.build(node, ())
    problems += builder.problems
    # A tab or a wrapped value changes what the text says: such a file is not used (and no
    # tool rewrites it) until it is corrected; nothing else is judged from it meanwhile.
    if any(p.rule in UNUSABLE for p in problems):
        return None, {}, problems
    return data, builder.lines, problems


def _token_problems(text: str, rel: str) -> list[Problem]:
    """Anchors and aliases, and nesting deeper than any corpus file needs, from the scanner's tokens.

    Each collection the composer would recurse into starts with a token (block or flow, sequence
    or mapping) and ends with one, so counting them is the composer's depth, whatever quotes,
    comments or scalars surround them: the scanner, not a guess, decides what is a bracket.
    Stops at the first too-deep collection: the composer is never reached.
    """
    problems, block, flow = [], 0, 0
    for token in yaml.scan(text, Loader=Loader):
        kind = type(token)
        if kind in BLOCK_STARTS:
            block += 1
            if block > MAX_BLOCK_DEPTH:
                return [*problems, Problem(rel, token.start_mark.line + 1, "too-deep", f"lists and mappings are nested more than {MAX_BLOCK_DEPTH} levels deep", "Indent by two spaces per level and write one `- ` per line; no corpus file nests deeper")]
        elif kind is yaml.BlockEndToken:
            block -= 1
        elif kind in FLOW_STARTS:
            flow += 1
            if flow > MAX_FLOW_DEPTH:
                return [*problems, Problem(rel, token.start_mark.line + 1, "too-deep", f"brackets are nested more than {MAX_FLOW_DEPTH} levels deep", "Write the value as plain text in double quotes; the corpus needs no nested [ ] or { }")]
        elif kind in FLOW_ENDS:
            flow -= 1
        elif kind in (yaml.AnchorToken, yaml.AliasToken):
            problems.append(Problem(rel, token.start_mark.line + 1, "yaml-alias", "YAML anchors and aliases (& and *) are not allowed", "Write the value out in full"))
    return problems


def _tab_problems(text: str, rel: str) -> list[Problem]:
    """One problem per line holding a tab, at its first tab."""
    problems = []
    for number, line_text in enumerate(text.split("\n"), 1):
        column = line_text.find("\t")
        if column >= 0:
            inside = bool(line_text[:column].strip())
            fix = "Replace it with an ordinary space" if inside else "YAML indents with spaces only: replace it with spaces, as many as the lines around it have"
            problems.append(Problem(rel, number, "tab", f"TAB character at column {column + 1}", fix))
    return problems


def _syntax_problems(text: str, err: yaml.MarkedYAMLError, rel: str, tab_lines: set[int]) -> list[Problem]:
    line, message, fix = syntax_mistake(text, err)
    marks = {m.line + 1 for m in (err.problem_mark, err.context_mark) if m is not None}
    quote = quote_mistake(text.split("\n")[line - 1], line)
    if line in tab_lines or (marks & tab_lines and not quote):  # PyYAML stumbled on a tab: its own message says it all
        return []
    return [Problem(rel, line, "yaml-syntax", message, fix)]


def _reader_problem(text: str, err: yaml.reader.ReaderError, rel: str) -> Problem:
    # The C reader's position is not a character index: find the character itself.
    char = chr(err.character) if isinstance(err.character, int) else ""
    at = text.find(char) if char else -1
    if at < 0:
        return Problem(rel, 1, "yaml-syntax", f"YAML cannot read the file ({err.reason})", GENERAL_FIX)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(rel, line, "yaml-syntax", f"the invisible character {char_name(char)} at column {column} cannot appear in a YAML file", "Delete it (retype the text around it if you cannot see it)")


def _indent_problem(text: str, rel: str) -> Problem | None:
    """A line whose content starts further right than any corpus file needs (a cheap first bound, before scanning).

    Every block collection starts to the right of its parent, whether by indentation or by a
    compact indicator on the same line (`- - - x`, `? `, `: `): the column bounds the block depth.
    """
    for number, line in enumerate(text.split("\n"), 1):
        if len(BLOCK_PREFIX.match(line).group()) > MAX_INDENT:
            return Problem(
                rel, number, "too-deep", f"the line is nested more than {MAX_INDENT} columns deep (indentation plus `- `, `? ` and `: ` indicators)",
                "Indent by two spaces per level and write one `- ` per line; no corpus file nests deeper",
            )
    return None


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording lines."""

    def __init__(self, rel: str):
        self.rel = rel
        self.lines: Lines = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, rule: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.rel, node.start_mark.line + 1, rule, message, fix))

    def build(self, node: yaml.Node, path: tuple) -> object:
        self.lines[path] = node.start_mark.line + 1
        # An alias hands us a node we have already built: refuse it before it can multiply.
        if id(node) in self.seen:
            return None
        self.seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            self.problem(node, "yaml-tag", f"YAML tag {node.tag!r} is not allowed", "Remove the tag (the part starting with !)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == TIMESTAMP:  # keep dates as written: the schema checks their form
            return node.value
        if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None, or "" from the C loader
            self.check_wrapper_quotes(node)
        return self.constructor.construct_object(node, deep=True)

    def check_wrapper_quotes(self, node: yaml.ScalarNode) -> None:
        """`text: “…”` keeps the curly quotes as part of the text: they were meant as YAML's own quotes."""
        quotes = wrapper_quotes(node.value)
        if quotes:
            self.problem(node, "wrapper-quotes", f"the value is wrapped in {quotes[0]} {quotes[1]}, which YAML keeps as part of the text", WRAPPER_FIX)

    def build_mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == MERGE:
                self.problem(key_node, "yaml-key", "a key must be plain text", "Write the key as a single word, e.g. text:")
                continue
            key = self.constructor.construct_object(key_node)
            if key is None:
                key = "null"
            key = str(key) if not isinstance(key, str) else key
            line = key_node.start_mark.line + 1
            if key in result:
                self.problem(key_node, "duplicate-key", f"key {key!r} appears twice (first on line {first_line[key]})", "Keep one of them: YAML would silently use only the last")
                continue
            first_line[key] = line
            result[key] = self.build(value_node, path + (key,))
            self.lines[path + (key,)] = line
        return result


# Constant data.
MAX_FILE_BYTES = 1_000_000
MAX_FLOW_DEPTH = 20  # the corpus uses at most 2 levels of [ ] / { }
MAX_BLOCK_DEPTH = 20  # the corpus nests at most 5 levels of block lists and mappings
BLOCK_STARTS = (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)
FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
MAX_INDENT = 40  # the corpus indents at most 8 spaces (block depth is at most half the content's column)
# Indentation and the block indicators that open a nested collection on the same line
# (with the anchors and tags that may stand between them).
BLOCK_PREFIX = re.compile(r"(?:[ ]|[-?:](?=[ ]|$)|[&!][^ ]*(?=[ ]|$))*")
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    TIMESTAMP,
    MERGE,
}
UNUSABLE = {"tab", "wrapper-quotes"}  # problems after which the file's values are not what its author meant
WRAPPER_FIX = (
    'Use straight double quotes "…" around the text instead; if the text itself starts and ends '
    'with quotation marks, keep them inside straight ones: "“…”"'
)
