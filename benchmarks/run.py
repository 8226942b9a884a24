"""Build-time benchmark: the working tree against an earlier commit, on realistic synthetic corpora.

    make bench                      # quick: 10 documents × 5 languages, 3 runs, against the merge base with main
    make bench FULL=1               # 10 and 100 documents × 5 and 10 languages
    make bench BASE=HEAD~3          # against another commit
    .venv/bin/python benchmarks/run.py --config 20x5 --runs 5

For each corpus size, both trees get the same synthetic project (benchmarks/corpus.py: distinct
texts in every document and language, so preview images are really drawn), each made from its
own tree's corpus and code. Then, run by run and in alternating order, each tree builds it cold
(empty preview cache) and warm (the cache the cold build filled): `mkdocs build --strict`, as
`make build` does. Each build's CPU time (user+sys, its child processes included) and peak
memory (max RSS of its largest process) come from the operating system (wait4), like
/usr/bin/time. CPU time is the figure to read on a shared machine: wall time also counts
the time other work took the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUICK = [(10, 5)]
FULL = [(10, 5), (10, 10), (100, 5), (100, 10)]
NEGLIGIBLE = 0.03  # a median ratio this close to 1 is no finding, even when every run agrees


@dataclass
class Build:
    cpu: float  # seconds, user + sys
    wall: float  # seconds
    rss: float  # MB, the largest process


@dataclass
class Tree:
    label: str
    source: Path  # the checkout whose code and corpus it is
    project: Path | None = None  # the synthetic project made from it
    pages: int = 0  # pages rendered through MkDocs' theme
    html: int = 0  # every HTML file written
    runs: dict[str, list[Build]] = field(default_factory=lambda: {"cold": [], "warm": []})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", help="the commit to compare with (default: the merge base of HEAD and main)")
    parser.add_argument("--full", action="store_true", help="10 and 100 documents × 5 and 10 languages (long: run it on a quiet machine)")
    parser.add_argument("--config", action="append", metavar="DOCSxLANGS", help="a corpus size, e.g. 20x5 (repeatable; instead of the quick or full set)")
    parser.add_argument("--runs", type=int, help="counted cold+warm runs of each tree, after one warm-up (default 3)")
    args = parser.parse_args()
    configs = [tuple(int(n) for n in c.lower().split("x")) for c in args.config] if args.config else (FULL if args.full else QUICK)
    runs = args.runs or 3
    base_ref = args.base or _git("merge-base", "HEAD", "main")
    base_name = f"{base_ref[:12]} ({_git('log', '-1', '--format=%h %s', base_ref)[:60]})"
    print(f"base: {base_name}")
    print(f"candidate: the working tree ({_git('log', '-1', '--format=%h', 'HEAD')}{' with uncommitted changes' if _git('status', '--porcelain', '--untracked-files=no') else ''})")
    print(f"corpora: {', '.join(f'{docs} documents × {langs} languages' for docs, langs in configs)}; {runs} runs of each tree after a warm-up; {os.cpu_count()} cores, load {_load()}\n")
    with tempfile.TemporaryDirectory(prefix="aiprinciples-bench-") as tmp:
        work = Path(tmp)
        checkout = work / "base-src"
        subprocess.run(["git", "worktree", "add", "--detach", str(checkout), base_ref], cwd=ROOT, check=True, capture_output=True)
        try:
            for documents, languages in configs:
                base, candidate = Tree(f"base {base_ref[:7]}", checkout), Tree("candidate", ROOT)
                compare(work / f"{documents}x{languages}", base, candidate, documents, languages, runs)
                report(base, candidate, documents, languages)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False, capture_output=True)
    return 0


def compare(folder: Path, base: Tree, candidate: Tree, documents: int, languages: int, runs: int) -> None:
    for name, tree in (("base", base), ("candidate", candidate)):
        tree.project = folder / name
        made = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(tree.source), str(tree.project), "--documents", str(documents), "--languages", str(languages)],
                              env=_environment(tree.source), capture_output=True, text=True)
        if made.returncode:
            raise SystemExit(f"could not make the {documents}×{languages} corpus from {tree.label}:\n{made.stderr[-3000:]}")
        _own_code(tree)
        build(tree, cold=True)  # warm-up: also proves it builds, and fills the preview cache
        tree.html, tree.pages = _count_pages(tree.project / "site")
    for run in range(runs):
        for tree in (base, candidate) if run % 2 == 0 else (candidate, base):  # alternate: drift favours neither
            tree.runs["cold"].append(build(tree, cold=True))
            tree.runs["warm"].append(build(tree, cold=False))
        print(f"  {documents}×{languages}: run {run + 1} of {runs} done (load {_load()})", file=sys.stderr, flush=True)


def _own_code(tree: Tree) -> None:
    """Refuse a project that would run code from outside it (an editable install of another checkout, a missing module)."""
    probe = "import json, aiprinciples, aiprinciples.site.build as b, aiprinciples.site.previews as p; print(json.dumps([aiprinciples.__file__, b.__file__, p.__file__]))"
    ran = subprocess.run([sys.executable, "-c", probe], cwd=tree.project, env=_environment(tree.project), capture_output=True, text=True)
    if ran.returncode:
        raise SystemExit(f"the {tree.label} project cannot import its own code:\n{ran.stderr[-3000:]}")
    foreign = [path for path in json.loads(ran.stdout) if not Path(path).resolve().is_relative_to(tree.project.resolve())]
    if foreign:
        raise SystemExit(f"the {tree.label} project imports code from outside it, so it would measure that code: {', '.join(foreign)}")


def build(tree: Tree, cold: bool) -> Build:
    if cold:
        shutil.rmtree(tree.project / "build" / "og-cache", ignore_errors=True)
    log = tree.project.parent / f"{tree.project.name}.log"
    with open(log, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=tree.project, env=_environment(tree.project), stdout=out, stderr=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the build of {tree.label} failed:\n{log.read_text(encoding='utf-8')[-3000:]}")
    return Build(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def report(base: Tree, candidate: Tree, documents: int, languages: int) -> None:
    print(f"{documents} documents × {languages} languages: {candidate.pages} MkDocs pages and {candidate.html} HTML files (base: {base.pages} and {base.html})")
    print(f"{'':<26}{base.label:>27}{candidate.label:>27}   {'candidate / base':<24}")
    print(f"{'':<26}{'min  median     max':>27}{'min  median     max':>27}   {'median  (pairs)':<24}")
    for kind in ("cold", "warm"):
        rows = [
            ("CPU s", lambda b: b.cpu, lambda t: 1, "{:.2f}"),
            ("CPU ms / MkDocs page", lambda b: b.cpu, lambda t: t.pages / 1000, "{:.1f}"),
            ("CPU ms / HTML file", lambda b: b.cpu, lambda t: t.html / 1000, "{:.2f}"),
            ("max RSS MB", lambda b: b.rss, lambda t: 1, "{:.0f}"),
            ("wall s", lambda b: b.wall, lambda t: 1, "{:.2f}"),
        ]
        for name, figure, per, fmt in rows:
            a = [figure(b) / per(base) for b in base.runs[kind]]
            c = [figure(b) / per(candidate) for b in candidate.runs[kind]]
            pairs = [y / x for x, y in zip(a, c, strict=True)]
            print(f"{kind + ' ' + name:<26}{_spread(a, fmt):>27}{_spread(c, fmt):>27}   {statistics.median(pairs):>6.2f}  ({min(pairs):.2f}–{max(pairs):.2f})  {_verdict(a, c)}")
    for tree in (base, candidate):
        ratio = statistics.median(b.cpu for b in tree.runs["cold"]) / statistics.median(b.cpu for b in tree.runs["warm"])
        print(f"cold / warm CPU, {tree.label}: {ratio:.2f}")
    print()


def _spread(values: list[float], fmt: str) -> str:
    return " ".join(fmt.format(v).rjust(7) for v in (min(values), statistics.median(values), max(values)))


def _verdict(base: list[float], candidate: list[float]) -> str:
    """Within noise when the two ranges overlap or the medians differ by less than 3 %; otherwise which way."""
    if abs(statistics.median(candidate) / statistics.median(base) - 1) < NEGLIGIBLE:
        return "within noise (< 3 %)"
    if max(candidate) < min(base):
        return "lower"
    if min(candidate) > max(base):
        return "HIGHER"
    return "within noise"


def _count_pages(site: Path) -> tuple[int, int]:
    html = pages = 0
    for path in site.rglob("*.html"):
        html += 1
        with open(path, "rb") as handle:
            pages += b'class="md-header' in handle.read(8192 * 4)  # the theme's page, not a redirect or share page
    return html, pages


def _environment(project: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIPRINCIPLES_")}  # a developer's shell must not change what is built
    return {**env, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:9/"}


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
