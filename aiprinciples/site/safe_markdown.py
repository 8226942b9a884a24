"""Hand-written pages (docs/) as inert HTML: raw HTML off in Markdown, and the result sanitised.

Two layers, by construction: Python-Markdown never passes raw HTML through (its HTML
processors are removed, so `<script>` is shown as text), and nh3 (ammonia) then keeps
only an allow-list of elements, attributes, URL schemes and class names. Nor can a page
reach the theme's machinery: a heading whose id would be one of the theme's (`__config`,
anything starting with `_`) gets a prefix. The checker (aiprinciples.docs_check) reports
the same inputs with path:line, so a contributor learns why instead of seeing a silently
changed page.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

import nh3
from markdown import Extension, Markdown


class NoRawHtml(Extension):
    """Python-Markdown without raw HTML (block and inline HTML become text), and with no heading id of the theme's.

    After a conversion, `md.reserved_ids` lists (id the heading would have had, id it got instead).
    """

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for registry, name in (("preprocessors", "html_block"), ("inlinePatterns", "html")):
            processors = getattr(md, registry)
            if name in processors:
                processors.deregister(name)
        self.md = md
        md.registerExtension(self)
        md.reserved_ids = []
        if "toc" in md.treeprocessors:  # mkdocs.yml lists toc before this extension is added
            toc = md.treeprocessors["toc"]
            toc.slugify = _guarded(toc.slugify, md)

    def reset(self) -> None:
        if getattr(self, "md", None) is not None:
            self.md.reserved_ids = []


def _guarded(slugify, md: Markdown):
    def slug(value: str, separator: str) -> str:
        wanted = slugify(value, separator)
        if safe_id(wanted):
            return wanted
        if wanted:
            md.reserved_ids.append((wanted, ID_PREFIX + wanted))
        return ID_PREFIX + wanted

    return slug


def markdown_for_pages() -> Markdown:
    """The Markdown the site renders hand-written pages with (the extensions of mkdocs.yml, and NoRawHtml)."""
    return Markdown(extensions=[*MARKDOWN_EXTENSIONS, NoRawHtml()], extension_configs=MARKDOWN_CONFIGS)


def safe_id(value: str) -> bool:
    """May a hand-written page use this id? Not empty, not the theme's, not starting with _ as the theme's own do."""
    return bool(value) and not value.startswith("_") and value not in theme_ids()


@functools.cache
def theme_ids() -> frozenset[str]:
    """The literal ids in Material's templates and the project's overrides (__config, __drawer, __search…)."""
    folders = [OVERRIDES]
    spec = importlib.util.find_spec("material")
    if spec and spec.submodule_search_locations:
        folders += [Path(location) / "templates" for location in spec.submodule_search_locations]
    found = set()
    for folder in folders:
        for template in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
            found.update(TEMPLATE_ID.findall(template.read_text(encoding="utf-8", errors="replace")))
    return frozenset(found)


def sanitise(html: str) -> str:
    """Only plain document structure survives: no script, no event handler, no style, no dangerous URL, no theme id or class."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute,
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        return " ".join(word for word in value.split() if word in ALLOWED_CLASSES) or None
    if name == "id":
        return value if safe_id(value) else None
    return value


# Constant data: what Markdown, tables, toc and admonitions produce, and nothing more.
MARKDOWN_EXTENSIONS = ("tables", "toc", "admonition")  # as in mkdocs.yml (tests/test_security.py holds them together)
MARKDOWN_CONFIGS = {"toc": {"permalink": False}}
ID_PREFIX = "h-"
TEMPLATE_ID = re.compile(r'\bid="([^"{}$]+)"')
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
# The admonition types a page may use (CONTRIBUTING.md, "Untrusted text"): Material styles each.
ADMONITION_TYPES = frozenset({"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"})
ALLOWED_CLASSES = ADMONITION_TYPES | {"admonition", "admonition-title", "toc"}
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
