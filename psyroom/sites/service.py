"""The site this installation is (a room or the street office) and the sites it knows."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from psyroom.clock import utc_now_iso
from psyroom.errors import InvalidInput
from psyroom.security.roles import OFFICE_TYPES, ROOM_TYPES, SITE_KINDS
from psyroom.storage.schema import sites

_CODE = re.compile(r"^[A-Z0-9\-]{2,20}$")


def normalise_code(code: str) -> str:
    """A site code as the office issues it: upper case letters, digits and hyphens.

    Full-width characters typed with a Chinese input method (ＨＸ－００１) become their plain
    forms, and "hx-001" the office's "HX-001", so one room never has two spellings.
    """
    text = unicodedata.normalize("NFKC", code or "").strip().upper()
    return text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2212", "-")


@dataclass(frozen=True)
class SiteInfo:
    id: str
    code: str
    name: str
    kind: str
    room_type: str


def validate(*, kind: str, room_type: str, code: str, name: str) -> None:
    if kind not in SITE_KINDS:
        raise InvalidInput("site_kind_invalid", kind=kind)
    allowed = ROOM_TYPES if kind == "room" else OFFICE_TYPES
    if room_type not in allowed:
        raise InvalidInput("site_kind_invalid", kind=room_type)
    if not _CODE.match(normalise_code(code)):
        raise InvalidInput("site_code_invalid")
    if not name.strip() or len(name) > 100:
        raise InvalidInput("site_name_invalid")


def create_self(conn: Connection, *, site_id: str, kind: str, room_type: str, code: str,
                name: str) -> SiteInfo:
    now = utc_now_iso()
    conn.execute(
        insert(sites).values(
            id=site_id, origin_site=site_id, version=1, created_at=now, updated_at=now,
            code=normalise_code(code), name=name.strip(), kind=kind, room_type=room_type,
            is_self=True,
        )
    )
    return get_self(conn)


def get_self(conn: Connection) -> SiteInfo:
    m = conn.execute(select(sites).where(sites.c.is_self.is_(True))).mappings().one()
    return SiteInfo(m["id"], m["code"], m["name"], m["kind"], m["room_type"])


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(sites)).scalar() or 0)
