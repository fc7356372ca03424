"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them.

Every record row carries a UUID, the site it was made at, a version and created/updated
times, so bundles from many rooms can later merge without colliding.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Computed,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def record_columns() -> list[Column[object]]:
    return [
        Column("id", Text, primary_key=True),
        Column("origin_site", Text, nullable=False),
        Column("version", Integer, nullable=False, server_default="1"),
        Column("created_at", Text, nullable=False),
        Column("updated_at", Text, nullable=False),
    ]


meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

sites = Table(
    "sites",
    metadata,
    *record_columns(),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("room_type", Text, nullable=False),
    Column("is_self", Boolean, nullable=False, server_default="0"),
    Column("village", Text),
)

users = Table(
    "users",
    metadata,
    *record_columns(),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("roles", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("must_change_password", Boolean, nullable=False, server_default="0"),
    Column("password_changed_at", Text, nullable=True),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("at", Text, nullable=False),
    Column("site_id", Text, nullable=False),
    Column("actor_id", Text, nullable=True),
    Column("actor_name", Text, nullable=True),
    Column("action", Text, nullable=False),
    Column("target_kind", Text, nullable=True),
    Column("target_id", Text, nullable=True),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

residents = Table(
    "residents",
    metadata,
    *record_columns(),
    Column("name", Text, nullable=False),
    Column("gender", Text, nullable=False, server_default="unknown"),
    Column("birth_date", Text),
    Column("id_number", Text),
    Column("phone", Text),
    Column("address", Text),
    Column("village", Text),
    Column("guardian_name", Text),
    Column("guardian_phone", Text),
    Column("consent_date", Text),
    Column("consent_scope", Text),
    Column("risk_level", Text, nullable=False, server_default="none"),
    Column("status", Text, nullable=False, server_default="active"),
    Column("smd_registered", Boolean, nullable=False, server_default="0"),
    Column("smd_diagnosis", Text),
    Column("smd_registered_on", Text),
    Column("smd_guardian", Text),
    Column("smd_care_team", Text),
    Column("smd_national_id", Text),  # 0010
    Column("pinyin", Text, nullable=False, server_default=""),
    Column("initials", Text, nullable=False, server_default=""),
    Column("merged_into", Text),
    Column("anonymised", Boolean, nullable=False, server_default="0"),
    # Per origin: at the office the same number arrives from several rooms (linked, not merged).
    UniqueConstraint("origin_site", "id_number", name="uq_residents_origin_id_number"),
)

population_tags = Table(
    "population_tags",
    metadata,
    *record_columns(),
    Column("code", Text, nullable=False, unique=True),
    Column("group_zh", Text, nullable=False),
    Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("aliases", Text, nullable=False, server_default=""),
    Column("active", Boolean, nullable=False, server_default="1"),
)

resident_tags = Table(
    "resident_tags",
    metadata,
    Column("id", Text, Computed("resident_id || '/' || tag_code", persisted=True), unique=True),
    Column("origin_site", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", Text, nullable=False, server_default=""),
    Column("updated_at", Text, nullable=False, server_default=""),
    Column("resident_id", Text, primary_key=True),
    Column("tag_code", Text, primary_key=True),
)

# The saved search index (psyroom/residents/search_store.py, migration 0009).
search_index = Table(
    "search_index",
    metadata,
    Column("part", Text, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

search_changes = Table(
    "search_changes",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("resident_id", Text, nullable=False),
)

# What a register row last said about its archive (migration 0011, importer/digests.py).
import_row_digests = Table(
    "import_row_digests",
    metadata,
    Column("resident_id", Text, primary_key=True),
    Column("digest", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)

resident_history = Table(
    "resident_history",
    metadata,
    Column("id", Text, primary_key=True),
    Column("resident_id", Text, nullable=False),
    Column("origin_site", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("actor_id", Text),
    Column("actor_name", Text),
    Column("kind", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", Text, nullable=False, server_default=""),
    Column("updated_at", Text, nullable=False, server_default=""),
)

# -- USB bundles (migration 0005; see docs/bundles.md) ------------------------------------
sync_keys = Table(
    "sync_keys", metadata,
    Column("purpose", Text, primary_key=True),
    Column("private_key", LargeBinary, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("created_at", Text, nullable=False),
)

sync_enrolment = Table(
    "sync_enrolment", metadata,
    Column("office_id", Text, primary_key=True),
    Column("office_code", Text, nullable=False),
    Column("office_name", Text, nullable=False),
    Column("office_enc_pub", LargeBinary, nullable=False),
    Column("office_sign_pub", LargeBinary, nullable=False),
    Column("secret", LargeBinary, nullable=False),
    Column("joined_at", Text, nullable=False),
    Column("proven", Boolean, nullable=False, server_default="0"),
)

sync_rooms = Table(
    "sync_rooms", metadata,
    Column("site_id", Text, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("secret", LargeBinary, nullable=False),
    Column("sign_pub", LargeBinary),
    Column("enc_pub", LargeBinary),
    Column("enrolled_at", Text, nullable=False),
    Column("generation", Text),
    Column("last_seq", Integer, nullable=False, server_default="0"),
    Column("last_bundle_at", Text),
    Column("last_period_end", Text),
    Column("audit_count", Integer, nullable=False, server_default="0"),
    Column("audit_head", Text),
)

sync_received = Table(
    "sync_received", metadata,
    Column("site_id", Text, primary_key=True),
    Column("generation", Text, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("sha256", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("period_end", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("counts", Text, nullable=False, server_default="{}"),
)

sync_events = Table(
    "sync_events", metadata,
    Column("id", Text, primary_key=True),
    Column("site_id", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),
)

sync_outbox = Table(
    "sync_outbox", metadata,
    Column("generation", Text, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("change_upto", Integer, nullable=False),
    Column("audit_count", Integer, nullable=False),
    Column("audit_head", Text, nullable=False),
    Column("full", Boolean, nullable=False, server_default="0"),
    Column("acked_at", Text),
)

sync_generations = Table(
    "sync_generations", metadata,
    Column("generation", Text, primary_key=True),
    Column("parent", Text),
    Column("base_seq", Integer, nullable=False, server_default="0"),
    Column("base_audit_count", Integer, nullable=False, server_default="0"),
    Column("base_audit_head", Text),
    Column("started_at", Text, nullable=False),
)

sync_tombstones = Table(
    "sync_tombstones", metadata,
    Column("tbl", Text, primary_key=True),
    Column("row_id", Text, primary_key=True),
    Column("origin_site", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False),
    Column("deleted_at", Text, nullable=False),
)

person_links = Table(
    "person_links", metadata,
    Column("resident_id", Text, primary_key=True),
    Column("person_id", Text, nullable=False),
    Column("id_number", Text, nullable=False),
)

sync_notes = Table(
    "sync_notes", metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("ref_id", Text),
    Column("body", Text, nullable=False, server_default="{}"),
    Column("created_at", Text, nullable=False),
    Column("site_id", Text, nullable=False, server_default=""),
    Column("sent_seq", Integer),
)

sync_changes = Table(
    "sync_changes", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("tbl", Text, nullable=False),
    Column("row_id", Text, nullable=False),
    UniqueConstraint("tbl", "row_id", name="uq_sync_changes_row"),
    sqlite_autoincrement=True,
)

# -- reports (migration 0008) ----------------------------------------------------------------
report_settings = Table(
    "report_settings",
    metadata,
    *record_columns(),
    Column("key", Text, nullable=False),
    Column("scope", Text, nullable=False, server_default=""),
    Column("value", Text, nullable=False),
)

activity_participants = Table(
    "activity_participants",
    metadata,
    *record_columns(),
    Column("activity_id", Text, nullable=False),
    Column("participant_kind", Text, nullable=False),
    Column("user_id", Text),
    Column("resident_id", Text),
    Column("name", Text, nullable=False),
)

# -- referrals (migration 0006) ----------------------------------------------------------
institutions = Table(
    "institutions",
    metadata,
    *record_columns(),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("address", Text, nullable=False, server_default=""),
    Column("phone", Text, nullable=False, server_default=""),
    Column("contact_person", Text, nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default="room"),
    Column("active", Boolean, nullable=False, server_default="1"),
)

referrals = Table(
    "referrals",
    metadata,
    *record_columns(),
    Column("serial", Text, nullable=False, unique=True),
    Column("resident_id", Text, nullable=False),
    Column("source_kind", Text, nullable=False, server_default="resident"),
    Column("source_id", Text),
    Column("institution_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("urgency", Text, nullable=False, server_default="routine"),
    Column("consent_by", Text),
    Column("consent_scope", Text, nullable=False, server_default=""),
    Column("consent_date", Text),
    Column("no_consent_reason", Text),
    Column("status", Text, nullable=False, server_default="draft"),
    Column("created_by_id", Text, nullable=False),
    Column("created_by_name", Text, nullable=False),
    Column("issued_at", Text),
    Column("issued_on", Text),
    Column("issued_by_name", Text),
    Column("slip_fields", Text),
    Column("verify_code", Text),
    Column("received_on", Text),
    Column("receiver", Text),
    Column("feedback", Text),
    Column("feedback_on", Text),
    Column("closed_at", Text),
    Column("cancelled_at", Text),
    Column("cancel_reason", Text),
)

referral_notes = Table(
    "referral_notes",
    metadata,
    *record_columns(),
    Column("referral_id", Text, nullable=False),
    Column("kind", Text, nullable=False, server_default="receipt"),
    Column("received_on", Text),
    Column("receiver", Text),
    Column("text", Text, nullable=False, server_default=""),
    Column("author_name", Text, nullable=False),
)
