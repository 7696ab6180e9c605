"""Showing problems found in record files: the skip warnings every reading command prints, and
``fzlog validate``'s report — ``FILE:LINE[:COL]: message``, the offending line, a hint — in the
manner of hledger and bean-check.

Text from record files is hostile input: control characters and bidi overrides are shown escaped,
never sent to the terminal, and long text is cut.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from fzlog.cli import render
from fzlog.errors import Problem
from fzlog.messages import t

MAX_SKIP_LINES = 20  # one warning line per skipped file, up to this many; then a count
MAX_PER_FILE = 10  # problems shown per file by `fzlog validate` (all of them in --json)


def display_path(path: Path, cwd: str | None = None) -> str:
    """A file as the user can open it: relative to the current directory (``cwd`` when given: a
    report of many files looks it up once) when below it."""
    here = os.path.abspath(cwd or os.getcwd())
    full = os.path.normpath(os.path.join(here, path))  # (os.path.abspath, with the directory known)
    if full == here:
        return "."
    if full.startswith(here.rstrip(os.sep) + os.sep):
        return Path(full[len(here.rstrip(os.sep)) + 1 :]).as_posix()
    return str(path)


def location(p: Problem, display: Callable[[Path], str] = display_path) -> str:
    loc = display(p.path)
    if p.line:
        loc += f":{p.line}"
        if p.column:
            loc += f":{p.column}"
    return loc


def clean(text: str, limit: int = 400) -> str:
    """``text`` safe for one terminal line (see render.safe; tabs as spaces), cut to ``limit``."""
    s = render.safe(text.replace("\t", "    "), keep="")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def first_sentence(message: str) -> str:
    """What went wrong, without the advice that follows (which `fzlog validate` gives)."""
    for stop in ("。", ". "):
        i = message.find(stop)
        if 0 < i < len(message) - len(stop):
            return message[: i + len(stop)].rstrip()
    return message


def warn_skipped(problems: Iterable[Problem]) -> None:
    """One warning line per record file skipped because of an error, then the count and the
    command that explains them all (`fzlog validate`). Silent when nothing was skipped."""
    first: dict[Path, Problem] = {}
    for p in problems:
        if p.severity == "error":
            first.setdefault(p.path, p)
        elif p.code == "cache-off":  # (a notice, said once: the cache was refused)
            click.echo(p.message, err=True)
    if not first:
        return
    for p in list(first.values())[:MAX_SKIP_LINES]:
        render.warn(t("skip.file", location=location(p), message=clean(first_sentence(p.message), 160)))
    if len(first) > MAX_SKIP_LINES:
        render.warn(t("skip.more", count=len(first) - MAX_SKIP_LINES))
    render.warn(t("ledger.skipped", count=len(first), first=location(next(iter(first.values())))))


def problem_dict(p: Problem, hint: str, display: Callable[[Path], str] = display_path) -> dict:
    """The ``--json`` shape of one problem."""
    return {
        "path": display(p.path).replace(os.sep, "/"),
        "line": p.line,
        "column": p.column,
        "code": p.code,
        "message": p.message,
        "hint": hint or None,
    }


def echo_report(problems: list[Problem], hint) -> None:
    """Every problem (in path order, as validate gives them): location, severity and message; the
    offending line (with a caret at the column when known); and a hint (``hint(problem)``, which
    goes by the problem's code). At most MAX_PER_FILE problems per file. What is known of a file
    is let go of once its problems are written (a report of 100,000 files holds none of them)."""
    sources = _Sources()
    cwd = os.getcwd()
    last: Path | None = None
    here = ""  # the last file as shown

    def display(path: Path) -> str:
        nonlocal last, here
        if path != last:
            last, here = path, display_path(path, cwd)
        return here

    error, warning = t("validate.error"), t("validate.warning")
    hints: dict[str, str] = {}  # the hint line of each code
    counts: Counter[Path] | None = None
    out: list[str] = []  # written a thousand lines at a time
    at: Path | None = None  # the file of the problems being written, and how many so far
    n = 0
    for p in problems:
        n = n + 1 if p.path == at else 1
        at = p.path
        if n > MAX_PER_FILE:
            if n == MAX_PER_FILE + 1:
                counts = counts or Counter(q.path for q in problems)
                out.append("  " + t("validate.more_in_file", count=counts[p.path] - MAX_PER_FILE))
            continue
        label = error if p.severity == "error" else warning
        out.append(t("validate.line", location=location(p, display), label=label, message=clean(p.message)))
        src = sources.line(p.path, p.line) if p.line else None
        if src is not None:
            gutter = f"{p.line:>5} | "
            out.append(gutter + clean(src, 160))
            if p.column:
                caret = " " * render.display_width(clean(src[: p.column - 1])) + "^"
                out.append(" " * (len(gutter) - 2) + "| " + caret)
        line = hints.get(p.code)
        if line is None:
            text = hint(p)
            line = hints[p.code] = "      " + t("validate.hint", hint=text) if text else ""
        if line:
            out.append(line)
        if len(out) >= 1000:
            click.echo("\n".join(out))
            out.clear()
    if out:
        click.echo("\n".join(out))


class _Sources:
    """The lines of files named in problems, each file read once, decoded as best it can be. Only
    the file last asked about is kept: problems come in path order (a report of 100,000 files
    does not hold them all)."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._lines: list[str] = []

    def line(self, path: Path, number: int) -> str | None:
        if path != self._path:
            from fzlog import encoding
            from fzlog.store import fsio

            try:
                self._lines = encoding.display_text(fsio.read_bytes(path, fsio.MAX_RECORD_BYTES)).split("\n")
            except (OSError, fsio.TooLarge):
                self._lines = []
            self._path = path
        if not 1 <= number <= len(self._lines):
            return None
        return self._lines[number - 1].rstrip("\r")
