"""The record: one activity, and its file format — the public contract.

A record file is plain TOML, UTF-8 without BOM, ``\\n`` line ends, a trailing newline. Keys come in
a fixed order: the common keys (kind, date, title, place, tags, note, evidence), then the kind's
own fields in registry order. Only keys that carry a value are written.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fzlog import fasttoml, limits, values
from fzlog.errors import Problem, UsageError, ValueProblem
from fzlog.kinds import COMMON_KEYS, COUNT, Registry, unknown_field_message, unknown_kind_message
from fzlog.messages import t


@dataclass(frozen=True, slots=True)
class Record:
    kind: str
    date: dt.date
    title: str
    place: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    evidence: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict, hash=False)
    id: str = ""  # "2024-12-04/publicity-3f9a": the path below the ledger root's year dir, sans .toml
    path: Path | None = field(default=None, compare=False)

    @property
    def short_id(self) -> str:
        return self.id.rsplit("-", 1)[-1] if self.id else ""

    def get(self, name: str, default: Any = None) -> Any:
        """A common key or a kind field by name."""
        if name in COMMON_KEYS:
            return getattr(self, name)
        return self.fields.get(name, default)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``fzlog list --json``."""
        return {
            "id": self.id,
            "path": self.path.as_posix() if self.path else None,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "title": self.title,
            "tags": list(self.tags),
            "note": self.note,
            "place": self.place,
            "evidence": list(self.evidence),
            "fields": {k: _json_value(v) for k, v in self.fields.items()},
        }


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def ordered_items(record: Record, registry: Registry) -> list[tuple[str, Any]]:
    """The record's keys and values in file order, only those that are set."""
    items: list[tuple[str, Any]] = [("kind", record.kind), ("date", record.date), ("title", record.title)]
    if record.place:
        items.append(("place", record.place))
    if record.tags:
        items.append(("tags", list(record.tags)))
    if record.note:
        items.append(("note", record.note))
    if record.evidence:
        items.append(("evidence", list(record.evidence)))
    kind = registry.get(record.kind)
    order = [f.name for f in kind.all_fields] if kind else []
    order += [k for k in record.fields if k not in order]
    for name in order:
        value = record.fields.get(name)
        if value is None or value == "" or value == [] or (name == COUNT and value == 1):
            continue  # (a count of 1 is the default: files of single activities do not say it)
        items.append((name, list(value) if isinstance(value, tuple) else value))
    return items


def to_toml(record: Record, registry: Registry) -> str:
    """The record as file text (the public contract): one ``key = value`` line per key, strings as
    basic strings with only the escapes TOML requires, lists inline, dates bare. Raises
    UsageError naming the field and the limit when the record breaks one of :mod:`fzlog.limits`
    (what is written is exactly what readers accept)."""
    found = limits.record_problems(record, registry.get(record.kind))
    if found:
        raise UsageError(found[0][1])
    text = "".join(f"{key} = {toml_value(value)}\n" for key, value in ordered_items(record, registry))
    over = limits.size_problem(len(text.encode("utf-8", "surrogatepass")))
    if over:
        raise UsageError(over)
    return text


def identity(record: Record, registry: Registry) -> tuple:
    """A key two records share exactly when :func:`to_toml` writes them alike (the double entries
    ``fzlog validate`` warns about), without writing them out: strings as they are, any other value
    as TOML writes it (so ``2`` and ``2.0``, ``true`` and ``1``, ``"true"`` and ``true`` differ)."""
    return tuple((key, _identity(value)) for key, value in ordered_items(record, registry))


def _identity(value: Any) -> Any:
    if isinstance(value, str):  # a string's TOML form (quoted, escaped) differs from any other value's
        return value
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_identity(v) for v in value))
    return (toml_value(value),)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    """One value in TOML syntax (the types a record may hold)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not record values")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"unsupported record value {value!r}")


MAX_UNKNOWN_REPORTED = 20  # unknown keys reported one by one per file; the rest as a count
_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")


# a key at the start of a line (``key =``, dotted ``key.sub =``, or a ``[key]`` table header)
_KEY = re.compile(r"""^[ \t]*\[{0,2}[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*[=.\]]""")


def key_lines(text: str) -> dict[str, int]:
    """Each top-level ``key = …`` of a record's text and the 1-based line it first stands on (one
    pass, so a hostile file with 100 000 bad keys costs no more than one with one)."""
    out: dict[str, int] = {}
    for i, line in enumerate(text.split("\n"), 1):  # TOML counts lines by \n only
        m = _KEY.match(line)
        if m:
            out.setdefault(next(g for g in m.groups() if g is not None), i)
    return out


def key_line(text: str, key: str) -> int | None:
    """The 1-based line on which ``key = …`` stands in a record's text (for error messages):
    ``key_lines(text).get(key)``, looking only at lines where ``key`` occurs."""
    if not key:
        return key_lines(text).get(key)
    pos = text.find(key)
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        m = _KEY.match(text[start:end])
        if m and next(g for g in m.groups() if g is not None) == key:
            return text.count("\n", 0, start) + 1
        pos = text.find(key, end)
    return None


def parse(text: str, registry: Registry, path: Path, record_id: str = "") -> tuple[Record | None, list[Problem]]:
    """Parse and check a record file's text. Returns the record (None if any error) and every
    problem found, each with the line it stands on."""
    try:
        data = fasttoml.loads(text)  # tomllib's result, faster for plain record files
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _LINE_COL.search(msg)
        reason = _LINE_COL.sub("", msg).strip()
        return None, [
            Problem(
                path,
                t("record.syntax", reason=reason),
                "toml-syntax",
                int(m[1]) if m else None,
                int(m[2]) if m else None,
            )
        ]
    except RecursionError:  # hostile input: thousands of nested [[[[ … (tomllib recurses)
        return None, [Problem(path, t("record.too_deep"), "toml-syntax", 1)]
    except ValueError:  # an integer of thousands of digits: Python's int() refuses it
        return None, [_big_int_problem(text, path)]

    return _parse_table(data, text, registry, path, record_id)


_BIG_INT = re.compile(
    r"^[ \t]*([A-Za-z0-9_\"'.-]+)[ \t]*=[ \t]*[+-]?([0-9_]{" + str(limits.MAX_INT_DIGITS + 1) + ",})", re.MULTILINE
)


def _big_int_problem(text: str, path: Path) -> Problem:
    """The ``bad-type`` problem of a file holding an integer too long to read (found without int())."""
    m = _BIG_INT.search(text)
    if m is None:
        return Problem(path, t("limits.big_int", field="?", n="4300+"), "bad-type", None)
    return Problem(
        path,
        t("limits.big_int", field=m[1].strip("\"'"), n=len(m[2].replace("_", ""))),
        "bad-type",
        text.count("\n", 0, m.start()) + 1,
    )


def _parse_table(
    data: dict[str, Any], text: str, registry: Registry, path: Path, record_id: str
) -> tuple[Record | None, list[Problem]]:
    """:func:`parse` once the TOML is read: every key checked, every problem worded."""
    problems: list[Problem] = []
    lines: dict[str, int] = {}

    def problem(code: str, message: str, key: str | None = None, line: int | None = None, col: int | None = None):
        if line is None and key is not None:
            if not lines:
                lines.update(key_lines(text))
            line = lines.get(key)
        problems.append(Problem(path=path, message=message, code=code, line=line, column=col))

    # A short text without escapes or forbidden characters holds no string that breaks a limit:
    # each of its strings is a piece of it (the limits of every text are then not looked at).
    plain = len(text) <= limits.MAX_ITEM_CHARS and "\\" not in text and not limits.bad_char(text)
    get = data.get
    kind_name, date, title = get("kind"), get("date"), get("title")
    if kind_name is None or date is None or title is None:
        for key in ("kind", "date", "title"):
            if key not in data:
                problem("missing-key", t("value.missing", field=key), line=1)
    kind = registry.get(kind_name) if type(kind_name) is str else None
    if kind is None and "kind" in data:
        if isinstance(kind_name, str) and (named := registry.lookup(kind_name)):
            problem("unknown-kind", t("record.kind_slug", name=kind_name, slug=named.slug), key="kind")
        else:
            problem("unknown-kind", unknown_kind_message(registry, str(kind_name)), key="kind")

    if type(date) is not dt.date and "date" in data:
        if isinstance(date, str):
            problem("bad-type", t("record.quoted_date", value=date), key="date")
        elif not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            problem("bad-type", t("value.date", field="date", value=date), key="date")
    if "title" in data:
        if not isinstance(title, str):
            problem("bad-type", t("value.text", field="title", value=title), key="title")
        elif not title.strip():
            problem("empty-title", t("value.empty_title"), key="title")
        elif not plain and (over := limits.text_problem("title", title)):
            problem("bad-type", over, key="title")

    common: dict[str, Any] = {}
    for key in ("place", "note"):
        if key in data:
            v = data[key]
            if not isinstance(v, str):
                problem("bad-type", t("value.text", field=key, value=v), key=key)
            elif not plain and (over := limits.text_problem(key, v)):
                problem("bad-type", over, key=key)
            else:
                common[key] = v
    for key in ("tags", "evidence"):
        if key in data:
            v = data[key]
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                problem("bad-type", t("value.list", field=key, value=v), key=key)
            elif not plain and (over := limits.list_problem(key, v)):
                problem("bad-type", over, key=key)
            else:
                common[key] = tuple(v)

    fields: dict[str, Any] = {}
    unknown = 0
    if kind is not None:
        field_of = kind.field_map.get
        for key, value in data.items():
            if key in COMMON_KEYS:
                continue
            f = field_of(key)
            if f is None:
                unknown += 1
                if unknown <= MAX_UNKNOWN_REPORTED:  # a hostile file may hold 100 000 of them
                    problem("unknown-field", unknown_field_message(kind, key), key=key)
                continue
            try:
                fields[f.name] = values.check(f, value)  # (a former name reads as the field's name)
            except ValueProblem as exc:
                problem("bad-type", exc.message, key=key)

    if unknown > MAX_UNKNOWN_REPORTED:
        problem("unknown-field", t("record.more_unknown", count=unknown - MAX_UNKNOWN_REPORTED))
    if problems:
        return None, problems
    # each key is a problem above unless it is of its type
    assert isinstance(kind_name, str) and isinstance(date, dt.date) and isinstance(title, str)
    return Record(kind=kind_name, date=date, title=title, fields=fields, id=record_id, path=path, **common), []
