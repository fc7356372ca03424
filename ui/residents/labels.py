"""Resident values as people read them, in the UI's language, and the colours of risk levels.

The core already holds both languages of field and value names (``psyroom.residents.labels``),
so these are not in the .ts file: one list to keep up to date, not two.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from psyroom.residents.labels import (
    FIELD_LABELS,
    GENDER_LABELS,
    RISK_LABELS,
    STATUS_LABELS,
    label,
)
from psyroom.residents.model import Resident
from ui.i18n import language

# (text, background) per risk level: red for high so it stands out in a long list; "none" is
# left plain so the eye goes to those that matter.
RISK_COLOURS: dict[str, tuple[str, str]] = {
    "high": ("#b71c1c", "#fde2e1"),
    "medium": ("#9a4300", "#ffecd2"),
    "low": ("#6b5900", "#fff6cc"),
}
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "moved": ("#455a64", "#e6ebee"),
    "deceased": ("#424242", "#e0e0e0"),
}


def field_label(name: str) -> str:
    return label(FIELD_LABELS, name, language())


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

    def name(self, code: str) -> str:
        return self._names.get(code, code)

    def names(self, codes: frozenset[str] | set[str]) -> list[str]:
        return sorted((self.name(c) for c in codes), key=self._order)

    def joined(self, codes: frozenset[str] | set[str]) -> str:
        sep = ", " if language().startswith("en") else "、"
        return sep.join(self.names(codes))

    def _order(self, name: str) -> tuple[int, str]:
        # The reference table's order (the plans' order), not the alphabet.
        for i, tag in enumerate(self.table):
            if name in (tag["name_zh"], tag["name_en"]):
                return (i, name)
        return (len(self.table), name)

    def groups(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Active tags grouped as the plans group them (老年人, 妇女, 儿童 …), in table order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for tag in self.table:
            if tag.get("active", True):
                out.setdefault(tag["group_zh"], []).append(tag)
        return list(out.items())
