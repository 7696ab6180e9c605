"""The checklist's data: a target, its result for a year, and the whole check (its JSON contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fzlog.errors import Problem
from fzlog.messages import get_lang, t
from fzlog.targets.rules import Rule
from fzlog.targets.rules.base import BEHIND, ENTRUSTED, MET, NA, ON_TRACK, PENDING, STATUSES, UNMET
from fzlog.targets.sources import ORIGINAL, Citation, Source, Span, state_label, weakest
from fzlog.targets.windows import Window

FAILING = (UNMET, BEHIND)


def status_label(status: str, local: bool = False) -> str:
    """达标 / 未达标 / 进度正常 / 进度滞后 / 待到期 / 不适用 / 依法委托出庭 (in the current language);
    an unmet local target reads 本地指标未达到."""
    if local and status == UNMET:
        return t("check.status.unmet-local")
    return t("check.status." + status)


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    rule: Rule
    citations: tuple[Citation, ...] = ()  # the sources it cites, as cited in the year checked
    basis: str = ""  # what it takes from them: an article, a sentence, as read (never an invented number)
    source_text: str = ""  # a document cited as text (a ledger's own target)
    source_state: str | None = None  # the state of ``source_text``, where the ledger gives one
    local: bool = False  # the threshold is local practice (本地做法)
    region: str = ""  # where that practice comes from
    note: str = ""
    span: Span = field(default_factory=Span)
    replaced_by: str = ""  # the target that takes over once this one is no longer in force
    short: str = ""
    short_en: str = ""
    title_en: str = ""

    def display_title(self) -> str:
        return (self.title_en or self.title) if get_lang() == "en" else self.title

    def display_short(self) -> str:
        if get_lang() == "en":
            return self.short_en or self.title_en or self.short or self.title
        return self.short or self.title

    @property
    def cited(self) -> tuple[Citation, ...]:
        """The sources it cites in the year checked: those not yet in force are left out."""
        return tuple(c for c in self.citations if not c.pending)

    @property
    def state(self) -> str | None:
        """The weakest state of what it cites (None: a text source whose state is not given)."""
        return weakest([c.source.state for c in self.cited]) if self.citations else self.source_state

    @property
    def verified(self) -> bool:
        """Every source read in the original, and the threshold not local practice."""
        return self.state == ORIGINAL and not self.local

    @property
    def verified_note(self) -> str:
        return self.note

    @property
    def source(self) -> str:
        """The citation as one text: the documents, then what the target takes from them."""
        titles = [c.source.display_title() for c in self.cited] + ([self.source_text] if self.source_text else [])
        text = "；".join(titles)
        if self.basis:
            text = f"{text}：{self.basis}" if text else self.basis
        return text

    def state_text(self) -> str:
        """ "据转述" / "本地做法（新疆）；未找到原文" …: how far the target's basis was read."""
        parts = []
        if self.local:
            local = t("check.local")
            parts.append(t("check.d.paren", text=local, inner=self.region) if self.region else local)
        if self.state:
            parts.append(state_label(self.state))
        return t("check.join").join(parts)

    def source_lines(self) -> list[str]:
        """Each source with its state, where it was read and, for the year checked, whether it
        has expired."""
        lines = [c.wording() for c in self.cited]
        if self.source_text:
            label = state_label(self.source_state)
            lines.append(t("check.d.paren", text=self.source_text, inner=label) if label else self.source_text)
        return lines

    def sources_dict(self) -> list[dict[str, Any]]:
        out = [c.to_dict() for c in self.cited]
        if self.source_text:
            out.append(
                {
                    "id": None,
                    "title": self.source_text,
                    "state": self.source_state,
                    "state_label": state_label(self.source_state),
                    "in_force": True,
                    "expired": False,
                }
            )
        return out


@dataclass(frozen=True)
class Checklist:
    """The targets a ledger is held against, in order, and the occasions' windows. Made for a
    year, it holds the targets in force that year; ``not_in_force`` the profile's others."""

    profile: str
    targets: tuple[Target, ...]
    windows: dict[str, Window] = field(default_factory=dict)
    source: str = ""  # the targets file the checklist came from
    sources: dict[str, Source] = field(default_factory=dict)  # every source the files define
    not_in_force: tuple[Target, ...] = ()
    framework: tuple[Source, ...] = ()  # what the profile as a whole rests on (the 纲要)
    year: int | None = None

    def ids(self) -> list[str]:
        return [x.id for x in self.targets]

    def expired_sources(self) -> list[Source]:
        """The sources of the profile that ended before the year checked (the 纲要 in 2026)."""
        if self.year is None:
            return []
        seen: dict[str, Source] = {s.id: s for s in self.framework if s.span.ended_before(self.year)}
        for target in self.targets + self.not_in_force:
            for c in target.citations:
                if c.expired:
                    seen.setdefault(c.source.id, c.source)
        return list(seen.values())


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
        return status_label(self.status, self.target.local)

    def to_dict(self) -> dict[str, Any]:
        target = self.target
        return {
            "id": target.id,
            "title": target.display_title(),
            "short": target.display_short(),
            "source": target.source,
            "source_state": target.state,
            "source_state_label": state_label(target.state),
            "sources": target.sources_dict(),
            "local": target.local,
            "region": target.region,
            "period": target.span.to_dict(),
            "verified": target.verified,
            "verified_note": target.verified_note,
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
    not_in_force: list[Target] = field(default_factory=list)  # the profile's targets not in force that year
    expired_sources: list[Source] = field(default_factory=list)  # the profile's sources ended before that year

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
            "not_in_force": [
                {
                    "id": x.id,
                    "title": x.display_title(),
                    "period": x.span.to_dict(),
                    "replaced_by": x.replaced_by,
                    "sources": x.sources_dict(),
                }
                for x in self.not_in_force
            ],
            "expired_sources": [{**s.to_dict(), "replaced_by": s.replaced_by} for s in self.expired_sources],
        }


__all__ = [
    "Target",
    "Checklist",
    "TargetResult",
    "CheckResult",
    "status_label",
    "MET",
    "UNMET",
    "ON_TRACK",
    "BEHIND",
    "PENDING",
    "NA",
    "ENTRUSTED",
    "STATUSES",
]
