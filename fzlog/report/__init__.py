"""Drafting the annual 法治政府建设年度报告 from the ledger.

``content`` builds the document model (``model``) from records, the phrasebook and the ledger's
``[report]`` settings (``settings``) and the year's notes (``notes``); ``markdown`` and ``docx``
lay it out; ``checks`` fetches the target check for the appendix. No click, no rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

__all__ = ["Document", "build_report", "draft"]


def __getattr__(name: str) -> Any:
    """``build_report`` and ``Document`` on first use: ``fzlog validate`` reads only the notes and
    settings modules and need not load the report's content builder."""
    if name == "build_report":
        from fzlog.report.content import build_report

        return build_report
    if name == "Document":
        from fzlog.report.model import Document

        return Document
    raise AttributeError(name)


def draft_period(ledger, year: int):
    """The dates the report for ``year`` and its appendix's target check (``checks.year_checks``)
    read: the year, the previous one (同比), back to the years ``[report.since]`` counts from, and
    the check's — one load serves both."""
    from fzlog.period import Period
    from fzlog.report.checks import check_period

    span, checked = _span(_settings(ledger), year), check_period(ledger, year)
    if checked is None:
        return span
    return Period(min(span.start, checked.start), max(span.end, checked.end))


def _span(settings, year: int):
    from fzlog.period import Period

    first = min([year - 1, *settings.since.values()])
    return Period(dt.date(first, 1, 1), dt.date(year, 12, 31))


def _settings(ledger):
    from fzlog.report import settings as settings_mod

    return settings_mod.load(ledger.config.raw, ledger.registry, str(ledger.config.path or "fzlog.toml"))


def draft(
    ledger,
    year: int,
    *,
    org: str | None = None,
    date: dt.date | None = None,
    rounded: bool = False,
    checks: Sequence[Any] | None = None,
    loaded=None,
):
    """The report for ``year`` from ``ledger``: ``(Document, Loaded)`` — the loaded records come
    back so the caller can warn about files that could not be read. ``loaded``: what
    ``ledger.load(draft_period(ledger, year))`` gave, when the caller has it already (read again
    if it does not cover the report's dates)."""
    from fzlog.report import notes as notes_mod
    from fzlog.report.content import build_report

    settings = _settings(ledger)
    notes = notes_mod.load(ledger.notes_path(year))
    span = _span(settings, year)
    if loaded is None or not loaded.covers(span):
        loaded = ledger.load(span)
    doc = build_report(
        loaded.records,
        ledger.registry,
        year,
        org=org or ledger.config.org,
        date=date or dt.date.today(),
        settings=settings,
        notes=notes,
        checks=checks,
        rounded=rounded,
    )
    return doc, loaded
