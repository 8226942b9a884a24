"""ruff over the project's Python: part of every test run."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_is_clean():
    paths = [p for p in ("aiprinciples", "hooks", "tests", "benchmarks") if (ROOT / p).exists()]
    run = subprocess.run([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
