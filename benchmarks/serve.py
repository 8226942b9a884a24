"""Time `make serve` as a translator uses it: save a text, wait until the page shows it. Never part of the tests.

Runs what `make serve` runs (drafts previewed, ONLY= if given) in a copy of a project folder,
then saves one French text again and again and polls the page that shows it. MkDocs serves a
page only once the build under way has finished, so "save → served" is what the open tab shows
after its live reload. For each save it prints that time and how many builds the save started.

    .venv/bin/python benchmarks/serve.py                      # all languages, 5 saves
    .venv/bin/python benchmarks/serve.py --only fr --saves 8
    .venv/bin/python benchmarks/serve.py --race               # saves during rebuilds: no traceback allowed
    .venv/bin/python benchmarks/serve.py --source /path/to/another/checkout   # the same, on other code

Each mode keeps its preview images in its own cache (/tmp/aiprinciples-serve-bench-<mode>), so
only the first run of a mode draws them all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("principles", "translations", "docs", "hooks", "overrides", "aiprinciples", "schemas", "mkdocs.yml")
PAGE, FILE, UNIT = "fr/win/copyright/", "translations/fr/win.yaml", "win-1-1"
LETTERS = "abcdefghijklmnopqrstuvwxyz"  # markers without digits: the `numbers` QA rule counts digits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", default="", help="AIPRINCIPLES_ONLY, as `make serve ONLY=fr`")
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--port", type=int, default=8219)
    parser.add_argument("--source", type=Path, default=ROOT, help="the project folder to copy (code and content)")
    parser.add_argument("--race", action="store_true", help="save again while a rebuild runs, a broken text among the saves")
    parser.add_argument("--keep-log", type=Path, help="copy the server's console here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="serve-bench-") as folder:
        project = Path(folder) / "project"
        for part in PARTS:
            source = args.source / part
            (shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__")) if source.is_dir() else shutil.copy2(source, project / part))
        log_path = Path(folder) / "serve.log"
        cache = Path(tempfile.gettempdir()) / f"aiprinciples-serve-bench-{args.only.replace(' ', '-') or 'all'}"
        env = {
            **os.environ, "NO_MKDOCS_2_WARNING": "1", "AIPRINCIPLES_PREVIEW": "drafts", "AIPRINCIPLES_ONLY": args.only,
            "AIPRINCIPLES_PREVIEW_CACHE": str(cache), "PYTHONPATH": str(project),
        }
        base = f"http://127.0.0.1:{args.port}/"
        with log_path.open("w", encoding="utf-8") as log:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{args.port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                started = time.monotonic()
                fetch_until(base + PAGE, lambda body: "md-header" in body, 300)
                print(f"{'all languages' if not args.only else 'ONLY=' + args.only}: first page served after {time.monotonic() - started:.1f} s")
                settle(log_path)
                (race if args.race else saves)(project, base, log_path, args.saves)
            finally:
                server.terminate()
                server.wait(timeout=30)
        console = log_path.read_text(encoding="utf-8")
        if args.keep_log:
            shutil.copy2(log_path, args.keep_log)
        tracebacks = console.count("Traceback (most recent call last)")
        print(f"console: {len(console.splitlines())} lines, {tracebacks} traceback(s), {console.count('Overriding')} 'Overriding' lines")
        return 1 if tracebacks else 0


def saves(project: Path, base: str, log_path: Path, count: int) -> None:
    times, builds = [], []
    original = (project / FILE).read_text(encoding="utf-8")
    for n in range(count):
        marker = f"marqueur{LETTERS[n % 26]}{LETTERS[n // 26 % 26]}"
        before = builds_so_far(log_path)
        write_text(project, original, marker)
        saved = time.monotonic()
        fetch_until(base + PAGE, lambda body, marker=marker: marker in body, 120)
        times.append(time.monotonic() - saved)
        settle(log_path)
        builds.append(builds_so_far(log_path) - before)
        print(f"save {n + 1}: served after {times[-1]:.2f} s; builds started: {builds[-1]}")
    print(f"median save → served: {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}); builds per save: {builds}")


def race(project: Path, base: str, log_path: Path, count: int) -> None:
    """Save, then save again while that rebuild runs (sometimes a broken text), end on a good text."""
    original = (project / FILE).read_text(encoding="utf-8")
    for n in range(count):
        first, last = f"premier{LETTERS[n % 26]}", f"dernier{LETTERS[n % 26]}"
        write_text(project, original, first)
        wait_for_line(log_path, "Building documentation", builds_so_far(log_path))
        time.sleep(0.3 + 0.4 * (n % 3))  # inside the rebuild: during the main build or a language's nested build
        broken = original.replace(f"  {UNIT}:\n", f"  {UNIT}:\n    text: \"dup\"\n", 1) if n % 2 == 0 else None
        if broken:
            (project / FILE).write_text(broken, encoding="utf-8")
            time.sleep(0.3)
        write_text(project, original, last)
        saved = time.monotonic()
        fetch_until(base + PAGE, lambda body, last=last: last in body and "cannot be built yet" not in body, 120)
        print(f"race {n + 1}: {'broken save between, ' if broken else ''}final text served after {time.monotonic() - saved:.2f} s")
        settle(log_path)


def write_text(project: Path, original: str, marker: str) -> None:
    lines = original.split("\n")
    at = lines.index(f"  {UNIT}:")
    text_line = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("    text: "))
    lines[text_line] = lines[text_line][:-1] + f' {marker}"'
    (project / FILE).write_text("\n".join(lines), encoding="utf-8")


def builds_so_far(log_path: Path) -> int:
    return log_path.read_text(encoding="utf-8").count("Building documentation...")


def wait_for_line(log_path: Path, text: str, seen: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while log_path.read_text(encoding="utf-8").count(text) <= seen and time.monotonic() < deadline:
        time.sleep(0.02)


def settle(log_path: Path, quiet: float = 2.0) -> None:
    """Wait until every build the server started has ended and none started for `quiet` seconds."""
    since = time.monotonic()
    while time.monotonic() - since < quiet:
        text = log_path.read_text(encoding="utf-8")
        ended = text.count("Reloading browsers") + text.count("error happened during the rebuild")
        if text.count("Building documentation...") != ended + 1:  # the first build logs no end
            since = time.monotonic()
        time.sleep(0.1)


def fetch_until(url: str, done, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body = response.read().decode("utf-8")
                if done(body):
                    return body
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url}: not done after {timeout} s")
        time.sleep(0.05)


if __name__ == "__main__":
    raise SystemExit(main())
