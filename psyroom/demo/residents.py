"""Synthetic residents that look like a real village register (never real people).

Names follow the frequency of common Chinese surnames; ID numbers carry valid GB 11643 check
digits on a made-up date and sequence; ages lean old, as village registers do; tags come in
the proportions seen in key-population registers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from psyroom.residents.idcard import check_digit
from psyroom.residents.model import ResidentFields

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
            "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
            "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇")
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国德福志刚小军永贵"
GIVEN_FEMALE = "芳娜秀英敏静丽艳娟霞玲桂兰凤梅琳雪莉洁萍红燕华玉翠花淑珍晓丹慧颖佳倩"
# Share of residents carrying each tag; a person may carry several.
TAG_SHARES = (
    ("elderly_empty_nest", 0.14), ("elderly_widowed", 0.08), ("elderly_left_behind", 0.05),
    ("elderly_lost_only_child", 0.01), ("women_perinatal", 0.04), ("women_menopause", 0.05),
    ("child_left_behind", 0.06), ("child_in_difficulty", 0.02), ("child_migrant", 0.01),
    ("disabled_person", 0.04), ("special_community_correction", 0.01),
    ("special_released", 0.01), ("drug_community_rehab", 0.005), ("drug_user", 0.003),
    ("four_conflict", 0.03), ("four_frustrated", 0.03), ("smd_patient", 0.006),
    ("smd_family", 0.01), ("petitioner", 0.01), ("poor_vulnerable", 0.06),
)
AREA_CODE = "140802"


def villages_for(site_name: str) -> list[str]:
    own = site_name
    for suffix in ("心理咨询室", "心理服务室", "心理服务站", "心理服务中心", "咨询室"):
        own = own.replace(suffix, "")
    own = own.strip() or "北城村"
    return [own, "东关村", "西街社区", "李家庄村", "南关社区", "王村"][:3]


def _id_number(rnd: random.Random, born: date, male: bool, used: set[str]) -> str:
    while True:
        seq = rnd.randrange(0, 100)
        sex_digit = rnd.choice("13579" if male else "02468")
        first17 = f"{AREA_CODE}{born:%Y%m%d}{seq:02d}{sex_digit}"
        number = first17 + check_digit(first17)
        if number not in used:
            used.add(number)
            return number


def _birth(rnd: random.Random, today: date) -> date:
    # Village registers lean old: many empty-nest and widowed elderly, some children.
    age = rnd.choices([rnd.randint(3, 17), rnd.randint(18, 59), rnd.randint(60, 92)],
                      weights=[15, 45, 40])[0]
    return today - timedelta(days=age * 365 + rnd.randint(0, 364))


def make_residents(count: int, *, seed: int, site_name: str,
                   today: date | None = None) -> list[ResidentFields]:
    rnd = random.Random(seed)
    today = today or date.today()
    villages = villages_for(site_name)
    used: set[str] = set()
    out: list[ResidentFields] = []
    for n in range(count):
        male = rnd.random() < 0.48
        given = GIVEN_MALE if male else GIVEN_FEMALE
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(given)
                                              for _ in range(rnd.choice((1, 2, 2))))
        born = _birth(rnd, today)
        village = rnd.choice(villages)
        tags = {code for code, share in TAG_SHARES if rnd.random() < share}
        minor = (today - born).days < 18 * 365
        smd = "smd_patient" in tags
        out.append(ResidentFields(
            name=name,
            gender="male" if male else "female",
            birth_date=born.isoformat(),
            id_number=_id_number(rnd, born, male, used) if rnd.random() < 0.95 else None,
            phone=f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}" if not minor else None,
            address=f"{village}{rnd.randint(1, 12)}组{rnd.randint(1, 80)}号",
            village=village,
            guardian_name=(rnd.choice(SURNAMES) + rnd.choice(GIVEN_MALE + GIVEN_FEMALE))
            if minor else None,
            consent_date=(today - timedelta(days=rnd.randint(0, 700))).isoformat(),
            consent_scope="心理服务档案管理",
            risk_level=rnd.choices(["none", "low", "medium", "high"], [80, 12, 6, 2])[0],
            status=rnd.choices(["active", "moved", "deceased"], [95, 3, 2])[0],
            smd_registered=smd,
            smd_diagnosis=rnd.choice(["精神分裂症", "双相情感障碍", "偏执性精神病"]) if smd
            else None,
            smd_registered_on=(today - timedelta(days=rnd.randint(30, 3000))).isoformat()
            if smd else None,
            smd_care_team="村委会、派出所、家庭医生" if smd else None,
            # Numbered without a draw from rnd, so a seed's demo stays what it was.
            smd_national_id=f"14010{seed % 1000:03d}{n + 1:06d}" if smd else None,
            tags=frozenset(tags),
        ))
    return out
