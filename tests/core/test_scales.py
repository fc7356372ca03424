"""Scale definitions and scoring, checked against the published rules.

Expected values here are written out by hand from the sources (reverse-item lists, band edges,
worked totals) rather than read from the JSON files, so a wrong file fails a test.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from psyroom.assessments import (
    ScaleDefinitionError,
    ScaleInputError,
    get_scale,
    load_scales,
    load_scales_from,
    parse_answers,
    parse_scale,
    result_summary,
    scale_list_rows,
    score,
    score_to_json,
)
from psyroom.errors import InvalidInput, PsyroomError

SCALES_DIR = Path(__file__).resolve().parents[2] / "psyroom" / "assessments" / "scales"

# Published facts, typed in from the sources cited in each JSON file.
SDS_REVERSE = {2, 5, 6, 11, 12, 14, 16, 17, 18, 20}  # Zung 1965
SAS_REVERSE = {5, 9, 13, 17, 19}  # Zung 1971
EPDS_REVERSE = {3, 5, 6, 7, 8, 9, 10}  # Cox et al. 1987: printed 3-2-1-0
GDS_NO_SCORES = {1, 5, 7, 11, 13}  # Sheikh & Yesavage 1986

BANDS: dict[str, list[tuple[str, int, int]]] = {
    "phq9": [("none_minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14),
             ("moderately_severe", 15, 19), ("severe", 20, 27)],
    "gad7": [("none_minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)],
    "sds": [("normal", 25, 52), ("mild", 53, 62), ("moderate", 63, 72), ("severe", 73, 100)],
    "sas": [("normal", 25, 49), ("mild", 50, 59), ("moderate", 60, 69), ("severe", 70, 100)],
    "epds": [("unlikely", 0, 9), ("possible", 10, 12), ("probable", 13, 30)],
    "gds15": [("normal", 0, 4), ("mild", 5, 8), ("moderate", 9, 11), ("severe", 12, 15)],
}


def _raw(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCALES_DIR / f"{code}.json").read_text("utf-8"))
    return data


def zung_answers(reverse: set[int], raw: int) -> list[int]:
    """Answers giving a Zung raw total of ``raw`` (20-80), built from the reverse list above.

    Each item scores 1 + k for "k steps towards the symptom": option k for a plain item,
    option 3 - k for a reverse item.
    """
    extra = raw - 20
    answers = []
    for number in range(1, 21):
        k = min(3, extra)
        extra -= k
        answers.append(3 - k if number in reverse else k)
    assert extra == 0
    return answers


def sum_answers(count: int, total: int, top: int = 3) -> list[int]:
    """Answers for a scale whose options score 0..top in printed order (PHQ-9, GAD-7)."""
    out = []
    for _ in range(count):
        k = min(top, total)
        total -= k
        out.append(k)
    assert total == 0
    return out


def epds_answers(total: int) -> list[int]:
    out = []
    for number in range(1, 11):
        k = min(3, total)
        total -= k
        out.append(3 - k if number in EPDS_REVERSE else k)
    assert total == 0
    return out


def gds_answers(total: int) -> list[int]:
    # Option 0 is 是, 1 is 否; a point is 否 on the GDS_NO_SCORES items and 是 elsewhere.
    out = []
    for number in range(1, 16):
        point = total > 0
        total -= int(point)
        depressed = 1 if number in GDS_NO_SCORES else 0
        out.append(depressed if point else 1 - depressed)
    return out


# --- the library as a whole ------------------------------------------------------------------

def test_the_six_scales_load_in_display_order() -> None:
    assert list(load_scales()) == ["phq9", "gad7", "sds", "sas", "epds", "gds15"]
    assert load_scales() is load_scales()  # cached


@pytest.mark.parametrize(("code", "items", "low", "high"), [
    ("phq9", 9, 0, 27), ("gad7", 7, 0, 21), ("sds", 20, 20, 80), ("sas", 20, 20, 80),
    ("epds", 10, 0, 30), ("gds15", 15, 0, 15),
])
def test_item_counts_and_score_ranges(code: str, items: int, low: int, high: int) -> None:
    scale = get_scale(code)
    assert scale.item_count == items
    assert scale.total_range == (low, high)
    assert all(i.text_zh and i.text_en for i in scale.items)


@pytest.mark.parametrize(("code", "author"), [
    ("phq9", "Kroenke"), ("gad7", "Spitzer"), ("sds", "Zung"), ("sas", "Zung"),
    ("epds", "Cox"), ("gds15", "Sheikh"),
])
def test_each_scale_cites_its_source(code: str, author: str) -> None:
    scale = get_scale(code)
    assert author in scale.source
    assert scale.scoring_source


def test_zung_sources_cite_the_chinese_manual() -> None:
    for code in ("sds", "sas"):
        assert "心理卫生评定量表手册" in get_scale(code).source
        assert "汪向东" in get_scale(code).source


@pytest.mark.parametrize("code", list(BANDS))
def test_bands_are_the_published_ones_and_cover_the_range(code: str) -> None:
    scale = get_scale(code)
    assert [(b.code, b.min_score, b.max_score) for b in scale.bands] == BANDS[code]
    low, high = scale.banded_range
    covered = [v for b in scale.bands for v in range(b.min_score, b.max_score + 1)]
    assert covered == list(range(low, high + 1))  # no gap, no overlap, nothing outside
    assert all(b.label_zh and b.label_en for b in scale.bands)


@pytest.mark.parametrize("code", list(BANDS))
def test_every_band_edge_classifies_as_published(code: str) -> None:
    scale = get_scale(code)
    for band, low, high in BANDS[code]:
        assert scale.band_for(low).code == band
        assert scale.band_for(high).code == band


def test_lookup_accepts_the_printed_names() -> None:
    assert get_scale("PHQ-9").code == "phq9"
    assert get_scale("GDS-15").code == "gds15"
    assert get_scale("sds").code == "sds"
    with pytest.raises(InvalidInput) as info:
        get_scale("bdi")
    assert info.value.code == "scale_unknown"
    assert "bdi" in info.value.message("zh_CN") and "bdi" in info.value.message("en")


# --- PHQ-9 (Kroenke, Spitzer & Williams 2001) ------------------------------------------------

def test_phq9_options_are_the_chinese_wording() -> None:
    labels = [o.label_zh for o in get_scale("phq9").items[0].options]
    assert labels == ["完全不会", "好几天", "一半以上的天数", "几乎每天"]
    assert [o.score for o in get_scale("phq9").items[8].options] == [0, 1, 2, 3]


def test_phq9_all_zero_and_all_max() -> None:
    low = score("phq9", [0] * 9)
    assert (low.total, low.band, low.risk_flags, low.standard_score) == (0, "none_minimal", [],
                                                                         None)
    high = score("phq9", [3] * 9)
    assert (high.total, high.band, high.risk_flags) == (27, "severe", ["suicide_risk"])
    assert high.band_label_zh == "重度抑郁症状"


def test_phq9_mixed_hand_computed() -> None:
    # 1+2+0+3+1+0+2+1+0 = 10: the lowest moderate score.
    result = score("phq9", [1, 2, 0, 3, 1, 0, 2, 1, 0])
    assert result.item_scores == [1, 2, 0, 3, 1, 0, 2, 1, 0]
    assert (result.total, result.band, result.risk_flags) == (10, "moderate", [])


@pytest.mark.parametrize(("total", "band"), [
    (0, "none_minimal"), (4, "none_minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"),
    (27, "severe"),
])
def test_phq9_band_boundaries(total: int, band: str) -> None:
    result = score("phq9", sum_answers(9, total))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("answer", "flagged"), [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item9_above_zero_raises_suicide_risk(answer: int, flagged: bool) -> None:
    result = score("phq9", [0] * 8 + [answer])
    assert result.risk_flags == (["suicide_risk"] if flagged else [])
    # Even a total in the lowest band keeps the flag: the total never cancels it.
    if flagged:
        assert result.band == "none_minimal"
        assert "第9题" in result.risks[0].prompt_zh
        assert result.risks[0].item == 9


def test_phq9_other_items_never_raise_the_flag() -> None:
    assert score("phq9", [3] * 8 + [0]).risk_flags == []


# --- GAD-7 (Spitzer et al. 2006) -------------------------------------------------------------

def test_gad7_worked_examples() -> None:
    assert (score("gad7", [0] * 7).total, score("gad7", [0] * 7).band) == (0, "none_minimal")
    assert (score("gad7", [3] * 7).total, score("gad7", [3] * 7).band) == (21, "severe")
    mixed = score("gad7", [2, 2, 1, 1, 0, 3, 1])  # 2+2+1+1+0+3+1 = 10
    assert (mixed.total, mixed.band, mixed.risk_flags) == (10, "moderate", [])


@pytest.mark.parametrize(("total", "band"), [
    (0, "none_minimal"), (4, "none_minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_band_boundaries(total: int, band: str) -> None:
    result = score("gad7", sum_answers(7, total))
    assert (result.total, result.band) == (total, band)


# --- Zung SDS (1965) and SAS (1971), Chinese norms (汪向东 等 1999) ---------------------------

def test_zung_options_and_reverse_items() -> None:
    for code, reverse in (("sds", SDS_REVERSE), ("sas", SAS_REVERSE)):
        scale = get_scale(code)
        assert set(scale.reverse_items) == reverse
        for item in scale.items:
            assert [o.label_zh for o in item.options] == [
                "没有或很少时间", "小部分时间", "相当多时间", "绝大部分或全部时间"]
            expected = [4, 3, 2, 1] if item.number in reverse else [1, 2, 3, 4]
            assert [o.score for o in item.options] == expected, (code, item.number)


def test_sds_all_first_option_gives_raw_50_standard_62() -> None:
    # 10 plain items × 1 + 10 reverse items × 4 = 50; 50 × 1.25 = 62.5 → 62 (integer part).
    result = score("sds", [0] * 20)
    assert result.total == 50
    assert result.standard_score == 62
    assert result.band == "mild"
    assert result.item_scores == [4 if n in SDS_REVERSE else 1 for n in range(1, 21)]


def test_sds_all_last_option_is_also_raw_50() -> None:
    result = score("sds", [3] * 20)
    assert (result.total, result.standard_score) == (50, 62)


def test_sds_mixed_hand_computed() -> None:
    # Items 1-10 answer 相当多时间 (2), items 11-20 answer 没有或很少时间 (0).
    # 1-10: plain 1,3,4,7,8,9,10 score 3 each = 21; reverse 2,5,6 score 2 each = 6 → 27.
    # 11-20: reverse 11,12,14,16,17,18,20 score 4 each = 28; plain 13,15,19 score 1 = 3 → 31.
    result = score("sds", [2] * 10 + [0] * 10)
    assert result.total == 58
    assert result.standard_score == 72  # 72.5 → 72
    assert result.band == "moderate"


def test_sds_lowest_and_highest() -> None:
    low = score("sds", [3 if n in SDS_REVERSE else 0 for n in range(1, 21)])
    high = score("sds", [0 if n in SDS_REVERSE else 3 for n in range(1, 21)])
    assert (low.total, low.standard_score, low.band) == (20, 25, "normal")
    assert (high.total, high.standard_score, high.band) == (80, 100, "severe")


def test_sas_worked_examples() -> None:
    # All 没有或很少时间: 15 plain × 1 + 5 reverse × 4 = 35; 35 × 1.25 = 43.75 → 43.
    first = score("sas", [0] * 20)
    assert (first.total, first.standard_score, first.band) == (35, 43, "normal")
    # All 绝大部分或全部时间: 15 × 4 + 5 × 1 = 65; 81.25 → 81.
    last = score("sas", [3] * 20)
    assert (last.total, last.standard_score, last.band) == (65, 81, "severe")
    low = score("sas", [3 if n in SAS_REVERSE else 0 for n in range(1, 21)])
    assert (low.total, low.standard_score) == (20, 25)


@pytest.mark.parametrize("raw", range(20, 81))
def test_zung_standard_score_is_integer_part_of_raw_times_1_25(raw: int) -> None:
    for code, reverse in (("sds", SDS_REVERSE), ("sas", SAS_REVERSE)):
        result = score(code, zung_answers(reverse, raw))
        assert result.total == raw
        assert result.standard_score == (raw * 5) // 4  # 1.25 = 5/4, integer part


@pytest.mark.parametrize(("raw", "standard", "band"), [
    (20, 25, "normal"),
    (41, 51, "normal"),
    (42, 52, "normal"),  # 52.5: the integer part keeps it below the cut-off 53
    (43, 53, "mild"),  # 53.75
    (50, 62, "mild"),
    (51, 63, "moderate"),
    (58, 72, "moderate"),
    (59, 73, "severe"),
    (80, 100, "severe"),
])
def test_sds_band_boundaries_on_standard_score(raw: int, standard: int, band: str) -> None:
    result = score("sds", zung_answers(SDS_REVERSE, raw))
    assert (result.total, result.standard_score, result.band) == (raw, standard, band)


@pytest.mark.parametrize(("raw", "standard", "band"), [
    (20, 25, "normal"),
    (39, 48, "normal"),  # 48.75; 49 is never reached
    (40, 50, "mild"),
    (47, 58, "mild"),
    (48, 60, "moderate"),
    (55, 68, "moderate"),
    (56, 70, "severe"),
    (80, 100, "severe"),
])
def test_sas_band_boundaries_on_standard_score(raw: int, standard: int, band: str) -> None:
    result = score("sas", zung_answers(SAS_REVERSE, raw))
    assert (result.total, result.standard_score, result.band) == (raw, standard, band)


def test_zung_json_output_has_standard_score() -> None:
    out = score_to_json(score("sds", [0] * 20))
    assert out["total"] == 50 and out["standard_score"] == 62
    assert out["band"] == "mild" and out["band_label_zh"] == "轻度抑郁"


# --- EPDS (Cox, Holden & Sagovsky 1987) ------------------------------------------------------

def test_epds_reverse_ordered_items_score_3_2_1_0() -> None:
    scale = get_scale("epds")
    assert set(scale.reverse_items) == EPDS_REVERSE
    for item in scale.items:
        expected = [3, 2, 1, 0] if item.number in EPDS_REVERSE else [0, 1, 2, 3]
        assert [o.score for o in item.options] == expected, item.number
    assert [o.label_zh for o in scale.items[9].options] == [
        "相当多时候这样", "有时候这样", "很少这样", "没有这样"]


def test_epds_worked_examples() -> None:
    # Top option everywhere: items 1, 2, 4 score 0; items 3, 5-10 score 3 → 21.
    top = score("epds", [0] * 10)
    assert (top.total, top.band, top.risk_flags) == (21, "probable", ["suicide_risk"])
    # Bottom option everywhere: items 1, 2, 4 score 3 → 9; the rest 0.
    bottom = score("epds", [3] * 10)
    assert (bottom.total, bottom.band, bottom.risk_flags) == (9, "unlikely", [])
    assert score("epds", [0, 0, 3, 0, 3, 3, 3, 3, 3, 3]).total == 0
    assert score("epds", [3, 3, 0, 3, 0, 0, 0, 0, 0, 0]).total == 30
    # 1+1+2+2+1+2+1+1+0+0 = 11
    mixed = score("epds", [1, 1, 1, 2, 2, 1, 2, 2, 3, 3])
    assert mixed.item_scores == [1, 1, 2, 2, 1, 2, 1, 1, 0, 0]
    assert (mixed.total, mixed.band, mixed.risk_flags) == (11, "possible", [])


@pytest.mark.parametrize(("total", "band"), [
    (0, "unlikely"), (9, "unlikely"), (10, "possible"), (12, "possible"), (13, "probable"),
    (30, "probable"),
])
def test_epds_band_boundaries(total: int, band: str) -> None:
    result = score("epds", epds_answers(total))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("position", "item_score", "flagged"), [
    (0, 3, True), (1, 2, True), (2, 1, True), (3, 0, False),
])
def test_epds_item10_flag_follows_the_score_not_the_position(position: int, item_score: int,
                                                             flagged: bool) -> None:
    answers = [0, 0, 3, 0, 3, 3, 3, 3, 3, position]
    result = score("epds", answers)
    assert result.item_scores[9] == item_score
    assert result.total == item_score
    assert result.risk_flags == (["suicide_risk"] if flagged else [])
    if flagged:
        assert "第10题" in result.risks[0].prompt_zh


# --- GDS-15 (Sheikh & Yesavage 1986) ---------------------------------------------------------

def test_gds15_yes_no_scoring() -> None:
    scale = get_scale("gds15")
    assert set(scale.reverse_items) == GDS_NO_SCORES
    for item in scale.items:
        assert [o.label_zh for o in item.options] == ["是", "否"]
        expected = [0, 1] if item.number in GDS_NO_SCORES else [1, 0]
        assert [o.score for o in item.options] == expected, item.number


def test_gds15_worked_examples() -> None:
    all_yes = score("gds15", [0] * 15)  # 10 "yes" items score
    assert (all_yes.total, all_yes.band) == (10, "moderate")
    all_no = score("gds15", [1] * 15)  # the 5 "no" items score
    assert (all_no.total, all_no.band) == (5, "mild")
    best = [0 if n in GDS_NO_SCORES else 1 for n in range(1, 16)]
    assert (score("gds15", best).total, score("gds15", best).band) == (0, "normal")
    worst = [1 - a for a in best]
    assert (score("gds15", worst).total, score("gds15", worst).band) == (15, "severe")


@pytest.mark.parametrize(("total", "band"), [
    (0, "normal"), (4, "normal"), (5, "mild"), (8, "mild"), (9, "moderate"), (11, "moderate"),
    (12, "severe"), (15, "severe"),
])
def test_gds15_band_boundaries(total: int, band: str) -> None:
    result = score("gds15", gds_answers(total))
    assert (result.total, result.band) == (total, band)


# --- bad answers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "answers", "error"), [
    ("phq9", [0] * 8, "scale_answer_count"),
    ("phq9", [0] * 10, "scale_answer_count"),
    ("phq9", [], "scale_answer_count"),
    ("phq9", [0] * 8 + [4], "scale_answer_invalid"),
    ("phq9", [-1] + [0] * 8, "scale_answer_invalid"),
    ("gds15", [0] * 14 + [2], "scale_answer_invalid"),
    ("sds", [True] + [0] * 19, "scale_answer_invalid"),
    ("gad7", [0.0] * 7, "scale_answer_invalid"),
])
def test_bad_answers_are_rejected(code: str, answers: list[Any], error: str) -> None:
    with pytest.raises(InvalidInput) as info:
        score(code, answers)
    assert info.value.code == error
    assert isinstance(info.value, PsyroomError)
    zh, en = info.value.message("zh_CN"), info.value.message("en")
    assert zh != en and "{" not in zh and "{" not in en


def test_bad_answer_message_names_the_question() -> None:
    with pytest.raises(ScaleInputError) as info:
        score("phq9", [0] * 8 + [4])
    assert "第 9 题" in info.value.message("zh_CN")
    assert "0 到 3" in info.value.message("zh_CN")
    assert "question 9" in info.value.message("en")
    with pytest.raises(ScaleInputError) as count:
        score("phq9", [0] * 8)
    assert "9" in count.value.message("zh_CN") and "8" in count.value.message("zh_CN")


# --- the command-line helpers ----------------------------------------------------------------

def test_parse_answers() -> None:
    assert parse_answers("0,1,2,3") == [0, 1, 2, 3]
    assert parse_answers(" 0, 1 ,2") == [0, 1, 2]
    assert parse_answers("0，1") == [0, 1]  # a Chinese comma typed by habit
    for bad in ("", "0,,1", "a,b", "1.5", "-1,0", "０,1"):
        with pytest.raises(InvalidInput) as info:
            parse_answers(bad)
        assert info.value.code == "scale_answers_unreadable"


def test_scale_list_rows() -> None:
    rows = {r["code"]: r for r in scale_list_rows()}
    assert list(rows) == ["phq9", "gad7", "sds", "sas", "epds", "gds15"]
    assert rows["phq9"]["answers"] == 9 and rows["phq9"]["max_answer"] == 3
    assert rows["gds15"]["max_answer"] == 1
    assert rows["sds"]["total_range"] == "20-80" and rows["sds"]["standard_range"] == "25-100"
    assert rows["phq9"]["standard_range"] == ""
    json.dumps(list(rows.values()), ensure_ascii=False)


def test_score_to_json_shape() -> None:
    out = score_to_json(score("phq9", [3] * 9))
    assert {"total", "standard_score", "band", "band_label_zh", "band_label_en",
            "risk_flags"} <= out.keys()
    assert out["total"] == 27 and out["standard_score"] is None
    assert out["risk_flags"] == ["suicide_risk"]
    text = json.dumps(out, ensure_ascii=False)
    assert json.loads(text)["band_label_en"] == "Severe depression"


def test_result_summary_in_both_languages() -> None:
    zh = result_summary(score("sds", [0] * 20), "zh_CN")
    assert zh == "SDS 总分 50，标准分 62：轻度抑郁"
    en = result_summary(score("phq9", [0] * 8 + [1]), "en")
    assert en.splitlines()[0] == "PHQ-9 total 1: None to minimal depression"
    assert "Question 9" in en


# --- broken definition files are refused -----------------------------------------------------

def _broken(code: str, change: Any) -> str:
    data = copy.deepcopy(_raw(code))
    change(data)
    with pytest.raises(ScaleDefinitionError) as info:
        parse_scale(data, f"{code}.json")
    assert info.value.code == "scale_file_invalid"
    assert f"{code}.json" in info.value.message("zh_CN")
    return info.value.message("en")


def test_shipped_files_parse_on_their_own() -> None:
    for path in sorted(SCALES_DIR.glob("*.json")):
        assert parse_scale(json.loads(path.read_text("utf-8")), path.name).code == path.stem


def test_band_gap_is_refused() -> None:
    assert "fall between" in _broken("phq9", lambda d: d["bands"][1].update(min=6))


def test_band_overlap_is_refused() -> None:
    assert "overlap" in _broken("phq9", lambda d: d["bands"][1].update(min=4))


def test_bands_short_of_the_maximum_are_refused() -> None:
    assert "highest possible" in _broken("gad7", lambda d: d["bands"][-1].update(max=20))


def test_bands_not_starting_at_the_minimum_are_refused() -> None:
    # SDS bands classify the standard score, which starts at 25, not the raw 20.
    assert "lowest possible" in _broken("sds", lambda d: d["bands"][0].update(min=20))


def test_missing_reverse_item_is_refused() -> None:
    assert "do not exist" in _broken("sas", lambda d: d["reverse_items"].append(21))


def test_reverse_list_disagreeing_with_epds_scores_is_refused() -> None:
    assert "reverse_items" in _broken("epds", lambda d: d["reverse_items"].remove(3))
    assert "reverse_items" in _broken("epds", lambda d: d["reverse_items"].append(4))


def test_item_without_options_is_refused() -> None:
    def drop(d: dict[str, Any]) -> None:
        del d["options"]

    assert "no options" in _broken("phq9", drop)
    assert "at least two" in _broken("epds", lambda d: d["items"][0].update(options=[]))


def test_other_breakages_are_refused() -> None:
    assert "numbered" in _broken("gad7", lambda d: d["items"][2].update(number=7))
    assert "unknown key" in _broken("gad7", lambda d: d.update(reverse_item=[]))
    assert "never fire" in _broken("phq9", lambda d: d["risk_flags"][0].update(score_above=3))
    assert "item 11" in _broken("epds", lambda d: d["risk_flags"][0].update(item=11))
    assert "whole number" in _broken("gad7", lambda d: d["options"][0].update(score="0"))
    assert "rise or fall" in _broken("gad7", lambda d: d["options"][1].update(score=0))
    assert "rounding" in _broken("sds", lambda d: d["scoring"]["standard_score"].update(
        rounding="nearest"))


def test_a_broken_file_stops_the_whole_load(tmp_path: Path) -> None:
    for path in SCALES_DIR.glob("*.json"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert list(load_scales_from(tmp_path)) == list(load_scales())
    (tmp_path / "phq9.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ScaleDefinitionError) as info:
        load_scales_from(tmp_path)
    assert "phq9.json" in info.value.message("en")


def test_missing_data_files_are_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    import psyroom.assessments.loader as loader

    monkeypatch.setattr(loader, "files", lambda _package: tmp_path)
    loader.load_scales.cache_clear()
    try:
        with pytest.raises(ScaleDefinitionError) as info:
            loader.load_scales()
        assert "no scale files" in info.value.message("en")
    finally:
        monkeypatch.undo()
        loader.load_scales.cache_clear()
    assert len(load_scales()) == 6


def test_file_name_must_match_code(tmp_path: Path) -> None:
    (tmp_path / "phq-nine.json").write_bytes((SCALES_DIR / "phq9.json").read_bytes())
    with pytest.raises(ScaleDefinitionError):
        load_scales_from(tmp_path)


def test_adding_a_scale_is_adding_a_file(tmp_path: Path) -> None:
    data = _raw("gad7")
    data.update(code="gad2", short_name="GAD-2", items=data["items"][:2], risk_flags=[])
    data["bands"] = [
        {"code": "negative", "min": 0, "max": 2, "zh": "阴性", "en": "Negative"},
        {"code": "positive", "min": 3, "max": 6, "zh": "阳性", "en": "Positive"},
    ]
    (tmp_path / "gad2.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    scales = load_scales_from(tmp_path)
    assert list(scales) == ["gad2"]
    assert score(scales["gad2"], [1, 2]).band == "positive"


def test_half_up_rounding_can_be_chosen() -> None:
    data = copy.deepcopy(_raw("sds"))
    data["scoring"]["standard_score"]["rounding"] = "half_up"
    scale = parse_scale(data, "sds.json")
    assert score(scale, zung_answers(SDS_REVERSE, 42)).standard_score == 53
    assert score(scale, zung_answers(SDS_REVERSE, 42)).band == "mild"


# --- the core stays free of Qt ---------------------------------------------------------------

def test_importing_the_scales_loads_no_qt() -> None:
    code = ("import sys, psyroom.assessments as a; a.load_scales(); "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide', 'ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
