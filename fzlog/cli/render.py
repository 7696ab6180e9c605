"""Renderers for the terminal: rich tables, JSON and CSV. One function per shape of output."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import click

from fzlog.outtext import display_width, json_array_pieces  # (one width function for every output)

#: how a column is aligned (rich's names)
Justify = Literal["left", "center", "right"]

ECHO_LINES = 1000  # lines (or rows, or items) written to stdout at a time


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return Console(
        file=stream, highlight=False, soft_wrap=not tty, width=None if tty else 200, emoji=False, markup=False
    )


def emit_json(data: Any) -> None:
    """``data`` as indented JSON."""
    import json  # (here: most commands print no JSON)

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_json_items(items: Iterable[Any]) -> None:
    """A JSON array of ``items`` (what :func:`emit_json` of their list writes), each written as
    it is made: a long listing is never held as one text, nor as the records it is made from."""
    echo_pieces(_chain(json_array_pieces(items, ""), "\n"))


def emit_json_object(data: dict[str, Any]) -> None:
    """What :func:`emit_json` writes of ``data``, where a value that is an iterator is a JSON
    array whose items are written as they are made (see :func:`emit_json_items`)."""
    import json

    def pieces() -> Iterator[str]:
        sep = "{\n  "
        for key, value in data.items():
            yield sep + json.dumps(key, ensure_ascii=False) + ": "
            if isinstance(value, Iterator):
                yield from json_array_pieces(value, "  ")
            else:
                yield json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  ")
            sep = ",\n  "
        yield "{}\n" if sep.startswith("{") else "\n}\n"

    echo_pieces(pieces())


def _chain(pieces: Iterator[str], last: str) -> Iterator[str]:
    yield from pieces
    yield last


def echo_pieces(pieces: Iterable[str]) -> None:
    """Text on stdout, about ECHO_LINES pieces at a time."""
    chunk: list[str] = []
    for piece in pieces:
        chunk.append(piece)
        if len(chunk) >= ECHO_LINES:
            click.echo("".join(chunk), nl=False)
            chunk.clear()
    if chunk:
        click.echo("".join(chunk), nl=False)


def emit_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """CSV on stdout, a thousand rows at a time (a long listing is never held as one text)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for k, row in enumerate(rows, 1):
        writer.writerow(row)
        if k % ECHO_LINES == 0:
            click.echo(buf.getvalue(), nl=False)
            buf.seek(0)
            buf.truncate()
    click.echo(buf.getvalue(), nl=False)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any] | None],
    *,
    caption: str | None = None,
    justify: dict[int, Justify] | None = None,
) -> None:
    """A table on stdout; a ``None`` row draws a rule between row groups. At a terminal it is a
    rich table fitted to the window; written to a file or a pipe it is plain text (see
    :func:`plain_table`), and rich is not even loaded."""
    if not to_terminal():
        echo_pieces(line + "\n" for line in plain_lines(title, columns, rows, caption=caption, justify=justify))
        return
    from rich import box
    from rich.table import Table

    tbl = Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
        show_lines=False,
    )
    for i, col in enumerate(columns):
        tbl.add_column(col, justify=(justify or {}).get(i, "left"), overflow="fold")
    for row in rows:
        if row is None:  # a rule between row groups
            tbl.add_section()
            continue
        tbl.add_row(*_cells(row))
    console().print(tbl)


def _cells(row: Sequence[Any]) -> list[str]:
    """A row's cells as safe text (see :func:`safe`)."""
    return ["" if c is None else safe(str(c)) for c in row]


def to_terminal() -> bool:
    """Whether stdout is a terminal (else a file or a pipe)."""
    return sys.stdout.isatty()


def plain_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any] | None],
    *,
    caption: str | None = None,
    justify: dict[int, Justify] | None = None,
) -> str:
    """A table as plain text for files and pipes: columns aligned by display width (a Chinese
    character takes two), two spaces apart, a heavy rule under the header and a light one between
    row groups; no line is folded and none ends in spaces, so ``grep`` and ``diff`` see whole rows."""
    return "".join(line + "\n" for line in plain_lines(title, columns, rows, caption=caption, justify=justify))


def plain_lines(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any] | None],
    *,
    caption: str | None = None,
    justify: dict[int, Justify] | None = None,
) -> Iterator[str]:
    """The lines of :func:`plain_table`. The rows are gone through twice — the widths first —
    and their cells made safe text each time, not kept (a long listing is not held twice)."""
    rows = rows if isinstance(rows, (list, tuple)) else list(rows)
    right = {i for i, how in (justify or {}).items() if how == "right"}
    header = [safe(str(c)) for c in columns]
    widths = [display_width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(_cells(row) if row is not None else ()):
            width = display_width(cell) if "\n" not in cell else max(map(display_width, cell.split("\n")))
            if width > widths[i]:
                widths[i] = width

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            pad = " " * (widths[i] - display_width(text))
            out.append(pad + text if i in right else text + pad)
        return "  ".join(out).rstrip()

    total = sum(widths) + 2 * (len(widths) - 1)
    if title:
        yield title
        yield ""
    yield line(header)
    yield "━" * total
    for row in rows:
        if row is None:
            yield "─" * total
            continue
        cells = _cells(row)
        if not any("\n" in cell for cell in cells):
            yield line(cells)
            continue
        parts = [cell.split("\n") for cell in cells]
        for k in range(max(len(cell) for cell in parts)):  # a cell with line breaks spans lines
            yield line([cell[k] if k < len(cell) else "" for cell in parts])
    if caption:
        yield ""
        yield caption


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


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, ending in "…" where it was cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def terminal_width() -> int | None:
    """The width to fit to: COLUMNS if set, else the terminal's; None when writing to a file or a
    pipe (no line is cut there)."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return max(int(os.environ["COLUMNS"]), 40)
    if sys.stdout.isatty():
        return max(shutil.get_terminal_size().columns, 40)
    return None


def fitted_lines(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    *,
    keep: Sequence[int] = (),
    justify: dict[int, Justify] | None = None,
    wrap_at: dict[int, str] | None = None,
) -> list[str]:
    """A table of one line per row within ``width`` columns (None: no limit). The ``keep``
    columns (ids, verdicts) are never cut; the others give up width in turn, the widest first, and
    their cut cells end in "…". Cells are single lines, but for the ``wrap_at`` columns: their
    cells are cut at the given separator (figures at "；") and the pieces packed into as many
    lines as the width needs, a piece broken only when it alone is wider than the column."""
    wrap_at = wrap_at or {}
    header = [safe(c, keep="") for c in columns]
    cells = [[safe(str(c).replace("\n", " "), keep="") for c in row] for row in rows]
    natural = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    widths = list(natural)
    if width is not None:
        floor = {
            i: min(natural[i], (4 if i not in wrap_at else 16) if i not in keep else natural[i])
            for i in range(len(widths))
        }
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        while excess > 0:
            movable = [i for i in range(len(widths)) if i not in keep and widths[i] > floor[i]]
            if not movable:
                break
            i = max(movable, key=lambda k: widths[k])
            widths[i] -= 1
            excess -= 1
    right = {i for i, how in (justify or {}).items() if how == "right"}

    def line(values: Sequence[str]) -> str:
        out = []
        for i, text in enumerate(values):
            text = clip(text, widths[i])
            pad = " " * (widths[i] - display_width(text))
            out.append(pad + text if i in right else text + pad)
        return "  ".join(out).rstrip()

    def pack(text: str, room: int, sep: str) -> list[str]:
        out: list[str] = []
        pieces = [p + sep for p in text.split(sep)]
        pieces[-1] = pieces[-1][: -len(sep)]
        for piece in pieces:
            if out and display_width(out[-1]) + display_width(piece.rstrip()) <= room:
                out[-1] += piece
            elif display_width(piece.rstrip()) <= room:
                out.append(piece)
            else:  # a long text value: broken at a pause, a number or an id kept whole
                out += wrap(piece, room)
        return [x.rstrip() for x in out] or [""]

    def lines(row: Sequence[str]) -> list[str]:
        if not wrap_at:
            return [line(row)]
        parts = [pack(text, widths[i], wrap_at[i]) if i in wrap_at else [text] for i, text in enumerate(row)]
        return [line([p[k] if k < len(p) else "" for p in parts]) for k in range(max(map(len, parts)))]

    total = sum(widths) + 2 * (len(widths) - 1)
    return [line(header), "━" * total] + [x for r in cells for x in lines(r)]


def wrap(text: str, width: int | None, indent: int = 0) -> list[str]:
    """``text`` broken into lines of at most ``width`` columns (None: one line), continuation
    lines indented by ``indent``; a run of ASCII letters, digits and -/_. (a record id, a number)
    is never broken unless it is longer than a line."""
    if width is None or display_width(text) <= width:
        return [text]
    import re

    tokens = re.findall(r"[A-Za-z0-9_./:-]+|\s+|.", text)
    lines, current, used = [], "", 0
    room = width
    for tok in tokens:
        w = display_width(tok)
        if used + w > room and current.strip():
            # break after the last pause (；，、 or a space) in the second half of the line, if any
            cut = max(current.rfind(ch) for ch in "；，、。 ")
            if cut >= 0 and display_width(current[: cut + 1]) > (width + indent) // 2 and not tok.isspace():
                current, rest = current[: cut + 1], current[cut + 1 :]
            else:
                rest = ""
            lines.append(current.rstrip())
            current = " " * indent + rest
            used = display_width(current)
            if tok.isspace():
                continue
        current += tok
        used += w
    if current.strip():
        lines.append(current.rstrip())
    return lines
