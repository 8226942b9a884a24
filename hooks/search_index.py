"""MkDocs hook: each language's search index, written as soon as that language's build ends.

Material indexes each language's pages in that language's build. mkdocs-static-i18n would stack
every language's entries up, and have Material write them as one merged index, for the site to split
into one index per language again. Taking each language's entries as its build ends keeps one
language's entries in memory at a time, whatever the number of languages and documents.
The default language's index is written last (hooks/site_files.py): Material writes the merged
one, empty now, where it belongs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import keep_search_index, latest_state, shown_problems  # noqa: E402
from aiprinciples.site.outputs import language_search_index, write_search_index  # noqa: E402


# After Material's search plugin (priority 0) has indexed the language; before mkdocs-static-i18n (-100) stacks it up.
@event_priority(-50)
def on_post_build(config):
    if shown_problems():
        return  # `mkdocs serve` shows the corpus's problems instead of the site
    search = (config.plugins.get("material/search") or config.plugins["search"]).search_index
    corpus, lang = latest_state().corpus, config.plugins["i18n"].current_language
    data = language_search_index(corpus, lang, search.generate_search_index(None))
    search.entries.clear()  # nothing left to merge
    if lang == corpus.default_language:
        keep_search_index(lang, data)
    else:
        write_search_index(corpus, lang, Path(config.site_dir), data)
