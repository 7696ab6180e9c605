"""Renderers for the terminal: rich tables, JSON and CSV. One function per shape of output."""

from __future__ import annotations

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
    import json  # (here: most commands print no JSON)

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    click.echo(buf.getvalue(), nl=False)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
          caption: str | None = None, justify: dict[int, str] | None = None) -> None:
    """A table on stdout; a ``None`` row draws a rule between row groups. At a terminal it is a
    rich table fitted to the window; written to a file or a pipe it is plain text (see
    :func:`plain_table`), and rich is not even loaded."""
    cells = [None if row is None else ["" if c is None else safe(str(c)) for c in row] for row in rows]
    if not to_terminal():
        click.echo(plain_table(title, columns, cells, caption=caption, justify=justify), nl=False)
        return
    from rich import box
    from rich.table import Table

    tbl = Table(title=title, caption=caption, box=box.SIMPLE_HEAVY, title_justify="left",
                caption_justify="left", show_lines=False)
    for i, col in enumerate(columns):
        tbl.add_column(col, justify=(justify or {}).get(i, "left"), overflow="fold")
    for row in cells:
        if row is None:  # a rule between row groups
            tbl.add_section()
            continue
        tbl.add_row(*row)
    console().print(tbl)


def to_terminal() -> bool:
    """Whether stdout is a terminal (else a file or a pipe)."""
    return sys.stdout.isatty()


def plain_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[str] | None], *,
                caption: str | None = None, justify: dict[int, str] | None = None) -> str:
    """A table as plain text for files and pipes: columns aligned by display width (a Chinese
    character takes two), two spaces apart, a heavy rule under the header and a light one between
    row groups; no line is folded and none ends in spaces, so ``grep`` and ``diff`` see whole rows."""
    right = {i for i, how in (justify or {}).items() if how == "right"}
    header = [safe(str(c)) for c in columns]
    body = [None if row is None else [cell.split("\n") for cell in row] for row in rows]
    widths = [display_width(h) for h in header]
    for row in body:
        for i, cell in enumerate(row or ()):
            widths[i] = max(widths[i], *map(display_width, cell))

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            pad = " " * (widths[i] - display_width(text))
            out.append(pad + text if i in right else text + pad)
        return "  ".join(out).rstrip()

    total = sum(widths) + 2 * (len(widths) - 1)
    out = [title, ""] if title else []
    out += [line(header), "━" * total]
    for row in body:
        if row is None:
            out.append("─" * total)
            continue
        for k in range(max(len(cell) for cell in row)):  # a cell with line breaks spans lines
            out.append(line([cell[k] if k < len(cell) else "" for cell in row]))
    if caption:
        out += ["", caption]
    return "\n".join(out) + "\n"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a monospaced editor: two for wide (CJK) characters,
    none for combining marks."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


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
