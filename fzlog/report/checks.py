"""The target check for the report's appendix, when fzlog has it, and how the appendix words a
target's sources.

``fzlog.targets.check_year`` (the ``check`` feature) returns a result whose ``results`` are the
rows of the appendix table. Where fzlog has no target check, this returns None and the appendix
says 【待补充：指标核对】.
"""

from __future__ import annotations

from typing import Any

STATE_WORDS = {"original": "已核对原文", "secondary": "据转述", "not-found": "未找到原文"}


def year_checks(ledger, year: int, loaded=None) -> list[Any] | None:
    """The rows of the appendix table. ``loaded``: what ``ledger.load`` gave for dates that
    include :func:`check_period`'s, when the caller has it."""
    try:
        from fzlog.targets import check_year
    except ModuleNotFoundError as exc:
        if exc.name not in ("fzlog.targets",):
            raise
        return None
    return list(check_year(ledger, year, loaded=loaded).results)


def check_period(ledger, year: int):
    """The dates :func:`year_checks` reads (a Period, or None)."""
    try:
        from fzlog.targets import check_period
    except ModuleNotFoundError as exc:
        if exc.name not in ("fzlog.targets",):
            raise
        return None
    return check_period(ledger, year)


def source_wording(target: Any) -> str:
    """The appendix's 依据 cell: 本地做法 where the threshold is local practice, each document with
    how far it was read (已核对原文 / 据转述 / 未找到原文) and where, 已到期 for one past its end,
    then what the target takes from them. A target of another shape (a plain ``source`` text and a
    ``verified`` flag) is worded as before."""
    citations = getattr(target, "cited", None)
    if citations is None:  # a target of the older shape
        return target.source + ("" if getattr(target, "verified", True) else "（依据待核实）")
    parts = []
    if target.local:
        parts.append("本地做法" + (f"（{target.region}）" if target.region else ""))
    docs = []
    for c in citations:
        words = STATE_WORDS.get(c.source.state, "") + (f"：{c.source.where}" if c.source.where else "")
        if c.expired:
            words += f"，已于{c.source.span.until.isoformat()}到期"
        docs.append(f"{c.source.title}（{words}）")
    if target.source_text:
        words = STATE_WORDS.get(target.source_state or "", "")
        docs.append(target.source_text + (f"（{words}）" if words else ""))
    if docs:
        parts.append("；".join(docs))
    text = "。".join(parts)
    if target.basis:
        text += ("：" if text else "") + target.basis
    return text
