"""The report as plain data: what the PDF, the JSON, the .xlsx and the screen all show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    key: str
    title_zh: str
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Rate:
    """A policy rate with everything a reader needs to check it (DESIGN.md §4)."""

    key: str
    name_zh: str
    name_en: str
    numerator: int | None
    denominator: int | None
    unit: str  # "%" or "‰"
    period_start: str
    period_end: str  # inclusive
    period_zh: str
    target: float | None
    # Why the rate cannot be given (a missing office setting, an empty denominator).
    reason: str | None = None
    reason_zh: str | None = None
    behind_kind: str = "resident"  # resident | user | site
    behind: list[dict[str, Any]] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        if self.reason is not None or not self.denominator or self.numerator is None:
            return None
        scale = 1000 if self.unit == "‰" else 100
        return round(self.numerator * scale / self.denominator, 2)

    @property
    def met(self) -> bool | None:
        value = self.value
        if value is None or self.target is None:
            return None
        return value >= self.target

    def to_json(self, *, with_names: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key, "name_zh": self.name_zh, "name_en": self.name_en,
            "numerator": self.numerator, "denominator": self.denominator, "value": self.value,
            "unit": self.unit, "period": {"start": self.period_start, "end": self.period_end},
            "target": self.target, "met": self.met, "reason": self.reason,
            "behind_count": len(self.behind)}
        if with_names:
            out["behind"] = self.behind
        return out


@dataclass
class MonthlyReport:
    kind: str  # room | office
    month: str
    site: dict[str, str]
    scope: dict[str, str] | None  # the room the office picked, or None for all
    generated_at: str
    generated_by: str
    figures: dict[str, Any]
    tables: list[Table]
    rates: list[Rate]
    annex_included: bool
    high_risk: list[dict[str, Any]] = field(default_factory=list)
    rooms: list[dict[str, Any]] = field(default_factory=list)
    trends: dict[str, list[list[Any]]] = field(default_factory=dict)
    freshness: list[dict[str, Any]] = field(default_factory=list)
    early_warning: list[dict[str, Any]] = field(default_factory=list)
    audit_head: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "month": self.month, "site": self.site, "scope": self.scope,
            "generated_at": self.generated_at, "generated_by": self.generated_by,
            **self.figures,
            "rates": [r.to_json(with_names=self.annex_included) for r in self.rates],
            "annex_included": self.annex_included,
            "audit_head": self.audit_head}
        if self.annex_included:
            out["high_risk"] = self.high_risk
        if self.kind == "office":
            out.update(rooms=self.rooms, trends=self.trends, freshness=self.freshness,
                       early_warning=self.early_warning)
        return out

    def tables_json(self) -> list[dict[str, Any]]:
        return [asdict(t) for t in self.tables]
