"""Statements built once per shape and run with named parameters.

Building a statement of a few joins and subqueries with SQLAlchemy, and its cache key, costs more
than SQLite spends running it for a selective filter. A statement whose values are named parameters
(`bindparam`) is built once per shape (which filters, which sort, whether a cursor), keeps its
memoised cache key, and runs with a dict of values.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

StatementT = TypeVar("StatementT")

SHAPES_KEPT = 512
"""Shapes kept per cache, the least recently used going first: shapes are few in practice (which
filters, sorts, query structure), and a stream of unusual ones only costs their own building."""


class StatementCache(Generic[StatementT]):
    """Statements (or anything built from them) by shape."""

    def __init__(self, size: int = SHAPES_KEPT) -> None:
        self._kept: OrderedDict[Hashable, StatementT] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, shape: Hashable, build: Callable[[], StatementT]) -> StatementT:
        """The statement built for this shape before, or a new one (built outside the lock: two
        threads building the same shape at once build equal statements, and either is kept)."""
        with self._lock:
            statement = self._kept.get(shape)
            if statement is not None:
                self._kept.move_to_end(shape)
                return statement
        statement = build()
        with self._lock:
            self._kept[shape] = statement
            if len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return statement
