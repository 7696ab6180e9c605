"""The period grammar, in one place.

    2024                    a year
    2024-Q3, 2024q3         a quarter
    2024-03, 2024/3         a month
    2024-03-15              a day
    A..B                    from the start of period A to the end of period B
                            (2020..2024, 2024-01-01..2024-06-30, 2024-Q1..2024-Q2)

Periods are closed intervals of dates: ``Period(start, end)`` contains both ends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from fzlog.errors import UsageError
from fzlog.messages import t

_YEAR = re.compile(r"^(\d{4})$")
MIN_YEAR, MAX_YEAR = 1949, 2999  # a ledger's years; outside them a date is a typing slip
_QUARTER = re.compile(r"^(\d{4})-?[qQ]([1-4])$")
_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    text: str = ""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def label(self) -> str:
        if self.text:
            return self.text
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def to_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def shifted_years(self, years: int) -> Period:
        """The same span ``years`` earlier or later (for year-on-year comparison)."""
        return Period(_shift(self.start, years), _shift(self.end, years), _shift_text(self.text, years))

    def quarters(self) -> Iterator[Period]:
        for year in self.years():
            for q in range(1, 5):
                p = quarter(year, q)
                if p.end >= self.start and p.start <= self.end:
                    yield p

    def months(self) -> Iterator[Period]:
        for year in self.years():
            for m in range(1, 13):
                p = month(year, m)
                if p.end >= self.start and p.start <= self.end:
                    yield p


def _shift(day: dt.date, years: int) -> dt.date:
    """``day`` moved by ``years`` (29 February → 28 February); a month's last day stays its
    month's last day (2023-02-28 → 2024-02-29), so a shifted quarter or month is whole."""
    from dateutil.relativedelta import relativedelta  # (only a comparison shifts: not at start-up)

    moved = day + relativedelta(years=years)
    return moved + relativedelta(day=31) if day == day + relativedelta(day=31) else moved


def _shift_text(text: str, years: int) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m[0]) + years), text) if text else ""


def in_range(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def parse_year(text: str | None, *, today: dt.date | None = None) -> int:
    """A year argument (``fzlog check 2024``); None means this year."""
    if text is None:
        return (today or dt.date.today()).year
    s = text.strip()
    if not _YEAR.match(s) or not in_range(int(s)):
        raise UsageError(t("period.year", text=text, lo=MIN_YEAR, hi=MAX_YEAR))
    return int(s)


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y))


def quarter(y: int, q: int) -> Period:
    start = dt.date(y, 3 * q - 2, 1)
    return Period(start, _month_end(y, 3 * q), f"{y}-Q{q}")


def month(y: int, m: int) -> Period:
    return Period(dt.date(y, m, 1), _month_end(y, m), f"{y}-{m:02d}")


def _month_end(y: int, m: int) -> dt.date:
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _single(text: str, whole: str) -> Period:
    s = text.strip()
    m = re.match(r"^(\d{4})", s)
    if m and not in_range(int(m[1])):
        raise UsageError(t("period.year", text=whole, lo=MIN_YEAR, hi=MAX_YEAR))
    try:
        if m := _YEAR.match(s):
            return year(int(m[1]))
        if m := _QUARTER.match(s):
            return quarter(int(m[1]), int(m[2]))
        if m := _MONTH.match(s):
            return month(int(m[1]), int(m[2]))
        if m := _DAY.match(s):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Period(d, d, d.isoformat())
    except ValueError:
        pass
    raise UsageError(t("period.invalid", text=whole))


def parse(text: str | None, *, today: dt.date | None = None) -> Period:
    """Parse a period; None or empty means the current year."""
    if text is None or not text.strip():
        return year((today or dt.date.today()).year)
    s = text.strip()
    if ".." in s:
        left, _, right = s.partition("..")
        a, b = _single(left, s), _single(right, s)
        if a.start > b.end:
            raise UsageError(t("period.reversed", text=s))
        return Period(a.start, b.end, s)
    return _single(s, s)
