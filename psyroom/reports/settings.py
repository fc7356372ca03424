"""Office settings: denominators the records cannot know, and the early-warning thresholds.

Stored in ``report_settings`` (migration 0008) as (key, scope, value); ``scope`` is a village's
name for per-village values, '' otherwise. A missing value stays missing: the rate that needs
it is reported as unknown, never as 0 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from psyroom.errors import InvalidInput
from psyroom.records import fetch_all, fetch_one, insert_record, update_record

# key: (zh label, kind) — "count" is a whole number ≥ 0, "ratio" a number > 0.
KEYS: dict[str, tuple[str, str]] = {
    "villages_total": ("街道村（社区）总数", "count"),
    "schools_total": ("街道学校总数", "count"),
    "population": ("常住人口", "count"),  # per village
    "warn_ratio": ("预警：高于近3个月平均的倍数", "ratio"),
    "warn_min_increase": ("预警：至少比平均多", "count"),
}
DEFAULTS = {"warn_ratio": 1.5, "warn_min_increase": 3.0}


@dataclass(frozen=True)
class ReportSettings:
    villages_total: int | None = None
    schools_total: int | None = None
    population: dict[str, int] = field(default_factory=dict)
    warn_ratio: float = DEFAULTS["warn_ratio"]
    warn_min_increase: float = DEFAULTS["warn_min_increase"]


def load(conn: Connection) -> ReportSettings:
    rows = fetch_all(conn, "SELECT key, scope, value FROM report_settings")
    plain = {r["key"]: r["value"] for r in rows if not r["scope"]}
    population = {r["scope"]: int(r["value"]) for r in rows
                  if r["key"] == "population" and r["scope"]}

    def count(key: str) -> int | None:
        return int(plain[key]) if key in plain else None

    return ReportSettings(
        villages_total=count("villages_total"), schools_total=count("schools_total"),
        population=population,
        warn_ratio=float(plain.get("warn_ratio", DEFAULTS["warn_ratio"])),
        warn_min_increase=float(plain.get("warn_min_increase",
                                          DEFAULTS["warn_min_increase"])))


def check(key: str, scope: str, value: str | None) -> str | None:
    if key not in KEYS:
        raise InvalidInput("report_setting_invalid", name=key)
    if (key == "population") != bool(scope.strip()):
        raise InvalidInput("report_setting_invalid", name=key)
    if value is None or not value.strip():
        return None
    kind = KEYS[key][1]
    try:
        number = float(value) if kind == "ratio" else int(value.strip())
    except ValueError:
        raise InvalidInput("report_setting_invalid", name=KEYS[key][0]) from None
    if (kind == "ratio" and not 0 < number <= 100) or (
            kind == "count" and not 0 <= number <= 100_000_000):
        raise InvalidInput("report_setting_invalid", name=KEYS[key][0])
    return str(number)


def put(conn: Connection, *, key: str, scope: str, value: str | None, site_id: str) -> None:
    """Set (or, with an empty value, remove) one setting."""
    clean = check(key, scope, value)
    scope = scope.strip()
    row = fetch_one(conn, "SELECT id FROM report_settings WHERE key = :k AND scope = :s",
                    k=key, s=scope)
    if clean is None:
        if row is not None:
            conn.exec_driver_sql("DELETE FROM report_settings WHERE id = ?", (row["id"],))
    elif row is None:
        insert_record(conn, "report_settings", {"key": key, "scope": scope, "value": clean},
                      site_id=site_id)
    else:
        update_record(conn, "report_settings", str(row["id"]), {"value": clean})
