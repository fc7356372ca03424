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
