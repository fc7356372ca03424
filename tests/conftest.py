"""With PSYROOM_BLOCK_QT=1, make PySide6 unimportable, as on a machine that lacks it.

`python3 tools/dev.py test` runs tests/core this way, which proves the core works without Qt
(an import-linter contract only sees static imports; this also catches lazy ones).
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

BLOCKED = ("PySide6", "shiboken6")


class QtBlocker(importlib.abc.MetaPathFinder):
    """A finder that answers every PySide6/shiboken6 import as 'not installed'."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        top = fullname.partition(".")[0]
        if top in BLOCKED:
            # ModuleNotFoundError is what a missing package raises, so code that handles
            # "PySide6 absent" is exercised exactly as it would be on such a machine.
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (PSYROOM_BLOCK_QT=1)", name=fullname
            )
        return None


if os.environ.get("PSYROOM_BLOCK_QT") == "1":
    already = [m for m in sys.modules if m.partition(".")[0] in BLOCKED]
    if already:
        # Blocking now would prove nothing: something imported Qt before the tests started.
        raise RuntimeError(f"PSYROOM_BLOCK_QT=1 but already imported: {', '.join(already)}")
    sys.meta_path.insert(0, QtBlocker())
