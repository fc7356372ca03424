"""``psyroom recovery-code new``: replace the recovery code (admin), shown once as at set-up."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psyroom.session import Session

TEXT = {
    "new_code": ("新的恢复码（只显示这一次，请抄写或打印后妥善保管；旧的恢复码已失效）：",
                 "New recovery code (shown only this once; write it down or print it and keep "
                 "it safe; the old code no longer works):"),
}


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    code = sub.add_parser("recovery-code", help="replace the recovery code (admin)")
    actions = code.add_subparsers(dest="recovery_command", required=True,
                                  parser_class=parser_class)
    actions.add_parser("new", help="make a new recovery code; the old one stops working")


def run(session: Session, args: argparse.Namespace, lang: str) -> int:
    new = session.new_recovery_code()
    zh, en = TEXT["new_code"]
    print(en if lang == "en" else zh, file=sys.stdout)
    print(new, file=sys.stdout)
    return 0
