"""The cyclic garbage collector, paused while the front end runs.

A compile allocates tens of thousands of objects (markdown-it's tokens, rows, cells, models) and
none of them ends up in a reference cycle: every one is freed by reference counting, or kept in
the model. Yet each allocation burst triggers collections, and the older generations' scan the
whole heap (every imported module's objects) to find nothing: a sixth of a small document's
compile. Paused, the collector finds exactly as much afterwards (a test compiles the corpus and
checks it leaves no cyclic garbage); the state it had is restored on the way out.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # front-end calls in progress (nested, or in other threads)
_resume = False  # whether the collector was enabled when the first of them started


@contextmanager
def paused() -> Iterator[None]:
    """Run a block with the cyclic collector off, restoring it when the last such block ends."""
    global _depth, _resume  # noqa: PLW0603 - one collector per process
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
