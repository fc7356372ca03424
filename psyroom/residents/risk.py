"""The risk level people see: the higher of the recorded level and any open crisis.

Worked out where it is shown, never written back: the stored ``risk_level`` is what the
counsellor recorded, and bundles and reports keep exactly that. An open crisis says more about
today than a level set weeks ago, so while one is open no screen may show less.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, literal_column, or_, select, text

RISK_ORDER = ("none", "low", "medium", "high")
# A crisis level with no risk level of its own (紧急) reads as the highest risk level there is.
CRISIS_RISK = {"low": "low", "medium": "medium", "high": "high", "critical": "high"}
CRISIS_ORDER = ("low", "medium", "high", "critical")


def _rank(level: str | None) -> int:
    return RISK_ORDER.index(level) if level in RISK_ORDER else 0


def shown_risk(stored: str, crisis_levels: Iterable[str | None] = ()) -> str:
    best = stored if stored in RISK_ORDER else "none"
    for level in crisis_levels:
        risk = CRISIS_RISK.get(level or "")
        if risk is not None and _rank(risk) > _rank(best):
            best = risk
    return best


def highest_crisis(levels: Iterable[str | None]) -> str | None:
    known = [lv for lv in levels if lv in CRISIS_ORDER]
    return max(known, key=CRISIS_ORDER.index) if known else None


def open_crisis_levels(conn: Connection, resident_ids: Sequence[str]) -> dict[str, str]:
    """resident id -> the highest level among that person's open crises (absent when none)."""
    found: dict[str, list[str]] = {}
    for start in range(0, len(resident_ids), 500):
        chunk = list(resident_ids[start:start + 500])
        marks = ", ".join(f":r{i}" for i in range(len(chunk)))
        rows = conn.execute(text(
            f"SELECT resident_id, level FROM crisis_events WHERE status = 'open' "
            f"AND resident_id IN ({marks})"), {f"r{i}": rid for i, rid in enumerate(chunk)})
        for rid, level in rows:
            found.setdefault(rid, []).append(level)
    return {rid: top for rid, levels in found.items() if (top := highest_crisis(levels))}


def all_open_crisis_levels(conn: Connection) -> dict[str, str]:
    """resident id -> the highest level among that person's open crises, for everyone who
    has one (a few, even on a big register: what a search filter by risk corrects for)."""
    found: dict[str, list[str]] = {}
    for rid, level in conn.execute(text(
            "SELECT resident_id, level FROM crisis_events WHERE status = 'open'")):
        found.setdefault(rid, []).append(level)
    return {rid: top for rid, levels in found.items() if (top := highest_crisis(levels))}


def _open_crisis_ids(levels: Iterable[str]) -> Any:
    wanted = ", ".join(f"'{lv}'" for lv in levels if lv in CRISIS_ORDER)
    return (select(literal_column("resident_id")).select_from(text("crisis_events"))
            .where(text(f"status = 'open' AND level IN ({wanted or 'NULL'})")))


def _around(level: str) -> tuple[list[str], list[str], list[str]]:
    """(crisis levels that raise above ``level``, crisis levels that raise to it, recorded
    levels below it): the parts of "the risk shown is ``level``"."""
    rank = RISK_ORDER.index(level)
    higher = [c for c, r in CRISIS_RISK.items() if RISK_ORDER.index(r) > rank]
    equal = [c for c, r in CRISIS_RISK.items() if RISK_ORDER.index(r) == rank]
    return higher, equal, list(RISK_ORDER[:rank])


def shown_risk_is(id_column: Any, stored_column: Any, level: str) -> Any:
    """An SQL condition: the risk shown for a resident row is ``level`` (see shown_risk).

    Two indexed lookups of open crises, so a filtered list stays fast on a big register.
    """
    higher, equal, lower_stored = _around(level)
    not_raised = id_column.not_in(_open_crisis_ids(higher))
    raised_to = and_(stored_column.in_(lower_stored), id_column.in_(_open_crisis_ids(equal)))
    return and_(not_raised, or_(stored_column == level, raised_to))


def shown_risk_where(level: str) -> tuple[str, list[str]]:
    """The same condition as ``shown_risk_is`` as plain SQL over ``residents`` (id,
    risk_level), with its arguments, for the driver-level list queries."""
    higher, equal, lower = _around(level)

    def marks(values: list[str]) -> str:
        return ", ".join("?" * len(values)) or "NULL"

    open_ids = "SELECT resident_id FROM crisis_events WHERE status = 'open' AND level IN ({})"
    sql = (f"id NOT IN ({open_ids.format(marks(higher))}) AND (risk_level = ? OR "
           f"(risk_level IN ({marks(lower)}) AND id IN ({open_ids.format(marks(equal))})))")
    return sql, [*higher, level, *lower, *equal]
