"""A new room set up straight from the office's enrolment file (``psyroom init --join``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from psyroom.errors import InvalidInput
from psyroom.installation import InitResult, Installation
from psyroom.sync.enrolment import parse_enrolment
from psyroom.sync.fileformat import read_file


@dataclass(frozen=True)
class EnrolmentSummary:
    """What an enrolment file says about the office and the room, without its secrets:
    shown to the user before set-up or joining, so nobody retypes the site code."""

    office_code: str
    office_name: str
    room_code: str
    room_name: str
    room_type: str
    village: str | None


def read_enrolment(enrolment_file: Path) -> EnrolmentSummary:
    """Read and check an enrolment file; refused (``bundle_enrolment_bad``) if damaged."""
    doc = parse_enrolment(read_file(Path(enrolment_file)))
    return EnrolmentSummary(office_code=doc["office_code"], office_name=doc["office_name"],
                            room_code=doc["room_code"], room_name=doc["room_name"],
                            room_type=doc["room_type"],
                            village=doc.get("village") if isinstance(doc.get("village"), str)
                            else None)


def initialise_joined(inst: Installation, enrolment_file: Path, *, admin_name: str,
                      admin_password: str, site_code: str | None = None) -> InitResult:
    """Set up the room with the code, name, kind and village the office gave, then join.

    The file is checked before anything is created; a different ``site_code`` is refused
    (a new room has nothing to keep, so it simply takes the office's code).
    """
    doc = parse_enrolment(read_file(Path(enrolment_file)))
    if site_code is not None and site_code != doc["room_code"]:
        raise InvalidInput("bundle_code_mismatch", enrolled=doc["room_code"], own=site_code)
    result = inst.initialise(site_kind="room", room_type=doc["room_type"],
                             site_code=doc["room_code"], site_name=doc["room_name"],
                             admin_name=admin_name, admin_password=admin_password)
    result.session.bundles.join(Path(enrolment_file))
    return result
