"""Placeholders in hand-written pages: facts the site generates, written by the same code that writes them elsewhere.

A hand-written page never restates a generated fact (which drifts): it names it, and the build
fills it in, in the page's language.

- `[[cite win-1-3]]`  the one-line citation the Cite control gives for that principle or point
- `[[versions win]]`  the document's language versions, as its own page lists them

The checker (check_placeholders) refuses an unknown placeholder or id at its line; the build
replaces each in the page's sanitised HTML with template output, escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import Markup

from aiprinciples.problems import Problem
from aiprinciples.site.pages import unit_index


def check_placeholders(rel: str, text: str, corpus) -> Iterator[Problem]:
    """Every placeholder of a hand-written page names a kind this module fills and an id that exists."""
    index = unit_index(corpus)
    for number, line in enumerate(text.split("\n"), 1):
        for match in ANY.finditer(line):
            kind, arg = match.group(1), match.group(2)
            if kind not in KINDS:
                yield Problem(rel, number, "placeholder", f"{match.group(0)} is not a placeholder the site fills", f"Write one of: {', '.join(f'[[{k} …]]' for k in KINDS)}")
            elif kind == "cite" and arg not in index.locations:
                yield Problem(rel, number, "placeholder", f"{match.group(0)} names no principle or point", "Write the permanent id of a principle or point, such as win-1-3")
            elif kind == "versions" and arg not in corpus.documents:
                yield Problem(rel, number, "placeholder", f"{match.group(0)} names no document", f"Write a document id: {', '.join(corpus.documents)}")


def fill(html: str, corpus, lang: str, page_path: str, site_url: str) -> str:
    """A sanitised page with its placeholders replaced; text is escaped by the templates, once."""
    if "[[" not in html:
        return html
    from aiprinciples.site.citations import work
    from aiprinciples.site.render import templates, version_rows
    from aiprinciples.site.view import View

    view = View(corpus, lang, page_path, site_url)
    index = unit_index(corpus)

    def one(match: re.Match) -> str:
        kind, arg = match.group(1), match.group(2)
        if kind == "cite" and arg in index.locations:
            doc, _principle = index.principle_of(arg)
            unit = view.unit(index.aliases.get(arg, arg))
            return str(Markup.escape(work(view, doc, unit.id, view.absolute(unit.path, anchor=unit.anchor)).line))
        if kind == "versions" and arg in corpus.documents:
            doc = corpus.documents[arg]
            return templates().get_template("_versions.html").render(v=view, doc=doc, versions=version_rows(view, doc))
        return match.group(0)  # the checker has refused it already

    html = BLOCK.sub(lambda m: one(ANY.search(m.group(0))), html)  # a placeholder alone in its paragraph: the block itself
    return ANY.sub(one, html)


# Constant data.
ANY = re.compile(r"\[\[([a-z]+) ([a-z0-9-]+)\]\]")
BLOCK = re.compile(r"<p>\s*\[\[versions [a-z0-9-]+\]\]\s*</p>")
KINDS = ("cite", "versions")
