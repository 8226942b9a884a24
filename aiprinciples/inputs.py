"""Reading untrusted input files: checked before they are read, never followed out of the repository.

Everything a pull request can change (principles/, translations/, docs/) is read
through here. A symbolic link, a folder, a device or a file over the size cap is
refused as a Problem naming the path, before a byte of it is read: a link could
publish /etc/passwd or CI's .git/config, /dev/zero would never end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aiprinciples.problems import Problem


def refuse(path: Path, rel: str, base: Path | None = None, want: str = "file") -> Problem | None:
    """Why `path` (shown as `rel`) may not be read as a regular `want` ("file" or "folder"), or None.

    Every component below `base` is checked too, so a linked folder cannot smuggle files in.
    """
    parts = [path]
    if base is not None:
        try:
            below = path.relative_to(base).parts
        except ValueError:
            return Problem(rel, 0, "outside", "the path leads outside the repository", "Keep every input inside the repository")
        parts = [base.joinpath(*below[:i]) for i in range(1, len(below) + 1)]
    for part in parts:
        try:
            info = os.lstat(part)
        except FileNotFoundError:
            return None
        except OSError as err:
            return Problem(rel, 0, "unreadable", f"cannot be read ({err.strerror})", "Replace it with an ordinary file")
        if stat.S_ISLNK(info.st_mode):
            shown = rel if part == path else f"{rel} (through {part.name}/)"
            return Problem(shown, 0, "symlink", "is a symbolic link; links are never followed", "Replace the link with the file itself, inside the repository")
        if part != path and not stat.S_ISDIR(info.st_mode):
            return Problem(rel, 0, "not-a-file", f"{part.name} is not a folder", "Remove what stands in the folder's place")
    if stat.S_ISREG(info.st_mode) and want == "file" or stat.S_ISDIR(info.st_mode) and want == "folder":
        return None
    return Problem(rel, 0, "not-a-file", f"is {_kind(info.st_mode)}, not a {'regular file' if want == 'file' else 'folder'}", f"Replace it with an ordinary {want}")


def read_input(path: Path, rel: str, limit: int, base: Path | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file of at most `limit` bytes, or (None, problems). (None, []) if it does not exist."""
    problem = refuse(path, rel, base)
    if problem:
        return None, [problem]
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, []
    except OSError as err:
        return None, [Problem(rel, 0, "unreadable", f"cannot be read ({err.strerror})", "Replace it with an ordinary file")]
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped between the check and the open
            return None, [Problem(rel, 0, "not-a-file", f"is {_kind(info.st_mode)}, not a regular file", "Replace it with an ordinary file")]
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        return None, [Problem(rel, 0, "file-too-large", f"file is larger than {limit:,} bytes", "Split it or remove what does not belong in it")]
    return raw, []


def list_folder(folder: Path, rel: str, base: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The entries of a folder, sorted; links and special files are reported, not returned."""
    problem = refuse(folder, rel, base, want="folder")
    if problem:
        return [], [problem]
    if not folder.exists():
        return [], []
    entries, problems = [], []
    for path in sorted(folder.iterdir()):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            problems.append(Problem(f"{rel}/{path.name}", 0, "symlink", "is a symbolic link; links are never followed", "Replace the link with the file or folder itself, inside the repository"))
        elif stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
            entries.append(path)
        else:
            problems.append(Problem(f"{rel}/{path.name}", 0, "not-a-file", f"is {_kind(info.st_mode)}", "Remove it: inputs are ordinary files and folders"))
    return entries, problems


def walk_folder(folder: Path, rel: str, base: Path | None = None) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every regular file below a folder as (path, rel), depth first and sorted, without following links."""
    files, problems = [], []
    entries, found = list_folder(folder, rel, base)
    problems += found
    for path in entries:
        child = f"{rel}/{path.name}"
        if path.is_dir():
            more, found = walk_folder(path, child)
            files += more
            problems += found
        else:
            files.append((path, child))
    return files, problems


def safe_to_write(path: Path, rel: str, base: Path) -> Problem | None:
    """Why a tool must not write `path` (a link anywhere on the way, or not a regular file), or None."""
    return refuse(path, rel, base)


def _kind(mode: int) -> str:
    for test, name in KINDS:
        if test(mode):
            return name
    return "a special file"


# Constant data.
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)
