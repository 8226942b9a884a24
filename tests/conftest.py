"""Shared fixtures: the project root, and throw-away copies of the project to break or extend."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("principles", "translations", "docs", "hooks", "overrides", "aiprinciples", "schemas", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """A copy of everything a check or a build reads, without caches or outputs."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")
