"""``psyroom rotate-key``: change the database key (admin), e.g. after disabling a user."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from psyroom.session import Session

TEXT = {
    "rotated": ("数据库密钥已更换：{n} 个密钥槽已交接新密钥。"
                "以前做的备份仍用旧密钥，请妥善保管或销毁。",
                "The database key was changed: {n} key slot(s) now hold the new key. Backups "
                "made before keep the old key; keep them safe or destroy them."),
}


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    sub.add_parser("rotate-key", help="change the database key (admin)")


def run(session: Session, args: argparse.Namespace, lang: str) -> int:
    n = session.rotate_database_key()
    zh, en = TEXT["rotated"]
    print((en if lang == "en" else zh).format(n=n), file=sys.stdout)
    return 0
