"""One data folder = one installation (a room or the office). Set-up, login, restore."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection, insert

from psyroom.accounts import service as accounts
from psyroom.audit import log as audit
from psyroom.backup import restore as restoring
from psyroom.backup.archive import write_backup
from psyroom.clock import new_id
from psyroom.errors import (
    AccountLocked,
    DatabaseRefused,
    InvalidInput,
    LoginFailed,
    PsyroomError,
    RecoveryFailed,
)
from psyroom.paths import DataFolder, default_data_dir
from psyroom.progress import CancelCheck, Progress
from psyroom.security import device
from psyroom.security.kdf import current_params, derive_key
from psyroom.security.keyslots import PASSWORD, RECOVERY, KeySlotFile, Slot
from psyroom.security.passwords import check_password_policy, normalise_username
from psyroom.security.recovery import new_recovery_code, normalise_recovery_code
from psyroom.security.roles import SETUP_ROLES
from psyroom.session import Session, load_user_and_site, slots_for_failures
from psyroom.settings import LocalSettings, load_settings, save_settings
from psyroom.sites import service as sites
from psyroom.storage import migrate
from psyroom.storage.database import Database
from psyroom.storage.schema import meta
from psyroom.sync import state as sync_state
from psyroom.sync import tracking

RECOVERY_NAME = "recovery"


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

    def load_settings(self) -> LocalSettings:
        return load_settings(self.folder.settings)

    def save_settings(self, settings: LocalSettings) -> None:
        save_settings(self.folder.settings, settings)

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

        self.folder.root.mkdir(parents=True, exist_ok=True)
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
        if slot is None:
            # Same work as a real attempt, so timing does not tell which user names exist.
            derive_key(secret, b"\0" * 16, current_params())
            slots.unknown_user_failures.append(now)
            self.save_slots(slots)
            raise failure()
        minutes = slot.locked_minutes(now)
        if minutes:
            raise AccountLocked(minutes=minutes)
        key = slots.unwrap(slot, secret)
        if key is None:
            slot.register_failure(now)
            self.save_slots(slots)
            minutes = slot.locked_minutes(now)
            if minutes:
                raise AccountLocked(minutes=minutes)
            raise failure()
        return key

    def unlock(self, username: str, password: str) -> Session:
        slots = self._ready_slots()
        try:
            name = normalise_username(username)
        except InvalidInput:
            raise LoginFailed() from None
        key = self._unwrap(slots, slots.find(PASSWORD, name), password)
        return self._open_session(key, slots, name, login_action="login")

    def reset_password_with_recovery(self, *, recovery_code: str, username: str,
                                     new_password: str) -> None:
        slots = self._ready_slots()
        key = self._unwrap(slots, slots.find(RECOVERY, RECOVERY_NAME),
                           normalise_recovery_code(recovery_code), RecoveryFailed)
        name = normalise_username(username)
        check_password_policy(new_password)
        db = self._open_database(key, slots)
        try:
            with db.unit_of_work() as conn:
                user, site = load_user_and_site(conn, name)
                if user is None:
                    raise InvalidInput("user_unknown")
                if user.disabled:
                    raise PsyroomError("account_disabled")
                accounts.mark_password_changed(conn, name, must_change=False)
                audit.append(conn, site_id=site.id, action="password_reset_with_recovery_code",
                             target_kind="user", target_id=user.id, at=self.clock())
        finally:
            db.close()
        recovery_slot = slots.find(RECOVERY, RECOVERY_NAME)
        assert recovery_slot is not None
        recovery_slot.register_success()
        slots.put(PASSWORD, name, new_password, key)
        self.save_slots(slots)

    def _open_database(self, key: bytes, slots: KeySlotFile) -> Database:
        db = Database.open(self.folder.database, key)
        try:
            rev = migrate.current_revision(db)
            if rev is not None and rev not in migrate.KNOWN_REVISIONS:
                raise DatabaseRefused("database_newer", revision=rev)
            install_id = db.scalar("SELECT value FROM meta WHERE key = 'install_id'")
            if install_id != slots.install_id:
                raise DatabaseRefused("database_foreign")
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
        write_backup(db, key, slots,
                     self.folder.backups / f"pre-upgrade-{old_revision}-{stamp}.psyroom-backup",
                     revision=old_revision)

    def _open_session(self, key: bytes, slots: KeySlotFile, username: str, *,
                      login_action: str) -> Session:
        db = self._open_database(key, slots)
        try:
            with db.unit_of_work() as conn:
                user, site = load_user_and_site(conn, username)
                if user is None or user.disabled:
                    slot = slots.find(PASSWORD, username)
                    if slot is not None:
                        slot.register_failure(self.clock())
                    raise PsyroomError("account_disabled") if user else LoginFailed()
                self._audit_failed_attempts(conn, slots, site.id)
                notices = self._device_notices(conn, slots, site.id, user.id)
                if user.must_change_password:
                    notices.append("must_change_password")
                audit.append(conn, site_id=site.id, action=login_action, actor_id=user.id,
                             actor_name=user.username, target_kind="user", target_id=user.id,
                             at=self.clock())
            own = slots.find(PASSWORD, username)
            if own is not None:
                own.register_success()
            self.save_slots(slots)
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
            slot.pending_failures = []
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

    # -- restore ---------------------------------------------------------------------------
    def restore(self, backup_file: Path, *, username: str, password: str,
                progress: Progress | None = None, cancel: CancelCheck | None = None) -> None:
        """Replace this installation's data with a verified backup.

        The caller closes any open session first. The current database (even a damaged
        one) is kept as a pre-restore copy under ``backups/``.
        """
        self._recover_interrupted_work()
        slots, key = restoring.stage(self.folder, Path(backup_file), username=username,
                                     password=password, progress=progress, cancel=cancel)
        restoring.write_journal(self.folder, slots)
        restoring.finish_pending(self.folder)
        db = self._open_database(key, slots)
        try:
            with db.unit_of_work() as conn:
                site = sites.get_self(conn)
                user = accounts.find(conn, normalise_username(username))
                # Bundles made after this must not pass for the ones made before it.
                generation = sync_state.renew_generation(conn)
                audit.append(conn, site_id=site.id, action="restore",
                             actor_id=user.id if user else None,
                             actor_name=user.username if user else None, at=self.clock(),
                             detail={"generation": generation})
        finally:
            db.close()

    def check_backup(self, backup_file: Path, *, username: str, password: str,
                     progress: Progress | None = None, cancel: CancelCheck | None = None
                     ) -> None:
        """Everything a restore verifies, without replacing anything (the session may stay
        open while the user finds the right file and password)."""
        try:
            restoring.stage(self.folder, Path(backup_file), username=username,
                            password=password, progress=progress, cancel=cancel)
        finally:
            restoring.staging_path(self.folder).unlink(missing_ok=True)
