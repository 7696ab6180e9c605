"""Typed field values: turning what a clerk types (or a spreadsheet holds) into record values,
and checking values read from a record file against their field type."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from fzlog.errors import ValueProblem
from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import in_range

TRUE_WORDS = {"true", "yes", "y", "1", "是", "有", "已", "对", "√", "✓"}
FALSE_WORDS = {"false", "no", "n", "0", "否", "无", "未", "不", "×", "✗"}

_YMD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_MD = re.compile(r"^\s*(\d{1,2})\s*[月/-]\s*(\d{1,2})\s*日?\s*$")
_RELATIVE = {"today": 0, "今天": 0, "今日": 0, "yesterday": -1, "昨天": -1, "昨日": -1, "前天": -2}


def parse_date(text: str, *, today: dt.date | None = None, field: str = "date") -> dt.date:
    """Parse a date as people write it: 2024-03-15, 2024/3/15, 2024年3月15日, 3月15日 (this year),
    today/今天, yesterday/昨天."""
    today = today or dt.date.today()
    s = text.strip()
    if s.lower() in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[s.lower()])
    try:
        if (m := _YMD.match(s)) and in_range(int(m[1])):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MD.match(s):
            return dt.date(today.year, int(m[1]), int(m[2]))
    except ValueError:
        pass
    raise ValueProblem(t("value.date", field=field, value=text))


def parse_bool(text: str, *, field: str) -> bool:
    s = text.strip().lower()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    raise ValueProblem(t("value.bool", field=field, value=text))


def coerce(field: Field, text: str, *, today: dt.date | None = None) -> Any:
    """Turn typed text into the field's value type, or raise ValueProblem saying what was expected."""
    raw = text.strip()
    if field.type == "int":
        try:
            value = int(raw.replace(",", "").replace("，", ""))
        except ValueError:
            raise ValueProblem(t("value.int", field=field.name, value=text)) from None
        if value < 0:
            raise ValueProblem(t("value.negative", field=field.name, value=value))
        return value
    if field.type == "float":
        try:
            value = float(raw)
        except ValueError:
            raise ValueProblem(t("value.float", field=field.name, value=text)) from None
        if not math.isfinite(value):
            raise ValueProblem(t("value.float", field=field.name, value=text))
        if value < 0:
            raise ValueProblem(t("value.negative", field=field.name, value=value))
        return value
    if field.type == "bool":
        return parse_bool(raw, field=field.name)
    if field.type == "date":
        return parse_date(raw, today=today, field=field.name)
    if field.type == "list":
        return [part.strip() for part in re.split(r"[,，、;；]", raw) if part.strip()]
    return text


def _count_ok(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _number_ok(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def _date_ok(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _list_ok(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


#: Per field type: whether a value read from a record file is good as it stands (what
#: :func:`check` accepts without a problem). Record parsing's fast path asks this first.
ACCEPTS = {"int": _count_ok, "float": _number_ok, "bool": lambda v: isinstance(v, bool), "date": _date_ok,
           "list": _list_ok}
_TEXT_OK = lambda v: isinstance(v, str)  # noqa: E731  (any other type name is text)


def accepts(type_name: str):
    """The acceptance test of a field type (see :data:`ACCEPTS`)."""
    return ACCEPTS.get(type_name, _TEXT_OK)


def check(field: Field, value: Any) -> Any:
    """Check a value read from a record file; return it normalised (an int in a float field stays
    as written, so files round-trip unchanged)."""
    if accepts(field.type)(value):
        return list(value) if field.type == "list" else value
    if field.type == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueProblem(t("value.negative", field=field.name, value=value))
        raise ValueProblem(t("value.int", field=field.name, value=value))
    if field.type == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise ValueProblem(t("value.float", field=field.name, value=value))
        raise ValueProblem(t("value.negative", field=field.name, value=value))
    if field.type == "bool":
        raise ValueProblem(t("value.bool", field=field.name, value=value))
    if field.type == "date":
        raise ValueProblem(t("value.date", field=field.name, value=value))
    if field.type == "list":
        raise ValueProblem(t("value.list", field=field.name, value=value))
    raise ValueProblem(t("value.text", field=field.name, value=value))


#: Lower-bound words written before the number (超60学时), the others after it (2000余份, 60学时以上).
_BOUND_BEFORE = ("超", "不少于", "逾")


def figure_text(value: Any, unit: str, bound: str | None = None) -> str:
    """A figure with its unit and its lower-bound word as a report writes it: 2000余份, 超60学时,
    不少于2次, 60学时以上; plain 2030份 when it is exact."""
    from fzlog.messages import quantity

    number = display(value)
    if not bound:
        return quantity(number, unit)
    if bound in _BOUND_BEFORE:
        return bound + quantity(number, unit)
    if bound == "以上":
        return quantity(number, unit) + bound
    return quantity(number + bound, unit)


def scaled(value: Any, scale: int) -> Any:
    """A stored figure in its shown unit: 22000 元 is 2.2 万元."""
    if scale == 1 or not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    shown = value / scale
    return int(shown) if shown == int(shown) else round(shown, 4)


def display(value: Any) -> str:
    """A value as a person reads it in a table."""
    if isinstance(value, bool):
        return t("label.yes") if value else t("label.no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
