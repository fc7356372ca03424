"""Turning a register into a plan: each row new, update, unchanged, rejected or skipped.

Nothing is written while planning, so the user sees the preview with every reason first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from psyroom.errors import Cancelled
from psyroom.residents.model import (
    EMPTY_VALUES,
    FIELD_NAMES,
    Problem,
    ResidentFields,
    check_values,
    fields_from,
)

from . import columns, national
from .digests import KnownRow, RowDigests
from .reader import Cell, Sheet
from .values import ambiguous_year_month, parse_date, split_categories, text_of

NEW, UPDATE, UNCHANGED, REJECTED, SKIPPED = "new", "update", "unchanged", "rejected", "skipped"
COMPARED = ("name", "gender", "birth_date", "phone", "address", "village", "guardian_name",
            "guardian_phone")


@dataclass
class RowOutcome:
    row_number: int
    status: str
    cells: list[Cell]
    fields: ResidentFields | None = None
    problems: list[Problem] = field(default_factory=list)
    existing_id: str | None = None
    file_status: str | None = None  # 管理状态 of a national patient list, as archive status
    digest: bytes | None = None  # what the row said (digests.py)
    digest_stored: bool = False  # recognised by that digest: its archive already holds it

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.error]


@dataclass
class ImportPlan:
    file_name: str
    sheet_name: str
    encoding: str | None
    header_row: int
    header: list[str]
    mapping: dict[int, str]
    rows: list[RowOutcome]

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in (NEW, UPDATE, UNCHANGED, REJECTED, SKIPPED)}
        for row in self.rows:
            out[row.status] += 1
        return out

    @property
    def rejected(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status == REJECTED]


@dataclass
class Existing:
    """What the database already holds, for duplicate checks (loaded once per plan)."""

    by_id_number: dict[str, str]
    by_name_birth: dict[tuple[str, str | None], str]
    tag_codes: dict[str, str]  # name or alias → code
    load: Callable[[list[str]], dict[str, ResidentFields]]  # archive id → stored fields
    known: dict[bytes, KnownRow] = field(default_factory=dict)  # row digest → its archive


_NO_VALUES: dict[str, Cell] = dict.fromkeys(columns.FIELDS)


def _row_values(cells: list[Cell], mapping: dict[int, str], existing: Existing,
                national_list: bool | None = None
                ) -> tuple[dict[str, Any], list[Problem], str | None]:
    """A row's field values as read (every field, for model.check_values), what reading
    them found wrong, and a national list's 管理状态 as archive status."""
    cell = _NO_VALUES.copy()
    width = len(cells)
    for index, name in mapping.items():
        if index < width:
            cell[name] = cells[index]
    problems: list[Problem] = []
    birth, readable = parse_date(cell["birth_date"])
    if ambiguous_year_month(cell["birth_date"]):
        problems.append(Problem("birth_month_ambiguous", "birth_date",
                                params=(("value", str(cell["birth_date"])),)))
    elif not readable:
        problems.append(Problem("date_unreadable", "birth_date",
                                params=(("value", str(cell["birth_date"])),)))
    raw_id = cell["id_number"]
    if isinstance(raw_id, float) or (isinstance(raw_id, int) and len(str(raw_id)) != 15):
        # Excel keeps 15 significant digits: an 18-digit ID stored as a number is lost.
        problems.append(Problem("id_lost_digits", "id_number"))
        raw_id = None
    tags: set[str] = set()
    for word in split_categories(cell["tags"]):
        code = existing.tag_codes.get(word)
        if code is None:
            problems.append(Problem("tag_unknown", "tags", error=False, params=(("tag", word),)))
        else:
            tags.add(code)
    values = EMPTY_VALUES.copy()
    values.update(
        name=text_of(cell["name"]) or "",
        gender=text_of(cell["gender"]) or "unknown",
        birth_date=birth,
        id_number=text_of(raw_id),
        phone=text_of(cell["phone"]),
        address=text_of(cell["address"]),
        village=text_of(cell["village"]),
        guardian_name=text_of(cell["guardian_name"]),
        guardian_phone=text_of(cell["guardian_phone"]),
        tags=frozenset(tags),
    )
    if national_list is None:
        national_list = national.is_national(mapping)
    if not national_list:
        return values, problems, None
    status, more = national.status_of(text_of(cell["management_status"]))
    registered, readable = parse_date(cell["smd_registered_on"])
    if not readable:
        more.append(Problem("date_unreadable", "smd_registered_on",
                            params=(("value", str(cell["smd_registered_on"])),)))
    if national.SMD_TAG in existing.tag_codes.values():
        tags.add(national.SMD_TAG)
    values.update(smd_registered=True, smd_diagnosis=text_of(cell["smd_diagnosis"]),
                  smd_registered_on=registered, status=status or "active",
                  smd_national_id=text_of(cell["smd_national_id"]), tags=frozenset(tags))
    return values, problems + more, status


def _merge_into(old: ResidentFields, new: ResidentFields, file_status: str | None = None
                ) -> ResidentFields:
    """The archive after import: file values fill and correct, tags are added, never lost."""
    values = {f: getattr(old, f) for f in FIELD_NAMES}
    for f in COMPARED:
        value = getattr(new, f)
        if value:
            values[f] = value
    if new.smd_registered:  # a national patient list row
        values.update(smd_registered=True,
                      smd_diagnosis=new.smd_diagnosis or old.smd_diagnosis,
                      smd_registered_on=new.smd_registered_on or old.smd_registered_on,
                      smd_national_id=new.smd_national_id or old.smd_national_id,
                      status=file_status or old.status)
    # One construction, not a copy and a dataclasses.replace: a re-imported register merges
    # every one of its rows.
    return ResidentFields(**values, tags=old.tags | new.tags)


def build_plan(sheet: Sheet, existing: Existing, *, file_name: str,
               mapping: dict[int, str] | None = None, header_index: int | None = None,
               today: date | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> ImportPlan | None:
    today = today or date.today()
    header_index = columns.find_header(sheet.rows) if header_index is None else header_index
    if header_index is None:
        return None
    header_number, header_cells = sheet.rows[header_index]
    mapping = mapping if mapping is not None else columns.auto_mapping(header_cells)
    outcomes: list[RowOutcome] = []
    seen_ids: dict[str, int] = {}
    seen_name_births: dict[tuple[str, str | None], int] = {}
    matched: dict[int, str] = {}
    body = sheet.rows[header_index + 1:]
    national_list = national.is_national(mapping)
    digests = RowDigests(mapping, existing.tag_codes)
    recognised: dict[int, str] = {}  # position → archive, unchanged by digest
    recognised_archives: set[str] = set()
    for done, (number, cells) in enumerate(body):
        if done % 500 == 0:
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress(done, len(body))
        if columns.is_blank(cells) or columns.is_footer(cells):
            outcomes.append(RowOutcome(number, SKIPPED, cells))
            continue
        digest = digests.of(cells)
        known = existing.known.get(digest)
        if (known is not None and known.id_number not in seen_ids
                and known.resident_id not in recognised_archives):
            seen_ids[known.id_number] = number
            recognised_archives.add(known.resident_id)
            seen_name_births.setdefault((known.name, known.birth_date), number)
            recognised[len(outcomes)] = known.resident_id
            outcomes.append(RowOutcome(number, UNCHANGED, cells, existing_id=known.resident_id,
                                       digest=digest, digest_stored=True))
            continue
        values, problems, file_status = _row_values(cells, mapping, existing, national_list)
        problems += check_values(values, today)
        data = fields_from(values)
        outcome = RowOutcome(number, REJECTED, cells, data, problems, file_status=file_status,
                             digest=digest)
        outcomes.append(outcome)
        if problems and any(p.error for p in problems):
            continue
        if data.id_number and data.id_number in seen_ids:
            problems.append(Problem("duplicate_in_file", "id_number",
                                    params=(("row", str(seen_ids[data.id_number])),)))
            continue
        key = (data.name, data.birth_date)
        if not data.id_number and key in seen_name_births:
            problems.append(Problem("duplicate_in_file", "name",
                                    params=(("row", str(seen_name_births[key])),)))
            continue
        if data.id_number:
            seen_ids[data.id_number] = number
        seen_name_births.setdefault(key, number)
        existing_id = existing.by_id_number.get(data.id_number or "")
        if existing_id is None and key in existing.by_name_birth:
            other = existing.by_name_birth[key]
            if data.id_number:
                problems.append(Problem("possible_duplicate", "name", error=False))
            else:
                existing_id = other
        outcome.existing_id = existing_id
        outcome.status = NEW
        if existing_id:
            matched[len(outcomes) - 1] = existing_id
        elif data.smd_registered:
            problems.append(national.describe([], data, created=True))
    if matched or recognised:
        archives = existing.load(list({*matched.values(), *recognised.values()}))
        for position, archive_id in recognised.items():
            outcomes[position].fields = archives[archive_id]
        for position, archive_id in matched.items():
            outcome = outcomes[position]
            old = archives[archive_id]
            assert outcome.fields is not None
            merged = _merge_into(old, outcome.fields, outcome.file_status)
            compared = COMPARED + (national.NATIONAL_FIELDS if merged.smd_registered else ())
            same = all(getattr(merged, f) == getattr(old, f) for f in compared) and \
                merged.tags == old.tags
            outcome.status = UNCHANGED if same else UPDATE
            if not same and outcome.fields.smd_registered:
                outcome.problems.append(national.describe(national.changes(old, merged),
                                                          merged, created=False))
            outcome.fields = merged
    header = [text_of(c) or "" for c in header_cells]
    return ImportPlan(file_name, sheet.name, sheet.encoding, header_number, header, mapping,
                      outcomes)
