"""The oldest glibc a frozen bundle can start on: the highest GLIBC_x.y symbol version that
any ELF file in it requires (``objdump -T``).

    python3 installer/linux/glibc_floor.py BUNDLE_DIR [--max 2.31]

Prints ``glibc floor: 2.31 (libfoo.so)``; with ``--max`` exits 1 when the floor is above it.
Standard library only: it runs on the build host, outside any venv.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

_VERSION = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def required_versions(path: Path) -> set[tuple[int, ...]]:
    # -T lists dynamic symbols with their version; undefined ones ("*UND*") are what the
    # file needs from the system, defined ones are what it provides (ignored).
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, check=False).stdout
    found: set[tuple[int, ...]] = set()
    for line in out.splitlines():
        if b"*UND*" not in line:
            continue
        m = _VERSION.search(line)
        if m:
            found.add(tuple(int(g) for g in m.groups() if g is not None))
    return found


def floor(bundle: Path) -> tuple[tuple[int, ...], str]:
    best: tuple[int, ...] = (0,)
    where = ""
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            for version in required_versions(path):
                if version > best:
                    best, where = version, str(path.relative_to(bundle))
    return best, where


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max", default=None, help="fail when the floor is above this")
    args = parser.parse_args()
    version, where = floor(args.bundle)
    shown = ".".join(map(str, version))
    print(f"glibc floor: {shown} ({where or 'no ELF file needs glibc'})")
    if args.max and version > tuple(int(p) for p in args.max.split(".")):
        print(f"error: the bundle needs glibc {shown}, above the allowed {args.max}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
