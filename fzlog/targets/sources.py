"""The documents the checklist cites, each in one of three states, and the years it is in force.

A source is a ``[sources.<id>]`` table of a targets file (or fzlog.toml):

    title       the citation as printed: document, issuer, number
    state       original (its wording was read in the document itself) · secondary (read only as
                quoted or summarised by another publication) · not-found (looked for, not found)
    from/until  the days it is in force ("2019-09-01", or a year); until left out: still in force
    where       where it was read (the official text, a county's disclosure page, …)
    read        what was read of it (articles, the part that matters)
    quote       the wording read, verbatim: required for original
    replaced_by what takes over once it has expired (another source's id, or a sentence)

A target cites sources by id; what it takes from them (an article, a sentence) is its ``basis``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fzlog.messages import get_lang, t

ORIGINAL, SECONDARY, NOT_FOUND = "original", "secondary", "not-found"
STATES = (ORIGINAL, SECONDARY, NOT_FOUND)
# the weakest state of a target's sources is the target's: not-found < secondary < original
_STRENGTH = {NOT_FOUND: 0, SECONDARY: 1, ORIGINAL: 2}

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_day(text: str, *, end: bool) -> dt.date | None:
    """ "2019-09-01" → that day; "2021-02" → its first day (``end``: its last); "2026" → 1 January
    (``end``: 31 December); None if malformed."""
    m = _DAY.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    year = int(m[1])
    try:
        if m[2] is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        month = int(m[2])
        if m[3] is None:
            if not end:
                return dt.date(year, month, 1)
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, month, int(m[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Span:
    """The days something is in force; ``until`` None: still in force."""

    start: dt.date | None = None
    until: dt.date | None = None
    start_text: str = field(default="", compare=False)  # as written: "2018", "2016-06", "2019-09-01"
    until_text: str = field(default="", compare=False)

    def covers(self, year: int) -> bool:
        """In force on at least one day of ``year``."""
        return (self.start is None or self.start <= dt.date(year, 12, 31)) and (
            self.until is None or self.until >= dt.date(year, 1, 1)
        )

    def ended_before(self, year: int) -> bool:
        return self.until is not None and self.until < dt.date(year, 1, 1)

    def starts_after(self, year: int) -> bool:
        return self.start is not None and self.start > dt.date(year, 12, 31)

    def text(self) -> str:
        start = self.start_text or (self.start.isoformat() if self.start else "")
        if self.until is None:
            return t("check.period.from", start=start) if start else t("check.period.open")
        until = self.until_text or self.until.isoformat()
        return f"{start}～{until}" if start else t("check.period.until", until=until)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    state: str
    span: Span = field(default_factory=Span)
    where: str = ""
    read: str = ""
    quote: tuple[str, ...] = ()
    replaced_by: str = ""
    note: str = ""
    title_en: str = ""

    def display_title(self) -> str:
        return (self.title_en or self.title) if get_lang() == "en" else self.title

    def state_label(self) -> str:
        return state_label(self.state)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "state": self.state,
            "state_label": self.state_label(),
            **self.span.to_dict(),
            "where": self.where,
            "read": self.read,
            "quote": list(self.quote),
            "replaced_by": self.replaced_by,
            "note": self.note,
        }


def state_label(state: str | None) -> str:
    """已核对原文 / 据转述 / 未找到原文 (in the current language); "" for an unstated state."""
    return t("check.state." + state) if state else ""


def weakest(states: list[str]) -> str | None:
    return min(states, key=_STRENGTH.__getitem__) if states else None


@dataclass(frozen=True)
class Citation:
    """A source as a target cites it in the year checked: ``expired`` once its end has passed,
    ``pending`` while it is not yet in force."""

    source: Source
    expired: bool = False
    pending: bool = False

    @property
    def in_force(self) -> bool:
        return not (self.expired or self.pending)

    def wording(self) -> str:
        """ "《…》（厅字〔2019〕28号）（据转述：县政府信息公开页）" and, if the year is past its
        end, "已于 2025-12-31 到期"."""
        s = self.source
        parts = [s.state_label() + (f"：{s.where}" if s.where else "")]
        if self.expired:
            parts.append(t("check.source.expired", until=s.span.until, by=replacement_text(s)))
        elif self.pending:
            parts.append(t("check.source.pending", start=s.span.start))
        return t("check.d.paren", text=s.display_title(), inner=t("check.join").join(parts))

    def to_dict(self) -> dict:
        return {**self.source.to_dict(), "in_force": self.in_force, "expired": self.expired}


def replacement_text(source: Source) -> str:
    return source.replaced_by or t("check.source.no_successor")


__all__ = [
    "ORIGINAL",
    "SECONDARY",
    "NOT_FOUND",
    "STATES",
    "Span",
    "Source",
    "Citation",
    "parse_day",
    "state_label",
    "weakest",
    "replacement_text",
]
