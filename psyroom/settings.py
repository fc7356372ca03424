"""Per-machine preferences read before anyone logs in (so nothing personal may go here)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from psyroom.errors import InvalidInput
from psyroom.fileio import atomic_write_bytes

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
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocalSettings()
    known = {f.name for f in fields(LocalSettings)}
    settings = LocalSettings(**{k: v for k, v in raw.items() if k in known})
    try:
        settings.validate()
    except InvalidInput:
        return LocalSettings()
    return settings


def save_settings(path: Path, settings: LocalSettings) -> None:
    settings.validate()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, json.dumps(asdict(settings), indent=2).encode("utf-8"))
