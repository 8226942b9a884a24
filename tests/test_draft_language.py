"""A volunteer's partial language is green through the whole CI: the checker, the build and the suite itself.

CONTRIBUTING promises: "A pull request with part of a language is welcome and green." Here it is a
fact. In a copy of the project, a new language is scaffolded as a volunteer does it, two texts are
written by hand, and the checker and a production build run on it; then every test marked
`languages` (the tests that judge the corpus's languages and build nothing of their own) runs again
with that copy as the project under test (tests/corpus.py) and that build as the real site.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_VARIABLE, ROOT, SITE_VARIABLE
from tests.corpus import NEW_LANGUAGE, NEW_LANGUAGE_NAME
from tests.sitebuild import build
from tests.test_translator_path import run, set_text

pytestmark = pytest.mark.slow

TEXTS = {"win-title": "WIN-Grundsätze für generative KI", "win-1-1": "Entwurf: Die Nutzung von Musik unterliegt dem Urheberrecht."}


def test_a_draft_with_two_texts_passes_the_checker_the_build_and_the_suites_language_tests(project, tmp_path):
    draft = NEW_LANGUAGE
    scaffolded = run(project, "scaffold", draft, "--name", NEW_LANGUAGE_NAME, "--method", "human")
    assert scaffolded.returncode == 0, scaffolded.stderr
    for unit_id, text in TEXTS.items():
        set_text(project, draft, "win", unit_id, text)  # by hand, as in a browser: no tool writes the file
    checked = run(project, "check")
    assert (checked.returncode, checked.stdout) == (0, "corpus ok\n"), checked.stdout + checked.stderr

    site, url = tmp_path / "site", "http://127.0.0.1:9/"
    built = build(project, url, site)
    assert built.returncode == 0, built.stderr
    assert (site / "win" / "copyright" / "index.html").is_file() and not (site / draft).exists()  # drafts are previewed, never published

    env = {**os.environ, PROJECT_VARIABLE: str(project), SITE_VARIABLE: f"{site} {url}"}
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "languages and not browser", "-p", "no:cacheprovider", "-v", "--no-header", "-W", "error"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    summary = suite.stdout.strip().splitlines()[-1] if suite.stdout.strip() else suite.stderr
    assert suite.returncode == 0, "\n".join(line for line in suite.stdout.splitlines() if "FAILED" in line or line.startswith("E ")) or suite.stderr
    assert re.search(r"\d+ passed", summary) and "failed" not in summary and "error" not in summary, summary
    # The tests judged the copy with the draft, not the repository: the draft's own cases ran.
    assert f"[{draft}-win] PASSED" in suite.stdout and f"test_export_passes_msgfmt_check_with_no_warning[{draft}] PASSED" in suite.stdout, summary
