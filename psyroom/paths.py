"""Where an installation keeps its files. One data folder holds everything of one site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "PsyRoom"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "psyroom.db"

    @property
    def keyslots(self) -> Path:
        return self.root / "keyslots.json"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def restore_journal(self) -> Path:
        return self.root / "restore-pending.json"

    def sidecars(self) -> list[Path]:
        """SQLite's companion files, which must move with the database or be gone."""
        db = self.database
        return [db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal")]
