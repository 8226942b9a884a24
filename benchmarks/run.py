"""Build-time benchmark: the site as configured against a baseline, side by side.

It makes a synthetic project with many copies of the WIN document (new ids, same
texts and translations), then builds it alternately with the project's
mkdocs.yml (candidate) and with a baseline variant, and prints the median wall
time of each and their ratio pair by pair. Timings vary with the machine: read
the ratios, not the seconds.

    .venv/bin/python benchmarks/run.py                      # baseline: flat navigation (navigation.prune off)
    .venv/bin/python benchmarks/run.py --docs 80 --runs 3   # about 2,500 pages
    .venv/bin/python benchmarks/run.py --baseline-ref HEAD~5  # baseline: an earlier commit's code on the same corpus
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT = re.compile(r"\bwin-(?=[0-9]|title|preamble|closing)")  # unit ids, not file names
PARTS = ("principles", "translations", "docs", "hooks", "overrides", "aiprinciples", "schemas", "mkdocs.yml")


def make_project(target: Path, docs: int, source: Path = ROOT) -> Path:
    for part in PARTS:
        (shutil.copytree if (source / part).is_dir() else shutil.copy2)(source / part, target / part)
    win = (source / "principles/win.yaml").read_text(encoding="utf-8")
    for n in range(docs):
        doc_id = f"b{n:03d}"
        (target / f"principles/{doc_id}.yaml").write_text(UNIT.sub(f"{doc_id}-", win).replace("id: win\n", f"id: {doc_id}\n"), encoding="utf-8")
        for lang_dir in (target / "translations").iterdir():
            path = lang_dir / "win.yaml"
            if path.exists():
                text = UNIT.sub(f"{doc_id}-", path.read_text(encoding="utf-8")).replace('source: "win"', f'source: "{doc_id}"')
                (lang_dir / f"{doc_id}.yaml").write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "aiprinciples", "--root", str(target), "fmt"], cwd=ROOT, check=True, capture_output=True)
    return target


def flat_navigation(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    - navigation.prune\n", ""), encoding="utf-8")


def build_seconds(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:9/"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=16, help="synthetic copies of the WIN document (default 16)")
    parser.add_argument("--runs", type=int, default=3, help="counted runs of each, after one warm-up each (default 3)")
    parser.add_argument("--baseline-ref", help="git ref whose code is the baseline, instead of flat navigation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        candidate = make_project(Path(tmp) / "candidate", args.docs)
        if args.baseline_ref:
            source = Path(tmp) / "ref"
            subprocess.run(["git", "worktree", "add", "--detach", str(source), args.baseline_ref], cwd=ROOT, check=True, capture_output=True)
            baseline = make_project(Path(tmp) / "baseline", args.docs, source)
            label = f"code at {args.baseline_ref}"
        else:
            baseline = make_project(Path(tmp) / "baseline", args.docs)
            flat_navigation(baseline)
            label = "flat navigation (no navigation.prune)"
        pages = None
        for project in (candidate, baseline):  # warm-up, and a check that both build
            build_seconds(project)
        pages = sum(1 for _ in (candidate / "site").rglob("index.html"))
        pairs = [(build_seconds(candidate), build_seconds(baseline)) for _ in range(args.runs)]
        if args.baseline_ref:
            subprocess.run(["git", "worktree", "remove", "--force", str(Path(tmp) / "ref")], cwd=ROOT, check=False, capture_output=True)
    ratios = [a / b for a, b in pairs]
    print(f"synthetic corpus: {args.docs} extra documents, {pages} HTML pages; {args.runs} runs each after a warm-up")
    print(f"{'':<12}{'candidate':>12}{'baseline':>12}{'ratio':>10}")
    for n, (a, b) in enumerate(pairs, 1):
        print(f"{'run ' + str(n):<12}{a:>11.2f}s{b:>11.2f}s{a / b:>10.2f}")
    print(f"{'median':<12}{statistics.median(a for a, _ in pairs):>11.2f}s{statistics.median(b for _, b in pairs):>11.2f}s{statistics.median(ratios):>10.2f}")
    print(f"candidate: this checkout's mkdocs.yml; baseline: {label}. Ratio < 1: the candidate is faster.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
