"""Exporting records: what superiors ask for (.xlsx, .csv) and what analysis tools read (.jsonl).

- ``.xlsx``: one sheet per kind, named by its Chinese label; Chinese headers with units; real
  Excel dates; a bold 合计 row (count, sums of numbers, count of 是); frozen header; column widths
  fitted to the text.
- ``.csv``: one table (common columns, then every field of the kinds present), UTF-8 with BOM so
  Excel opens it correctly; text that Excel would take for a formula is prefixed with ``'``.
- ``.jsonl``: one ``fzlog list --json`` object per line (DuckDB, pandas, jq read it directly).

Every format imports back (``fzlog import``) to the same records. Files are written atomically and
an existing file is only replaced when asked to.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fzlog import tally as tally_mod
from fzlog import values
from fzlog.errors import UsageError
from fzlog.exchange import columns as cols
from fzlog.kinds import IMPLICIT, Field, Kind, Registry
from fzlog.messages import t
from fzlog.outtext import Visible, display_width, guard_formula
from fzlog.query import drain
from fzlog.record import Record

FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl"}
SHEET_COMMON = ("date", "title", "place", "tags", "note", "evidence")  # a sheet's kind is its name
CSV_COMMON = ("date", "kind", "title", "place", "tags", "note", "evidence")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 8, 60


def format_of(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(t("export.bad_suffix", path=path, suffix=Path(path).suffix or "（无）"))
    return fmt


def render(
    fmt: str, records: Sequence[Record], registry: Registry, kinds: Sequence[str] = (), *, shown: Visible | None = None
) -> bytes:
    """The file's bytes. ``kinds`` (slugs) get a sheet even when no record has them (a template)."""
    return b"".join(render_pieces(fmt, records, registry, kinds, shown=shown))


def render_pieces(
    fmt: str,
    records: Sequence[Record],
    registry: Registry,
    kinds: Sequence[str] = (),
    *,
    consume: bool = False,
    shown: Visible | None = None,
) -> Iterator[bytes]:
    """The file's bytes as they are made (CSV and JSON Lines a thousand records at a time), to
    be written as they come (``output.save``). ``consume``: ``records`` is a list to take each
    record out of once it is written (an export of 100,000 records is then never held twice, as
    records and as what is written). ``shown``: counts the characters Excel cannot hold that
    were replaced by visible marks (the caller says so)."""
    rows = drain(records) if consume and isinstance(records, list) else records
    shown = shown if shown is not None else Visible()
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(records, registry, kinds, rows=rows, shown=shown)
    return iter((to_xlsx(records, registry, kinds, consume=consume, shown=shown),))


def _encoded(texts: Iterable[str], bom: bool = False) -> Iterator[bytes]:
    """The texts encoded in UTF-8 (after a byte order mark, if ``bom``), a thousand at a time."""
    if bom:
        yield codecs.BOM_UTF8
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) >= 1000:
            yield "".join(chunk).encode("utf-8")
            chunk.clear()
    yield "".join(chunk).encode("utf-8")


def to_jsonl(records: Iterable[Record]) -> Iterator[bytes]:
    return _encoded(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)


def _kinds_of(records: Sequence[Record], registry: Registry, kinds: Sequence[str]) -> list[Kind]:
    present = {r.kind for r in records} | set(kinds)
    return [k for k in registry if k.slug in present]


def _columns_of(kind: Kind, used: set[str]) -> list[Field]:
    """A kind's field columns: its own fields, after ``count`` and ``at_least`` when a record
    exported has them (a quantity record, a lower bound: so that they import back)."""
    return [f for f in kind.all_fields if not f.implicit or f.name in used]


def _implicit_used(records: Iterable[Record]) -> set[str]:
    return {name for r in records for name in IMPLICIT if name in r.fields}


def cell_value(rec: Record, key: str, kind: Kind | None) -> Any:
    """The value a cell holds for a common key or field: dates as dates, numbers as numbers,
    是/否 for booleans, lists joined (tags and list fields by 、, evidence one per line)."""
    if key == "date":
        return rec.date
    if key == "kind":
        return kind.display_label() if kind else rec.kind
    if key == "tags":
        return "、".join(rec.tags)
    if key == "evidence":
        return "\n".join(rec.evidence)
    if key in ("title", "place", "note"):
        return getattr(rec, key)
    if key == "id":
        return rec.id
    value = rec.fields.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        return values.display(value)
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return value


# csv ------------------------------------------------------------------------------------------
def _csv_text(value: Any, shown: Visible) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return guard_formula(shown(str(value)))  # Excel must not run =… as a formula


def to_csv(
    records: Sequence[Record],
    registry: Registry,
    kinds: Sequence[str] = (),
    rows: Iterable[Record] | None = None,
    shown: Visible | None = None,
) -> Iterator[bytes]:
    """``rows``: the records to write, when not ``records`` itself (see :func:`render`). Every
    cell and header is guarded against formulas (:func:`fzlog.outtext.guard_formula`)."""
    shown = shown if shown is not None else Visible()
    present = _kinds_of(records, registry, kinds)
    used = _implicit_used(records)
    by_name: dict[str, list[Field]] = {}
    for k in present:
        for f in _columns_of(k, used):
            by_name.setdefault(f.name, []).append(f)
    header = [cols.common_header(k) for k in CSV_COMMON]
    header += [cols.merged_field_header(fs) for fs in by_name.values()] + [cols.common_header("id")]
    header = [_csv_text(h, shown) for h in header]
    buf = io.StringIO()
    writer = csv.writer(buf)  # \r\n line ends, as Excel writes them
    keys = [*CSV_COMMON, *by_name, "id"]

    def lines() -> Iterator[str]:
        writer.writerow(header)
        for rec in records if rows is None else rows:
            kind = registry.get(rec.kind)
            writer.writerow([_csv_text(cell_value(rec, key, kind), shown) for key in keys])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()  # (the header, when there is no record)

    return _encoded(lines(), bom=True)  # (Excel reads UTF-8 CSV by its byte order mark)


# xlsx -----------------------------------------------------------------------------------------
def _sheet_name(label: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", label).strip("'")[:31] or "sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f"_{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def to_xlsx(
    records: Sequence[Record],
    registry: Registry,
    kinds: Sequence[str] = (),
    *,
    consume: bool = False,
    shown: Visible | None = None,
) -> bytes:
    """An Excel workbook, a sheet per kind, written row by row (openpyxl's write-only mode: an
    export of 100,000 records is not held as a million cell objects). ``consume``: see
    :func:`render`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    shown = shown if shown is not None else Visible()
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    present = _kinds_of(records, registry, kinds)
    by_kind: dict[str, list[Record]] = {k.slug: [] for k in present}
    for r in records:
        by_kind[r.kind].append(r)
    if consume and isinstance(records, list):
        records.clear()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrapped = Alignment(wrap_text=True, vertical="top")

    def styled(ws, value: Any, rec: Record):
        if value is None or not isinstance(value, (dt.date, str)):
            return value
        cell = text_cell(ws, value, shown)
        _style_value(cell, value, wrapped)
        return cell

    for kind in present:
        ws = wb.create_sheet(_sheet_name(shown(kind.display_label()), taken))
        rows = by_kind.pop(kind.slug)
        fields = _columns_of(kind, _implicit_used(rows))
        keys = [*SHEET_COMMON, *(f.name for f in fields), "id"]
        headers = [cols.common_header(k) for k in SHEET_COMMON]
        headers += [cols.field_header(f) for f in fields] + [cols.common_header("id")]
        # the widths first: in write-only mode columns are laid out before any row
        widths = [display_width(h) for h in headers]
        for rec in rows:
            for i, key in enumerate(keys):
                value = cell_value(rec, key, kind)
                if value is not None:
                    widths[i] = max(widths[i], 10 if isinstance(value, dt.date) else display_width(str(value)))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(MIN_WIDTH, w + 2))
        ws.freeze_panes = "A2"
        _sized(ws, len(rows) + 2, len(headers))
        header_cells = []
        for h in headers:
            cell = text_cell(ws, h, shown)  # (a label from fzlog.toml may start with "=")
            cell.font, cell.fill, cell.alignment = bold, fill, Alignment(vertical="center")
            header_cells.append(cell)
        ws.append(header_cells)
        total = tally_mod.tally(rows, registry, kinds=[kind.slug]).kinds[kind.slug]
        for rec in drain(rows):
            ws.append([styled(ws, cell_value(rec, key, kind), rec) for key in keys])
        totals: list[Any] = [t("label.total"), t("export.total_count", n=total.count, unit=kind.display_unit())]
        totals += [None] * (len(SHEET_COMMON) - 2)
        totals += [
            total.count if f.name == "count" else total.fields.get(f.name) if f.tallied else None for f in fields
        ] + [None]
        total_cells = []
        for value in totals:
            cell = text_cell(ws, value, shown)
            cell.font = bold
            total_cells.append(cell)
        ws.append(total_cells)
    if not present:  # nothing to export and no kind asked for: an empty 台账 with the common headers
        ws = wb.create_sheet(_sheet_name(t("export.empty_sheet"), taken))
        _sized(ws, 1, len(CSV_COMMON))
        ws.append([text_cell(ws, cols.common_header(k), shown) for k in CSV_COMMON])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sized(ws, rows: int, columns: int) -> None:
    """Have a write-only sheet say its size (``<dimension ref="A1:…"/>``, as a sheet kept in
    memory does; readers such as openpyxl's read-only mode size the sheet by it). openpyxl writes
    what ``calculate_dimension`` gives, if the sheet has it, when the first row is appended."""
    from openpyxl.utils import get_column_letter

    ref = f"A1:{get_column_letter(columns)}{rows}"
    ws.calculate_dimension = lambda: ref


def text_cell(ws, value: Any, shown: Visible):
    """A write-only cell; text stays text (never a formula, even when it starts with "="), with
    the characters Excel refuses replaced by visible marks."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return WriteOnlyCell(ws, value=value)
    cell = WriteOnlyCell(ws, value=shown(value))
    cell.data_type = "s"
    return cell


def _style_value(cell, value: Any, wrapped) -> None:
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, str) and "\n" in value:
        cell.alignment = wrapped
