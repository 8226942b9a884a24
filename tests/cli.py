"""Run the `aiprinciples` command as its own process, started warm.

Each run is a separate process, as a contributor's would be: its exit code, its output, a crash (a
negative code, as subprocess reports a signal) or a hang (TimeoutExpired, and the process is killed)
are its own, and nothing it does reaches the next run. But it is forked from a server
(tests/cli_server.py) that has already imported the package and checked the repository once, so the
interpreter's start, the imports and CLDR's data are not paid again for each of the suite's hundreds
of runs: about 0.16 s of CPU for a check instead of 0.85.

What the server has cached is keyed by content (a message's text) or by code (a schema's name), never
by a path, so each run sees its own project's files. The server is single-threaded: forking it is safe.

`python -m aiprinciples` itself is still started cold by tests/test_translator_workflow.py and
tests/test_validation.py, and the installed command by tests/test_packaging.py.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository (tests.conftest's ROOT, without importing pytest)

_server: subprocess.Popen | None = None


def run_cli(*args: str, cwd: Path | str = ROOT, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m aiprinciples *args`, as subprocess.run(..., capture_output=True, text=True) returns it."""
    server = _started()
    with tempfile.TemporaryDirectory(prefix="cli-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {"args": list(args), "cwd": str(cwd), "env": dict(os.environ if env is None else env), "out": str(out), "err": str(err)}
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        pid = json.loads(_reply(server, 30))["pid"]
        try:
            status = json.loads(_reply(server, timeout))["exitcode"]
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)
            _reply(server, 30)  # the server reaps it
            raise subprocess.TimeoutExpired(["aiprinciples", *args], timeout) from None
        return subprocess.CompletedProcess(["aiprinciples", *args], status, _read(out), _read(err))


def _started() -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_server"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        atexit.register(_server.stdin.close)  # the server ends when its input does
    return _server


def _reply(server: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([server.stdout], [], [], timeout)
    if not ready:
        raise subprocess.TimeoutExpired("tests.cli_server", timeout)
    line = server.stdout.readline()
    if not line:
        raise RuntimeError(f"the command server (tests/cli_server.py) stopped with exit code {server.wait()}")
    return line


def _read(path: Path) -> str:
    # As text=True reads a pipe: the locale's encoding (UTF-8 here), universal newlines.
    return path.read_text(encoding="utf-8") if path.exists() else ""
