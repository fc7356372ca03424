"""The office side: verify and import a room's bundle, write downlinks, see who is late."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update

from psyroom.clock import new_id, utc_now_iso
from psyroom.errors import BundleRefused
from psyroom.progress import CancelCheck, Progress
from psyroom.sites.service import SiteInfo
from psyroom.storage.schema import residents, sites, sync_events, sync_received, sync_rooms
from psyroom.sync import crypto, keys
from psyroom.sync.apply import Applier, Counts
from psyroom.sync.fileformat import KeysFor, OpenedBundle, open_bundle

DEFAULT_LATE_DAY = 5


@dataclass
class BundleResult:
    room_code: str
    seq: int
    site_id: str = ""
    already: bool = False
    counts: Counts = field(default_factory=Counts)
    notices: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)


def _b64d(value: Any) -> bytes:
    try:
        raw = base64.b64decode(str(value), validate=True)
    except ValueError:
        raise BundleRefused("bundle_damaged") from None
    if len(raw) not in (32, 64):
        raise BundleRefused("bundle_damaged")
    return raw


def _room_for(conn: Connection, office: SiteInfo, header: dict[str, Any]) -> dict[str, Any]:
    if header.get("kind") != "up":
        raise BundleRefused("bundle_wrong_kind")
    if header.get("office_id") != office.id:
        raise BundleRefused("bundle_other_office")
    room = conn.execute(select(sync_rooms).where(
        sync_rooms.c.code == str(header.get("room_code")))).mappings().first()
    if room is None:
        raise BundleRefused("bundle_unknown_room", room=str(header.get("room_code"))[:20])
    return dict(room)


def open_uplink(conn: Connection, office: SiteInfo, data: bytes) -> tuple[OpenedBundle,
                                                                          dict[str, Any]]:
    """Check layout, office, room, enrolment proof and signature, then open the body."""
    found: dict[str, Any] = {}

    def keys_for(header: dict[str, Any]) -> KeysFor:
        room = _room_for(conn, office, header)
        found.update(room)
        enc = keys.get(conn, keys.OFFICE_ENC)
        if enc is None:
            raise BundleRefused("bundle_no_keys")
        if room["sign_pub"] is not None:
            if header.get("sender") != room["site_id"]:
                raise BundleRefused("bundle_signature")
            return KeysFor(bytes(room["sign_pub"]), enc[0])
        # Not pinned yet: the key in the header counts only with the one-time secret's proof.
        sign_pub = _b64d(header.get("sign_pub"))
        proof = _b64d(header.get("proof")) if header.get("proof") else b""
        if not crypto.check_proof(bytes(room["secret"]), proof, sign_pub,
                                  str(header.get("sender"))):
            raise BundleRefused("bundle_proof_failed")
        return KeysFor(sign_pub, enc[0])

    opened = open_bundle(data, keys_for)
    return opened, found


def _pin(conn: Connection, room: dict[str, Any], header: dict[str, Any]) -> str:
    """First bundle: pin the keys and adopt the room's own site id (no record refers to the
    placeholder id yet)."""
    sender = str(header["sender"])
    old = room["site_id"]
    if sender != old:
        conn.execute(update(sites).where(sites.c.id == old).values(id=sender,
                                                                   origin_site=sender))
        conn.execute(update(sync_rooms).where(sync_rooms.c.site_id == old).values(
            site_id=sender))
    conn.execute(update(sync_rooms).where(sync_rooms.c.site_id == sender).values(
        sign_pub=_b64d(header["sign_pub"]), enc_pub=_b64d(header.get("enc_pub"))))
    return sender


def _event(conn: Connection, site_id: str, kind: str, detail: dict[str, Any]) -> dict[str, Any]:
    conn.execute(insert(sync_events).values(id=new_id(), site_id=site_id, at=utc_now_iso(),
                                            kind=kind, detail=json.dumps(detail)))
    return {"kind": kind, **detail}


def gaps(conn: Connection, site_id: str) -> list[int]:
    seqs = {int(s) for (s,) in conn.execute(select(sync_received.c.seq).where(
        sync_received.c.site_id == site_id))}
    return sorted(set(range(1, max(seqs) + 1)) - seqs) if seqs else []


def _audit_checks(conn: Connection, room: dict[str, Any], header: dict[str, Any],
                  body: dict[str, Any], site_id: str) -> list[dict[str, Any]]:
    notices: list[dict[str, Any]] = []
    audit = body.get("audit") if isinstance(body.get("audit"), dict) else {}
    assert isinstance(audit, dict)
    count = int(audit.get("count") or 0)
    head = str(audit.get("head") or "")
    generation = str(header.get("generation"))
    seq = int(header.get("seq") or 0)
    older = room["generation"] is not None and generation != room["generation"] and (
        conn.execute(select(sync_received.c.seq).where(
            sync_received.c.site_id == site_id, sync_received.c.generation == generation)
        ).first() is not None)
    if older:
        # A late bundle from before a restore already reported: records only.
        return notices
    if room["generation"] is not None and generation != room["generation"]:
        if header.get("parent") is not None:
            notices.append(_event(conn, site_id, "restored", {
                "base_seq": int(header.get("base_seq") or 0), "audit_before": room[
                    "audit_count"], "audit_now": count}))
        else:
            notices.append(_event(conn, site_id, "generation_unknown", {"seq": seq}))
    elif seq > room["last_seq"] and room["audit_count"]:
        checkpoints = audit.get("checkpoints") if isinstance(
            audit.get("checkpoints"), dict) else {}
        assert isinstance(checkpoints, dict)
        seen = checkpoints.get(str(room["audit_count"]))
        if count < room["audit_count"]:
            notices.append(_event(conn, site_id, "audit_shrunk", {
                "before": room["audit_count"], "now": count}))
        elif seen != room["audit_head"]:
            notices.append(_event(conn, site_id, "audit_forked", {
                "at": room["audit_count"], "now": count}))
    if room["generation"] is None or generation != room["generation"] or seq > room["last_seq"]:
        conn.execute(update(sync_rooms).where(sync_rooms.c.site_id == site_id).values(
            generation=generation, audit_count=count, audit_head=head))
    return notices


def import_uplink(conn: Connection, office: SiteInfo, data: bytes, *,
                  progress: Progress | None = None, cancel: CancelCheck | None = None,
                  reflected: dict[str, Table] | None = None) -> BundleResult:
    """One bundle inside the caller's transaction."""
    opened, room = open_uplink(conn, office, data)
    header, body = opened.header, opened.body
    seq = header.get("seq")
    if not isinstance(seq, int) or seq < 1 or not isinstance(header.get("generation"), str):
        raise BundleRefused("bundle_damaged")
    site_id = room["site_id"]
    if room["sign_pub"] is None:
        site_id = _pin(conn, room, header)
        room["site_id"] = site_id
    result = BundleResult(room_code=room["code"], seq=seq, site_id=site_id)
    known = conn.execute(select(sync_received.c.sha256).where(
        sync_received.c.site_id == site_id, sync_received.c.generation == header["generation"],
        sync_received.c.seq == seq)).scalar()
    if known == opened.sha256:
        result.already = True
        result.gaps = gaps(conn, site_id)
        return result
    if known is not None:
        # Same generation and sequence, other content: the room's database went back without
        # a restore (an old copy put in place). Records still merge by version.
        result.notices.append(_event(conn, site_id, "sequence_reused", {"seq": seq}))
    result.notices += _audit_checks(conn, room, header, body, site_id)
    result.counts = Applier(conn, site_id, reflected).apply(body, progress=progress,
                                                            cancel=cancel)
    now = utc_now_iso()
    if known is None:
        conn.execute(insert(sync_received).values(
            site_id=site_id, generation=header["generation"], seq=seq, sha256=opened.sha256,
            created_at=str(header.get("created_at")), period_end=str(header.get("period_end")),
            imported_at=now, counts=json.dumps(result.counts.as_dict())))
    last_period = room["last_period_end"] or ""
    conn.execute(update(sync_rooms).where(sync_rooms.c.site_id == site_id).values(
        last_seq=max(seq, room["last_seq"]), last_bundle_at=now,
        last_period_end=max(last_period, str(header.get("period_end")))))
    result.gaps = gaps(conn, site_id)
    return result


# -- the office view ---------------------------------------------------------------------
@dataclass(frozen=True)
class RoomStatus:
    site_id: str
    code: str
    name: str
    room_type: str
    village: str | None
    last_seq: int
    last_bundle_at: str | None
    last_period_end: str | None
    gaps: list[int]
    late: bool
    pinned: bool
    notices: list[dict[str, Any]]


def is_late(last_period_end: str | None, today: date, late_day: int) -> bool:
    """Late: by the office's day of this month, no bundle made on or after the 1st (which is
    the first that covers all of last month)."""
    if today.day < late_day:
        return False
    first = today.replace(day=1).isoformat()
    return not last_period_end or last_period_end < first


def room_status(conn: Connection, *, today: date | None = None,
                late_day: int = DEFAULT_LATE_DAY) -> list[RoomStatus]:
    today = today or date.today()
    out: list[RoomStatus] = []
    rows = conn.execute(select(sync_rooms, sites.c.name, sites.c.room_type, sites.c.village)
                        .join(sites, sites.c.id == sync_rooms.c.site_id)
                        .order_by(sync_rooms.c.code)).mappings()
    for m in list(rows):
        notices = [{"kind": k, "at": at, **json.loads(d)} for k, at, d in conn.execute(
            select(sync_events.c.kind, sync_events.c.at, sync_events.c.detail).where(
                sync_events.c.site_id == m["site_id"]).order_by(sync_events.c.at))]
        out.append(RoomStatus(
            site_id=m["site_id"], code=m["code"], name=m["name"], room_type=m["room_type"],
            village=m["village"], last_seq=int(m["last_seq"]), last_bundle_at=m[
                "last_bundle_at"], last_period_end=m["last_period_end"],
            gaps=gaps(conn, m["site_id"]), late=is_late(m["last_period_end"], today, late_day),
            pinned=m["sign_pub"] is not None, notices=notices))
    return out


@dataclass(frozen=True)
class RoomRecords:
    """The room whose records the office is about to browse."""

    site_id: str
    code: str
    name: str
    village: str | None
    residents: int


def room_records(conn: Connection, site_id: str) -> RoomRecords | None:
    row = conn.execute(select(sites.c.id, sites.c.code, sites.c.name, sites.c.village)
                       .join(sync_rooms, sync_rooms.c.site_id == sites.c.id)
                       .where(sites.c.id == site_id)).first()
    if row is None:
        return None
    count = conn.execute(select(func.count()).select_from(residents).where(
        residents.c.origin_site == site_id, residents.c.merged_into.is_(None))).scalar()
    return RoomRecords(site_id=row.id, code=row.code, name=row.name, village=row.village,
                       residents=int(count or 0))
