"""The user rows themselves, on a real SQLCipher file without logins (quick: the accounts
module's own tests in mutation runs). Each change touches the named user only, bumps the
version and the time, and the rules (unique names, no empty roles, never the last admin)
hold with the reason named."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection

from psyroom.accounts import service as accounts
from psyroom.errors import InvalidInput
from psyroom.security.roles import Role
from psyroom.storage import migrate
from psyroom.storage.database import Database

SITE = "site-1"
ADMIN = frozenset({Role.ADMIN})
COUNSEL = frozenset({Role.COUNSELLOR})


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "u.db", os.urandom(32), create=True)
    migrate.upgrade(database)
    yield database
    database.close()


def raw(conn: Connection, username: str) -> dict[str, object]:
    row = conn.exec_driver_sql("SELECT * FROM users WHERE username = ?", (username,)).mappings()
    return dict(row.one())


def add(conn: Connection, name: str, roles: frozenset[Role] = COUNSEL, **more: bool
        ) -> accounts.UserInfo:
    return accounts.create(conn, site_id=SITE, username=name, display_name="", roles=roles,
                           **more)


def test_a_new_user_row_is_complete(db: Database) -> None:
    with db.unit_of_work() as conn:
        user = add(conn, "wang", frozenset({Role.COUNSELLOR, Role.SUPERVISOR}),
                   must_change_password=True)
        assert user.username == "wang" and user.display_name == "wang"  # name stands in
        assert user.roles == {Role.COUNSELLOR, Role.SUPERVISOR}
        assert user.disabled is False and user.must_change_password is True
        row = raw(conn, "wang")
        assert row["version"] == 1 and row["origin_site"] == SITE
        assert row["disabled"] == 0 and row["roles"] == "counsellor,supervisor"
        assert row["created_at"] == row["updated_at"] == row["password_changed_at"]
        assert str(row["created_at"])[:2] == "20"
        other = accounts.create(conn, site_id=SITE, username="li", display_name="李四",
                                roles=COUNSEL)
        assert other.display_name == "李四" and other.must_change_password is False
        assert other.id != user.id


def test_names_are_unique_and_roles_required(db: Database) -> None:
    with db.unit_of_work() as conn:
        add(conn, "wang")
        with pytest.raises(InvalidInput) as err:
            add(conn, "wang")
        assert err.value.code == "username_taken"
        with pytest.raises(InvalidInput) as err:
            add(conn, "zhao", frozenset())
        assert err.value.code == "roles_empty"
        with pytest.raises(InvalidInput) as err:
            accounts.get(conn, "nobody")
        assert err.value.code == "user_unknown"
        assert accounts.find(conn, "nobody") is None
        assert accounts.count(conn) == 1


def test_listing_is_by_name_and_reads_every_flag(db: Database) -> None:
    with db.unit_of_work() as conn:
        for name in ("zhou", "an", "li"):
            add(conn, name, ADMIN)
        accounts.disable(conn, "li")
        listed = accounts.list_all(conn)
    assert [u.username for u in listed] == ["an", "li", "zhou"]
    assert [u.disabled for u in listed] == [False, True, False]
    assert [u.is_admin for u in listed] == [True, True, True]


def test_each_change_touches_only_that_user_and_bumps_its_version(db: Database) -> None:
    with db.unit_of_work() as conn:
        add(conn, "an", ADMIN)
        add(conn, "wang")
        add(conn, "li")
        conn.exec_driver_sql("UPDATE users SET updated_at = '2000-01-01', "
                             "password_changed_at = '2000-01-01'")
        before = {n: raw(conn, n) for n in ("an", "wang", "li")}
        changed = accounts.set_roles(conn, "wang", frozenset({Role.SOCIAL_WORKER}))
        assert changed.roles == {Role.SOCIAL_WORKER}
        accounts.mark_password_changed(conn, "li", must_change=True)
        accounts.require_change(conn, "an")
        after = {n: raw(conn, n) for n in ("an", "wang", "li")}
    assert after["wang"]["roles"] == "social_worker"
    assert after["li"]["must_change_password"] == 1
    assert after["an"]["must_change_password"] == 1
    assert after["wang"]["must_change_password"] == 0
    for name in ("an", "wang", "li"):
        assert after[name]["version"] == before[name]["version"] + 1  # type: ignore[operator]
        assert str(after[name]["updated_at"]) > "2000-01-01"
    changed_at = after["li"]["password_changed_at"]
    assert isinstance(changed_at, str) and changed_at[:2] == "20" and changed_at > "2000-01-01"
    assert after["an"]["password_changed_at"] == "2000-01-01"
    assert after["an"]["roles"] == "admin" and after["li"]["roles"] == "counsellor"
    with db.unit_of_work() as conn:
        accounts.mark_password_changed(conn, "li", must_change=False)
        assert accounts.get(conn, "li").must_change_password is False
        with pytest.raises(InvalidInput):
            accounts.require_change(conn, "nobody")


def test_the_last_admin_can_be_neither_demoted_nor_disabled(db: Database) -> None:
    with db.unit_of_work() as conn:
        add(conn, "an", ADMIN)
        add(conn, "wang")
        with pytest.raises(InvalidInput) as err:
            accounts.set_roles(conn, "an", COUNSEL)
        assert err.value.code == "last_admin"
        with pytest.raises(InvalidInput) as err:
            accounts.disable(conn, "an")
        assert err.value.code == "last_admin"
        with pytest.raises(InvalidInput) as err:
            accounts.set_roles(conn, "wang", frozenset())
        assert err.value.code == "roles_empty"
        # With a second admin, one of the two may go; then the other is the last again.
        add(conn, "bai", frozenset({Role.ADMIN, Role.COUNSELLOR}))
        assert accounts.set_roles(conn, "an", COUNSEL).roles == COUNSEL
        with pytest.raises(InvalidInput):
            accounts.disable(conn, "bai")
        add(conn, "chen", ADMIN)
        assert accounts.disable(conn, "bai").disabled is True
        # A disabled admin does not count, and disabling one again is no last-admin case.
        with pytest.raises(InvalidInput):
            accounts.set_roles(conn, "chen", COUNSEL)
        assert accounts.disable(conn, "bai").disabled is True
        # A non-admin is never the last admin.
        assert accounts.disable(conn, "wang").disabled is True
