"""The checklist's data: a target, its result for a year, and the whole check (its JSON contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fzlog.errors import Problem
from fzlog.messages import get_lang, t
from fzlog.targets.rules import Rule
from fzlog.targets.rules.base import BEHIND, MET, NA, ON_TRACK, PENDING, STATUSES, UNMET
from fzlog.targets.windows import Window

FAILING = (UNMET, BEHIND)


def status_label(status: str) -> str:
    """达标 / 未达标 / 进度正常 / 进度滞后 / 待到期 / 不适用 (in the current language)."""
    return t("check.status." + status)


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    source: str
    verified: bool
    rule: Rule
    verified_note: str = ""
    title_en: str = ""

    def display_title(self) -> str:
        return (self.title_en or self.title) if get_lang() == "en" else self.title


@dataclass(frozen=True)
class Checklist:
    """The targets a ledger is held against, in order, and the occasions' windows."""

    profile: str
    targets: tuple[Target, ...]
    windows: dict[str, Window] = field(default_factory=dict)
    source: str = ""  # the targets file the checklist came from

    def ids(self) -> list[str]:
        return [x.id for x in self.targets]


@dataclass
class TargetResult:
    target: Target
    status: str
    required: str
    actual: str
    evidence: list[str] = field(default_factory=list)
    missing_evidence: bool = False  # met only thanks to records without any evidence reference
    failing: list[str] = field(default_factory=list)  # records that fall short
    note: str = ""

    @property
    def label(self) -> str:
        return status_label(self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.target.id,
            "title": self.target.display_title(),
            "source": self.target.source,
            "verified": self.target.verified,
            "verified_note": self.target.verified_note,
            "status": self.status,
            "required": self.required,
            "actual": self.actual,
            "evidence": list(self.evidence),
            "missing_evidence": self.missing_evidence,
            "failing": list(self.failing),
            "note": self.note,
        }


@dataclass
class CheckResult:
    year: int
    as_of: dt.date
    profile: str
    results: list[TargetResult]
    checked_on: dt.date  # the day records and deadlines were looked at
    source: str = ""
    problems: list[Problem] = field(default_factory=list)  # record files skipped while loading

    @property
    def ok(self) -> bool:
        """Every applicable target met or on track (pending and n/a do not fail)."""
        return not any(r.status in FAILING for r in self.results)

    def counts(self) -> dict[str, int]:
        return {s: n for s in STATUSES if (n := sum(1 for r in self.results if r.status == s))}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``fzlog check --json``."""
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "checked_on": self.checked_on.isoformat(),
            "profile": self.profile,
            "ok": self.ok,
            "targets": [r.to_dict() for r in self.results],
        }


__all__ = ["Target", "Checklist", "TargetResult", "CheckResult", "status_label", "MET", "UNMET", "ON_TRACK",
           "BEHIND", "PENDING", "NA", "STATUSES"]
