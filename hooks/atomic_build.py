"""MkDocs hook: build into a staging folder and replace site/ only when the whole build succeeded.

Whatever fails (a corpus problem, a strict-mode warning, a template error, a crash),
the previous site/ is left as it was; a successful build replaces it whole.
MkDocs raises its strict-mode Abort only after on_post_build, so warnings are counted
here the same way MkDocs counts them, and a build with any is not swapped in.
`mkdocs serve` builds into its own temporary folder: it is left alone.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.staging import Staging  # noqa: E402

_state: dict[str, object] = {}


def on_startup(command, dirty):
    _state["command"] = command


# First of all hooks: point MkDocs at the staging folder before anything is written.
@event_priority(200)
def on_config(config):
    if _state.get("command") == "serve" or config.plugins["i18n"].building:
        return config
    staging = _state.get("staging")
    if staging is None or staging.target != Path(config.site_dir).resolve():
        staging = Staging(Path(config.site_dir))
        staging.start()
        _state["staging"] = staging
        _state["warnings"] = _attach_counter()
    config.site_dir = str(staging.folder)
    return config


# After every language and every file is written (site_files runs at -200).
@event_priority(-300)
def on_post_build(config):
    staging = _state.get("staging")
    if staging is None or config.plugins["i18n"].building:
        return
    counter = _state.pop("warnings")
    logging.getLogger("mkdocs").removeHandler(counter)
    if config.strict and counter.count:
        staging.abandon()  # MkDocs aborts next, in strict mode
    else:
        staging.commit()
    _state.pop("staging", None)


def on_build_error(error):
    staging = _state.pop("staging", None)
    if staging is not None:
        staging.abandon()
    counter = _state.pop("warnings", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _attach_counter() -> _WarningCounter:
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    return counter
