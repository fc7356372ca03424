"""A batch of bundles at the office runs with batch settings and leaves none behind (issue 10).

The speed itself is measured in bench/bundles.py; here: the settings are in force while the
batch runs, are back afterwards (also after a cancel), and the WAL is folded in at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psyroom.errors import Cancelled
from psyroom.session import Session
from psyroom.storage.database import BATCH_CACHE_KIB, BATCH_WAL_PAGES

from .bundles_support import Office, enrol_and_join, fill_every_kind, same_records
from .conftest import Room


def _settings(s: Session) -> tuple[int, int]:
    raw = s.db.raw
    return (int(raw.execute("PRAGMA cache_size").fetchone()[0]),
            int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0]))


def _wal_bytes(s: Session) -> int:
    wal = Path(str(s.db.path) + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_a_batch_uses_its_settings_and_leaves_none_behind(office: Office, room: Room,
                                                          tmp_path: Path, usb: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    fill_every_kind(room.session)
    [first] = room.session.bundles.export_bundle(usb)
    s = office.session
    before = _settings(s)
    assert before != (-BATCH_CACHE_KIB, BATCH_WAL_PAGES)
    during: list[tuple[int, int]] = []
    summary = s.bundles.import_bundles([first], progress=lambda done, total: during.append(
        _settings(s)))
    assert summary.refused == 0
    assert during == [(-BATCH_CACHE_KIB, BATCH_WAL_PAGES)]
    assert _settings(s) == before
    # Folded in and truncated: nothing of the batch waits in the WAL.
    assert _wal_bytes(s) == 0
    same_records(s, room.session)


def test_a_cancelled_batch_also_restores_the_settings(office: Office, room: Room,
                                                      tmp_path: Path, usb: Path) -> None:
    enrol_and_join(office.session, room.session, tmp_path)
    fill_every_kind(room.session)
    [bundle] = room.session.bundles.export_bundle(usb)
    s = office.session
    before = _settings(s)
    with pytest.raises(Cancelled):
        s.bundles.import_bundles([bundle], cancel=lambda: True)
    assert _settings(s) == before
    assert s.bundles.import_bundles([bundle]).refused == 0
    assert _settings(s) == before
