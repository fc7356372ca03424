"""``psyroom followup list|form|export|due``: the follow-up printouts and hand-offs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psyroom.errors import InvalidInput
from psyroom.followups.form import CLASSES

if TYPE_CHECKING:
    from psyroom.session import Session

TEXT = {
    "form_done": ("随访表已写入 {path}", "Follow-up form written to {path}"),
    "export_done": ("已导出 {n} 条随访记录到 {path}（含完整身份证号，请妥善保管）",
                    "Exported {n} follow-up(s) to {path} (full ID numbers: keep it safe)"),
    "due_done": ("{quarter} 应随访或逾期 {n} 人，已写入 {path}",
                 "{n} patient(s) due or overdue in {quarter}, written to {path}"),
    "deceased": ("死亡", "died"),
}


def _say(lang: str, key: str, **params: object) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    followup = sub.add_parser("followup").add_subparsers(
        dest="followup_command", required=True, parser_class=parser_class)
    listing = followup.add_parser("list")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--limit", type=int, default=1000)
    form = followup.add_parser("form", help="表1-8 as a PDF")
    form.add_argument("id", nargs="?", default=None)
    form.add_argument("--blank", action="store_true", help="an empty form for paper visits")
    form.add_argument("--out", type=Path, required=True)
    export = followup.add_parser("export", help="hand-off to the national system (.xlsx)")
    export.add_argument("--from", dest="start", required=True)
    export.add_argument("--to", dest="end", required=True)
    export.add_argument("--out", type=Path, required=True)
    due = followup.add_parser("due", help="who is due or overdue in a quarter (.xlsx)")
    due.add_argument("--quarter", required=True)
    due.add_argument("--out", type=Path, required=True)


def run(s: Session, args: argparse.Namespace, lang: str) -> int:
    out = sys.stdout
    en = lang == "en"
    if args.followup_command == "list":
        rows = s.followups.listing(limit=args.limit)
        if args.json:
            print(json.dumps([{
                "id": r["id"], "resident": r["resident_name"], "resident_id": r["resident_id"],
                "date": r["followup_date"], "class": r["classification"],
                "class_name": CLASSES[r["classification"]][en] if r["classification"] else None,
                "next_date": r["next_date"], "deceased": bool(r["death_date"])}
                for r in rows], ensure_ascii=False), file=out)
            return 0
        for r in rows:
            cls = (_say(lang, "deceased") if r["death_date"] else
                   CLASSES[r["classification"]][en] if r["classification"] else "-")
            print("\t".join([r["id"], r["resident_name"], r["followup_date"], cls,
                             r["next_date"] or "-"]), file=out)
        return 0
    if args.followup_command == "form":
        if bool(args.blank) == bool(args.id):
            raise InvalidInput("followup_need_id")
        path = s.followups.print_form(None if args.blank else args.id, args.out)
        print(_say(lang, "form_done", path=path), file=out)
        return 0
    if args.followup_command == "export":
        n = s.followups.export(args.start, args.end, args.out)
        print(_say(lang, "export_done", n=n, path=args.out), file=out)
        return 0
    n = s.followups.due(args.quarter, args.out)
    print(_say(lang, "due_done", n=n, quarter=args.quarter, path=args.out), file=out)
    return 0
