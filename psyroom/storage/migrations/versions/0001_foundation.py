"""Foundation: meta, sites, users and the append-only audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[object]]:
    # Kept in each migration on purpose: a migration is a frozen record of one schema step
    # and must not change when shared code (psyroom.storage.schema) changes later.
    return [
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("origin_site", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sites",
        *_record_columns(),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("room_type", sa.Text, nullable=False),
        sa.Column("is_self", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_table(
        "users",
        *_record_columns(),
        sa.Column("username", sa.Text, nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("must_change_password", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("password_changed_at", sa.Text, nullable=True),
    )
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=True),
        sa.Column("actor_name", sa.Text, nullable=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target_kind", sa.Text, nullable=True),
        sa.Column("target_id", sa.Text, nullable=True),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
        sa.Column("prev_hash", sa.Text, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])
    # The hash chain detects edits; these triggers stop the app (or a slip) from making them.
    op.execute(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
