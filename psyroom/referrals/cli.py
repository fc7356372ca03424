"""``psyroom referral …``: list, drive the workflow, write a slip, check a slip is genuine."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psyroom.referrals.model import (
    CONSENT_BY,
    INSTITUTION_KINDS,
    SOURCES,
    STATUSES,
    URGENCY,
    InstitutionInput,
    Referral,
    ReferralInput,
    VerifyResult,
    text,
)
from psyroom.referrals.slip import FIELD_NAMES, FIELD_ORDER

if TYPE_CHECKING:
    from psyroom.session import Session

TEXT = {
    "genuine": ("真实：编号 {serial} 的转介单由本室开具，状态“{status}”。请与纸面核对以下内容：",
                "Genuine: referral {serial} was issued here; status {status}. Compare with the "
                "paper:"),
    "genuine_room": ("真实：编号 {serial} 的转介单由 {room} 心理服务室开具，状态“{status}”。"
                     "请与纸面核对以下内容：",
                     "Genuine: referral {serial} was issued by room {room}; status {status}. "
                     "Compare with the paper:"),
    "unknown_room": ("无法核验：编号 {serial} 不属于本街道的任何心理服务室。",
                     "Cannot check: serial {serial} belongs to none of this office's rooms."),
    "not_in_bundles": ("已导入的 {room} 数据包（最新一个制作于 {upto}）中没有已开具的转介单 "
                       "{serial}。如果它是之后开具的，请导入该室的下一个数据包后再核验；"
                       "否则它不是该室开具的。",
                       "The bundles imported from room {room} (the newest made on {upto}) hold "
                       "no issued referral {serial}. If it was issued after that day, import "
                       "the room's next bundle and check again; otherwise the room did not "
                       "issue it."),
    "no_bundle_yet": ("还没有导入过 {room} 的数据包，无法核验编号 {serial}：请先导入该室的数据包。",
                      "No bundle from room {room} has been imported yet, so {serial} cannot be "
                      "checked: import the room's bundle first."),
    "unknown_serial": ("不是本室开具的转介单：找不到编号 {serial}。",
                       "Not a slip of this room: there is no referral {serial}."),
    "not_issued": ("编号 {serial} 的转介单还没有开具，不应有纸质转介单。",
                   "Referral {serial} was never issued, so no paper slip should exist."),
    "code_mismatch": ("校验码不符：这张编号 {serial} 的转介单可能被伪造或改动过。",
                      "The code does not match: slip {serial} may be forged or altered."),
    "other_site": ("编号 {serial} 的转介单由其他站点开具，只有开具的心理服务室能核验。",
                   "Referral {serial} was issued at another site; only that room can check "
                   "its code."),
    "cancelled": ("编号 {serial} 的转介单已作废，不应再使用。",
                  "Referral {serial} was cancelled and must not be used."),
    "slip_written": ("转介单已写入 {path}", "Slip written to {path}"),
    "created": ("已创建转介单草稿 {serial}", "Created draft referral {serial}"),
    "issued": ("已开具转介单 {serial}，校验码 {code}", "Issued referral {serial}, code {code}"),
    "done": ("转介单 {serial}：{status}", "Referral {serial}: {status}"),
    "institution_added": ("已添加机构 {name}：{id}", "Added institution {name}: {id}"),
}


def _say(lang: str, key: str, **params: object) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**params)


def verify_message(result: VerifyResult, lang: str) -> str:
    """The one line that says whether a slip is genuine, and if not, why."""
    status = text(STATUSES, result.status, lang)
    key = result.reason
    if result.genuine:
        key = "genuine_room" if result.room_code else "genuine"
    elif key == "not_in_bundles" and not result.bundle_upto:
        key = "no_bundle_yet"
    return _say(lang, key, serial=result.serial, status=status, room=result.room_code or "",
                upto=result.bundle_upto or "")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    ref = sub.add_parser("referral").add_subparsers(dest="referral_command", required=True,
                                                     parser_class=parser_class)
    listing = ref.add_parser("list")
    listing.add_argument("--status", choices=tuple(STATUSES), default=None)
    listing.add_argument("--json", action="store_true")
    slip = ref.add_parser("slip")
    slip.add_argument("serial")
    slip.add_argument("--out", type=Path, required=True)
    verify = ref.add_parser("verify")
    verify.add_argument("serial")
    verify.add_argument("code")
    new = ref.add_parser("new")
    new.add_argument("--resident", required=True, help="the resident's id")
    new.add_argument("--institution", required=True, help="the institution's id")
    new.add_argument("--reason", required=True)
    new.add_argument("--urgency", choices=tuple(URGENCY), default="routine")
    new.add_argument("--source", choices=tuple(SOURCES), default="resident")
    new.add_argument("--source-id", default=None)
    new.add_argument("--consent-by", choices=tuple(CONSENT_BY), default=None)
    new.add_argument("--consent-scope", default="")
    new.add_argument("--consent-date", default=None)
    new.add_argument("--no-consent-reason", default="")
    issue = ref.add_parser("issue")
    issue.add_argument("serial")
    issue.add_argument("--out", type=Path, default=None, help="also write the slip here")
    receipt = ref.add_parser("receipt")
    receipt.add_argument("serial")
    receipt.add_argument("--date", required=True)
    receipt.add_argument("--receiver", required=True)
    feedback = ref.add_parser("feedback")
    feedback.add_argument("serial")
    feedback.add_argument("--date", required=True)
    feedback.add_argument("--text", required=True)
    close = ref.add_parser("close")
    close.add_argument("serial")
    cancel = ref.add_parser("cancel")
    cancel.add_argument("serial")
    cancel.add_argument("--reason", required=True)
    inst = ref.add_parser("institutions")
    inst.add_argument("--search", default="")
    inst.add_argument("--json", action="store_true")
    add = ref.add_parser("add-institution")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", choices=tuple(INSTITUTION_KINDS), required=True)
    add.add_argument("--address", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--contact", default="")


def _json(r: Referral) -> dict[str, Any]:
    return {"id": r.id, "serial": r.serial, "status": r.status, "urgency": r.urgency,
            "resident_id": r.resident_id, "resident_name": r.resident_name,
            "institution_id": r.institution_id, "institution": r.institution_name,
            "source": r.source_kind, "created_at": r.created_at, "issued_on": r.issued_on,
            "received_on": r.received_on, "receiver": r.receiver,
            "feedback_on": r.feedback_on, "overdue": r.overdue,
            "cancel_reason": r.cancel_reason}


def run(s: Session, args: argparse.Namespace, lang: str) -> int:
    out = sys.stdout
    refs = s.referrals
    command = args.referral_command
    if command == "list":
        found = refs.list(status=args.status)
        if args.json:
            print(json.dumps({"referrals": [_json(r) for r in found]}, ensure_ascii=False),
                  file=out)
        else:
            for r in found:
                late = "overdue" if r.overdue else ""
                print("\t".join([r.serial, text(STATUSES, r.status, lang),
                                 text(URGENCY, r.urgency, lang), r.resident_name,
                                 r.institution_name, r.issued_on or "", late]), file=out)
        return 0
    if command == "verify":
        result = refs.verify(args.serial, args.code)
        if not result.genuine:
            print(f"psyroom: {verify_message(result, lang)}", file=sys.stderr)
            return 1
        print(verify_message(result, lang), file=out)
        for key in FIELD_ORDER:
            value = (result.fields or {}).get(key, "")
            if value:
                print(f"{text(FIELD_NAMES, key, lang)}\t{value}", file=out)
        return 0
    if command == "institutions":
        rows = s.institutions.list(args.search)
        if args.json:
            print(json.dumps({"institutions": [
                {"id": i.id, "name": i.name, "kind": i.kind, "address": i.address,
                 "phone": i.phone, "contact_person": i.contact_person, "source": i.source,
                 "read_only": i.read_only} for i in rows]}, ensure_ascii=False), file=out)
        else:
            for i in rows:
                print("\t".join([i.id, i.name, text(INSTITUTION_KINDS, i.kind, lang),
                                 i.phone, i.source]), file=out)
        return 0
    if command == "add-institution":
        iid = s.institutions.add(InstitutionInput(
            name=args.name, kind=args.kind, address=args.address, phone=args.phone,
            contact_person=args.contact))
        print(_say(lang, "institution_added", name=args.name, id=iid), file=out)
        return 0
    if command == "new":
        made = refs.create(ReferralInput(
            resident_id=args.resident, institution_id=args.institution, reason=args.reason,
            urgency=args.urgency, source_kind=args.source, source_id=args.source_id,
            consent_by=args.consent_by, consent_scope=args.consent_scope,
            consent_date=args.consent_date, no_consent_reason=args.no_consent_reason))
        print(_say(lang, "created", serial=made.serial), file=out)
        return 0
    referral = refs.find_serial(args.serial)
    if command == "slip":
        path = refs.write_slip(referral.id, args.out)
        print(_say(lang, "slip_written", path=path), file=out)
        return 0
    if command == "issue":
        issued = refs.issue(referral.id)
        print(_say(lang, "issued", serial=issued.serial, code=issued.verify_code), file=out)
        if args.out is not None:
            print(_say(lang, "slip_written", path=refs.write_slip(referral.id, args.out)),
                  file=out)
        return 0
    if command == "receipt":
        refs.record_receipt(referral.id, received_on=args.date, receiver=args.receiver)
    elif command == "feedback":
        refs.record_feedback(referral.id, feedback=args.text, on=args.date)
    elif command == "close":
        refs.close(referral.id)
    elif command == "cancel":
        refs.cancel(referral.id, reason=args.reason)
    after = refs.find_serial(args.serial)
    print(_say(lang, "done", serial=after.serial, status=text(STATUSES, after.status, lang)),
          file=out)
    return 0
