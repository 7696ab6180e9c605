"""Text on its way out: how wide it is, and how to keep it inert in the file it goes to.

One function a concern, for every writer (terminal tables, Excel, CSV, Word, Markdown):

- :func:`display_width`: columns a text takes in a monospaced font (two for wide CJK characters,
  none for combining marks); a Word page's width in characters is half of it.
- :func:`guard_formula`: a cell Excel would take for a formula (it starts with = + - @, a tab or
  a carriage return, OWASP "CSV injection") gets a leading ``'``.
- :func:`visible`: characters Word and Excel cannot hold (control characters, U+FFFE/U+FFFF,
  lone surrogates) replaced by visible marks (␁, ␛, �); :func:`count_invisible` says how many.
- :func:`escape_md`: record text made literal in Markdown (no heading, list, link or HTML from a
  title with a newline or a ``<script>`` in it).
- :func:`json_array_pieces`: a JSON array written a piece at a time, as ``json.dumps(…,
  indent=2)`` writes the whole list (a long listing is never held as one text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from fzlog.limits import BAD_CHARS

FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


def display_width(s: str) -> int:
    """Columns ``s`` takes in a terminal or a monospaced editor: two for wide (CJK) characters,
    none for combining marks; of a text of several lines, its widest line."""
    if "\n" in s:
        return max(display_width(line) for line in s.split("\n"))
    if s.isascii():
        return len(s)
    width = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def guard_formula(s: str) -> str:
    """``s`` with a leading ``'`` if a spreadsheet would run it as a formula (``=SUM(1,1)``,
    ``+1``, ``-1``, ``@x``, a leading tab or carriage return); text already so guarded gets one
    more, so that importing strips exactly one."""
    return "'" + s if FORMULA_START.match(s) else s


def _mark(m: re.Match) -> str:
    ch = m.group()
    if ch < " ":
        return chr(0x2400 + ord(ch))  # ␀ … ␟ (Unicode "control pictures")
    if ch == "\x7f":
        return "\u2421"  # ␡
    return "\ufffd"


def visible(s: str) -> str:
    """``s`` with every character Word and Excel refuse replaced by a visible mark."""
    return BAD_CHARS.sub(_mark, s) if BAD_CHARS.search(s) else s


def count_invisible(s: str) -> int:
    """How many characters :func:`visible` would replace in ``s``."""
    return len(BAD_CHARS.findall(s))


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
_MD_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")


def escape_md(s: str) -> str:
    """Record text as literal Markdown inline text: one line (a line break becomes a space, so it
    cannot start a heading or a list item), the characters Markdown or HTML act on inline
    escaped with a backslash (``<script>`` stays text), and a start that would make a heading,
    a quote or a list item escaped too."""
    one_line = " ".join(visible(s).splitlines())
    escaped = _MD_INLINE.sub(r"\\\1", one_line)
    return _MD_START.sub(lambda m: m[1] + "\\" + m[2], escaped, count=1)


class Visible:
    """:func:`visible` that counts what it replaced, so a writer can say so once at the end."""

    def __init__(self) -> None:
        self.replaced = 0

    def __call__(self, s: str) -> str:
        if not BAD_CHARS.search(s):
            return s
        self.replaced += count_invisible(s)
        return visible(s)


def json_array_pieces(items: Iterable[Any], indent: str = "") -> Iterator[str]:
    """A JSON array of ``items`` as ``json.dumps(list(items), ensure_ascii=False, indent=2)``
    writes it at the indent ``indent``, one piece an item (an iterator of texts)."""
    import json

    first = True
    for item in items:
        # (JSON escapes line breaks in strings: every "\n" of the text is an indent)
        yield (
            ("[\n  " if first else ",\n  ")
            + indent
            + json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  " + indent)
        )
        first = False
    yield "[]" if first else "\n" + indent + "]"
