"""Per-machine preferences read before anyone logs in (so nothing personal may go here)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psyroom.errors import InvalidInput
from psyroom.fileio import atomic_write_bytes

if TYPE_CHECKING:
    from sqlalchemy import Connection

LANGUAGES = ("zh_CN", "en")


@dataclass
class LocalSettings:
    language: str = "zh_CN"
    autolock_minutes: int = 10
    # 0 means the system's default size; older eyes pick 12-18.
    font_point_size: int = 0

    def validate(self) -> None:
        if self.language not in LANGUAGES:
            raise InvalidInput("setting_invalid", name="language")
        if not 1 <= self.autolock_minutes <= 240:
            raise InvalidInput("setting_invalid", name="autolock_minutes")
        if self.font_point_size != 0 and not 8 <= self.font_point_size <= 32:
            raise InvalidInput("setting_invalid", name="font_point_size")


def load_settings(path: Path) -> LocalSettings:
    """The file's values, each replaced by its default when missing, of the wrong type or out
    of range: a hand-edited or damaged file never stops the app from starting."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocalSettings()
    if not isinstance(raw, dict):
        return LocalSettings()
    defaults = LocalSettings()
    values: dict[str, Any] = {}
    for f in fields(LocalSettings):
        value = raw.get(f.name, getattr(defaults, f.name))
        default = getattr(defaults, f.name)
        # bool is an int to Python; a setting typed true/false is still the wrong type.
        if type(value) is not type(default):
            value = default
        values[f.name] = value
        candidate = LocalSettings(**{**asdict(defaults), f.name: value})
        try:
            candidate.validate()
        except InvalidInput:
            values[f.name] = default
    return LocalSettings(**values)


def save_settings(path: Path, settings: LocalSettings) -> None:
    settings.validate()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, json.dumps(asdict(settings), indent=2).encode("utf-8"))


# Settings that protect everyone's records live in the database, where changing them needs
# CHANGE_SETTINGS and is audited; settings.json is anyone's to edit and never overrides them.
SECURITY_PREFIX = "setting."


@dataclass(frozen=True)
class SecuritySettings:
    autolock_minutes: int = 10

    def validate(self) -> None:
        if type(self.autolock_minutes) is not int or not 1 <= self.autolock_minutes <= 240:
            raise InvalidInput("setting_invalid", name="autolock_minutes")


def load_security(conn: Connection) -> SecuritySettings:
    rows = conn.exec_driver_sql("SELECT key, value FROM meta WHERE key LIKE ?",
                                (SECURITY_PREFIX + "%",)).all()
    stored = {str(k).removeprefix(SECURITY_PREFIX): v for k, v in rows}
    values: dict[str, Any] = {}
    for f in fields(SecuritySettings):
        if f.name in stored:
            try:
                values[f.name] = json.loads(stored[f.name])
            except ValueError:
                continue
    try:
        settings = SecuritySettings(**values)
        settings.validate()
    except (InvalidInput, TypeError):
        return SecuritySettings()
    return settings


def save_security(conn: Connection, settings: SecuritySettings) -> None:
    settings.validate()
    for name, value in asdict(settings).items():
        conn.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value", (SECURITY_PREFIX + name, json.dumps(value)))
