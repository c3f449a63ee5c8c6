"""Keeping Python's garbage collector from walking the whole process again and again during a bulk import.

A batch of documents lives long enough to be promoted to the oldest generation and then dies, so
nearly every batch triggers a full collection, and a full collection walks every object the
process holds (its modules, SQLAlchemy's and pydantic's structures: about 150,000 objects, 90-110 ms
on the bench machine). That was a fifth of a 2,000-interview import (bench/README.md, issue 15).
`gc.freeze()` sets the objects that exist when the import starts aside, so full collections walk
only what the import made; `gc.unfreeze()` gives them back when the last import running ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0


@contextmanager
def older_objects_set_aside() -> Iterator[None]:
    """Within the block, full collections skip the objects that existed when it began.

    Imports may overlap (two requests, or a request beside the command line's process in tests):
    the objects are given back when the last one ends, whatever the order they end in.
    """
    global _running
    with _lock:
        _running += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.unfreeze()
