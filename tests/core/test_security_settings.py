"""settings.json is anyone's to edit: wrong types fall back to defaults, and the auto-lock
time lives in the database, changed only with CHANGE_SETTINGS and audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psyroom.errors import PermissionDenied
from psyroom.settings import LocalSettings, load_settings

from .conftest import ADMIN, ADMIN_PASSWORD, Room, run_cli


@pytest.mark.parametrize("content", [
    {"language": 5, "autolock_minutes": "abc", "font_point_size": True},
    {"autolock_minutes": None, "font_point_size": "14"},
    {"autolock_minutes": 10.5},
    ["zh_CN"],
    "just text",
])
def test_wrong_types_fall_back_to_defaults(tmp_path: Path, content: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(content))
    assert load_settings(path) == LocalSettings()


def test_a_wrong_field_does_not_cost_the_right_ones(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "en", "autolock_minutes": "abc",
                                "font_point_size": 16}))
    assert load_settings(path) == LocalSettings(language="en", font_point_size=16)


def test_a_broken_settings_file_does_not_stop_the_cli(room: Room) -> None:
    (room.dir / "settings.json").write_text(json.dumps({"autolock_minutes": "abc",
                                                        "language": ["x"]}))
    result = run_cli("stats", "--json", data_dir=room.dir)
    assert result.returncode == 0, result.stderr


def test_autolock_lives_in_the_database_not_the_file(room: Room) -> None:
    s = room.session
    assert s.security_settings().autolock_minutes == 10
    s.save_settings(LocalSettings(autolock_minutes=3))
    assert s.security_settings().autolock_minutes == 3
    events = [(e.action, e.detail) for e in s.audit_events(limit=5)]
    assert ("security_settings_changed", {"autolock_minutes": 3}) in events
    s.close()
    # Someone edits the file by hand: the lock time stays the admin's choice.
    (room.dir / "settings.json").write_text(json.dumps({"autolock_minutes": 240}))
    room.session = room.inst.unlock(ADMIN, ADMIN_PASSWORD)
    assert room.session.security_settings().autolock_minutes == 3


def test_only_a_settings_admin_changes_the_lock_time(room: Room) -> None:
    room.session.add_user("counsellor1", roles=["counsellor"], password="Couns-2026a")
    other = room.inst.unlock("counsellor1", "Couns-2026a")
    try:
        with pytest.raises(PermissionDenied):
            other.save_settings(LocalSettings(autolock_minutes=240))
        with pytest.raises(PermissionDenied):
            other.save_security_settings(autolock_minutes=240)
        # Language and text size remain everyone's.
        other.save_settings(LocalSettings(font_point_size=16))
    finally:
        other.close()
    assert room.session.security_settings().autolock_minutes == 10
