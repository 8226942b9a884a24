"""Hand-written pages (docs/) as inert HTML: raw HTML off in Markdown, and the result sanitised.

Two layers, by construction: Python-Markdown never passes raw HTML through (its HTML
processors are removed, so `<script>` is shown as text), and nh3 (ammonia) then keeps
only an allow-list of elements, attributes and URL schemes. The checker
(aiprinciples.docs_check) reports the same inputs with path:line, so a contributor
learns why instead of seeing a silently changed page.
"""

from __future__ import annotations

import nh3
from markdown import Extension, Markdown


class NoRawHtml(Extension):
    """Python-Markdown without raw HTML: block and inline HTML become text."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for registry, name in (("preprocessors", "html_block"), ("inlinePatterns", "html")):
            processors = getattr(md, registry)
            if name in processors:
                processors.deregister(name)


def sanitise(html: str) -> str:
    """Only plain document structure survives: no script, no event handler, no style, no dangerous URL."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# Constant data: what Markdown, tables, toc and admonitions produce, and nothing more.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
