"""Which permission each service method needs: the one place where that is written down.

Format of a row
    ``"ServiceClass.method": Permission.X`` for a method of a class whose ``__init__`` takes
    the ``session`` (``"Residents.create"``), plus ``Session``'s own methods
    (``"Session.backup"``). A module-level function whose first parameter is ``session`` is
    keyed by its module path without ``psyroom.``: ``"demo.service.fill_demo_data"``
    (except in ``<capability>/cli.py`` modules, whose ``run`` only calls service methods).
    The value is the permission the method checks FIRST, before it touches anything (through
    ``session.require``), so a call by a role without it changes nothing but the audit log.
    ``None`` means any logged-in user: the method either touches nothing personal (scoring a
    scale, the lock screen) or filters what it returns by the reader's permissions instead
    of refusing (the timeline, the dashboard, a private note only its author gets back).

Adding a capability
    Add a section below with a row for every public method of its service class, and a call
    recipe per row in ``tests/core/role_calls/<capability>.py`` (see that package's
    docstring). ``tests/core/test_role_by_method.py`` walks every role through every row,
    compares allowed/denied with ``ROLE_PERMISSIONS``, and fails when a public method of a
    service class (found by introspection over ``psyroom``) has no row here.

``INTERNAL_CLASSES`` lists classes that take a session but are reached only through a
service that checks first; the test skips them, so each needs a reason.
"""

from __future__ import annotations

from psyroom.security.roles import Permission

P = Permission

METHOD_PERMISSIONS: dict[str, Permission | None] = {
    # -- session (accounts, audit, backup, settings) ------------------------------------
    "Session.reader_connection": None,  # plumbing for background reads of this session
    "Session.mark_first": None,
    "Session.dashboard": P.READ_RESIDENTS,  # sections filtered by permission inside
    "dashboard.service.build": P.READ_RESIDENTS,  # what Session.dashboard calls
    "Session.can": None,
    "Session.require": None,
    "Session.check_password": None,  # the lock screen: one's own password
    "Session.record_lock": None,
    "Session.change_own_password": None,
    "Session.list_users": P.MANAGE_USERS,
    "Session.add_user": P.MANAGE_USERS,
    "Session.set_roles": P.MANAGE_USERS,
    "Session.disable_user": P.MANAGE_USERS,
    "Session.require_password_change": P.MANAGE_USERS,
    "Session.reset_user_password": P.MANAGE_USERS,
    "Session.audit_events": P.READ_AUDIT,
    "Session.audit_head": P.READ_AUDIT,
    "Session.verify": P.VERIFY,
    "Session.verify_against_backup": P.VERIFY,
    "Session.head_in_chain": P.VERIFY,
    "Session.stats": P.READ_STATS,
    "Session.backup": P.BACKUP,
    "Session.new_recovery_code": P.MANAGE_USERS,
    "Session.security_settings": None,  # everyone's lock screen needs the auto-lock time
    "Session.save_security_settings": P.CHANGE_SETTINGS,
    # Language and font size are anyone's; changing the auto-lock time needs CHANGE_SETTINGS
    # (the recipe changes that one).
    "Session.save_settings": P.CHANGE_SETTINGS,
    "Session.close": None,
    # -- residents ------------------------------------------------------------------------
    "Residents.tags": P.READ_RESIDENTS,
    "Residents.villages": P.READ_RESIDENTS,
    "Residents.check": P.WRITE_RESIDENTS,  # names possible duplicates
    "Residents.create": P.WRITE_RESIDENTS,
    "Residents.update": P.WRITE_RESIDENTS,
    "Residents.open": P.READ_RESIDENTS,
    "Residents.reveal": P.REVEAL_IDENTIFIERS,
    "Residents.rows": P.READ_RESIDENTS,
    "Residents.count": P.READ_RESIDENTS,
    "Residents.prepare_search": P.READ_RESIDENTS,
    "Residents.index": P.READ_RISK_RECORDS,  # holds every recorded risk level
    "Residents.search": P.READ_RESIDENTS,
    "Residents.timeline": P.READ_RESIDENTS,  # entries' content filtered by permission
    "Residents.plan_import": P.IMPORT_RESIDENTS,
    "Residents.commit_import": P.IMPORT_RESIDENTS,
    "Residents.forget_index": None,  # drops this session's cache, reads nothing
    "Residents.save_rejected_rows": P.IMPORT_RESIDENTS,
    "Residents.merge": P.MERGE_RESIDENTS,
    "Residents.anonymise": P.ERASE_RESIDENT,
    "Residents.erase": P.ERASE_RESIDENT,
    "Residents.export_pdf": P.EXPORT_RESIDENT,
    "Residents.change_refusal": P.READ_RESIDENTS,  # whose archive it is, for the page
    "demo.service.fill_demo_data": P.WRITE_RESIDENTS,
    # -- counselling ----------------------------------------------------------------------
    "Consultations.start_draft": P.WRITE_CONSULTATIONS,
    "Consultations.save_draft": P.WRITE_CONSULTATIONS,
    "Consultations.sign": P.WRITE_CONSULTATIONS,
    "Consultations.add_addendum": P.WRITE_CONSULTATIONS,
    "Consultations.discard_draft": P.WRITE_CONSULTATIONS,
    "Consultations.save_private_note": P.WRITE_CONSULTATIONS,
    "Consultations.private_note": None,  # only its author gets the text back
    "Consultations.get": P.READ_CONSULTATIONS,  # notes blank without READ_CONSULTATION_NOTES
    "Consultations.for_resident": P.READ_CONSULTATIONS,
    "Consultations.my_drafts": P.WRITE_CONSULTATIONS,
    "Consultations.templates": P.WRITE_CONSULTATIONS,
    "Consultations.save_template": P.WRITE_CONSULTATIONS,
    "Assessments.preview": None,  # scoring only; nothing is read or saved
    "Assessments.record": P.RUN_ASSESSMENTS,
    "Assessments.for_resident": P.READ_ASSESSMENTS,
    "Assessments.series": P.READ_ASSESSMENTS,
    "Crises.record": P.RECORD_CRISIS,
    "Crises.close": P.CLOSE_CRISIS,
    "Crises.open_crises": P.READ_RISK_RECORDS,
    "Crises.for_resident": P.READ_RISK_RECORDS,
    "Followups.proposed_next_date": None,  # a date rule; reads nothing
    "Followups.record": P.RECORD_FOLLOWUPS,
    "Followups.record_action": P.RECORD_FOLLOWUPS,
    "Followups.open_actions": P.READ_RISK_RECORDS,
    "Followups.overdue": P.READ_RISK_RECORDS,
    "Followups.for_resident": P.READ_RISK_RECORDS,
    "Followups.listing": P.READ_RISK_RECORDS,  # class and risk are risk records
    "Followups.get": P.READ_RISK_RECORDS,
    "Followups.print_form": P.READ_RISK_RECORDS,
    "Followups.export": P.EXPORT_FOLLOWUPS,  # full ID numbers: a permission of its own
    "Followups.due": P.EXPORT_FOLLOWUPS,
    "Activities.record": P.RECORD_ACTIVITIES,
    "Activities.between": P.READ_STATS,
    "Activities.awareness": P.READ_STATS,
    # -- reports --------------------------------------------------------------------------
    "Reports.monthly": Permission.GENERATE_REPORTS,
    "Reports.settings": Permission.GENERATE_REPORTS,
    "Reports.villages": Permission.GENERATE_REPORTS,
    "Reports.rooms": Permission.GENERATE_REPORTS,
    "Reports.set_setting": Permission.EDIT_REPORT_SETTINGS,
    # Attendance (migration 0008) lives with activities; listed here until that section exists.
    "Activities.add_participants": Permission.RECORD_ACTIVITIES,
    "Activities.participants": Permission.READ_STATS,
    "Activities.staff": Permission.RECORD_ACTIVITIES,
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
    # -- ux (issue 9) ---------------------------------------------------------------------
    "Assessments.note_crisis_prompt": Permission.RUN_ASSESSMENTS,
    "Session.password_tries_left": None,
    # -- keys (hostile: key rotation) -----------------------------------------------------
    "Session.rotate_database_key": Permission.ROTATE_KEY,
    # -- bundles (issue 10) ---------------------------------------------------------------
    "Bundles.enrol_room": Permission.ENROL_ROOMS,
    "Bundles.join": Permission.JOIN_OFFICE,
    "Bundles.enrolment": Permission.READ_SYNC_STATUS,
    "Bundles.export_bundle": Permission.EXPORT_BUNDLES,
    "Bundles.unacknowledged": Permission.READ_SYNC_STATUS,
    "Bundles.import_bundles": Permission.IMPORT_BUNDLES,
    "Bundles.room_status": Permission.READ_SYNC_STATUS,
    "Bundles.set_late_day": Permission.CHANGE_SETTINGS,
    "Bundles.late_day": Permission.READ_SYNC_STATUS,
    "Bundles.browse_room": Permission.READ_RESIDENTS,
}

INTERNAL_CLASSES: dict[str, str] = {
    "ResidentFinder": "the search index behind Residents.search/index/prepare_search, which "
                      "check READ_RESIDENTS before they reach it",
}
