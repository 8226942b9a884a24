"""The newcomer's contract: two commands in the README, the same test command in CI, a Makefile that explains itself."""

import re
import subprocess

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#")[0].strip() for line in section.strip().splitlines()]


def test_readme_gives_exactly_two_commands():
    assert readme_commands() == ["make serve", "make test"]


def test_ci_runs_the_readmes_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", script, re.MULTILINE)
    assert re.search(r"^bash \.ci/install$", script, re.MULTILINE) and "export CI=true" in script
    install = (ROOT / ".ci" / "install").read_text(encoding="utf-8")  # shared with the deploy (tests/test_deploy.py)
    assert "apt-get install" in install and "chromium" in install


def test_make_help_lists_the_targets():
    output = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in ("serve", "test", "check", "status", "build", "fmt", "bench"):
        assert f"make {target}" in output


def serve_command(*variables: str) -> str:
    """What `make serve` would run (make -n prints it without running it)."""
    output = subprocess.run(["make", "--no-print-directory", "-n", "serve", "-o", "setup", "-o", ".venv/.installed", *variables], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return next(line for line in output.splitlines() if "mkdocs serve" in line)


def test_make_serve_binds_loopback_on_8000_or_the_port_given():
    assert "--dev-addr 127.0.0.1:8000" in serve_command()
    command = serve_command("PORT=8123", "ONLY=fr")
    assert command.endswith("--dev-addr 127.0.0.1:8123") and 'AIPRINCIPLES_ONLY="fr"' in command and "AIPRINCIPLES_PREVIEW=drafts" in command
