"""MkDocs hook: `mkdocs serve` hears a save when it happens, not at its next look every half second.

MkDocs watches by polling (it walks the watched folders every 0.5 s), so a save waits 0.25 s
on average before the rebuild starts. Where the platform tells of changes itself (inotify on
Linux), the server's watches move to that observer. It reports reads too (a file opened and
closed unchanged, as every build does with the corpus): only events that change a file reach
MkDocs, or each build would start the next. Anywhere this cannot be set up, polling stays.
"""

from __future__ import annotations

import logging

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.aiprinciples.serve")

CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})  # "closed": after a write; a read is "closed_no_write"


class ChangesOnly(FileSystemEventHandler):
    """Passes on the events that change a file; drops opening and reading one."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event) -> None:
        if event.event_type in CHANGES:
            self.handler.dispatch(event)


class ChangeObserver(Observer):
    """The platform's observer; every handler scheduled on it hears changes only."""

    def schedule(self, event_handler, path, recursive=False, **kwargs):
        return super().schedule(ChangesOnly(event_handler), path, recursive=recursive, **kwargs)


def on_serve(server, config, builder):
    if Observer is PollingObserver or not hasattr(server, "_watched_paths"):
        return server  # no change notifications here, or a MkDocs this was not written for
    watched = dict(server._watched_paths)  # MkDocs' own watches so far; those of `watch:` come after this hook
    polling = server.observer
    try:
        native = ChangeObserver()
        for path, count in watched.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = native
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
    except OSError as error:  # e.g. the system's limit of inotify watches
        log.info(f"watching by polling: {error}")
        server.observer = polling
        server._watched_paths.clear()
        server._watch_refs.clear()
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
    return server
