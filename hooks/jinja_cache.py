"""MkDocs hook: the theme's templates are compiled once per process, not once per language.

mkdocs-static-i18n runs MkDocs' build once per language, and each build makes a new Jinja
environment, which would parse and compile every template again. One in-memory bytecode
cache, shared by those environments, keeps each compiled template, keyed by its name, file
and a checksum of its source: an edited template (`mkdocs serve`) is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


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


def on_env(env, config, files):
    env.bytecode_cache = SHARED
    return env
