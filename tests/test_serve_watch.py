"""`mkdocs serve` hears a save when it happens and never a read (hooks/serve_watch.py)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(Observer is PollingObserver, reason="this platform has no change notifications: MkDocs' polling stays")


def _hook():
    spec = importlib.util.spec_from_file_location("serve_watch_hook", ROOT / "hooks" / "serve_watch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.01)
    return False


@pytest.fixture
def server(tmp_path: Path):
    watched = tmp_path / "translations"
    watched.mkdir()
    (watched / "fr.yaml").write_text("a: 1\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n", encoding="utf-8")
    live = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    live.watch(str(config_file))  # as MkDocs does before plugins' on_serve
    live = _hook().on_serve(live, None, None)
    live.watch(str(watched))  # as MkDocs does after on_serve, for `watch:` in mkdocs.yml
    live.observer.start()
    yield live, watched, config_file
    live.observer.stop()
    live.observer.join()
    live.server_close()


def test_a_save_is_heard_at_once_and_a_read_is_not(server):
    live, watched, config_file = server
    assert not isinstance(live.observer, PollingObserver)
    assert (watched / "fr.yaml").read_text(encoding="utf-8") == "a: 1\n"  # a build reads the corpus
    assert not _wants_rebuild(live, 0.6)
    (watched / "fr.yaml").write_text("a: 2\n", encoding="utf-8")
    assert _wants_rebuild(live, 0.3)  # polling would take up to 0.5 s
    time.sleep(0.2)
    _wants_rebuild(live, 0.05)  # the write's other events
    config_file.write_text("site_name: y\n", encoding="utf-8")  # MkDocs' own watch moved too
    assert _wants_rebuild(live, 0.3)
    (watched / "new.yaml").write_text("b: 1\n", encoding="utf-8")
    assert _wants_rebuild(live, 0.3)


def test_the_hook_is_in_the_site_configuration():
    assert "  - hooks/serve_watch.py\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
