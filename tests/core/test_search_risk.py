"""Search results show a resident's risk only to roles that may read risk records, and both
search paths (the index and the SQL scan) filter and show the same *shown* risk: the higher
of the recorded level and any open crisis's."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from psyroom.crisis.service import CrisisInput
from psyroom.errors import PermissionDenied
from psyroom.residents import repository as repo
from psyroom.residents.model import ResidentFields
from psyroom.residents.search import SearchFilters
from psyroom.security.roles import ROLE_PERMISSIONS, Permission, Role
from psyroom.session import Session

from .conftest import Room, run_cli

USERS = {  # role -> (user name, password)
    Role.COUNSELLOR: ("wangcounsel", "Wang-couns1"),
    Role.SOCIAL_WORKER: ("zhousocial", "Zhou-social1"),
    Role.OFFICE_CLERK: ("liclerk", "Li-clerk123"),
    Role.SUPERVISOR: ("sunsuper", "Sun-super123"),
    Role.ADMIN: ("onlyadmin", "Only-admin2026"),  # the set-up admin also counsels
}
HIGH = SearchFilters(risk_level="high")
NONE = SearchFilters(risk_level="none")


def open_crisis(s: Session, resident_id: str, level: str = "high") -> str:
    return s.crises.record(CrisisInput(resident_id=resident_id, occurred_at="2026-11-25T10:00",
                                       crisis_type="suicide", level=level, actions="陪同就医"))


@pytest.fixture
def people(room: Room) -> dict[str, str]:
    """A calm person, one recorded high, and one recorded 无 with an open high crisis."""
    s = room.session
    for role, (name, pw) in USERS.items():
        s.add_user(name, roles=[role.value], password=pw)
    return {
        "calm": s.residents.create(ResidentFields(name="王平安")).resident.id,
        "recorded": s.residents.create(ResidentFields(name="王高危", risk_level="high")
                                       ).resident.id,
        "crisis": s.residents.create(ResidentFields(name="王危机")).resident.id,
    }


@pytest.fixture
def sessions(room: Room, people: dict[str, str]) -> Iterator[dict[Role, Session]]:
    room.session.close()
    opened = {role: room.inst.unlock(name, pw) for role, (name, pw) in USERS.items()}
    open_crisis(opened[Role.COUNSELLOR], people["crisis"])
    yield opened
    for s in opened.values():
        s.close()


def sql_ids(s: Session, text: str, f: SearchFilters) -> list[str]:
    return s._read(lambda c: repo.browse(c, f, offset=0, limit=100, text=text))[1]


@pytest.mark.parametrize("text", ["", "王", "wang"])
def test_both_paths_filter_by_the_risk_shown(sessions: dict[Role, Session],
                                             people: dict[str, str], text: str) -> None:
    s = sessions[Role.COUNSELLOR]
    s.residents.index()  # built: the search below takes the index path
    want_high = sorted([people["recorded"], people["crisis"]])
    assert sorted(sql_ids(s, text, HIGH)) == want_high
    _total, found, _ = s.residents.search(text, HIGH)
    assert sorted(r.id for r in found) == want_high
    assert {r.id: r.shown_risk for r in found} == dict.fromkeys(want_high, "high")
    assert [r.id for r in s.residents.search(text, NONE)[1]] == [people["calm"]]
    assert sql_ids(s, text, NONE) == [people["calm"]]


def test_the_index_follows_crises_opened_and_closed_after_it_was_built(
        sessions: dict[Role, Session], people: dict[str, str]) -> None:
    s = sessions[Role.COUNSELLOR]
    s.residents.index()
    calm = people["calm"]
    crisis_id = open_crisis(s, calm, level="critical")  # 紧急 shows as 高
    for text in ("", "王平安"):
        assert calm in [r.id for r in s.residents.search(text, HIGH)[1]]
        assert s.residents.search(text, NONE)[0] == 0
        assert calm in sql_ids(s, text, HIGH)
    s.crises.close(crisis_id, reason="已转介")
    assert calm not in [r.id for r in s.residents.search("王", HIGH)[1]]
    assert [r.id for r in s.residents.search("王", NONE)[1]] == [calm]
    # An edit after the build (the index's overlay) keeps its open crisis in the filter.
    edited = s.residents.open(people["crisis"])
    s.residents.update(edited.id, ResidentFields(name="王危机", phone="13912345678"))
    assert people["crisis"] in [r.id for r in s.residents.search("王", HIGH)[1]]
    assert people["crisis"] not in [r.id for r in s.residents.search("王", NONE)[1]]


@pytest.mark.parametrize("role", list(USERS))
def test_search_results_carry_risk_only_for_roles_that_may_read_it(
        sessions: dict[Role, Session], people: dict[str, str], role: Role) -> None:
    s = sessions[role]
    may = Permission.READ_RISK_RECORDS in ROLE_PERMISSIONS[role]
    _total, found, _ = s.residents.search("王")
    assert len(found) == 3
    shown = {r.id: r.shown_risk for r in found}
    rows = {r.id: (r.risk_level, r.open_crisis_level)
            for r in s.residents.rows(list(people.values()))}
    if may:
        assert shown == {people["calm"]: "none", people["recorded"]: "high",
                         people["crisis"]: "high"}
        assert rows[people["crisis"]] == ("none", "high")
    else:
        assert set(shown.values()) == {""}
        assert all(r.risk_withheld for r in found)
        assert set(rows.values()) == {("", None)}


@pytest.mark.parametrize("role", [Role.OFFICE_CLERK, Role.ADMIN])
def test_a_risk_filter_is_refused_without_the_permission_and_audited(
        sessions: dict[Role, Session], role: Role) -> None:
    s = sessions[role]
    for text in ("", "王"):
        with pytest.raises(PermissionDenied):
            s.residents.search(text, HIGH)
    # Other filters still work for them.
    assert s.residents.search("", SearchFilters(status="active"))[0] == 3
    reader = sessions[Role.SUPERVISOR]
    denied = [e for e in reader.audit_events() if e.action == "permission_denied"
              and e.actor_name == USERS[role][0]]
    assert [e.detail for e in denied] == [{"permission": "read_risk_records"}] * 2


def test_command_line_find_shows_risk_only_to_those_who_may_read_it(
        people: dict[str, str], room: Room) -> None:
    open_crisis(room.session, people["crisis"])
    room.session.close()
    found: dict[Role, dict[str, dict[str, object]]] = {}
    for role in (Role.COUNSELLOR, Role.OFFICE_CLERK):
        name, pw = USERS[role]
        result = run_cli("residents", "find", "王", "--json", data_dir=room.dir, user=name,
                         password=pw)
        assert result.returncode == 0, result.stderr
        found[role] = {r["id"]: r for r in json.loads(result.stdout)["residents"]}
    counsellor, clerk = found[Role.COUNSELLOR], found[Role.OFFICE_CLERK]
    assert counsellor[people["crisis"]]["risk_level"] == "high"  # shown, not recorded 无
    assert counsellor[people["calm"]]["risk_level"] == "none"
    assert set(clerk) == set(counsellor)
    assert all("risk_level" not in r for r in clerk.values())
    assert "high" not in json.dumps(clerk) and "none" not in json.dumps(clerk)


def test_the_index_itself_is_only_for_readers_of_risk_records(
        sessions: dict[Role, Session]) -> None:
    # It filters by recorded risk; a clerk or an admin-only account searches through search().
    for role, s in sessions.items():
        if Permission.READ_RISK_RECORDS in ROLE_PERMISSIONS[role]:
            assert len(s.residents.index()) == 3
        else:
            with pytest.raises(PermissionDenied):
                s.residents.index()


def test_an_admin_only_account_edits_an_archive_without_seeing_or_changing_its_risk(
        sessions: dict[Role, Session], people: dict[str, str]) -> None:
    admin = sessions[Role.ADMIN]
    opened = admin.residents.open(people["recorded"])
    assert opened.risk_withheld and opened.risk_level == "" and opened.shown_risk == ""
    # The form sends whatever its hidden risk field holds; the recorded level stays.
    saved = admin.residents.update(opened.id, ResidentFields(name="王高危", phone="13912345678",
                                                             risk_level="none"))
    assert saved.resident.risk_withheld
    counsellor = sessions[Role.COUNSELLOR].residents.open(people["recorded"])
    assert (counsellor.risk_level, counsellor.phone) == ("high", "13912345678")
    # Possible duplicates offered while typing come without risk as well.
    sessions[Role.COUNSELLOR].residents.create(ResidentFields(
        name="王重名", birth_date="1960-01-01", risk_level="high"))
    _cleaned, _problems, dups = admin.residents.check(ResidentFields(
        name="王重名", birth_date="1960-01-01"))
    assert len(dups) == 1 and dups[0].risk_withheld and dups[0].risk_level == ""
