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
    # -- bundles (issue 10) ---------------------------------------------------------------
    "Bundles.enrol_room": Permission.ENROL_ROOMS,
    "Bundles.join": Permission.JOIN_OFFICE,
    "Bundles.enrolment": Permission.READ_SYNC_STATUS,
    "Bundles.export_bundle": Permission.EXPORT_BUNDLES,
    "Bundles.unacknowledged": Permission.READ_SYNC_STATUS,
    "Bundles.import_bundles": Permission.IMPORT_BUNDLES,
    "Bundles.room_status": Permission.READ_SYNC_STATUS,
    "Bundles.set_late_day": Permission.CHANGE_SETTINGS,
}
