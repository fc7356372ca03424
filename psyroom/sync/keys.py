"""Key pairs kept in the encrypted database (so they travel in backups)."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from psyroom.clock import utc_now_iso
from psyroom.storage.schema import sync_keys
from psyroom.sync import crypto

OFFICE_ENC = "office_enc"
OFFICE_SIGN = "office_sign"
ROOM_ENC = "room_enc"
ROOM_SIGN = "room_sign"


def get(conn: Connection, purpose: str) -> tuple[bytes, bytes] | None:
    row = conn.execute(select(sync_keys.c.private_key, sync_keys.c.public_key)
                       .where(sync_keys.c.purpose == purpose)).first()
    return None if row is None else (bytes(row[0]), bytes(row[1]))


def get_or_create(conn: Connection, purpose: str) -> tuple[bytes, bytes]:
    found = get(conn, purpose)
    if found is not None:
        return found
    make = crypto.new_signing_pair if purpose.endswith("_sign") else crypto.new_encryption_pair
    private, public = make()
    conn.execute(insert(sync_keys).values(purpose=purpose, private_key=private,
                                          public_key=public, created_at=utc_now_iso()))
    return private, public
