"""Roles and what each may do. Checked in the core, whatever the UI shows."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COUNSELLOR = "counsellor"
    SOCIAL_WORKER = "social_worker"
    OFFICE_CLERK = "office_clerk"
    SUPERVISOR = "supervisor"


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    BACKUP = "backup"
    RESTORE = "restore"
    READ_AUDIT = "read_audit"
    VERIFY = "verify"
    CHANGE_SETTINGS = "change_settings"
    READ_STATS = "read_stats"
    READ_RESIDENTS = "read_residents"
    WRITE_RESIDENTS = "write_residents"
    IMPORT_RESIDENTS = "import_residents"
    REVEAL_IDENTIFIERS = "reveal_identifiers"
    MERGE_RESIDENTS = "merge_residents"
    EXPORT_RESIDENT = "export_resident"
    ERASE_RESIDENT = "erase_resident"
    WRITE_CONSULTATIONS = "write_consultations"
    READ_CONSULTATIONS = "read_consultations"  # that it happened: who, when, how long
    READ_CONSULTATION_NOTES = "read_consultation_notes"
    RUN_ASSESSMENTS = "run_assessments"
    READ_ASSESSMENTS = "read_assessments"
    RECORD_CRISIS = "record_crisis"
    # Crisis kinds and levels, SMD follow-ups' risk and condition, the high-risk list.
    READ_RISK_RECORDS = "read_risk_records"
    CLOSE_CRISIS = "close_crisis"
    RECORD_FOLLOWUPS = "record_followups"
    # The hand-off to the national system holds full ID numbers: a permission of its own.
    EXPORT_FOLLOWUPS = "export_followups"
    RECORD_ACTIVITIES = "record_activities"
    # -- reports
    GENERATE_REPORTS = "generate_reports"
    # The report's confidential annex names high-risk residents and who is behind each rate.
    READ_REPORT_ANNEX = "read_report_annex"
    EDIT_REPORT_SETTINGS = "edit_report_settings"
    # -- referrals
    READ_REFERRALS = "read_referrals"
    CREATE_REFERRALS = "create_referrals"
    ISSUE_REFERRALS = "issue_referrals"  # print the slip; close once the institution answered
    RECORD_REFERRAL_RECEIPTS = "record_referral_receipts"  # the 回执 and the feedback
    CANCEL_REFERRALS = "cancel_referrals"
    EDIT_INSTITUTIONS = "edit_institutions"
    # -- keys
    ROTATE_KEY = "rotate_key"
    # -- USB bundles (issue 10)
    ENROL_ROOMS = "enrol_rooms"  # office: write a room's enrolment file
    JOIN_OFFICE = "join_office"  # room: join an office with its enrolment file
    EXPORT_BUNDLES = "export_bundles"  # room: bundle to the office; office: downlinks
    IMPORT_BUNDLES = "import_bundles"  # office: rooms' bundles; room: the office's downlink
    READ_SYNC_STATUS = "read_sync_status"  # which rooms sent what, gaps, late rooms


REFERRAL_WORK = frozenset({Permission.CREATE_REFERRALS, Permission.ISSUE_REFERRALS,
                           Permission.RECORD_REFERRAL_RECEIPTS, Permission.CANCEL_REFERRALS})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission) - {
        # Administration is not counselling: an admin-only account sees no notes.
        Permission.READ_CONSULTATION_NOTES, Permission.WRITE_CONSULTATIONS,
        Permission.RUN_ASSESSMENTS, Permission.READ_ASSESSMENTS, Permission.CLOSE_CRISIS,
        Permission.READ_RISK_RECORDS, Permission.READ_REPORT_ANNEX,
        # A referral's reason is as private as a note; an admin keeps only the directory.
        *REFERRAL_WORK, Permission.READ_REFERRALS,
    },
    Role.COUNSELLOR: frozenset({Permission.READ_STATS, Permission.BACKUP,
                                Permission.READ_RESIDENTS, Permission.WRITE_RESIDENTS,
                                Permission.IMPORT_RESIDENTS, Permission.REVEAL_IDENTIFIERS,
                                Permission.WRITE_CONSULTATIONS, Permission.READ_CONSULTATIONS,
                                Permission.READ_CONSULTATION_NOTES, Permission.RUN_ASSESSMENTS,
                                Permission.READ_ASSESSMENTS, Permission.RECORD_CRISIS,
                                Permission.READ_RISK_RECORDS, Permission.CLOSE_CRISIS,
                                Permission.RECORD_FOLLOWUPS, Permission.EXPORT_FOLLOWUPS,
                                Permission.RECORD_ACTIVITIES,
                                Permission.GENERATE_REPORTS, Permission.READ_REPORT_ANNEX,
                                Permission.READ_REFERRALS, *REFERRAL_WORK,
                                Permission.EDIT_INSTITUTIONS,
                                Permission.EXPORT_BUNDLES, Permission.IMPORT_BUNDLES,
                                Permission.READ_SYNC_STATUS}),
    # A social worker sees that a consultation took place, never what was said.
    Role.SOCIAL_WORKER: frozenset({Permission.READ_STATS, Permission.BACKUP,
                                   Permission.READ_RESIDENTS, Permission.WRITE_RESIDENTS,
                                   Permission.IMPORT_RESIDENTS,
                                   Permission.REVEAL_IDENTIFIERS, Permission.READ_CONSULTATIONS,
                                   Permission.RUN_ASSESSMENTS, Permission.READ_ASSESSMENTS,
                                   Permission.RECORD_CRISIS, Permission.READ_RISK_RECORDS,
                                   Permission.RECORD_FOLLOWUPS, Permission.EXPORT_FOLLOWUPS,
                                   Permission.RECORD_ACTIVITIES, Permission.GENERATE_REPORTS,
                                   Permission.READ_REPORT_ANNEX, Permission.READ_REFERRALS,
                                   *REFERRAL_WORK, Permission.EDIT_INSTITUTIONS,
                                   Permission.EXPORT_BUNDLES, Permission.IMPORT_BUNDLES,
                                   Permission.READ_SYNC_STATUS}),
    # The office reads what rooms send; it never edits a room's records.
    # A receipt the clerk records for a room's referral becomes a note beside it.
    Role.OFFICE_CLERK: frozenset({Permission.READ_STATS, Permission.BACKUP,
                                  Permission.READ_RESIDENTS, Permission.GENERATE_REPORTS,
                                  Permission.EDIT_REPORT_SETTINGS, Permission.READ_REFERRALS,
                                  Permission.RECORD_REFERRAL_RECEIPTS,
                                  Permission.EDIT_INSTITUTIONS,
                                  Permission.EXPORT_BUNDLES, Permission.IMPORT_BUNDLES,
                                  Permission.READ_SYNC_STATUS}),
    Role.SUPERVISOR: frozenset(
        {Permission.READ_STATS, Permission.READ_AUDIT, Permission.VERIFY,
         Permission.READ_RESIDENTS, Permission.REVEAL_IDENTIFIERS,
         Permission.READ_CONSULTATIONS, Permission.READ_CONSULTATION_NOTES,
         Permission.READ_ASSESSMENTS, Permission.READ_RISK_RECORDS,
         Permission.GENERATE_REPORTS, Permission.READ_REPORT_ANNEX, Permission.READ_REFERRALS,
         Permission.READ_SYNC_STATUS}
    ),
}

SITE_KINDS = ("room", "office")
ROOM_TYPES = ("village", "community", "school", "workplace", "police", "justice", "hospital",
              "other")
OFFICE_TYPES = ("street",)

# A village room is often one person, so the set-up account gets every working role of its kind.
SETUP_ROLES: dict[str, frozenset[Role]] = {
    "room": frozenset({Role.ADMIN, Role.COUNSELLOR, Role.SOCIAL_WORKER}),
    "office": frozenset({Role.ADMIN, Role.OFFICE_CLERK, Role.SUPERVISOR}),
}


def permissions_of(roles: frozenset[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def parse_roles(names: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[Role]:
    from psyroom.errors import InvalidInput

    roles: set[Role] = set()
    for name in names:
        try:
            roles.add(Role(name.strip()))
        except ValueError:
            raise InvalidInput("role_unknown", role=name) from None
    if not roles:
        raise InvalidInput("roles_empty")
    return frozenset(roles)
