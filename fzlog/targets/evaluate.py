"""Holding a year against the checklist: which day the year is judged at, which records to load,
and each target's result with the records that prove it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from fzlog import period as period_mod
from fzlog.errors import Problem, UsageError
from fzlog.kinds import suggest
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.targets.loader import load_checklist
from fzlog.targets.model import Checklist, CheckResult, Target, TargetResult
from fzlog.targets.rules import Context
from fzlog.targets.rules.base import PASSING

if TYPE_CHECKING:
    from fzlog.store.ledger import Loaded


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
    span, kinds = target.rule.span(year), target.rule.selector.slugs
    first, last = span.start, min(span.end, clock)
    ctx = Context(
        year, as_of, clock, tuple(r for r in records if r.kind in kinds and first <= r.date <= last), registry
    )
    out = target.rule.evaluate(ctx)
    missing = False
    if out.status in PASSING:
        evidenced = replace(ctx, records=tuple(r for r in ctx.records if r.evidence))
        missing = target.rule.evaluate(evidenced).status not in PASSING
    return TargetResult(
        target, out.status, out.required, out.actual, list(out.evidence), missing, list(out.failing), out.note
    )


def check_period(ledger, year: int, **options) -> Period | None:
    """The dates :func:`check_year` reads with the same arguments (its ``as_of``, ``profile``,
    ``targets_file``, ``only``, ``today``; None: none), for a caller that reads them together with
    others once."""
    return _plan(ledger, year, **options)[4]


def _plan(ledger, year, as_of=None, profile=None, targets_file=None, only=(), today=None):
    """``(as_of, clock, checklist, targets, dates to read)`` of a check of ``year``."""
    as_of, clock = judgement_days(year, as_of, today or dt.date.today())
    checklist = load_checklist(ledger.registry, ledger.config, profile=profile, targets_file=targets_file, year=year)
    targets = pick(checklist, only)
    spans = [x.rule.span(year) for x in targets]
    period = None
    if spans:
        start, end = min(s.start for s in spans), min(max(s.end for s in spans), clock)
        if start <= end:  # one read of the dates every rule needs, nothing after the clock
            period = Period(start, end)
    return as_of, clock, checklist, targets, period


def check_year(
    ledger,
    year: int,
    as_of: dt.date | None = None,
    profile: str | None = None,
    targets_file: str | Path | None = None,
    only: Iterable[str] = (),
    today: dt.date | None = None,
    loaded: Loaded | None = None,
) -> CheckResult:
    """Hold ``year`` of ``ledger`` against its checklist (see :mod:`fzlog.targets`). ``loaded``:
    what ``ledger.load`` gave for dates that include :func:`check_period`'s, when the caller has
    it (the result's problems are then its problems); else the check reads its dates itself."""
    as_of, clock, checklist, targets, period = _plan(ledger, year, as_of, profile, targets_file, only, today)
    records: list[Record] = []
    problems: list[Problem] = []
    if period is not None:
        if loaded is None or not loaded.covers(period):
            loaded = ledger.load(period)
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
