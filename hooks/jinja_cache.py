"""MkDocs hook: the theme is read once per process, not once per language build.

mkdocs-static-i18n runs MkDocs' build once per language, and `mkdocs serve` once more per
save. Each build makes a new Jinja environment, which would parse and compile every template
again and walk the installed theme's ~14,500 files (Material's icons) to find its assets.
- One in-memory bytecode cache, shared by those environments, keeps each compiled template,
  keyed by its name, file and a checksum of its source: an edited template is compiled again.
- The listing of an installed theme folder (outside the project) is taken once; the project's
  own folders (overrides/) are listed at every build, so an added file shows while serving.
"""

from __future__ import annotations

import os
from functools import cache, partial
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemLoader


class SharedBytecode(BytecodeCache):
    """Compiled templates in memory, for every Jinja environment of this process."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # ignored by Jinja when the source's checksum differs

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


SHARED = SharedBytecode()


def on_config(config):
    theme = config.theme
    if not getattr(theme.get_env, "lists_installed_once", False):  # once per config: nested builds reuse it
        theme.get_env = _listing_once(theme.get_env, Path(config.config_file_path).resolve().parent)
    return config


def on_env(env, config, files):
    env.bytecode_cache = SHARED
    return env


def _listing_once(make_env, project: Path):
    def get_env():
        env = make_env()
        if type(env.loader) is FileSystemLoader:  # what MkDocs makes; anything else is left as it is
            env.loader.list_templates = partial(list_templates, tuple(env.loader.searchpath), project)
        return env

    get_env.lists_installed_once = True
    return get_env


def list_templates(folders: tuple[str, ...], project: Path) -> list[str]:
    """What FileSystemLoader.list_templates returns, minus hidden files, which MkDocs never copies from a theme."""
    names = set()
    for folder in folders:
        resolved = Path(folder).resolve()
        names.update(_walk(folder) if resolved.is_relative_to(project) else installed_listing(str(resolved)))
    return sorted(names)


@cache
def installed_listing(folder: str) -> tuple[str, ...]:
    """An installed theme folder does not change while the process runs."""
    return _walk(folder)


def _walk(folder: str) -> tuple[str, ...]:
    names = []
    for directory, subfolders, files in os.walk(folder):  # links not followed, as FileSystemLoader does
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        base = os.path.relpath(directory, folder).replace(os.sep, "/")
        names.extend(name if base == "." else f"{base}/{name}" for name in files if not name.startswith("."))
    return tuple(names)
