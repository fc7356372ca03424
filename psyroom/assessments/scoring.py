"""Scores one answer sheet against a scale definition.

All six shipped scales use the same rule: each answer counts for its option's score (already
reverse-scored in the definition), the raw total is their sum, and the Zung scales add a
standard score (raw × 1.25, integer part). Which value the bands classify, and the citation
for the rule, are in each scale's JSON file.
"""

from __future__ import annotations

from collections.abc import Sequence

from psyroom.assessments.errors import ScaleInputError
from psyroom.assessments.loader import get_scale
from psyroom.assessments.model import ScaleDefinition, ScoreResult


def _check(scale: ScaleDefinition, answers: Sequence[int]) -> None:
    if len(answers) != scale.item_count:
        raise ScaleInputError("scale_answer_count", scale=scale.short_name,
                              expected=scale.item_count, got=len(answers))
    for item, answer in zip(scale.items, answers, strict=True):
        last = len(item.options) - 1
        # A bool or a float would index the list by accident (True is 1); refuse both.
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer <= last:
            raise ScaleInputError("scale_answer_invalid", item=item.number, last=last,
                                  value=repr(answer))


def score(scale: ScaleDefinition | str, answers: Sequence[int]) -> ScoreResult:
    """Score ``answers``: one 0-based option position per item, in item order.

    Raises ScaleInputError (an InvalidInput) for an unknown scale, the wrong number of answers
    or an answer outside an item's options.
    """
    definition = get_scale(scale) if isinstance(scale, str) else scale
    _check(definition, answers)
    item_scores = [item.options[a].score for item, a in zip(definition.items, answers,
                                                              strict=True)]
    total = sum(item_scores)
    rule = definition.standard_score
    standard = rule.apply(total) if rule is not None else None
    banded = standard if definition.bands_on == "standard_score" and standard is not None \
        else total
    band = definition.band_for(banded)
    # Risk is judged on the item's score, not the position: EPDS item 10 is printed with its
    # highest-scoring answer first.
    risks = [r for r in definition.risk_rules if item_scores[r.item - 1] > r.score_above]
    flags = list(dict.fromkeys(r.code for r in risks))
    return ScoreResult(
        scale_code=definition.code,
        answers=list(answers),
        item_scores=item_scores,
        total=total,
        standard_score=standard,
        band=band.code,
        band_label_zh=band.label_zh,
        band_label_en=band.label_en,
        risk_flags=flags,
        risks=risks,
    )


def parse_answers(text: str) -> list[int]:
    """'0,1,2,3' → [0, 1, 2, 3], as typed after ``--answers``; spaces are allowed."""
    parts = [p.strip() for p in text.replace("，", ",").split(",")]
    if not parts or any(not p.isascii() or not p.isdigit() for p in parts):
        raise ScaleInputError("scale_answers_unreadable")
    return [int(p) for p in parts]
