"""The search index saved in the database, and the triggers that note what it has missed.

Revision ID: 0009
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Every way a resident or a tag row is written is noted, whichever code writes it; erasing
# or anonymising a person also drops the saved copy (psyroom/residents/search_store.py).
_TRIGGERS = (
    ("search_resident_added", "AFTER INSERT ON residents",
     "INSERT INTO search_changes (resident_id) VALUES (NEW.id);"),
    ("search_resident_changed", "AFTER UPDATE ON residents",
     "INSERT INTO search_changes (resident_id) VALUES (NEW.id);"),
    ("search_resident_erased", "AFTER DELETE ON residents",
     "INSERT INTO search_changes (resident_id) VALUES (OLD.id); DELETE FROM search_index;"),
    ("search_resident_anonymised", "AFTER UPDATE OF anonymised ON residents "
     "WHEN NEW.anonymised AND NOT OLD.anonymised", "DELETE FROM search_index;"),
    ("search_tag_added", "AFTER INSERT ON resident_tags",
     "INSERT INTO search_changes (resident_id) VALUES (NEW.resident_id);"),
    ("search_tag_removed", "AFTER DELETE ON resident_tags",
     "INSERT INTO search_changes (resident_id) VALUES (OLD.resident_id);"),
)


def upgrade() -> None:
    op.create_table(
        "search_index",
        sa.Column("part", sa.Text, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "search_changes",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("resident_id", sa.Text, nullable=False),
    )
    for name, when, body in _TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def downgrade() -> None:
    for name, _, _ in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("search_changes")
    op.drop_table("search_index")
