"""What the browser tests share: Debian's Chromium, the built site served on 127.0.0.1, and a tab that records problems.

Never downloads a browser. In CI (CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import fcntl
import http.client
import os
import subprocess
import sys
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
    """The built site on 127.0.0.1 at the port it was built for; yields its base URL.

    One server per site for the whole run: the test processes share the real site and its port, so the
    first to ask starts tests/site_server.py, which lasts as long as the run's pytest process.
    """
    site, base_url = real_site
    with open(Path(site).parent / "server.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _answers(base_url):
            # A worker's parent is pytest-xdist's controller: the run; without xdist, this process is.
            run = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
            subprocess.run([sys.executable, str(ROOT / "tests" / "site_server.py"), str(site), str(urlsplit(base_url).port), str(run)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True, timeout=60, start_new_session=True)
            assert _answers(base_url), f"the site server did not answer at {base_url}"
    yield base_url


def _answers(base_url: str) -> bool:
    """Whether a server answers at base_url (http.client: no proxy from the environment in the way)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
    try:
        connection.request("GET", address.path or "/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


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
