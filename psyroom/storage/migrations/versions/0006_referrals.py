"""Referrals: the institution directory, referral records and the office's receipt notes.

Revision ID: 0006
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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
        "institutions",
        *_record_columns(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("phone", sa.Text, nullable=False, server_default=""),
        sa.Column("contact_person", sa.Text, nullable=False, server_default=""),
        # 'office' entries come down from the street office and are read-only at a room.
        sa.Column("source", sa.Text, nullable=False, server_default="room"),
        sa.Column("active", sa.Boolean, nullable=False, server_default="1"),
    )
    op.create_index("ix_institutions_name", "institutions", ["name"])
    op.create_table(
        "referrals",
        *_record_columns(),
        sa.Column("serial", sa.Text, nullable=False, unique=True),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("source_kind", sa.Text, nullable=False, server_default="resident"),
        sa.Column("source_id", sa.Text),
        sa.Column("institution_id", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("urgency", sa.Text, nullable=False, server_default="routine"),
        sa.Column("consent_by", sa.Text),
        sa.Column("consent_scope", sa.Text, nullable=False, server_default=""),
        sa.Column("consent_date", sa.Text),
        sa.Column("no_consent_reason", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="draft"),
        sa.Column("created_by_id", sa.Text, nullable=False),
        sa.Column("created_by_name", sa.Text, nullable=False),
        sa.Column("issued_at", sa.Text),
        sa.Column("issued_on", sa.Text),
        sa.Column("issued_by_name", sa.Text),
        # What the slip printed, frozen at issue: the verification code covers exactly this.
        sa.Column("slip_fields", sa.Text),
        sa.Column("verify_code", sa.Text),
        sa.Column("received_on", sa.Text),
        sa.Column("receiver", sa.Text),
        sa.Column("feedback", sa.Text),
        sa.Column("feedback_on", sa.Text),
        sa.Column("closed_at", sa.Text),
        sa.Column("cancelled_at", sa.Text),
        sa.Column("cancel_reason", sa.Text),
    )
    op.create_index("ix_referrals_resident", "referrals", ["resident_id"])
    op.create_index("ix_referrals_status", "referrals", ["status", "issued_on"])
    op.create_table(
        "referral_notes",
        *_record_columns(),
        sa.Column("referral_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False, server_default="receipt"),
        sa.Column("received_on", sa.Text),
        sa.Column("receiver", sa.Text),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("author_name", sa.Text, nullable=False),
    )
    op.create_index("ix_referral_notes_referral", "referral_notes", ["referral_id"])
    # A follow-up's required action points at the real referral instead of free text.
    op.add_column("followups", sa.Column("referral_id", sa.Text))


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
