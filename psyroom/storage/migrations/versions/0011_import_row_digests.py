"""What each register row last said about its archive, so an unchanged row of a register
imported again is recognised without being checked again (psyroom/residents/importer/
digests.py).

A digest stands only while its archive stays as that import left it: any change to the
archive row, a tag taken off, erasure or anonymisation drops it here, whichever code makes
the change. The rows are this room's own working data: they never travel in a bundle.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TRIGGERS = (
    ("import_digest_archive_changed", "AFTER UPDATE ON residents",
     "DELETE FROM import_row_digests WHERE resident_id = OLD.id;"),
    ("import_digest_archive_erased", "AFTER DELETE ON residents",
     "DELETE FROM import_row_digests WHERE resident_id = OLD.id;"),
    # A tag added elsewhere changes nothing an import would do (imports only add tags).
    ("import_digest_tag_removed", "AFTER DELETE ON resident_tags",
     "DELETE FROM import_row_digests WHERE resident_id = OLD.resident_id;"),
)


def upgrade() -> None:
    # One b-tree keyed by the archive (WITHOUT ROWID): an import writes a row per person.
    op.create_table(
        "import_row_digests",
        sa.Column("resident_id", sa.Text, primary_key=True),
        sa.Column("digest", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )
    for name, when, body in _TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def downgrade() -> None:
    for name, _, _ in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("import_row_digests")
