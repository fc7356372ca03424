"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them.

Every record row carries a UUID, the site it was made at, a version and created/updated
times, so bundles from many rooms can later merge without colliding.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, MetaData, Table, Text

metadata = MetaData()


def record_columns() -> list[Column[object]]:
    return [
        Column("id", Text, primary_key=True),
        Column("origin_site", Text, nullable=False),
        Column("version", Integer, nullable=False, server_default="1"),
        Column("created_at", Text, nullable=False),
        Column("updated_at", Text, nullable=False),
    ]


meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

sites = Table(
    "sites",
    metadata,
    *record_columns(),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("room_type", Text, nullable=False),
    Column("is_self", Boolean, nullable=False, server_default="0"),
)

users = Table(
    "users",
    metadata,
    *record_columns(),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("roles", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("must_change_password", Boolean, nullable=False, server_default="0"),
    Column("password_changed_at", Text, nullable=True),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("at", Text, nullable=False),
    Column("site_id", Text, nullable=False),
    Column("actor_id", Text, nullable=True),
    Column("actor_name", Text, nullable=True),
    Column("action", Text, nullable=False),
    Column("target_kind", Text, nullable=True),
    Column("target_id", Text, nullable=True),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)
