"""MkDocs hook: the address a build writes into its pages, said at the start and at the end.

A build for publishing whose address nobody chose (no SITE_URL, mkdocs.yml's
placeholder) warns, naming SITE_URL and what it affects: mkdocs.yml is strict, so
that build fails and leaves the previous site/ as it was. `mkdocs serve` never warns.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import site_url, site_url_warning  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_address")  # under "mkdocs": a warning fails the strict build
_command: dict[str, str] = {}


def on_startup(command, dirty):
    _command["name"] = command


# After hooks/atomic_build.py (200) attached its warning counter; once per build, not per language.
def on_config(config):
    if config.plugins["i18n"].building:
        return config
    warning = site_url_warning(site_url(config), os.environ, _command.get("name"))
    if warning:
        log.warning(warning)
    return config


# After the site is written (hooks/site_files.py runs at -200): where its addresses point.
@event_priority(-250)
def on_post_build(config):
    if config.plugins["i18n"].building or _command.get("name") == "serve":
        return
    log.info(f"addresses in this build (canonical links, previews, sitemaps, robots.txt, citations, open data) start with {site_url(config)}")
