"""Schema upgrades through Alembic, with a backup first and a refusal for newer databases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import OperationalError

from psyroom.errors import DatabaseRefused
from psyroom.storage.database import Database

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Kept in step with the newest file in migrations/versions (a test checks), so a normal start
# can compare versions without importing Alembic.
HEAD_REVISION = "0011"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0005", "0006", "0007", "0008", "0009",
                   "0010", "0011")


def current_revision(db: Database) -> str | None:
    try:
        return db.scalar("SELECT version_num FROM alembic_version")
    except OperationalError:
        return None


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(db: Database, *, before_upgrade: Callable[[str], None] | None = None) -> bool:
    """Bring the schema to HEAD_REVISION. Returns True when anything was run.

    ``before_upgrade`` is called with the old revision before an existing database changes
    (the caller makes its safety backup there). A revision this app does not know means a
    newer app wrote the file: it is refused untouched.
    """
    rev = current_revision(db)
    if rev == HEAD_REVISION:
        return False
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise DatabaseRefused("database_newer", revision=rev)
    if rev is not None and before_upgrade is not None:
        before_upgrade(rev)
    from alembic import command

    cfg = _alembic_config()
    conn = db.connection
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
    conn.commit()
    return True
