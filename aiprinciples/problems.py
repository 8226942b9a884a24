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

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path  # line 0: the whole file
        return f"{where}: {self.message}. {self.fix} [{self.rule}]"


class CorpusError(Exception):
    """Raised when a corpus cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
