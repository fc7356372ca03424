"""Python's cycle collector held back while bulk work builds many objects.

Planning a 50,000-row import keeps every row's outcome until the preview is done: each of
the collector's full passes walks all of them again, and by the end those passes were a
fifth of the planning time. None of these objects refers back to itself (rows, dicts,
tuples), so reference counting frees them; holding the collector back loses nothing. The
desktop app already runs the collector itself from the UI thread (ui/garbage.py): there the
collector is off and this changes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_back() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
