"""Plain-language names for the core's codes (roles, site kinds, counts, password rules).

Built on each call, not at import time, so they follow the language installed at that moment.
"""

from __future__ import annotations

from ui.qt import QCoreApplication


def room_type_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "village": translate("Labels", "Village"),
        "community": translate("Labels", "Community"),
        "school": translate("Labels", "School"),
        "workplace": translate("Labels", "Workplace"),
        "police": translate("Labels", "Police station"),
        "justice": translate("Labels", "Justice office"),
        "hospital": translate("Labels", "Hospital"),
        "other": translate("Labels", "Other"),
        "street": translate("Labels", "Sub-district"),
    }


def site_kind_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "room": translate("Labels", "Counselling room"),
        "office": translate("Labels", "Sub-district office"),
    }


def role_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "admin": translate("Labels", "Administrator"),
        "counsellor": translate("Labels", "Counsellor"),
        "social_worker": translate("Labels", "Social worker"),
        "office_clerk": translate("Labels", "Office clerk"),
        "supervisor": translate("Labels", "Supervisor"),
    }


def stat_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "residents": translate("Labels", "Resident records"),
        "consultations": translate("Labels", "Counselling sessions"),
        "assessments": translate("Labels", "Assessments"),
        "referrals": translate("Labels", "Referrals"),
        "crisis_events": translate("Labels", "Crisis events"),
        "followups": translate("Labels", "Follow-ups"),
        "activities": translate("Labels", "Group activities"),
        "audit_events": translate("Labels", "Audit log entries"),
        "sites": translate("Labels", "Sites"),
        "users": translate("Labels", "User accounts"),
    }


def password_rule_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "too_short": translate("Labels", "At least 8 characters"),
        "too_few_kinds": translate(
            "Labels", "At least three kinds: capital letters, small letters, digits, symbols"
        ),
    }


def roles_text(roles: frozenset[str] | set[str] | list[str]) -> str:
    """Roles as one readable line, admin first."""
    names = role_labels()
    order = list(names)
    ordered = sorted((str(r) for r in roles), key=lambda r: order.index(r) if r in order else 99)
    return QCoreApplication.translate("Labels", ", ").join(names.get(r, r) for r in ordered)


def audit_action_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "site_initialised": translate("Labels", "Site set up"),
        "login": translate("Labels", "Logged in"),
        "logout": translate("Labels", "Logged out"),
        "login_failed": translate("Labels", "Wrong password at login"),
        "login_failed_unknown_user": translate("Labels", "Login with an unknown user name"),
        "recovery_code_failed": translate("Labels", "Wrong recovery code"),
        "login_failed_while_locked": translate("Labels", "Login refused: account locked"),
        "recovery_code_failed_while_locked": translate(
            "Labels", "Recovery code refused: locked after wrong codes"),
        "database_key_rotated": translate("Labels", "Database key changed"),
        "password_reset_with_recovery_code": translate(
            "Labels", "Password set with the recovery code"),
        "device_secret_missing": translate("Labels", "Device key missing on this computer"),
        "lock": translate("Labels", "Screen locked"),
        "unlock": translate("Labels", "Screen unlocked"),
        "unlock_failed": translate("Labels", "Wrong password on the lock screen"),
        "password_changed": translate("Labels", "Own password changed"),
        "user_added": translate("Labels", "User added"),
        "user_roles_changed": translate("Labels", "Roles changed"),
        "user_disabled": translate("Labels", "User disabled"),
        "user_must_change_password": translate("Labels", "Password change required"),
        "user_password_reset": translate("Labels", "Password reset by the administrator"),
        "permission_denied": translate("Labels", "Refused: no permission"),
        "verify": translate("Labels", "Data check"),
        "backup": translate("Labels", "Backup made"),
        "restore": translate("Labels", "Restored from a backup"),
        # Resident archives: every look at a named person's record is listed here.
        "resident_created": translate("Labels", "Archive created"),
        "resident_edited": translate("Labels", "Archive edited"),
        "resident_opened": translate("Labels", "Archive opened"),
        "resident_identifier_shown": translate("Labels", "Full ID or phone number shown"),
        "residents_imported": translate("Labels", "Register imported"),
        "residents_merged": translate("Labels", "Archives merged"),
        "resident_anonymised": translate("Labels", "Archive anonymised"),
        "resident_erased": translate("Labels", "Archive deleted"),
        "resident_exported": translate("Labels", "Archive exported as PDF"),
        "demo_data_generated": translate("Labels", "Demo data generated"),
        # Counselling work. Note text never appears in the audit, only that it was touched.
        "consultation_started": translate("Labels", "Consultation record started"),
        "consultation_draft_saved": translate("Labels", "Consultation draft saved"),
        "consultation_signed": translate("Labels", "Consultation record signed"),
        "consultation_addendum": translate("Labels", "Addendum added to a consultation"),
        "consultation_draft_discarded": translate("Labels", "Consultation draft discarded"),
        "consultation_read": translate("Labels", "Consultation record opened"),
        "consultations_listed": translate("Labels", "Consultations of a resident listed"),
        "private_note_saved": translate("Labels", "Private process notes saved"),
        "private_note_read": translate("Labels", "Private process notes opened"),
        "note_template_saved": translate("Labels", "Note template saved"),
        "assessment_recorded": translate("Labels", "Scale recorded"),
        "assessments_listed": translate("Labels", "Scales of a resident listed"),
        "crisis_recorded": translate("Labels", "Crisis intervention recorded"),
        "crisis_closed": translate("Labels", "Crisis intervention closed"),
        "crises_listed": translate("Labels", "Crisis interventions listed"),
        "followup_recorded": translate("Labels", "Follow-up recorded"),
        "followup_action_recorded": translate("Labels", "Follow-up action recorded"),
        "followups_listed": translate("Labels", "Follow-ups listed"),
        "activity_recorded": translate("Labels", "Activity recorded"),
        "dashboard_viewed": translate("Labels", "Home dashboard viewed"),
    }
