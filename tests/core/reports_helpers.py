"""Shared set-up for the report tests: a room with synthetic demo records on disk."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

from psyroom.installation import Installation
from psyroom.session import Session

# The scales' lowest bands, written out here so the test does not reuse the code's own list.
LOWEST_BAND = {"phq9": "none_minimal", "gad7": "none_minimal", "sds": "normal",
               "sas": "normal", "gds15": "normal", "epds": "unlikely"}
PASSWORD = "Bei-cheng2026"


def last_month() -> str:
    return (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def make_room(folder: Path, *, code: str, name: str, residents: int, seed: int,
              kind: str = "room", room_type: str = "village") -> Session:
    from psyroom.demo.service import fill_demo_data

    inst = Installation(folder)
    session = inst.initialise(site_kind=kind, room_type=room_type, site_code=code,
                              site_name=name, admin_name="zhaoadmin",
                              admin_password=PASSWORD).session
    if residents:
        fill_demo_data(session, residents=residents, months=14, seed=seed)
    return session


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out)


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    return [line.split() for line in out if line.strip()]
