"""docs/: hand-written pages and their files, checked like every other input a pull request can change.

Pages are Markdown without raw HTML, attribute lists or links other than http(s), mailto
and relative ones; front matter holds only a short title and description in plain text; only
an allow-list of file types may be published, each checked to be what its name says. Names
are a small safe language (lower-case ASCII words joined by hyphens) and never take a path
the site generates. Every page stays within limits that bound what rendering it costs
(characters, lines, paragraphs, brackets, markup, headings, nesting), checked before it is
rendered; links, heading ids and classes are then judged on the rendered HTML, as the site
will publish them. The site also renders these pages with raw HTML off and sanitises the
result (aiprinciples.site.safe_markdown): these rules give the contributor a path:line
message instead of a silently changed page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from markdown.extensions.toc import slugify

from aiprinciples.inputs import read_input, walk_folder
from aiprinciples.problems import Problem
from aiprinciples.site.safe_markdown import ADMONITION_TYPES, ALLOWED_CLASSES, ALLOWED_SCHEMES, markdown_for_pages, safe_id
from aiprinciples.text_rules import text_findings
from aiprinciples.yamlsafe import load_yaml_text

DOCS = "docs"


def check_docs(
    root: Path, languages: list[str], default_language: str, generated: set[str] = frozenset(), drafts: frozenset[str] = frozenset(),
    reserved: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem of docs/: names, files, front matter, Markdown, limits, and pages each language needs.

    `generated` holds the Markdown paths the site generates per language ("status/index.md"):
    hand-written pages may link to them. Pages of `drafts` languages may still be marked
    `untranslated: true` (scaffold copies the English page so); a published language's may not.
    `reserved` maps each first path segment the site writes itself ("status", "p", "es") to
    what it holds (aiprinciples.site.reserved): no hand-written page or file may take one.
    """
    problems: list[Problem] = []
    files, found = walk_folder(root / DOCS, DOCS, root)
    problems += found
    placed = []
    for path, rel in files:
        parts = PurePosixPath(rel).parts
        if len(parts) < 3 or parts[1] not in languages:
            problems.append(Problem(rel, 0, "docs-place", "file is outside a language folder of docs/", f"Move it into docs/<language>/ ({', '.join(languages)})"))
        else:
            placed.append((path, rel, parts[1], "/".join(parts[2:])))
    pages: dict[str, set[str]] = {lang: set() for lang in languages}
    for _path, _rel, lang, inner in placed:
        if inner.endswith(".md"):
            pages[lang].add(inner)
    totals: dict[str, list[int]] = {lang: [0, 0] for lang in languages}  # characters of Markdown, bytes of files
    previews: dict[tuple[str, str], str] = {}
    for path, rel, lang, inner in placed:
        named = name_problems(rel, inner, reserved or {})
        problems += named
        suffix = path.suffix.lower()
        if suffix not in ALLOWED_FILES:
            problems.append(Problem(rel, 0, "docs-file-type", f"files of type {suffix or '(no extension)'!r} are not published from docs/", f"Use one of: {', '.join(sorted(ALLOWED_FILES))}; scripts, HTML, SVG and other active content are never published"))
            continue
        raw, found = read_input(path, rel, ALLOWED_FILES[suffix][0], root)
        problems += found
        if raw is None:
            continue
        totals[lang][1] += len(raw)
        magic = ALLOWED_FILES[suffix][1]
        if magic and not any(raw.startswith(m) for m in magic):
            problems.append(Problem(rel, 0, "docs-file-type", f"the content is not a {suffix[1:].upper()} file", "Save the file in the format its name says"))
        if suffix == ".md":
            problems += page_problems(rel, raw, inner, generated | pages[lang])
            totals[lang][0] += len(raw.decode("utf-8", "replace"))
            marked = untranslated_line(raw)
            if marked and lang not in drafts:
                problems.append(Problem(rel, marked, "untranslated-page", f"the page is marked untranslated, and {lang} is published", "Translate the page, then delete the line `untranslated: true`"))
            image = page_preview(lang, inner)
            if named:
                continue  # renamed anyway: a twin is judged once the names are allowed
            if (lang, image) in previews:
                problems.append(Problem(rel, 0, "docs-name", f"the page would share its link-preview image with {previews[lang, image]}", "Rename one of them: a folder and a page named like folder-page give the same image"))
            previews.setdefault((lang, image), rel)
    for lang in languages:
        problems += _language_limits(lang, len(pages[lang]), *totals[lang])
        for page in sorted(pages.get(default_language, set()) - pages[lang]):
            problems.append(Problem(f"{DOCS}/{lang}/{page}", 0, "missing-page", f"the {lang} site needs this page (it exists in {DOCS}/{default_language}/)", f"Translate {DOCS}/{default_language}/{page} into this file"))
    return problems


def name_problems(rel: str, inner: str, reserved: Mapping[str, str]) -> list[Problem]:
    """A file's path below docs/<lang>/ is a small safe language: it becomes an address, a file name on every system and a log line."""
    names = inner.split("/")
    problems = []
    if len(names) > MAX_FOLDERS + 1:
        problems.append(Problem(rel, 0, "docs-name", f"the file is {len(names) - 1} folders deep, more than {MAX_FOLDERS}", f"Keep pages at most {MAX_FOLDERS} folders below docs/<language>/"))
    for position, name in enumerate(names):
        stem, dot, extension = name.partition(".") if position == len(names) - 1 else (name, "", "")
        if not SAFE_NAME.fullmatch(stem) or len(name) > MAX_NAME or (dot and extension not in SAFE_EXTENSIONS):
            problems.append(Problem(rel, 0, "docs-name", f"the name '{name}' is not allowed", NAME_FIX))  # rel shows invisible characters escaped
        elif stem in WINDOWS_NAMES:
            problems.append(Problem(rel, 0, "docs-name", f"{stem!r} is a reserved device name on Windows (the repository could not be checked out there)", "Choose another name"))
    first = names[0].partition(".")[0]
    if first in reserved:
        problems.append(Problem(rel, 0, "docs-reserved", f"{first!r} would be published where the site publishes {reserved[first]}", f"Rename it; these names belong to the site: {', '.join(sorted(k for k in reserved if not reserved[k].endswith('could add)')))} and every language code"))
    if names[-1] == "index.md":
        problems.append(Problem(rel, 0, "docs-reserved", "a page named index.md would take the address of its folder (at the top: the home page, which the site generates)", "Name the page after what it says, e.g. guide.md beside the folder guide/"))
    return problems


def page_preview(lang: str, page: str) -> str:
    """The link-preview image the site draws for a hand-written page (as hooks/corpus_pages.py names it)."""
    from aiprinciples.site.previews import preview_path

    return preview_path(lang, "page-" + page.removesuffix(".md"))


def _language_limits(lang: str, pages: int, characters: int, size: int) -> Iterator[Problem]:
    folder = f"{DOCS}/{lang}"
    if pages > MAX_PAGES:
        yield Problem(folder, 0, "docs-limit", f"the folder holds {pages} pages, more than {MAX_PAGES}", LIMIT_FIX)
    if characters > MAX_LANGUAGE_CHARS:
        yield Problem(folder, 0, "docs-limit", f"its pages hold {characters:,} characters, more than {MAX_LANGUAGE_CHARS:,}", LIMIT_FIX)
    if size > MAX_LANGUAGE_BYTES:
        yield Problem(folder, 0, "docs-limit", f"its files hold {size:,} bytes, more than {MAX_LANGUAGE_BYTES:,}", "Make the images smaller; a page needs no large image")


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
    body = lines[body_start - 1:]
    limits = _capped([Problem(rel, number, "docs-limit", message, fix) for number, message, fix in _limit_findings(text, body, body_start)])
    problems += limits
    fenced = ""
    for number, line in enumerate(body, body_start):
        # Invisible characters are refused everywhere, code and fences included: they disguise text wherever it is shown.
        for rule, message, fix in text_findings(line.strip() or "-"):
            if rule in ("invisible-char", "not-nfc"):
                problems.append(Problem(rel, number, rule, message, fix))
        stripped = line.lstrip()
        fence = FENCE.match(stripped)
        if fence:
            fenced = "" if fenced and stripped.startswith(fenced) else (fenced or fence.group(0))
            continue
        if not fenced:
            problems += [Problem(rel, number, rule, message, fix) for rule, message, fix in _markup_findings(line)]
    if not limits:  # rendering is bounded only within the limits
        problems += [Problem(rel, number, rule, message, fix) for number, rule, message, fix in _rendered_findings("\n".join(body), body_start, page, known_pages)]
    return problems


def _capped(problems: list[Problem], most: int = 20) -> list[Problem]:
    """At most `most` problems of one rule per file: a hostile file must not flood the report."""
    if len(problems) <= most:
        return problems
    rest = problems[most]
    return problems[:most] + [Problem(rest.path, rest.line, rest.rule, f"and {len(problems) - most} more problems like the ones above, from this line on", rest.fix)]


def _limit_findings(text: str, body: list[str], first: int) -> Iterator[tuple[int, str, str]]:
    """(line, message, fix) for each limit a page passes. The limits bound what Markdown, the theme and search do with it."""
    if len(text) > MAX_PAGE_CHARS:
        yield _crossing(body, first, len, MAX_PAGE_CHARS), f"the page holds {len(text):,} characters, more than {MAX_PAGE_CHARS:,}", LIMIT_FIX
    markup = sum(text.count(char) for char in MARKUP_CHARS)
    if markup > MAX_MARKUP:
        yield _crossing(body, first, lambda line: sum(line.count(c) for c in MARKUP_CHARS), MAX_MARKUP), f"the page holds {markup:,} of the characters {MARKUP_CHARS}, more than {MAX_MARKUP:,}", "Use less markup: no page needs that much emphasis, code or links"
    headings = [number for number, line in enumerate(body, first) if HEADING.match(line)]
    if len(headings) > MAX_HEADINGS:
        yield headings[MAX_HEADINGS], f"the page has {len(headings)} headings, more than {MAX_HEADINGS}", "Split the page, or use fewer headings"
    block, block_start, brackets = 0, first, 0
    for number, line in enumerate(body, first):
        if len(line) > MAX_LINE_CHARS:
            yield number, f"the line is {len(line):,} characters long, more than {MAX_LINE_CHARS:,}", "Break it into shorter lines (a single line break inside a paragraph does not show)"
        run = MARKUP_RUN.search(line)
        if run:
            yield number, f"{len(run.group())} {run.group()[0]!r} in a row, more than {MAX_RUN}", "Write fewer in a row; Markdown needs at most three"
        prefix = len(NESTING_PREFIX.match(line.expandtabs(4)[: MAX_NESTING + 2]).group())
        if prefix > MAX_NESTING:
            yield number, f"the line is nested more than {MAX_NESTING} columns deep (indentation plus list and quote markers)", "Nest lists and quotes at most a few levels deep"
        if not line.strip():
            block, block_start, brackets = 0, number + 1, 0
            continue
        before = block
        block += len(line) + 1
        if before <= MAX_BLOCK_CHARS < block:
            yield block_start, f"the paragraph or list from this line on is longer than {MAX_BLOCK_CHARS:,} characters", "Separate paragraphs and lists with an empty line"
        count = brackets + line.count("[")
        if brackets <= MAX_BRACKETS < count:
            yield number, f"the paragraph or list has more than {MAX_BRACKETS} [ by this line", "Split it with empty lines (between list items too): each [ costs the site a scan of its whole paragraph"
        brackets = count


def _crossing(lines: list[str], first: int, measure, limit: int) -> int:
    """The line at which a running total of measure(line) passes limit."""
    total = 0
    for number, line in enumerate(lines, first):
        total += measure(line) + 1
        if total > limit:
            return number
    return first


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
            if len(value) > FRONT_MATTER_KEYS[key]:
                yield Problem(rel, line, "too-long", f"{key} is {len(value)} characters long, more than {FRONT_MATTER_KEYS[key]}", f"Shorten it: the {key} is shown in browser tabs, search results and link previews")


def _markup_findings(line: str) -> Iterator[tuple[str, str, str]]:
    """Raw HTML and attribute lists, line by line: the site shows them as text, the contributor learns why here."""
    prose = CODE_SPAN.sub("", line)
    without_autolinks = AUTOLINK.sub("", prose)
    if HTML_TAG.search(without_autolinks) or HTML_ENTITY_TAG.search(without_autolinks):
        yield "docs-html", "raw HTML is not allowed in hand-written pages", "Write Markdown instead (the site shows raw HTML as text)"
    for match in ATTR_LIST.finditer(prose):
        yield "docs-attribute", f"attribute list {match.group(0)!r} is not supported", "Remove it: pages take no HTML attributes (the site would show it as text)"


def _rendered_findings(body: str, first: int, page: str, known_pages: set[str]) -> Iterator[tuple[int, str, str, str]]:
    """Links, heading ids and classes as the site will publish them: on the HTML Markdown makes of the page.

    Multi-line links, reference definitions inside quotes and fake fences are links there like any
    other; each finding is located back at the line that holds it.
    """
    md = markdown_for_pages()
    elements = _Elements(md.convert(body))
    where = _Locator(body, first)
    for tag, value, raw in elements.urls:
        url = value
        for _ in range(3):  # entities inside entities: as many rounds as a browser could be made to decode
            url = html.unescape(url)
        url = CONTROL_OR_SPACE.sub("", url).lower()
        scheme = SCHEME.match(url)
        line = where.line(raw, value)
        if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
            yield line, "docs-link", f"{'image' if tag == 'img' else 'link'} to a {scheme.group(1)}: address", "Link only to http(s):, mailto: or a relative address"
        elif not scheme and value.split("#")[0].endswith(".md") and tag == "a":
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(page), value.split("#")[0]))
            if linked not in known_pages:
                yield line, "docs-link", f"link to {value!r}, which is not a page of this language", "Link to an existing .md file in the same language folder, or to a site address such as ../win/"
    for wanted, given in md.reserved_ids:
        yield where.heading(wanted), "docs-id", f"the heading's id would be {wanted!r}, which the theme uses (ids starting with _ are the theme's)", f"Reword the heading so that it does not start with _ (the site would otherwise change its id to {given!r})"
    for word in sorted(elements.classes - ALLOWED_CLASSES):
        yield where.line(word), "docs-class", f"{word!r} is not an admonition type the site allows (it would become an HTML class)", f"Use one of: {', '.join(sorted(ADMONITION_TYPES))}"
    for value in sorted(elements.ids):
        if not safe_id(value) and value not in {given for _, given in md.reserved_ids}:
            yield where.line(value), "docs-id", f"the id {value!r} is one the theme uses", "Reword the heading"


class _Elements(HTMLParser):
    """URLs, classes and ids of rendered HTML, as a browser reads them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, URL as a browser reads it, URL as written: entities kept)
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                written = re.search(rf'\s{name}="([^"]*)"', self.get_starttag_text() or "")
                self.urls.append((tag, value, written.group(1) if written else value))
            elif name == "class":
                self.classes.update(value.split())
            elif name == "id":
                self.ids.add(value)


class _Locator:
    """Finds the line of a page that holds a piece of rendered output, whatever spaces and line breaks Markdown took out."""

    def __init__(self, body: str, first: int):
        self.lines = body.split("\n")
        self.first = first
        self.compact, self.line_of = [], []
        for number, line in enumerate(self.lines, first):
            for char in line:
                if not char.isspace():
                    self.compact.append(char)
                    self.line_of.append(number)
        self.text = "".join(self.compact)

    def line(self, *needles: str) -> int:
        """The first line holding one of the needles (tried in order, then their first characters), else the body's first."""
        for candidate in (*needles, *(html.escape(n, quote=False) for n in needles), *(n[:12] for n in needles)):
            at = self.text.find("".join(candidate.split())) if candidate.strip() else -1
            if at >= 0:
                return self.line_of[at]
        return self.first

    def heading(self, wanted: str) -> int:
        for number, line in enumerate(self.lines, self.first):
            if HEADING.match(line) and slugify(line.lstrip("#").strip(), "-") == wanted:
                return number
        return self.line(wanted)


# Constant data.
FRONT_MATTER_KEYS = {"title": 120, "description": 300}  # field -> most characters (a title fits a browser tab, a description a search result)
UNTRANSLATED = re.compile(r"^untranslated:\s*true\s*(#.*)?$")
# Limits of hand-written pages, each a bound on the work a page costs the build (Python-Markdown's
# inline patterns rescan a paragraph per [ and per inline element: paragraphs, brackets and markup
# are capped; nesting recurses: it is capped). About ten times what the About page needs.
MAX_PAGE_CHARS = 30_000
MAX_LANGUAGE_CHARS = 30_000  # every page of one language together
MAX_PAGES = 10  # per language
MAX_LANGUAGE_BYTES = 10_000_000  # pages and images of one language
MAX_LINE_CHARS = 2_000
MAX_BLOCK_CHARS = 6_000  # one paragraph, list or quote: lines up to an empty line
MAX_BRACKETS = 16  # [ in one paragraph: each unmatched one costs Markdown a scan of the paragraph
MARKUP_CHARS = "*_`[\\&"
MAX_MARKUP = 1_500
MAX_RUN = 16  # the same markup character in a row
MAX_HEADINGS = 100
MAX_NESTING = 32  # columns of indentation, list markers and > before a line's text
MAX_FOLDERS = 3  # below docs/<language>/
MAX_NAME = 64
LIMIT_FIX = "Shorten it or split it across pages; ask a maintainer if the site needs more (limits in aiprinciples/docs_check.py)"
# Extension -> (size cap in bytes, magic numbers the content must start with; None: text).
ALLOWED_FILES = {
    ".md": (4 * MAX_PAGE_CHARS, None),
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
ATTR_LIST = re.compile(r"\{:[^{}]*\}|\{\s*(?:[#.][\w-]+|[\w:-]+\s*=)[^{}]*\}")  # Python-Markdown's attr_list syntax
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SAFE_EXTENSIONS = {suffix[1:] for suffix in ALLOWED_FILES}
NAME_FIX = (
    "Use lower-case ASCII letters, digits and single hyphens, e.g. how-to-cite.md: no capitals, accents, "
    "spaces, dots or other signs (a name becomes an address, a file on every system and a line in logs)"
)
# Names Windows reserves for devices, with any extension.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
MARKUP_RUN = re.compile(rf"([\[\]*_`])\1{{{MAX_RUN},}}")
NESTING_PREFIX = re.compile(r"(?:[ >]|[-*+](?=[ ]|$)|[0-9]{1,9}[.)](?=[ ]|$))*")
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
