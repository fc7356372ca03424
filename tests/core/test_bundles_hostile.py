"""Hostile bundles and killed imports (issue 10): slow, property-based and multi-process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.session import Session
from psyroom.sync import crypto

from .bundles_support import OFFICE_ADMIN, PASSWORD, enrol_and_join, fill_every_kind, make_office
from .bundles_support import snapshot as db_snapshot
from .conftest import REPO

pytestmark = pytest.mark.slow


@dataclass
class Setup:
    office: Session
    data: bytes
    before: dict[str, list[tuple[object, ...]]]
    work: Path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")
    root = tmp_path_factory.mktemp("hostile")
    office = make_office(root)
    room = Installation(root / "room").initialise(
        site_kind="room", site_code="BC-01", site_name="北城村心理咨询室",
        admin_name="roomadmin", admin_password=PASSWORD).session
    enrol_and_join(office.session, room, root)
    fill_every_kind(room)
    usb = root / "usb"
    usb.mkdir()
    [bundle] = room.bundles.export_bundle(usb)
    room.close()
    yield Setup(office.session, bundle.read_bytes(), db_snapshot(office.session), root)
    office.session.close()


def _refused(setup: Setup, content: bytes) -> None:
    path = setup.work / "attempt.psybundle"
    path.write_bytes(content)
    [outcome] = setup.office.bundles.import_bundles([path]).files
    assert outcome.refused is not None, "a changed bundle was accepted"
    assert db_snapshot(setup.office) == setup.before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(st.data())
def test_any_changed_byte_is_refused(setup: Setup, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(setup.data) - 1))
    flip = data.draw(st.integers(1, 255))
    changed = bytearray(setup.data)
    changed[pos] ^= flip
    _refused(setup, bytes(changed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_truncated_or_extended_or_resigned_is_refused(setup: Setup, data: st.DataObject
                                                      ) -> None:
    how = data.draw(st.sampled_from(["truncate", "extend", "resign"]))
    if how == "truncate":
        _refused(setup, setup.data[:data.draw(st.integers(0, len(setup.data) - 1))])
    elif how == "extend":
        _refused(setup, setup.data + data.draw(st.binary(min_size=1, max_size=64)))
    else:
        pos = data.draw(st.integers(0, len(setup.data) - 65))
        changed = bytearray(setup.data[:-64])
        changed[pos] ^= 1
        key, _ = crypto.new_signing_pair()
        _refused(setup, bytes(changed) + crypto.sign(bytes(changed), key))


def test_killing_the_import_half_way_leaves_all_or_nothing(tmp_path: Path) -> None:
    office = make_office(tmp_path)
    room = Installation(tmp_path / "room").initialise(
        site_kind="room", site_code="BC-01", site_name="北城村心理咨询室",
        admin_name="roomadmin", admin_password=PASSWORD).session
    enrol_and_join(office.session, room, tmp_path)
    fill_demo_data(room, residents=4000, months=6)
    expected = room.stats()
    [bundle] = room.bundles.export_bundle(tmp_path)
    room.close()
    office.session.close()
    script = textwrap.dedent(f"""
        from pathlib import Path
        from psyroom.installation import Installation
        s = Installation(Path({str(office.inst.data_dir)!r})).unlock({OFFICE_ADMIN!r},
                                                                    {PASSWORD!r})
        print("open", flush=True)
        s.bundles.import_bundles([Path({str(bundle)!r})])
        print("done", flush=True)
    """)
    env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast"}
    for delay in (0.05, 0.3, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                text=True, env=env, cwd=REPO)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        s = office.inst.unlock(OFFICE_ADMIN, PASSWORD)
        try:
            assert s.db.integrity_problems() == []
            got = s.stats()["residents"]
            assert got in (0, expected["residents"]), got
            if got:
                break
        finally:
            s.close()
    s = office.inst.unlock(OFFICE_ADMIN, PASSWORD)
    try:
        s.bundles.import_bundles([bundle])
        stats = s.stats()
        for key in ("residents", "consultations", "assessments", "followups", "activities"):
            assert stats[key] == expected[key], key
        assert s.verify().ok
    finally:
        s.close()
