"""Severe-disorder patients: the national system's patient number on the archive, and the
archive status 失访 (lost to follow-up).

An archive whose latest follow-up recorded a 若失访原因 (and no later follow-up reached the
patient) becomes "lost": that maps without doubt. Nothing else changes status.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_LATEST_LOST = (
    "UPDATE residents SET status = 'lost', version = version + 1, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00' "
    "WHERE status = 'active' AND smd_registered = 1 "
    "AND (SELECT f.lost_reason FROM followups f WHERE f.resident_id = residents.id "
    "ORDER BY f.followup_date DESC, f.created_at DESC LIMIT 1) IS NOT NULL")


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of the table would drop the search triggers (0009).
    op.add_column("residents", sa.Column("smd_national_id", sa.Text))
    op.execute(_LATEST_LOST)


def downgrade() -> None:
    op.execute("UPDATE residents SET status = 'active' WHERE status = 'lost'")
    op.drop_column("residents", "smd_national_id")
