"""User accounts in the database. Key slots (in keyslots.json) are handled by the caller."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from psyroom.clock import new_id, utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.security.roles import Role
from psyroom.storage.schema import users


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    roles: frozenset[Role]
    disabled: bool
    must_change_password: bool

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles


def _roles_text(roles: frozenset[Role]) -> str:
    return ",".join(sorted(r.value for r in roles))


def _from_row(row: object) -> UserInfo:
    m = row._mapping  # type: ignore[attr-defined]
    return UserInfo(
        id=m["id"],
        username=m["username"],
        display_name=m["display_name"],
        roles=frozenset(Role(r) for r in m["roles"].split(",") if r),
        disabled=bool(m["disabled"]),
        must_change_password=bool(m["must_change_password"]),
    )


def find(conn: Connection, username: str) -> UserInfo | None:
    row = conn.execute(select(users).where(users.c.username == username)).first()
    return None if row is None else _from_row(row)


def get(conn: Connection, username: str) -> UserInfo:
    user = find(conn, username)
    if user is None:
        raise InvalidInput("user_unknown")
    return user


def list_all(conn: Connection) -> list[UserInfo]:
    return [_from_row(r) for r in conn.execute(select(users).order_by(users.c.username))]


def create(conn: Connection, *, site_id: str, username: str, display_name: str,
           roles: frozenset[Role], must_change_password: bool = False) -> UserInfo:
    if find(conn, username) is not None:
        raise InvalidInput("username_taken")
    if not roles:
        raise InvalidInput("roles_empty")
    now = utc_now_iso()
    user_id = new_id()
    conn.execute(
        insert(users).values(
            id=user_id, origin_site=site_id, version=1, created_at=now, updated_at=now,
            username=username, display_name=display_name or username,
            roles=_roles_text(roles), disabled=False,
            must_change_password=must_change_password, password_changed_at=now,
        )
    )
    return get(conn, username)


def _active_admins(conn: Connection) -> int:
    rows = conn.execute(select(users.c.roles).where(users.c.disabled.is_(False))).scalars()
    return sum(1 for roles in rows if Role.ADMIN.value in roles.split(","))


def _touch(conn: Connection, username: str, **values: object) -> None:
    conn.execute(
        update(users)
        .where(users.c.username == username)
        .values(updated_at=utc_now_iso(), version=users.c.version + 1, **values)
    )


def set_roles(conn: Connection, username: str, roles: frozenset[Role]) -> UserInfo:
    user = get(conn, username)
    if not roles:
        raise InvalidInput("roles_empty")
    if user.is_admin and Role.ADMIN not in roles and _active_admins(conn) <= 1:
        raise InvalidInput("last_admin")
    _touch(conn, username, roles=_roles_text(roles))
    return get(conn, username)


def disable(conn: Connection, username: str) -> UserInfo:
    user = get(conn, username)
    if user.is_admin and not user.disabled and _active_admins(conn) <= 1:
        raise InvalidInput("last_admin")
    _touch(conn, username, disabled=True)
    return get(conn, username)


def mark_password_changed(conn: Connection, username: str, *, must_change: bool) -> None:
    _touch(conn, username, password_changed_at=utc_now_iso(), must_change_password=must_change)


def require_change(conn: Connection, username: str) -> None:
    get(conn, username)
    _touch(conn, username, must_change_password=True)


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(users)).scalar() or 0)
