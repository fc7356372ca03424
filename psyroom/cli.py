"""The ``psyroom`` command: the same services as the desktop app, for scripts and tests.

Every failure prints one plain line on stderr and exits non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from psyroom import __version__
from psyroom.audit import cli as audit_cli
from psyroom.cli_text import int_range, pick, use_language
from psyroom.errors import PsyroomError
from psyroom.security import cli as security_cli
from psyroom.security.roles import ROOM_TYPES, SITE_KINDS, Role

if TYPE_CHECKING:
    # Imported where a command needs them: `psyroom --version` and `--help` must not pay for
    # SQLAlchemy and the crypto stack (issue 14: within 3× a bare `python -c pass`).
    from psyroom.installation import Installation
    from psyroom.session import Session

TEXT = {
    "recovery": (
        "恢复码（只显示这一次，请抄写或打印后妥善保管）：",
        "Recovery code (shown only this once; write it down or print it and keep it safe):",
    ),
    "initialised": ("已完成设置：{code}（{kind}）", "Set up: {code} ({kind})"),
    "user_added": ("已添加用户 {name}（{roles}）", "Added user {name} ({roles})"),
    "user_disabled": ("已停用用户 {name}。旧的密钥文件副本加此人的密码仍能打开数据：建议运行 "
                      "psyroom rotate-key 更换数据库密钥", "Disabled user {name}. An old copy of "
                      "the key file plus their password still opens the data: consider "
                      "psyroom rotate-key"),
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
    "schema_upgraded": ("心理服务室已更新到新版本，数据已随之升级；"
                        "升级前的数据已自动备份到数据文件夹的 backups 中",
                        "PsyRoom was updated and the data upgraded with it; a backup "
                        "of the data as it was is in the data folder's backups"),
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
        self.exit(2, f"psyroom: {' '.join(message.split())}\n")


def _language(data_dir: Path | None) -> str:
    env = os.environ.get("PSYROOM_LANG")
    if env:
        return "en" if env.lower().startswith("en") else "zh_CN"
    try:
        # Settings only: the database code stays unimported for --version and --help.
        from psyroom.paths import DataFolder, default_data_dir
        from psyroom.settings import load_settings

        return load_settings(DataFolder(data_dir or default_data_dir()).settings).language
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


def build_parser(lang: str = "zh_CN") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return pick(key, lang)

    p = _Parser(prog="psyroom", description=h("description"), epilog=h("epilog"))
    p.add_argument("--version", action="version", version=f"psyroom {__version__}",
                   help=h("version"))
    p.add_argument("--data-dir", type=Path, default=None, help=h("data_dir"))
    p.add_argument("--user", default=os.environ.get("PSYROOM_USER"), help=h("user"))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser,
                           title=h("commands"), metavar=h("command"))

    init = sub.add_parser("init", help=h("init"), description=h("init"))
    # With --join the room's kind, code and name come from the office's enrolment file.
    init.add_argument("--site-kind", choices=SITE_KINDS, default=None, help=h("site_kind"))
    init.add_argument("--room-type", choices=(*ROOM_TYPES, "street"), default=None,
                      help=h("room_type"))
    init.add_argument("--site-code", default=None, help=h("site_code"))
    init.add_argument("--site-name", default=None, help=h("site_name"))
    init.add_argument("--admin", required=True, help=h("admin"))
    init.add_argument("--join", type=Path, default=None, help=h("init_join"))

    user_cmd = sub.add_parser("user", help=h("user_cmd"), description=h("user_cmd"))
    user = user_cmd.add_subparsers(dest="user_command", required=True, parser_class=_Parser,
                                   title=h("commands"), metavar=h("command"))
    add = user.add_parser("add", help=h("user_add"), description=h("user_add"))
    add.add_argument("name", help=h("user_name"))
    add.add_argument("--role", action="append", required=True,
                     help=h("role") + ", ".join(r.value for r in Role))
    add.add_argument("--display-name", default="", help=h("display_name"))
    user.add_parser("list", help=h("user_list"), description=h("user_list"))
    passwd = user.add_parser("passwd", help=h("user_passwd"), description=h("user_passwd"))
    passwd.add_argument("name", help=h("user_name"))
    disable = user.add_parser("disable", help=h("user_disable"),
                              description=h("user_disable"))
    disable.add_argument("name", help=h("user_name"))

    recover = sub.add_parser("recover", help=h("recover"), description=h("recover"))
    recover.add_argument("name", help=h("user_name"))

    stats = sub.add_parser("stats", help=h("stats"), description=h("stats"))
    stats.add_argument("--json", action="store_true", help=h("json"))
    backup = sub.add_parser("backup", help=h("backup"), description=h("backup"))
    backup.add_argument("--out", type=Path, required=True, help=h("backup_out"))
    restore = sub.add_parser("restore", help=h("restore"), description=h("restore"))
    restore.add_argument("file", type=Path, help=h("restore_file"))
    restore.add_argument("--foreign", action="store_true", help=h("restore_foreign"))
    restore.add_argument("--recovery-code", action="store_true", help=h("restore_recovery_code"))
    restore.add_argument("--passwords-lost", action="store_true",
                         help=h("restore_passwords_lost"))
    audit_cli.add_options(sub.add_parser("verify", help=h("verify"), description=h("verify")))
    security_cli.add_parsers(sub, _Parser)

    residents_cmd = sub.add_parser("residents", help=h("residents"),
                                   description=h("residents"))
    residents = residents_cmd.add_subparsers(dest="residents_command", required=True,
                                             parser_class=_Parser, title=h("commands"),
                                             metavar=h("command"))
    imp = residents.add_parser("import", help=h("residents_import"),
                               description=h("residents_import"))
    imp.add_argument("file", type=Path, help=h("import_file"))
    imp.add_argument("--sheet", default=None, help=h("sheet"))
    imp.add_argument("--rejected-out", type=Path, default=None, help=h("rejected_out"))
    find = residents.add_parser("find", help=h("residents_find"),
                                description=h("residents_find"))
    find.add_argument("text", help=h("find_text"))
    find.add_argument("--json", action="store_true", help=h("json"))
    find.add_argument("--limit", type=int_range(1, 100_000, lang), default=50,
                      help=h("limit"))

    scale_cmd = sub.add_parser("scale", help=h("scale"), description=h("scale"))
    scale = scale_cmd.add_subparsers(dest="scale_command", required=True,
                                     parser_class=_Parser, title=h("commands"),
                                     metavar=h("command"))
    scale_list = scale.add_parser("list", help=h("scale_list"), description=h("scale_list"))
    scale_list.add_argument("--json", action="store_true", help=h("json"))
    scale_score = scale.add_parser("score", help=h("scale_score"),
                                   description=h("scale_score"))
    scale_score.add_argument("code", help=h("scale_code"))
    scale_score.add_argument("--answers", required=True, help=h("answers"))
    scale_score.add_argument("--json", action="store_true", help=h("json"))

    demo = sub.add_parser("demo-data", help=h("demo_data"), description=h("demo_data"))
    demo.add_argument("--residents", type=int_range(0, 1_000_000, lang), default=200,
                      help=h("demo_residents"))
    demo.add_argument("--months", type=int_range(0, 120, lang), default=12,
                      help=h("demo_months"))
    demo.add_argument("--seed", type=int, default=1, help=h("demo_seed"))
    demo.add_argument("--rooms", type=int_range(1, 200, lang), default=None,
                      help=h("demo_rooms"))
    from psyroom.sync import cli as sync_cli

    sync_cli.add_parsers(sub, _Parser)
    audit = sub.add_parser("audit", help=h("audit"), description=h("audit"))
    audit.add_argument("--since", default=None, help=h("since"))
    audit.add_argument("--json", action="store_true", help=h("audit_json"))
    from psyroom.reports.cli import add_parsers as add_report_parsers

    add_report_parsers(sub, _Parser)
    from psyroom.followups.cli import add_parsers as add_followup_parsers

    add_followup_parsers(sub, _Parser)
    from psyroom.referrals import cli as referral_cli

    referral_cli.add_parsers(sub, _Parser)
    return p


def _login(inst: Installation, args: argparse.Namespace, lang: str) -> Session:
    if not args.user:
        raise CliError("need_user")
    session = inst.unlock(args.user, _secret("PSYROOM_PASSWORD", "password_prompt", lang))
    if "schema_upgraded" in session.notices:
        # On stderr, so scripts reading stdout (--json) are not disturbed.
        print(f"psyroom: {_say(lang, 'schema_upgraded')}", file=sys.stderr)
    return session


def _with_session(inst: Installation, args: argparse.Namespace, lang: str,
                  work: Callable[[Session], int]) -> int:
    session = _login(inst, args, lang)
    try:
        return work(session)
    finally:
        session.close()


def _run(args: argparse.Namespace, lang: str) -> int:
    from psyroom.installation import Installation

    inst = Installation(args.data_dir)
    out = sys.stdout
    if args.command == "init":
        password = _secret("PSYROOM_PASSWORD", "password_prompt", lang)
        if args.join is not None:
            from psyroom.sync import join as sync_join

            result = sync_join.initialise_joined(inst, args.join, admin_name=args.admin,
                                                 admin_password=password,
                                                 site_code=args.site_code)
        elif not (args.site_kind and args.site_code and args.site_name):
            raise CliError("need_site")
        else:
            result = inst.initialise(site_kind=args.site_kind, room_type=args.room_type,
                                     site_code=args.site_code, site_name=args.site_name,
                                     admin_name=args.admin, admin_password=password)
        site = result.session.site
        kind = pick("kind_" + site.kind, lang)
        print(_say(lang, "initialised", code=site.code, kind=kind), file=out)
        result.session.close()
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
    if args.command == "verify":
        return _verify(inst, args, lang)
    if args.command == "restore":
        if not args.user and not args.recovery_code:
            raise CliError("need_user")
        password = _secret("PSYROOM_PASSWORD", "password_prompt", lang) if args.user else ""
        backup_code = (_secret("PSYROOM_RECOVERY_CODE", "recovery_prompt", lang)
                       if args.recovery_code else None)
        inst.restore(args.file, username=args.user or "", password=password,
                     recovery_code=backup_code, allow_foreign=args.foreign,
                     passwords_lost=args.passwords_lost)
        print(_say(lang, "restore_done"), file=out)
        return 0
    return _with_session(inst, args, lang, lambda s: _session_command(s, args, lang))


def _verify(inst: Installation, args: argparse.Namespace, lang: str) -> int:
    from psyroom.errors import DatabaseRefused

    if not args.user:
        raise CliError("need_user")
    password = _secret("PSYROOM_PASSWORD", "password_prompt", lang)
    try:
        session = inst.unlock(args.user, password)
    except DatabaseRefused as exc:
        if exc.code != "database_damaged":
            raise
        problems = inst.verify_without_login(args.user, password)
        for problem in problems:
            print(problem, file=sys.stdout)
        print(_say(lang, "verify_failed", n=len(problems)), file=sys.stderr)
        return 1
    try:
        return _session_command(session, args, lang)
    finally:
        # The logout entry may meet the damaged page too; the report above says so already.
        with contextlib.suppress(DatabaseRefused):
            session.close()


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
    if args.command in ("recovery-code", "rotate-key"):
        return security_cli.run(s, args, lang)
    if args.command == "verify" and audit_cli.wanted(args):
        return audit_cli.run(s, args, lang)
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
    if args.command == "followup":
        from psyroom.followups.cli import run as run_followup

        return run_followup(s, args, lang)
    if args.command == "referral":
        from psyroom.referrals import cli as referral_cli

        return referral_cli.run(s, args, lang)
    from psyroom.sync import cli as sync_cli

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
        from psyroom.audit.describe import describe

        # Words, not codes: the same describer as the audit page of the app.
        for e in reversed(s.audit_events(since=since, limit=1_000_000)):
            if args.json:
                print(json.dumps({"at": e.at, "actor": e.actor_name, "action": e.action,
                                  "target_kind": e.target_kind, "target_id": e.target_id,
                                  "detail": e.detail}, ensure_ascii=False), file=out)
                continue
            print("\t".join([e.at, e.actor_name or "-",
                             describe(e.action, e.detail, lang).sentence(lang),
                             e.target_id or "-"]), file=out)
        return 0
    if args.command == "report":
        from psyroom.reports.cli import run as run_report

        return run_report(s, args, lang)
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
        if args.rejected_out is not None:
            # A folder or an unwritable place is found out before the import commits.
            from psyroom.fileio import check_output_path

            check_output_path(args.rejected_out)
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
    total, found, truncated = s.residents.search(args.text, limit=args.limit, background=False)
    if args.json:
        # The risk shown on screen (an open crisis raises it), and only to a reader who may
        # read risk records: for anyone else the rows come without it and the key is left out.
        print(json.dumps({"total": total, "truncated": truncated, "residents": [
            {"id": r.id, "name": r.name, "gender": r.gender, "birth_date": r.birth_date,
             "id_number": r.masked_id, "phone": r.masked_phone, "village": r.village,
             **({} if r.risk_withheld else {"risk_level": r.shown_risk}),
             "status": r.status, "tags": sorted(r.tags)}
            for r in found]}, ensure_ascii=False), file=out)
    else:
        for r in found:
            print("\t".join([r.name, r.birth_date or "", r.masked_id, r.masked_phone,
                             r.village or "", r.id]), file=out)
    return 0


def _peek_data_dir(argv: Sequence[str]) -> Path | None:
    """--data-dir before parsing: the language (a setting in that folder) decides the words
    the parser itself uses."""
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        # What scripts ask most: answered before the settings and the subcommands' parsers
        # are read, so it costs little more than starting Python.
        print(f"psyroom {__version__}")
        return 0
    lang = _language(_peek_data_dir(argv))
    use_language(lang)
    args = build_parser(lang).parse_args(argv)
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
