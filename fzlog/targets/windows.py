"""Occasions whose dates vary by year (宪法宣传周, 科技活动周, 知识产权宣传周, 全国科普月).

The dates live in data (``[windows.<name>]`` of a targets file or fzlog.toml), never in code:
``dates`` for every year, ``years`` for a given year (it wins), ``themes`` naming the occasion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from fzlog.messages import get_lang

MonthDay = tuple[int, int]


def parse_month_day(text: str) -> MonthDay | None:
    """ "03-01" → (3, 1); None unless it is a month and day (29 February allowed)."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    try:
        dt.date(2024, int(parts[0]), int(parts[1]))
    except ValueError:
        return None
    return int(parts[0]), int(parts[1])


def parse_range(text: str) -> tuple[MonthDay, MonthDay] | None:
    """ "12-01..12-10" → ((12, 1), (12, 10)); None if malformed or reversed."""
    left, sep, right = text.partition("..")
    a, b = parse_month_day(left), parse_month_day(right if sep else left)
    if a is None or b is None or a > b:
        return None
    return a, b


def on_day(year: int, md: MonthDay) -> dt.date:
    """Month and day in ``year`` (29 February becomes the 28th in a common year)."""
    try:
        return dt.date(year, *md)
    except ValueError:
        return dt.date(year, md[0], md[1] - 1)


@dataclass(frozen=True)
class Window:
    name: str
    title: str = ""
    title_en: str = ""
    dates: tuple[MonthDay, MonthDay] | None = None
    years: Mapping[int, tuple[MonthDay, MonthDay]] = field(default_factory=dict)
    themes: tuple[str, ...] = ()
    source: str = ""

    def display_title(self) -> str:
        return (self.title_en or self.title or self.name) if get_lang() == "en" else (self.title or self.name)

    def days(self, year: int) -> tuple[dt.date, dt.date] | None:
        """The window's first and last day in ``year``, if its dates that year are known."""
        span = self.years.get(year, self.dates)
        if span is None:
            return None
        return on_day(year, span[0]), on_day(year, span[1])
