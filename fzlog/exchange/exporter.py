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
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fzlog import tally as tally_mod
from fzlog import values
from fzlog.errors import FzlogError, UsageError
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
    held = records if consume and isinstance(records, list) else list(records)
    return render_years(fmt, [held], registry, kinds, shown=shown)


def render_years(
    fmt: str,
    years: Iterable[list[Record]],
    registry: Registry,
    kinds: Sequence[str] = (),
    *,
    again: Callable[[], Iterable[list[Record]]] | None = None,
    shown: Visible | None = None,
) -> Iterator[bytes]:
    """What :func:`render_pieces` gives, from the records a year at a time (lists in date order,
    each emptied as it is written: a long period is never held whole). A CSV header and Excel's
    sheets need to know every record first: ``years`` is gone through for that, then ``again()``
    gives the years anew to be written (None: ``years`` is a list, gone through twice)."""
    shown = shown if shown is not None else Visible()
    if fmt == "jsonl":
        return to_jsonl(r for year in years for r in drain(year))
    plan = Plan.of(years, registry, kinds, widths=fmt == "xlsx", seen=Seen() if again is not None else None)
    rows = years if again is None else again()
    if fmt == "csv":
        return to_csv_rows(plan, rows, registry, shown)
    return iter((to_xlsx_rows(plan, rows, registry, shown),))


class Seen:
    """What a pass over the records met of what lays a file out (each record's id, kind and
    fields: the header, the sheets, their totals), to tell whether a second pass over the same
    period met the same (a record added, removed or given other figures in between would
    otherwise be left out of the file, or counted in totals its rows do not add up to)."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)

    def add(self, r: Record) -> None:
        self._hash.update(repr((r.id, r.kind, r.fields)).encode("utf-8", "surrogatepass"))

    def digest(self) -> bytes:
        return self._hash.digest()


def same_as(first: Seen | None, years: Iterable[list[Record]]) -> Iterator[list[Record]]:
    """``years`` as they are, checked against what the first pass met (``first``; None: nothing
    to check): raises FzlogError once they are gone through if they differ."""
    if first is None:
        yield from years
        return
    again = Seen()
    for year in years:
        for r in year:
            again.add(r)
        yield year
    if again.digest() != first.digest():
        raise FzlogError(t("export.changed_meanwhile"))


@dataclass
class Plan:
    """What a CSV header and Excel's sheets need to know of every record exported, found in a
    first pass over them: the kinds present (with those asked for), per kind the implicit fields
    its records give (count, at_least), and for Excel each column's widest cell, its rows and
    the kind's tally."""

    present: list[Kind]
    implicit: dict[str, set[str]]
    widths: dict[str, dict[str, int]]  # kind -> key -> the widest cell (Excel)
    rows: dict[str, int]
    partials: tally_mod.Partials
    seen: Seen | None = None  # what the pass met (given: the rows are checked against it)

    @classmethod
    def of(
        cls,
        years: Iterable[list[Record]],
        registry: Registry,
        kinds: Sequence[str],
        widths: bool,
        seen: Seen | None = None,
    ) -> Plan:
        implicit: dict[str, set[str]] = {}
        wide: dict[str, dict[str, int]] = {}
        rows: dict[str, int] = {}
        parts: list[tally_mod.Partials] = []
        plans: dict[str, tally_mod.Plan] = {}
        keys: dict[str, list[str]] = {}
        for year in years:
            for r in year:
                if seen is not None:
                    seen.add(r)
                rows[r.kind] = rows.get(r.kind, 0) + 1
                given = implicit.setdefault(r.kind, set())
                given.update(name for name in IMPLICIT if name in r.fields)
                if not widths:
                    continue
                kind = registry.get(r.kind)
                mine = keys.get(r.kind)
                if mine is None:
                    fields = [f.name for f in kind.all_fields] if kind else []
                    mine = keys[r.kind] = [*SHEET_COMMON, *fields, "id"]
                width = wide.setdefault(r.kind, {})
                for key in mine:
                    value = cell_value(r, key, kind)
                    if value is not None:
                        w = 10 if isinstance(value, dt.date) else display_width(str(value))
                        if w > width.get(key, 0):
                            width[key] = w
            if widths:
                parts.append(tally_mod.partials(year, registry, plans))
        present = {*rows, *kinds}
        return cls(
            [k for k in registry if k.slug in present],
            implicit,
            wide,
            rows,
            tally_mod.joined(parts) if widths else {},
            seen,
        )


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


def _columns_of(kind: Kind, used: set[str]) -> list[Field]:
    """A kind's field columns: its own fields, after ``count`` and ``at_least`` when a record
    exported has them (a quantity record, a lower bound: so that they import back)."""
    return [f for f in kind.all_fields if not f.implicit or f.name in used]


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


def to_csv_rows(plan: Plan, years: Iterable[list[Record]], registry: Registry, shown: Visible) -> Iterator[bytes]:
    """The CSV of the records of ``years`` (each list emptied as it is written), laid out by ``plan``."""
    used = set().union(*plan.implicit.values())
    by_name: dict[str, list[Field]] = {}
    for k in plan.present:
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
        for year in same_as(plan.seen, years):
            for rec in drain(year):
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


def to_xlsx_rows(plan: Plan, years: Iterable[list[Record]], registry: Registry, shown: Visible) -> bytes:
    """An Excel workbook of the records of ``years`` (each list emptied as it is written), laid
    out by ``plan``: a sheet per kind, written row by row (openpyxl's write-only mode: an export
    of 100,000 records is not held as a million cell objects; each sheet is written to its own
    temporary file, so the rows of a year go to their sheets as they come)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrapped = Alignment(wrap_text=True, vertical="top")

    def styled(ws, value: Any):
        if value is None or not isinstance(value, (dt.date, str)):
            return value
        cell = text_cell(ws, value, shown)
        _style_value(cell, value, wrapped)
        return cell

    sheets: dict[str, tuple[Any, Kind, list[Field], list[str]]] = {}
    for kind in plan.present:
        ws = wb.create_sheet(_sheet_name(shown(kind.display_label()), taken))
        fields = _columns_of(kind, plan.implicit.get(kind.slug, set()))
        keys = [*SHEET_COMMON, *(f.name for f in fields), "id"]
        headers = [cols.common_header(k) for k in SHEET_COMMON]
        headers += [cols.field_header(f) for f in fields] + [cols.common_header("id")]
        # the widths first: in write-only mode columns are laid out before any row
        widest = plan.widths.get(kind.slug, {})
        widths = [max(display_width(h), widest.get(key, 0)) for h, key in zip(headers, keys, strict=True)]
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(MIN_WIDTH, w + 2))
        ws.freeze_panes = "A2"
        _sized(ws, plan.rows.get(kind.slug, 0) + 2, len(headers))
        header_cells = []
        for h in headers:
            cell = text_cell(ws, h, shown)  # (a label from fzlog.toml may start with "=")
            cell.font, cell.fill, cell.alignment = bold, fill, Alignment(vertical="center")
            header_cells.append(cell)
        ws.append(header_cells)
        sheets[kind.slug] = (ws, kind, fields, keys)
    try:
        for year in same_as(plan.seen, years):
            for rec in drain(year):
                sheet = sheets.get(rec.kind)
                if sheet is None:  # (a kind the first pass did not meet: same_as refuses the file)
                    continue
                ws, kind, _, keys = sheet
                ws.append([styled(ws, cell_value(rec, key, kind)) for key in keys])
    except FzlogError:
        for ws, *_ in sheets.values():  # (each sheet's temporary file closed and removed)
            ws.close()
        raise
    for ws, kind, fields, _ in sheets.values():
        total = tally_mod.tally_of(
            {kind.slug: plan.partials[kind.slug]} if kind.slug in plan.partials else {}, registry, kinds=[kind.slug]
        ).kinds[kind.slug]
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
    if not plan.present:  # nothing to export and no kind asked for: an empty 台账 with the common headers
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
