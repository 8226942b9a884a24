"""Log lines that GitHub Actions cannot read as workflow commands, whatever file names or texts they quote.

The runner reads a line of a job's output as a command when, after leading white space, it
starts with `::` (`::warning file=…::…`, `::add-mask::…`, `::stop-commands::…`), or when it holds
`##[` (the older syntax). A hostile file name with a line break in it would make the build's
own log print such a line. Every line a guarded handler writes is checked as formatted, after
any wrapping: in a line that would be a command, the marker is percent-encoded, as GitHub's own
escaping writes it (`%3A%3Awarning`), so a reader still sees what was there and the runner sees text.
"""

from __future__ import annotations

import logging
import re


def inert(text: str) -> str:
    """`text` with every line that GitHub Actions would run as a workflow command neutralised."""
    text = COMMAND_LINE.sub(lambda m: m.group(1) + "%3A%3A", text)
    return text.replace("##[", "##%5B")


class InertFormatter(logging.Formatter):
    """Wraps a handler's formatter: the same lines, made inert."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return inert(self.inner.format(record))


def guard_handlers(*loggers: logging.Logger) -> None:
    """Make every handler of these loggers write inert lines (once; idempotent)."""
    for logger in loggers:
        for handler in logger.handlers:
            if not isinstance(handler.formatter, InertFormatter):
                handler.setFormatter(InertFormatter(handler.formatter))


# Constant data.
# A line's start (after any character a reader may split lines at), white space the runner trims, then ::.
COMMAND_LINE = re.compile(r"(?:^|(?<=[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]))(\s*)::")
