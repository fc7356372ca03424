"""Where an installation keeps its files. One data folder holds everything of one site."""

from __future__ import annotations

import contextlib
import os
import stat
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

    def make_private(self) -> None:
        """Only this OS user may enter the data folder (0700) or read its files (0600).

        Tightens what is there already (an older install, a copy from a USB stick, a folder
        made by hand). The folder's mode is the real barrier: files written later are inside
        it. On Windows the folder lives in the user's profile (%LOCALAPPDATA%), whose ACL
        already admits only that user and the machine's administrators; POSIX modes mean
        nothing there, so nothing is changed.
        """
        if os.name == "nt":
            return
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        _tighten(self.root, 0o700)
        for path in self.root.iterdir():
            if path.is_symlink():
                continue
            if path.is_dir():
                _tighten(path, 0o700)
                for inner in path.rglob("*"):
                    if not inner.is_symlink():
                        _tighten(inner, 0o700 if inner.is_dir() else 0o600)
            else:
                _tighten(path, 0o600)

    def make_private_file(self, path: Path) -> None:
        if os.name != "nt":
            _tighten(path, 0o600)


def _tighten(path: Path, most: int) -> None:
    with contextlib.suppress(OSError):  # not ours to change (another owner): leave it be
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & ~most:
            os.chmod(path, mode & most)
