"""``psyroom recovery-code new`` (replace the recovery code, shown once as at set-up) and
``psyroom rotate-key`` (change the database key, e.g. after disabling a user). Admin only."""

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
    "rotated": ("数据库密钥已更换：{n} 个密钥槽已交接新密钥。"
                "以前做的备份仍用旧密钥，请妥善保管或销毁。",
                "The database key was changed: {n} key slot(s) now hold the new key. Backups "
                "made before keep the old key; keep them safe or destroy them."),
}


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    code = sub.add_parser("recovery-code", help="replace the recovery code (admin)")
    actions = code.add_subparsers(dest="recovery_command", required=True,
                                  parser_class=parser_class)
    actions.add_parser("new", help="make a new recovery code; the old one stops working")
    sub.add_parser("rotate-key", help="change the database key (admin)")


def run(session: Session, args: argparse.Namespace, lang: str) -> int:
    if args.command == "rotate-key":
        n = session.rotate_database_key()
        zh, en = TEXT["rotated"]
        print((en if lang == "en" else zh).format(n=n), file=sys.stdout)
        return 0
    new = session.new_recovery_code()
    zh, en = TEXT["new_code"]
    print(en if lang == "en" else zh, file=sys.stdout)
    print(new, file=sys.stdout)
    return 0
