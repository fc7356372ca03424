"""A logged-in user's handle on the open database: the service API the UI and CLI call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, inspect

from psyroom.accounts import service as accounts
from psyroom.accounts.service import UserInfo
from psyroom.audit import log as audit
from psyroom.audit.log import AuditEvent
from psyroom.backup.archive import write_backup
from psyroom.errors import AccountLocked, DatabaseRefused, InvalidInput, PermissionDenied
from psyroom.progress import CancelCheck, Progress
from psyroom.security.keyslots import PASSWORD, KeySlotFile
from psyroom.security.passwords import check_password_policy, normalise_username
from psyroom.security.roles import Permission, Role, parse_roles, permissions_of
from psyroom.settings import LocalSettings
from psyroom.sites import service as sites
from psyroom.sites.service import SiteInfo
from psyroom.storage import migrate
from psyroom.storage.database import Database, damage_guard

if TYPE_CHECKING:
    from psyroom.activities.service import Activities
    from psyroom.assessments.records import Assessments
    from psyroom.consultations.service import Consultations
    from psyroom.crisis.service import Crises
    from psyroom.dashboard.service import Dashboard
    from psyroom.followups.service import Followups
    from psyroom.installation import Installation
    from psyroom.residents.service import Residents
    from psyroom.sync.service import Bundles

__all__ = ["AuditEvent", "Session", "SiteInfo", "UserInfo", "VerifyReport"]

T = TypeVar("T")

# Record kinds the later capabilities add; counted as 0 until their table exists.
STAT_TABLES = {
    "residents": "residents",  # archives merged into another are not counted twice
    "consultations": "consultations",
    "assessments": "assessments",
    "referrals": "referrals",
    "crisis_events": "crisis_events",
    "followups": "followups",
    "activities": "activities",
    "audit_events": "audit_events",
    "sites": "sites",
    "users": "users",
}


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    audit_events: int = 0


class Session:
    def __init__(self, installation: Installation, db: Database, key: bytes,
                 user: UserInfo, site: SiteInfo, notices: list[str]) -> None:
        self._installation = installation
        self.db = db
        self._key = key
        self.user = user
        self.site = site
        self.notices = notices
        self._residents: Residents | None = None
        self._seen: set[str] = set()

    def reader_connection(self) -> Database:
        """A second, read-only use of the database for background work (its own snapshot)."""
        return Database.open(self.db.path, self._key)

    def mark_first(self, what: str) -> bool:
        """True the first time ``what`` happens in this session."""
        first = what not in self._seen
        self._seen.add(what)
        return first

    @property
    def residents(self) -> Residents:
        if self._residents is None:
            from psyroom.residents.service import Residents

            self._residents = Residents(self)
        return self._residents

    # One service object per capability; they hold no state beyond this session.
    @property
    def consultations(self) -> Consultations:
        from psyroom.consultations.service import Consultations

        return Consultations(self)

    @property
    def assessments(self) -> Assessments:
        from psyroom.assessments.records import Assessments

        return Assessments(self)

    @property
    def crises(self) -> Crises:
        from psyroom.crisis.service import Crises

        return Crises(self)

    @property
    def followups(self) -> Followups:
        from psyroom.followups.service import Followups

        return Followups(self)

    @property
    def activities(self) -> Activities:
        from psyroom.activities.service import Activities

        return Activities(self)

    @property
    def bundles(self) -> Bundles:
        from psyroom.sync.service import Bundles

        return Bundles(self)

    def dashboard(self, today: date | None = None) -> Dashboard:
        from psyroom.dashboard.service import build

        return build(self, today)

    # -- permissions ---------------------------------------------------------------------
    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.user.roles)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            self._audit_only("permission_denied", detail={"permission": permission.value})
            raise PermissionDenied(permission=permission.value)

    # -- audited writes ------------------------------------------------------------------
    def _write(self, action: str, work: Callable[[Connection], T], *,
               target_kind: str | None = None, target_id: str | None = None,
               detail: dict[str, Any] | None = None) -> T:
        with self.db.unit_of_work() as conn:
            result = work(conn)
            # A new record's id is known only once it is written.
            target_id = target_id or getattr(result, "id", None)
            audit.append(conn, site_id=self.site.id, actor_id=self.user.id,
                         actor_name=self.user.username, action=action,
                         target_kind=target_kind, target_id=target_id, detail=detail,
                         at=self._installation.clock())
        return result

    def _audit_only(self, action: str, **kwargs: Any) -> None:
        self._write(action, lambda conn: None, **kwargs)

    def _read(self, work: Callable[[Connection], T]) -> T:
        conn = self.db.connection
        try:
            with damage_guard():
                return work(conn)
        finally:
            conn.rollback()

    # -- the lock screen -----------------------------------------------------------------
    def check_password(self, password: str) -> bool:
        slots = self._installation.load_slots()
        slot = slots.find(PASSWORD, self.user.username)
        now = self._installation.clock()
        if slot is None:
            return False
        minutes = slot.locked_minutes(now)
        if minutes:
            raise AccountLocked(minutes=minutes)
        ok = slots.unwrap(slot, password) is not None
        if ok:
            slot.register_success()
        else:
            slot.register_failure(now)
            slot.pending_failures.clear()
        self._installation.save_slots(slots)
        self._audit_only("unlock" if ok else "unlock_failed", target_kind="user",
                         target_id=self.user.id)
        if not ok and slot.locked_minutes(now):
            raise AccountLocked(minutes=slot.locked_minutes(now))
        return ok

    def record_lock(self, *, idle: bool = False) -> None:
        self._audit_only("lock", detail={"idle": idle})

    # -- own account ---------------------------------------------------------------------
    def change_own_password(self, old: str, new: str) -> None:
        slots = self._installation.load_slots()
        slot = slots.find(PASSWORD, self.user.username)
        if slot is None or slots.unwrap(slot, old) is None:
            raise InvalidInput("password_wrong")
        if old == new:
            raise InvalidInput("password_same")
        check_password_policy(new)
        slots.put(PASSWORD, self.user.username, new, self._key)
        self._write("password_changed", lambda c: accounts.mark_password_changed(
            c, self.user.username, must_change=False), target_kind="user", target_id=self.user.id)
        self._installation.save_slots(slots)
        self.user = self._read(lambda c: accounts.get(c, self.user.username))
        if "must_change_password" in self.notices:
            self.notices.remove("must_change_password")

    # -- user management -----------------------------------------------------------------
    def list_users(self) -> list[UserInfo]:
        self.require(Permission.MANAGE_USERS)
        return self._read(accounts.list_all)

    def add_user(self, username: str, *, display_name: str = "",
                 roles: frozenset[Role] | list[str], password: str) -> UserInfo:
        self.require(Permission.MANAGE_USERS)
        name = normalise_username(username)
        role_set = roles if isinstance(roles, frozenset) else parse_roles(roles)
        check_password_policy(password)
        slots = self._installation.load_slots()
        user = self._write(
            "user_added",
            lambda c: accounts.create(c, site_id=self.site.id, username=name,
                                      display_name=display_name.strip() or name,
                                      roles=role_set, must_change_password=True),
            target_kind="user", detail={"roles": sorted(r.value for r in role_set)},
        )
        slots.put(PASSWORD, name, password, self._key)
        self._installation.save_slots(slots)
        return user

    def set_roles(self, username: str, roles: frozenset[Role] | list[str]) -> UserInfo:
        self.require(Permission.MANAGE_USERS)
        name = normalise_username(username)
        role_set = roles if isinstance(roles, frozenset) else parse_roles(roles)
        user = self._write("user_roles_changed", lambda c: accounts.set_roles(c, name, role_set),
                           target_kind="user",
                           detail={"roles": sorted(r.value for r in role_set)})
        if user.id == self.user.id:
            self.user = user
        return user

    def disable_user(self, username: str) -> UserInfo:
        self.require(Permission.MANAGE_USERS)
        name = normalise_username(username)
        user = self._write("user_disabled", lambda c: accounts.disable(c, name),
                           target_kind="user")
        slots = self._installation.load_slots()
        slots.remove(PASSWORD, name)
        self._installation.save_slots(slots)
        return user

    def require_password_change(self, username: str) -> None:
        self.require(Permission.MANAGE_USERS)
        name = normalise_username(username)
        self._write("user_must_change_password", lambda c: accounts.require_change(c, name),
                    target_kind="user")

    def reset_user_password(self, username: str, new_password: str) -> None:
        self.require(Permission.MANAGE_USERS)
        name = normalise_username(username)
        check_password_policy(new_password)
        user = self._read(lambda c: accounts.get(c, name))
        slots = self._installation.load_slots()
        slots.put(PASSWORD, name, new_password, self._key)
        self._write("user_password_reset",
                    lambda c: accounts.mark_password_changed(c, name, must_change=True),
                    target_kind="user", target_id=user.id)
        self._installation.save_slots(slots)

    # -- audit, verify, stats ------------------------------------------------------------
    def audit_events(self, since: datetime | None = None, limit: int = 500,
                     offset: int = 0) -> list[AuditEvent]:
        self.require(Permission.READ_AUDIT)
        if since is not None:
            since = (since if since.tzinfo else since.astimezone()).astimezone(UTC)
        return self._read(lambda c: audit.events(c, since=since, limit=limit, offset=offset))

    def verify(self) -> VerifyReport:
        self.require(Permission.VERIFY)
        problems = self.db.integrity_problems()
        try:
            problems += self._read(audit.chain_problems)
        except DatabaseRefused as exc:
            problems.append(exc.message("en"))
        count = self._read(audit.count)
        self._audit_only("verify", detail={"ok": not problems, "problems": len(problems)})
        return VerifyReport(ok=not problems, problems=problems, audit_events=count + 1)

    def stats(self) -> dict[str, int]:
        self.require(Permission.READ_STATS)

        def count_all(conn: Connection) -> dict[str, int]:
            existing = set(inspect(conn).get_table_names())
            only = {"residents": " WHERE merged_into IS NULL"}
            return {
                key: int(conn.exec_driver_sql(
                    f"SELECT count(*) FROM {table}{only.get(key, '')}").scalar() or 0)
                if table in existing else 0
                for key, table in STAT_TABLES.items()
            }

        return self._read(count_all)

    # -- backup --------------------------------------------------------------------------
    def backup(self, out_file: Path, *, progress: Progress | None = None,
               cancel: CancelCheck | None = None) -> Path:
        self.require(Permission.BACKUP)
        path = write_backup(self.db, self._key, self._installation.load_slots(), out_file,
                            revision=migrate.HEAD_REVISION, progress=progress, cancel=cancel)
        self._audit_only("backup", detail={"bytes": path.stat().st_size})
        return path

    # -- settings ------------------------------------------------------------------------
    def save_settings(self, settings: LocalSettings) -> None:
        """Language and font size are anyone's; the auto-lock time is the admin's call."""
        old = self._installation.load_settings()
        changed = [f for f in ("language", "autolock_minutes", "font_point_size")
                   if getattr(old, f) != getattr(settings, f)]
        if "autolock_minutes" in changed:
            self.require(Permission.CHANGE_SETTINGS)
        settings.validate()
        if not changed:
            return
        self._audit_only("settings_changed", detail={
            f: getattr(settings, f) for f in changed})
        self._installation.save_settings(settings)

    def close(self) -> None:
        try:
            self._audit_only("logout")
        finally:
            self.db.close()


def load_user_and_site(conn: Connection, username: str) -> tuple[UserInfo | None, SiteInfo]:
    return accounts.find(conn, username), sites.get_self(conn)


def slots_for_failures(slots: KeySlotFile, conn: Connection) -> dict[str, UserInfo]:
    """Which user each slot belongs to, worked out from the user list (slots hold no names)."""
    return {slots.slot_id_for(PASSWORD, u.username): u for u in accounts.list_all(conn)}
