"""A memo of bounded size: values made on first use, the least recently used dropped beyond a count
(or beyond a total weight, such as bytes).

`mkdocs serve` rebuilds at every save, so several parts keep what they made for the next build;
at a hundred documents, kept without bound, that alone would grow with the corpus. A memo made
`between_builds` keeps nothing unless rebuilds are expected (expect_rebuilds: hooks/corpus_docs.py
says so under `mkdocs serve`); a one-off build would only pay memory for it.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

V = TypeVar("V")


class LruMemo(Generic[V]):
    def __init__(self, limit: int, between_builds: bool = False, weight: Callable[[V], int] | None = None) -> None:
        self.kept: OrderedDict[Hashable, V] = OrderedDict()
        self.limit = limit  # of the kept values' total weight; the newest is kept whatever it weighs
        self.weight = weight or _one
        self.size = 0  # the kept values' total weight (their count by default)
        self.between_builds = between_builds  # only worth keeping for a next build
        if between_builds:
            _between_builds.add(self)

    @property
    def keeping(self) -> bool:
        return not self.between_builds or rebuilds_expected()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for key, else make()'s, kept (a value may be None)."""
        if not self.keeping:
            return make()
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        value = self.kept[key] = make()
        self.size += self.weight(value)
        while self.size > self.limit and len(self.kept) > 1:
            self.size -= self.weight(self.kept.popitem(last=False)[1])
        return value

    def clear(self) -> None:
        self.kept.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self.kept)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.kept)


def _one(_value: object) -> int:
    return 1


def expect_rebuilds(expected: bool) -> None:
    """Whether this process will build again (`mkdocs serve`, the tools, the tests); False empties the between-builds memos."""
    _expected[0] = expected
    if not expected:
        for memo in _between_builds:
            memo.clear()


def rebuilds_expected() -> bool:
    return _expected[0]


_expected = [True]  # the safe default for a library: tools and tests load and build many times
_between_builds: weakref.WeakSet[LruMemo] = weakref.WeakSet()
