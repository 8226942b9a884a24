"""MkDocs hook: file names from docs/ can neither start a CI workflow command nor take a path the site generates.

The checker refuses such names before anything is built (aiprinciples/docs_check.py); this is
the second layer, for whatever reaches MkDocs anyway:
- every line MkDocs or a hook logs (MkDocs' own "pages not in nav" list of file names included)
  is made inert for GitHub Actions: a line that would start a workflow command (`::warning …`,
  `##[…]`) is printed with its colons or bracket percent-encoded, as GitHub's own escaping does;
- a hand-written file whose published path is one the site generates, or that two files share,
  stops the build with a clear message instead of overwriting a generated file or crashing.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import latest_state, shown_problems  # noqa: E402
from aiprinciples.site.log_safety import guard_handlers  # noqa: E402
from aiprinciples.site.reserved import generated_roots  # noqa: E402


def on_startup(command, dirty):
    guard_handlers(logging.getLogger("mkdocs"), logging.getLogger())


# After mkdocs-static-i18n (priority -100) has chosen this language's files and their paths.
@event_priority(-150)
def on_files(files, config):
    if shown_problems():
        return files  # `mkdocs serve` shows the corpus's problems instead: no docs/ file is published
    state = latest_state()
    roots = generated_roots(state.corpus)
    generated = {spec.src for spec in state.specs}
    lang = config.plugins["i18n"].current_language
    prefix = "" if lang == state.corpus.default_language else f"{lang}/"
    docs = Path(config.docs_dir).resolve()
    owners: dict[str, str] = {}
    clashes = []
    for file in files:
        owner = owners.setdefault(file.dest_uri, file.src_uri)
        if owner != file.src_uri:
            clashes.append(f"{file.src_uri} and {owner} would both be published as {file.dest_uri}")
        if not _hand_written(file, docs, generated, lang):
            continue
        below = file.dest_uri[len(prefix):] if file.dest_uri.startswith(prefix) else file.dest_uri
        first = below.split("/")[0].partition(".")[0]
        if first in roots:
            clashes.append(f"docs/{file.src_uri} would be published as {file.dest_uri}, where the site publishes {roots[first]}")
    if clashes:
        raise PluginError("hand-written files would overwrite what the site generates; nothing was built:\n" + "\n".join(f"  {line}" for line in clashes))
    return files


def _hand_written(file, docs: Path, generated: set[str], lang: str) -> bool:
    """A file copied from docs/<lang>/ (not a generated page stub, not a theme file)."""
    if file.abs_src_path is None or not Path(file.abs_src_path).resolve().is_relative_to(docs):
        return False
    return file.src_uri.startswith(f"{lang}/") and file.src_uri[len(lang) + 1:] not in generated
