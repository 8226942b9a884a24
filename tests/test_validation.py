"""The checker: one golden broken fixture, and each kind of bad input on a copy of the real corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aiprinciples.checks import check
from tests.cli import run_cli
from tests.conftest import ROOT, replace
from tests.corpus import NEW_LANGUAGE, PROJECT

BROKEN = ROOT / "tests" / "fixtures" / "broken"

GOLDEN = [
    ("principles/themes.yaml", 10, "unused-theme"),
    ("principles/zz.yaml", 11, "duplicate-key"),
    ("principles/zz.yaml", 29, "duplicate-id"),
    ("principles/zz.yaml", 31, "unknown-theme"),
    ("translations/es/glossary.yaml", 0, "glossary"),  # es is published without a glossary
    ("translations/es/themes.yaml", 9, "schema-type"),
    ("translations/es/ui.yaml", 19, "message-variables"),
    ("translations/es/ui.yaml", 19, "message-variables"),
    ("translations/es/zz.yaml", 11, "missing-id"),
    ("translations/es/zz.yaml", 24, "outdated"),
    ("translations/es/zz.yaml", 31, "html"),
    ("translations/es/zz.yaml", 33, "fingerprint-mismatch"),  # at `en`, the line to restore
    ("translations/es/zz.yaml", 36, "extra-id"),
    ("translations/qq", 0, "unknown-language"),
]


def test_golden_broken_fixture_reports_exactly_its_problems():
    assert [(p.path, p.line, p.rule) for p in check(BROKEN)] == GOLDEN


def test_golden_messages_name_what_and_how():
    by_rule = {p.rule: str(p) for p in check(BROKEN)}
    assert by_rule["duplicate-key"] == "principles/zz.yaml:11: key 'place' appears twice (first on line 10). Keep one of them: YAML would silently use only the last [duplicate-key]"
    assert by_rule["missing-id"].startswith("translations/es/zz.yaml:11: 1 id not in the file: zz-closing-1. Run `aiprinciples scaffold es --method machine-assisted`")
    assert by_rule["outdated"].startswith("translations/es/zz.yaml:24: warning: ")
    assert "zz-9-9" in by_rule["extra-id"]


def test_checker_command_prints_all_problems_and_exits_1():
    run = subprocess.run([sys.executable, "-m", "aiprinciples", "--root", str(BROKEN), "check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == "principles/themes.yaml:10: no point is tagged with theme 'delta'. Tag the points it concerns, or remove the theme [unused-theme]"
    assert len(run.stdout.splitlines()) == len(GOLDEN)


@pytest.mark.languages
def test_checker_passes_on_the_real_corpus():
    run = subprocess.run([sys.executable, "-m", "aiprinciples", "check"], capture_output=True, text=True, cwd=PROJECT)
    # Warnings (an English correction's outdated entries) are printed above the verdict and never fail it.
    assert run.returncode == 0 and run.stdout.splitlines()[-1].startswith("corpus ok"), run.stdout


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


# Each case breaks one thing in a copy of the project: (name, mutate(project) -> expected (path, line, rule)).
def malformed_yaml(p):
    f = p / "translations/fr/win.yaml"
    replace(f, '  win-1-1:\n    en:', '  win-1-1:\n   en: [unclosed\n    en:')
    return "translations/fr/win.yaml", line_of(f, "en: [unclosed") + 1, "yaml-syntax"


def duplicate_key(p):
    f = p / "translations/pt/aie.yaml"
    replace(f, "  aie-2-1:\n", "  aie-2-1:\n    text: \"dup\"\n")
    # The second `text:` of the entry (after en and fingerprint) is the duplicate.
    return "translations/pt/aie.yaml", line_of(f, "  aie-2-1:") + 4, "duplicate-key"


def duplicate_id(p):
    f = p / "principles/aie.yaml"
    replace(f, "      - id: aie-4-2\n", "      - id: aie-4-1\n")
    return "principles/aie.yaml", line_of(f, "- id: aie-4-1", 2), "duplicate-id"


def missing_id(p):
    f = p / "translations/es/themes.yaml"
    text = f.read_text(encoding="utf-8").split("\n")
    start = text.index("  privacy.name:")
    del text[start:start + 4]
    f.write_text("\n".join(text), encoding="utf-8")
    return "translations/es/themes.yaml", line_of(f, "entries:"), "missing-id"


def extra_id(p):
    f = p / "translations/ko/ui.yaml"
    with f.open("a", encoding="utf-8") as out:
        out.write('  no_such_key:\n    en: "x"\n    fingerprint: "2d711642b726"\n    text: "엑스"\n')
    return "translations/ko/ui.yaml", line_of(f, "no_such_key:"), "extra-id"


def unknown_language(p):
    (p / "translations" / NEW_LANGUAGE).mkdir()
    (p / "translations" / NEW_LANGUAGE / "win.yaml").write_text("source: win\n", encoding="utf-8")
    return f"translations/{NEW_LANGUAGE}", 0, "unknown-language"


def unknown_theme(p):
    f = p / "principles/win.yaml"
    replace(f, "themes: [privacy]", "themes: [privacy, secrecy]")
    return "principles/win.yaml", line_of(f, "themes: [privacy, secrecy]"), "unknown-theme"


def wrong_type(p):
    f = p / "translations/fr/aie.yaml"
    line = line_of(f, "  aie-6-1:") + 3
    lines = f.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = "    text: [\"a\", \"list\"]"
    f.write_text("\n".join(lines), encoding="utf-8")
    return "translations/fr/aie.yaml", line, "schema-type"


def outdated_fingerprint(p):
    f = p / "principles/win.yaml"
    replace(f, "Creativity is inherently human", "Creativity is inherently and forever human")
    return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", "  win-2-1:"), "outdated"


CASES = [malformed_yaml, duplicate_key, duplicate_id, missing_id, extra_id, unknown_language, unknown_theme, wrong_type, outdated_fingerprint]


@pytest.mark.parametrize("mutate", CASES, ids=lambda f: f.__name__)
def test_bad_input_is_reported_at_its_line(project, mutate):
    expected = mutate(project)
    found = [(p.path, p.line, p.rule) for p in check(project)]
    assert expected in found, f"expected {expected}, got {found}"


@pytest.mark.parametrize("mutate", CASES, ids=lambda f: f.__name__)
def test_bad_input_gives_exit_1_with_fix(project, mutate):
    path, line, rule = mutate(project)
    run = run_cli("--root", str(project), "check")
    assert run.returncode == 1
    where = f"{path}:{line}: " if line else f"{path}: "  # a whole-file problem names no line
    printed = [out for out in run.stdout.splitlines() if out.startswith(where) and out.endswith(f"[{rule}]")]
    assert printed, run.stdout
    # path:line: what is wrong. How to fix it. [rule]
    assert ". " in printed[0].split(": ", 1)[1]


def test_an_unchanged_file_is_parsed_once_and_every_load_gets_its_own_copy(project, monkeypatch):
    """`mkdocs serve` loads the corpus at every save; only the saved file is parsed again."""
    from aiprinciples import loader

    parsed = []
    parse = loader.load_yaml_bytes
    monkeypatch.setattr(loader, "load_yaml_bytes", lambda raw, rel: parsed.append(rel) or parse(raw, rel))
    first = loader.load_corpus(project)
    files = len(parsed)
    saved = project / "translations" / "fr" / "win.yaml"
    saved.write_text(saved.read_text(encoding="utf-8").replace('language: "fr"', 'language: "xx"'), encoding="utf-8")
    second = loader.load_corpus(project)
    assert parsed[files:] == ["translations/fr/win.yaml"]
    assert second.data["translations/fr/win.yaml"]["language"] == "xx" != first.data["translations/fr/win.yaml"]["language"]
    assert any(p.path == "translations/fr/win.yaml" for p in check(project))  # the change is judged, not the old parse
    second.data["translations/es/win.yaml"]["entries"].clear()  # a tool changing what it was given
    assert loader.load_corpus(project).data["translations/es/win.yaml"]["entries"]


def test_a_one_off_load_keeps_no_parsed_copy(project):
    """`mkdocs build` loads the corpus once (hooks/corpus_docs.py turns the memo off): nothing is kept, the load is the same."""
    from aiprinciples import loader, memo

    kept = loader.load_corpus(project)
    assert loader._parsed
    try:
        memo.expect_rebuilds(False)
        once = loader.load_corpus(project)
        assert not loader._parsed and loader._parsed.size == 0
    finally:
        memo.expect_rebuilds(True)
    assert once.data == kept.data and once.lines == kept.lines and once.problems == kept.problems


def test_the_layout_memo_keeps_digests_not_the_files():
    """`mkdocs serve` checks every file at each save: the memo of layout answers is keyed by a digest of each file."""
    from aiprinciples import checks

    check(ROOT)
    assert checks._layouts and all(isinstance(key, bytes) and len(key) == 32 for key in checks._layouts)
