"""A second PsyRoom process for the two-process tests: run as a script, driven over stdin.

``hold DATA_DIR USER`` logs in, prints ``ready`` and then obeys lines on stdin:
``import PATH`` (prints the number imported), ``read`` (prints the resident count), ``quit``.
``logins DATA_DIR USER N`` logs in and out N times and prints ``ok``.
The password comes from PSYROOM_PASSWORD, as for the CLI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))

from psyroom.installation import Installation


def hold(data_dir: str, user: str) -> None:
    session = Installation(Path(data_dir)).unlock(user, os.environ["PSYROOM_PASSWORD"])
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            command, _, arg = line.strip().partition(" ")
            if command == "import":
                plan = session.residents.plan_import(Path(arg))
                print(session.residents.commit_import(plan).imported, flush=True)
            elif command == "read":
                print(session.residents.count(), flush=True)
            else:
                break
    finally:
        session.close()


def logins(data_dir: str, user: str, times: int) -> None:
    inst = Installation(Path(data_dir))
    for _ in range(times):
        inst.unlock(user, os.environ["PSYROOM_PASSWORD"]).close()
    print("ok", flush=True)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "hold":
        hold(rest[0], rest[1])
    else:
        logins(rest[0], rest[1], int(rest[2]))
