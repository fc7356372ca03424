"""The ``psyroom`` command: the same services as the desktop app, for scripts and tests.

Every failure prints one plain line on stderr and exits non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from psyroom import __version__
from psyroom.errors import PsyroomError
from psyroom.installation import Installation
from psyroom.security.roles import ROOM_TYPES, SITE_KINDS, Role
from psyroom.session import Session
from psyroom.sync import cli as sync_cli
from psyroom.sync import join as sync_join

TEXT = {
    "recovery": (
        "恢复码（只显示这一次，请抄写或打印后妥善保管）：",
        "Recovery code (shown only this once; write it down or print it and keep it safe):",
    ),
    "initialised": ("已完成设置：{code} {kind}", "Set up: {code} {kind}"),
    "user_added": ("已添加用户 {name}（{roles}）", "Added user {name} ({roles})"),
    "user_disabled": ("已停用用户 {name}", "Disabled user {name}"),
    "password_changed": ("密码已更改", "Password changed"),
    "backup_done": ("备份已写入 {path}", "Backup written to {path}"),
    "restore_done": ("已从备份恢复；原数据保存在 backups/ 中", "Restored; the previous data is "
                     "kept in backups/"),
    "verify_ok": ("校验通过：数据库完好，审计链完整（{n} 条审计记录）",
                  "Verified: database intact, audit chain unbroken ({n} audit events)"),
    "verify_failed": ("校验失败：发现 {n} 处问题", "Verification failed: {n} problem(s) found"),
    "need_user": ("请用 --user 指定用户名", "Name the user with --user"),
    "bad_date": ("日期格式应为 YYYY-MM-DD", "A date must look like YYYY-MM-DD"),
    "password_prompt": ("密码：", "Password: "),
    "new_password_prompt": ("新密码：", "New password: "),
    "recovery_prompt": ("恢复码：", "Recovery code: "),
    "no_password": ("没有提供密码（设置 PSYROOM_PASSWORD 或在终端中运行）",
                    "No password given (set PSYROOM_PASSWORD or run in a terminal)"),
    "interrupted": ("已中断", "Interrupted"),
    "unexpected": ("出现意外错误（{kind}），没有显示细节以保护数据", "Unexpected error ({kind}); "
                   "details are not shown to protect the data"),
    "import_done": ("导入 {imported} 人，更新 {updated} 人，无变化 {unchanged} 人，"
                    "未导入 {rejected} 行", "Imported {imported}, updated {updated}, unchanged "
                    "{unchanged}, rejected {rejected} row(s)"),
    "row_problem": ("第 {row} 行（{kind}）：{reason}", "Row {row} ({kind}): {reason}"),
    "rejected": ("未导入", "rejected"),
    "warning": ("提醒", "warning"),
    "demo_done": ("已生成 {residents} 份演示档案（全部为虚构人物）",
                  "Generated {residents} demo archives (all fictitious)"),
    "password_reset": ("已为 {name} 设置新密码", "New password set for {name}"),
    "need_site": ("请给出 --site-kind、--site-code 和 --site-name（或用 --join 登记文件）",
                  "Give --site-kind, --site-code and --site-name (or --join an enrolment "
                  "file)"),
}


class CliError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints usage plus the error; keep the promise of one line.
        self.exit(2, f"psyroom: {message}\n")


def _language(data_dir: Path | None) -> str:
    env = os.environ.get("PSYROOM_LANG")
    if env:
        return "en" if env.lower().startswith("en") else "zh_CN"
    try:
        return Installation(data_dir).load_settings().language
    except Exception:
        return "zh_CN"


def _say(lang: str, key: str, **params: object) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)


def _secret(env: str, prompt_key: str, lang: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError("no_password")
    return getpass.getpass(_say(lang, prompt_key))


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="psyroom", description="PsyRoom 心理服务室")
    p.add_argument("--version", action="version", version=f"psyroom {__version__}")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--user", default=os.environ.get("PSYROOM_USER"))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init")
    # With --join the room's kind, code and name come from the office's enrolment file.
    init.add_argument("--site-kind", choices=SITE_KINDS, default=None)
    init.add_argument("--room-type", choices=(*ROOM_TYPES, "street"), default=None)
    init.add_argument("--site-code", default=None)
    init.add_argument("--site-name", default=None)
    init.add_argument("--admin", required=True)
    init.add_argument("--join", type=Path, default=None)

    user = sub.add_parser("user").add_subparsers(dest="user_command", required=True,
                                                  parser_class=_Parser)
    add = user.add_parser("add")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True,
                     help="repeat, or separate with commas: " + ", ".join(r.value for r in Role))
    add.add_argument("--display-name", default="")
    user.add_parser("list")
    passwd = user.add_parser("passwd")
    passwd.add_argument("name")
    disable = user.add_parser("disable")
    disable.add_argument("name")

    recover = sub.add_parser("recover", help="set a new password with the recovery code")
    recover.add_argument("name")

    stats = sub.add_parser("stats")
    stats.add_argument("--json", action="store_true")
    backup = sub.add_parser("backup")
    backup.add_argument("--out", type=Path, required=True)
    restore = sub.add_parser("restore")
    restore.add_argument("file", type=Path)
    sub.add_parser("verify")

    residents = sub.add_parser("residents").add_subparsers(dest="residents_command",
                                                           required=True, parser_class=_Parser)
    imp = residents.add_parser("import")
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet", default=None)
    imp.add_argument("--rejected-out", type=Path, default=None,
                     help="write the rows not imported, with reasons, to this .xlsx")
    find = residents.add_parser("find")
    find.add_argument("text")
    find.add_argument("--json", action="store_true")
    find.add_argument("--limit", type=int, default=50)

    scale = sub.add_parser("scale").add_subparsers(dest="scale_command", required=True,
                                                   parser_class=_Parser)
    scale_list = scale.add_parser("list")
    scale_list.add_argument("--json", action="store_true")
    scale_score = scale.add_parser("score")
    scale_score.add_argument("code")
    scale_score.add_argument("--answers", required=True)
    scale_score.add_argument("--json", action="store_true")

    demo = sub.add_parser("demo-data")
    demo.add_argument("--residents", type=int, default=200)
    demo.add_argument("--months", type=int, default=12)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--rooms", type=int, default=None, help="office: demo rooms to enrol")
    sync_cli.add_parsers(sub, _Parser)
    audit = sub.add_parser("audit")
    audit.add_argument("--since", default=None)
    return p


def _login(inst: Installation, args: argparse.Namespace, lang: str) -> Session:
    if not args.user:
        raise CliError("need_user")
    return inst.unlock(args.user, _secret("PSYROOM_PASSWORD", "password_prompt", lang))


def _with_session(inst: Installation, args: argparse.Namespace, lang: str,
                  work: Callable[[Session], int]) -> int:
    session = _login(inst, args, lang)
    try:
        return work(session)
    finally:
        session.close()


def _run(args: argparse.Namespace, lang: str) -> int:
    inst = Installation(args.data_dir)
    out = sys.stdout
    if args.command == "init":
        password = _secret("PSYROOM_PASSWORD", "password_prompt", lang)
        if args.join is not None:
            result = sync_join.initialise_joined(inst, args.join, admin_name=args.admin,
                                                 admin_password=password,
                                                 site_code=args.site_code)
            site = result.session.site
        elif not (args.site_kind and args.site_code and args.site_name):
            raise CliError("need_site")
        else:
            result = inst.initialise(site_kind=args.site_kind, room_type=args.room_type,
                                     site_code=args.site_code, site_name=args.site_name,
                                     admin_name=args.admin, admin_password=password)
            site = result.session.site
        result.session.close()
        print(_say(lang, "initialised", code=site.code, kind=site.kind), file=out)
        print(_say(lang, "recovery"), file=out)
        print(result.recovery_code, file=out)
        return 0
    if args.command == "recover":
        code = _secret("PSYROOM_RECOVERY_CODE", "recovery_prompt", lang)
        new = _secret("PSYROOM_NEW_PASSWORD", "new_password_prompt", lang)
        inst.reset_password_with_recovery(recovery_code=code, username=args.name,
                                          new_password=new)
        print(_say(lang, "password_reset", name=args.name), file=out)
        return 0
    if args.command == "scale":
        return _scale_command(args, lang)
    if args.command == "restore":
        if not args.user:
            raise CliError("need_user")
        password = _secret("PSYROOM_PASSWORD", "password_prompt", lang)
        inst.restore(args.file, username=args.user, password=password)
        print(_say(lang, "restore_done"), file=out)
        return 0
    return _with_session(inst, args, lang, lambda s: _session_command(s, args, lang))


def _session_command(s: Session, args: argparse.Namespace, lang: str) -> int:
    out = sys.stdout
    if args.command == "user":
        if args.user_command == "add":
            roles = [r for part in args.role for r in part.split(",") if r.strip()]
            password = _secret("PSYROOM_NEW_PASSWORD", "new_password_prompt", lang)
            user = s.add_user(args.name, display_name=args.display_name, roles=roles,
                              password=password)
            print(_say(lang, "user_added", name=user.username,
                       roles=",".join(sorted(r.value for r in user.roles))), file=out)
        elif args.user_command == "list":
            for u in s.list_users():
                flags = ["disabled"] if u.disabled else []
                if u.must_change_password:
                    flags.append("must_change_password")
                print("\t".join([u.username, u.display_name,
                                 ",".join(sorted(r.value for r in u.roles)), " ".join(flags)]),
                      file=out)
        elif args.user_command == "passwd":
            new = _secret("PSYROOM_NEW_PASSWORD", "new_password_prompt", lang)
            if args.name.casefold() == s.user.username:
                s.change_own_password(os.environ.get("PSYROOM_PASSWORD", ""), new)
            else:
                s.reset_user_password(args.name, new)
            print(_say(lang, "password_changed"), file=out)
        elif args.user_command == "disable":
            s.disable_user(args.name)
            print(_say(lang, "user_disabled", name=args.name), file=out)
        return 0
    if args.command == "stats":
        stats = s.stats()
        if args.json:
            print(json.dumps(stats, sort_keys=True), file=out)
        else:
            for key, value in stats.items():
                print(f"{key}\t{value}", file=out)
        return 0
    if args.command == "backup":
        path = s.backup(args.out)
        print(_say(lang, "backup_done", path=path), file=out)
        return 0
    if args.command == "verify":
        report = s.verify()
        if report.ok:
            print(_say(lang, "verify_ok", n=report.audit_events), file=out)
            return 0
        for problem in report.problems:
            print(problem, file=out)
        print(_say(lang, "verify_failed", n=len(report.problems)), file=sys.stderr)
        return 1
    if args.command == "residents":
        return _residents_command(s, args, lang)
    if args.command in sync_cli.COMMANDS:
        return sync_cli.run(s, args, lang)
    if args.command == "demo-data" and args.rooms is not None:
        return sync_cli.run_demo(s, args, lang)
    if args.command == "demo-data":
        from psyroom.demo.service import fill_demo_data

        summary = fill_demo_data(s, residents=args.residents, months=args.months,
                                 seed=args.seed)
        print(_say(lang, "demo_done", residents=summary.residents), file=out)
        for kind, n in summary.records.items():
            print(f"{kind}\t{n}", file=out)
        return 0
    if args.command == "audit":
        since = None
        if args.since:
            try:
                since = datetime.combine(date.fromisoformat(args.since), datetime.min.time())
            except ValueError:
                raise CliError("bad_date") from None
        for e in reversed(s.audit_events(since=since, limit=1_000_000)):
            print("\t".join([e.at, e.actor_name or "-", e.action, e.target_kind or "-",
                             e.target_id or "-", json.dumps(e.detail, ensure_ascii=False)]),
                  file=out)
        return 0
    raise AssertionError(args.command)


def _scale_command(args: argparse.Namespace, lang: str) -> int:
    # Scoring touches no records, so trainers can use it without logging in.
    from psyroom.assessments import (
        get_scale,
        parse_answers,
        result_summary,
        scale_list_rows,
        score,
        score_to_json,
    )

    out = sys.stdout
    if args.scale_command == "list":
        rows = scale_list_rows()
        if args.json:
            print(json.dumps(rows, ensure_ascii=False), file=out)
        else:
            for row in rows:
                name = row["name_en"] if lang == "en" else row["name_zh"]
                print(f"{row['code']}\t{row['short_name']}\t{name}\t{row['answers']}",
                      file=out)
        return 0
    result = score(get_scale(args.code), parse_answers(args.answers))
    if args.json:
        print(json.dumps(score_to_json(result), ensure_ascii=False), file=out)
    else:
        print(result_summary(result, lang), file=out)
    return 0


def _residents_command(s: Session, args: argparse.Namespace, lang: str) -> int:
    from psyroom.residents.messages import problem_text

    out = sys.stdout
    if args.residents_command == "import":
        plan = s.residents.plan_import(args.file, sheet=args.sheet)
        summary = s.residents.commit_import(plan)
        if args.rejected_out is not None and summary.rejected:
            s.residents.save_rejected_rows(plan, args.rejected_out, language=lang)
        print(_say(lang, "import_done", imported=summary.imported, updated=summary.updated,
                   unchanged=summary.unchanged, rejected=summary.rejected), file=out)
        for row in plan.rows:
            shown = row.errors if row.status == "rejected" else row.warnings
            for problem in shown:
                kind = _say(lang, "rejected" if problem.error else "warning")
                print(_say(lang, "row_problem", row=row.row_number, kind=kind,
                           reason=problem_text(problem, lang)), file=out)
        return 0
    total, found, truncated = s.residents.search(args.text, limit=args.limit)
    if args.json:
        print(json.dumps({"total": total, "truncated": truncated, "residents": [
            {"id": r.id, "name": r.name, "gender": r.gender, "birth_date": r.birth_date,
             "id_number": r.masked_id, "phone": r.masked_phone, "village": r.village,
             "risk_level": r.risk_level, "status": r.status, "tags": sorted(r.tags)}
            for r in found]}, ensure_ascii=False), file=out)
    else:
        for r in found:
            print("\t".join([r.name, r.birth_date or "", r.masked_id, r.masked_phone,
                             r.village or "", r.id]), file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = _language(args.data_dir)
    try:
        return _run(args, lang)
    except PsyroomError as exc:
        print(f"psyroom: {exc.message(lang)}", file=sys.stderr)
        return 1
    except CliError as exc:
        print(f"psyroom: {_say(lang, exc.key, **exc.params)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `psyroom audit | head` closed the pipe: not an error worth a message.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stop Python's flush at exit
        return 0
    except KeyboardInterrupt:
        print(f"psyroom: {_say(lang, 'interrupted')}", file=sys.stderr)
        return 130
    except Exception as exc:
        print(f"psyroom: {_say(lang, 'unexpected', kind=type(exc).__name__)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
