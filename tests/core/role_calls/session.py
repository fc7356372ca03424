"""Recipes for Session's own methods (accounts, audit, backup, settings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from psyroom.dashboard.service import build as build_dashboard
from psyroom.security.roles import Permission
from psyroom.session import Session
from psyroom.settings import LocalSettings

NOWHERE = Path("/dev/null/psyroom-role-check")  # a path nothing can be written under


def _close_a_second_session(s: Session) -> None:
    # Closing the test's own session would end the walk; a twin on its own connection
    # goes through the same code.
    Session(s._installation, s.reader_connection(), s._key, s.user, s.site, []).close()


def _settings_with_new_autolock(s: Session) -> None:
    current = s._installation.load_settings()
    s.save_settings(LocalSettings(language=current.language, autolock_minutes=0,
                                  font_point_size=current.font_point_size))


CALLS: dict[str, Callable[[Session], object]] = {
    "Session.reader_connection": lambda s: s.reader_connection().close(),
    "Session.mark_first": lambda s: s.mark_first("role-check"),
    "Session.dashboard": lambda s: s.dashboard(),
    "dashboard.service.build": lambda s: build_dashboard(s),
    "Session.can": lambda s: s.can(Permission.MANAGE_USERS),
    # Every role reads residents, so this shows the method itself is open to all.
    "Session.require": lambda s: s.require(Permission.READ_RESIDENTS),
    "Session.check_password": lambda s: s.check_password("Not-the-pass1"),
    "Session.record_lock": lambda s: s.record_lock(),
    "Session.change_own_password": lambda s: s.change_own_password("Not-the-pass1", "x"),
    "Session.list_users": lambda s: s.list_users(),
    "Session.add_user": lambda s: s.add_user("rolecheck", roles=["counsellor"], password="x"),
    "Session.set_roles": lambda s: s.set_roles("nobody-here", ["counsellor"]),
    "Session.disable_user": lambda s: s.disable_user("nobody-here"),
    "Session.require_password_change": lambda s: s.require_password_change("nobody-here"),
    "Session.reset_user_password": lambda s: s.reset_user_password("nobody-here", "x"),
    "Session.audit_events": lambda s: s.audit_events(limit=1),
    "Session.audit_head": lambda s: s.audit_head(),
    "Session.verify": lambda s: s.verify(),
    "Session.verify_against_backup": lambda s: s.verify_against_backup(NOWHERE),
    "Session.head_in_chain": lambda s: s.head_in_chain("0" * 64),
    "Session.stats": lambda s: s.stats(),
    "Session.backup": lambda s: s.backup(NOWHERE / "b.psyroom-backup"),
    "Session.new_recovery_code": lambda s: s.new_recovery_code(),
    "Session.security_settings": lambda s: s.security_settings(),
    "Session.save_security_settings": lambda s: s.save_security_settings(autolock_minutes=0),
    "Session.save_settings": _settings_with_new_autolock,
    "Session.close": _close_a_second_session,
}
