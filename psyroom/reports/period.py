"""A report month and the periods its figures cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from psyroom.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        m = _MONTH.match(text.strip())
        if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
            raise InvalidInput("report_month_invalid", month=text)
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def title_zh(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first(self) -> date:
        return add_months(self.first, 1)

    @property
    def last(self) -> date:
        return self.next_first - timedelta(days=1)

    @property
    def year_first(self) -> date:
        return date(self.year, 1, 1)

    def shifted(self, months: int) -> Month:
        d = add_months(self.first, months)
        return Month(d.year, d.month)

    def bounds(self) -> tuple[str, str]:
        """[start, end) as ISO dates; they compare right against dates and local times."""
        return self.first.isoformat(), self.next_first.isoformat()

    def ytd_bounds(self) -> tuple[str, str]:
        return self.year_first.isoformat(), self.next_first.isoformat()
