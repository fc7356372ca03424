"""Counselling work: consultations (with addenda and private notes), note templates,
assessments, crisis interventions, severe-mental-disorder follow-ups, activities.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[object]]:
    # Kept in each migration on purpose: a migration is a frozen record of one schema step
    # and must not change when shared code (psyroom.storage.schema) changes later.
    return [
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("origin_site", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    # The resident list opens in pinyin order before the search index is built.
    op.create_index("ix_residents_pinyin", "residents", ["pinyin", "name"])
    # The dashboard's high-risk and follow-up lists must not scan every resident.
    op.create_index("ix_residents_risk", "residents", ["risk_level"])
    op.create_index("ix_residents_smd", "residents", ["smd_registered"])
    op.create_table(
        "consultations",
        *_record_columns(),
        sa.Column("resident_id", sa.Text, nullable=True),
        sa.Column("subject_kind", sa.Text, nullable=False),
        sa.Column("participants", sa.Text, nullable=False, server_default="[]"),
        sa.Column("anon_gender", sa.Text),
        sa.Column("anon_age_band", sa.Text),
        sa.Column("anon_village", sa.Text),
        sa.Column("counsellor_id", sa.Text, nullable=False),
        sa.Column("counsellor_name", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("duration_min", sa.Integer, nullable=False, server_default="50"),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("issues", sa.Text, nullable=False, server_default=""),
        sa.Column("complaint", sa.Text, nullable=False, server_default=""),
        sa.Column("assessment", sa.Text, nullable=False, server_default=""),
        sa.Column("intervention", sa.Text, nullable=False, server_default=""),
        sa.Column("plan", sa.Text, nullable=False, server_default=""),
        sa.Column("risk_screening", sa.Text, nullable=False, server_default="none"),
        sa.Column("outcome", sa.Text, nullable=False, server_default="continue"),
        sa.Column("next_appointment", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="draft"),
        sa.Column("signed_at", sa.Text),
        sa.Column("signed_by", sa.Text),
        sa.Column("signature", sa.Text),
    )
    op.create_index("ix_consultations_resident", "consultations", ["resident_id", "started_at"])
    op.create_index("ix_consultations_started", "consultations", ["started_at"])
    op.create_index("ix_consultations_next", "consultations", ["next_appointment"])
    op.create_table(
        "consultation_addenda",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("consultation_id", sa.Text, sa.ForeignKey("consultations.id"),
                  nullable=False),
        sa.Column("origin_site", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("author_id", sa.Text, nullable=False),
        sa.Column("author_name", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
    )
    op.create_index("ix_addenda_consultation", "consultation_addenda", ["consultation_id"])
    # Kept apart from the consultation so no export, bundle or report query can pick it up.
    op.create_table(
        "private_notes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("consultation_id", sa.Text, nullable=False, unique=True),
        sa.Column("author_id", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "note_templates",
        *_record_columns(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("complaint", sa.Text, nullable=False, server_default=""),
        sa.Column("assessment", sa.Text, nullable=False, server_default=""),
        sa.Column("intervention", sa.Text, nullable=False, server_default=""),
        sa.Column("plan", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "assessments",
        *_record_columns(),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("scale_code", sa.Text, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("standard_score", sa.Integer),
        sa.Column("band", sa.Text, nullable=False),
        sa.Column("risk_flags", sa.Text, nullable=False, server_default=""),
        sa.Column("administered_at", sa.Text, nullable=False),
        sa.Column("administered_by", sa.Text, nullable=False),
        sa.Column("consultation_id", sa.Text),
        sa.Column("crisis_action", sa.Text),
    )
    op.create_index("ix_assessments_resident", "assessments", ["resident_id", "administered_at"])
    op.create_table(
        "crisis_events",
        *_record_columns(),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.Text, nullable=False),
        sa.Column("crisis_type", sa.Text, nullable=False),
        sa.Column("level", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("actions", sa.Text, nullable=False, server_default=""),
        sa.Column("notified", sa.Text, nullable=False, server_default=""),
        sa.Column("outcome", sa.Text, nullable=False, server_default=""),
        sa.Column("followup_date", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="open"),
        sa.Column("closed_at", sa.Text),
        sa.Column("closed_by", sa.Text),
        sa.Column("close_reason", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
    )
    op.create_index("ix_crisis_resident", "crisis_events", ["resident_id"])
    op.create_index("ix_crisis_status", "crisis_events", ["status"])
    op.create_table(
        "followups",
        *_record_columns(),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("followup_date", sa.Text, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("risk_level", sa.Integer, nullable=False),
        sa.Column("condition", sa.Text, nullable=False),
        sa.Column("medication", sa.Text, nullable=False),
        sa.Column("social_function", sa.Text, nullable=False),
        sa.Column("home_rehab", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("counselled_patient", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("counselled_family", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("next_date", sa.Text, nullable=False),
        sa.Column("action_required", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("action_referral", sa.Text),
        sa.Column("action_care_team", sa.Text),
        sa.Column("action_recorded_at", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
    )
    op.create_index("ix_followups_resident", "followups", ["resident_id", "followup_date"])
    op.create_table(
        "activities",
        *_record_columns(),
        sa.Column("activity_date", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("target_group", sa.Text, nullable=False, server_default=""),
        sa.Column("village", sa.Text),
        sa.Column("headcount", sa.Integer, nullable=False),
        sa.Column("surveyed", sa.Integer),
        sa.Column("passed", sa.Integer),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_by", sa.Text, nullable=False),
    )
    op.create_index("ix_activities_date", "activities", ["activity_date"])


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
