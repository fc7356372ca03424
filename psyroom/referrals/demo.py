"""Synthetic referrals for ``psyroom demo-data``: a small directory and referrals in every
status, issued ones with real slips' frozen fields and codes so they verify."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from psyroom.records import fetch_all, insert_record
from psyroom.referrals import codes, queries
from psyroom.referrals.rules import age_on
from psyroom.referrals.slip import slip_fields
from psyroom.sites.service import SiteInfo

DIRECTORY = (
    ("山城市精神卫生中心", "mental_hospital", "山城市解放路 88 号", "0359-2022222", "门诊部"),
    ("山城市第一人民医院心理门诊", "general_hospital", "山城市中山街 12 号", "0359-2033333", ""),
    ("河西社区卫生服务中心", "community_health", "河西镇府前街 3 号", "0359-2044444",
     "家庭医生团队"),
    ("山城街道司法所", "justice", "山城街道办事处一楼", "0359-2055555", ""),
    ("山城街道民政办", "civil_affairs", "山城街道办事处二楼", "0359-2066666", ""),
    ("山城区残疾人联合会", "disability", "山城区文化路 6 号", "0359-2077777", ""),
)
REASONS = ("近一个月情绪持续低落，睡眠差，PHQ-9 提示中重度抑郁，建议专科评估。",
           "家属反映言行异常，有被害想法，建议精神科诊治。",
           "长期失眠伴焦虑，建议心理门诊进一步评估。",
           "家庭经济困难，需要民政救助政策支持。",
           "邻里纠纷反复，需要司法所调解。")
STATUS_MIX = ("draft", "draft", "issued", "issued", "issued", "received", "feedback",
              "closed", "closed", "cancelled")


def add_demo_referrals(conn: Connection, rnd: random.Random, *, site: SiteInfo,
                       worker: tuple[str, str], today: date) -> int:
    known = {r["name"]: r["id"] for r in fetch_all(conn, "SELECT id, name FROM institutions")}
    ids = [known.get(n) or insert_record(conn, "institutions", {
        "name": n, "kind": k, "address": a, "phone": p, "contact_person": c,
        "source": "office" if site.kind == "office" else "room", "active": True},
        site_id=site.id) for n, k, a, p, c in DIRECTORY]
    people = fetch_all(conn, "SELECT * FROM residents WHERE merged_into IS NULL AND status = "
                       "'active' AND anonymised = 0 ORDER BY id LIMIT 40")
    if not people:
        return 0
    secret = codes.site_secret(conn, create=True)
    assert secret is not None
    address = queries.meta_value(conn, queries.SITE_ADDRESS_KEY) or ""
    phone = queries.meta_value(conn, queries.SITE_PHONE_KEY) or ""
    made = 0
    for n, status in enumerate(STATUS_MIX, start=1):
        person = rnd.choice(people)
        institution = rnd.randrange(len(DIRECTORY))
        urgent = (status == "draft" and n == 1) or rnd.random() < 0.2
        # Issued at various ages, so some slips are overdue for their receipt.
        issued = today - timedelta(days=rnd.choice((3, 9, 20, 35, 60)))
        serial = queries.next_serial(conn, site.code, issued.year)
        row: dict[str, Any] = {
            "serial": serial, "resident_id": person["id"], "source_kind": "resident",
            "source_id": None, "institution_id": ids[institution],
            "reason": rnd.choice(REASONS), "urgency": "urgent" if urgent else "routine",
            "consent_by": "resident", "consent_scope": "姓名、联系方式和转介原因",
            "consent_date": (issued - timedelta(days=1)).isoformat(),
            "no_consent_reason": None, "status": status, "created_by_id": worker[0],
            "created_by_name": worker[1]}
        if status != "draft" and not (status == "cancelled" and n % 2):
            inst = dict(zip(("name", "kind", "address", "phone"), DIRECTORY[institution],
                            strict=False))
            fields = slip_fields(
                serial=serial, issued_on=issued, site_code=site.code, site_name=site.name,
                site_address=address, site_phone=phone, resident=person,
                age=age_on(person["birth_date"], issued), referral=row, institution=inst,
                worker=worker[1])
            row.update({"issued_at": f"{issued.isoformat()}T09:00:00+00:00",
                        "issued_on": issued.isoformat(), "issued_by_name": worker[1],
                        "slip_fields": json.dumps(fields, ensure_ascii=False),
                        "verify_code": codes.make_code(secret, fields)})
        if status in ("received", "feedback", "closed"):
            row.update({"received_on": (issued + timedelta(days=2)).isoformat(),
                        "receiver": "门诊护士"})
        if status in ("feedback", "closed"):
            row.update({"feedback": "已就诊，诊断为抑郁发作，门诊药物治疗，两周后复诊。",
                        "feedback_on": (issued + timedelta(days=7)).isoformat()})
        if status == "cancelled":
            row.update({"cancelled_at": f"{issued.isoformat()}T10:00:00+00:00",
                        "cancel_reason": "本人改为自行前往就诊"})
        insert_record(conn, "referrals", row, site_id=site.id)
        made += 1
    return made
