"""docs/: hand-written pages and their files, checked like every other input a pull request can change.

Pages are Markdown without raw HTML, attribute lists or links other than http(s), mailto
and relative ones; front matter holds only a title and a description in plain text; only
an allow-list of file types may be published, each checked to be what its name says.
The site also renders these pages with raw HTML off and sanitises the result
(aiprinciples.site.safe_markdown): these rules give the contributor a path:line
message instead of a silently changed page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from aiprinciples.inputs import read_input, walk_folder
from aiprinciples.problems import Problem
from aiprinciples.text_rules import text_findings
from aiprinciples.yamlsafe import load_yaml_text

DOCS = "docs"


def check_docs(root: Path, languages: list[str], default_language: str, generated: set[str] = frozenset(), drafts: frozenset[str] = frozenset()) -> list[Problem]:
    """Every problem of docs/: files, front matter, Markdown, and pages each language needs.

    `generated` holds the Markdown paths the site generates per language ("status/index.md"):
    hand-written pages may link to them. Pages of `drafts` languages may still be marked
    `untranslated: true` (scaffold copies the English page so); a published language's may not.
    """
    problems: list[Problem] = []
    files, found = walk_folder(root / DOCS, DOCS, root)
    problems += found
    pages: dict[str, set[str]] = {lang: set() for lang in languages}
    for path, rel in files:
        parts = PurePosixPath(rel).parts
        if len(parts) < 3 or parts[1] not in languages:
            problems.append(Problem(rel, 0, "docs-place", "file is outside a language folder of docs/", f"Move it into docs/<language>/ ({', '.join(languages)})"))
            continue
        suffix = path.suffix.lower()
        if suffix not in ALLOWED_FILES:
            problems.append(Problem(rel, 0, "docs-file-type", f"files of type {suffix or '(no extension)'!r} are not published from docs/", f"Use one of: {', '.join(sorted(ALLOWED_FILES))}; scripts, HTML, SVG and other active content are never published"))
            continue
        raw, found = read_input(path, rel, ALLOWED_FILES[suffix][0], root)
        problems += found
        if raw is None:
            continue
        magic = ALLOWED_FILES[suffix][1]
        if magic and not any(raw.startswith(m) for m in magic):
            problems.append(Problem(rel, 0, "docs-file-type", f"the content is not a {suffix[1:].upper()} file", "Save the file in the format its name says"))
        if suffix == ".md":
            pages[parts[1]].add("/".join(parts[2:]))
            problems += page_problems(rel, raw, "/".join(parts[2:]), generated | pages_of(root / DOCS / parts[1]))
            marked = untranslated_line(raw)
            if marked and parts[1] not in drafts:
                problems.append(Problem(rel, marked, "untranslated-page", f"the page is marked untranslated, and {parts[1]} is published", "Translate the page, then delete the line `untranslated: true`"))
    for lang in languages:
        for page in sorted(pages.get(default_language, set()) - pages[lang]):
            problems.append(Problem(f"{DOCS}/{lang}/{page}", 0, "missing-page", f"the {lang} site needs this page (it exists in {DOCS}/{default_language}/)", f"Translate {DOCS}/{default_language}/{page} into this file"))
    return problems


def untranslated_line(raw: bytes) -> int:
    """The line of `untranslated: true` in a page's front matter, or 0."""
    lines = raw.decode("utf-8", "replace").split("\n")
    if not lines or lines[0] != "---":
        return 0
    for number, line in enumerate(lines[1:], 2):
        if line in ("---", "..."):
            return 0
        if UNTRANSLATED.match(line):
            return number
    return 0


def pages_of(lang_root: Path) -> set[str]:
    """Markdown paths that exist in a language folder of docs/ (no links followed)."""
    files, _problems = walk_folder(lang_root, "")
    return {rel.lstrip("/") for _path, rel in files if rel.endswith(".md")}


def page_problems(rel: str, raw: bytes, page: str, known_pages: set[str]) -> list[Problem]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return [Problem(rel, raw[: err.start].count(b"\n") + 1, "not-utf8", f"byte 0x{raw[err.start]:02x} is not valid UTF-8", "Save the file with UTF-8 encoding")]
    problems: list[Problem] = []
    body_start = 1
    lines = text.split("\n")
    if lines and lines[0] == "---":
        end = next((i for i in range(1, len(lines)) if lines[i] in ("---", "...")), None)
        if end is None:
            return [Problem(rel, 1, "front-matter", "the front matter (from the first ---) is never closed", "End it with a line holding only ---")]
        problems += list(_front_matter(rel, "\n".join(lines[1:end]), 2))
        body_start = end + 2
    fenced = ""
    for number, line in enumerate(lines[body_start - 1:], body_start):
        stripped = line.lstrip()
        fence = FENCE.match(stripped)
        if fence:
            fenced = "" if fenced and stripped.startswith(fenced) else (fenced or fence.group(0))
            continue
        if fenced:
            continue
        problems += [Problem(rel, number, rule, message, fix) for rule, message, fix in _line_findings(line, page, known_pages)]
    return problems


def _front_matter(rel: str, text: str, first_line: int) -> Iterator[Problem]:
    data, lines, problems = load_yaml_text(text, rel, first_line - 1)
    yield from problems
    if data is None:
        return
    if not isinstance(data, dict):
        yield Problem(rel, first_line, "front-matter", "the front matter must be fields such as title: …", "Write `title:` and `description:` lines only")
        return
    for key, value in data.items():
        line = lines.get((key,), first_line)
        if key == "untranslated":
            if value is not True:
                yield Problem(rel, line, "front-matter", "untranslated can only be true", "Write `untranslated: true` on an English page waiting for its translation, or delete the line")
        elif key not in FRONT_MATTER_KEYS:
            yield Problem(rel, line, "front-matter", f"front-matter field {key!r} is not allowed", f"Keep only {' and '.join(FRONT_MATTER_KEYS)} (and `untranslated: true` on a page still in English); templates and page options are chosen by the maintainers")
        elif not isinstance(value, str):
            yield Problem(rel, line, "front-matter", f"{key} must be plain text", f"Write {key}: followed by the text")
        else:
            for rule, message, fix in text_findings(value):
                yield Problem(rel, line, rule, f"{key}: {message}", fix)


def _line_findings(line: str, page: str, known_pages: set[str]) -> Iterator[tuple[str, str, str]]:
    prose = CODE_SPAN.sub("", line)
    for rule, message, fix in text_findings(prose.strip() or "-"):
        if rule in ("invisible-char", "not-nfc"):
            yield rule, message, fix
    without_autolinks = AUTOLINK.sub("", prose)
    if HTML_TAG.search(without_autolinks) or HTML_ENTITY_TAG.search(without_autolinks):
        yield "docs-html", "raw HTML is not allowed in hand-written pages", "Write Markdown instead (the site shows raw HTML as text)"
    for match in ATTR_LIST.finditer(prose):
        yield "docs-attribute", f"attribute list {match.group(0)!r} is not supported", "Remove it: pages take no HTML attributes (the site would show it as text)"
    for target in _link_targets(prose):
        url = CONTROL_OR_SPACE.sub("", html.unescape(target)).lower()
        scheme = SCHEME.match(url)
        if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
            yield "docs-link", f"link to a {scheme.group(1)}: address", "Link only to http(s):, mailto: or a relative address"
        elif not scheme and target.split("#")[0].endswith(".md"):
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(page), target.split("#")[0]))
            if linked not in known_pages:
                yield "docs-link", f"link to {target!r}, which is not a page of this language", "Link to an existing .md file in the same language folder, or to a site address such as ../win/"


def _link_targets(text: str) -> Iterator[str]:
    for pattern in (INLINE_LINK, REFERENCE_DEF, AUTOLINK):
        for match in pattern.finditer(text):
            yield match.group(1).strip("<>")


# Constant data.
FRONT_MATTER_KEYS = ("title", "description")
UNTRANSLATED = re.compile(r"^untranslated:\s*true\s*(#.*)?$")
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Extension -> (size cap in bytes, magic numbers the content must start with; None: text).
ALLOWED_FILES = {
    ".md": (200_000, None),
    ".png": (2_000_000, (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": (2_000_000, (b"\xff\xd8\xff",)),
    ".jpeg": (2_000_000, (b"\xff\xd8\xff",)),
    ".gif": (2_000_000, (b"GIF87a", b"GIF89a")),
    ".webp": (2_000_000, (b"RIFF",)),
}
FENCE = re.compile(r"^(```+|~~~+)")
CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
HTML_TAG = re.compile(r"<\s*[A-Za-z!?/]")
HTML_ENTITY_TAG = re.compile(r"&(lt|#0*60|#x0*3c);\s*[A-Za-z!?/]", re.IGNORECASE)
AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]*:)[^>\s]*)>")
INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]*)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
ATTR_LIST = re.compile(r"\{:[^{}]*\}|\{\s*(?:[#.][\w-]+|[\w:-]+\s*=)[^{}]*\}")  # Python-Markdown's attr_list syntax
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
