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
    # -- followups (表1-8) -------------------------------------------------------------------
    "Followups.proposed_next_date": None,  # a date rule, no record touched
    "Followups.record": Permission.RECORD_FOLLOWUPS,
    "Followups.record_action": Permission.RECORD_FOLLOWUPS,
    "Followups.open_actions": Permission.READ_RESIDENTS,
    "Followups.overdue": Permission.READ_RESIDENTS,
    "Followups.for_resident": Permission.READ_RESIDENTS,
    "Followups.listing": Permission.READ_RESIDENTS,
    "Followups.get": Permission.READ_RESIDENTS,
    "Followups.print_form": Permission.READ_RESIDENTS,
    "Followups.export": Permission.EXPORT_FOLLOWUPS,
    "Followups.due": Permission.EXPORT_FOLLOWUPS,
}
