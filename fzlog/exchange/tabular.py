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
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t

FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}
MAX_CSV_BYTES = 200 * 1024 * 1024


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


def read(path: Path, *, encoding: str | None = None,
         choose: Callable[[list[str]], Sequence[str]] | None = None) -> list[Sheet]:
    """The sheets of a spreadsheet file. ``choose`` picks which worksheets of a workbook to read
    (all of them if not given); a CSV file is one sheet."""
    path = Path(path)
    fmt = format_of(path)
    if not path.is_file():
        raise UsageError(t("tabular.no_file", path=path))
    if fmt == "xlsx":
        if encoding:
            raise UsageError(t("tabular.encoding_for_csv"))
        return read_xlsx(path, choose)
    return [read_csv(path, encoding)]


def read_xlsx(path: Path, choose: Callable[[list[str]], Sequence[str]] | None = None) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():  # "no default style" and the like, from files WPS wrote
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FzlogError(t("tabular.bad_xlsx", path=path, reason=str(exc) or type(exc).__name__)) from None
    try:
        names = list(wb.sheetnames)
        chosen = list(choose(names)) if choose else names
        sheets = []
        for name in chosen:
            ws = wb[name]
            rows = []
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                cells = list(values)
                while cells and is_blank(cells[-1]):
                    cells.pop()
                rows.append(Row(number, tuple(cells)))
            sheets.append(Sheet(name, tuple(rows), "xlsx"))
        return sheets
    finally:
        wb.close()


def read_csv(path: Path, encoding: str | None = None) -> Sheet:
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise FzlogError(t("tabular.too_large", path=path, limit=MAX_CSV_BYTES // (1024 * 1024)))
        raw = path.read_bytes()
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    text, used = decode(raw, path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, path))
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            while cells and is_blank(cells[-1]):
                cells.pop()
            rows.append(Row(number, tuple(cells)))
    except csv.Error as exc:
        raise FzlogError(t("tabular.bad_csv", reason=exc), path=path, line=reader.line_num) from None
    return Sheet(path.stem, tuple(rows), "csv", used)


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(t("tabular.unknown_encoding", encoding=encoding)) from None
        if name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            return raw.decode(name), name
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise FzlogError(t("tabular.decode_failed", encoding=encoding), path=path, line=line) from None
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    for name in ("utf-8", "gb18030"):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    raise FzlogError(t("tabular.undetected_encoding"), path=path)


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
