"""Holding a year against the checklist: which day the year is judged at, which records to load,
and each target's result with the records that prove it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from fzlog import period as period_mod
from fzlog.errors import UsageError
from fzlog.kinds import suggest
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.targets.loader import load_checklist
from fzlog.targets.model import Checklist, CheckResult, Target, TargetResult
from fzlog.targets.rules import Context
from fzlog.targets.rules.base import PASSING


def judgement_days(year: int, as_of: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """``(as_of, clock)``. Without ``as_of`` the year is judged at today, kept within the year (a
    past year at its end), while records and deadlines are seen as they stand today: the report on
    2024, dated in 2025, counts. A given ``as_of`` is both: the ledger as it stood that day."""
    span = period_mod.year(year)
    if as_of is None:
        return min(max(today, span.start), span.end), today
    if as_of < span.start:
        raise UsageError(t("check.err.as_of", as_of=as_of, year=year))
    return as_of, as_of


def pick(checklist: Checklist, only: Iterable[str]) -> list[Target]:
    """The targets ``only`` names (all if none); a name may be a target not in force that year."""
    only = list(dict.fromkeys(only))
    ids = checklist.ids() + [x.id for x in checklist.not_in_force]
    for tid in only:
        if tid not in ids:
            guess = suggest(tid, ids)
            raise UsageError(
                t(
                    "check.err.only",
                    id=tid,
                    hint=t("kind.did_you_mean", guess=guess) if guess else "",
                    ids="、".join(ids),
                )
            )
    return [x for x in checklist.targets if not only or x.id in only]


def evaluate(
    target: Target, year: int, as_of: dt.date, clock: dt.date, records: Iterable[Record], registry
) -> TargetResult:
    """One target's result. A result that passes only thanks to records without any evidence
    reference (the same rule fails on the evidenced records alone) is flagged missing_evidence."""
    span = target.rule.span(year)
    ctx = Context(year, as_of, clock, tuple(r for r in records if r.date in span and r.date <= clock), registry)
    out = target.rule.evaluate(ctx)
    missing = False
    if out.status in PASSING:
        evidenced = replace(ctx, records=tuple(r for r in ctx.records if r.evidence))
        missing = target.rule.evaluate(evidenced).status not in PASSING
    return TargetResult(
        target, out.status, out.required, out.actual, list(out.evidence), missing, list(out.failing), out.note
    )


def check_year(
    ledger,
    year: int,
    as_of: dt.date | None = None,
    profile: str | None = None,
    targets_file: str | Path | None = None,
    only: Iterable[str] = (),
    today: dt.date | None = None,
) -> CheckResult:
    """Hold ``year`` of ``ledger`` against its checklist (see :mod:`fzlog.targets`)."""
    as_of, clock = judgement_days(year, as_of, today or dt.date.today())
    checklist = load_checklist(ledger.registry, ledger.config, profile=profile, targets_file=targets_file, year=year)
    targets = pick(checklist, only)
    spans = [x.rule.span(year) for x in targets]
    records: list[Record] = []
    problems = []
    if spans:
        start, end = min(s.start for s in spans), min(max(s.end for s in spans), clock)
        if start <= end:  # one read of the dates every rule needs, nothing after the clock
            loaded = ledger.load(Period(start, end))
            records, problems = loaded.records, loaded.problems
    results = [evaluate(x, year, as_of, clock, records, ledger.registry) for x in targets]
    later = [x for x in checklist.not_in_force if not only or x.id in only]
    return CheckResult(
        year=year,
        as_of=as_of,
        profile=checklist.profile,
        results=results,
        checked_on=clock,
        source=checklist.source,
        problems=problems,
        not_in_force=later,
        expired_sources=checklist.expired_sources(),
    )
