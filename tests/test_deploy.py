"""Publishing: the deploy builds where the tests ran and only after they passed; no build ships a wrong address unawares."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

from aiprinciples.site.build import DEFAULT_SITE_URL, site_url_warning
from tests.conftest import ROOT
from tests.sitebuild import PREVIEW_CACHE

WORKFLOWS = ROOT / ".github" / "workflows"
INSTALL = "bash .ci/install"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def test_deploy_and_ci_share_their_install_step():
    ci, pages = workflow("ci.yml"), workflow("pages.yml")
    test = ci["jobs"]["test"]
    build = pages["jobs"]["build"]
    # One script installs everything, wherever the project is built or tested.
    assert INSTALL in runs(test) and INSTALL in runs(build)
    assert re.search(r"^bash \.ci/install$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.M)
    assert "bash .ci/run" in runs(test)
    # In the same container.
    assert build["container"] == test["container"]
    # The deploy runs CI's job first and publishes only what a job that needed it built.
    assert "workflow_call" in ci["on"]
    assert pages["jobs"]["test"]["uses"] == "./.github/workflows/ci.yml"
    assert build["needs"] == "test"
    assert pages["jobs"]["deploy"]["needs"] == "build"
    deploy_steps = [step.get("uses", "") for step in pages["jobs"]["deploy"]["steps"]]
    assert any(uses.startswith("actions/deploy-pages@") for uses in deploy_steps)
    upload = [step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site"


def test_the_deploy_builds_strict_for_the_published_address():
    build = workflow("pages.yml")["jobs"]["build"]
    step = next(step for step in build["steps"] if step.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in step["env"]["SITE_URL"] and "vars.SITE_URL" in step["env"]["SITE_URL"]
    assert re.search(r"^build:.*\n\t\$\(VENV\)/bin/mkdocs build --strict$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert any("aiprinciples.site.scan site/" in run for run in runs(build))


def test_install_script_installs_what_the_build_and_tests_use():
    script = (ROOT / ".ci" / "install").read_text(encoding="utf-8")
    for package in ("chromium", "fonts-dejavu-core", "fonts-nanum", "gettext", "biber", "default-jre-headless", "python3-venv", "nodejs"):
        assert re.search(rf"\b{re.escape(package)}\b", script), package
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "install")]).returncode == 0


def test_only_a_placeholder_address_warns():
    warning = site_url_warning(DEFAULT_SITE_URL, {}, "build")
    assert warning and warning.startswith("SITE_URL is not set")
    for affected in ("canonical", "share previews", "sitemaps", "robots.txt", "citations", "open data", "make serve"):
        assert affected in warning, affected
    assert site_url_warning(DEFAULT_SITE_URL, {}, "serve") is None
    assert site_url_warning(DEFAULT_SITE_URL, {"SITE_URL": DEFAULT_SITE_URL}, "build") is None  # chosen on purpose
    assert site_url_warning("https://example.org/principles/", {}, "build") is None  # set in mkdocs.yml
    assert site_url_warning(DEFAULT_SITE_URL, {"SITE_URL": "  "}, None) is not None


def test_a_build_without_site_url_says_so_and_publishes_nothing(project, tmp_path):
    site = tmp_path / "site"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "AIPRINCIPLES_PREVIEW")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), AIPRINCIPLES_PREVIEW_CACHE=str(PREVIEW_CACHE), AIPRINCIPLES_ONLY="ko")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0  # mkdocs.yml is strict: the warning fails the build
    assert re.search(r"WARNING .*SITE_URL is not set, so this build writes http://127\.0\.0\.1:8000/", result.stderr), result.stderr[-2000:]
    assert not site.exists()  # nothing to publish by mistake
    env["SITE_URL"] = "https://example.org/principles"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "start with https://example.org/principles/" in result.stderr
    assert "Sitemap: https://example.org/principles/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/principles/ko/win/copyright/">' in (site / "ko" / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
