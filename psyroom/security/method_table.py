"""Which permission each service method needs: the one place where that is written down.

Keys are ``"ServiceClass.method"`` (``"Session.backup"``, ``"Residents.create"``). The value is
the permission the method checks before it touches anything; ``None`` means any logged-in user
(the method filters what it returns by the reader's permissions instead of refusing).
``tests/core/test_role_by_method.py`` walks every role through every row, and fails when a
public service method is missing here. Each capability keeps its rows in its own section.
"""

from __future__ import annotations

from psyroom.security.roles import Permission

METHOD_PERMISSIONS: dict[str, Permission | None] = {
    # -- session (accounts, audit, backup, settings) ------------------------------------
    # -- residents ------------------------------------------------------------------------
    # -- counselling ----------------------------------------------------------------------
    # -- referrals ------------------------------------------------------------------------
    "Referrals.get": Permission.READ_REFERRALS,
    "Referrals.find_serial": Permission.READ_REFERRALS,
    "Referrals.list": Permission.READ_REFERRALS,
    "Referrals.overdue": Permission.READ_REFERRALS,
    "Referrals.urgent_not_issued": Permission.READ_REFERRALS,
    "Referrals.notes": Permission.READ_REFERRALS,
    "Referrals.verify": Permission.READ_REFERRALS,
    "Referrals.settings": Permission.READ_REFERRALS,
    "Referrals.create": Permission.CREATE_REFERRALS,
    "Referrals.update_draft": Permission.CREATE_REFERRALS,
    "Referrals.issue": Permission.ISSUE_REFERRALS,
    "Referrals.write_slip": Permission.ISSUE_REFERRALS,
    "Referrals.close": Permission.ISSUE_REFERRALS,
    "Referrals.record_receipt": Permission.RECORD_REFERRAL_RECEIPTS,
    "Referrals.record_feedback": Permission.RECORD_REFERRAL_RECEIPTS,
    "Referrals.cancel": Permission.CANCEL_REFERRALS,
    "Referrals.save_settings": Permission.CHANGE_SETTINGS,
    # The directory lists public bodies: anyone logged in may look one up.
    "Institutions.list": None,
    "Institutions.get": None,
    "Institutions.add": Permission.EDIT_INSTITUTIONS,
    "Institutions.update": Permission.EDIT_INSTITUTIONS,
}
