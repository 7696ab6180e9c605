"""Importing a spreadsheet 台账: map its columns to record fields, check every row, and tell rows
that are new from rows the ledger already holds.

The steps, each a function the CLI calls in turn (nothing is written before :func:`write`)::

    plan(sheets, registry, kind=, maps=)  → [SheetPlan]   which column is which field
    check(plans, registry)                → Checked       every row → a Record, or RowErrors
    compare(ledger, checked.candidates)   → Outcome       new rows vs rows already imported
    write(ledger, outcome.new)            → [Record]

**Never twice.** A row's fingerprint is a hash of its content (kind, date, title, place, tags,
note, evidence and fields, normalised: NFKC, collapsed spaces, sorted tags, 2 == 2.0). A row is
already imported when a record with the same fingerprint exists on that date in the ledger. The
ledger itself is the memory: nothing else is stored, so the check works the same on every clone,
after a merge, and after records were added by hand. Counting is per fingerprint, so a file with
the same row twice gives two records, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fzlog import limits, values
from fzlog import record as record_mod
from fzlog.errors import FzlogError, Problem, UsageError, ValueProblem
from fzlog.exchange import columns as cols
from fzlog.exchange.tabular import Row, Sheet, cell_text, column_letter, is_blank
from fzlog.kinds import COMMON_KEYS, Kind, Registry, suggest
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record

Progress = Callable[[int, int], None]
HEADER_SCAN_ROWS = 10  # a title row or two may stand above the header row
TAG_SEPARATORS = re.compile(r"[,，、;；\n]")
EVIDENCE_SEPARATORS = re.compile(r"[;；\n]")
_FORMULA_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")  # CSV cells the exporter guarded (outtext.guard_formula)
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    target: str | None  # a common key (date, kind, title …) or a field name; None: not imported
    how: str  # "map" (--map), "exact", "alias", "guess", "ignored", "unknown", "duplicate", "empty"
    other: str = ""  # for "duplicate": the letter of the column that is imported instead

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class SheetPlan:
    sheet: Sheet
    header_row: int
    columns: list[Column]
    kind: Kind | None  # the kind of rows without a kind cell (--kind, or the sheet's name)
    kind_from: str  # "option", "sheet" or ""

    def column(self, target: str) -> Column | None:
        return next((c for c in self.columns if c.target == target), None)

    @property
    def data_rows(self) -> list[Row]:
        return [r for r in self.sheet.rows if r.number > self.header_row]


@dataclass(frozen=True)
class RowError:
    sheet: str  # "" for a CSV file
    row: int
    column: str  # the column's letter, "" when the error is the row's as a whole
    message: str

    def where(self) -> str:
        place = t("import.at_row", row=self.row) + (t("import.at_column", column=self.column) if self.column else "")
        return (t("import.at_sheet", sheet=self.sheet) if self.sheet else "") + place

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet or None, "row": self.row, "column": self.column or None, "message": self.message}


@dataclass(frozen=True)
class Candidate:
    sheet: str
    row: int
    record: Record
    fingerprint: str


@dataclass
class Checked:
    plans: list[SheetPlan]
    candidates: list[Candidate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    empty_rows: int = 0
    totals_rows: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Outcome:
    new: list[Candidate] = field(default_factory=list)
    existing: list[tuple[Candidate, str]] = field(default_factory=list)  # with the matching record's id
    similar: list[tuple[Candidate, str]] = field(default_factory=list)  # same kind/date/title, other content
    repeated: list[list[Candidate]] = field(default_factory=list)  # rows of the file with equal content
    errors: list[Problem] = field(default_factory=list)  # unreadable record files in those dates


# mapping --------------------------------------------------------------------------------------
def parse_maps(maps: Iterable[str], registry: Registry) -> list[tuple[str, str | None]]:
    """``--map COLUMN=FIELD`` → (column, target); FIELD ``-`` or empty means "do not import"."""
    vocab = cols.Vocabulary(registry)
    out: list[tuple[str, str | None]] = []
    for text in maps:
        column, sep, name = text.partition("=")
        if not sep or not column.strip():
            raise UsageError(t("import.bad_map", text=text))
        name = name.strip()
        if name in ("", "-"):
            out.append((column.strip(), None))
            continue
        target = vocab.target(name)
        if target is None:
            raise UsageError(t("import.bad_map_field", text=text, field=name))
        out.append((column.strip(), target))
    return out


def choose_sheets(names: list[str], registry: Registry, wanted: Sequence[str] = ()) -> list[str]:
    """Which worksheets to read: those asked for; else every sheet named after a kind (an fzlog
    export: one sheet per kind); else the first sheet."""
    if wanted:
        missing = [w for w in wanted if w not in names]
        if missing:
            raise UsageError(t("import.no_sheet", sheet="、".join(missing), sheets="、".join(names)))
        return list(wanted)
    by_kind = [n for n in names if registry.lookup(n) is not None]
    return by_kind or names[:1]


def plan(
    sheets: Sequence[Sheet],
    registry: Registry,
    *,
    kind: Kind | None = None,
    maps: Sequence[tuple[str, str | None]] = (),
) -> list[SheetPlan]:
    """How each sheet's columns map to record fields. Raises UsageError when a sheet has no date
    or title column, or no way to tell the kind, or a --map names no column."""
    used_maps: set[str] = set()
    plans = []
    for sheet in sheets:
        if all(r.is_empty() for r in sheet.rows):
            continue
        sheet_kind = registry.lookup(sheet.name) if sheet.source == "xlsx" else None
        default = kind or sheet_kind
        vocab = cols.Vocabulary(registry, first=default)
        header = _find_header(sheet, vocab, maps)
        columns = _map_columns(header, vocab, maps, used_maps, sheet)
        p = SheetPlan(sheet, header.number, columns, default, "option" if kind else "sheet" if sheet_kind else "")
        for key in ("date", "title"):
            if p.column(key) is None:
                raise UsageError(
                    t(
                        "import.no_column",
                        what=cols.common_header(key),
                        target=key,
                        sheet=_sheet_label(sheet),
                        headers=_header_list(columns),
                    )
                )
        if p.kind is None and p.column("kind") is None:
            raise UsageError(t("import.no_kind", sheet=_sheet_label(sheet)))
        plans.append(p)
    unused = [c for c, _ in maps if c not in used_maps]
    if unused:
        headers = "；".join(_header_list(p.columns) for p in plans) if plans else "—"
        raise UsageError(t("import.map_unused", column="、".join(unused), headers=headers))
    return plans


def _sheet_label(sheet: Sheet) -> str:
    return sheet.name if sheet.source == "xlsx" else sheet.name + ".csv"


def _header_list(columns: Sequence[Column]) -> str:
    return "、".join(f"{c.letter}“{c.header}”" for c in columns if c.header) or "—"


def _find_header(sheet: Sheet, vocab: cols.Vocabulary, maps) -> Row:
    """The header row: the first of the first rows in which two or more cells are known headers
    (a title row like “2024年法治宣传活动台账” may stand above it); else the first filled row."""
    mapped = {cols.normalise(c) for c, _ in maps}
    filled = [r for r in sheet.rows if not r.is_empty()][:HEADER_SCAN_ROWS]
    for row in filled:
        known = sum(
            1
            for c in row.cells
            if not is_blank(c) and (cols.normalise(c) in mapped or vocab.guess(c).target is not None)
        )
        if known >= 2:
            return row
    return filled[0]


def _map_columns(header: Row, vocab: cols.Vocabulary, maps, used_maps: set[str], sheet: Sheet) -> list[Column]:
    width = max([len(header.cells)] + [len(r.cells) for r in sheet.rows if r.number > header.number])
    headers = [cell_text(header.cell(i)) for i in range(width)]
    explicit: dict[int, str | None] = {}
    for spec, target in maps:
        index = _map_column_index(spec, headers)
        if index is not None:
            used_maps.add(spec)
            if index in explicit:
                raise UsageError(t("import.map_twice", column=spec))
            explicit[index] = target
    columns = []
    for i, h in enumerate(headers):
        if i in explicit:
            target = explicit[i]
            columns.append(Column(i, h, target, "map" if target else "ignored"))
            continue
        if not h:
            has_data = any(not is_blank(r.cell(i)) for r in sheet.rows if r.number > header.number)
            columns.append(Column(i, h, None, "unknown" if has_data else "empty"))
            continue
        g = vocab.guess(h)
        columns.append(Column(i, h, g.target, g.how))
    # one column per target: the best-ranked wins (--map, then exact, alias, guess; then leftmost)
    rank = cols.RANK
    best: dict[str, Column] = {}
    for c in columns:
        if not c.target:
            continue
        current = best.get(c.target)
        if current is not None and current.how == c.how == "map":
            raise UsageError(t("import.map_same_field", field=c.target))
        if current is None or rank[c.how] < rank[current.how]:
            best[c.target] = c
    columns = [
        c
        if not c.target or best[c.target] is c
        else replace(c, target=None, how="duplicate", other=best[c.target].letter)
        for c in columns
    ]
    if "title" not in best:  # 主题 / 活动内容 stands in for a missing 标题 column
        for i, c in enumerate(columns):
            if c.how != "map" and cols.is_title_fallback(c.header):
                columns[i] = replace(c, target="title", how="alias")
                break
    return columns


def _map_column_index(spec: str, headers: list[str]) -> int | None:
    n = cols.normalise(spec)
    for i, h in enumerate(headers):
        if h and cols.normalise(h) == n:
            return i
    if re.fullmatch(r"[A-Za-z]{1,3}", spec):  # a column letter, as Excel shows it
        index = 0
        for ch in spec.upper():
            index = index * 26 + ord(ch) - 64
        return index - 1 if index <= len(headers) else None
    return None


# checking -------------------------------------------------------------------------------------
def check(
    plans: Sequence[SheetPlan],
    registry: Registry,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    root: Path | None = None,
) -> Checked:
    """Turn every row into a record, or collect what is wrong with it (all rows, all errors):
    every check a write would make (the limits of :mod:`fzlog.limits`, the record file's size,
    and, given the ledger's ``root``, evidence paths that must stay inside it) runs here, so
    that a file with a bad row writes nothing."""
    out = Checked(list(plans))
    total = sum(len(p.data_rows) for p in plans)
    done = 0
    for p in plans:
        sheet_name = p.sheet.name if p.sheet.source == "xlsx" else ""
        for row in p.data_rows:
            done += 1
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
            if row.is_empty():
                out.empty_rows += 1
                continue
            first = next(c for c in row.cells if not is_blank(c))
            if cols.is_totals_word(first):
                out.totals_rows.append((sheet_name, row.number))
                continue
            rec, errors = convert_row(p, row, registry, today=today)  # a record xor its errors
            if rec is not None:
                errors = writable(p, row, rec, registry, root)
            if errors:
                out.errors.extend(replace(e, sheet=sheet_name) for e in errors)
            elif rec is not None:
                out.candidates.append(Candidate(sheet_name, row.number, rec, fingerprint(rec, registry)))
    return out


def convert_row(
    p: SheetPlan, row: Row, registry: Registry, *, today: dt.date | None = None
) -> tuple[Record | None, list[RowError]]:
    """One row → a Record, or every error in it, each with its column."""
    errors: list[RowError] = []

    def error(column: Column | None, message: str) -> None:
        errors.append(RowError("", row.number, column.letter if column else "", message))

    def text_of(key: str) -> tuple[Column | None, str]:
        c = p.column(key)
        return c, (_text(row.cell(c.index), p.sheet) if c else "")

    kind = p.kind
    kind_col, kind_text = text_of("kind")
    if kind_text:
        kind = registry.lookup(kind_text)
        if kind is None:
            guess = suggest(kind_text, registry.names())
            error(
                kind_col,
                t("import.unknown_kind", name=kind_text, hint=t("kind.did_you_mean", guess=guess) if guess else ""),
            )
    elif kind is None:
        error(kind_col, t("import.missing", what=kind_col.header if kind_col else cols.common_header("kind")))

    date = None
    date_col = p.column("date")
    assert date_col is not None  # plan() refuses a sheet without one
    raw_date = row.cell(date_col.index)
    if is_blank(raw_date):
        error(date_col, t("import.missing", what=date_col.header))
    else:
        try:
            date = to_date(raw_date, date_col.header, p.sheet, today=today)
        except ValueProblem as exc:
            error(date_col, exc.message)

    title_col, title = text_of("title")
    assert title_col is not None  # plan() refuses a sheet without one
    if not title:
        error(title_col, t("import.missing", what=title_col.header))
    common: dict[str, Any] = {key: text_of(key)[1] for key in ("place", "note")}
    common["tags"] = _split(text_of("tags")[1], TAG_SEPARATORS)
    common["evidence"] = _split(text_of("evidence")[1], EVIDENCE_SEPARATORS)

    fields: dict[str, Any] = {}
    bounds: dict[str, str] = {}
    for c in p.columns:
        if not c.target or c.target in COMMON_KEYS or is_blank(row.cell(c.index)) or kind is None:
            continue
        f = kind.field(c.target)
        if f is None:
            error(c, t("import.not_a_field", kind=kind.display_label(), header=c.header))
            continue
        try:
            parsed = to_parsed(f, row.cell(c.index), c.header, p.sheet, today=today, kind=kind)
        except ValueProblem as exc:
            error(c, exc.message)
            continue
        fields[f.name] = parsed.value
        if parsed.bound:  # 2000余: the number, and the word in at_least (values.with_bounds)
            bounds[f.name] = parsed.bound
    if bounds:
        fields = values.with_bounds(fields, bounds)
    if errors:
        return None, errors
    assert kind is not None and date is not None  # either missing is an error above
    return Record(kind=kind.slug, date=date, title=title, fields=fields, **common), []


def writable(p: SheetPlan, row: Row, rec: Record, registry: Registry, root: Path | None) -> list[RowError]:
    """What would stop ``rec`` (made from ``row``) from being written: a limit, the file's size,
    an evidence path outside the ledger at ``root`` — each with its column."""

    def column_of(name: str) -> str:
        c = p.column(name)
        return c.letter if c else ""

    errors = [
        RowError("", row.number, column_of(name), message)
        for name, message in limits.record_problems(rec, registry.get(rec.kind))
    ]
    if not errors:
        try:
            record_mod.to_toml(rec, registry)
        except FzlogError as exc:
            errors.append(RowError("", row.number, "", exc.message))
    if root is not None:
        from fzlog.store.layout import check_evidence

        try:
            check_evidence(root, rec.evidence)
        except FzlogError as exc:
            errors.append(RowError("", row.number, column_of("evidence"), exc.message))
    return errors


def _text(value: Any, sheet: Sheet) -> str:
    s = cell_text(value)
    if sheet.source == "csv" and _FORMULA_ESCAPED.match(s):
        s = s[1:]
    return s


def _split(text: str, separators: re.Pattern) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in separators.split(text) if p.strip()))


def to_date(value: Any, header: str, sheet: Sheet, *, today: dt.date | None = None) -> dt.date:
    """A date cell: an Excel date, an Excel serial number (a date column formatted as a number),
    or text as ``fzlog add --date`` accepts it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (
        sheet.source == "xlsx"
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 20000 <= value <= 80000
    ):
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    return values.parse_date(_TIME_SUFFIX.sub("", _text(value, sheet)), today=today, field=header)


def to_parsed(
    f, value: Any, header: str, sheet: Sheet, *, today: dt.date | None = None, kind: Kind | None = None
) -> values.Parsed:
    """A field cell → its value and lower bound, by the grammar ``add --set`` uses (values.parse):
    300份, 2000余, 两万; a number in a column headed in 万元 is taken in 万元."""
    named = replace(f, name=header)
    if f.type == "date":
        return values.Parsed(to_date(value, header, sheet, today=today))
    if f.type == "bool" and isinstance(value, bool):
        return values.Parsed(value)
    if f.numeric and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(value) if isinstance(value, float) else str(value)
    text = _text(value, sheet)
    scale = cols.header_scale(f, header) if f.numeric else 1
    units = kind.units if kind is not None and f.name == "count" else ()
    result = values.parse(named, text, today=today, units=units, scale=scale)
    return values.Parsed(result.value.strip(), result.bound) if isinstance(result.value, str) else result


# never twice ----------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(rec: Record, registry: Registry) -> str:
    """A hash of what a record says (not where it is stored): equal for a row and the record made
    from it, and for the same row imported again from another copy of the file."""
    kind = registry.get(rec.kind)
    fields = {}
    for name, value in rec.fields.items():
        if value is None or value == "" or value == [] or value == ():
            continue
        f = kind.field(name) if kind else None
        if f is not None and f.type == "float" or isinstance(value, float):
            value = float(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = _norm(value)
        elif isinstance(value, (list, tuple)):
            value = [_norm(str(v)) for v in value]
        fields[name] = value
    data = [
        rec.kind,
        rec.date.isoformat(),
        _norm(rec.title),
        _norm(rec.place),
        sorted(_norm(x) for x in rec.tags),
        _norm(rec.note),
        sorted(_norm(x) for x in rec.evidence),
        fields,
    ]
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _near_key(rec: Record) -> tuple[str, dt.date, str]:
    return rec.kind, rec.date, _norm(rec.title)


def compare(ledger, candidates: Sequence[Candidate]) -> Outcome:
    """Split rows into new ones and ones the ledger already holds (same fingerprint on the same
    date). Reads only the records in the span of the rows' dates."""
    out = Outcome()
    if not candidates:
        return out
    dates = {c.record.date for c in candidates}
    years, problems = ledger.load_years(Period(min(dates), max(dates)))  # (a year held at a time)
    # (only what a row may match is kept of the ledger's records)
    wanted, close = {c.fingerprint for c in candidates}, {_near_key(c.record) for c in candidates}
    pool: dict[str, list[str]] = defaultdict(list)
    near: dict[tuple, list[str]] = defaultdict(list)
    for year in years:
        for rec in year:
            if rec.date in dates:
                found = fingerprint(rec, ledger.registry)
                if found in wanted:
                    pool[found].append(rec.id)
                key = _near_key(rec)
                if key in close:
                    near[key].append(rec.id)
    out.errors = [p for p in problems if p.severity == "error"]
    matched: set[str] = set()
    for c in candidates:
        ids = pool.get(c.fingerprint)
        if ids:
            matched.add(ids[0])
            out.existing.append((c, ids.pop(0)))
        else:
            out.new.append(c)
    for c in out.new:
        others = [i for i in near.get(_near_key(c.record), []) if i not in matched]
        if others:
            out.similar.append((c, others[0]))
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        groups[c.fingerprint].append(c)
    out.repeated = [g for g in groups.values() if len(g) > 1]
    return out


def write(ledger, candidates: Sequence[Candidate], *, progress: Progress | None = None) -> list[Record]:
    """Add to the ledger the records of the rows it does not hold yet, in file order. The ledger
    lock is held from the check for duplicates to the last write, so that two imports of one file
    at once write each row once. Should writing fail half way, the error says how many were
    written: importing the file again adds only the rest."""
    from fzlog.store.fsio import ledger_lock

    with ledger_lock(ledger.root):
        return _write(ledger, compare(ledger, candidates).new, progress)


def _write(ledger, candidates: Sequence[Candidate], progress: Progress | None) -> list[Record]:
    written: list[Record] = []
    for i, c in enumerate(candidates, 1):
        try:
            written.append(ledger.add(c.record))
        except FzlogError as exc:
            raise FzlogError(
                t("import.partial", written=len(written), total=len(candidates), reason=exc.message)
            ) from None
        if progress and (i % 100 == 0 or i == len(candidates)):
            progress(i, len(candidates))
    return written
