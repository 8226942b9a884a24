"""Under `mkdocs serve`, a corpus with errors: a small site that shows them where the translator looks.

Every page the previous build had (and the home page) becomes a page listing every
problem as `path:line: message. fix [rule]`; MkDocs' live reload brings the real page
back once the files are fixed. Problems quote untrusted text: escaped once, here.
Pure Python: hooks/corpus_docs.py and hooks/site_files.py call it.
"""

from __future__ import annotations

from html import escape as esc
from pathlib import Path

from aiprinciples.problems import Problem, errors
from aiprinciples.site.csp import apply_policy
from aiprinciples.text_rules import terminal_safe


def previous_pages(site_dir: Path) -> list[str]:
    """The pages a build left in site_dir ("fr/win/index.html"), read before MkDocs cleans it."""
    if not site_dir.is_dir():
        return []
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("index.html") if path.is_file() and not path.is_symlink())


def write_problem_site(site_dir: Path, problems: list[Problem], pages: list[str], base_path: str) -> None:
    """The problems page at the home page and at every previous page, and as the 404 page.

    Every one reloads by itself after the next build: MkDocs adds its live-reload script to the
    pages it serves, and hooks/corpus_docs.py to its 404 page.
    """
    stylesheet = base_path + STYLESHEET
    (site_dir / STYLESHEET).write_text(CSS, encoding="utf-8")
    reloading = problems_page(problems, stylesheet, AFTER_SAVE_RELOADS)
    for rel in sorted(set(pages) | {"index.html", "404.html"}):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(reloading, encoding="utf-8")


def problems_page(problems: list[Problem], stylesheet: str, after: str) -> str:
    items = "\n".join(f"<li><strong>{esc(_where(p))}</strong>{esc(str(p)[len(_where(p)):])}</li>" for p in problems)
    html = PAGE.format(title=esc(TITLE), count=esc(count_sentence(problems)), items=items, after=esc(after), stylesheet=esc(stylesheet))
    return apply_policy(html)[0]  # no inline script: nothing to hash


def console_report(problems: list[Problem]) -> str:
    """What the serve console prints: the same lines as the page, safe for a terminal."""
    head = f"{TITLE}: {count_sentence(problems)} {AFTER_SAVE_RELOADS}" if errors(problems) else count_sentence(problems)
    return terminal_safe("\n".join([head, *(str(p) for p in problems)]))


def count_sentence(problems: list[Problem]) -> str:
    stopping = len(errors(problems))
    warnings = len(problems) - stopping
    parts = [f"{stopping} {'problem stops' if stopping == 1 else 'problems stop'} the build"] if stopping else []
    if warnings:
        parts.append(f"{warnings} {'warning does' if warnings == 1 else 'warnings do'} not")
    return "; ".join(parts) + "."


def _where(problem: Problem) -> str:
    """The location as Problem prints it ("path:line", or "path" for the whole file)."""
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


# Constant data.
TITLE = "The site cannot be built yet"
AFTER_SAVE_RELOADS = "Fix each file at the line shown, then save the file: this page reloads by itself."
STYLESHEET = "problems.css"
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<main>
<h1>{title}</h1>
<p class="count">{count}</p>
<ol class="problems">
{items}
</ol>
<p class="after">{after}</p>
</main>
</body>
</html>
"""
CSS = """body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1f; background: #fff; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; color: #a1151a; }
.count, .after { font-weight: 600; }
.problems li { margin: 0.6rem 0; overflow-wrap: anywhere; }
.problems strong { font-family: ui-monospace, monospace; }
"""
