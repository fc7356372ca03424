from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# argon2-cffi's defaults (still the floor DESIGN.md §8 promises) keep the suite quick.
os.environ.setdefault("PSYROOM_KDF_PROFILE", "fast")

import contextlib
from typing import TYPE_CHECKING

from psyroom.installation import Installation
from psyroom.session import Session

if TYPE_CHECKING:
    from .bundles_support import Office

SITE_NAME = "北城村心理咨询室标记"
ADMIN = "zhaoadmin"
ADMIN_PASSWORD = "Bei-cheng2026"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Room:
    inst: Installation
    recovery_code: str
    session: Session

    @property
    def dir(self) -> Path:
        return self.inst.data_dir


class FakeClock:
    def __init__(self, start: float = 1_790_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """A street office (bundles_support.make_office), closed afterwards."""
    # Imported here: bundles_support reaches this conftest through the test modules it uses.
    from .bundles_support import make_office

    o = make_office(tmp_path)
    yield o
    o.session.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A folder standing for the USB stick."""
    d = tmp_path / "usb"
    d.mkdir()
    return d


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    inst = Installation(tmp_path / "data")
    result = inst.initialise(site_kind="room", room_type="village", site_code="BC-01",
                             site_name=SITE_NAME, admin_name=ADMIN,
                             admin_password=ADMIN_PASSWORD)
    r = Room(inst, result.recovery_code, result.session)
    yield r
    with contextlib.suppress(Exception):
        r.session.close()


def run_cli(*args: str, data_dir: Path, password: str | None = ADMIN_PASSWORD,
            user: str | None = ADMIN, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PSYROOM_KDF_PROFILE": "fast", **(env or {})}
    full_env.pop("PSYROOM_PASSWORD", None)
    if password is not None:
        full_env["PSYROOM_PASSWORD"] = password
    cmd = [sys.executable, "-m", "psyroom", "--data-dir", str(data_dir)]
    if user:
        cmd += ["--user", user]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=REPO)
