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
from psyroom.audit import head as chain_head
from psyroom.audit import log as audit
from psyroom.audit.head import ChainComparison, ChainHead
from psyroom.audit.log import AuditEvent
from psyroom.backup.archive import read_header, write_backup
from psyroom.capabilities import register_all
from psyroom.errors import AccountLocked, DatabaseRefused, InvalidInput, PermissionDenied
from psyroom.progress import CancelCheck, Progress
from psyroom.security.keyslots import PASSWORD, RECOVERY, KeySlotFile
from psyroom.security.passwords import check_password_policy, normalise_username
from psyroom.security.recovery import RECOVERY_NAME, new_recovery_code, normalise_recovery_code
from psyroom.security.roles import Permission, Role, parse_roles, permissions_of
from psyroom.settings import LocalSettings, SecuritySettings, load_security, save_security
from psyroom.sites import service as sites
from psyroom.sites.service import SiteInfo
from psyroom.storage import folderlock, migrate
from psyroom.storage.database import Database, damage_detail

if TYPE_CHECKING:
    from psyroom.activities.service import Activities
    from psyroom.assessments.records import Assessments
    from psyroom.consultations.service import Consultations
    from psyroom.crisis.service import Crises
    from psyroom.dashboard.service import Dashboard
    from psyroom.followups.service import Followups
    from psyroom.installation import Installation
    from psyroom.referrals.directory import Institutions
    from psyroom.referrals.service import Referrals
    from psyroom.reports.service import Reports
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
        # Read once: the lock timer asks for it from the UI thread.
        self._security = self._read(load_security)
        register_all()

    def reader_connection(self) -> Database:
        """A second, read-only use of the database for background work (its own snapshot);
        read through :meth:`Database.reading` so it never holds the write lock."""
        return Database.open(self.db.path, self._key,
                             lease=folderlock.hold_shared(self.db.path.parent))

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
    def reports(self) -> Reports:
        from psyroom.reports.service import Reports

        return Reports(self)

    @property
    def referrals(self) -> Referrals:
        from psyroom.referrals.service import Referrals

        return Referrals(self)

    @property
    def institutions(self) -> Institutions:
        from psyroom.referrals.directory import Institutions

        return Institutions(self)

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
        with self.db.reading() as conn:
            return work(conn)

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
        with self._installation.slots_update() as fresh:
            current = fresh.slots.get(slot.slot_id)
            if current is not None and ok:
                current.register_success()
            elif current is not None:
                current.register_failure(now)
                current.pending_failures.clear()
                minutes = current.locked_minutes(now)
        self._audit_only("unlock" if ok else "unlock_failed", target_kind="user",
                         target_id=self.user.id)
        if minutes:
            raise AccountLocked(minutes=minutes)
        return ok

    def password_tries_left(self) -> tuple[int, int]:
        """(wrong passwords left before the lock, minutes that lock would last), for the lock
        screen to say after a wrong password. One's own account only: no permission."""
        from psyroom.security.keyslots import LOCK_SECONDS, MAX_FAILURES

        slot = self._installation.load_slots().find(PASSWORD, self.user.username)
        if slot is None:
            return (0, 0)
        return (MAX_FAILURES - slot.failures,
                -(-LOCK_SECONDS * 2**slot.lock_level // 60))

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
        with self._installation.slots_update() as fresh:
            fresh.put(PASSWORD, self.user.username, new, self._key)
            self._write("password_changed", lambda c: accounts.mark_password_changed(
                c, self.user.username, must_change=False), target_kind="user",
                target_id=self.user.id)
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
        with self._installation.slots_update() as slots:
            user = self._write(
                "user_added",
                lambda c: accounts.create(c, site_id=self.site.id, username=name,
                                          display_name=display_name.strip() or name,
                                          roles=role_set, must_change_password=True),
                target_kind="user", detail={"roles": sorted(r.value for r in role_set)},
            )
            slots.put(PASSWORD, name, password, self._key)
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
        with self._installation.slots_update() as slots:
            user = self._write("user_disabled", lambda c: accounts.disable(c, name),
                               target_kind="user")
            slots.remove(PASSWORD, name)
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
        with self._installation.slots_update() as slots:
            slots.put(PASSWORD, name, new_password, self._key)
            self._write("user_password_reset",
                        lambda c: accounts.mark_password_changed(c, name, must_change=True),
                        target_kind="user", target_id=user.id)

    # -- key rotation --------------------------------------------------------------------
    def rotate_database_key(self) -> int:
        """A new random database key (after disabling a user or replacing the recovery code);
        returns how many key slots now hold it. See psyroom/security/rotation.py."""
        self.require(Permission.ROTATE_KEY)
        from psyroom.security.rotation import rotate

        if self._residents is not None:
            # Its background index build holds a second handle on the file.
            self._residents.forget_index()
        self.db, self._key, slots = rotate(self._installation, self.db)
        self._audit_only("database_key_rotated", detail={"key_slots": slots})
        return slots

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
            # The cause itself (a page failing its HMAC...), not "run a verification".
            problems.append(f"audit chain unreadable: {damage_detail(exc)}")
        try:
            count = self._read(audit.count)
            self._audit_only("verify", detail={"ok": not problems, "problems": len(problems)})
        except DatabaseRefused as exc:
            # A damaged file may refuse even the count or the audit entry; the report still
            # goes to the user, with what went wrong.
            problems.append(f"audit log not writable: {damage_detail(exc)}")
            return VerifyReport(ok=False, problems=problems, audit_events=0)
        return VerifyReport(ok=not problems, problems=problems, audit_events=count + 1)

    def audit_head(self) -> ChainHead:
        """Row count and newest hash, to note down or print: a later truncation shows."""
        self.require(Permission.READ_AUDIT)
        return self._read(chain_head.head)

    def verify_against_backup(self, backup_file: Path) -> ChainComparison:
        """Does the live chain still hold the head recorded in this backup? Only the
        backup's header is read, so any earlier backup of this site will do."""
        self.require(Permission.VERIFY)
        header, _ = read_header(Path(backup_file))
        if header.install_id != self._installation.load_slots().install_id:
            result = ChainComparison("foreign", header.audit_head, self._read(chain_head.head))
        else:
            result = self._read(lambda c: chain_head.compare(c, header.audit_head))
        self._audit_only("verify_against_backup", detail={"status": result.status})
        return result

    def head_in_chain(self, event_hash: str) -> int | None:
        """The event number of a printed head hash, or None when the chain lost it."""
        self.require(Permission.VERIFY)
        seq = self._read(lambda c: chain_head.seq_of(c, event_hash))
        self._audit_only("verify_head", detail={"found": seq is not None})
        return seq

    def stats(self) -> dict[str, int]:
        self.require(Permission.READ_STATS)

        def count_all(conn: Connection) -> dict[str, int]:
            existing = set(inspect(conn).get_table_names())
            from psyroom.consultations.model import NOT_EMPTY_DRAFT_SQL

            only = {"residents": " WHERE merged_into IS NULL",
                    "consultations": f" WHERE {NOT_EMPTY_DRAFT_SQL}"}
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

    # -- recovery code -------------------------------------------------------------------
    def new_recovery_code(self) -> str:
        """A new recovery code replaces the old one (whose slot is gone from then on), e.g.
        when the printed sheet may be lost. Shown once, like at set-up."""
        self.require(Permission.MANAGE_USERS)
        code = new_recovery_code()
        slots = self._installation.load_slots()
        # Same slot id: the old wrapped key is overwritten, not kept beside the new one.
        slots.put(RECOVERY, RECOVERY_NAME, normalise_recovery_code(code), self._key)
        self._audit_only("recovery_code_replaced")
        self._installation.save_slots(slots)
        return code

    # -- settings ------------------------------------------------------------------------
    def security_settings(self) -> SecuritySettings:
        return self._security

    def save_security_settings(self, *, autolock_minutes: int) -> SecuritySettings:
        self.require(Permission.CHANGE_SETTINGS)
        new = SecuritySettings(autolock_minutes=autolock_minutes)
        new.validate()
        if new != self._security:
            self._write("security_settings_changed", lambda c: save_security(c, new),
                        detail={"autolock_minutes": autolock_minutes})
            self._security = new
        return new

    def save_settings(self, settings: LocalSettings) -> None:
        """Language and font size are anyone's, kept in this PC's settings file; the
        auto-lock time is the admin's call and lives in the database."""
        if settings.autolock_minutes != self._security.autolock_minutes:
            self.save_security_settings(autolock_minutes=settings.autolock_minutes)
        old = self._installation.load_settings()
        changed = [f for f in ("language", "font_point_size")
                   if getattr(old, f) != getattr(settings, f)]
        settings.validate()
        if not changed:
            return
        self._audit_only("settings_changed", detail={
            f: getattr(settings, f) for f in changed})
        self._installation.save_settings(settings)

    def close(self) -> None:
        try:
            if self._residents is not None:
                # A search-index build still reading holds the folder open (a restore right
                # after logging out would be refused).
                self._residents.forget_index()
            self._audit_only("logout")
        finally:
            self.db.close()


def load_user_and_site(conn: Connection, username: str) -> tuple[UserInfo | None, SiteInfo]:
    return accounts.find(conn, username), sites.get_self(conn)


def slots_for_failures(slots: KeySlotFile, conn: Connection) -> dict[str, UserInfo]:
    """Which user each slot belongs to, worked out from the user list (slots hold no names)."""
    return {slots.slot_id_for(PASSWORD, u.username): u for u in accounts.list_all(conn)}
