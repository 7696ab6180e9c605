"""A fast reader for the TOML that record files are written in; anything else goes to tomllib.

A record file (see README, "记录文件格式") is one ``key = value`` line per key: bare keys, values
that are basic strings, integers, decimals, booleans, dates or one-line lists of strings. One
regular expression reads such a file faster than :mod:`tomllib` (which parses all of TOML).
:func:`loads` takes the fast way only when *every* line has that simple shape and no key repeats;
for anything else — comments, blank lines, escapes, CRLF line ends, a missing final newline,
syntax errors — it returns exactly what ``tomllib.loads`` returns or raises, because it calls it.
``tests/test_fasttoml.py`` checks that both agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from typing import Any

# A basic string without escapes: no quote, no backslash, no control character but tab (TOML 1.0).
_STR = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_LINE = (
    r"^([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"
    rf"({_STR})"  # 2 string
    r"|(true|false)"  # 3 boolean
    r"|([0-9]{4}-[0-9]{2}-[0-9]{2})"  # 4 local date
    r"|([+-]?(?:0|[1-9][0-9]*))"  # 5 integer
    r"|([+-]?(?:0|[1-9][0-9]*)\.[0-9]+)"  # 6 decimal
    rf"|(\[[ \t]*(?:{_STR}[ \t]*(?:,[ \t]*{_STR}[ \t]*)*)?\])"  # 7 list of strings
    r")[ \t]*$"
)
_ITEM = re.compile(r'"([^"]*)"')
_date = dt.date.fromisoformat


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, faster for record files."""
    data = _fast(text)
    return tomllib.loads(text) if data is None else data


@functools.cache
def _lines() -> re.Pattern:
    """_LINE compiled, on first use: compiling it is not free, and a command that reads no record
    file, such as ``add`` or a load from the cache, need not."""
    return re.compile(_LINE, re.MULTILINE)


def _fast(text: str) -> dict[str, Any] | None:
    """The document's table if every line is a simple ``key = value`` line, else None."""
    rows = _lines().findall(text)
    # No match spans lines and at most one starts on each line, so this holds only when every
    # line matched (and the text ends with a newline).
    if len(rows) != text.count("\n") or not text.endswith("\n"):
        return None
    out: dict[str, Any] = {}
    for key, s, b, d, i, f, lst in rows:
        if key in out:
            return None
        if s:
            out[key] = s[1:-1]
        elif b:
            out[key] = b == "true"
        elif d:
            try:
                out[key] = _date(d)
            except ValueError:
                return None
        elif i:
            out[key] = int(i)
        elif f:
            out[key] = float(f)
        else:
            out[key] = _ITEM.findall(lst)
    return out
