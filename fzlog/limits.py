"""The one set of limits on what a record may hold, for readers and writers alike.

What ``add``, ``import`` and ``edit`` write is exactly what every reader accepts: a record file
read back is never skipped for a size or a value its writer let through. The limits are far above
anything a real activity record holds (docs/limits in README "可靠性"):

* a record file: at most :data:`MAX_RECORD_BYTES` bytes;
* a text value (title, place, note, a text field): at most :data:`MAX_TEXT_CHARS` characters;
* a list (tags, evidence, a list field): at most :data:`MAX_LIST_ITEMS` items of at most
  :data:`MAX_ITEM_CHARS` characters each;
* a whole number: ``0 ≤ n < MAX_INT`` (10¹²); a decimal: finite, ``0 ≤ x < MAX_FLOAT`` (10¹⁵);
* no control character (U+0000–U+001F but tab, line feed and carriage return; U+007F), no
  noncharacter U+FFFE/U+FFFF, no lone surrogate: Word and Excel cannot hold them.

Each check returns a problem message naming the field and the limit (or the character's position),
or ``None``; nothing here raises.
"""

from __future__ import annotations

import math
import re
from typing import Any

from fzlog.messages import t

MAX_RECORD_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 20_000
MAX_LIST_ITEMS = 500
MAX_ITEM_CHARS = 1_000
MAX_INT = 10**12
MAX_FLOAT = 1e15
#: Digits an integer literal may have before it is worth turning into an int at all (the bound
#: needs 13; Python refuses more than 4300).
MAX_INT_DIGITS = 13

BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def bad_char(text: str) -> tuple[int, str] | None:
    """The 1-based position and the first character of ``text`` that no record may hold."""
    m = BAD_CHARS.search(text)
    return (m.start() + 1, m.group()) if m else None


def char_name(ch: str) -> str:
    """A character as a person can read it in a message: U+0001."""
    return f"U+{ord(ch):04X}"


def text_problem(field: str, value: str, *, max_chars: int = MAX_TEXT_CHARS) -> str | None:
    """Why a text value cannot be a record's ``field`` (too long, a control character), or None."""
    if len(value) > max_chars:
        return t("limits.text", field=field, n=len(value), limit=max_chars)
    found = bad_char(value)
    if found:
        return t("limits.char", field=field, pos=found[0], char=char_name(found[1]))
    return None


def list_problem(field: str, items: Any) -> str | None:
    """Why a list of texts cannot be a record's ``field``, or None."""
    if len(items) > MAX_LIST_ITEMS:
        return t("limits.list", field=field, n=len(items), limit=MAX_LIST_ITEMS)
    for i, item in enumerate(items, 1):
        if isinstance(item, str):
            problem = text_problem(f"{field}[{i}]", item, max_chars=MAX_ITEM_CHARS)
            if problem:
                return problem
    return None


def number_problem(field: str, value: Any, *, decimal: bool = False) -> str | None:
    """Why a number cannot be a record's ``field`` (out of range, not finite), or None.
    ``decimal``: the field holds decimals (bounded by MAX_FLOAT, whole numbers by MAX_INT)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return t("limits.float", field=field, value=value, limit="10^15")
    if decimal or isinstance(value, float):
        if value >= MAX_FLOAT:
            return t("limits.float", field=field, value=short(str(value)), limit="10^15")
    elif value >= MAX_INT:
        return t("limits.int", field=field, value=short(str(value)))
    return None


def value_problem(field: str, value: Any, *, decimal: bool = False) -> str | None:
    """Why any record value (text, list, number, date, bool) breaks a limit, or None."""
    if isinstance(value, str):
        return text_problem(field, value)
    if isinstance(value, (list, tuple)):
        return list_problem(field, value)
    return number_problem(field, value, decimal=decimal)


def record_problems(rec, kind=None) -> list[tuple[str, str]]:
    """Every ``(field, message)`` of a :class:`~fzlog.record.Record` that breaks a limit
    (``kind``: the record's :class:`~fzlog.kinds.Kind`, to tell decimal fields)."""
    out = []
    for name in ("title", "place", "note", "tags", "evidence"):
        problem = value_problem(name, getattr(rec, name))
        if problem:
            out.append((name, problem))
    for name, value in rec.fields.items():
        f = kind.field(name) if kind is not None else None
        problem = value_problem(name, value, decimal=f is not None and f.type == "float")
        if problem:
            out.append((name, problem))
    return out


def size_problem(size: int) -> str | None:
    """Why a record file of ``size`` bytes cannot be written (and would not be read), or None."""
    if size > MAX_RECORD_BYTES:
        return t("limits.file", size=size, limit=MAX_RECORD_BYTES)
    return None


def short(text: str, n: int = 20) -> str:
    """A long value cut for a message: 12345678901234567890…（共 5000 位）."""
    return text if len(text) <= n else t("limits.cut", head=text[:n], n=len(text))


def int_text(text: str) -> int | None:
    """A run of decimal digits as an int, or None when it has too many digits to be in range
    (never hands int() thousands of digits)."""
    digits = text.lstrip("+").replace("_", "").lstrip("0") or "0"
    if len(digits) > MAX_INT_DIGITS:
        return None
    return int(digits)


# spreadsheets (fzlog import) -------------------------------------------------------------------
# Checked before parsing (sizes) and while streaming (rows, columns, cells, time), so that no
# file, however built, takes more than a few hundred MB of memory or more than MAX_READ_SECONDS.
MAX_SHEET_FILE_BYTES = 64 * 1024 * 1024  # an .xlsx or .csv file as it is on disk
MAX_PART_PACKED_BYTES = 64 * 1024 * 1024  # one part (zip member) of an .xlsx, compressed
MAX_PART_BYTES = 96 * 1024 * 1024  # one part of an .xlsx, uncompressed (zipfile stops at the declared size)
MAX_STRINGS_PART_BYTES = 24 * 1024 * 1024  # xl/sharedStrings.xml, read whole by openpyxl
MAX_ROWS = 50_000  # rows of a sheet (or a CSV file) up to the last one with data
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000  # filled cells of all the sheets read
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
MAX_ROW_CHARS = 2_000_000  # characters of one CSV row (all its fields)
MAX_READ_SECONDS = 120
