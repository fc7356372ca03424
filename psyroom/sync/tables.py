"""The one list of tables that travel in bundles. Add a table here with one line.

A travelling table has the record columns (``id`` primary key or unique, ``origin_site``,
``version``, ``created_at``, ``updated_at``). A table listed here that does not exist yet in
a database is skipped there. Order matters only for reading: parents before children.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Travelling:
    name: str
    # Columns the database computes itself (never written by an import).
    generated: tuple[str, ...] = ()


# Room -> office: the room's records. Private notes are deliberately absent: they never leave.
UPLINK_TABLES: tuple[Travelling, ...] = (
    Travelling("residents"),
    Travelling("resident_tags", generated=("id",)),
    Travelling("resident_history"),
    Travelling("consultations"),
    Travelling("consultation_addenda"),
    Travelling("assessments"),
    Travelling("crisis_events"),
    Travelling("followups"),
    Travelling("activities"),
    Travelling("activity_participants"),  # migration 0008: who attended a training
    Travelling("referrals"),  # migration 0006
)

# Office -> room: reference data the office owns (tables absent at the office are skipped).
DOWNLINK_TABLES: tuple[Travelling, ...] = (
    Travelling("population_tags"),
    Travelling("institutions"),
    Travelling("report_targets"),
)

# Never in a bundle, whatever a future edit of the lists above says.
NEVER_TRAVEL = frozenset({"private_notes", "sync_keys", "sync_enrolment", "users", "meta"})

