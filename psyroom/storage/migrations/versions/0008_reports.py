"""Monthly reports: the office's report settings (denominators the records cannot know, warning
thresholds) and who attended an activity (training twice a year is counted per person).

Revision ID: 0008
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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
        "report_settings",
        *_record_columns(),
        sa.Column("key", sa.Text, nullable=False),
        # A village's name for per-village figures (resident population); '' otherwise.
        sa.Column("scope", sa.Text, nullable=False, server_default=""),
        sa.Column("value", sa.Text, nullable=False),
        sa.UniqueConstraint("key", "scope", name="uq_report_settings_key_scope"),
    )
    op.create_table(
        "activity_participants",
        *_record_columns(),
        sa.Column("activity_id", sa.Text, nullable=False),
        sa.Column("participant_kind", sa.Text, nullable=False),  # staff | resident
        sa.Column("user_id", sa.Text),
        sa.Column("resident_id", sa.Text),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_index("ix_activity_participants_activity", "activity_participants",
                    ["activity_id"])
    op.create_index("ix_activity_participants_user", "activity_participants", ["user_id"])
    # The month's new archives and the 12-month trend would otherwise scan every archive.
    op.create_index("ix_residents_created", "residents", ["created_at"])
    # Who was seen in a period, per room, without reading consultation rows (they hold notes).
    op.create_index("ix_consultations_report", "consultations",
                    ["started_at", "origin_site", "subject_kind", "resident_id"])


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
