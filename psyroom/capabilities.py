"""The one place where record kinds plug into the shared views.

``register_all()`` runs when a session starts (idempotent). It registers every timeline
provider (with the permission its content needs), every dashboard section and every
merge/erase hook. Nothing registers itself on import any more: a timeline read before the
consultations module was ever imported still shows consultations.

A new capability adds its lines here: ``timeline.register(...)`` with ``permission`` and a
``hidden_title``, ``timeline.follows_resident(table)`` (or ``on_merge``/``on_erase``) and
``register_section(...)`` for a home-page list.
"""

from __future__ import annotations

from psyroom import timeline
from psyroom.security.roles import Permission

_done = False


def register_all() -> None:
    global _done
    if _done:
        return
    from psyroom.assessments import records as assessments
    from psyroom.consultations import service as consultations
    from psyroom.crisis import service as crisis
    from psyroom.dashboard.service import (
        appointments_on,
        high_risk_residents,
        register_section,
    )
    from psyroom.followups import service as followups
    from psyroom.referrals import queries as referrals
    from psyroom.residents.history import history_entries

    # -- timeline providers ------------------------------------------------------------
    timeline.register("resident_history", history_entries)
    timeline.register("consultations", consultations.timeline_entries,
                      permission=Permission.READ_CONSULTATIONS,
                      hidden_title=("咨询记录", "Consultation"))
    timeline.register("assessments", assessments.timeline_entries,
                      permission=Permission.READ_ASSESSMENTS,
                      hidden_title=("测评记录", "Assessment"))
    timeline.register("crisis", crisis.timeline_entries,
                      permission=Permission.READ_RISK_RECORDS,
                      hidden_title=("危机干预记录", "Crisis record"))
    timeline.register("referrals", referrals.timeline_entries,
                      permission=Permission.READ_REFERRALS,
                      hidden_title=("转介记录", "Referral"))
    timeline.register("followups", followups.timeline_entries,
                      permission=Permission.READ_RISK_RECORDS,
                      hidden_title=("随访记录", "Follow-up"))

    # -- merge and erase ---------------------------------------------------------------
    timeline.on_merge("consultations", consultations.merge_records)
    timeline.on_erase("consultations", consultations.erase_records)
    for table in ("assessments", "crisis_events", "followups"):
        timeline.follows_resident(table)
    # A referral's notes are found through the referral, so they go first.
    timeline.on_erase("referral_notes", referrals.erase_notes)
    timeline.follows_resident("referrals")

    # -- dashboard sections ------------------------------------------------------------
    register_section("appointments", Permission.READ_CONSULTATIONS, appointments_on)
    register_section("overdue_followups", Permission.READ_RISK_RECORDS,
                     followups.overdue_rows)
    register_section("followup_actions", Permission.READ_RISK_RECORDS,
                     followups.open_action_rows)
    register_section("open_crises", Permission.READ_RISK_RECORDS, crisis.open_crisis_rows)
    register_section("high_risk", Permission.READ_RISK_RECORDS, high_risk_residents)
    register_section("overdue_referrals", Permission.READ_REFERRALS, referrals.overdue_rows)
    register_section("urgent_referrals", Permission.READ_REFERRALS,
                     lambda conn, _day: referrals.urgent_unissued_rows(conn))
    _done = True
