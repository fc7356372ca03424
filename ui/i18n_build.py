"""Refresh the translation files: lupdate (sources → .ts), then lrelease (.ts → .qm).

    .venv/bin/python -m ui.i18n_build            update the .ts and compile the .qm
    .venv/bin/python -m ui.i18n_build --check    only report unfinished translations

Translate new strings in ``resources/translations/psyroom_zh_CN.ts`` (Qt Linguist, or by hand),
then run this again. Both files are committed, so a fresh clone needs no Qt tools to run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent
REPO = UI_DIR.parent
TS_FILE = REPO / "resources" / "translations" / "psyroom_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")


def tool(name: str) -> str:
    """The pyside6-<name> next to this Python (the venv), else on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install the dev extras")
    return found


def sources() -> list[str]:
    # The screenshot and build helpers hold no user-facing strings of their own.
    return sorted(str(p.relative_to(REPO)) for p in UI_DIR.rglob("*.py")
                  if p.name not in ("i18n_build.py",))


def lupdate() -> None:
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources(),
                    "-ts", str(TS_FILE.relative_to(REPO))], cwd=REPO, check=True)


def lrelease(ts: Path = TS_FILE, qm: Path = QM_FILE) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path = TS_FILE) -> list[str]:
    """Source texts whose translation is missing, empty or marked unfinished."""
    problems = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                               "obsolete"):
            problems.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if any(not t.strip() for t in texts):
            problems.append(source)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if not args.check:
        lupdate()
        lrelease()
    missing = unfinished()
    for text in missing:
        print(f"untranslated: {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
