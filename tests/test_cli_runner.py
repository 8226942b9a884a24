"""tests/cli.py runs the command as `python -m aiprinciples` would: same exit code, same output, its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import run_cli
from tests.conftest import ROOT
from tests.corpus import TRANSLATED

BROKEN = ROOT / "tests" / "fixtures" / "broken"

COMMANDS = [
    ("check",),
    ("--root", str(BROKEN), "check"),  # exit 1, a page of problems
    ("--root", "/nonexistent", "check"),
    ("status",),
    ("export-po", TRANSLATED[0]),  # a whole file on standard output
    ("no-such-command",),  # argparse's exit 2, on standard error
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_warm_run_is_what_a_cold_one_is(args):
    cold = subprocess.run([sys.executable, "-m", "aiprinciples", *args], capture_output=True, text=True, cwd=ROOT)
    warm = run_cli(*args)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)


def test_each_run_has_the_folder_and_environment_it_is_given(tmp_path):
    # Relative paths resolve in cwd; GITHUB_ACTIONS makes the checker print workflow commands.
    link = tmp_path / "broken"
    link.symlink_to(BROKEN)
    plain = run_cli("--root", "broken", "check", cwd=tmp_path, env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
    github = run_cli("--root", "broken", "check", cwd=tmp_path, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert plain.returncode == github.returncode == 1
    assert plain.stdout.startswith("principles/themes.yaml:10: "), plain.stdout  # the fixture's first problem: "broken" was found from cwd
    assert "::error " not in plain.stdout and "::error " in github.stdout + github.stderr
    assert run_cli("check").returncode == 0  # and nothing of those runs stays behind in the next


def test_a_run_past_its_timeout_is_killed_and_reported(tmp_path: Path):
    with pytest.raises(subprocess.TimeoutExpired):
        run_cli("check", timeout=0.001)
    assert run_cli("check").stdout == "corpus ok\n"  # the server goes on
