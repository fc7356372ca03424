"""Enrolment: the office writes one file per room; the room joins with it.

The file holds the office's public keys and code, the room's code, name, kind and village,
and a one-time secret. It is handed over in person (it contains no personal data, but whoever
holds it before the room's first bundle could pose as that room). The room's first bundles
prove the secret, so the office pins the room's signing key without anyone comparing
fingerprints; after that only that key is accepted for that room.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from psyroom.clock import new_id, utc_now_iso
from psyroom.errors import BundleRefused, InvalidInput
from psyroom.sites import service as sites_service
from psyroom.sites.service import SiteInfo
from psyroom.storage.schema import sites, sync_enrolment, sync_rooms
from psyroom.sync import keys

ENROLMENT_FORMAT = 1
MAX_ENROLMENT_BYTES = 64 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def enrol_room(conn: Connection, office: SiteInfo, *, code: str, name: str, room_type: str,
               village: str | None) -> dict[str, Any]:
    sites_service.validate(kind="room", room_type=room_type, code=code, name=name)
    taken = conn.execute(select(sites.c.id).where(sites.c.code == code)).first()
    if taken is not None:
        raise InvalidInput("bundle_room_exists", room=code)
    _, enc_pub = keys.get_or_create(conn, keys.OFFICE_ENC)
    _, sign_pub = keys.get_or_create(conn, keys.OFFICE_SIGN)
    site_id, secret, now = new_id(), os.urandom(32), utc_now_iso()
    conn.execute(insert(sites).values(
        id=site_id, origin_site=office.id, version=1, created_at=now, updated_at=now,
        code=code, name=name.strip(), kind="room", room_type=room_type, is_self=False,
        village=(village or "").strip() or None))
    conn.execute(insert(sync_rooms).values(site_id=site_id, code=code, secret=secret,
                                           enrolled_at=now))
    return {
        "format": ENROLMENT_FORMAT, "kind": "psyroom-enrolment",
        "office_id": office.id, "office_code": office.code, "office_name": office.name,
        "office_enc_pub": _b64(enc_pub), "office_sign_pub": _b64(sign_pub),
        "room_code": code, "room_name": name.strip(), "room_type": room_type,
        "village": (village or "").strip() or None, "secret": _b64(secret),
    }


def parse_enrolment(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_ENROLMENT_BYTES:
        raise BundleRefused("bundle_enrolment_bad")
    try:
        doc = json.loads(data.decode("utf-8"))
        assert isinstance(doc, dict) and doc.get("kind") == "psyroom-enrolment"
        assert doc.get("format") == ENROLMENT_FORMAT
        for field in ("office_id", "office_code", "office_name", "room_code", "room_name",
                      "room_type"):
            assert isinstance(doc.get(field), str)
        for field in ("office_enc_pub", "office_sign_pub", "secret"):
            doc[field] = base64.b64decode(doc[field], validate=True)
            assert len(doc[field]) == 32
    except (AssertionError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BundleRefused("bundle_enrolment_bad") from None
    return doc


def join(conn: Connection, own: SiteInfo, doc: dict[str, Any], *, recode: bool) -> SiteInfo:
    """Store the office's keys, make this room's keys; with ``recode``, take the code, name,
    kind and village the office gave."""
    if own.kind != "room":
        raise InvalidInput("bundle_room_only")
    if doc["room_code"] != own.code and not recode:
        raise InvalidInput("bundle_code_mismatch", enrolled=doc["room_code"], own=own.code)
    sites_service.validate(kind="room", room_type=doc["room_type"], code=doc["room_code"],
                           name=doc["room_name"])
    conn.execute(update(sites).where(sites.c.id == own.id).values(
        code=doc["room_code"], name=doc["room_name"], room_type=doc["room_type"],
        village=doc.get("village"), version=sites.c.version + 1, updated_at=utc_now_iso()))
    conn.execute(delete(sync_enrolment))
    conn.execute(insert(sync_enrolment).values(
        office_id=doc["office_id"], office_code=doc["office_code"],
        office_name=doc["office_name"], office_enc_pub=doc["office_enc_pub"],
        office_sign_pub=doc["office_sign_pub"], secret=doc["secret"], joined_at=utc_now_iso(),
        proven=False))
    keys.get_or_create(conn, keys.ROOM_SIGN)
    keys.get_or_create(conn, keys.ROOM_ENC)
    return sites_service.get_self(conn)


def enrolment_of(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(select(sync_enrolment)).mappings().first()
    return None if row is None else dict(row)
