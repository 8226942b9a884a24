"""The warm server behind tests/cli.py: imports the package, checks the repository once, then forks one
process per command it is sent.

Protocol, one JSON line each way: a request {args, cwd, env, out, err}; the reply {pid} as soon as the
command's process exists (so the caller can kill it on a timeout), then {exitcode} when it has ended.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback

from tests.cli import ROOT


def warm_up() -> None:
    """Import what the commands use and fill the caches that are keyed by content. The check only reads."""
    try:
        from aiprinciples.cli import main

        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["--root", str(ROOT), "check"])
    except BaseException:  # noqa: BLE001 (a server that did not warm up still runs each command correctly)
        pass


def command(request: dict) -> int:
    """In the forked process: a fresh process's environment, folder and streams, then main(), as `python -m` ends it."""
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    for fd, path in ((1, request["out"]), (2, request["err"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (the process's own streams)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    try:
        from aiprinciples.cli import main

        code = main(request["args"])
    except SystemExit as stop:
        code = stop.code
    except BaseException:  # noqa: BLE001 (printed as the interpreter would, for the test to see)
        traceback.print_exc()
        code = 1
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code or 0


def serve() -> None:
    replies = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = command(request)
            finally:
                os._exit(code)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"exitcode": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()


if __name__ == "__main__":
    warm_up()
    serve()
