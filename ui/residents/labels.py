"""Resident values as people read them, in the UI's language, and the colours of risk levels.

The core already holds both languages of field and value names (``psyroom.residents.labels``),
so these are not in the .ts file: one list to keep up to date, not two.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from psyroom.residents.importer.national import IMPORT_LABELS
from psyroom.residents.labels import (
    FIELD_LABELS,
    GENDER_LABELS,
    RISK_LABELS,
    STATUS_LABELS,
    label,
)
from psyroom.residents.model import Resident
from psyroom.residents.tags import SEED_TAGS
from ui.i18n import language

# Only to order the groups on screen as the pilot plans do; which tags exist is read from the
# database (the office can add some).
_SEED_RANK = {tag.code: i for i, tag in enumerate(SEED_TAGS)}
# (text, background) per risk level: red for high so it stands out in a long list; "none" is
# left plain so the eye goes to those that matter.
RISK_COLOURS: dict[str, tuple[str, str]] = {
    "high": ("#b71c1c", "#fde2e1"),
    "medium": ("#9a4300", "#ffecd2"),
    "low": ("#6b5900", "#fff6cc"),
}
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    # 失访: still registered, but nobody reaches them: as loud as a medium risk.
    "lost": ("#9a4300", "#ffecd2"),
    "moved": ("#455a64", "#e6ebee"),
    "deceased": ("#424242", "#e0e0e0"),
}


def field_label(name: str) -> str:
    return label({**FIELD_LABELS, **IMPORT_LABELS}, name, language())


def gender_text(code: str) -> str:
    return label(GENDER_LABELS, code, language())


def risk_text(code: str) -> str:
    return label(RISK_LABELS, code, language())


def status_text(code: str) -> str:
    return label(STATUS_LABELS, code, language())


def age_of(resident: Resident, today: date | None = None) -> int | None:
    try:
        return resident.age_on(today or date.today())
    except ValueError:  # a damaged birth date must not break a whole list
        return None


class TagNames:
    """Tag code → name in the UI language, from the reference table the core returned."""

    def __init__(self, table: list[dict[str, Any]] | None = None) -> None:
        self.table: list[dict[str, Any]] = list(table or [])
        english = language().startswith("en")
        self._names = {t["code"]: (t["name_en"] if english else t["name_zh"])
                       for t in self.table}
        # The plans' order (elderly, women, children …), not the alphabet.
        ordered = [t for _group, tags in self.groups() for t in tags]
        self._rank = {self._names[t["code"]]: i for i, t in enumerate(ordered)}

    def name(self, code: str) -> str:
        return self._names.get(code, code)

    def names(self, codes: frozenset[str] | set[str]) -> list[str]:
        return sorted((self.name(c) for c in codes),
                      key=lambda n: (self._rank.get(n, len(self._rank)), n))

    def joined(self, codes: frozenset[str] | set[str]) -> str:
        sep = ", " if language().startswith("en") else "、"
        return sep.join(self.names(codes))

    def groups(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Active tags grouped as the plans group them (老年人, 妇女, 儿童 …), in the plans'
        order; groups and tags the office added come after, in the table's order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for tag in sorted(self.table, key=lambda t: _SEED_RANK.get(t["code"], len(_SEED_RANK))):
            if tag.get("active", True):
                out.setdefault(tag["group_zh"], []).append(tag)
        return list(out.items())
