"""Finding the USB stick without psutil: the places each platform mounts removable drives."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from psyroom.sync.fileformat import SUFFIX

DRIVE_REMOVABLE = 2


def _windows_drives() -> list[Path]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    found = []
    for i in range(26):
        if mask & (1 << i):
            root = f"{chr(65 + i)}:\\"
            if kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE:
                found.append(Path(root))
    return found


def _mounted_under(bases: list[Path]) -> list[Path]:
    found: list[Path] = []
    for base in bases:
        try:
            children = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        found += [p for p in children if os.path.ismount(p)]
    return found


def removable_drives() -> list[Path]:
    """Mounted removable drives, best effort; the user can always pick a folder instead."""
    if sys.platform == "win32":
        return _windows_drives()
    if sys.platform == "darwin":
        return [p for p in _mounted_under([Path("/Volumes")]) if p.name != "Macintosh HD"]
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    # UOS/Kylin/Ubuntu mount under /media/$USER, Fedora-likes under /run/media/$USER.
    bases = [Path("/media") / user, Path("/run/media") / user, Path("/media")]
    seen: list[Path] = []
    for p in _mounted_under(bases):
        if p not in seen:
            seen.append(p)
    return seen


def find_bundles(roots: list[Path]) -> list[Path]:
    """Every bundle at the top of each drive or one folder down, oldest name first."""
    found: set[Path] = set()
    for root in roots:
        try:
            found.update(root.glob(f"*{SUFFIX}"))
            found.update(root.glob(f"*/*{SUFFIX}"))
        except OSError:
            continue
    return sorted((p for p in found if p.is_file()), key=lambda p: (p.name, str(p)))
