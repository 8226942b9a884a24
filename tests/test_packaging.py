"""The project installs like a Python tool, its pins agree, its annotations are GitHub's, and its docs name real commands."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from aiprinciples import cli
from aiprinciples.problems import Problem, workflow_command
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

# Constant data (up here: the parametrisation below reads DOCS when the module is collected).
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "aiprinciples", "schemas")  # what pip install . needs
DOCS = ("README.md", "CONTRIBUTING.md", ".github/pull_request_template.md")

# --- pip install . into a fresh virtual environment


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the project installed from a copy of its package sources (not editable)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for part in PACKAGE_SOURCES:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / part, source / part)
    venv = work / "venv"
    # This test run's pip installs into the new environment (pip --python): the same install, without
    # bootstrapping a pip of its own or compiling every dependency's bytecode (a third of the time).
    subprocess.run(["python3", "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--disable-pip-version-check",
                          "--no-compile", str(source)], capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr
    return venv


def corpus_without_schemas(target: Path) -> Path:
    """What a check reads, and no schemas/ folder: the installed tool must carry its own."""
    for part in ("principles", "translations", "docs"):
        shutil.copytree(ROOT / part, target / part)
    return target


def test_installed_command_checks_the_corpus(installed, tmp_path):
    corpus = corpus_without_schemas(tmp_path / "corpus")
    run = subprocess.run([str(installed / "bin" / "aiprinciples"), "check"], cwd=corpus, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1].startswith("corpus ok"), run.stdout


def test_installed_tool_reads_its_own_schemas(installed, tmp_path):
    code = "from aiprinciples.schema import schema_dir; print(schema_dir().joinpath('translation.schema.json'))"
    run = subprocess.run([str(installed / "bin" / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True)
    schema = Path(run.stdout.strip())
    assert schema.is_file() and installed in schema.parents, schema
    assert schema.read_bytes() == (ROOT / "schemas" / "translation.schema.json").read_bytes()


def test_installed_command_help(installed, tmp_path):
    run = subprocess.run([str(installed / "bin" / "aiprinciples"), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage: aiprinciples")
    assert "check" in run.stdout and "scaffold" in run.stdout


# --- pyproject.toml and requirements.txt


def pins(lines: list[str]) -> dict[str, str]:
    """Requirement lines as {canonical name: specifier}."""
    found = {}
    for line in lines:
        requirement = Requirement(line)
        assert requirement.name and len(requirement.specifier) == 1 and next(iter(requirement.specifier)).operator == "==", f"not pinned exactly: {line}"
        found[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return found


def requirement_lines(path: Path) -> list[str]:
    return [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.split("#")[0].strip()]


def test_pyproject_pins_are_requirements_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, test = pins(project["dependencies"]), pins(project["optional-dependencies"]["test"])
    assert not runtime.keys() & test.keys(), "a package is both a runtime and a test dependency"
    assert {**runtime, **test} == pins(requirement_lines(ROOT / "requirements.txt"))


def test_requirements_pins_agree_with_the_lock():
    locked = pins(requirement_lines(ROOT / "requirements.lock"))
    for name, version in pins(requirement_lines(ROOT / "requirements.txt")).items():
        assert locked.get(name) == version, f"{name}: requirements.txt {version}, requirements.lock {locked.get(name)}"


def test_console_script_and_packages():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {"aiprinciples": "aiprinciples.cli:main"}
    assert pyproject["build-system"]["build-backend"] == "setuptools.build_meta"
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "aiprinciples").rglob("__init__.py")}
    assert on_disk <= listed, f"packages missing from pyproject.toml: {sorted(on_disk - listed)}"


# --- GitHub annotations


@pytest.mark.parametrize(("problem", "expected"), [
    (Problem("translations/fr/win.yaml", 57, "html", "win-1-3: text contains HTML markup", "Write plain text"),
     "::error file=translations/fr/win.yaml,line=57,title=html::win-1-3: text contains HTML markup. Write plain text"),
    (Problem("translations/fr/win.yaml", 0, "missing-file", "fr has no translation of 'win'", "Run it"),
     "::error file=translations/fr/win.yaml,title=missing-file::fr has no translation of 'win'. Run it"),
    (Problem("translations/de/win.yaml", 3, "outdated", "win-1-1: the English changed", "Update it", "warning"),
     "::warning file=translations/de/win.yaml,line=3,title=outdated::win-1-1: the English changed. Update it"),
    (Problem("a,b:c%d.yaml", 2, "r:u,le", "100% sure\nsecond line\r", "Fix: this, now"),
     "::error file=a%2Cb%3Ac%25d.yaml,line=2,title=r%3Au%2Cle::100%25 sure%0Asecond line%0D. Fix: this, now"),
    (Problem("x.yaml", 1, "html", "text ::error file=y::injected", "Remove %0A"),
     "::error file=x.yaml,line=1,title=html::text ::error file=y::injected. Remove %250A"),
], ids=["error", "whole-file", "warning", "escapes", "no-injection"])
def test_workflow_command(problem, expected):
    assert workflow_command(problem) == expected


def checked(monkeypatch, capsys, problems: list[Problem], *options: str) -> tuple[int, list[str], str]:
    """Run `aiprinciples check` on a corpus whose check finds exactly these problems."""
    monkeypatch.setattr(cli, "check", lambda root: sorted(problems))
    status = cli.main(["check", *options])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


ERROR = Problem("translations/fr/win.yaml", 5, "html", "win-1-1: markup", "Write plain text")
WARNING = Problem("translations/de/win.yaml", 3, "outdated", "win-1-1: the English changed", "Update it", "warning")
OTHER_WARNING = Problem("translations/de/win.yaml", 9, "outdated", "win-1-2: the English changed", "Update it", "warning")


def test_github_actions_environment_prints_annotations(monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, out, err = checked(monkeypatch, capsys, [ERROR, WARNING])
    assert status == 1
    assert out == [workflow_command(WARNING), workflow_command(ERROR)]
    assert err.startswith("1 error and 1 warning.")


def test_format_option_wins_over_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert checked(monkeypatch, capsys, [ERROR], "--format", "plain")[1] == [str(ERROR)]
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert checked(monkeypatch, capsys, [ERROR], "--format", "github")[1] == [workflow_command(ERROR)]
    assert checked(monkeypatch, capsys, [ERROR])[1] == [str(ERROR)]


@pytest.mark.parametrize(("problems", "status", "closing"), [
    ([], 0, "corpus ok"),
    ([WARNING], 0, "corpus ok (1 warning)"),
    ([WARNING, OTHER_WARNING], 0, "corpus ok (2 warnings)"),
    ([ERROR], 1, "1 error. Fix the errors"),
    ([ERROR, Problem("principles/win.yaml", 1, "tab", "a tab", "Use spaces")], 1, "2 errors. Fix the errors"),
    ([ERROR, WARNING, OTHER_WARNING], 1, "1 error and 2 warnings. Fix the errors"),
], ids=["clean", "one-warning", "two-warnings", "one-error", "two-errors", "mixed"])
def test_exit_status_and_closing_line(monkeypatch, capsys, problems, status, closing):
    result, out, err = checked(monkeypatch, capsys, problems, "--format", "github")
    assert result == status
    assert (out[-1] if status == 0 else err).startswith(closing), (out, err)
    if status == 1:
        assert out[-1].startswith("::")


# --- every aiprinciples command line of the docs parses with the real command line


def documented_commands() -> list[tuple[str, str]]:
    """(file, command line) for each `aiprinciples …` in a code block or an inline code span."""
    found = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        blocks = re.findall(r"^\s*```[a-z]*\n(.*?)^\s*```", text, flags=re.S | re.M)
        lines = [line.strip() for block in blocks for line in block.splitlines()]
        prose = re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.S | re.M)
        spans = [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]  # a span may wrap onto the next line
        for candidate in [*lines, *spans]:
            command = candidate.removeprefix(".venv/bin/")
            if command.startswith("aiprinciples "):
                found.append((name, command.split("  #")[0].strip()))
    return list(dict.fromkeys(found))


def test_docs_name_commands():
    named = {name for name, _ in documented_commands()}
    assert named == set(DOCS), f"no `aiprinciples …` command found in {set(DOCS) - named}"


@pytest.mark.parametrize(("doc", "command"), documented_commands(), ids=lambda value: value)
def test_documented_command_parses(doc, command):
    argv = shlex.split(command)[1:]
    try:
        args = cli.build_parser().parse_args(argv)
    except SystemExit as stop:  # argparse: an unknown command or option, a missing argument; 0 after --help
        assert stop.code == 0 and {"-h", "--help"} & set(argv), f"{doc}: `{command}` is not a valid command line"
        return
    assert args.command in cli.COMMANDS
