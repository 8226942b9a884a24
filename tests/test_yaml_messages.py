"""Messages a translator can act on: each YAML mistake at its own line, in plain words, once.

Each case breaks one line of a copy of the project the way a person editing by hand does,
and expects exactly one problem: the right file, line and rule, and the words of the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aiprinciples.checks import check
from aiprinciples.text_rules import char_name
from aiprinciples.translate import Refused, fmt
from aiprinciples.yaml_mistakes import wrapper_quotes
from tests.cli import run_cli
from tests.corpus import NEW_LANGUAGE, NEW_LANGUAGE_NAME, PROJECT

FR_WIN = "translations/fr/win.yaml"


def last_language_line() -> str:
    """The last line under `languages:` (a draft's, if the corpus has one): a line added below it ends the block."""
    lines = (PROJECT / "translations/languages.yaml").read_text(encoding="utf-8").split("\n")
    at = lines.index("languages:") + 1
    while at < len(lines) and lines[at].startswith("  "):
        at += 1
    return lines[at - 1]


LAST_LANGUAGE_LINE = last_language_line()


def edit_line(project: Path, rel: str, anchor: str, offset: int, change) -> int:
    """Replace the line `offset` lines below the line equal to `anchor` by change(line); its number."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(anchor) + offset
    lines[number] = change(lines[number])
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def problems_of(project: Path) -> list:
    return [p for p in check(project)]


# (name, file, anchor line, offset from it, change to that line, rule, words the message and fix must hold)
ONE_MISTAKE = [
    ("unclosed quote", FR_WIN, "  win-1-3:", 3, lambda s: s[:-1], "yaml-syntax",
     ['opened with " on line {line} is never closed', 'End it with " on the same line']),
    ("unclosed quote on the last line", FR_WIN, "  win-4-4:", 3, lambda s: s[:-1], "yaml-syntax",
     ['opened with " on line {line} is never closed']),
    ("quote inside a quoted text", FR_WIN, "  win-1-3:", 3, lambda s: s[:30] + '"' + s[30:], "yaml-syntax",
     ['a " inside the text ends it early', '\\" (backslash, quote)', "« » „ “ 「 」"]),
    ("entry id indented by 1", FR_WIN, "  win-1-3:", 0, lambda s: s[1:], "yaml-syntax",
     ["indented by 1 space", "exactly 2 spaces"]),
    ("entry id at column 0", FR_WIN, "  win-1-3:", 0, lambda s: s.strip(), "yaml-syntax",
     ["indented by 0 spaces", "exactly 2 spaces"]),
    ("field indented by 3", FR_WIN, "  win-1-3:", 3, lambda s: s[1:], "yaml-syntax",
     ["indented by 3 spaces", "exactly 4 spaces"]),
    ("field indented by 6", FR_WIN, "  win-1-3:", 3, lambda s: "  " + s, "yaml-syntax",
     ["indented by 6 spaces", "exactly 4 spaces"]),
    ("field indented like an entry", FR_WIN, "  win-1-3:", 4, lambda s: s[2:], "schema-type",
     ["`text_fingerprint` is indented like an entry id", "four spaces"]),
    ("field indented like an entry, fields below it", FR_WIN, "  win-1-3:", 3, lambda s: s[2:], "yaml-syntax",
     ["indented by 2 spaces", "exactly 4 spaces"]),
    ("tab as indentation", FR_WIN, "  win-1-3:", 3, lambda s: "\t" + s.lstrip(), "tab",
     ["TAB character at column 1", "replace it with spaces"]),
    ("tab inside a text", FR_WIN, "  win-1-3:", 3, lambda s: s.replace("Toute ", "Toute\t", 1), "tab",
     ["TAB character at column", "ordinary space"]),
    ("colon in unquoted text", FR_WIN, "  win-1-3:", 3, lambda _s: "    text: Note: ceci", "yaml-syntax",
     ["“: ” but is not inside double quotes", 'text: "…"']),
    ("missing colon", FR_WIN, "  win-1-3:", 3, lambda s: s.replace("text:", "text", 1), "yaml-syntax",
     ["'text' has no colon", "text: …"]),
    ("missing space after colon", FR_WIN, "  win-1-3:", 3, lambda s: s.replace("text: ", "text:", 1), "yaml-syntax",
     ["no space after it", "text: …"]),
    ("curly quotes around a text", FR_WIN, "  win-1-3:", 3, lambda _s: "    text: “Toute utilisation”", "wrapper-quotes",
     ["wrapped in “ ”", 'straight double quotes "…"']),
    ("closing curly quotes around a text", FR_WIN, "  win-1-3:", 3, lambda _s: "    text: ”Toute utilisation”", "wrapper-quotes",
     ["wrapped in ” ”"]),
    ("angle quotes around a note", "translations/es/aie.yaml", "  aie-1-1:", 4, lambda _s: "    note: «Una nota»", "wrapper-quotes",
     ["wrapped in « »"]),
    ("single quotes around a text", FR_WIN, "  win-1-3:", 3, lambda _s: "    text: ‘Toute utilisation’", "wrapper-quotes",
     ["wrapped in ‘ ’"]),
    ("curly quotes in an English point", "principles/win.yaml", "      - id: win-1-3", 1, lambda s: s.replace('text: "', "text: “")[:-1] + "”", "wrapper-quotes",
     ["wrapped in “ ”"]),
    ("missing fingerprint", FR_WIN, "  win-1-3:", 2, lambda _s: "    note: \"x\"", "schema-required",
     ["lacks the field 'fingerprint'", "`aiprinciples refresh fr win-1-3 --force`", "translates the current English"]),
    ("missing en", FR_WIN, "  win-1-3:", 1, lambda _s: "    note: \"x\"", "schema-required",
     ["lacks the field 'en'", "`aiprinciples refresh fr win-1-3 --force`"]),
    ("misspelt field", FR_WIN, "  win-1-3:", 3, lambda s: s.replace("text:", "txt:", 1), "schema-additionalProperties",
     ["unknown field 'txt'", "did you mean `text`", "allowed here: en, fingerprint"]),
    ("language not indented", "translations/languages.yaml", LAST_LANGUAGE_LINE, 0, lambda s: s + f"\n{NEW_LANGUAGE}: {NEW_LANGUAGE_NAME}", "schema-additionalProperties",
     [f"'{NEW_LANGUAGE}'", "Indent it by two spaces under `languages:`"]),
    ("control character", FR_WIN, "  win-1-3:", 3, lambda s: s[:20] + "\x07" + s[20:], "yaml-syntax",
     ["U+0007 BELL at column 21"]),
]


LANGUAGE_CASES = ("language not indented",)  # depend on the corpus's languages: run again with a draft (tests/test_draft_language.py)


@pytest.mark.parametrize(("rel", "anchor", "offset", "change", "rule", "words"), [
    pytest.param(*case[1:], id=case[0], marks=[pytest.mark.languages] if case[0] in LANGUAGE_CASES else []) for case in ONE_MISTAKE
])
def test_one_mistake_gives_one_problem_at_its_line(project, rel, anchor, offset, change, rule, words):
    line = edit_line(project, rel, anchor, offset, change)
    if rule == "schema-required":  # the entry lacks the field: the entry's own line
        line = edit_line(project, rel, anchor, 0, lambda s: s)
    if "\n" in change(""):  # the new line was added below the anchor's line
        line += 1
    problems = problems_of(project)
    assert [(p.path, p.line, p.rule) for p in problems] == [(rel, line, rule)], "\n".join(map(str, problems))
    for word in words:
        assert word.format(line=line) in str(problems[0])


def test_the_offending_line_is_quoted_terminal_safe(project):
    edit_line(project, FR_WIN, "  win-1-3:", 3, lambda s: s.replace("Toute", "\u202eToute", 1)[:-1])
    (problem,) = problems_of(project)
    assert '(text: "\\u202eToute' in problem.message and "\u202e" not in problem.message


def test_two_independent_mistakes_give_two_problems(project):
    first = edit_line(project, FR_WIN, "  win-1-3:", 3, lambda s: s[:-1])
    second = edit_line(project, FR_WIN, "  win-1-4:", 3, lambda s: "\t" + s.lstrip())
    assert [(p.line, p.rule) for p in problems_of(project)] == [(first, "yaml-syntax"), (second, "tab")]


def test_a_broken_document_gives_one_problem(project):
    line = edit_line(project, "principles/win.yaml", "      - id: win-1-3", 1, lambda s: s[:-1])
    assert [(p.path, p.line, p.rule) for p in problems_of(project)] == [("principles/win.yaml", line, "yaml-syntax")]


def test_a_format_problem_points_at_the_first_line_that_differs(project):
    line = edit_line(project, FR_WIN, "  win-1-3:", 3, lambda s: s.replace("text: ", "text:  ", 1))
    (problem,) = problems_of(project)
    assert (problem.path, problem.line, problem.rule) == (FR_WIN, line, "format")
    assert 'it should read: text: "Toute' in problem.message and "indented by 4 spaces" in problem.message


@pytest.mark.parametrize(("raw", "rule"), [
    (b"\xef\xbb\xbf", "bom"),  # prepended: fmt cannot help, so it is not advised
    (None, "duplicate-key"),
])
def test_no_fmt_advice_where_fmt_cannot_help(project, raw, rule):
    path = project / FR_WIN
    if raw:
        path.write_bytes(raw + path.read_bytes())
    else:
        edit_line(project, FR_WIN, "  win-1-3:", 3, lambda s: s + "\n" + s)
    problems = problems_of(project)
    assert [p.rule for p in problems] == [rule]
    assert "fmt" not in str(problems[0])


@pytest.mark.parametrize(("char", "name"), [
    ("\t", "U+0009 CHARACTER TABULATION (TAB)"),
    ("\n", "U+000A LINE FEED (LF)"),
    ("\r", "U+000D CARRIAGE RETURN (CR)"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\x85", "U+0085 NEXT LINE (NEL)"),
    ("\x7f", "U+007F DELETE"),
    ("\ue000", "U+E000 (a private-use character, with no standard meaning)"),
])
def test_every_character_has_a_name(char, name):
    assert char_name(char) == name


def test_no_character_is_unnamed():
    for code in [*range(0x00, 0xA0), 0xAD, 0x2028, 0x2029, 0xFEFF, 0xD800, 0x0378, 0xF0000]:
        assert "unnamed" not in char_name(chr(code)) and len(char_name(chr(code))) > len("U+0000 ")


def test_a_line_break_in_a_text_says_what_to_do(project):
    line = edit_line(project, FR_WIN, "  win-1-3:", 3, lambda s: s.replace("Toute ", "Toute\\n", 1))
    (problem,) = [p for p in problems_of(project) if p.rule == "invisible-char"]
    assert problem.line == line and "line break" in problem.message and "Join the lines" in problem.fix


@pytest.mark.parametrize(("value", "wrapped"), [
    ("“texte”", ("“", "”")), ("”texte”", ("”", "”")), ("«texte»", ("«", "»")), ("„Text“", ("„", "“")),
    ("「テキスト」", ("「", "」")), ("“a “b” c”", ("“", "”")),
    ("«a» et «b»", None), ("“a” and “b”", None), ("texte", None), ("“", None),
])
def test_wrapper_quotes(value, wrapped):
    assert wrapper_quotes(value) == wrapped


def test_quotes_inside_a_double_quoted_text_are_text(project):
    edit_line(project, FR_WIN, "  win-1-3:", 3, lambda _s: '    text: "« Toute utilisation »"')
    assert "wrapper-quotes" not in {p.rule for p in problems_of(project)}


@pytest.mark.languages
def test_no_plain_value_of_the_corpus_is_wrapped_in_quotes():
    """The real corpus: every plain scalar of every YAML file (so the rule has no false positive)."""
    files = sorted((PROJECT / "principles").glob("*.yaml")) + sorted((PROJECT / "translations").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        for token in yaml.scan(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.plain:
                assert wrapper_quotes(token.value) is None, f"{path}:{token.start_mark.line + 1}"


@pytest.mark.languages
def test_check_passes_on_the_real_corpus():
    assert [p for p in check(PROJECT) if p.severity != "warning" or p.rule not in ("outdated", "awaiting-issuer")] == []


# ---- fmt: it lays out files that load, and never bakes a mistake into a text ----

def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "translations").rglob("*.yaml"))}


@pytest.mark.parametrize("change", [
    lambda _s: "    text: “Toute utilisation”",  # wrapped in curly quotes: fmt would make them text
    lambda s: s[:-1],  # unclosed quote: the file does not load
    lambda s: "\t" + s.lstrip(),  # a tab
    lambda s: s + "\n" + s,  # a duplicate key
], ids=["curly quotes", "syntax error", "tab", "duplicate key"])
def test_fmt_refuses_a_file_it_cannot_read_and_changes_no_byte(project, change):
    fmt(project)  # a text edited by hand gets its tool-written fields from the first tool that writes the file
    line = edit_line(project, FR_WIN, "  win-1-3:", 3, change)
    before = snapshot(project)
    with pytest.raises(Refused) as refused:
        fmt(project)
    assert snapshot(project) == before
    report = str(refused.value)
    where = line + 1 if "\n" in change("") else line  # the duplicate is the line below
    assert f"skipped {FR_WIN}" in report and f"{FR_WIN}:{where}: " in report


def test_fmt_formats_the_other_files_and_names_the_skipped_one(project):
    edit_line(project, FR_WIN, "  win-1-3:", 3, lambda _s: "    text: “Toute utilisation”")
    edit_line(project, "translations/es/win.yaml", "  win-1-3:", 3, lambda s: s.replace("text: ", "text:  ", 1))
    with pytest.raises(Refused) as refused:
        fmt(project)
    report = str(refused.value)
    assert "reformatted" in report and "translations/es/win.yaml" in report
    assert f"skipped {FR_WIN}" in report and "wrapper-quotes" in report
    assert [p.path for p in check(project)] == [FR_WIN]


def test_fmt_command_exits_1_and_says_why(project):
    edit_line(project, FR_WIN, "  win-1-3:", 3, lambda _s: "    text: “Toute utilisation”")
    run = run_cli("--root", str(project), "fmt")
    assert run.returncode == 1
    assert f"skipped {FR_WIN}" in run.stderr and "wrapped in “ ”" in run.stderr


def test_the_advice_for_a_missing_fingerprint_restores_it(project):
    from aiprinciples.cli import main

    original = (project / FR_WIN).read_bytes()
    lines = original.decode("utf-8").split("\n")
    del lines[lines.index("  win-1-3:") + 2]  # the fingerprint line
    (project / FR_WIN).write_text("\n".join(lines), encoding="utf-8")
    (problem,) = check(project)
    command = problem.fix.split("`")[3].split()[1:]  # aiprinciples refresh fr win-1-3 --force
    assert main(["--root", str(project), *command]) == 0
    assert check(project) == [] and (project / FR_WIN).read_bytes() == original
