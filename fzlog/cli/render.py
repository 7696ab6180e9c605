"""Renderers for the terminal: rich tables, JSON and CSV. One function per shape of output."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any, Iterable, Sequence

import click


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return Console(file=stream, highlight=False, soft_wrap=not tty, width=None if tty else 200,
                   emoji=False, markup=False)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    click.echo(buf.getvalue(), nl=False)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
          caption: str | None = None, justify: dict[int, str] | None = None) -> None:
    """A rich table on stdout; a ``None`` row draws a rule between row groups."""
    from rich import box
    from rich.table import Table

    tbl = Table(title=title, caption=caption, box=box.SIMPLE_HEAVY, title_justify="left",
                caption_justify="left", show_lines=False)
    for i, col in enumerate(columns):
        tbl.add_column(col, justify=(justify or {}).get(i, "left"), overflow="fold")
    for row in rows:
        if row is None:  # a rule between row groups
            tbl.add_section()
            continue
        tbl.add_row(*[("" if c is None else str(c)) for c in row])
    console().print(tbl)


def warn(message: str) -> None:
    click.echo(message, err=True)
