"""Every scale item that asks about death or self-harm is a crisis item (issue 9 review)."""

from __future__ import annotations

import re

from psyroom.assessments import load_scales, score

DEATH_OR_SELF_HARM = re.compile(r"死|自杀|伤害自己|自伤|轻生")


def test_every_death_or_self_harm_item_raises_the_crisis_prompt() -> None:
    asking = {(s.code, i.number) for s in load_scales().values() for i in s.items
              if DEATH_OR_SELF_HARM.search(i.text_zh)}
    flagged = {(s.code, r.item) for s in load_scales().values() for r in s.risk_rules}
    assert asking == {("phq9", 9), ("epds", 10), ("sds", 19)}
    assert asking <= flagged


def test_sds_item_19_fires_on_any_admitted_death_wish() -> None:
    sds = load_scales()["sds"]
    calm = [0] * 20
    assert score(sds, calm).risk_flags == []
    some = list(calm)
    some[18] = 1  # 小部分时间
    assert score(sds, some).risk_flags == ["suicide_risk"]
    assert "第19题" in score(sds, some).risks[0].prompt_zh
