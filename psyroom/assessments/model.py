"""The shapes of a scale definition and of a scored answer sheet.

Plain frozen dataclasses: no I/O, no database. A definition is built only by ``loader`` after
its JSON file has been checked, so code that holds one may trust it (items numbered 1..n, bands
covering the whole score range, reverse items consistent with the option scores).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Rounding = Literal["floor", "half_up"]
BandsOn = Literal["total", "standard_score"]


@dataclass(frozen=True)
class Option:
    """One answer as printed on the form; ``score`` is what it counts for this item."""

    label_zh: str
    label_en: str
    score: int


@dataclass(frozen=True)
class Item:
    number: int  # 1-based, as printed; risk rules and reverse lists refer to it
    text_zh: str
    text_en: str
    options: tuple[Option, ...]  # in the printed order; an answer is an index into this
    reverse: bool  # scores run opposite to the scale's usual direction

    @property
    def min_score(self) -> int:
        return min(o.score for o in self.options)

    @property
    def max_score(self) -> int:
        return max(o.score for o in self.options)


@dataclass(frozen=True)
class Band:
    code: str
    min_score: int  # inclusive
    max_score: int  # inclusive
    label_zh: str
    label_en: str

    def contains(self, value: int) -> bool:
        return self.min_score <= value <= self.max_score


@dataclass(frozen=True)
class RiskRule:
    """Raises ``code`` when the item's score (not the answer's position) exceeds ``score_above``."""

    code: str
    item: int
    score_above: int
    prompt_zh: str
    prompt_en: str


@dataclass(frozen=True)
class StandardScoreRule:
    """A linear conversion of the raw sum, as the Zung scales' 标准分 (raw × 1.25)."""

    multiplier: Fraction  # exact, so 42 × 1.25 is 52.5 and never 52.4999…
    rounding: Rounding

    def apply(self, raw: int) -> int:
        exact = self.multiplier * raw
        if self.rounding == "floor":
            return math.floor(exact)
        return math.floor(exact + Fraction(1, 2))


@dataclass(frozen=True)
class ScaleDefinition:
    code: str
    short_name: str
    name_zh: str
    name_en: str
    population_zh: str
    population_en: str
    instructions_zh: str
    instructions_en: str
    time_frame_zh: str
    time_frame_en: str
    items: tuple[Item, ...]
    standard_score: StandardScoreRule | None
    bands_on: BandsOn
    bands: tuple[Band, ...]  # ascending, contiguous
    risk_rules: tuple[RiskRule, ...]
    source: str
    scoring_source: str
    order: int

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def reverse_items(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.items if i.reverse)

    @property
    def total_range(self) -> tuple[int, int]:
        return (sum(i.min_score for i in self.items), sum(i.max_score for i in self.items))

    @property
    def banded_range(self) -> tuple[int, int]:
        """The range of the value the bands classify: the raw total or the standard score."""
        low, high = self.total_range
        if self.bands_on == "standard_score" and self.standard_score is not None:
            return (self.standard_score.apply(low), self.standard_score.apply(high))
        return (low, high)

    def band_for(self, value: int) -> Band:
        for band in self.bands:
            if band.contains(value):
                return band
        # Unreachable for a loaded definition: the loader proved the bands cover the range.
        raise ValueError(f"{self.code}: no band holds {value}")


@dataclass(frozen=True)
class ScoreResult:
    scale_code: str
    answers: list[int]  # the option positions chosen, as given
    item_scores: list[int]  # what each answer counted for, after reverse scoring
    total: int  # the raw sum (粗分)
    standard_score: int | None  # 标准分 where the scale defines one
    band: str
    band_label_zh: str
    band_label_en: str
    risk_flags: list[str]  # e.g. ["suicide_risk"]; empty when none fired
    risks: list[RiskRule]  # the rules that fired, with their crisis prompt texts
