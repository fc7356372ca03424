"""Office -> room: reference data, acknowledgements, and notes such as referral receipts.

The room verifies the office's signature (pinned from the enrolment file) before it reads a
byte of the body. Downlinks carry no personal data; they are sealed to the room's key anyway.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, MetaData, Table, func, insert, inspect, select, update

from psyroom.clock import new_id, utc_now_iso
from psyroom.errors import BundleRefused, PsyroomError
from psyroom.sites.service import SiteInfo
from psyroom.storage.schema import (
    sync_enrolment,
    sync_notes,
    sync_outbox,
    sync_received,
    sync_rooms,
)
from psyroom.sync import keys
from psyroom.sync.fileformat import FORMAT_VERSION, SUFFIX, KeysFor, encode, open_bundle
from psyroom.sync.tables import DOWNLINK_TABLES

NOTE_KINDS_MAX = 40


def add_note(conn: Connection, *, site_id: str, kind: str, ref_id: str | None,
             body: dict[str, Any]) -> str:
    """Queue a note for a room's next downlink (e.g. a referral receipt recorded here)."""
    note_id = new_id()
    conn.execute(insert(sync_notes).values(id=note_id, kind=kind[:NOTE_KINDS_MAX],
                                           ref_id=ref_id, body=json.dumps(body),
                                           created_at=utc_now_iso(), site_id=site_id))
    return note_id


@dataclass(frozen=True)
class Downlink:
    room_code: str
    file_name: str
    data: bytes
    seq: int


def _reference_tables(conn: Connection) -> dict[str, Any]:
    existing = set(inspect(conn).get_table_names())
    out: dict[str, Any] = {}
    for t in DOWNLINK_TABLES:
        if t.name not in existing:
            continue
        result = conn.exec_driver_sql(f'SELECT * FROM "{t.name}" ORDER BY id')
        out[t.name] = {"columns": [d[0] for d in result.cursor.description],
                       "rows": [list(r) for r in result]}
    return out


def build_downlinks(conn: Connection, office: SiteInfo, *, room_code: str | None = None
                    ) -> list[Downlink]:
    signing = keys.get(conn, keys.OFFICE_SIGN)
    if signing is None:
        raise PsyroomError("bundle_no_keys")
    sign_private = signing[0]
    query = select(sync_rooms).where(sync_rooms.c.enc_pub.is_not(None))
    if room_code is not None:
        known = conn.execute(select(sync_rooms.c.code).where(
            sync_rooms.c.code == room_code)).first()
        if known is None:
            raise BundleRefused("bundle_unknown_room", room=room_code[:20])
        query = query.where(sync_rooms.c.code == room_code)
    reference = _reference_tables(conn)
    out: list[Downlink] = []
    today = date.today()
    for room in conn.execute(query.order_by(sync_rooms.c.code)).mappings().all():
        channel = f"down:{room['site_id']}"
        seq = int(conn.execute(select(func.max(sync_outbox.c.seq)).where(
            sync_outbox.c.generation == channel)).scalar() or 0) + 1
        acks = [[g, s] for g, s in conn.execute(select(
            sync_received.c.generation, sync_received.c.seq).where(
            sync_received.c.site_id == room["site_id"]))]
        notes = [{"id": m["id"], "kind": m["kind"], "ref_id": m["ref_id"],
                  "body": json.loads(m["body"]), "created_at": m["created_at"]}
                 for m in conn.execute(select(sync_notes).where(
                     sync_notes.c.site_id == room["site_id"])).mappings()]
        header = {"format": FORMAT_VERSION, "kind": "down", "office_id": office.id,
                  "room_code": room["code"], "receiver": room["site_id"], "seq": seq,
                  "created_at": utc_now_iso()}
        body = {"acks": acks, "tables": reference, "notes": notes}
        data = encode(header, body, receiver_enc_public=bytes(room["enc_pub"]),
                      sender_sign_private=sign_private)
        name = f"{office.code}-to-{room['code']}-{seq:05d}-{today.strftime('%Y%m%d')}{SUFFIX}"
        conn.execute(insert(sync_outbox).values(
            generation=channel, seq=seq, file_name=name, sha256="", created_at=utc_now_iso(),
            change_upto=0, audit_count=0, audit_head="", full=True))
        conn.execute(update(sync_notes).where(sync_notes.c.site_id == room["site_id"],
                                              sync_notes.c.sent_seq.is_(None))
                     .values(sent_seq=seq))
        out.append(Downlink(room["code"], name, data, seq))
    return out


@dataclass(frozen=True)
class DownlinkResult:
    acked: int
    reference_rows: int
    notes: int
    already: bool


def import_downlink(conn: Connection, own: SiteInfo, data: bytes) -> DownlinkResult:
    enrolment = conn.execute(select(sync_enrolment)).mappings().first()
    if enrolment is None:
        raise PsyroomError("bundle_not_enrolled")
    enc = keys.get(conn, keys.ROOM_ENC)
    if enc is None:
        raise PsyroomError("bundle_not_enrolled")

    def keys_for(header: dict[str, Any]) -> KeysFor:
        if header.get("kind") != "down":
            raise BundleRefused("bundle_wrong_kind")
        if header.get("office_id") != enrolment["office_id"]:
            raise BundleRefused("bundle_other_office")
        if header.get("receiver") != own.id:
            raise BundleRefused("bundle_other_receiver")
        return KeysFor(bytes(enrolment["office_sign_pub"]), enc[0])

    body = open_bundle(data, keys_for).body
    acked = 0
    for item in body.get("acks") or []:
        if isinstance(item, list) and len(item) == 2:
            acked += conn.execute(update(sync_outbox).where(
                sync_outbox.c.generation == str(item[0]), sync_outbox.c.seq == item[1],
                sync_outbox.c.acked_at.is_(None)).values(acked_at=utc_now_iso())).rowcount
    if body.get("acks"):
        conn.execute(update(sync_enrolment).values(proven=True))
    rows = _apply_reference(conn, body.get("tables") or {})
    notes = 0
    for note in body.get("notes") or []:
        if not isinstance(note, dict) or not isinstance(note.get("id"), str):
            continue
        if conn.execute(select(sync_notes.c.id).where(sync_notes.c.id == note["id"])).first():
            continue
        conn.execute(insert(sync_notes).values(
            id=note["id"], kind=str(note.get("kind"))[:NOTE_KINDS_MAX],
            ref_id=note.get("ref_id"), body=json.dumps(note.get("body") or {}),
            created_at=str(note.get("created_at")), site_id=own.id))
        if note.get("kind") == "referral_note":
            _keep_referral_note(conn, note, office_id=str(enrolment["office_id"]))
        notes += 1
    return DownlinkResult(acked=acked, reference_rows=rows, notes=notes,
                          already=acked == 0 and rows == 0 and notes == 0)


def _keep_referral_note(conn: Connection, note: dict[str, Any], *, office_id: str) -> None:
    """A receipt or feedback the office recorded for one of this room's referrals: kept
    beside the referral (never an edit of it), under the office's own note id."""
    body = note.get("body") or {}
    if "referral_notes" not in set(inspect(conn).get_table_names()):
        return
    referral = conn.exec_driver_sql("SELECT id FROM referrals WHERE id = ?",
                                    (note.get("ref_id"),)).first()
    if referral is None or not isinstance(body.get("id"), str):
        return
    if conn.exec_driver_sql("SELECT 1 FROM referral_notes WHERE id = ?",
                            (body["id"],)).first():
        return
    at = str(note.get("created_at") or utc_now_iso())
    conn.exec_driver_sql(
        "INSERT INTO referral_notes (id, origin_site, version, created_at, updated_at, "
        "referral_id, kind, received_on, receiver, text, author_name) "
        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (body["id"], office_id, at, at, referral[0], str(body.get("kind") or "receipt")[:20],
         body.get("received_on"), body.get("receiver"), str(body.get("text") or "")[:2000],
         str(body.get("author_name") or "")[:100]))


def _apply_reference(conn: Connection, tables: dict[str, Any]) -> int:
    """The office's reference rows replace older versions of the same rows (by version)."""
    existing = set(inspect(conn).get_table_names())
    changed = 0
    for t in DOWNLINK_TABLES:
        spec = tables.get(t.name)
        if t.name not in existing or not isinstance(spec, dict):
            continue
        table = Table(t.name, MetaData(), autoload_with=conn)
        columns = [c for c in spec.get("columns", []) if c in table.c]
        for raw in spec.get("rows", []):
            row = dict(zip(spec["columns"], raw, strict=False))
            row = {c: row[c] for c in columns}
            have = conn.execute(select(table.c.version).where(
                table.c.id == row.get("id"))).scalar()
            if have is None:
                if "code" in table.c and conn.execute(select(table.c.id).where(
                        table.c.code == row.get("code"))).first():
                    continue
                conn.execute(insert(table).values(**row))
                changed += 1
            elif int(have) < int(row.get("version") or 0):
                conn.execute(update(table).where(table.c.id == row["id"]).values(**row))
                changed += 1
    return changed


def unacknowledged(conn: Connection) -> list[dict[str, Any]]:
    return [dict(m) for m in conn.execute(select(
        sync_outbox.c.seq, sync_outbox.c.file_name, sync_outbox.c.created_at).where(
        sync_outbox.c.acked_at.is_(None), ~sync_outbox.c.generation.like("down:%"))
        .order_by(sync_outbox.c.seq)).mappings()]
