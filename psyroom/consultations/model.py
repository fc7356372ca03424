"""Consultation records (咨询记录) and their fixed vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field

SUBJECT_KINDS = ("individual", "couple", "family", "group", "anonymous")
MODES = ("face", "phone", "home", "online")
ISSUES = ("emotion", "marriage_family", "parenting", "neighbour", "study", "work",
          "body_sleep", "addiction", "grief", "other")
RISK_SCREENING = ("none", "low", "medium", "high")
OUTCOMES = ("continue", "closed", "referred", "crisis")
AGE_BANDS = ("0-17", "18-34", "35-59", "60+")
NOTE_FIELDS = ("complaint", "assessment", "intervention", "plan")

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "subject_kind": {"individual": ("个体", "Individual"), "couple": ("夫妻", "Couple"),
                     "family": ("家庭", "Family"), "group": ("团体", "Group"),
                     "anonymous": ("匿名来访", "Anonymous")},
    "mode": {"face": ("面谈", "Face to face"), "phone": ("电话", "Phone"),
             "home": ("入户", "Home visit"), "online": ("网络", "Online")},
    "issues": {"emotion": ("情绪", "Emotions"), "marriage_family": ("婚恋家庭", "Marriage, "
               "family"), "parenting": ("亲子教育", "Parenting"), "neighbour": ("邻里纠纷",
               "Neighbour disputes"), "study": ("学业", "Study"), "work": ("职场", "Work"),
               "body_sleep": ("躯体/睡眠", "Body, sleep"), "addiction": ("成瘾", "Addiction"),
               "grief": ("丧失哀伤", "Loss, grief"), "other": ("其他", "Other")},
    "risk_screening": {"none": ("无风险", "None"), "low": ("低", "Low"),
                       "medium": ("中", "Medium"), "high": ("高", "High")},
    "outcome": {"continue": ("继续咨询", "Continue"), "closed": ("结案", "Closed"),
                "referred": ("转介", "Referred"), "crisis": ("转危机干预", "Crisis work")},
    "note": {"complaint": ("主诉", "Presenting complaint"), "assessment": ("评估",
             "Assessment"), "intervention": ("干预", "Intervention"), "plan": ("计划", "Plan")},
}


@dataclass(frozen=True)
class ConsultationInput:
    subject_kind: str
    started_at: str  # local time, ISO "YYYY-MM-DDTHH:MM"
    mode: str = "face"
    resident_id: str | None = None
    participants: tuple[str, ...] = ()
    anon_gender: str | None = None
    anon_age_band: str | None = None
    anon_village: str | None = None
    duration_min: int = 50
    issues: tuple[str, ...] = ()
    complaint: str = ""
    assessment: str = ""
    intervention: str = ""
    plan: str = ""
    risk_screening: str = "none"
    outcome: str = "continue"
    next_appointment: str | None = None


@dataclass(frozen=True)
class Addendum:
    id: str
    at: str
    author_name: str
    text: str


@dataclass(frozen=True)
class Consultation:
    id: str
    version: int
    status: str  # draft | signed
    data: ConsultationInput
    counsellor_id: str
    counsellor_name: str
    signed_at: str | None
    notes_visible: bool  # False: the note fields are blank because the reader may not see them
    addenda: list[Addendum] = field(default_factory=list)


# A draft nobody wrote anything into: opened and closed, or left by an older version that
# saved on open. Such a row is not a consultation, so no list, count or timeline shows it.
NOT_EMPTY_DRAFT_SQL = (
    "NOT (status = 'draft' AND trim(coalesce(complaint, '')) = '' "
    "AND trim(coalesce(assessment, '')) = '' AND trim(coalesce(intervention, '')) = '' "
    "AND trim(coalesce(plan, '')) = '' AND coalesce(issues, '') = '' "
    "AND id NOT IN (SELECT consultation_id FROM private_notes WHERE trim(text) <> ''))")


def has_content(data: ConsultationInput, private_text: str = "") -> bool:
    """True once something was entered: a note field, a presenting issue or a private note."""
    return bool(any(t.strip() for t in (data.complaint, data.assessment, data.intervention,
                                        data.plan, private_text)) or data.issues)
