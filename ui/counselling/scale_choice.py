"""Which scales suit a person: EPDS for perinatal women, GDS-15 for people of 60 and over.

Only a suggestion (listed first, marked); the counsellor may still choose any scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from psyroom.assessments.model import ScaleDefinition
from psyroom.residents.model import Resident

PERINATAL_TAG = "women_perinatal"
ELDERLY_AGE = 60
# Scales meant for a narrower group than adults in general.
FOR_GROUP = {"epds": "perinatal", "gds15": "elderly"}


def _groups(resident: Resident | None, today: date) -> set[str]:
    if resident is None:
        return set()
    groups: set[str] = set()
    if resident.gender == "female" and PERINATAL_TAG in resident.tags:
        groups.add("perinatal")
    try:
        age = resident.age_on(today)
    except ValueError:
        age = None
    if age is not None and age >= ELDERLY_AGE:
        groups.add("elderly")
    return groups


def suggested(scale: ScaleDefinition, resident: Resident | None,
              today: date | None = None) -> bool:
    group = FOR_GROUP.get(scale.code)
    return group is not None and group in _groups(resident, today or date.today())


def unsuited(scale: ScaleDefinition, resident: Resident | None,
             today: date | None = None) -> bool:
    """A group scale for someone outside the group (EPDS for a man)."""
    group = FOR_GROUP.get(scale.code)
    if group is None or resident is None:
        return False
    return group not in _groups(resident, today or date.today())


def ordered(scales: Iterable[ScaleDefinition], resident: Resident | None) -> list[ScaleDefinition]:
    """Suggested first, then the general ones, then those meant for another group."""
    return sorted(scales, key=lambda s: (not suggested(s, resident), unsuited(s, resident),
                                         s.order))
