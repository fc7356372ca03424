"""One follow-up as typed on 表1-8, checked and turned into the row the database keeps."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from psyroom.errors import InvalidInput
from psyroom.followups import form as f
from psyroom.followups.rules import Answers, Verdict, classify, decide, next_followup_date


@dataclass(frozen=True)
class Drug:
    """用药情况 / 用药指导: one drug, daily doses in mg, or a long-acting injection."""

    name: str
    morning_mg: float | None = None
    noon_mg: float | None = None
    evening_mg: float | None = None
    depot_weeks: int | None = None  # 长效药：每 N 周一次
    depot_mg: float | None = None


@dataclass(frozen=True)
class FollowupInput:
    resident_id: str
    followup_date: str  # YYYY-MM-DD
    reached: bool = True
    visit_form: int | None = None
    visit_with: tuple[int, ...] = ()
    lost_reason: int | None = None
    death_date: str | None = None
    death_cause: int | None = None
    death_illness: int | None = None
    risk_level: int | None = None
    symptoms: tuple[int, ...] = ()
    symptoms_other: str = ""
    insight: int | None = None
    sleep: int | None = None
    diet: int | None = None
    sf_self_care: int | None = None
    sf_housework: int | None = None
    sf_work: int | None = None
    sf_learning: int | None = None
    sf_social: int | None = None
    danger: dict[int, int] = field(default_factory=dict)  # code 1–6 → times
    locked: int | None = None
    hospital: int | None = None
    last_discharge: str | None = None
    lab: int | None = None
    lab_text: str = ""
    adherence: int | None = None
    side_effects: int | None = None
    side_effects_text: str = ""
    effect: int | None = None
    referred: int | None = None
    referral_reason: str = ""
    referral_institution: str = ""
    referral_id: str | None = None
    drugs: tuple[Drug, ...] = ()
    guidance: tuple[Drug, ...] = ()
    rehab: tuple[int, ...] = ()
    rehab_other: str = ""
    symptoms_marked: bool = False
    severe_side_effects: bool = False
    serious_physical_illness: bool = False
    classification: int | None = None  # the doctor's choice; None takes the rules' class
    class_reason: str = ""
    next_date: str | None = None  # None: computed from the class
    doctor_name: str | None = None
    home_rehab: bool = False
    counselled_patient: bool = False
    counselled_family: bool = False
    notes: str = ""

    @property
    def deceased(self) -> bool:
        return bool(self.death_date or self.death_cause)

    def answers(self) -> Answers:
        return Answers(reached=self.reached, risk_level=self.risk_level,
                       symptoms=self.symptoms, symptoms_marked=self.symptoms_marked,
                       insight=self.insight,
                       social={k: getattr(self, k) for k in f.SOCIAL_ITEMS},
                       side_effects=self.side_effects,
                       severe_side_effects=self.severe_side_effects,
                       serious_physical_illness=self.serious_physical_illness)


def _bad(name: str) -> InvalidInput:
    return InvalidInput("followup_bad", **f.field_params(name))


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(name) from None


def _code(value: int | None, table: f.Codes, name: str, *, required: bool = False) -> None:
    if value is None:
        if required:
            raise InvalidInput("followup_missing", **f.field_params(name))
        return
    if value not in table:
        raise _bad(name)


def _codes(values: tuple[int, ...], table: f.Codes, name: str) -> None:
    if len(set(values)) != len(values) or any(v not in table for v in values):
        raise _bad(name)


def _check_drugs(drugs: tuple[Drug, ...], name: str) -> None:
    if len(drugs) > f.MAX_DRUGS:
        raise _bad(name)
    for d in drugs:
        doses = (d.morning_mg, d.noon_mg, d.evening_mg, d.depot_weeks, d.depot_mg)
        if not d.name.strip() or any(v is not None and v < 0 for v in doses):
            raise _bad(name)


def _check_visit(d: FollowupInput) -> None:
    """A visit that reached the patient: the answers the classification reads are required."""
    if d.lost_reason is not None:
        raise InvalidInput("followup_reached_and_lost")
    _code(d.visit_form, f.VISIT_FORM, "visit_form", required=True)
    _code(d.risk_level, f.RISK, "risk_level", required=True)
    _code(d.insight, f.INSIGHT, "insight", required=True)
    for key in f.SOCIAL_ITEMS:
        _code(getattr(d, key), f.WORK if key == "sf_work" else f.LEVEL3, key, required=True)
    _code(d.side_effects, f.SIDE_EFFECTS, "side_effects", required=True)
    if d.symptoms_marked and not d.symptoms:
        raise InvalidInput("followup_marked_without_symptoms")
    if d.severe_side_effects and d.side_effects != 2:
        raise InvalidInput("followup_severe_without_side_effects")


def _check_fields(d: FollowupInput) -> None:
    _codes(d.visit_with, f.VISIT_WITH, "visit_with")
    _code(d.visit_form, f.VISIT_FORM, "visit_form")
    _code(d.lost_reason, f.LOST_REASON, "lost_reason")
    _code(d.death_cause, f.DEATH_CAUSE, "death_cause")
    _code(d.death_illness, f.DEATH_ILLNESS, "death_illness")
    _code(d.risk_level, f.RISK, "risk_level")
    _codes(d.symptoms, f.SYMPTOMS, "symptoms")
    _code(d.insight, f.INSIGHT, "insight")
    _code(d.sleep, f.LEVEL3, "sleep")
    _code(d.diet, f.LEVEL3, "diet")
    _code(d.locked, f.LOCKED, "locked")
    _code(d.hospital, f.HOSPITAL, "hospital")
    _code(d.lab, f.LAB, "lab")
    _code(d.adherence, f.ADHERENCE, "adherence")
    _code(d.side_effects, f.SIDE_EFFECTS, "side_effects")
    _code(d.effect, f.EFFECT, "effect")
    _code(d.referred, f.REFERRED, "referred")
    _codes(d.rehab, f.REHAB, "rehab")
    if any(k not in f.DANGER or k == 7 or n < 0 for k, n in d.danger.items()):
        raise _bad("danger")
    _check_drugs(d.drugs, "drugs")
    _check_drugs(d.guidance, "guidance")
    if d.referral_id is not None and d.referred != 2:
        raise InvalidInput("followup_referral_not_referred")
    # A linked referral supplies the institution when it is left empty (service.record).
    if d.referred == 2 and not d.referral_institution.strip() and d.referral_id is None:
        raise InvalidInput("followup_missing", **f.field_params("referral_institution"))


CLINICAL = ("risk_level", "insight", "sleep", "diet", *f.SOCIAL_ITEMS, "locked", "hospital",
            "lab", "adherence", "side_effects", "effect")


def _has_clinical_answers(d: FollowupInput) -> bool:
    """A visit that reached nobody cannot say how the patient is."""
    return any(getattr(d, k) is not None for k in CLINICAL) or bool(
        d.symptoms or d.danger or d.symptoms_marked or d.severe_side_effects
        or d.serious_physical_illness)


def validate(d: FollowupInput) -> tuple[Verdict | None, int | None, date | None]:
    """Refuses a contradictory record; returns the rules' verdict, the kept class, next date."""
    visit = _day(d.followup_date, "followup_date")
    if visit is None:
        raise InvalidInput("followup_missing", **f.field_params("followup_date"))
    _day(d.last_discharge, "last_discharge")
    _check_fields(d)
    if d.deceased:
        death = _day(d.death_date, "death_date")
        if death is None or d.death_cause is None:
            raise InvalidInput("followup_missing", **f.field_params(
                "death_date" if death is None else "death_cause"))
        if death > visit:
            raise _bad("death_date")
        if (d.death_cause == 1) != (d.death_illness is not None):
            raise _bad("death_illness")
        # A death ends the follow-ups: no class, no next date.
        return None, None, None
    if d.reached:
        _check_visit(d)
    elif _has_clinical_answers(d):
        raise InvalidInput("followup_not_reached_with_answers")
    verdict = classify(d.answers())
    kept = decide(verdict, d.classification, d.class_reason)
    latest = next_followup_date(kept, visit)
    chosen = _day(d.next_date, "next_date")
    if chosen is not None and not visit < chosen <= latest:
        raise InvalidInput("followup_next_date", latest=latest.isoformat())
    return verdict, kept, chosen or latest


def _drugs_json(drugs: tuple[Drug, ...]) -> str:
    return json.dumps([asdict(x) for x in drugs], ensure_ascii=False)


def to_row(d: FollowupInput, verdict: Verdict | None, kept: int | None,
           next_date: date | None, *, recorded_by: str) -> dict[str, Any]:
    row: dict[str, Any] = {k: getattr(d, k) for k in (
        "resident_id", "followup_date", "visit_form", "lost_reason", "death_date",
        "death_cause", "death_illness", "risk_level", "symptoms_other", "insight", "sleep",
        "diet", *f.SOCIAL_ITEMS, "locked", "hospital", "last_discharge", "lab", "lab_text",
        "adherence", "side_effects", "side_effects_text", "effect", "referred",
        "referral_reason", "referral_institution", "referral_id", "rehab_other",
        "symptoms_marked", "severe_side_effects", "serious_physical_illness",
        "home_rehab", "counselled_patient", "counselled_family")}
    row.update(
        visit_with=json.dumps(sorted(d.visit_with)), symptoms=json.dumps(sorted(d.symptoms)),
        danger=json.dumps({str(k): n for k, n in sorted(d.danger.items()) if n}),
        drugs=_drugs_json(d.drugs), guidance=_drugs_json(d.guidance),
        rehab=json.dumps(sorted(d.rehab)), classification=kept,
        rule_classification=verdict.code if verdict else None,
        class_reason=d.class_reason.strip() if verdict and kept != verdict.code else "",
        next_date=next_date.isoformat() if next_date else None,
        doctor_name=(d.doctor_name or "").strip() or recorded_by,
        notes=d.notes.strip(), recorded_by=recorded_by, before_form=False)
    return row


def drugs_of(text: str | None) -> list[Drug]:
    return [Drug(**x) for x in json.loads(text or "[]")]


def codes_of(text: str | None) -> list[int]:
    return [int(x) for x in json.loads(text or "[]")]


def danger_of(text: str | None) -> dict[int, int]:
    return {int(k): int(n) for k, n in json.loads(text or "{}").items()}
