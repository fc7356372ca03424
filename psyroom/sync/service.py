"""The bundle service the UI and the CLI call: enrol, join, export, import, room status."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, insert

from psyroom.audit import log as audit
from psyroom.errors import BundleRefused, Cancelled, InvalidInput, PsyroomError
from psyroom.progress import CancelCheck, Progress
from psyroom.security.roles import Permission
from psyroom.sites.service import SiteInfo, normalise_code
from psyroom.storage.schema import sync_outbox
from psyroom.sync import downlink, enrolment, keys, office, state
from psyroom.sync.fileformat import encode, read_file, read_header, write_atomic
from psyroom.sync.office import BundleResult, RoomStatus
from psyroom.sync.uplink import plan_uplink

if TYPE_CHECKING:
    from psyroom.session import Session


@dataclass
class FileOutcome:
    path: Path
    result: BundleResult | None = None
    downlink: downlink.DownlinkResult | None = None
    refused: PsyroomError | None = None


@dataclass
class ImportSummary:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(1 for f in self.files if f.refused is not None)


class Bundles:
    def __init__(self, session: Session) -> None:
        self._s = session

    @property
    def _site(self) -> SiteInfo:
        return self._s.site

    def _office_only(self) -> None:
        if self._site.kind != "office":
            raise InvalidInput("bundle_office_only")

    def _room_only(self) -> None:
        if self._site.kind != "room":
            raise InvalidInput("bundle_room_only")

    # -- enrolment -------------------------------------------------------------------------
    def enrol_room(self, code: str, name: str, *, out: Path, room_type: str = "village",
                   village: str | None = None) -> Path:
        """Office: register a room and write its enrolment file (hand it over in person)."""
        self._s.require(Permission.ENROL_ROOMS)
        self._office_only()
        out = Path(out)
        # As the room's own set-up saves it (issue 9): "hx-001" is the office's "HX-001".
        code = normalise_code(code)

        def work(conn: Connection) -> dict[str, Any]:
            doc = enrolment.enrol_room(conn, self._site, code=code, name=name,
                                       room_type=room_type, village=village)
            write_atomic(out, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
            return doc

        self._s._write("room_enrolled", work, target_kind="site", detail={"code": code})
        return out

    def join(self, enrolment_file: Path, *, recode: bool = False) -> SiteInfo:
        """Room: join the office that wrote ``enrolment_file``, keeping every record."""
        self._s.require(Permission.JOIN_OFFICE)
        self._room_only()
        doc = enrolment.parse_enrolment(read_file(Path(enrolment_file)))
        site = self._s._write(
            "office_joined", lambda c: enrolment.join(c, self._site, doc, recode=recode),
            target_kind="site", target_id=self._site.id,
            detail={"office": doc["office_code"], "code": doc["room_code"]})
        self._s.site = site
        return site

    def enrolment(self) -> dict[str, Any] | None:
        """Room: the office this room sends to (no secrets), or None."""
        self._s.require(Permission.READ_SYNC_STATUS)
        found = self._s._read(enrolment.enrolment_of)
        if found is None:
            return None
        return {k: found[k] for k in ("office_id", "office_code", "office_name", "joined_at",
                                      "proven")}

    # -- export ----------------------------------------------------------------------------
    def export_bundle(self, out_dir: Path, *, full: bool = False, room: str | None = None,
                      progress: Progress | None = None, cancel: CancelCheck | None = None
                      ) -> list[Path]:
        """Room: one bundle for the office. Office: one downlink per room (or ``room``)."""
        self._s.require(Permission.EXPORT_BUNDLES)
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            raise InvalidInput("bundle_write_failed")
        if self._site.kind == "office":
            return self._export_downlinks(out_dir, room)
        if room is not None:
            raise InvalidInput("bundle_office_only")

        def work(conn: Connection) -> Path:
            plan = plan_uplink(conn, self._site, full=full, progress=progress, cancel=cancel)
            found = enrolment.enrolment_of(conn)
            assert found is not None
            sign_private, _ = keys.get_or_create(conn, keys.ROOM_SIGN)
            data = encode(plan.header, plan.body,
                          receiver_enc_public=bytes(found["office_enc_pub"]),
                          sender_sign_private=sign_private)
            count, head = state.audit_head(conn)
            conn.execute(insert(sync_outbox).values(
                generation=plan.header["generation"], seq=plan.header["seq"],
                file_name=plan.file_name, sha256=hashlib.sha256(data).hexdigest(),
                created_at=plan.header["created_at"], change_upto=plan.change_upto,
                audit_count=count, audit_head=head, full=full))
            if cancel is not None and cancel():
                raise Cancelled()
            path = out_dir / plan.file_name
            write_atomic(path, data)
            read_header(path.read_bytes())
            return path

        path = self._s._write("bundle_exported", work, target_kind="site",
                              detail={"full": full})
        if progress is not None:
            progress(1, 1)
        return [path]

    def _export_downlinks(self, out_dir: Path, room: str | None) -> list[Path]:
        def work(conn: Connection) -> list[Path]:
            paths = []
            for d in downlink.build_downlinks(conn, self._site, room_code=room):
                path = out_dir / d.file_name
                write_atomic(path, d.data)
                paths.append(path)
            return paths

        return self._s._write("downlinks_exported", work, target_kind="site",
                              detail={"room": room})

    def unacknowledged(self) -> list[dict[str, Any]]:
        """Room: bundles the office has not confirmed yet."""
        self._s.require(Permission.READ_SYNC_STATUS)
        return self._s._read(downlink.unacknowledged)

    # -- import ----------------------------------------------------------------------------
    def import_bundles(self, files: list[Path], *, progress: Progress | None = None,
                       cancel: CancelCheck | None = None) -> ImportSummary:
        """Each file in its own transaction: a refused or cancelled file changes nothing."""
        self._s.require(Permission.IMPORT_BUNDLES)
        summary = ImportSummary()
        reflected: dict[str, Table] = {}
        with self._s.db.batch_writes():
            for n, path in enumerate(files):
                if cancel is not None and cancel():
                    raise Cancelled()
                outcome = FileOutcome(Path(path))
                try:
                    data = read_file(Path(path))
                    if self._site.kind == "office":
                        outcome.result = self._import_uplink(data, cancel, reflected)
                    else:
                        outcome.downlink = self._import_downlink(data)
                except (BundleRefused, PsyroomError) as exc:
                    if isinstance(exc, Cancelled):
                        raise
                    outcome.refused = exc
                    self._s._audit_only("bundle_refused", target_kind="bundle",
                                        detail={"reason": exc.code})
                summary.files.append(outcome)
                if progress is not None:
                    progress(n + 1, len(files))
        return summary

    def _import_downlink(self, data: bytes) -> downlink.DownlinkResult:
        def work(conn: Connection) -> downlink.DownlinkResult:
            return downlink.import_downlink(conn, self._site, data)

        return self._s._write("downlink_imported", work, target_kind="site")

    def _import_uplink(self, data: bytes, cancel: CancelCheck | None,
                       reflected: dict[str, Table]) -> BundleResult:
        # One transaction and one audit event per bundle: the summary is known only at the
        # end, and a second commit per bundle doubles the time of a month's import.
        session = self._s
        with session.db.unit_of_work() as conn:
            result = office.import_uplink(conn, self._site, data, cancel=cancel,
                                          reflected=reflected)
            audit.append(conn, site_id=self._site.id, actor_id=session.user.id,
                         actor_name=session.user.username, action="bundle_imported",
                         target_kind="site", target_id=result.site_id,
                         detail={"room": result.room_code, "seq": result.seq,
                                 "already": result.already, **result.counts.as_dict(),
                                 "notices": [n["kind"] for n in result.notices]},
                         at=session._installation.clock())
        return result

    # -- the office view -------------------------------------------------------------------
    def room_status(self, *, today: date | None = None) -> list[RoomStatus]:
        late_day = self.late_day()
        return self._s._read(lambda c: office.room_status(c, today=today, late_day=late_day))

    def late_day(self) -> int:
        """Office: the day of the month by which last month's bundle is due (default 5)."""
        self._s.require(Permission.READ_SYNC_STATUS)
        self._office_only()
        return int(self._s._read(lambda c: state.meta_value(c, "sync_late_day"))
                   or office.DEFAULT_LATE_DAY)

    def browse_room(self, site_id: str) -> office.RoomRecords:
        """Office: start reading one room's records (read-only; the role rules of the room
        apply to every record opened). Audited: who looked into which room's archives."""
        self._s.require(Permission.READ_RESIDENTS)
        self._office_only()
        found = self._s._read(lambda c: office.room_records(c, site_id))
        if found is None:
            raise InvalidInput("bundle_room_missing")
        self._s._audit_only("room_records_browsed", target_kind="site", target_id=site_id,
                            detail={"room": found.code})
        return found

    def set_late_day(self, day: int) -> None:
        """Office: the day of the month by which last month's bundle is due."""
        self._s.require(Permission.CHANGE_SETTINGS)
        self._office_only()
        if not 1 <= day <= 28:
            raise InvalidInput("setting_invalid", name="late_day")
        self._s._write("sync_late_day_set",
                       lambda c: state.set_meta(c, "sync_late_day", str(day)),
                       detail={"day": day})
