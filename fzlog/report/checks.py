"""The target check for the report's appendix, when fzlog has it.

``fzlog.targets.check_year`` (the ``check`` feature) returns a result whose ``results`` are the
rows of the appendix table. Where fzlog has no target check, this returns None and the appendix
says 【待补充：指标核对】.
"""

from __future__ import annotations

from typing import Any


def year_checks(ledger, year: int) -> list[Any] | None:
    try:
        from fzlog.targets import check_year
    except ModuleNotFoundError as exc:
        if exc.name not in ("fzlog.targets",):
            raise
        return None
    return list(check_year(ledger, year).results)
