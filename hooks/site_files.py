"""MkDocs hook: files written once, after every language is built.

The default language's search index (hooks/search_index.py wrote the others), short resolver URLs (/p/<id>/) and alias redirects,
deterministic sitemaps, a 404 page per language, and /en/ redirects to the root.
Under `mkdocs serve` with corpus errors: the pages that show them instead.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.build import kept_search_index, latest_state, shown_problems, site_url  # noqa: E402
from aiprinciples.site.outputs import write_outputs  # noqa: E402
from aiprinciples.site.serve_problems import write_problem_site  # noqa: E402

# Each language build renders 404.html to the site root; keep each language's own
# copy under its root and leave the default language's at the site root.
_default_404: dict[str, str] = {}


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    if not shown_problems():  # the language as the corpus declares it (pt-BR), as on every page (hooks/corpus_pages.py)
        output_content = HTML_LANG.sub(f'<html lang="{latest_state().corpus.tag(lang)}"', output_content, count=1)
    if lang == i18n.default_language:
        _default_404["html"] = output_content
        return output_content
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return _default_404.get("html", output_content)


# After mkdocs-static-i18n (priority -100) has built the other languages and merged the search index.
@event_priority(-200)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    broken = shown_problems()
    if broken:
        write_problem_site(Path(config.site_dir), broken.problems, broken.pages, urlsplit(site_url(config)).path or "/")
        return
    state = latest_state()
    write_outputs(state, Path(config.site_dir), site_url(config), kept_search_index(state.corpus.default_language), config.theme["favicon"])


# Constant data.
HTML_LANG = re.compile(r'<html lang="[^"]*"')
