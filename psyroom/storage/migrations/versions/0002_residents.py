"""Resident archives: residents, key-population tags, per-resident history.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from psyroom.residents.tags import SEED_TAGS

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEED_TIME = "2026-01-01T00:00:00+00:00"


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
        "residents",
        *_record_columns(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("gender", sa.Text, nullable=False, server_default="unknown"),
        sa.Column("birth_date", sa.Text, nullable=True),
        sa.Column("id_number", sa.Text, nullable=True, unique=True),
        sa.Column("phone", sa.Text, nullable=True),
        sa.Column("address", sa.Text, nullable=True),
        sa.Column("village", sa.Text, nullable=True),
        sa.Column("guardian_name", sa.Text, nullable=True),
        sa.Column("guardian_phone", sa.Text, nullable=True),
        sa.Column("consent_date", sa.Text, nullable=True),
        sa.Column("consent_scope", sa.Text, nullable=True),
        sa.Column("risk_level", sa.Text, nullable=False, server_default="none"),
        sa.Column("status", sa.Text, nullable=False, server_default="active"),
        sa.Column("smd_registered", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("smd_diagnosis", sa.Text, nullable=True),
        sa.Column("smd_registered_on", sa.Text, nullable=True),
        sa.Column("smd_guardian", sa.Text, nullable=True),
        sa.Column("smd_care_team", sa.Text, nullable=True),
        sa.Column("pinyin", sa.Text, nullable=False, server_default=""),
        sa.Column("initials", sa.Text, nullable=False, server_default=""),
        sa.Column("merged_into", sa.Text, nullable=True),
        sa.Column("anonymised", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_index("ix_residents_village", "residents", ["village"])
    op.create_index("ix_residents_name_birth", "residents", ["name", "birth_date"])
    op.create_index("ix_residents_updated", "residents", ["updated_at"])
    tags = op.create_table(
        "population_tags",
        *_record_columns(),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("group_zh", sa.Text, nullable=False),
        sa.Column("name_zh", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default="1"),
    )
    op.bulk_insert(tags, [
        {"id": f"seed-tag-{t.code}", "origin_site": "seed", "version": 1,
         "created_at": SEED_TIME, "updated_at": SEED_TIME, "code": t.code,
         "group_zh": t.group_zh, "name_zh": t.name_zh, "name_en": t.name_en,
         "aliases": ",".join(t.aliases), "active": True}
        for t in SEED_TAGS
    ])
    op.create_table(
        "resident_tags",
        sa.Column("resident_id", sa.Text, sa.ForeignKey("residents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("tag_code", sa.Text, primary_key=True),
    )
    op.create_index("ix_resident_tags_tag", "resident_tags", ["tag_code"])
    op.create_table(
        "resident_history",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("origin_site", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=True),
        sa.Column("actor_name", sa.Text, nullable=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_resident_history_resident", "resident_history", ["resident_id", "at"])


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
