"""Shared set-up for the counselling screen tests: residents made through the core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psyroom.residents.model import Resident, ResidentFields
from psyroom.session import Session

InWorker = Callable[[Callable[[], Any]], Any]


def make_resident(in_worker: InWorker, session: Session, name: str, **fields: Any) -> Resident:
    saved = in_worker(lambda: session.residents.create(ResidentFields(name=name, **fields)))
    resident: Resident = saved.resident
    return resident
