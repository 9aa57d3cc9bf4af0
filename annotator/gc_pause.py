"""Pausing Python's cyclic garbage collector around bulk work.

Bulk import and export, and opening a big document, make millions of short-lived objects that
hold no reference cycles; the collector's passes over them cost more than the work itself (a
third of a million-span import). Reference counting still frees everything at once; the
collector runs again as soon as the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
