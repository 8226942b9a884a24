"""MkDocs hook: each language's search index, a page at a time.

Material's search plugin indexes a page as it is written (on_page_context). Its entries are taken from
the plugin as soon as the page is written and spooled (aiprinciples/site/search_index.py), so memory
holds one page's entries, whatever the number of pages, languages and documents; mkdocs-static-i18n
has nothing to stack up. Each language's index is written as its build ends; the default language's
last (hooks/site_files.py), where Material writes the merged one, empty now.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import latest_state, search_index, shown_problems, start_search_index  # noqa: E402


def on_pre_build(config):
    if not shown_problems():
        start_search_index(latest_state().corpus, _language(config))


# After Material's search plugin (on_page_context) has indexed the page.
@event_priority(-50)
def on_post_page(output, page, config):
    if not shown_problems():
        _take_entries(config)
    return output


# After Material's search plugin (priority 0) has written its own index; before mkdocs-static-i18n (-100) stacks it up.
@event_priority(-50)
def on_post_build(config):
    if shown_problems():
        return  # `mkdocs serve` shows the corpus's problems instead of the site
    lang = _language(config)
    _take_entries(config)  # none are left unless a page was indexed without being written
    index = search_index(lang)
    index.material_config = json.loads(_material_index(config).generate_search_index(None))["config"]  # the configuration alone: no entries left
    if lang != latest_state().corpus.default_language:
        index.write(Path(config.site_dir))


def _take_entries(config) -> None:
    material = _material_index(config)
    search_index(_language(config)).add(material.entries)
    material.entries.clear()


def _material_index(config):
    return (config.plugins.get("material/search") or config.plugins["search"]).search_index


def _language(config) -> str:
    return config.plugins["i18n"].current_language
