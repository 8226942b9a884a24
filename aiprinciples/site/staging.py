"""Replace a built folder whole, or not at all: build beside it, then swap."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Staging:
    """`target` is replaced by `folder` on commit(); abandon() leaves `target` untouched."""

    def __init__(self, target: Path):
        self.target = target.resolve()
        self.folder = self.target.with_name(f".{self.target.name}.building")
        self.previous = self.target.with_name(f".{self.target.name}.previous")

    def start(self) -> None:
        for leftover in (self.folder, self.previous):  # from a build that was killed
            _remove(leftover)
        self.folder.mkdir(parents=True)

    def commit(self) -> None:
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, self.previous)
        os.replace(self.folder, self.target)
        _remove(self.previous)

    def abandon(self) -> None:
        _remove(self.folder)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
