"""``psyroom enrol-room | join | export-bundle | import-bundle`` and demo rooms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psyroom.security.roles import ROOM_TYPES

if TYPE_CHECKING:
    from psyroom.session import Session
    from psyroom.sync.service import ImportSummary

COMMANDS = ("enrol-room", "join", "export-bundle", "import-bundle")

TEXT = {
    "enrolled": ("已登记咨询室 {code}，登记文件：{path}（请当面交给咨询室，不要通过网络发送）",
                 "Enrolled room {code}; enrolment file: {path} (hand it over in person)"),
    "joined": ("已加入 {office}，本咨询室编码 {code}。下次导出的数据包会带上全部已有记录。",
               "Joined {office} as {code}. The next bundle carries every record."),
    "exported": ("已写入 {path}", "Written: {path}"),
    "unacked": ("街道尚未确认的数据包：{list}", "Bundles the office has not confirmed: {list}"),
    "room_line": ("{code} 第{seq}号：新增 {new}，更新 {updated}，删除 {deleted}，未变 {unchanged}，"
                  "拒收 {rejected}", "{code} #{seq}: new {new}, updated {updated}, deleted "
                  "{deleted}, unchanged {unchanged}, rejected {rejected}"),
    "already": ("{code} 第{seq}号：已经导入过，没有任何改动", "{code} #{seq}: already imported; "
                "nothing changed"),
    "gaps": ("{code} 缺少的数据包序号：{gaps}", "{code} missing bundle numbers: {gaps}"),
    "refused": ("{name}：{reason}", "{name}: {reason}"),
    "downlink": ("街道回执：确认 {acked} 个数据包，更新参考数据 {rows} 条，新通知 {notes} 条",
                 "Office downlink: {acked} bundle(s) confirmed, {rows} reference row(s), "
                 "{notes} new note(s)"),
    "restored": ("{code}：该咨询室从备份恢复过（从第{base"
                 "_seq}号之后重新编号），街道已保留之前收到的记录",
                 "{code}: the room was restored from a backup (numbering resumes after "
                 "#{base_seq}); records received before are kept"),
    "audit_shrunk": ("{code}：警告！咨询室的审计记录比上次少（{bef"
                     "ore} → {now} 条），可能有人删除了审计记录",
                     "{code}: WARNING: the room's audit log shrank ({before} → {now} events); "
                     "audit rows may have been deleted"),
    "audit_forked": ("{code}：警告！咨询室的审计记录与上次收到的不一致（第{at}条起被改写）",
                     "{code}: WARNING: the room's audit log no longer matches what was "
                     "received (rewritten from event {at})"),
    "sequence_reused": ("{code}：警告！第{seq}号数据包内容与之前收到的不同："
                        "咨询室的数据库可能被旧文件覆盖（未经恢复程序）",
                        "{code}: WARNING: bundle #{seq} differs from the one received before: "
                        "the room's database may have been replaced by an old copy"),
    "generation_unknown": ("{code}：数据包来自未知的数据库版本（第{seq}号）",
                           "{code}: bundle #{seq} comes from an unknown database generation"),
    "none": ("无", "none"),
    "demo_rooms": ("已生成 {rooms} 个演示咨询室并导入其数据包（全部为虚构人物）",
                   "Generated {rooms} demo rooms and imported their bundles (all fictitious)"),
}


def say(lang: str, key: str, **params: object) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    enrol = sub.add_parser("enrol-room")
    enrol.add_argument("--site-code", required=True)
    enrol.add_argument("--site-name", required=True)
    enrol.add_argument("--kind", choices=ROOM_TYPES, default="village")
    enrol.add_argument("--village", default=None)
    enrol.add_argument("--out", type=Path, required=True)
    join = sub.add_parser("join")
    join.add_argument("file", type=Path)
    join.add_argument("--recode", action="store_true",
                      help="take the site code in the enrolment file")
    export = sub.add_parser("export-bundle")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--full", action="store_true")
    export.add_argument("--room", default=None)
    imp = sub.add_parser("import-bundle")
    imp.add_argument("files", type=Path, nargs="+")


def summary_lines(summary: ImportSummary, lang: str) -> list[tuple[bool, str]]:
    """The import summary per file, as (is_refusal, line); the UI shows the same lines."""
    lines: list[tuple[bool, str]] = []
    for f in summary.files:
        if f.refused is not None:
            lines.append((True, say(lang, "refused", name=f.path.name,
                                    reason=f.refused.message(lang))))
        elif f.downlink is not None:
            d = f.downlink
            lines.append((False, say(lang, "downlink", acked=d.acked, rows=d.reference_rows,
                                     notes=d.notes)))
        elif f.result is not None:
            r = f.result
            if r.already:
                lines.append((False, say(lang, "already", code=r.room_code, seq=r.seq)))
            else:
                lines.append((False, say(lang, "room_line", code=r.room_code, seq=r.seq,
                                         **r.counts.as_dict())))
            for n in r.notices:
                detail = {k: v for k, v in n.items() if k != "kind"}
                lines.append((False, say(lang, n["kind"], code=r.room_code, **detail)))
            if r.gaps:
                lines.append((False, say(lang, "gaps", code=r.room_code,
                                         gaps=", ".join(str(g) for g in r.gaps))))
    return lines


def print_summary(summary: ImportSummary, lang: str) -> None:
    for refused, line in summary_lines(summary, lang):
        print(line, file=sys.stderr if refused else sys.stdout)


def run(s: Session, args: argparse.Namespace, lang: str) -> int:
    out = sys.stdout
    if args.command == "enrol-room":
        path = s.bundles.enrol_room(args.site_code, args.site_name, out=args.out,
                                    room_type=args.kind, village=args.village)
        from psyroom.sites.service import normalise_code

        print(say(lang, "enrolled", code=normalise_code(args.site_code), path=path), file=out)
        return 0
    if args.command == "join":
        site = s.bundles.join(args.file, recode=args.recode)
        found = s.bundles.enrolment()
        print(say(lang, "joined", office=found["office_name"] if found else "", code=site.code),
              file=out)
        return 0
    if args.command == "export-bundle":
        for path in s.bundles.export_bundle(args.out, full=args.full, room=args.room):
            print(say(lang, "exported", path=path), file=out)
        if s.site.kind == "room":
            pending = s.bundles.unacknowledged()
            if pending:
                print(say(lang, "unacked", list=", ".join(str(p["seq"]) for p in pending)),
                      file=out)
        return 0
    if args.command == "import-bundle":
        summary = s.bundles.import_bundles(list(args.files))
        print_summary(summary, lang)
        return 1 if summary.refused else 0
    raise AssertionError(args.command)


def run_demo(s: Session, args: argparse.Namespace, lang: str) -> int:
    from psyroom.sync.demo import fill_office_demo

    demo = fill_office_demo(s, rooms=args.rooms, residents=args.residents, months=args.months,
                            seed=args.seed)
    print(say(lang, "demo_rooms", rooms=demo.rooms), file=sys.stdout)
    print_summary(demo.summary, lang)
    return 1 if demo.summary.refused else 0
