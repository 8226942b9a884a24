"""MkDocs hook: a Content-Security-Policy and a referrer policy on every HTML page MkDocs writes.

The policy and the script hashes come from aiprinciples.site.csp; this module only
hands it MkDocs' pages and 404 pages. The /p/<id>/ resolver pages get theirs in
aiprinciples.site.outputs.

Under `mkdocs serve` only, the live-reload script MkDocs appends to each page it
serves is allowed by its hash, page by page; a built site never allows it.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiprinciples.site.csp import allow_script, apply_policy, inline_scripts  # noqa: E402

log = logging.getLogger("mkdocs.hooks.csp")  # under "mkdocs": a warning fails the strict build


# Last of all on_post_page handlers, so nothing changes the page after its scripts are hashed.
@event_priority(-1000)
def on_post_page(output, page, config):
    return _secure(output, page.file.dest_uri)


# The 404 page; before hooks/site_files.py (priority 0) copies it into each language's root.
@event_priority(50)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    language = config.plugins["i18n"].current_language
    return _secure(output_content, f"{template_name} ({language})")


# MkDocs 1.6 appends its live-reload script (a new epoch and request id each time) to every
# HTML page it serves, through this method of its server (pinned version; tests/test_serve.py
# fails if that changes). Allow exactly that script, recognised by MkDocs' own template.
def on_serve(server, config, builder):
    inject = server._inject_js_into_html

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        page = inject(content, epoch).decode("utf-8", "surrogateescape")
        scripts = inline_scripts(page)
        if not scripts or not _live_reload_shape().fullmatch(scripts[-1].text):
            return page.encode("utf-8", "surrogateescape")
        try:
            page = allow_script(page, scripts[-1].text)
        except ValueError:
            pass  # a page without the policy runs the script anyway
        return page.encode("utf-8", "surrogateescape")

    server._inject_js_into_html = inject_allowed
    return server


def _live_reload_shape() -> re.Pattern:
    from mkdocs.livereload import _SCRIPT_TEMPLATE_STR

    return re.compile(re.escape(_SCRIPT_TEMPLATE_STR).replace(re.escape("${epoch}"), "[0-9]+").replace(re.escape("${request_id}"), "[0-9]+"))


# An inline script the theme did not emit stays out of the policy; say where it is.
def _secure(html: str, where: str) -> str:
    try:
        secured, untrusted = apply_policy(html)
    except ValueError as err:
        raise PluginError(f"{where}: {err}") from None
    for script in untrusted:
        log.warning(f"{where}:{script.line}: inline script the theme does not emit; browsers will refuse to run it. {ADVICE}")
    return secured


# Constant data.
ADVICE = "Remove it from the source; if a theme upgrade changed the theme's own scripts, update TRUSTED_SCRIPTS in aiprinciples/site/csp.py."
