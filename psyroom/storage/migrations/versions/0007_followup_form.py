"""Follow-ups hold the whole national form 表1-8, with its codes.

Existing follow-ups move over: what maps without doubt maps (risk level, next date, notes, the
counselling and rehabilitation flags, 电话, the medication answers, a class the risk level
allows); what does not (面访: 门诊 or 家庭访视?, one social-function grade for five items) stays
empty, the old values are kept beside it in ``pre_form_values`` and the row is marked
``before_form``.

Revision ID: 0007
Revises: 0003
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
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


def _codes(*names: str) -> list[sa.Column[object]]:
    return [sa.Column(n, sa.Integer) for n in names]


def _texts(*names: str) -> list[sa.Column[object]]:
    return [sa.Column(n, sa.Text, nullable=False, server_default="") for n in names]


def _json(*names: str, empty: str = "[]") -> list[sa.Column[object]]:
    # Lists of codes and the drug rows travel inside the follow-up row: one record per visit
    # keeps bundles simple.
    return [sa.Column(n, sa.Text, nullable=False, server_default=empty) for n in names]


def _flags(*names: str) -> list[sa.Column[object]]:
    return [sa.Column(n, sa.Boolean, nullable=False, server_default="0") for n in names]


COPIED = ("id", "origin_site", "version", "created_at", "updated_at", "resident_id",
          "followup_date", "risk_level", "home_rehab", "counselled_patient",
          "counselled_family", "notes", "next_date", "action_required", "action_referral",
          "action_care_team", "action_recorded_at", "recorded_by")
MEDICATION = {"regular": 1, "intermittent": 2, "none": 3}
CLASS = {"unstable": 1, "basic": 2, "stable": 3}


def _class(condition: str, risk: int) -> int | None:
    code = CLASS.get(condition)
    # Risk 3–5 is 不稳定 and 1–2 at least 基本稳定: a milder old choice is not the form's.
    floor = 1 if risk >= 3 else 2 if risk >= 1 else 3
    return code if code is not None and code <= floor else None


def _migrate(row: dict[str, object], columns: set[str]) -> dict[str, object]:
    # Every column both tables share is kept as it is (a column a sibling migration added to
    # the old table, such as referral_id, included); the rest is mapped below.
    new = {k: v for k, v in row.items() if k in columns}
    assert all(k in new for k in COPIED)
    medication = str(row["medication"])
    new.update(
        visit_form=3 if row["method"] == "phone" else None,
        adherence=MEDICATION.get(medication),
        hospital=1 if medication == "hospital" else None,
        classification=_class(str(row["condition"]), int(row["risk_level"])),  # type: ignore[call-overload]
        doctor_name=row["recorded_by"],
        before_form=True,
        pre_form_values=json.dumps({k: row[k] for k in (
            "method", "condition", "medication", "social_function")}, ensure_ascii=False),
    )
    return new


def upgrade() -> None:
    conn = op.get_bind()
    old = [dict(r) for r in conn.execute(sa.text("SELECT * FROM followups")).mappings()]
    op.drop_index("ix_followups_resident", table_name="followups")
    op.drop_table("followups")
    table = op.create_table(
        "followups",
        *_record_columns(),
        sa.Column("resident_id", sa.Text, nullable=False),
        sa.Column("followup_date", sa.Text, nullable=False),
        *_codes("visit_form"),
        *_json("visit_with"),
        *_codes("lost_reason"),
        sa.Column("death_date", sa.Text),
        *_codes("death_cause", "death_illness", "risk_level"),
        *_json("symptoms"),
        *_texts("symptoms_other"),
        *_codes("insight", "sleep", "diet", "sf_self_care", "sf_housework", "sf_work",
                "sf_learning", "sf_social"),
        *_json("danger", empty="{}"),
        *_codes("locked", "hospital"),
        sa.Column("last_discharge", sa.Text),
        *_codes("lab"),
        *_texts("lab_text"),
        *_codes("adherence", "side_effects"),
        *_texts("side_effects_text"),
        *_codes("effect", "referred"),
        *_texts("referral_reason", "referral_institution"),
        sa.Column("referral_id", sa.Text),
        *_json("drugs", "guidance", "rehab"),
        *_texts("rehab_other"),
        *_flags("symptoms_marked", "severe_side_effects", "serious_physical_illness"),
        *_codes("classification", "rule_classification"),
        *_texts("class_reason"),
        sa.Column("next_date", sa.Text),
        sa.Column("doctor_name", sa.Text),
        *_flags("home_rehab", "counselled_patient", "counselled_family"),
        *_texts("notes"),
        *_flags("action_required"),
        sa.Column("action_referral", sa.Text),
        sa.Column("action_care_team", sa.Text),
        sa.Column("action_recorded_at", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
        *_flags("before_form"),
        sa.Column("pre_form_values", sa.Text),
    )
    op.create_index("ix_followups_resident", "followups", ["resident_id", "followup_date"])
    op.create_index("ix_followups_date", "followups", ["followup_date"])
    if old:
        columns = {c.name for c in table.columns}
        op.bulk_insert(table, [_migrate(r, columns) for r in old])


def downgrade() -> None:
    raise RuntimeError("PsyRoom never downgrades a database; restore a backup instead")
