"""``psyroom verify --against BACKUP`` and ``psyroom verify --head HASH``: is an earlier
chain head (from a backup's header, or printed from the audit view) still in the chain?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psyroom.session import Session

TEXT = {
    "ok": ("审计链完整：备份时的 {count} 条审计记录（链头 {hash}）都还在，之后又有 {live} 条。",
           "Audit chain holds: the {count} audit events of the backup (head {hash}) are all "
           "still there, {live} in all now."),
    "truncated": ("审计链被截短：备份时有 {count} 条审计记录，现在只剩 {live} 条。"
                  "之后的记录被删除了。",
                  "Audit chain truncated: the backup recorded {count} audit events, only "
                  "{live} are left. Later events were deleted."),
    "forked": ("审计链被改写：第 {count} 条审计记录与备份中的不同（备份链头 {hash}）。"
               "此后的历史被重新计算过。",
               "Audit chain rewritten: audit event #{count} differs from the backup's (backup "
               "head {hash}); the history since was recomputed."),
    "no_head": ("这个备份没有记录审计链头（由旧版本制作），无法比较。",
                "This backup records no audit chain head (made by an older version); "
                "nothing to compare."),
    "foreign": ("这个备份来自另一套安装，审计链无法比较。",
                "This backup comes from another installation; the chains cannot be compared."),
    "head_found": ("链头 {hash} 在审计链中：第 {seq} 条审计记录。",
                   "Head {hash} is in the audit chain: audit event #{seq}."),
    "head_missing": ("链头 {hash} 不在审计链中：该记录及可能其后的记录已被删除或改写。",
                     "Head {hash} is not in the audit chain: that event, and perhaps those "
                     "after it, were deleted or rewritten."),
}


def add_options(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("--against", type=Path, default=None, metavar="BACKUP",
                        help="compare the audit chain with the head recorded in a backup")
    verify.add_argument("--head", default=None, metavar="HASH",
                        help="check that a printed audit chain head is still in the chain")


def wanted(args: argparse.Namespace) -> bool:
    return args.against is not None or args.head is not None


def _say(lang: str, key: str, **params: object) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)


def run(session: Session, args: argparse.Namespace, lang: str) -> int:
    """Exit 0 when every earlier head given is still in the chain, 1 otherwise."""
    failed = False
    if args.against is not None:
        result = session.verify_against_backup(args.against)
        earlier = result.earlier
        line = _say(lang, result.status, count=earlier.count if earlier else 0,
                    hash=earlier.hash if earlier else "-", live=result.live.count)
        print(line, file=sys.stdout if result.ok else sys.stderr)
        failed = not result.ok
    if args.head is not None:
        seq = session.head_in_chain(args.head)
        if seq is None:
            print(_say(lang, "head_missing", hash=args.head), file=sys.stderr)
            failed = True
        else:
            print(_say(lang, "head_found", hash=args.head, seq=seq))
    return 1 if failed else 0
