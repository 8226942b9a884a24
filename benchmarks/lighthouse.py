"""Lighthouse (mobile) on every kind of page, served compressed from 127.0.0.1: a measurement, not a test.

    .venv/bin/python benchmarks/lighthouse.py                   # the real site
    .venv/bin/python benchmarks/lighthouse.py --documents 100   # a synthetic corpus (benchmarks/corpus.py)
    .venv/bin/python benchmarks/lighthouse.py --lang fr --runs 3 --port 8231

Builds the site for its address, serves it gzip-compressed (as any production server would),
and runs Lighthouse 12 with its default mobile settings (simulated slow 4G and a 4× slower CPU)
in Debian's Chromium (CHROME_PATH=/usr/bin/chromium) on the home, document, principle,
theme, share, status and open-data pages. Lighthouse is installed on first use into
build/lighthouse/ with npm (`npm install lighthouse@12`). Scores depend on the machine's load:
run it on a quiet machine and read the median.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "build" / "lighthouse"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, help="build a synthetic corpus of this many documents instead of the real one")
    parser.add_argument("--languages", type=int, default=5, help="languages of the synthetic corpus (default 5)")
    parser.add_argument("--lang", default="", help="the language of the pages measured (default: the default language)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (default 1)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args()
    binary = _lighthouse()
    port = args.port or _free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="aiprinciples-lighthouse-") as tmp:
        project = ROOT
        if args.documents:
            project = Path(tmp) / "project"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(ROOT), str(project), "--documents", str(args.documents), "--languages", str(args.languages)],
                           check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        site = Path(tmp) / "site"
        env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=project, env=env, check=True)
        pages = _pages(project, args.lang)
        server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(CompressingHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print(f"Lighthouse 12, mobile, {args.runs} run(s) per page, {url} ({'real corpus' if not args.documents else f'{args.documents} documents × {args.languages} languages'}), load {os.getloadavg()[0]:.1f}")
            print(f"{'page':<12}{'path':<34}{'performance':>12}{'LCP ms':>9}{'TBT ms':>9}{'CLS':>7}{'KB':>8}{'CPU index':>11}")
            for kind, path in pages.items():
                results = [_run(binary, url + path, Path(tmp) / f"{kind}-{n}.json") for n in range(args.runs)]
                median = {key: statistics.median(r[key] for r in results) for key in results[0]}
                scores = "/".join(str(r["score"]) for r in results)
                print(f"{kind:<12}{'/' + path:<34}{scores:>12}{median['lcp']:>9.0f}{median['tbt']:>9.0f}{median['cls']:>7.3f}{median['kb']:>8.1f}{median['cpu']:>11.0f}")
        finally:
            server.shutdown()
    return 0


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it."""

    def log_message(self, format, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = _compressed(str(path))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def _compressed(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def _pages(project: Path, lang: str) -> dict[str, str]:
    sys.path.insert(0, str(project))
    from aiprinciples.loader import load_corpus
    from aiprinciples.site.pages import lang_prefix

    corpus = load_corpus(project).corpus
    prefix = lang_prefix(corpus, lang or corpus.default_language)
    doc = next(iter(corpus.documents.values()))
    principle = doc.principles[0]
    theme = next(iter(corpus.themes.values()))
    return {
        "home": prefix, "document": f"{prefix}{doc.id}/", "principle": f"{prefix}{doc.id}/{principle.slug}/", "theme": f"{prefix}themes/{theme.slug}/",
        "share": f"{prefix}p/{principle.points[0].id}/", "status": f"{prefix}status/", "open data": f"{prefix}open-data/",
    }


def _run(binary: Path, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([str(binary), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox"], check=True, env=env)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        # Lighthouse's own measure of this machine's speed: its simulated phone is 4x slower than
        # the machine it runs on, so a slower day gives lower scores for the same pages.
        "cpu": report["environment"]["benchmarkIndex"],
    }


def _lighthouse() -> Path:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE), "--no-audit", "--no-fund", "--silent", "lighthouse@12"], check=True)
    return binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
