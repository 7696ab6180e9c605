"""Reading spreadsheets into rows numbered as the user sees them.

``.xlsx`` through openpyxl (imported only when needed); ``.csv``/``.tsv``/``.txt`` in UTF-8,
UTF-8 with BOM, UTF-16 with BOM (Excel's "Unicode text") or GB18030 (Excel and WPS on Chinese
Windows), detected in that order unless an encoding is given. Row numbers are those Excel shows:
the first line is row 1, blank lines count.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fzlog import limits
from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t

FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}


@dataclass(frozen=True)
class Row:
    number: int  # as Excel shows it: the first row of the sheet is 1
    cells: tuple[Any, ...]

    def cell(self, index: int) -> Any:
        return self.cells[index] if index < len(self.cells) else None

    def is_empty(self) -> bool:
        return all(is_blank(c) for c in self.cells)


@dataclass(frozen=True)
class Sheet:
    name: str  # the worksheet's name; for a CSV file, the file's name without suffix
    rows: tuple[Row, ...]
    source: str  # "xlsx" or "csv"
    encoding: str = ""  # CSV: the encoding it was read in


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(t("tabular.bad_suffix", path=path, suffix=path.suffix or "（无）"))
    return fmt


def read(
    path: Path, *, encoding: str | None = None, choose: Callable[[list[str]], Sequence[str]] | None = None
) -> list[Sheet]:
    """The sheets of a spreadsheet file. ``choose`` picks which worksheets of a workbook to read
    (all of them if not given); a CSV file is one sheet. Hostile files are refused with a message
    naming the limit of :mod:`fzlog.limits` they break and how to split them."""
    path = Path(path)
    fmt = format_of(path)
    if not path.is_file():
        raise UsageError(t("tabular.no_file", path=path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    if size > limits.MAX_SHEET_FILE_BYTES:
        raise FzlogError(t("tabular.limit_file", size=_mb(size), limit=_mb(limits.MAX_SHEET_FILE_BYTES)), path=path)
    if fmt == "xlsx":
        if encoding:
            raise UsageError(t("tabular.encoding_for_csv"))
        return read_xlsx(path, choose)
    return [read_csv(path, encoding)]


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


class _Budget:
    """The limits a reading keeps to while it streams: rows, columns, cells, cell length, time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells = 0
        self.deadline = time.monotonic() + limits.MAX_READ_SECONDS

    def fail(self, key: str, **params) -> FzlogError:
        return FzlogError(t(key, **params), path=self.path)

    def row(self, number: int, cells: list) -> None:
        """Check a row that has data (``cells`` without trailing blanks)."""
        if number > limits.MAX_ROWS:
            raise self.fail("tabular.limit_rows", limit=limits.MAX_ROWS, row=number)
        if len(cells) > limits.MAX_COLUMNS:
            raise self.fail("tabular.limit_columns", row=number, n=len(cells), limit=limits.MAX_COLUMNS)
        for i, c in enumerate(cells):
            if isinstance(c, str) and len(c) > limits.MAX_CELL_CHARS:
                raise self.fail(
                    "tabular.limit_cell", row=number, column=column_letter(i), n=len(c), limit=limits.MAX_CELL_CHARS
                )
        self.cells += len(cells)
        if self.cells > limits.MAX_CELLS:
            raise self.fail("tabular.limit_cells", limit=limits.MAX_CELLS, row=number)

    def tick(self, number: int) -> None:
        if not number % 1000 and time.monotonic() > self.deadline:
            raise self.fail("tabular.limit_time", limit=limits.MAX_READ_SECONDS, row=number)

    def take(self, rows: list[Row], number: int, cells: list) -> None:
        """Add row ``number`` to ``rows`` (trailing blank cells dropped) within the limits; empty
        rows past the row limit are only counted through (a sheet may format a million)."""
        self.tick(number)
        while cells and is_blank(cells[-1]):
            cells.pop()
        if cells:
            self.row(number, cells)
            rows.append(Row(number, tuple(cells)))
        elif number <= limits.MAX_ROWS:
            rows.append(Row(number, ()))

    @staticmethod
    def trimmed(rows: list[Row]) -> tuple[Row, ...]:
        """The rows without the empty ones after the last with data (they say nothing)."""
        while rows and not rows[-1].cells:
            rows.pop()
        return tuple(rows)


_DTD_MARKS = tuple(
    mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_xlsx_parts(path: Path) -> None:
    """Refuse a workbook before any XML of it is parsed: a part larger than the limits (packed
    or unpacked, as the zip says: Python's zipfile never gives more than the declared size), or
    XML with a DTD (entity expansion, external entities: Excel never writes one)."""
    budget = _Budget(path)
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                unpacked_limit = (
                    limits.MAX_STRINGS_PART_BYTES
                    if info.filename.lower().endswith("sharedstrings.xml")
                    else limits.MAX_PART_BYTES
                )
                for what, size, limit in (
                    ("tabular.part_packed", info.compress_size, limits.MAX_PART_PACKED_BYTES),
                    ("tabular.part_unpacked", info.file_size, unpacked_limit),
                ):
                    if size > limit:
                        raise budget.fail(
                            "tabular.limit_part", part=info.filename, what=t(what), size=_mb(size), limit=_mb(limit)
                        )
                if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(info) as part:
                    tail = b""
                    while chunk := part.read(1024 * 1024):
                        window = tail + chunk
                        if any(mark in window for mark in _DTD_MARKS):
                            raise budget.fail("tabular.dtd", part=info.filename)
                        tail = window[-32:]
                        if time.monotonic() > budget.deadline:
                            raise budget.fail("tabular.limit_time", limit=limits.MAX_READ_SECONDS, row=0)
    except FzlogError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
        zlib.error,
    ) as exc:  # (RuntimeError: an encrypted member)
        raise FzlogError(t("tabular.bad_xlsx", path=path, reason=str(exc) or type(exc).__name__)) from None


def read_xlsx(path: Path, choose: Callable[[list[str]], Sequence[str]] | None = None) -> list[Sheet]:
    """The sheets of a workbook, streamed (openpyxl's read-only mode) within the limits: the
    sheet's own ``<dimension>`` is not trusted (a one-cell file may claim A1:XFD1048576)."""
    from openpyxl import load_workbook

    check_xlsx_parts(path)
    budget = _Budget(path)
    try:
        with warnings.catch_warnings():  # "no default style" and the like, from files WPS wrote
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
    except FzlogError:
        raise
    except Exception as exc:  # noqa: BLE001  (a hostile or damaged workbook fails in many ways inside openpyxl)
        raise FzlogError(t("tabular.bad_xlsx", path=path, reason=_reason(exc))) from None
    try:
        names = list(wb.sheetnames)
        chosen = list(choose(names)) if choose else names
        sheets = []
        for name in chosen:
            ws = wb[name]
            ws.reset_dimensions()  # rows as the sheet holds them, not as its <dimension> claims
            rows: list[Row] = []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                budget.take(rows, number, list(values))
            sheets.append(Sheet(name, budget.trimmed(rows), "xlsx"))
        return sheets
    except FzlogError:
        raise
    except Exception as exc:  # noqa: BLE001  (<v>abc</v> in a number cell, truncated XML, a bad zip member …)
        raise FzlogError(t("tabular.bad_xlsx", path=path, reason=_reason(exc))) from None
    finally:
        wb.close()


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


class _RowTooLong(Exception):
    pass


class _Lines:
    """The lines of a text stream for csv.reader, refusing a row (all the lines the reader takes
    for one row) longer than MAX_ROW_CHARS: a file of 50 million commas is never one list."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.chars = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.stream.readline(limits.MAX_ROW_CHARS + 1)
        if not line:
            raise StopIteration
        self.chars += len(line)
        if self.chars > limits.MAX_ROW_CHARS:
            raise _RowTooLong
        return line


def read_csv(path: Path, encoding: str | None = None) -> Sheet:
    """A CSV file as one sheet, streamed: the file is decoded twice (once to tell its encoding,
    once to read it), never held whole, within the limits of :mod:`fzlog.limits`."""
    used, sample = detect(path, encoding)
    budget = _Budget(path)
    delimiter = _delimiter(sample, path)
    rows: list[Row] = []
    old_limit = csv.field_size_limit(limits.MAX_CELL_CHARS)
    number = 0
    try:
        with path.open("rb") as raw:
            stream = io.TextIOWrapper(raw, encoding=used, newline="")
            lines = _Lines(stream)
            reader = csv.reader(lines, delimiter=delimiter)
            try:
                for number, cells in enumerate(reader, start=1):
                    lines.chars = 0
                    budget.take(rows, number, cells)
            except _RowTooLong:
                raise budget.fail("tabular.limit_row_chars", row=number + 1, limit=limits.MAX_ROW_CHARS) from None
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise budget.fail(
                        "tabular.limit_cell",
                        row=reader.line_num,
                        column="?",
                        n=f"> {limits.MAX_CELL_CHARS}",
                        limit=limits.MAX_CELL_CHARS,
                    ) from None
                raise FzlogError(t("tabular.bad_csv", reason=exc), path=path, line=reader.line_num) from None
            except UnicodeDecodeError:  # (detect read it whole: only a file changed since)
                raise FzlogError(t("tabular.decode_failed", encoding=used), path=path) from None
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    finally:
        csv.field_size_limit(old_limit)
    return Sheet(path.stem, budget.trimmed(rows), "csv", used)


SAMPLE_CHARS = 256 * 1024
_CHUNK = 1024 * 1024


def detect(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The encoding a CSV file is read in, and the start of its text (for the delimiter): the
    one given, else UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 — each tried on the
    whole file as it streams by. A guessed encoding whose text looks garbled (see
    :func:`fzlog.encoding.looks_garbled`) is not used: the user is asked for ``--encoding``."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(t("tabular.unknown_encoding", encoding=encoding)) from None
        if name == "utf-8" and head.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        sample, failed_line = _decode_all(path, name)
        if failed_line:
            raise FzlogError(t("tabular.decode_failed", encoding=encoding), path=path, line=failed_line)
        return name, sample
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for name in candidates:
        sample, failed_line = _decode_all(path, name, check=True)
        if failed_line:
            continue
        garbled = sample if isinstance(sample, _Garbled) else None
        if garbled is not None:
            raise FzlogError(t("tabular.garbled", encoding=_LABELS.get(name, name), reason=garbled.reason), path=path)
        return name, sample
    raise FzlogError(t("tabular.undetected_encoding"), path=path)


_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030"}


class _Garbled(str):
    reason = ""


def _decode_all(path: Path, name: str, *, check: bool = False) -> tuple[str, int]:
    """Decode the whole file in ``name`` a chunk at a time: the first SAMPLE_CHARS of its text
    and 0, or "" and the line where decoding fails. ``check``: a :class:`_Garbled` sample when
    the text looks wrong for that encoding."""
    from fzlog import encoding as encoding_mod

    decoder = codecs.getincrementaldecoder(name)("strict")
    sample: list[str] = []
    kept = 0
    newlines = 0
    legacy = name == "gb18030"
    try:
        with path.open("rb") as fh:
            while True:
                chunk = fh.read(_CHUNK)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    return "", newlines + chunk[: max(exc.start, 0)].count(b"\n") + 1
                newlines += chunk.count(b"\n")
                if check and text:
                    reason = encoding_mod.looks_garbled(text, legacy=legacy)
                    if reason:
                        garbled = _Garbled(text[:SAMPLE_CHARS])
                        garbled.reason = reason
                        return garbled, 0
                if kept < SAMPLE_CHARS:
                    sample.append(text[: SAMPLE_CHARS - kept])
                    kept += len(sample[-1])
                if not chunk:
                    break
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    return "".join(sample), 0


def _delimiter(text: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def cell_text(value: Any) -> str:
    """A cell as text, the way a person reads it (numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()
