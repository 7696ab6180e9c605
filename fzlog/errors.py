"""Errors a user can cause, each carrying what the user needs to fix it.

The CLI maps them to an exit code in one place: :class:`UsageError` → 2, anything else → 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FzlogError(Exception):
    """A problem with data a user supplied (a file, the ledger, a value). Exit code 1."""

    exit_code = 1

    def __init__(
        self, message: str, *, path: Path | str | None = None, line: int | None = None, hint: str | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:  # "file:line: message"
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class UsageError(FzlogError):
    """A bad argument or option on the command line. Exit code 2."""

    exit_code = 2


class LedgerNotFound(UsageError):
    pass


class ValueProblem(FzlogError):
    """A value that does not fit its field (wrong type, negative count, unknown field)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found while loading or validating a record file (beancount-style error record).
    (Slotted: a validate of a big ledger may hold a hundred thousand of them.)"""

    path: Path
    message: str
    code: str
    line: int | None = None
    column: int | None = None
    severity: str = "error"  # or "warning"

    def location(self, base: Path | None = None) -> str:
        path = self.path
        if base is not None:
            try:
                path = self.path.relative_to(base)
            except ValueError:
                pass
        loc = str(path)
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return loc
