"""The core's (Chinese, English) label pairs, shown in the UI's language."""

from __future__ import annotations

from datetime import date

from psyroom.residents.labels import GENDER_LABELS
from psyroom.residents.model import Resident
from ui.i18n import language


def pick(pair: tuple[str, str]) -> str:
    return pair[1] if language().startswith("en") else pair[0]


def text_of(table: dict[str, tuple[str, str]], code: str | None) -> str:
    if code is None:
        return ""
    pair = table.get(code)
    return pick(pair) if pair is not None else code


def choices(table: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, label) in the table's own order, which the core keeps meaningful."""
    return [(code, pick(pair)) for code, pair in table.items()]


def english() -> bool:
    return language().startswith("en")


def resident_line(resident: Resident, today: date | None = None) -> str:
    """Name · gender · age · village: enough to tell two people of the same name apart."""
    parts = [resident.name, text_of(GENDER_LABELS, resident.gender)]
    try:
        age = resident.age_on(today or date.today())
    except ValueError:  # a damaged birth date must not hide the person
        age = None
    if age is not None:
        parts.append(f"{age} years" if english() else f"{age}岁")
    if resident.village:
        parts.append(resident.village)
    return " · ".join(p for p in parts if p)


def minute_text(iso: str | None) -> str:
    """A typed local time 2025-03-01T14:30 as people write it."""
    return (iso or "")[:16].replace("T", " ")
