"""Key rotation (issue 8): only a holder of ROTATE_KEY may change the database key."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.session import Session

CALLS: dict[str, Callable[[Session], object]] = {
    "Session.rotate_database_key": lambda s: s.rotate_database_key(),
}
