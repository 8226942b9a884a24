"""One problem found in the corpus, and the one way it is printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # posix path relative to the project root
    line: int  # 1-based; 0 when the whole file is concerned
    rule: str  # short stable name of the rule, e.g. "duplicate-key"
    message: str  # what is wrong
    fix: str  # how to fix it
    severity: str = "error"  # or "warning": reported, but it stops neither the checker nor the build

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path  # line 0: the whole file
        label = "warning: " if self.is_warning else ""
        return f"{where}: {label}{self.message}. {self.fix} [{self.rule}]"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the checker and the build (warnings do not)."""
    return [p for p in problems if not p.is_warning]


class CorpusError(Exception):
    """Raised when a corpus cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
