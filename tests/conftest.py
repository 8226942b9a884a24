"""Shared fixtures: the project root, and throw-away copies of the project to break or extend."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # the repository: the code every test runs
# The project whose content the tests judge: the repository, or a copy of it named by
# AIPRINCIPLES_TEST_PROJECT (tests/test_draft_language.py: a copy holding a draft language).
PROJECT_VARIABLE = "AIPRINCIPLES_TEST_PROJECT"
PROJECT = Path(os.environ.get(PROJECT_VARIABLE) or ROOT).resolve()
SITE_VARIABLE = "AIPRINCIPLES_TEST_SITE"  # "<folder> <url>": a production build of PROJECT made already
PROJECT_PARTS = ("principles", "translations", "docs", "hooks", "overrides", "aiprinciples", "schemas", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """A copy of everything a check or a build reads, without caches or outputs."""
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def replace(path: Path, old: str, new: str) -> None:
    """Edit a copy of the project: the first `old` in the file becomes `new` (line ends kept as they are)."""
    text = path.read_bytes().decode("utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


BUILT_URL = "http://127.0.0.1:8000/"  # the address built_project's site was built for


def run_folder(tmp_path_factory, worker_id: str) -> Path:
    """The folder of this whole pytest run, shared by its pytest-xdist workers."""
    folder = tmp_path_factory.getbasetemp()
    return folder.parent if worker_id != "master" else folder  # each worker's folder is inside the run's


@contextmanager
def made_once(folder: Path) -> Iterator[bool]:
    """Yields True to the first test process of the run to ask (it makes `folder`), False to the others,
    which wait until it is done and share it read-only. What a failed attempt left is removed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        done = folder / "done"
        if done.exists():
            yield False
            return
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        yield True
        done.touch()


@pytest.fixture(scope="session")
def _built_project(tmp_path_factory, worker_id) -> Path:
    """Built once per run: the first test process to need it builds it, the others wait and share it (read-only)."""
    from tests.sitebuild import build

    project = run_folder(tmp_path_factory, worker_id) / "built" / "project"
    with made_once(project.parent) as first:
        if first:
            copy_project(project)
            result = build(project, BUILT_URL)
            assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def built_project(_built_project: Path, tmp_path: Path) -> Path:
    """A copy of the project with site/ built (production, for BUILT_URL), for tests of what the next build does to it.

    Built once per test process and copied: each test gets its own, as if it had built it.
    """
    return Path(shutil.copytree(_built_project, tmp_path / "project", symlinks=True))


@pytest.fixture(autouse=True, scope="session")
def plain_checker_output():
    """Tests read the checker's path:line: output, also where GitHub Actions would make it annotations."""
    github = os.environ.pop("GITHUB_ACTIONS", None)
    yield
    if github is not None:
        os.environ["GITHUB_ACTIONS"] = github


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Files marked slow first, each kept whole and in order; `make test` passes pytest-xdist
    # --no-loadscope-reorder, which would otherwise put the files with the fewest tests (the longest
    # ones) last, and one worker would end the run alone on them.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, worker_id) -> tuple[Path, str]:
    """The real site, built once per run for the URL it is served at (tests/browsing.py), shared by the
    test processes (read-only).

    AIPRINCIPLES_TEST_SITE="<folder> <url>" names a production build of PROJECT made already
    (tests/test_draft_language.py passes the one it made, rather than build it twice).
    """
    from tests.sitebuild import build

    if os.environ.get(SITE_VARIABLE):
        folder, base_url = os.environ[SITE_VARIABLE].rsplit(" ", 1)
        return Path(folder), base_url
    folder = run_folder(tmp_path_factory, worker_id) / "real"
    with made_once(folder) as first:
        if first:
            base_url = f"http://127.0.0.1:{free_port()}/"
            result = build(PROJECT, base_url, folder / "site")
            assert result.returncode == 0, result.stderr
            (folder / "url").write_text(base_url, encoding="utf-8")
    return folder / "site", (folder / "url").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Rebuilt:
    site: Path  # the second build's folder
    log: str  # its output (MkDocs' INFO lines included)
    images_before: dict[str, int]  # the shared preview cache just before it: each image's path and mtime


@pytest.fixture(scope="session")
def real_site_again(real_site, tmp_path_factory, worker_id) -> Rebuilt:
    """The real site built a second time, for the same URL, in another process and folder, once per run:
    the tests of reproducible output compare it with real_site, and the cache test with what the preview
    cache held before it."""
    from tests.sitebuild import PREVIEW_CACHE, build

    site, base_url = real_site
    folder = run_folder(tmp_path_factory, worker_id) / "again"
    with made_once(folder) as first:
        if first:
            before = {str(p): p.stat().st_mtime_ns for p in PREVIEW_CACHE.rglob("*.png")}
            result = build(PROJECT, base_url, folder / "site", quiet=False)
            assert result.returncode == 0, result.stderr
            (folder / "log.txt").write_text(result.stderr, encoding="utf-8")
            (folder / "before.json").write_text(json.dumps(before), encoding="utf-8")
    return Rebuilt(folder / "site", (folder / "log.txt").read_text(encoding="utf-8"), json.loads((folder / "before.json").read_text(encoding="utf-8")))


# Hypothesis: in CI, the same examples on every run (a red CI is then reproducible);
# elsewhere, new random examples each run, to keep looking.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
_hypothesis_settings.register_profile("dev", print_blob=True)
_hypothesis_settings.load_profile("ci" if __import__("os").environ.get("CI") else "dev")
