"""Keeping Python's garbage collector from walking the whole process again and again.

A full collection walks every object the process holds: its modules, the app's routes, SQLAlchemy's
and pydantic's structures, about 150,000-230,000 objects, 60-110 ms on the bench machine.
- A server's request that happened to trigger one waited that long: the cold search mix's
  99th percentile at one connection was 64-74 ms against a median of 8 (bench/README.md, issue 15).
- In a bulk import, a batch of documents lives long enough to be promoted to the oldest generation
  and then dies, so nearly every batch triggered one: a fifth of a 2,000-interview import.

`gc.freeze()` sets the objects that exist when a server starts (or an import begins) aside, so full
collections walk only what was made since; `gc.unfreeze()` gives them back when the last block
using it ends. The price: a start-up object that becomes cyclic garbage while the server runs is
freed only when it stops; those objects (modules, routes, schemas) live as long as it does anyway.
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

    Blocks may overlap (an import while a test's server runs, two imports): the objects are given
    back when the last one ends, whatever the order they end in.
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
