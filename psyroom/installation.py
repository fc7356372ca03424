"""One data folder = one installation (a room or the office). Set-up, login, restore."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection, insert

from psyroom.accounts import service as accounts
from psyroom.audit import log as audit
from psyroom.backup import restore as restoring
from psyroom.backup.archive import read_header, write_backup
from psyroom.clock import new_id
from psyroom.errors import (
    AccountLocked,
    DatabaseRefused,
    InvalidInput,
    LoginFailed,
    PermissionDenied,
    PsyroomError,
    RecoveryFailed,
    RestoreLoginFailed,
    RestoreRefused,
)
from psyroom.paths import DataFolder, default_data_dir
from psyroom.progress import CancelCheck, Progress
from psyroom.security import device
from psyroom.security.kdf import current_params, derive_key
from psyroom.security.keyslots import (
    LOCK_SECONDS,
    MAX_FAILURES,
    PASSWORD,
    RECOVERY,
    KeySlotFile,
    Slot,
)
from psyroom.security.passwords import check_password_policy, normalise_username
from psyroom.security.recovery import RECOVERY_NAME, new_recovery_code, normalise_recovery_code
from psyroom.security.roles import SETUP_ROLES, Permission, permissions_of
from psyroom.session import Session, load_user_and_site, slots_for_failures
from psyroom.settings import LocalSettings, load_settings, save_settings
from psyroom.sites import service as sites
from psyroom.storage import folderlock, migrate
from psyroom.storage.database import Database, damage_detail
from psyroom.storage.schema import meta
from psyroom.sync import state as sync_state
from psyroom.sync import tracking

__all__ = ["RECOVERY_NAME", "InitResult", "InstallStatus", "Installation"]

KEYSLOTS_LOCK_NAME = "keyslots.lock"


class InstallStatus(Enum):
    NEW = "new"
    READY = "ready"
    DATABASE_MISSING = "database_missing"
    KEYSLOTS_MISSING = "keyslots_missing"


@dataclass(frozen=True)
class InitResult:
    recovery_code: str
    session: Session


class Installation:
    def __init__(self, data_dir: Path | None = None, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.folder = DataFolder(Path(data_dir) if data_dir else default_data_dir())
        self.clock = clock
        # (old schema revision, name of its safety backup) once this process upgraded the data.
        self._upgraded_from: tuple[str, str] | None = None

    @property
    def data_dir(self) -> Path:
        return self.folder.root

    # -- state -----------------------------------------------------------------------------
    def status(self) -> InstallStatus:
        self._recover_interrupted_work()
        has_db = self.folder.database.exists()
        has_slots = self.folder.keyslots.exists()
        if has_db and has_slots:
            return InstallStatus.READY
        if has_slots:
            return InstallStatus.DATABASE_MISSING
        if has_db:
            return InstallStatus.KEYSLOTS_MISSING
        return InstallStatus.NEW

    def _recover_interrupted_work(self) -> None:
        if not self.folder.root.exists():
            return
        if self.folder.restore_journal.exists():
            # Swapping files under another process's open database is what lost an import.
            # Busy means that process is the one finishing the swap right now.
            with suppress(folderlock.FolderBusy), folderlock.exclusive(self.folder.root):
                restoring.finish_pending(self.folder)
        init_db = self._init_path(self.folder.database)
        init_slots = self._init_path(self.folder.keyslots)
        if init_slots.exists() and self.folder.database.exists() and not init_db.exists():
            # Set-up died after the database was in place: finish it.
            os.replace(init_slots, self.folder.keyslots)
        elif not self.folder.database.exists():
            # Set-up died before anything was in place: nothing was ever used; start over.
            for path in (init_db, init_slots):
                path.unlink(missing_ok=True)

    @staticmethod
    def _init_path(path: Path) -> Path:
        return path.with_name(path.name + ".init")

    def load_slots(self) -> KeySlotFile:
        return KeySlotFile.load(self.folder.keyslots)

    def save_slots(self, slots: KeySlotFile) -> None:
        slots.save(self.folder.keyslots)
        # A rewrite is a new file, made with the process's umask: tighten it again.
        self.folder.make_private_file(self.folder.keyslots)

    @contextmanager
    def slots_update(self) -> Iterator[KeySlotFile]:
        """Read, change and write ``keyslots.json`` with no other process in between, so a
        login never writes back a copy older than a password change, and every failure
        counts. Saved only when the block ends normally. Take it before any database write
        (one lock order everywhere)."""
        with folderlock.file_lock(self.folder.root / KEYSLOTS_LOCK_NAME,
                                  error_code="keyslots_busy"):
            slots = self.load_slots()
            yield slots
            self.save_slots(slots)

    def load_settings(self) -> LocalSettings:
        return load_settings(self.folder.settings)

    def save_settings(self, settings: LocalSettings) -> None:
        save_settings(self.folder.settings, settings)
        self.folder.make_private_file(self.folder.settings)

    # -- first-run set-up -------------------------------------------------------------------
    def initialise(self, *, site_kind: str, site_code: str, site_name: str, admin_name: str,
                   admin_password: str, room_type: str | None = None,
                   admin_display_name: str = "") -> InitResult:
        if self.status() is not InstallStatus.NEW:
            raise InvalidInput("already_initialised")
        room_type = room_type or ("village" if site_kind == "room" else "street")
        sites.validate(kind=site_kind, room_type=room_type, code=site_code, name=site_name)
        name = normalise_username(admin_name)
        check_password_policy(admin_password)

        self.folder.make_private()
        install_id, site_id, key = new_id(), new_id(), os.urandom(32)
        recovery_code = new_recovery_code()
        slots = KeySlotFile.create(install_id)
        slots.put(PASSWORD, name, admin_password, key)
        slots.put(RECOVERY, RECOVERY_NAME, normalise_recovery_code(recovery_code), key)
        slots.device_check = device.enrol(install_id)

        # Build under temporary names and move into place last, so a crash mid-way never
        # leaves a half-made installation that looks real.
        init_db = self._init_path(self.folder.database)
        init_db.unlink(missing_ok=True)
        db = Database.open(init_db, key, create=True)
        try:
            migrate.upgrade(db)
            with db.unit_of_work() as conn:
                conn.execute(insert(meta).values(key="install_id", value=install_id))
                sites.create_self(conn, site_id=site_id, kind=site_kind,
                                         room_type=room_type, code=site_code, name=site_name)
                if site_kind == "room":
                    tracking.ensure_tracking(conn)
                roles = SETUP_ROLES[site_kind]
                user = accounts.create(conn, site_id=site_id, username=name,
                                       display_name=admin_display_name.strip() or name,
                                       roles=roles)
                audit.append(conn, site_id=site_id, action="site_initialised",
                             actor_id=user.id, actor_name=user.username, target_kind="site",
                             target_id=site_id, detail={"kind": site_kind,
                                                        "room_type": room_type},
                             at=self.clock())
        finally:
            db.close()
        init_slots = self._init_path(self.folder.keyslots)
        slots.save(init_slots)
        os.replace(init_db, self.folder.database)
        os.replace(init_slots, self.folder.keyslots)
        session = self._open_session(key, slots, name, login_action="login")
        return InitResult(recovery_code=recovery_code, session=session)

    # -- login -----------------------------------------------------------------------------
    def _ready_slots(self) -> KeySlotFile:
        status = self.status()
        if status is InstallStatus.NEW:
            raise PsyroomError("not_initialised")
        if status is InstallStatus.DATABASE_MISSING:
            raise DatabaseRefused("database_missing")
        if status is InstallStatus.KEYSLOTS_MISSING:
            raise DatabaseRefused("keyslots_missing")
        return self.load_slots()

    def _unwrap(self, slots: KeySlotFile, slot: Slot | None, secret: str,
                failure: type[PsyroomError] = LoginFailed) -> bytes:
        now = self.clock()
        tried = "login_failed_tries" if failure is LoginFailed else None
        if slot is None:
            # Same work as a real attempt, so timing does not tell which user names exist.
            derive_key(secret, b"\0" * 16, current_params())
            with self.slots_update() as fresh:
                fresh.unknown_user_failures.append(now)
                count = len(fresh.unknown_user_failures)
            # The same countdown as a real account's, so the message does not tell either.
            used = (count - 1) % MAX_FAILURES + 1
            if used == MAX_FAILURES:
                raise AccountLocked(minutes=LOCK_SECONDS // 60)
            raise failure(tried, tries=MAX_FAILURES - used, minutes=LOCK_SECONDS // 60)
        minutes = slot.locked_minutes(now)
        if minutes:
            with self.slots_update() as fresh:
                current = fresh.slots.get(slot.slot_id)
                if current is not None:
                    current.pending_refused.append(now)
            raise AccountLocked(minutes=minutes)
        # The slow Argon2 step runs outside the file lock; only the bookkeeping is locked,
        # on the file as it is now (parallel attempts each count).
        key = slots.unwrap(slot, secret)
        if key is None:
            failures, level = slot.failures + 1, slot.lock_level
            with self.slots_update() as fresh:
                current = fresh.slots.get(slot.slot_id)
                if current is not None:
                    current.register_failure(now)
                    minutes = current.locked_minutes(now)
                    failures, level = current.failures, current.lock_level
            if minutes:
                raise AccountLocked(minutes=minutes)
            raise failure(tried, tries=MAX_FAILURES - failures,
                          minutes=math.ceil(LOCK_SECONDS * 2**level / 60))
        return key

    def unlock(self, username: str, password: str) -> Session:
        slots = self._ready_slots()
        try:
            name = normalise_username(username)
        except InvalidInput:
            raise LoginFailed() from None
        key = self._unwrap(slots, slots.find(PASSWORD, name), password)
        return self._open_session(key, slots, name, login_action="login", password=password)

    def reset_password_with_recovery(self, *, recovery_code: str, username: str,
                                     new_password: str) -> None:
        slots = self._ready_slots()
        key = self._unwrap(slots, slots.find(RECOVERY, RECOVERY_NAME),
                           normalise_recovery_code(recovery_code), RecoveryFailed)
        name = normalise_username(username)
        check_password_policy(new_password)
        db = self._open_database(key, slots)
        try:
            with self.slots_update() as fresh:
                with db.unit_of_work() as conn:
                    user, site = load_user_and_site(conn, name)
                    if user is None:
                        raise InvalidInput("user_unknown")
                    if user.disabled:
                        raise PsyroomError("account_disabled")
                    accounts.mark_password_changed(conn, name, must_change=False)
                    audit.append(conn, site_id=site.id,
                                 action="password_reset_with_recovery_code",
                                 target_kind="user", target_id=user.id, at=self.clock())
                recovery_slot = fresh.find(RECOVERY, RECOVERY_NAME)
                if recovery_slot is not None:
                    recovery_slot.register_success()
                    if recovery_slot.public is None:
                        fresh.put(RECOVERY, RECOVERY_NAME, normalise_recovery_code(recovery_code),
                                  key, recovery_slot.kdf)
                fresh.put(PASSWORD, name, new_password, key)
        finally:
            db.close()

    def _open_database(self, key: bytes, slots: KeySlotFile) -> Database:
        self.folder.make_private()
        db = Database.open(self.folder.database, key,
                           lease=folderlock.hold_shared(self.folder.root))
        try:
            rev = migrate.current_revision(db)
            if rev is not None and rev not in migrate.KNOWN_REVISIONS:
                raise DatabaseRefused("database_newer", revision=rev)
            install_id = db.scalar("SELECT value FROM meta WHERE key = 'install_id'")
            if install_id != slots.install_id:
                raise DatabaseRefused("database_foreign")
            if rev != migrate.HEAD_REVISION:
                # An older program still running on this folder would meet a schema it does
                # not know: upgrade only when this database handle is the folder's only user.
                with folderlock.exclusive(self.folder.root, own_leases=1):
                    migrate.upgrade(db, before_upgrade=lambda old: self._pre_upgrade_backup(
                        db, key, slots, old))
            with db.unit_of_work() as conn:
                if sites.get_self(conn).kind == "room":
                    tracking.ensure_tracking(conn)
        except BaseException:
            db.close()
            raise
        return db

    def _pre_upgrade_backup(self, db: Database, key: bytes, slots: KeySlotFile,
                            old_revision: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = write_backup(
            db, key, slots,
            self.folder.backups / f"pre-upgrade-{old_revision}-{stamp}.psyroom-backup",
            revision=old_revision)
        # Told to the person at this login and audited: an upgrade happens once per version.
        self._upgraded_from = (old_revision, path.name)

    def _open_session(self, key: bytes, slots: KeySlotFile, username: str, *,
                      login_action: str, password: str | None = None) -> Session:
        db = self._open_database(key, slots)
        try:
            refused: PsyroomError | None = None
            with self.slots_update() as fresh:
                with db.unit_of_work() as conn:
                    user, site = load_user_and_site(conn, username)
                    if user is not None and not user.disabled:
                        self._audit_failed_attempts(conn, fresh, site.id)
                        notices = self._device_notices(conn, fresh, site.id, user.id)
                        if self._upgraded_from is not None:
                            old_revision, backup_name = self._upgraded_from
                            self._upgraded_from = None
                            notices.append("schema_upgraded")
                            audit.append(conn, site_id=site.id, action="schema_upgraded",
                                         actor_id=user.id, actor_name=user.username,
                                         detail={"from": old_revision,
                                                 "to": migrate.HEAD_REVISION,
                                                 "backup": backup_name}, at=self.clock())
                        if user.must_change_password:
                            notices.append("must_change_password")
                        audit.append(conn, site_id=site.id, action=login_action,
                                     actor_id=user.id, actor_name=user.username,
                                     target_kind="user", target_id=user.id, at=self.clock())
                own = fresh.find(PASSWORD, username)
                if user is None or user.disabled:
                    refused = PsyroomError("account_disabled") if user else LoginFailed()
                    if own is not None:
                        own.register_failure(self.clock())
                elif own is not None:
                    own.register_success()
                    if own.public is None and password is not None:
                        # A slot from before key rotation existed gets its key pair now,
                        # while the password is at hand (same KDF parameters).
                        fresh.put(PASSWORD, username, password, key, own.kdf)
            if refused is not None:
                raise refused
            assert user is not None
        except BaseException:
            db.close()
            raise
        return Session(self, db, key, user, site, notices)

    def _audit_failed_attempts(self, conn: Connection, slots: KeySlotFile, site_id: str) -> None:
        owners = slots_for_failures(slots, conn)
        for slot in slots.slots.values():
            owner = owners.get(slot.slot_id)
            action = "login_failed" if slot.kind == PASSWORD else "recovery_code_failed"
            for when in slot.pending_failures:
                audit.append(conn, site_id=site_id, action=action, target_kind="user",
                             target_id=owner.id if owner else None, at=when)
            for when in slot.pending_refused:
                audit.append(conn, site_id=site_id, action=f"{action}_while_locked",
                             target_kind="user", target_id=owner.id if owner else None,
                             at=when)
            slot.pending_failures = []
            slot.pending_refused = []
        for when in slots.unknown_user_failures:
            audit.append(conn, site_id=site_id, action="login_failed_unknown_user", at=when)
        slots.unknown_user_failures = []

    def _device_notices(self, conn: Connection, slots: KeySlotFile, site_id: str,
                        user_id: str) -> list[str]:
        state = device.check(slots.install_id, slots.device_check)
        if state is device.DeviceState.MATCHES:
            return []
        if state is device.DeviceState.NO_KEYRING:
            # Said once per data folder: repeating it at every login teaches people to ignore it.
            if slots.no_keyring_noted:
                return []
            slots.no_keyring_noted = True
        if state is device.DeviceState.MISSING:
            audit.append(conn, site_id=site_id, action="device_secret_missing",
                         actor_id=user_id, at=self.clock())
            # Enrol this PC so the warning is given once per move, not at every login.
            slots.device_check = device.enrol(slots.install_id)
        return [state.value]

    def verify_without_login(self, username: str, password: str) -> list[str]:
        """What ``verify`` finds when the database is too damaged to log in (the login's own
        audit write meets the bad page): the page-level details, so the user sees them
        instead of being told to run the verification they are running."""
        slots = self._ready_slots()
        try:
            name = normalise_username(username)
        except InvalidInput:
            raise LoginFailed() from None
        key = self._unwrap(slots, slots.find(PASSWORD, name), password)
        db = Database.open(self.folder.database, key,
                           lease=folderlock.hold_shared(self.folder.root))
        try:
            with suppress(DatabaseRefused), db.reading() as conn:
                user = accounts.find(conn, name)
                if user is not None and (user.disabled or Permission.VERIFY
                                         not in permissions_of(user.roles)):
                    raise PermissionDenied(permission=Permission.VERIFY.value)
            problems = db.integrity_problems()
            try:
                with db.reading() as conn:
                    problems += audit.chain_problems(conn)
            except DatabaseRefused as exc:
                problems.append(f"audit chain unreadable: {damage_detail(exc)}")
        finally:
            db.close()
        return problems or ["database_damaged"]

    # -- restore ---------------------------------------------------------------------------
    def restore(self, backup_file: Path, *, username: str = "", password: str = "",
                recovery_code: str | None = None, allow_foreign: bool = False,
                passwords_lost: bool = False, progress: Progress | None = None,
                cancel: CancelCheck | None = None) -> None:
        """Replace this installation's data with a verified backup.

        Over a live site only a user holding RESTORE there may do it (``username`` and
        ``password`` are checked against the live key slots and user list), or the holder of
        the live site's current recovery code; the backup opens with the same password or
        its ``recovery_code``. With no live site, or one that cannot be opened, the backup's
        recovery code or the password of one of its admins is needed. A live site that opens
        but whose every password (and recovery code) is lost counts as one that cannot be
        opened only when the caller says so (``passwords_lost``, after the live login failed):
        the backup's recovery code or admin then decides, for a user name that is still an
        account here, and the restore is audited as such.
        A backup of another installation replaces a live site only with ``allow_foreign``.
        The caller closes any open session first. The current database (even a damaged
        one) is kept as a pre-restore copy under ``backups/``.
        """
        self._recover_interrupted_work()
        authority = self._authorise_restore(Path(backup_file), username, password,
                                            recovery_code, allow_foreign, passwords_lost)
        live = authority.live
        with restoring.one_restore_at_a_time(self.folder):
            staged = restoring.stage(self.folder, Path(backup_file), username=username,
                                     password=password, recovery_code=recovery_code,
                                     progress=progress, cancel=cancel)
            try:
                self._check_backup_authority(live, staged)
            except BaseException:
                restoring.staging_path(self.folder).unlink(missing_ok=True)
                raise
            try:
                with folderlock.exclusive(self.folder.root):
                    restoring.write_journal(self.folder, staged.slots)
                    restoring.finish_pending(self.folder)
            except folderlock.FolderBusy:
                # Refused before the journal: nothing live was touched.
                restoring.staging_path(self.folder).unlink(missing_ok=True)
                raise
        db = self._open_database(staged.key, staged.slots)
        try:
            with db.unit_of_work() as conn:
                site = sites.get_self(conn)
                # Bundles made after this must not pass for the ones made before it.
                detail = {**restore_detail(authority, staged),
                          "generation": sync_state.renew_generation(conn)}
                audit.append(conn, site_id=site.id, action="restore",
                             actor_id=staged.backup_user_id or (live.user_id if live else None),
                             actor_name=live.username if live else (
                                 None if staged.by_recovery_code else username.strip().casefold()),
                             detail=detail, at=self.clock())
        finally:
            db.close()

    def check_backup(self, backup_file: Path, *, username: str = "", password: str = "",
                     recovery_code: str | None = None, allow_foreign: bool = False,
                     passwords_lost: bool = False, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> None:
        """Everything a restore verifies, permissions included, without replacing anything
        (the session may stay open while the user finds the right file and password)."""
        authority = self._authorise_restore(Path(backup_file), username, password,
                                            recovery_code, allow_foreign, passwords_lost)
        with restoring.one_restore_at_a_time(self.folder):
            try:
                staged = restoring.stage(self.folder, Path(backup_file), username=username,
                                         password=password, recovery_code=recovery_code,
                                         progress=progress, cancel=cancel)
                self._check_backup_authority(authority.live, staged)
            finally:
                restoring.staging_path(self.folder).unlink(missing_ok=True)

    def _authorise_restore(self, backup_file: Path, username: str, password: str,
                           recovery_code: str | None, allow_foreign: bool,
                           passwords_lost: bool) -> RestoreAuthority:
        """Who may restore over what is here now. ``live`` None: no live site that can be
        opened, so the backup's own admin or recovery code decides (checked after staging)."""
        header, _ = read_header(backup_file)
        if self.status() is InstallStatus.NEW:
            return RestoreAuthority(None)
        try:
            slots = self.load_slots()
        except DatabaseRefused:
            return RestoreAuthority(None)
        if self.status() is not InstallStatus.READY:
            self._refuse_foreign(header.install_id, slots.install_id, allow_foreign, None)
            return RestoreAuthority(None)
        name = ""
        # A user name given: that user authorises here (a recovery code then only opens the
        # backup, whose password may have been different). None: the recovery code does.
        by_code = bool(recovery_code) and not username.strip()
        try:
            if by_code:
                assert recovery_code is not None
                key = self._unwrap(slots, slots.find(RECOVERY, RECOVERY_NAME),
                                   normalise_recovery_code(recovery_code), RestoreLoginFailed)
            else:
                try:
                    name = normalise_username(username)
                except InvalidInput:
                    raise RestoreLoginFailed() from None
                key = self._unwrap(slots, slots.find(PASSWORD, name), password,
                                   RestoreLoginFailed)
        except RestoreLoginFailed:
            if not passwords_lost:
                raise
            # Every password of the live site is lost: the backup decides. A name that has no
            # password here any more (a disabled or removed user) gets no say over this site.
            if not by_code and slots.find(PASSWORD, name) is None:
                raise RestoreRefused("restore_not_allowed") from None
            self._refuse_foreign(header.install_id, slots.install_id, allow_foreign, None)
            return RestoreAuthority(None, passwords_lost=True, live_install_id=slots.install_id)
        try:
            db = self._open_database(key, slots)
        except DatabaseRefused:
            # The live data is damaged: the backup's admin or recovery code must decide.
            self._refuse_foreign(header.install_id, slots.install_id, allow_foreign, None)
            return RestoreAuthority(None)
        try:
            live: LiveAuthority | None = None
            with db.unit_of_work() as conn:
                if by_code:
                    # The live site's current recovery code: it may reset any password here,
                    # so it may restore here too (no reset needed first).
                    site = sites.get_self(conn)
                    live = LiveAuthority(None, None, slots.install_id, "live_recovery_code")
                else:
                    user, site = load_user_and_site(conn, name)
                    if (user is not None and not user.disabled
                            and Permission.RESTORE in permissions_of(user.roles)):
                        live = LiveAuthority(user.id, user.username, slots.install_id)
                    else:
                        audit.append(conn, site_id=site.id, action="restore_refused",
                                     actor_id=user.id if user else None, actor_name=name,
                                     detail={"reason": "permission"}, at=self.clock())
            if live is None:  # raised here, after the refusal was written down
                raise RestoreRefused("restore_not_allowed")
            self._refuse_foreign(header.install_id, slots.install_id, allow_foreign,
                                 (db, site.id, live))
        finally:
            db.close()
        return RestoreAuthority(live)

    def _refuse_foreign(self, backup_install: str, live_install: str, allow_foreign: bool,
                        live: tuple[Database, str, LiveAuthority] | None) -> None:
        if backup_install == live_install or allow_foreign:
            return
        if live is not None:
            db, site_id, who = live
            with db.unit_of_work() as conn:
                audit.append(conn, site_id=site_id, action="restore_refused",
                             actor_id=who.user_id, actor_name=who.username,
                             detail={"reason": "foreign", "backup_install_id": backup_install},
                             at=self.clock())
        raise RestoreRefused("restore_foreign")

    @staticmethod
    def _check_backup_authority(live: LiveAuthority | None, staged: restoring.Staged) -> None:
        if live is None and not (staged.by_recovery_code or staged.backup_user_may_restore):
            raise RestoreRefused("restore_needs_backup_admin")


@dataclass(frozen=True)
class LiveAuthority:
    """The live site's user (or its current recovery code) who authorised a restore over it."""

    user_id: str | None
    username: str | None
    install_id: str
    how: str = "live_user"


@dataclass(frozen=True)
class RestoreAuthority:
    """``live``: who authorised it on the live site (None: the backup decides).
    ``passwords_lost``: over a live site whose every password the caller said is lost."""

    live: LiveAuthority | None
    passwords_lost: bool = False
    live_install_id: str | None = None


def restore_detail(authority: RestoreAuthority, staged: restoring.Staged) -> dict[str, object]:
    """Ids and codes only: how the restore was authorised and whether it crossed installs."""
    live = authority.live
    how = (live.how if live else "recovery_code" if staged.by_recovery_code
           else "backup_admin")
    detail: dict[str, object] = {"authorised_by": how}
    if authority.passwords_lost:
        detail["passwords_lost"] = True
    live_install = live.install_id if live else authority.live_install_id
    if live_install is not None and live_install != staged.install_id:
        detail.update(foreign=True, previous_install_id=live_install)
    return detail
