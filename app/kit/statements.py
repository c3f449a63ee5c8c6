"""Statements built once per shape and run with named parameters.

Building a statement of a few joins and subqueries with SQLAlchemy, and its cache key, costs more
than SQLite spends running it for a selective filter. A statement whose values are named parameters
(`bindparam`) is built once per shape (which filters, which sort, whether a cursor), keeps its
memoised cache key, and runs with a dict of values.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

StatementT = TypeVar("StatementT")

SHAPES_KEPT = 512
"""Shapes kept per cache; a request of a shape beyond them builds its own statement."""


class StatementCache(Generic[StatementT]):
    """Statements (or anything built from them) by shape."""

    def __init__(self, size: int = SHAPES_KEPT) -> None:
        self._kept: dict[Hashable, StatementT] = {}
        self._size = size

    def get(self, shape: Hashable, build: Callable[[], StatementT]) -> StatementT:
        """The statement built for this shape before, or a new one, kept while there is room (two
        threads building the same shape at once build the same statement; either is kept)."""
        statement = self._kept.get(shape)
        if statement is None:
            statement = build()
            if len(self._kept) < self._size:
                self._kept[shape] = statement
        return statement
