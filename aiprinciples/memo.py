"""A memo of bounded size: values made on first use, the least recently used dropped beyond a count.

`mkdocs serve` rebuilds at every save, so several parts keep what they made for the next build;
at a hundred documents, kept without bound, that alone would grow with the corpus.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

V = TypeVar("V")


class LruMemo(Generic[V]):
    def __init__(self, limit: int) -> None:
        self.kept: OrderedDict[Hashable, V] = OrderedDict()
        self.limit = limit

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for key, else make()'s, kept (a value may be None)."""
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        value = self.kept[key] = make()
        while len(self.kept) > self.limit:
            self.kept.popitem(last=False)
        return value

    def clear(self) -> None:
        self.kept.clear()

    def __len__(self) -> int:
        return len(self.kept)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.kept)
