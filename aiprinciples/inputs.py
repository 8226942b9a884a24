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
from aiprinciples.text_rules import INVISIBLE


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
            problems.append(Problem(f"{rel}/{shown_name(path.name)}", 0, "symlink", "is a symbolic link; links are never followed", "Replace the link with the file or folder itself, inside the repository"))
        elif stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
            entries.append(path)
        else:
            problems.append(Problem(f"{rel}/{shown_name(path.name)}", 0, "not-a-file", f"is {_kind(info.st_mode)}", "Remove it: inputs are ordinary files and folders"))
    return entries, problems


def walk_folder(folder: Path, rel: str, base: Path | None = None) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every regular file below a folder as (path, rel), depth first and sorted, without following links."""
    files, problems = [], []
    entries, found = list_folder(folder, rel, base)
    problems += found
    for path in entries:
        child = f"{rel}/{shown_name(path.name)}"
        if path.is_dir():
            if child.count("/") > MAX_FOLDER_DEPTH:
                problems.append(Problem(child, 0, "too-deep", f"folders are nested more than {MAX_FOLDER_DEPTH} deep", "Keep inputs in shallow folders"))
                continue
            more, found = walk_folder(path, child)
            files += more
            problems += found
        else:
            files.append((path, child))
    return files, problems


def every_path(folder: Path) -> list[Path]:
    """Every path below a folder, sorted, without following links and at most MAX_FOLDER_DEPTH folders deep.

    Iterative: a hostile tree thousands of folders deep must not overflow the stack (Path.rglob
    recurses); what lies deeper is left out here and refused by walk_folder's too-deep problem.
    """
    found, pending = [], [(folder, 0)]
    while pending:
        current, depth = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            found.append(Path(entry.path))
            if depth < MAX_FOLDER_DEPTH and entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), depth + 1))
    return sorted(found)


def shown_name(name: str) -> str:
    """A file name as it may be printed: invisible and control characters (line breaks included) as \\uXXXX,
    so that no name can start a new line of a log, a terminal or a CI annotation."""
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF else f"\\U{ord(m.group()):08x}", name)


def safe_to_write(path: Path, rel: str, base: Path) -> Problem | None:
    """Why a tool must not write `path` (a link anywhere on the way, or not a regular file), or None."""
    return refuse(path, rel, base)


def _kind(mode: int) -> str:
    for test, name in KINDS:
        if test(mode):
            return name
    return "a special file"


# Constant data.
MAX_FOLDER_DEPTH = 12  # path segments below the project: deeper folders are refused, never walked (recursion)
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)
