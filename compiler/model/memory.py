"""Garbage collection during a compile: rarely, because what a compile makes, it keeps.

A compile allocates hundreds of thousands of objects (cells, rows, rules, JSON records) and frees
few of them before it ends. CPython's default first-generation threshold (700 allocations) then
runs a collection every 700 allocations, and every hundred or so of those walks every live
object: at the x1000 document that was half of the compile's time ("GC share" in the bench).
Reference counting still frees whatever the compile drops at once; only reference cycles wait
for the next, rarer collection. mypy raises its threshold for the same reason.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

THRESHOLD = 100_000  # allocations between first-generation collections while compiling


@contextmanager
def fewer_collections(threshold: int = THRESHOLD) -> Iterator[None]:
    """Collect at most every `threshold` allocations inside the block (nested blocks are free)."""
    old = gc.get_threshold()
    if not gc.isenabled() or old[0] == 0 or old[0] >= threshold:  # off, or already rarer
        yield
        return
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def compiling(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` runs with `fewer_collections`: for the stages that build a matrix's models and files."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with fewer_collections():
            return fn(*args, **kwargs)

    return run
