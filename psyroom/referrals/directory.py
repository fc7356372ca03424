"""The institution directory: the room's own entries, and the office's, which are read-only.

An entry is editable only where it was made (its origin site): the office's entries come
down by bundle and stay the office's; a room adds and edits its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, fetch_one, insert_record, update_record
from psyroom.referrals.model import INSTITUTION_KINDS, Institution, InstitutionInput
from psyroom.security.roles import Permission

if TYPE_CHECKING:
    from psyroom.session import Session

# What fits on one line of the slip beside its label.
LIMITS = {"name": 40, "address": 36, "phone": 20, "contact_person": 20}


def _check(data: InstitutionInput) -> None:
    if not data.name.strip():
        raise InvalidInput("institution_invalid", field="name")
    if data.kind not in INSTITUTION_KINDS:
        raise InvalidInput("institution_invalid", field="kind")
    for name, limit in LIMITS.items():
        if len(getattr(data, name)) > limit:
            raise InvalidInput("institution_invalid", field=name)


def _values(data: InstitutionInput) -> dict[str, object]:
    return {"name": data.name.strip(), "kind": data.kind, "address": data.address.strip(),
            "phone": data.phone.strip(), "contact_person": data.contact_person.strip(),
            "active": data.active}


def load(conn: Connection, institution_id: str, site_id: str) -> Institution:
    row = fetch_one(conn, "SELECT * FROM institutions WHERE id = :i", i=institution_id)
    if row is None:
        raise InvalidInput("institution_unknown")
    return Institution.from_row(row, site_id)


class Institutions:
    def __init__(self, session: Session) -> None:
        self._s = session

    def list(self, search: str = "", *, include_inactive: bool = False) -> list[Institution]:
        """Public facts about public bodies: any logged-in user may look them up."""
        words = search.strip()
        like = f"%{words}%"
        site = self._s.site.id
        rows = self._s._read(lambda c: fetch_all(
            c, "SELECT * FROM institutions WHERE (:all OR active = 1) AND (:q = '' OR "
            "name LIKE :l OR address LIKE :l OR contact_person LIKE :l OR phone LIKE :l) "
            "ORDER BY source DESC, kind, name", all=include_inactive, q=words, l=like))
        return [Institution.from_row(r, site) for r in rows]

    def get(self, institution_id: str) -> Institution:
        site = self._s.site.id
        return self._s._read(lambda c: load(c, institution_id, site))

    def add(self, data: InstitutionInput) -> str:
        self._s.require(Permission.EDIT_INSTITUTIONS)
        _check(data)
        # The office's own entries are the ones that travel down to every room.
        source = "office" if self._s.site.kind == "office" else "room"
        values = {**_values(data), "source": source}
        return self._s._write("institution_added", lambda c: insert_record(
            c, "institutions", values, site_id=self._s.site.id), target_kind="institution",
            detail={"kind": data.kind})

    def update(self, institution_id: str, data: InstitutionInput) -> None:
        self._s.require(Permission.EDIT_INSTITUTIONS)
        _check(data)
        site = self._s.site.id

        def work(conn: Connection) -> None:
            if load(conn, institution_id, site).read_only:
                raise InvalidInput("institution_read_only")
            update_record(conn, "institutions", institution_id, _values(data))

        self._s._write("institution_edited", work, target_kind="institution",
                       target_id=institution_id)
