"""The resident archive record and the rules every way in (form, import, sync) shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, TypeVar

from psyroom.residents.idcard import mask_id, mask_phone, parse_id_number
from psyroom.residents.phone import normalise_phone
from psyroom.residents.typed import nfkc

GENDERS = ("male", "female", "unknown")
RISK_LEVELS = ("none", "low", "medium", "high")
# "lost": 失访, a registered severe-disorder patient the follow-ups no longer reach (a
# follow-up recorded the reason); still registered (在册), no longer under management (在管).
STATUSES = ("active", "lost", "moved", "deceased")
# 国家严重精神障碍信息系统's 患者编号: no published format, so free text of at most this length.
NATIONAL_ID_MAX = 30
GENDER_WORDS = {"男": "male", "女": "female", "m": "male", "f": "female", "male": "male",
                "female": "female", "未知": "unknown", "": "unknown"}
ADULT_AGE = 18


@dataclass(frozen=True)
class ResidentFields:
    """What a person types or an import supplies; everything optional but the name."""

    name: str
    gender: str = "unknown"
    birth_date: str | None = None  # YYYY-MM-DD, or YYYY-MM when only that is known
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    village: str | None = None
    guardian_name: str | None = None
    guardian_phone: str | None = None
    consent_date: str | None = None
    consent_scope: str | None = None
    risk_level: str = "none"
    status: str = "active"
    smd_registered: bool = False
    smd_diagnosis: str | None = None
    smd_registered_on: str | None = None
    smd_guardian: str | None = None
    smd_care_team: str | None = None
    smd_national_id: str | None = None  # 国家严重精神障碍信息系统 患者编号
    tags: frozenset[str] = field(default_factory=frozenset)


FIELD_NAMES = tuple(f.name for f in fields(ResidentFields) if f.name != "tags")


@dataclass(frozen=True)
class Resident(ResidentFields):
    id: str = ""
    origin_site: str = ""
    version: int = 1
    created_at: str = ""
    updated_at: str = ""
    anonymised: bool = False
    merged_into: str | None = None
    # Filled by the loaders that feed screens; never stored (see psyroom.residents.risk).
    open_crisis_level: str | None = None
    # Set for a reader who may not read risk records: risk_level is blanked, no crisis level.
    risk_withheld: bool = False

    @property
    def shown_risk(self) -> str:
        """The level screens show; "" when it is withheld from this reader."""
        from psyroom.residents.risk import shown_risk

        if self.risk_withheld:
            return ""
        return shown_risk(self.risk_level, [self.open_crisis_level])

    def without_risk(self) -> Resident:
        """This row for a reader without READ_RISK_RECORDS: no recorded level, no crisis."""
        return replace(self, risk_level="", open_crisis_level=None, risk_withheld=True)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def age_on(self, day: date) -> int | None:
        return age_on(self.birth_date, day)


def age_on(birth_date: str | None, day: date) -> int | None:
    """Age in whole years on ``day`` of someone born on a YYYY-MM-DD or YYYY-MM date."""
    if not birth_date:
        return None
    year, month = int(birth_date[:4]), int(birth_date[5:7])
    dom = int(birth_date[8:10]) if len(birth_date) == 10 else 1
    return day.year - year - ((day.month, day.day) < (month, dom))


@dataclass(frozen=True)
class Problem:
    """A reason a record cannot be saved (error) or a note about it (warning)."""

    code: str
    field: str
    error: bool = True
    params: tuple[tuple[str, str], ...] = ()


_BIRTH = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    # Runs of whitespace to one space, ends trimmed: split() and join() do what
    # re.sub(r"\s+", " ") and strip() do (the same Unicode whitespace), for less.
    text = " ".join(str(value).split())
    return text or None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_Record = TypeVar("_Record", bound=ResidentFields)


def stored_fields(row: Sequence[Any], tags: frozenset[str]) -> ResidentFields:
    """A stored archive's fields from its row (its id, then every column of FIELD_NAMES):
    an import compares 50,000 of them."""
    values = dict(zip(FIELD_NAMES, row[1:], strict=True))
    values["smd_registered"] = bool(values["smd_registered"])
    values["tags"] = tags
    return _built(ResidentFields, values)


def check_fields(data: ResidentFields, *, today: date | None = None
                 ) -> tuple[ResidentFields, list[Problem]]:
    """Normalise a record and list what is wrong with it (nothing is saved here)."""
    values = dict(data.__dict__)
    problems = check_values(values, today or date.today())
    return _built(type(data), values), problems


def fields_from(values: dict[str, Any]) -> ResidentFields:
    """The record of a whole set of field values (every field, as check_values leaves them)."""
    return _built(ResidentFields, values)


def _built(kind: type[_Record], values: dict[str, Any]) -> _Record:
    # Without the dataclass __init__ (these records have no __post_init__ and no field left
    # out of __init__): an import builds 50,000 of them.
    out = object.__new__(kind)
    out.__dict__.update(values)
    return out


# Every field of a record left empty, for a caller that fills in what it has (an import row).
EMPTY_VALUES: dict[str, Any] = {
    f.name: frozenset() if f.name == "tags" else f.default for f in fields(ResidentFields)}


def check_values(values: dict[str, Any], today: date) -> list[Problem]:
    """check_fields on a record's field values (a dict of every field): the values are
    normalised in place, and what is wrong with them is returned."""
    problems: list[Problem] = []
    name = _clean(values["name"]) or ""
    if not name:
        problems.append(Problem("name_missing", "name"))
    elif len(name) > 50:
        problems.append(Problem("name_too_long", "name"))
    gender = GENDER_WORDS.get((values["gender"] or "").strip().lower(), values["gender"])
    if gender not in GENDERS:
        problems.append(Problem("gender_invalid", "gender"))
        gender = "unknown"
    birth = _clean(nfkc(values["birth_date"]) if values["birth_date"] else None)
    if birth and not _BIRTH.fullmatch(birth):
        problems.append(Problem("birth_date_invalid", "birth_date"))
    # Identifiers typed full width (１４０８…, as a Chinese keyboard may) would be stored as
    # typed and escape duplicate checks and search; free text keeps its （）and ，.
    id_number = _clean(nfkc(values["id_number"]) if values["id_number"] else None)
    if id_number:
        check = parse_id_number(id_number, today=today)
        if check.number is None:
            problems.append(Problem(check.problem or "id_invalid", "id_number"))
        else:
            id_number = check.number
            assert check.birth_date is not None
            id_birth = check.birth_date.isoformat()
            if birth and not id_birth.startswith(birth):
                problems.append(Problem("id_birth_mismatch", "birth_date",
                                        params=(("id_birth", id_birth),)))
            birth = birth if birth and len(birth) == 10 else id_birth
            if gender == "unknown":
                gender = check.gender or "unknown"
            elif check.gender and gender != check.gender:
                problems.append(Problem("id_gender_mismatch", "gender"))
    phone, phone_problem = normalise_phone(values["phone"])
    if phone_problem:
        problems.append(Problem(phone_problem, "phone", error=False))
    guardian_phone, guardian_problem = normalise_phone(values["guardian_phone"])
    if guardian_problem:
        problems.append(Problem("guardian_phone_invalid", "guardian_phone", error=False))
    for date_field in ("consent_date", "smd_registered_on"):
        value = _clean(values[date_field])
        if value and not _is_date(value):
            problems.append(Problem("date_invalid", date_field))
    if values["risk_level"] not in RISK_LEVELS:
        problems.append(Problem("risk_level_invalid", "risk_level"))
    if values["status"] not in STATUSES:
        problems.append(Problem("status_invalid", "status"))
    national_id = _clean(nfkc(values["smd_national_id"]) if values["smd_national_id"] else None)
    if national_id and len(national_id) > NATIONAL_ID_MAX:
        problems.append(Problem("national_id_too_long", "smd_national_id",
                                params=(("max", str(NATIONAL_ID_MAX)),)))
    elif national_id and not values["smd_registered"]:
        problems.append(Problem("national_id_unregistered", "smd_national_id"))
    guardian_name = _clean(values["guardian_name"])
    values.update(name=name, gender=gender, birth_date=birth, id_number=id_number, phone=phone,
                  guardian_phone=guardian_phone, address=_clean(values["address"]),
                  village=_clean(values["village"]), guardian_name=guardian_name,
                  smd_national_id=national_id)
    if birth and not (problems and any(p.field == "birth_date" for p in problems)):
        age = age_on(birth, today)
        if age is not None and age < 0:
            problems.append(Problem("birth_date_future", "birth_date"))
        elif age is not None and age < ADULT_AGE and not guardian_name:
            problems.append(Problem("minor_without_guardian", "guardian_name", error=False))
    return problems
