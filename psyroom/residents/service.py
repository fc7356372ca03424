"""Resident archives: the service the UI and CLI call (permissions and audit included)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, update

from psyroom import collector, ownership, timeline
from psyroom.errors import MESSAGES, Cancelled, InvalidInput, PsyroomError
from psyroom.progress import CancelCheck, Progress
from psyroom.residents import history as _history  # noqa: F401 - registers timeline entries
from psyroom.residents import repository as repo
from psyroom.residents.finder import ResidentFinder
from psyroom.residents.importer.digests import known_rows
from psyroom.residents.importer.plan import (
    NEW,
    REJECTED,
    UNCHANGED,
    UPDATE,
    Existing,
    ImportPlan,
    RowOutcome,
    build_plan,
)
from psyroom.residents.importer.reader import Sheet, read_file
from psyroom.residents.messages import problem_text
from psyroom.residents.model import FIELD_NAMES, Problem, Resident, ResidentFields, check_fields
from psyroom.residents.search import SearchFilters, SearchIndex
from psyroom.security.roles import Permission
from psyroom.storage.schema import resident_tags, residents

if TYPE_CHECKING:
    from psyroom.session import Session

IMPORT_CHUNK = 2000


class ResidentInvalid(PsyroomError):
    code = "resident_invalid"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__()

    def message(self, language: str = "zh_CN") -> str:
        # The reasons are worded in the language asked for, so they are joined here.
        en = language.startswith("en")
        reasons = ("; " if en else "；").join(problem_text(p, language) for p in self.problems)
        zh_template, en_template = MESSAGES[self.code]
        return (en_template if en else zh_template).format(reasons=reasons)


@dataclass(frozen=True)
class SavedResident:
    resident: Resident
    warnings: list[Problem]
    possible_duplicates: list[Resident]


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    updated: int
    unchanged: int
    rejected: int
    skipped: int
    plan: ImportPlan


def _digests_to_store(rows: Iterable[tuple[RowOutcome, str | None]]
                      ) -> list[tuple[str, bytes]]:
    """(archive, digest) of each (row, its archive) that went in or matched with an ID
    number and nothing to warn about, and is not already known by it (importer/digests.py)."""
    return [(archive, row.digest) for row, archive in rows
            if archive and row.digest is not None and not row.digest_stored
            and not row.problems and row.fields is not None and row.fields.id_number]


class Residents:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._finder = ResidentFinder(session)

    # -- helpers -------------------------------------------------------------------------
    @property
    def _site_id(self) -> str:
        return self._s.site.id

    def _history(self, conn: Connection, resident_id: str, kind: str,
                 detail: dict[str, Any] | None = None) -> None:
        repo.add_history(conn, resident_id, kind, site_id=self._site_id,
                         actor_id=self._s.user.id, actor_name=self._s.user.username,
                         detail=detail)

    def _load(self, conn: Connection, resident_id: str) -> Resident:
        resident = repo.get(conn, resident_id)
        if resident is None:
            raise InvalidInput("resident_unknown")
        return resident

    def _load_own(self, conn: Connection, resident_id: str, *,
                  erasure: bool = False) -> Resident:
        """An archive this site may change (at the office: not one a room sent)."""
        resident = self._load(conn, resident_id)
        ownership.check_residents(conn, self._s.site, [resident_id], erasure=erasure)
        return resident

    def change_refusal(self, resident_id: str) -> PsyroomError | None:
        """None if this site may change the archive (and record work against it); else the
        refusal any such write would raise, for the archive page to say why it only reads."""
        self._s.require(Permission.READ_RESIDENTS)

        def work(conn: Connection) -> PsyroomError | None:
            try:
                self._load_own(conn, resident_id)
            except ownership.OtherSitesRecord as refused:
                return refused
            return None

        return self._s._read(work)

    # -- reference data ------------------------------------------------------------------
    def tags(self) -> list[dict[str, Any]]:
        self._s.require(Permission.READ_RESIDENTS)
        return self._s._read(repo.tag_table)

    def _tag_lookup(self, conn: Connection) -> dict[str, str]:
        lookup: dict[str, str] = {}
        for tag in repo.tag_table(conn):
            lookup[tag["name_zh"]] = tag["code"]
            for alias in filter(None, tag["aliases"].split(",")):
                lookup.setdefault(alias, tag["code"])
        return lookup

    def villages(self) -> list[str]:
        """The villages in use, for the filter; also starts building the search index, so
        it is ready by the time someone types."""
        self._s.require(Permission.READ_RESIDENTS)
        self.prepare_search()
        return self._s._read(repo.villages)

    # -- create, edit --------------------------------------------------------------------
    def check(self, data: ResidentFields) -> tuple[ResidentFields, list[Problem], list[Resident]]:
        """Validate without saving: (cleaned, problems, possible duplicates)."""
        self._s.require(Permission.WRITE_RESIDENTS)
        cleaned, problems = check_fields(data)

        def duplicates(conn: Connection) -> list[Resident]:
            found: list[str] = []
            if cleaned.id_number:
                other = repo.id_by_id_number(conn, cleaned.id_number)
                if other:
                    problems.append(Problem("duplicate_id", "id_number",
                                            params=(("other", other),)))
                    found.append(other)
            if cleaned.name and cleaned.birth_date:
                found += [i for i in repo.ids_by_name_birth(conn, cleaned.name,
                                                            cleaned.birth_date)
                          if i not in found]
            return repo.get_many(conn, found)

        dups = self._s._read(duplicates)
        if not self._s.can(Permission.READ_RISK_RECORDS):
            dups = [d.without_risk() for d in dups]
        return cleaned, problems, dups

    def create(self, data: ResidentFields) -> SavedResident:
        self._s.require(Permission.WRITE_RESIDENTS)
        cleaned, problems, dups = self.check(data)
        errors = [p for p in problems if p.error]
        if errors:
            raise ResidentInvalid(errors)

        def work(conn: Connection) -> Resident:
            rid = repo.insert_resident(conn, cleaned, site_id=self._site_id)
            self._history(conn, rid, "created", {"tags": sorted(cleaned.tags)})
            return self._load(conn, rid)

        resident = self._s._write("resident_created", work, target_kind="resident")
        self._finder.put(resident)
        return SavedResident(resident, [p for p in problems if not p.error], dups)

    def update(self, resident_id: str, data: ResidentFields, *,
               expected_version: int | None = None) -> SavedResident:
        """A writer who may not read risk records (an admin-only account) never saw the
        level: whatever ``data`` says, the recorded level is kept."""
        self._s.require(Permission.WRITE_RESIDENTS)
        # Another site's archive is refused as such, before any remark on what was typed.
        self._s._read(lambda c: ownership.check_residents(c, self._s.site, [resident_id]))
        keep_risk = not self._s.can(Permission.READ_RISK_RECORDS)
        if keep_risk:
            data = replace(data, risk_level="none")  # checked as a stand-in, not saved
        cleaned, problems, dups = self.check(data)
        errors = [p for p in problems
                  if p.error and not (p.code == "duplicate_id"
                                      and dict(p.params).get("other") == resident_id)]
        if errors:
            raise ResidentInvalid(errors)

        def work(conn: Connection) -> Resident:
            old = self._load(conn, resident_id)  # whose archive it is was checked above
            if expected_version is not None and old.version != expected_version:
                raise PsyroomError("resident_changed")
            new = replace(cleaned, risk_level=old.risk_level) if keep_risk else cleaned
            changed = [f for f in FIELD_NAMES if getattr(old, f) != getattr(new, f)]
            repo.update_resident(conn, resident_id, new)
            if changed:
                self._history(conn, resident_id, "edited", {"fields": changed})
            if old.tags != new.tags:
                self._history(conn, resident_id, "tags_changed", {
                    "added": sorted(new.tags - old.tags),
                    "removed": sorted(old.tags - new.tags)})
            return self._load(conn, resident_id)

        resident = self._s._write("resident_edited", work, target_kind="resident",
                                  target_id=resident_id)
        self._finder.put(resident)
        if keep_risk:
            resident = resident.without_risk()
        return SavedResident(resident, [p for p in problems if not p.error],
                             [d for d in dups if d.id != resident_id])

    # -- reading -------------------------------------------------------------------------
    def open(self, resident_id: str) -> Resident:
        """The archive page: audited, because it shows a named person's record."""
        self._s.require(Permission.READ_RESIDENTS)
        resident = self._s._write("resident_opened", lambda c: self._load(c, resident_id),
                                  target_kind="resident", target_id=resident_id)
        # The header shows the risk (and an open crisis behind it) only to readers of risk
        # records; update() keeps the recorded level for everyone else.
        return (resident if self._s.can(Permission.READ_RISK_RECORDS)
                else resident.without_risk())

    def reveal(self, resident_id: str, field: str) -> str:
        """The whole ID or phone number, shown on request and audited."""
        self._s.require(Permission.REVEAL_IDENTIFIERS)
        if field not in ("id_number", "phone", "guardian_phone"):
            raise InvalidInput("setting_invalid", name=field)
        resident = self._s._write("resident_identifier_shown",
                                  lambda c: self._load(c, resident_id),
                                  target_kind="resident", target_id=resident_id,
                                  detail={"field": field})
        return str(getattr(resident, field) or "")

    def rows(self, resident_ids: list[str]) -> list[Resident]:
        """List rows for the ids a search returned (the list masks identifiers). A reader
        who may not read risk records gets them without the risk level or crisis level."""
        self._s.require(Permission.READ_RESIDENTS)
        found = self._s._read(lambda c: repo.get_many(c, resident_ids))
        if self._s.can(Permission.READ_RISK_RECORDS):
            return found
        return [r.without_risk() for r in found]

    def count(self) -> int:
        self._s.require(Permission.READ_RESIDENTS)
        return self._s._read(repo.count)

    def prepare_search(self) -> None:
        """Start building the search index in the background (see finder.py)."""
        self._s.require(Permission.READ_RESIDENTS)
        self._finder.prepare()

    def index(self) -> SearchIndex:
        """The index itself (benchmarks, tests). It holds everyone's recorded risk level and
        filters by it, so only a reader of risk records gets it (READ_RISK_RECORDS implies
        READ_RESIDENTS in every role); everyone else searches through search()."""
        self._s.require(Permission.READ_RISK_RECORDS)
        return self._finder.index()

    def search(self, text: str, filters: SearchFilters | None = None, *, offset: int = 0,
               limit: int = 100, background: bool = True) -> tuple[int, list[Resident], bool]:
        """A page of residents. ``background=False`` (the command line) starts no thread:
        the index is loaded, or built and saved, before answering. Filtering by risk level
        needs READ_RISK_RECORDS too (which people are high risk is itself a risk record)."""
        self._s.require(Permission.READ_RESIDENTS)
        if filters is not None and filters.risk_level:
            self._s.require(Permission.READ_RISK_RECORDS)
        total, ids, truncated = self._finder.search(text, filters, offset=offset, limit=limit,
                                                    background=background)
        return total, self.rows(ids), truncated

    def timeline(self, resident_id: str) -> list[timeline.TimelineEntry]:
        self._s.require(Permission.READ_RESIDENTS)
        return self._s._read(lambda c: timeline.entries_for(c, resident_id, self._s.can))

    # -- import --------------------------------------------------------------------------
    def plan_import(self, path: Path, *, sheet: str | None = None,
                    mapping: dict[int, str] | None = None,
                    header_row: int | None = None, progress: Progress | None = None,
                    cancel: CancelCheck | None = None) -> ImportPlan:
        """Read and check a register; nothing is written."""
        self._s.require(Permission.IMPORT_RESIDENTS)

        def plan(conn: Connection, sheets: list[Sheet]) -> ImportPlan:
            existing = Existing(repo.all_id_numbers(conn), repo.all_name_births(conn),
                                self._tag_lookup(conn), lambda ids: repo.fields_many(conn, ids),
                                known_rows(repo.import_digests(conn)))
            for candidate in sheets:
                index = None
                if header_row is not None:
                    index = next((i for i, (n, _) in enumerate(candidate.rows)
                                  if n == header_row), None)
                result = build_plan(candidate, existing, file_name=Path(path).name,
                                    mapping=mapping, header_index=index, progress=progress,
                                    cancel=cancel)
                if result is not None:
                    if "name" not in result.mapping.values():
                        raise PsyroomError("import_no_name_column")
                    self._reject_other_sites(conn, result)
                    return result
            raise PsyroomError("import_no_header")

        with collector.held_back():
            sheets = read_file(Path(path), sheet)
            return self._s._read(lambda conn: plan(conn, sheets))

    def _reject_other_sites(self, conn: Connection, plan: ImportPlan) -> None:
        """A row that would update an archive another site sent is rejected, saying whose."""
        for row in plan.rows:
            if row.status != UPDATE or not row.existing_id:
                continue
            try:
                ownership.check_residents(conn, self._s.site, [row.existing_id])
            except ownership.OtherSitesRecord as refused:
                row.status = REJECTED
                row.problems.append(Problem("archive_other_site", "id_number", params=(
                    ("site_name", refused.params["site_name"]),
                    ("site_code", refused.params["site_code"]))))

    def commit_import(self, plan: ImportPlan, *, progress: Progress | None = None,
                      cancel: CancelCheck | None = None) -> ImportSummary:
        """Write the good rows of a plan in one transaction (cancelling writes nothing)."""
        self._s.require(Permission.IMPORT_RESIDENTS)
        new_rows = [r for r in plan.rows if r.status == NEW]
        updates = [r for r in plan.rows if r.status == UPDATE]
        counts = plan.counts()

        def work(conn: Connection) -> list[str]:
            with repo.bulk_cache(conn):
                return write(conn)

        def write(conn: Connection) -> list[str]:
            fields = [r.fields for r in new_rows if r.fields is not None]
            total = len(fields) + len(updates)
            ids: list[str] = []
            for start in range(0, len(fields), IMPORT_CHUNK):
                # Raising here rolls the whole transaction back: all or nothing.
                if cancel is not None and cancel():
                    raise Cancelled()
                chunk = repo.insert_many(conn, fields[start:start + IMPORT_CHUNK],
                                         site_id=self._site_id)
                repo.add_history_many(conn, chunk, "created", site_id=self._site_id,
                                      actor_id=self._s.user.id,
                                      actor_name=self._s.user.username,
                                      detail={"source": "import"})
                ids += chunk
                if progress is not None:
                    progress(len(ids), total)
            for row in updates:
                assert row.existing_id and row.fields
                old = self._load_own(conn, row.existing_id)
                repo.update_resident(conn, row.existing_id, row.fields)
                changed = [f for f in FIELD_NAMES
                           if getattr(old, f) != getattr(row.fields, f)]
                if changed:
                    self._history(conn, row.existing_id, "edited",
                                  {"fields": changed, "source": "import"})
                if old.tags != row.fields.tags:
                    self._history(conn, row.existing_id, "tags_changed",
                                  {"added": sorted(row.fields.tags - old.tags),
                                   "removed": [], "source": "import"})
            repo.store_import_digests(conn, _digests_to_store([
                *zip(new_rows, ids, strict=True),
                *((r, r.existing_id) for r in plan.rows if r.status in (UPDATE, UNCHANGED))]))
            return ids + [r.existing_id for r in updates if r.existing_id]

        with collector.held_back():
            changed_ids = self._s._write(
                "residents_imported", work, target_kind="import",
                detail={"imported": counts[NEW], "updated": counts[UPDATE],
                        "rejected": counts["rejected"],
                        "file_type": Path(plan.file_name).suffix})
        self._after_bulk_change(changed_ids)
        return ImportSummary(counts[NEW], counts[UPDATE], counts["unchanged"],
                             counts["rejected"], counts["skipped"], plan)

    def forget_index(self) -> None:
        """After bulk writes elsewhere: the next search starts a fresh index."""
        self._finder.forget()

    def save_rejected_rows(self, plan: ImportPlan, out: Path, *,
                           language: str = "zh_CN") -> int:
        """The rows an import refused, to a spreadsheet the user chose (it holds personal
        data in the clear, so it is permitted, and audited, like an import)."""
        self._s.require(Permission.IMPORT_RESIDENTS)
        from psyroom.residents.importer.rejects import write_rejected_rows

        written = write_rejected_rows(plan, out, language=language)
        self._s._audit_only("import_rejected_rows_saved", target_kind="import",
                            detail={"rows": written})
        return written

    def _after_bulk_change(self, ids: list[str]) -> None:
        self._finder.after_bulk_change(
            ids, lambda wanted: self._s._read(lambda c: repo.get_many(c, wanted)))

    # -- admin: merge, anonymise, erase --------------------------------------------------
    def merge(self, keep_id: str, remove_id: str, *, reason: str) -> Resident:
        """Fold one archive into another: empty fields filled, tags joined, history moved."""
        self._s.require(Permission.MERGE_RESIDENTS)
        if keep_id == remove_id:
            raise InvalidInput("merge_same")
        if not reason.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> Resident:
            keep, gone = self._load_own(conn, keep_id), self._load_own(conn, remove_id)
            filled = {f: getattr(gone, f) for f in FIELD_NAMES
                      if getattr(keep, f) in (None, "", "unknown", "none")
                      and getattr(gone, f) not in (None, "", "unknown", "none")}
            id_number = filled.pop("id_number", None)
            conn.execute(update(residents).where(residents.c.id == remove_id).values(
                merged_into=keep_id, id_number=None, version=residents.c.version + 1))
            merged = replace(ResidentFields(**{f: getattr(keep, f) for f in FIELD_NAMES}),
                             **filled, id_number=keep.id_number or id_number,
                             tags=keep.tags | gone.tags)
            repo.update_resident(conn, keep_id, merged)
            repo.move_history(conn, remove_id, keep_id)
            self._history(conn, keep_id, "merged", {"from": remove_id, "reason": reason,
                                                   "filled": sorted(filled)})
            for kind in timeline.merge_hooks():
                kind(conn, remove_id, keep_id)
            return self._load(conn, keep_id)

        kept = self._s._write("residents_merged", work, target_kind="resident",
                              target_id=keep_id, detail={"from": remove_id})
        self._finder.remove(remove_id)
        self._finder.put(kept)
        return kept

    def anonymise(self, resident_id: str, *, reason: str) -> Resident:
        """Keep the counts (reports), drop who it was: for a PIPL deletion request."""
        self._s.require(Permission.ERASE_RESIDENT)
        if not reason.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> Resident:
            old = self._load_own(conn, resident_id, erasure=True)
            year = (old.birth_date or "")[:4] or None
            blank = ResidentFields(name=f"已匿名化-{resident_id[:8]}", gender=old.gender,
                                   birth_date=year and f"{year}-01", village=old.village,
                                   risk_level=old.risk_level, status=old.status,
                                   smd_registered=old.smd_registered, tags=old.tags)
            repo.update_resident(conn, resident_id, blank)
            conn.execute(update(residents).where(residents.c.id == resident_id)
                         .values(anonymised=True))
            self._history(conn, resident_id, "anonymised", {"reason": reason})
            return self._load(conn, resident_id)

        resident = self._s._write("resident_anonymised", work, target_kind="resident",
                                  target_id=resident_id)
        self._finder.put(resident)
        return resident

    def erase(self, resident_id: str, *, reason: str) -> None:
        """Remove the archive and everything hanging off it; the audit keeps the fact."""
        self._s.require(Permission.ERASE_RESIDENT)
        if not reason.strip():
            raise InvalidInput("reason_required")

        def work(conn: Connection) -> None:
            self._load_own(conn, resident_id, erasure=True)
            for hook in timeline.erase_hooks():
                hook(conn, resident_id)
            conn.execute(delete(resident_tags).where(resident_tags.c.resident_id == resident_id))
            conn.exec_driver_sql("DELETE FROM resident_history WHERE resident_id = ?",
                                 (resident_id,))
            conn.execute(delete(residents).where(residents.c.id == resident_id))

        self._s._write("resident_erased", work, target_kind="resident", target_id=resident_id,
                       detail={"reason_given": True})
        self._finder.remove(resident_id)

    def export_pdf(self, resident_id: str, out: Path, *, language: str = "zh_CN") -> Path:
        """The whole archive as a PDF, for a person's access request (PIPL art. 45)."""
        self._s.require(Permission.EXPORT_RESIDENT)
        from psyroom.residents.export_pdf import write_archive_pdf

        def work(conn: Connection) -> tuple[Resident, list[timeline.TimelineEntry],
                                            list[dict[str, Any]]]:
            return (self._load(conn, resident_id),
                    timeline.entries_for(conn, resident_id, self._s.can),
                    repo.tag_table(conn))

        resident, entries, tags = self._s._write("resident_exported", work,
                                                 target_kind="resident", target_id=resident_id)
        if not self._s.can(Permission.READ_RISK_RECORDS):
            # Like the timeline's entries: the risk level is left out for this reader.
            resident = resident.without_risk()
        return write_archive_pdf(out, resident, entries, tags, site=self._s.site,
                                 language=language, printed_on=date.today())
