"""What the browser tests share: Debian's Chromium, the built site served on 127.0.0.1, and a tab that records problems.

Never downloads a browser. In CI (CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT


def require(*paths: Path) -> None:
    missing = [str(p) for p in (Path(CHROMIUM), *paths) if not p.exists()]
    if missing:
        message = f"browser tests need {', '.join(missing)} (run .ci/run or `apt-get install chromium` and `make setup`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class QuietServer(ThreadingHTTPServer):
    """A browser that leaves a page drops the requests it no longer needs: a closed connection is not an error."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(real_site) -> Iterator[str]:
    """The built site on 127.0.0.1 at the port it was built for; yields its base URL."""
    site, base_url = real_site
    server = QuietServer(("127.0.0.1", urlsplit(base_url).port), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def watch(tab, served: str) -> None:
    """Record on tab.problems every console error, failed or 4xx/5xx request, and request leaving the site."""
    tab.problems = []
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url}"))
    tab.on("response", lambda r: r.status >= 400 and tab.problems.append(f"HTTP {r.status}: {r.url}"))
    tab.on("request", lambda r: not r.url.startswith((served, "data:", "blob:")) and tab.problems.append(f"third-party: {r.url}"))


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


# Constant data.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORT = {"width": 1280, "height": 900}
