"""The office browses one room's records read-only, every read audited, with the room's role
rules (issue 10): real rooms, real bundles, a real office database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from psyroom.audit import log as audit
from psyroom.audit.describe import describe
from psyroom.errors import InvalidInput, PermissionDenied
from psyroom.installation import Installation
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters
from psyroom.session import Session

from .bundles_support import MARK_NAME, Office, enrol_and_join, fill_every_kind
from .conftest import Room

STAFF_PASSWORD = "Office-staff-2026"



def _second_room(tmp_path: Path) -> Session:
    inst = Installation(tmp_path / "room-b")
    return inst.initialise(site_kind="room", room_type="community", site_code="DG-02",
                           site_name="东关社区心理服务室", admin_name="donguan",
                           admin_password=STAFF_PASSWORD).session


def _send(office: Session, room: Session, usb: Path) -> None:
    usb.mkdir(exist_ok=True)
    summary = office.bundles.import_bundles(room.bundles.export_bundle(usb))
    assert summary.refused == 0


def _names(s: Session, site_id: str, text: str = "") -> list[str]:
    total, found, _ = s.residents.search(text, SearchFilters(origin_site=site_id))
    assert total == len(found)
    return sorted(r.name for r in found)


def _last_actions(s: Session, n: int) -> list[tuple[str, str | None]]:
    return [(e.action, e.target_id) for e in s._read(lambda c: audit.events(c, limit=n))]


@pytest.fixture
def two_rooms(office: Office, room: Room, tmp_path: Path) -> Iterator[dict[str, str]]:
    other = _second_room(tmp_path)
    try:
        enrol_and_join(office.session, room.session, tmp_path)
        enrol_and_join(office.session, other, tmp_path, village="东关社区")
        ids = fill_every_kind(room.session)
        other.residents.create(ResidentFields(name="李秀英", gender="female",
                                              birth_date="1962-07-08"))
        _send(office.session, room.session, tmp_path / "usb")
        _send(office.session, other, tmp_path / "usb")
        sites = {r.code: r.site_id for r in office.session.bundles.room_status()}
        yield {**ids, "A": sites["BC-01"], "B": sites["DG-02"]}
    finally:
        other.close()


def test_browse_lists_only_that_rooms_archives_and_is_audited(
        office: Office, two_rooms: dict[str, str]) -> None:
    s = office.session
    browsed = s.bundles.browse_room(two_rooms["A"])
    assert (browsed.code, browsed.residents) == ("BC-01", 2)
    assert _last_actions(s, 1) == [("room_records_browsed", two_rooms["A"])]
    # The audit view says which room was looked into.
    [event] = s._read(lambda c: audit.events(c, limit=1))
    assert describe(event.action, event.detail, "zh_CN").sentence("zh_CN") == (
        "查看了服务室的档案列表：服务室 BC-01")
    assert _names(s, two_rooms["A"]) == sorted([MARK_NAME, "王德福"])
    assert _names(s, two_rooms["B"]) == ["李秀英"]
    # Typing in one room's list finds nobody from another room.
    assert _names(s, two_rooms["A"], "李") == []
    assert _names(s, two_rooms["B"], "li") == ["李秀英"]
    # The whole office list still holds both rooms.
    assert s.residents.search("")[0] == 3
    s.residents.open(two_rooms["a"])
    assert _last_actions(s, 1) == [("resident_opened", two_rooms["a"])]


def test_browse_refuses_unknown_room_and_rooms(office: Office, room: Room,
                                               two_rooms: dict[str, str]) -> None:
    before = len(office.session._read(lambda c: audit.events(c, limit=10_000)))
    with pytest.raises(InvalidInput) as refused:
        office.session.bundles.browse_room("not-a-room")
    assert refused.value.code == "bundle_room_missing"
    assert "没有登记" in refused.value.message()
    assert len(office.session._read(lambda c: audit.events(c, limit=10_000))) == before
    with pytest.raises(InvalidInput) as at_room:
        room.session.bundles.browse_room(two_rooms["A"])
    assert at_room.value.code == "bundle_office_only"


def test_clerk_browses_without_note_or_score_content(office: Office,
                                                     two_rooms: dict[str, str]) -> None:
    s = office.session
    s.add_user("clerk1", roles=["office_clerk"], password=STAFF_PASSWORD)
    s.add_user("super1", roles=["supervisor"], password=STAFF_PASSWORD)
    clerk = office.inst.unlock("clerk1", STAFF_PASSWORD)
    supervisor = office.inst.unlock("super1", STAFF_PASSWORD)
    try:
        assert clerk.bundles.browse_room(two_rooms["A"]).residents == 2
        assert _names(clerk, two_rooms["A"]) == sorted([MARK_NAME, "王德福"])
        clerk.residents.open(two_rooms["a"])
        assert _last_actions(clerk, 1) == [("resident_opened", two_rooms["a"])]
        seen = clerk.residents.timeline(two_rooms["a"])
        kinds = {e.record_kind for e in seen}
        assert {"consultation", "assessment"} <= kinds
        for entry in seen:
            if entry.record_kind in ("consultation", "assessment", "crisis", "followup"):
                assert "仅限有权限" in entry.title_zh and entry.record_id is None
        text = " ".join(e.title_zh for e in seen)
        assert "PHQ" not in text and "失眠" not in text
        with pytest.raises(PermissionDenied):
            clerk.consultations.get(two_rooms["consultation"])
        # The supervisor reads what a supervisor reads in the room, and it is audited.
        full = supervisor.residents.timeline(two_rooms["a"])
        assert any("PHQ" in e.title_en for e in full)
        assert supervisor.consultations.get(two_rooms["consultation"]).data.complaint == "失眠两周"
        assert _last_actions(supervisor, 1) == [("consultation_read",
                                                 two_rooms["consultation"])]
    finally:
        clerk.close()
        supervisor.close()


def test_enrolment_file_is_read_without_secrets_and_damage_refused(office: Office,
                                                                   tmp_path: Path) -> None:
    from psyroom.errors import BundleRefused
    from psyroom.sync.join import read_enrolment

    file = tmp_path / "enrol.json"
    office.session.bundles.enrol_room("hx-001", "河西村心理服务室", out=file,
                                      room_type="school", village="河西村")
    found = read_enrolment(file)
    assert (found.office_code, found.office_name) == ("JD-01", "城关街道综治中心")
    assert (found.room_code, found.room_name, found.room_type, found.village) == (
        "HX-001", "河西村心理服务室", "school", "河西村")
    assert not hasattr(found, "secret")
    file.write_bytes(file.read_bytes()[:-40])
    with pytest.raises(BundleRefused) as refused:
        read_enrolment(file)
    assert refused.value.code == "bundle_enrolment_bad"
