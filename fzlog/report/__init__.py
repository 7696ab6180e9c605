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


def draft(
    ledger,
    year: int,
    *,
    org: str | None = None,
    date: dt.date | None = None,
    rounded: bool = False,
    checks: Sequence[Any] | None = None,
):
    """The report for ``year`` from ``ledger``: ``(Document, Loaded)`` — the loaded records come
    back so the caller can warn about files that could not be read."""
    from fzlog.period import Period
    from fzlog.report import notes as notes_mod
    from fzlog.report import settings as settings_mod
    from fzlog.report.content import build_report

    source = str(ledger.config.path or "fzlog.toml")
    settings = settings_mod.load(ledger.config.raw, ledger.registry, source)
    notes = notes_mod.load(ledger.notes_path(year))
    first = min([year - 1, *settings.since.values()])
    loaded = ledger.load(Period(dt.date(first, 1, 1), dt.date(year, 12, 31)))
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
