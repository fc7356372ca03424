"""USB bundles: record columns on every travelling table, per-origin ID numbers, sync state.

Revision ID: 0005
Revises: 0003
"""

import uuid
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def _copy_columns(table: sa.Table) -> list[sa.Column[object]]:
    # Rebuilt from what the file holds now, not from a frozen list, so columns other
    # migrations added before this one survive the rebuild.
    cols: list[sa.Column[object]] = []
    for c in table.columns:
        default = c.server_default
        text = getattr(default, "arg", None)
        cols.append(sa.Column(
            c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
            server_default=sa.text(str(text)) if text is not None else None))
    return cols


def _rebuild(name: str, extra: Callable[[], list[sa.Constraint]]) -> None:
    """Re-create a table without its foreign keys and with new constraints, keeping rows
    and indexes (SQLite cannot change constraints in place)."""
    bind = op.get_bind()
    old = sa.Table(name, sa.MetaData(), autoload_with=bind)
    indexes = sa.inspect(bind).get_indexes(name)
    new_name = f"{name}__new"
    cols = _copy_columns(old)
    op.create_table(new_name, *cols, *extra())
    names = ", ".join(f'"{c.name}"' for c in old.columns)
    op.execute(f'INSERT INTO "{new_name}" ({names}) SELECT {names} FROM "{name}"')
    op.execute(f'DROP TABLE "{name}"')
    op.execute(f'ALTER TABLE "{new_name}" RENAME TO "{name}"')
    for ix in indexes:
        op.create_index(ix["name"], name, [c for c in ix["column_names"] if c],
                        unique=bool(ix["unique"]))


def upgrade() -> None:
    bind = op.get_bind()
    if "village" not in {c["name"] for c in sa.inspect(bind).get_columns("sites")}:
        op.add_column("sites", sa.Column("village", sa.Text, nullable=True))

    # resident_tags: record columns; the id is the pair itself, so removing a tag and adding
    # it again is the same record at a newer version, not a new one.
    op.create_table(
        "resident_tags__new",
        sa.Column("id", sa.Text, sa.Computed("resident_id || '/' || tag_code", persisted=True),
                  unique=True),
        sa.Column("origin_site", sa.Text, nullable=False, server_default=""),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.Text, nullable=False, server_default=""),
        sa.Column("resident_id", sa.Text, primary_key=True),
        sa.Column("tag_code", sa.Text, primary_key=True),
    )
    op.execute(
        "INSERT INTO resident_tags__new (origin_site, version, created_at, updated_at, "
        "resident_id, tag_code) SELECT r.origin_site, 1, r.created_at, r.updated_at, "
        "t.resident_id, t.tag_code FROM resident_tags t JOIN residents r ON r.id = t.resident_id"
    )
    op.execute("DROP TABLE resident_tags")
    op.execute("ALTER TABLE resident_tags__new RENAME TO resident_tags")
    op.create_index("ix_resident_tags_tag", "resident_tags", ["tag_code"])

    # History and addenda lacked version and times; '' is filled by the room's triggers.
    for name in ("resident_history", "consultation_addenda"):
        op.add_column(name, sa.Column("version", sa.Integer, nullable=False,
                                      server_default="1"))
        op.add_column(name, sa.Column("created_at", sa.Text, nullable=False,
                                      server_default=""))
        op.add_column(name, sa.Column("updated_at", sa.Text, nullable=False,
                                      server_default=""))
        op.execute(f"UPDATE {name} SET created_at = at, updated_at = at")
    # An addendum may reach the office before its consultation (bundles out of order).
    _rebuild("consultation_addenda", list)
    # At the office the same ID number arrives from several rooms: unique per origin.
    _rebuild("residents", lambda: [sa.UniqueConstraint("origin_site", "id_number",
                                                       name="uq_residents_origin_id_number")])
    op.create_index("ix_residents_id_number", "residents", ["id_number"])

    op.create_table(
        "sync_keys",
        sa.Column("purpose", sa.Text, primary_key=True),
        sa.Column("private_key", sa.LargeBinary, nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_enrolment",
        sa.Column("office_id", sa.Text, primary_key=True),
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("office_name", sa.Text, nullable=False),
        sa.Column("office_enc_pub", sa.LargeBinary, nullable=False),
        sa.Column("office_sign_pub", sa.LargeBinary, nullable=False),
        sa.Column("secret", sa.LargeBinary, nullable=False),
        sa.Column("joined_at", sa.Text, nullable=False),
        sa.Column("proven", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_table(
        "sync_rooms",
        sa.Column("site_id", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("secret", sa.LargeBinary, nullable=False),
        sa.Column("sign_pub", sa.LargeBinary),
        sa.Column("enc_pub", sa.LargeBinary),
        sa.Column("enrolled_at", sa.Text, nullable=False),
        sa.Column("generation", sa.Text),
        sa.Column("last_seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_bundle_at", sa.Text),
        sa.Column("last_period_end", sa.Text),
        sa.Column("audit_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("audit_head", sa.Text),
    )
    op.create_table(
        "sync_received",
        sa.Column("site_id", sa.Text, primary_key=True),
        sa.Column("generation", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("period_end", sa.Text, nullable=False),
        sa.Column("imported_at", sa.Text, nullable=False),
        sa.Column("counts", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_table(
        "sync_events",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_sync_events_site", "sync_events", ["site_id", "at"])
    op.create_table(
        "sync_outbox",
        sa.Column("generation", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("change_upto", sa.Integer, nullable=False),
        sa.Column("audit_count", sa.Integer, nullable=False),
        sa.Column("audit_head", sa.Text, nullable=False),
        sa.Column("full", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("acked_at", sa.Text),
    )
    op.create_table(
        "sync_generations",
        sa.Column("generation", sa.Text, primary_key=True),
        sa.Column("parent", sa.Text),
        sa.Column("base_seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("base_audit_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("base_audit_head", sa.Text),
        sa.Column("started_at", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_changes",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tbl", sa.Text, nullable=False),
        sa.Column("row_id", sa.Text, nullable=False),
        sa.UniqueConstraint("tbl", "row_id", name="uq_sync_changes_row"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sync_tombstones",
        sa.Column("tbl", sa.Text, primary_key=True),
        sa.Column("row_id", sa.Text, primary_key=True),
        sa.Column("origin_site", sa.Text, nullable=False, server_default=""),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted_at", sa.Text, nullable=False),
    )
    op.create_table(
        "person_links",
        sa.Column("resident_id", sa.Text, primary_key=True),
        sa.Column("person_id", sa.Text, nullable=False),
        sa.Column("id_number", sa.Text, nullable=False),
    )
    op.create_index("ix_person_links_person", "person_links", ["person_id"])
    op.create_index("ix_person_links_number", "person_links", ["id_number"])
    op.create_table(
        "sync_notes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("ref_id", sa.Text),
        sa.Column("body", sa.Text, nullable=False, server_default="{}"),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("site_id", sa.Text, nullable=False, server_default=""),
        sa.Column("sent_seq", sa.Integer),
    )
    # The first generation of this database; a restore starts a new one.
    generation = str(uuid.uuid4())
    bind.execute(sa.text("DELETE FROM meta WHERE key IN ('sync_generation', "
                         "'sync_version_floor')"))
    bind.execute(sa.text("INSERT INTO meta (key, value) VALUES ('sync_generation', :g)"),
                 {"g": generation})
    bind.execute(sa.text("INSERT INTO sync_generations (generation, started_at) "
                         "VALUES (:g, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))"),
                 {"g": generation})


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
