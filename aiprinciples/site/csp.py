"""Content-Security-Policy and referrer policy for every HTML page the site writes.

Defence in depth on the output: should raw HTML ever reach a page (an event
handler, a javascript: link, an inline <script>), the browser refuses to run it.

The policy goes in a <meta> right after <meta charset>, before any script, so it
covers the whole page. Inline scripts run only by their sha256, and only the
scripts the theme emits are hashed (TRUSTED_SCRIPTS): an inline script from
anywhere else (raw HTML in docs/, a title printed unescaped) is left out of the
policy, so browsers do not run it, and the caller is told where it is.

Pure Python: the hook in hooks/csp.py and aiprinciples.site.outputs call it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class InlineScript:
    line: int
    text: str
    type: str  # the type attribute, lowercased ("" when absent)

    @property
    def is_data(self) -> bool:
        """A JSON data block (Material's config, this site's JSON-LD): never executed, so no hash is needed."""
        return self.type in DATA_TYPES

    @property
    def trusted(self) -> bool:
        return any(shape.fullmatch(self.text) for shape in _SHAPES)


def script_hash(text: str) -> str:
    """The CSP source for an inline script, as browsers compute it (UTF-8, newlines normalised by the HTML parser)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The policy text; hashes sorted so that two builds are byte-identical."""
    script_src = " ".join(["'self'", *sorted(set(hashes))])
    return "; ".join(f"{name} {script_src if name == 'script-src' else value}" for name, value in DIRECTIVES)


def inline_scripts(html: str) -> list[InlineScript]:
    """Every inline script of a page, found by a scan of the raw text.

    The scan finds every "<script" the text holds, case-insensitively: a superset of the
    elements a browser builds, so nothing that would run escapes it (something that would
    not run at most fails the strict build). The site scanner checks pages with a real parser.
    """
    scripts = []
    for start in SCRIPT_START.finditer(html):
        attributes = start.group(1)
        if SRC_ATTRIBUTE.search(attributes):
            continue
        close = SCRIPT_END.search(html, start.end())
        text = html[start.end(): close.start() if close else len(html)]
        kind = TYPE_ATTRIBUTE.search(attributes)
        line = html.count("\n", 0, start.start()) + 1
        scripts.append(InlineScript(line, text, (kind.group(2) if kind else "").strip().lower()))
    return scripts


def apply_policy(html: str) -> tuple[str, list[InlineScript]]:
    """The page with the policy and referrer tags after <meta charset>, and its inline scripts left out of the policy."""
    charset = META_CHARSET.search(html)
    if charset is None:
        raise ValueError("the page has no <meta charset> to put the Content-Security-Policy after")
    code = [s for s in inline_scripts(html) if not s.is_data]
    untrusted = [s for s in code if not s.trusted]
    hashes = [script_hash(s.text) for s in code if s.trusted]
    tags = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n<meta name="referrer" content="{REFERRER}">'
    return html[: charset.end()] + tags + html[charset.end() :], untrusted


def allow_script(html: str, script: str) -> str:
    """The page with one more inline script allowed, by its hash. For `mkdocs serve`'s live reload only: never a built page."""
    found = POLICY_SCRIPT_SRC.search(html)
    if found is None:
        raise ValueError("the page has no Content-Security-Policy to add the script to")
    return html[: found.end()] + " " + script_hash(script) + html[found.end():]


# Constant data.

# Each directive, and why. A <meta> policy cannot carry frame-ancestors, report-uri
# or sandbox (browsers ignore them there and log an error), so none is set.
DIRECTIVES = (
    ("default-src", "'self'"),  # anything not named below: this site only (fonts, manifest, media)
    ("script-src", None),  # 'self' and the hashes of the theme's inline scripts; never 'unsafe-inline' or 'unsafe-eval'
    ("style-src", "'self'"),  # the theme's stylesheets; its scripts set styles through the CSSOM only, which CSP allows
    ("img-src", "'self' data:"),  # data: because Material's CSS draws its icons (navigation arrows, search, table of contents) as data: SVG masks
    ("worker-src", "'self'"),  # Material's search worker
    ("connect-src", "'self'"),  # the search index and sitemap.xml, fetched from this site
    ("object-src", "'none'"),  # no plugins
    ("base-uri", "'self'"),  # a planted <base> cannot redirect relative URLs elsewhere
    ("form-action", "'self'"),  # the search form never submits elsewhere
    ("frame-src", "'none'"),  # no frames, javascript: frames included
)
# No referrer at all: the site has no third-party requests, its own server needs
# none, and outbound links (to WIN, AIE) then never learn which page they came from.
REFERRER = "no-referrer"
DATA_TYPES = frozenset({"application/json", "application/ld+json"})  # exact types: browsers run no script of these

# The inline scripts the theme emits, exactly; {path} and {lang} are the only parts
# that vary by page, and their characters cannot leave a JavaScript string. A theme
# upgrade that changes one makes the build say so (hooks/csp.py): update it here.
TRUSTED_SCRIPTS = (
    # Material 9.8 partials/javascripts/base.html, in every page's <head>
    '__md_scope=new URL("{path}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+\".\"+e)),"
    "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+\".\"+e,JSON.stringify(_))}catch(e){}}",
    # Material 9.8 partials/javascripts/content.html
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
    # overrides/main.html: each language's pages search their own index
    '(function(){var e=document.getElementById("__config"),c=JSON.parse(e.textContent);c.base=c.base.replace(/\\/?$/,"/{lang}/");e.textContent=JSON.stringify(c)})()',
)
_PLACEHOLDERS = {"{path}": "[A-Za-z0-9_./-]*", "{lang}": "[A-Za-z0-9_-]+"}
_SHAPES = tuple(
    re.compile("".join(_PLACEHOLDERS.get(part) or re.escape(part) for part in re.split(r"(\{path\}|\{lang\})", text)))
    for text in TRUSTED_SCRIPTS
)
POLICY_SCRIPT_SRC = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src \'self\'')
META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
TYPE_ATTRIBUTE = re.compile(r"(?:^|\s)type\s*=\s*([\"']?)([^\"'\s>]*)\1", re.IGNORECASE)
