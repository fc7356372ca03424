"""Plain data for ``psyroom scale list`` and ``psyroom scale score CODE --answers … --json``.

Everything returned here is JSON-ready (str, int, None, lists, dicts) so the command only has
to print it; no names or personal data are ever involved.
"""

from __future__ import annotations

from psyroom.assessments.loader import load_scales
from psyroom.assessments.model import ScaleDefinition, ScoreResult


def _range(low: int, high: int) -> str:
    return f"{low}-{high}"


def scale_row(scale: ScaleDefinition) -> dict[str, str | int]:
    low, high = scale.total_range
    std = scale.standard_score
    return {
        "code": scale.code,
        "short_name": scale.short_name,
        "name_zh": scale.name_zh,
        "name_en": scale.name_en,
        "population_zh": scale.population_zh,
        "population_en": scale.population_en,
        "time_frame_zh": scale.time_frame_zh,
        "time_frame_en": scale.time_frame_en,
        # What a caller needs to type --answers: how many, and the highest option number.
        "answers": scale.item_count,
        "max_answer": max(len(i.options) for i in scale.items) - 1,
        "total_range": _range(low, high),
        "standard_range": _range(std.apply(low), std.apply(high)) if std else "",
    }


def scale_list_rows() -> list[dict[str, str | int]]:
    """One row per shipped scale, in display order."""
    return [scale_row(s) for s in load_scales().values()]


def score_to_json(result: ScoreResult) -> dict[str, object]:
    return {
        "scale": result.scale_code,
        "total": result.total,
        "standard_score": result.standard_score,
        "band": result.band,
        "band_label_zh": result.band_label_zh,
        "band_label_en": result.band_label_en,
        "risk_flags": list(result.risk_flags),
        "item_scores": list(result.item_scores),
        "crisis_prompts": [
            {"code": r.code, "item": r.item, "zh": r.prompt_zh, "en": r.prompt_en}
            for r in result.risks
        ],
    }


def result_summary(result: ScoreResult, language: str = "zh_CN") -> str:
    """One line for people, e.g. 'PHQ-9 总分 12：中度抑郁症状'; any crisis prompts follow."""
    scale = load_scales()[result.scale_code]
    en = language.startswith("en")
    if en:
        line = f"{scale.short_name} total {result.total}"
        if result.standard_score is not None:
            line += f", standard score {result.standard_score}"
        line += f": {result.band_label_en}"
    else:
        line = f"{scale.short_name} 总分 {result.total}"
        if result.standard_score is not None:
            line += f"，标准分 {result.standard_score}"
        line += f"：{result.band_label_zh}"
    prompts = [(r.prompt_en if en else r.prompt_zh) for r in result.risks]
    return "\n".join([line, *prompts])
