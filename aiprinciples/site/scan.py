"""Scan a built site for anything that could run code or publish a file by accident.

The output's last line of defence, whatever the inputs did: every file of the
site is checked against an allow-list of types and places, and every HTML, SVG
and XML file for scripts, event handlers, dangerous URLs, frames and plugins,
and (HTML) for its Content-Security-Policy, duplicated ids and ids of the theme's
on page content. Every CSV cell must be inert in a spreadsheet (no formula), and
every sitemap URL percent-encoded.

    .venv/bin/python -m aiprinciples.site.scan site/     # path:line: what; exit status 1 on findings

Pure Python (html.parser); no MkDocs.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import html
import io
import json
import os
import re
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from aiprinciples.site.csp import DATA_TYPES, InlineScript, policy, script_hash
from aiprinciples.site.open_data import FORMULA_STARTS


class Finding(NamedTuple):
    path: str  # relative to the scanned folder, with /
    line: int  # 0: the whole file
    what: str


def scan_site(site: Path) -> list[Finding]:
    findings: list[Finding] = []
    for folder, dirs, files in os.walk(site, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(site).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                findings.append(Finding(rel, 0, "symbolic link: a build must write files, never links (it could publish any file of the machine)"))
            elif stat.S_ISREG(mode):
                findings.extend(scan_file(site, rel))
            elif not stat.S_ISDIR(mode):
                findings.append(Finding(rel, 0, "not a regular file"))
        dirs.sort()
    return findings


def scan_file(site: Path, rel: str) -> list[Finding]:
    findings = [] if allowed(rel) else [Finding(rel, 0, f"file type or place not allowed in the site: {ALLOWED_HELP}")]
    suffixes = "".join(PurePosixPath(rel).suffixes[-2:]).lower()
    raw = (site / rel).read_bytes()
    if suffixes.endswith(".gz"):
        try:
            raw = gzip.GzipFile(fileobj=io.BytesIO(raw)).read(MAX_UNZIPPED + 1)
        except (OSError, EOFError) as err:
            return [*findings, Finding(rel, 0, f"unreadable gzip file: {err}")]
        if len(raw) > MAX_UNZIPPED:
            return [*findings, Finding(rel, 0, "gzip file unpacks to more than 64 MB")]
        suffixes = suffixes[: -len(".gz")]
    kind = next((k for k, exts in MARKUP.items() if suffixes.endswith(exts)), None)
    if kind is None and not rel.endswith(JSON_FILES) and suffixes != ".csv":
        return findings
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return [*findings, Finding(rel, 0, f"not UTF-8: {err.reason} at byte {err.start}")]
    if suffixes == ".csv":
        return findings + _scan_csv(rel, text)
    if kind:
        findings += [Finding(rel, line, what) for line, what in scan_markup(site, rel, text, kind)]
        if PurePosixPath(rel).name == "sitemap.xml":
            findings += _scan_sitemap(rel, text)
        return findings
    return findings + _scan_data(rel, text)


def scan_markup(site: Path, rel: str, text: str, kind: str) -> list[tuple[int, str]]:
    """(line, what) for one HTML, SVG or XML text."""
    markup = _Markup(site, rel, kind)
    markup.feed(text)
    markup.close()
    found = markup.found
    if kind == "html":
        if markup.csp is None:
            found.append((0, "no Content-Security-Policy <meta> in <head>"))
        if not markup.referrer:
            found.append((0, 'no <meta name="referrer"> in <head>'))
    # html.parser and browsers disagree on some broken markup: every "<script", "<iframe"…
    # in the raw text must be an element the parser saw.
    for tag in sorted(FORBIDDEN | {"script"}):
        raw = len(re.findall(rf"<(?:[a-z0-9_-]+:)?{tag}[\s/>]", text, re.IGNORECASE))
        if raw > markup.seen.get(tag, 0):
            found.append((0, f"'<{tag}' that is not an element the scanner could read (in a comment, an attribute or broken markup)"))
    return sorted(found)


class _Markup(HTMLParser):
    def __init__(self, site: Path, rel: str, kind: str):
        super().__init__(convert_charrefs=True)  # attribute values as a browser sees them, &#106;avascript: included
        self.site, self.rel = site, rel
        self.found: list[tuple[int, str]] = []
        self.seen: dict[str, int] = {}
        self.csp: set[str] | None = None  # hashes listed in the page's policy
        self.referrer = False
        self.in_head = kind == "html"
        self.before_resources = True  # no script, link or style seen yet
        self._script: tuple[int, str] | None = None
        self._text: list[str] = []
        self.ids: dict[str, int] = {}  # id -> first line

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        name = tag.rsplit(":", 1)[-1]
        self.seen[name] = self.seen.get(name, 0) + 1
        attributes = {key.lower(): value for key, value in attrs}
        if name in FORBIDDEN:
            self.found.append((line, f"<{tag}> element"))
        element_id = attributes.get("id")
        if element_id is not None:
            if element_id in self.ids:
                self.found.append((line, f"id {element_id!r} is used twice (first on line {self.ids[element_id]}): getElementById finds only one"))
            self.ids.setdefault(element_id, line)
            if element_id.startswith("_") and name in CONTENT_TAGS:
                self.found.append((line, f"id {element_id!r} on <{tag}>: ids starting with _ are the theme's (its configuration, drawer, search)"))
        for key, value in attrs:
            local = key.lower().rsplit(":", 1)[-1]
            if local.startswith("on"):
                self.found.append((line, f"event-handler attribute {key}= on <{tag}>"))
            elif value is not None and local in URL_ATTRIBUTES:
                self._check_url(line, tag, key, value)
            elif value is not None and local == "srcset":
                for candidate in value.split(","):
                    self._check_url(line, tag, key, candidate.strip().split(" ")[0])
        if name in ("animate", "set") and (attributes.get("attributename") or "").lower().rsplit(":", 1)[-1] == "href":
            for key in ("to", "from", "values"):
                for value in (attributes.get(key) or "").split(";"):
                    self._check_url(line, tag, key, value)
        if name == "meta":
            self._meta(line, attributes)
        if name == "body":
            self.in_head = False
        if name in ("script", "link", "style"):
            self.before_resources = False
        if name == "script":
            self._script_start(line, tag, attributes)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.rsplit(":", 1)[-1] == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag.rsplit(":", 1)[-1] == "script" and self._script:
            line, kind = self._script
            text = "".join(self._text)
            self._script = None
            if kind in DATA_TYPES:
                return
            if kind not in SCRIPT_TYPES:
                self.found.append((line, f"<script type={kind!r}>: only JavaScript the policy lists, or JSON data ({' or '.join(sorted(DATA_TYPES))})"))
            elif self.csp is None or script_hash(text) not in self.csp:
                self.found.append((line, f"inline script whose sha256 ({script_hash(text)}) the page's Content-Security-Policy does not list"))
            elif not InlineScript(line, text, kind).trusted:
                self.found.append((line, "inline script the theme does not emit, listed in the page's own policy"))

    def handle_data(self, data):
        if self._script:
            self._text.append(data)

    def _script_start(self, line, tag, attributes):
        src = attributes.get("src")
        if src is None:
            self._script, self._text = (line, (attributes.get("type") or "").strip().lower()), []
            return
        page = "https://site.invalid/" + self.rel
        target = urlsplit(urljoin(page, src.strip()))
        path = unquote(target.path).lstrip("/")
        if (target.scheme, target.netloc) != ("https", "site.invalid") or not path.startswith("assets/") or ".." in path.split("/"):
            self.found.append((line, f"<{tag} src={src!r}>: scripts come only from this site's assets/"))
        elif not (self.site / path).is_file():
            self.found.append((line, f"<{tag} src={src!r}>: no such file in assets/"))

    def _meta(self, line, attributes):
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        content = attributes.get("content") or ""
        if equiv == "refresh":
            match = re.match(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", content, re.IGNORECASE | re.DOTALL)
            self._check_url(line, "meta http-equiv=refresh", "url", match.group(1).strip().strip("'\"") if match else content)
        if (attributes.get("name") or "").lower() == "referrer" and self.in_head:
            self.referrer = True
        if equiv != "content-security-policy" or self.csp is not None:
            return
        if not self.in_head or not self.before_resources:
            self.found.append((line, "the Content-Security-Policy <meta> must come in <head>, before any script, link or style"))
        directives = {part.split()[0].lower(): part.split()[1:] for part in content.split(";") if part.split()}
        hashes = [source for source in directives.get("script-src", []) if source.startswith("'sha256-")]
        self.csp = set(hashes)
        if content != policy(hashes):
            self.found.append((line, f"Content-Security-Policy is not the site's policy: {content!r}"))

    def _check_url(self, line, tag, key, value):
        # As a browser's URL parser reads it: tabs and newlines dropped, controls and spaces trimmed.
        url = value.replace("\t", "").replace("\n", "").replace("\r", "").strip(C0_AND_SPACE)
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in BAD_SCHEMES:
            self.found.append((line, f"{scheme}: URL in {key}= on <{tag}>"))


def _scan_data(rel: str, text: str) -> list[Finding]:
    """JSON files must be JSON; search_index.js must be JSON assigned to one variable, nothing else."""
    if rel.endswith(".js"):
        if not (text.startswith(INDEX_JS_START) and text.endswith(INDEX_JS_END)):
            return [Finding(rel, 1, f"not the search index as data: must be `{INDEX_JS_START}{{…}}{INDEX_JS_END.strip()}`")]
        text = text[len(INDEX_JS_START) : -len(INDEX_JS_END)]
    try:
        json.loads(text)
    except ValueError as err:
        return [Finding(rel, getattr(err, "lineno", 0), f"not valid JSON: {err}")]
    return []


def _scan_csv(rel: str, text: str) -> list[Finding]:
    """A spreadsheet runs a cell that starts like a formula: every such cell must be neutralised (open_data.inert_cell)."""
    found = []
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
        for cell in row:
            if cell.lstrip(" \u00a0")[:1] in FORMULA_STARTS:
                found.append(Finding(rel, 0, f"CSV cell starts like a spreadsheet formula: {cell[:40]!r}"))
    return found[:20]


def _scan_sitemap(rel: str, text: str) -> list[Finding]:
    """Every URL of a sitemap is percent-encoded (RFC 3986 characters only): a space, # or < in a path is a bug."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in SITEMAP_URL.finditer(line):
            url = html.unescape(match.group(1) or match.group(2))
            path = urlsplit(url).path if URL_CHARS.fullmatch(url) else url
            if not URL_CHARS.fullmatch(url) or "#" in url or "?" in url or BAD_PERCENT.search(path):
                found.append(Finding(rel, number, f"sitemap URL is not a percent-encoded page address: {url[:80]!r}"))
    return found


def allowed(rel: str) -> bool:
    return any(_match(rel.split("/"), pattern.split("/")) for pattern, _why in ALLOWED)


def _match(parts: list[str], pattern: list[str]) -> bool:
    """Glob over path segments: * within one segment, ** any number of segments."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_match(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _match(parts[1:], pattern[1:])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: .venv/bin/python -m aiprinciples.site.scan SITE_FOLDER", file=sys.stderr)
        return 2
    findings = scan_site(Path(args[0]))
    for path, line, what in findings:
        print(f"{os.path.join(args[0], path)}:{line}: {what}")
    return 1 if findings else 0


# Constant data.

# What a clean build writes, and why each is there. Nothing else: no .txt but robots.txt, no
# stray .html or .svg, nothing copied from docs/ but pages.
ALLOWED = (
    ("**/index.html", "every page (use_directory_urls) and every /p/<id>/ resolver"),
    ("404.html", "the default language's not-found page"),
    ("*/404.html", "each other language's not-found page (hooks/site_files.py)"),
    ("sitemap.xml", "the sitemap of every page in every language (aiprinciples/site/outputs.py)"),
    ("*/sitemap.xml", "each other language's part of it"),
    ("robots.txt", "names the sitemap for crawlers (aiprinciples/site/crawlers.py)"),
    ("favicon.ico", "the theme's favicon where browsers look for it without a link"),
    ("sitemap.xml.gz", "the compressed sitemap"),
    ("search/search_index.json", "the default language's search index"),
    ("search/search_index.js", "the same, for a site opened from disk"),
    ("*/search/search_index.json", "each other language's search index"),
    ("*/search/search_index.js", "each other language's search index, for a site opened from disk"),
    ("assets/**/*.js", "Material's bundle, search worker and lunr languages; the project's assets/aiprinciples.js"),
    ("assets/**/*.css", "Material's stylesheets; the project's assets/aiprinciples.css"),
    ("assets/javascripts/*.js.map", "Material's source maps (JSON, never run), as Material ships them"),
    ("assets/javascripts/workers/*.js.map", "the search worker's source map"),
    ("assets/stylesheets/*.css.map", "Material's stylesheet source maps"),
    ("assets/images/*.png", "Material's favicon"),
    ("data/corpus.json", "open data: the whole corpus (aiprinciples/site/open_data.py)"),
    ("data/corpus.schema.json", "open data: the JSON Schema of the export"),
    ("data/*.csv", "open data: one table per language"),
    ("data/*.xlsx", "open data: one workbook per language, a sheet per document"),
    ("data/*/*.json", "open data: one document in one language"),
    ("og/*/*.png", "the link-preview images of every page and point, drawn at build time (aiprinciples/site/previews.py)"),
)
ALLOWED_HELP = "pages, 404 pages, sitemaps, search indexes, open data and the theme's assets/ only (see ALLOWED in aiprinciples/site/scan.py)"
MARKUP = {"html": (".html", ".htm", ".xhtml"), "svg": (".svg",), "xml": (".xml", ".xsl", ".xslt", ".rss", ".atom")}
JSON_FILES = (".json", ".map", "search/search_index.js")
INDEX_JS_START, INDEX_JS_END = "var __index = ", ";\n"  # as aiprinciples.site.outputs writes it
FORBIDDEN = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data", "background"})  # xlink:href is href
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})  # executed: must be hashed
BAD_SCHEMES = frozenset({"javascript", "data", "vbscript"})  # data: even for images: no page needs one
C0_AND_SPACE = "".join(map(chr, range(0x21)))
MAX_UNZIPPED = 64 * 1024 * 1024
# Elements of a page's content: an id starting with _ there would take one of the theme's (__config, __drawer).
CONTENT_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "li", "ul", "ol", "span", "em", "strong", "code", "pre", "blockquote", "table", "tr", "td", "th", "img", "dl", "dt", "dd", "article", "section", "aside", "details", "summary"})
SITEMAP_URL = re.compile(r"<loc>([^<]*)</loc>|<xhtml:link [^>]*href=\"([^\"]*)\"")
URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")  # RFC 3986
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

if __name__ == "__main__":
    sys.exit(main())
