"""The role table as designed (DESIGN.md §5/§8), written out in full: the role-by-method test
checks the code against ROLE_PERMISSIONS, this checks ROLE_PERMISSIONS against the design,
so a permission slipped into the wrong role fails here."""

from __future__ import annotations

from psyroom.security.roles import ROLE_PERMISSIONS, SETUP_ROLES, Permission, Role

P = Permission

DESIGNED: dict[Role, set[Permission]] = {
    # Administration is not counselling: no notes, scores, risk records.
    Role.ADMIN: {P.MANAGE_USERS, P.BACKUP, P.RESTORE, P.READ_AUDIT, P.VERIFY,
                 P.CHANGE_SETTINGS, P.READ_STATS, P.READ_RESIDENTS, P.WRITE_RESIDENTS,
                 P.IMPORT_RESIDENTS, P.REVEAL_IDENTIFIERS, P.MERGE_RESIDENTS,
                 P.EXPORT_RESIDENT, P.ERASE_RESIDENT, P.READ_CONSULTATIONS,
                 P.RECORD_CRISIS, P.RECORD_FOLLOWUPS, P.RECORD_ACTIVITIES},
    Role.COUNSELLOR: {P.READ_STATS, P.BACKUP, P.READ_RESIDENTS, P.WRITE_RESIDENTS,
                      P.IMPORT_RESIDENTS, P.REVEAL_IDENTIFIERS, P.WRITE_CONSULTATIONS,
                      P.READ_CONSULTATIONS, P.READ_CONSULTATION_NOTES, P.RUN_ASSESSMENTS,
                      P.READ_ASSESSMENTS, P.RECORD_CRISIS, P.READ_RISK_RECORDS,
                      P.CLOSE_CRISIS, P.RECORD_FOLLOWUPS, P.RECORD_ACTIVITIES},
    # Sees that a consultation took place, never what was said.
    Role.SOCIAL_WORKER: {P.READ_STATS, P.BACKUP, P.READ_RESIDENTS, P.WRITE_RESIDENTS,
                         P.IMPORT_RESIDENTS, P.REVEAL_IDENTIFIERS, P.READ_CONSULTATIONS,
                         P.RUN_ASSESSMENTS, P.READ_ASSESSMENTS, P.RECORD_CRISIS,
                         P.READ_RISK_RECORDS, P.RECORD_FOLLOWUPS, P.RECORD_ACTIVITIES},
    # Reads what rooms send; never edits a room's records, never reads their content.
    Role.OFFICE_CLERK: {P.READ_STATS, P.BACKUP, P.READ_RESIDENTS},
    Role.SUPERVISOR: {P.READ_STATS, P.READ_AUDIT, P.VERIFY, P.READ_RESIDENTS,
                      P.REVEAL_IDENTIFIERS, P.READ_CONSULTATIONS, P.READ_CONSULTATION_NOTES,
                      P.READ_ASSESSMENTS, P.READ_RISK_RECORDS},
}

# What the later capabilities gave each role, as their issues say.
REFERRAL_WORK = {P.READ_REFERRALS, P.CREATE_REFERRALS, P.ISSUE_REFERRALS,
                 P.RECORD_REFERRAL_RECEIPTS, P.CANCEL_REFERRALS, P.EDIT_INSTITUTIONS}
BUNDLES = {P.EXPORT_BUNDLES, P.IMPORT_BUNDLES, P.READ_SYNC_STATUS}
LATER: dict[Role, set[Permission]] = {
    # Keys, enrolment and the office's settings are administration; referral content is not.
    Role.ADMIN: {P.ROTATE_KEY, P.ENROL_ROOMS, P.JOIN_OFFICE, *BUNDLES, P.EDIT_INSTITUTIONS,
                 P.GENERATE_REPORTS, P.EDIT_REPORT_SETTINGS, P.EXPORT_FOLLOWUPS},
    Role.COUNSELLOR: {*REFERRAL_WORK, *BUNDLES, P.EXPORT_FOLLOWUPS, P.GENERATE_REPORTS,
                      P.READ_REPORT_ANNEX},
    Role.SOCIAL_WORKER: {*REFERRAL_WORK, *BUNDLES, P.EXPORT_FOLLOWUPS, P.GENERATE_REPORTS,
                         P.READ_REPORT_ANNEX},
    # The clerk records receipts (as notes beside the room's referral), never their content.
    Role.OFFICE_CLERK: {P.READ_REFERRALS, P.RECORD_REFERRAL_RECEIPTS, P.EDIT_INSTITUTIONS,
                        *BUNDLES, P.GENERATE_REPORTS, P.EDIT_REPORT_SETTINGS},
    Role.SUPERVISOR: {P.READ_REFERRALS, P.READ_SYNC_STATUS, P.GENERATE_REPORTS,
                      P.READ_REPORT_ANNEX},
}
for _role, _added in LATER.items():
    DESIGNED[_role] |= _added


def test_every_role_has_exactly_its_designed_permissions() -> None:
    for role in Role:
        extra = ROLE_PERMISSIONS[role] - DESIGNED[role]
        missing = DESIGNED[role] - ROLE_PERMISSIONS[role]
        assert not extra and not missing, (role, sorted(extra), sorted(missing))


def test_content_permissions_stay_with_the_counselling_roles() -> None:
    for permission in (P.READ_CONSULTATION_NOTES, P.READ_ASSESSMENTS, P.READ_RISK_RECORDS,
                       P.WRITE_CONSULTATIONS):
        holders = {r for r in Role if permission in ROLE_PERMISSIONS[r]}
        assert Role.ADMIN not in holders and Role.OFFICE_CLERK not in holders, permission


def test_setup_account_roles() -> None:
    assert SETUP_ROLES["room"] == {Role.ADMIN, Role.COUNSELLOR, Role.SOCIAL_WORKER}
    assert SETUP_ROLES["office"] == {Role.ADMIN, Role.OFFICE_CLERK, Role.SUPERVISOR}


def test_permissions_of_is_the_union_of_the_roles() -> None:
    from psyroom.security.roles import permissions_of

    assert permissions_of(frozenset()) == frozenset()
    assert permissions_of(frozenset({Role.OFFICE_CLERK})) == DESIGNED[Role.OFFICE_CLERK]
    both = permissions_of(frozenset({Role.ADMIN, Role.COUNSELLOR}))
    assert both == DESIGNED[Role.ADMIN] | DESIGNED[Role.COUNSELLOR]


def test_parse_roles() -> None:
    import pytest

    from psyroom.errors import InvalidInput
    from psyroom.security.roles import parse_roles

    assert parse_roles([" counsellor", "admin "]) == {Role.COUNSELLOR, Role.ADMIN}
    assert parse_roles(("office_clerk",)) == {Role.OFFICE_CLERK}
    with pytest.raises(InvalidInput) as err:
        parse_roles(["counsellor", "boss"])
    assert err.value.code == "role_unknown" and err.value.params == {"role": "boss"}
    with pytest.raises(InvalidInput) as err:
        parse_roles([])
    assert err.value.code == "roles_empty"
