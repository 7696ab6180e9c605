"""Renderers for the terminal: rich tables, JSON and CSV. One function per shape of output."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
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
        tbl.add_row(*[("" if c is None else safe(str(c))) for c in row])
    console().print(tbl)


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe(text: str, keep: str = "\n") -> str:
    """Text from record files made safe for a terminal: control characters (but those in
    ``keep``) and bidi overrides are shown escaped, so a hostile file cannot move the cursor,
    clear the screen or reorder what is shown."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in keep or not (ch in _BIDI or unicodedata.category(ch) == "Cc"):
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)


def warn(message: str) -> None:
    click.echo(message, err=True)
