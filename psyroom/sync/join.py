"""A new room set up straight from the office's enrolment file (``psyroom init --join``)."""

from __future__ import annotations

from pathlib import Path

from psyroom.errors import InvalidInput
from psyroom.installation import InitResult, Installation
from psyroom.sync.enrolment import parse_enrolment
from psyroom.sync.fileformat import read_file


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
