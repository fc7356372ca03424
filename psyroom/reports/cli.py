"""``psyroom report``: the monthly report as PDF, JSON or .xlsx, and the office's settings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psyroom.errors import InvalidInput

if TYPE_CHECKING:
    from psyroom.session import Session

TEXT = {
    "pdf_done": ("月报已写入 {path}", "Report written to {path}"),
    "xlsx_done": ("表格已写入 {path}", "Spreadsheet written to {path}"),
    "setting_done": ("已保存设置 {name}", "Saved setting {name}"),
}


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report").add_subparsers(dest="report_command", required=True,
                                                     parser_class=parser_class)
    monthly = report.add_parser("monthly")
    monthly.add_argument("--month", required=True, help="YYYY-MM")
    monthly.add_argument("--out", type=Path, default=None, help="write the PDF here")
    monthly.add_argument("--json", action="store_true", help="print the numbers as JSON")
    monthly.add_argument("--xlsx", type=Path, default=None, help="write the tables here")
    monthly.add_argument("--site", default=None, help="office only: one room's code")
    setting = report.add_parser("set")
    setting.add_argument("key", help="villages_total, schools_total, population, warn_ratio, "
                                     "warn_min_increase")
    setting.add_argument("value", help="a number; empty to remove")
    setting.add_argument("--village", default="", help="for population: the village")


def run(session: Session, args: argparse.Namespace, lang: str) -> int:
    out = sys.stdout

    def say(key: str, **params: object) -> str:
        zh, en = TEXT[key]
        return (en if lang == "en" else zh).format(**params)

    if args.report_command == "set":
        session.reports.set_setting(args.key, args.value, village=args.village)
        print(say("setting_done", name=args.key), file=out)
        return 0
    if args.out is None and not args.json and args.xlsx is None:
        raise InvalidInput("report_output_missing")
    report = session.reports.monthly(args.month, site_code=args.site)
    if args.out is not None:
        from psyroom.reports.pdf import write_pdf

        print(say("pdf_done", path=write_pdf(report, args.out)), file=out)
    if args.xlsx is not None:
        from psyroom.reports.xlsx import write_xlsx

        print(say("xlsx_done", path=write_xlsx(report, args.xlsx)), file=out)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True), file=out)
    return 0
