"""Serve a built site on 127.0.0.1 until a process ends: `python tests/site_server.py <site> <port> <pid>`.

The test processes of one run share the real site, built for one port (tests/conftest.py): the
first to serve it runs this command (tests/browsing.py), which returns once the port listens, and
the server goes on until the run's pytest process, `pid`, ends (whenever the worker that asked is done).
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from tests.browsing import QuietHandler, QuietServer

    site, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    server = QuietServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=site))
    if os.fork():  # listening already: the caller's command ends, the server goes on in the child
        os._exit(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    server.shutdown()
