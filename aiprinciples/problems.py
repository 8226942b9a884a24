"""One problem found in the corpus, and the one way it is printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # posix path relative to the project root
    line: int  # 1-based; 0 when the whole file is concerned
    rule: str  # short stable name of the rule, e.g. "duplicate-key"
    message: str  # what is wrong
    fix: str  # how to fix it
    severity: str = "error"  # or "warning": reported, but it stops neither the checker nor the build
    unit: str = field(default="", compare=False)  # the entry concerned, where a rule judges one (translation QA)

    def __str__(self) -> str:
        """One line, always: a line break quoted from a file name or a text is shown as \\u000a."""
        where = f"{self.path}:{self.line}" if self.line else self.path  # line 0: the whole file
        label = "warning: " if self.is_warning else ""
        return LINE_BREAK.sub(lambda m: f"\\u{ord(m.group()):04x}", f"{where}: {label}{self.message}. {self.fix} [{self.rule}]")

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the checker and the build (warnings do not)."""
    return [p for p in problems if not p.is_warning]


def workflow_command(problem: Problem) -> str:
    """The problem as a GitHub Actions annotation on its file and line (line 0: the whole file).

    Escaped as GitHub's workflow commands require: in the message %, CR and LF; in the
    properties also ':' and ','. A corpus text can thus never end the command or start another.
    """
    properties = {"file": problem.path, "line": str(problem.line) if problem.line else "", "title": problem.rule}
    fields = ",".join(f"{key}={_escaped(value, PROPERTY_ESCAPES)}" for key, value in properties.items() if value)
    kind = "warning" if problem.is_warning else "error"
    return f"::{kind} {fields}::{_escaped(f'{problem.message}. {problem.fix}', DATA_ESCAPES)}"


def _escaped(text: str, escapes: dict[str, str]) -> str:
    return "".join(escapes.get(char, char) for char in text)


class CorpusError(Exception):
    """Raised when a corpus cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# Constant data.
LINE_BREAK = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # every character a reader may start a new line at
# GitHub's escapes for workflow commands (actions/toolkit, escapeData and escapeProperty).
DATA_ESCAPES = {"%": "%25", "\r": "%0D", "\n": "%0A"}
PROPERTY_ESCAPES = {**DATA_ESCAPES, ":": "%3A", ",": "%2C"}
