"""How long work reports progress and learns it was cancelled (no Qt: plain callables)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]  # True: stop now, change nothing
