"""Typed field values: turning what a clerk types (or a spreadsheet holds) into record values,
and checking values read from a record file against their field type.

One grammar for ``add --set``, the prompts and ``import`` (docs/kinds.md "数值写法"): numbers
with the field's unit (300份, 2.2万元), Chinese numerals (四次, 两万), 万, thousands separators,
lower bounds (100余, 2000多, 超60, 不少于2, 60以上: the number, with the word kept apart by
:func:`parse` for the record's ``at_least``), percentages in % fields, dates, yes/no words."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from fzlog import limits
from fzlog.errors import ValueProblem
from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import in_range

TRUE_WORDS = {"true", "yes", "y", "1", "是", "有", "已", "对", "√", "✓", "完成", "已完成", "通过", "均是"}
FALSE_WORDS = {"false", "no", "n", "0", "否", "无", "未", "不", "×", "✗", "未完成", "没有"}

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


# numbers ---------------------------------------------------------------------------------------
#: Lower-bound words before a number → the word stored (超60, 不少于2, 逾百).
_BOUND_PREFIX = (
    ("超过", "超"),
    ("多于", "超"),
    ("超", "超"),
    ("逾", "逾"),
    ("不少于", "不少于"),
    ("不低于", "不少于"),
    ("至少", "不少于"),
)
#: Words before a number that say nothing about it (共12次, 累计3件, 达100%).
_NEUTRAL_PREFIX = ("累计", "合计", "总计", "共计", "共", "计", "达到", "达")
_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
_ARABIC = re.compile(r"^\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3})")
#: Units written for one another (15名 and 15人 are the same people).
_SAME_UNIT = {
    "人": ("名",),
    "名": ("人",),
    "人次": ("人/次", "名次"),
    "人/次": ("人次",),
    "家次": ("家/次",),
    "家/次": ("家次",),
    "项": ("个", "件"),
    "个": ("项",),
    "件": ("起", "份"),
}
_SCALE_OF = {"万元": ("元", 10_000), "亿元": ("元", 100_000_000), "千元": ("元", 1000)}


def chinese_number(text: str) -> int | None:
    """A number written in Chinese numerals (四, 十二, 一百零五, 两万, 三千五百) or None."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL and ch not in _LARGE for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[ch] != 0:
                return None  # 二三: not a number
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _LARGE[ch] if _LARGE[ch] > 10_000 else total + section * _LARGE[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _units_of(field: Field, extra: tuple[str, ...]) -> list[tuple[str, int]]:
    """The units a value of ``field`` may be written with and how many stored units each is,
    longest first (人次 before 次)."""
    out: dict[str, int] = {}
    for unit in (field.unit, *field.units, *extra):
        if not unit:
            continue
        out.setdefault(unit, 1)
        if "/" in unit:  # 人/次 is also written 人次
            out.setdefault(unit.replace("/", ""), 1)
        for same in _SAME_UNIT.get(unit, ()):
            out.setdefault(same, 1)
    if field.show_unit:
        out.setdefault(field.show_unit, field.scale)
    for unit, (base, scale) in _SCALE_OF.items():
        if field.unit == base:
            out.setdefault(unit, scale)
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


@dataclass(frozen=True)
class Parsed:
    """A typed value and, for a number written as a lower bound (2000余), the bound's word."""

    value: Any
    bound: str | None = None


def parse_number(field: Field, text: str, *, units: tuple[str, ...] = (), scale: int | None = None) -> Parsed:
    """A number as reports and clerks write it, in the field's stored unit: 300份, 2,000,
    2000余份, 4万余人次, 两万余, 超60学时, 不少于2次, 96.4%, 2.2万元 (= 22000 in a 元 field).
    ``units``: other units accepted (a kind's 场次 for its count); ``scale``: stored units per
    unit of a bare number (a column headed 罚没款（万元））, by default the field's shown unit's
    (a bare 2.2 in a 元 field shown in 万元 is 22000 元). Raises ValueProblem."""
    if scale is None:
        scale = field.scale
    what = "value.int" if field.type == "int" else "value.float"
    s = unicodedata.normalize("NFKC", text).strip()
    s = _THOUSANDS.sub("", s).replace(" ", "").replace("\u3000", "")
    if s.startswith(("-", "负")) and len(s) > 1:
        raise ValueProblem(t("value.negative", field=field.name, value=text))
    bound = None
    for word, stored in _BOUND_PREFIX:
        if s.startswith(word):
            bound, s = stored, s[len(word) :]
            break
    for word in _NEUTRAL_PREFIX:
        if s.startswith(word) and len(s) > len(word):
            s = s[len(word) :]
            break
    if s.endswith("以上"):
        bound, s = bound or "以上", s[:-2]
    for unit, unit_scale in _units_of(field, units):
        if s.endswith(unit) and len(s) > len(unit):
            s, scale = s[: -len(unit)], unit_scale
            break
    if s.endswith("%") and field.unit == "%":
        s = s[:-1]
    if s[-1:] in ("余", "多", "+") and len(s) > 1:
        bound, s = bound or ("余" if s[-1] == "+" else s[-1]), s[:-1]
    multiplier = 1
    if s[-1:] in _LARGE and _ARABIC.match(s[:-1] or "x"):
        multiplier, s = _LARGE[s[-1]], s[:-1]
        if s.endswith(("余", "多")):  # 4余万 is rare but seen
            bound, s = bound or s[-1], s[:-1]
    if _ARABIC.match(s):
        number: int | float | None = float(s) if "." in s else limits.int_text(s)
        if number is None:  # more digits than any count in range: never handed to int()
            raise ValueProblem(t("limits.big_int", field=field.name, n=len(s)))
    else:
        number = chinese_number(s)
        if number is None:
            raise ValueProblem(
                t(what, field=field.name, value=text)
                + t("value.number_forms", units="、".join(u for u, _ in _units_of(field, units)) or "—")
            )
    if multiplier != 1 and scale in (10_000, 100_000_000):  # 2.2万 in a 万元 field is 2.2万元, not 2.2万万元
        scale = 1
    value = number * multiplier * scale
    if field.type == "int":
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem(t("value.int", field=field.name, value=limits.short(text, 40)))
        if value != int(value):
            raise ValueProblem(t("value.int", field=field.name, value=text))
        value = int(value)
    else:
        value = float(value)
        if not math.isfinite(value):
            raise ValueProblem(t("value.float", field=field.name, value=limits.short(text, 40)))
        value = round(value, 6)
    problem = limits.number_problem(field.name, value, decimal=field.type == "float")
    if problem:
        raise ValueProblem(problem)
    return Parsed(value, bound)


def parse(
    field: Field, text: str, *, today: dt.date | None = None, units: tuple[str, ...] = (), scale: int | None = None
) -> Parsed:
    """Typed text → the field's value and, for a lower bound, its word (add, the prompts and import
    all come here). Raises ValueProblem saying what was expected."""
    if field.numeric:
        return parse_number(field, text, units=units, scale=scale)
    return Parsed(coerce(field, text, today=today))


def bound_entry(name: str, word: str) -> str:
    """The ``at_least`` entry of a lower bound: ``materials`` for 余 (the default), ``hours:超``."""
    from fzlog.kinds import BOUND_WORDS

    return name if word == BOUND_WORDS[0] else f"{name}:{word}"


def with_bounds(fields: dict[str, Any], bounds: dict[str, str]) -> dict[str, Any]:
    """``fields`` with their lower bounds listed in ``at_least`` (entries of other fields kept)."""
    from fzlog.kinds import AT_LEAST

    kept = [e for e in fields.get(AT_LEAST) or () if e.partition(":")[0] not in bounds]
    entries = kept + [bound_entry(name, word) for name, word in bounds.items()]
    out = {k: v for k, v in fields.items() if k != AT_LEAST}
    if entries:
        out[AT_LEAST] = entries
    return out


def coerce(field: Field, text: str, *, today: dt.date | None = None) -> Any:
    """Turn typed text into the field's value type, or raise ValueProblem saying what was expected.
    (A lower bound's word is dropped here: :func:`parse` keeps it.)"""
    raw = text.strip()
    if field.numeric:
        return parse_number(field, raw).value
    if field.type == "bool":
        return parse_bool(raw, field=field.name)
    if field.type == "date":
        return parse_date(raw, today=today, field=field.name)
    if field.type == "list":
        return [part.strip() for part in re.split(r"[,，、;；]", raw) if part.strip()]
    return text


_MAX_INT, _MAX_FLOAT, _MAX_TEXT, _MAX_ITEMS, _MAX_ITEM = (
    limits.MAX_INT,
    limits.MAX_FLOAT,
    limits.MAX_TEXT_CHARS,
    limits.MAX_LIST_ITEMS,
    limits.MAX_ITEM_CHARS,
)
_bad_char = limits.BAD_CHARS.search


def _count_ok(v: Any) -> bool:
    return type(v) is int and 0 <= v < _MAX_INT


def _number_ok(v: Any) -> bool:  # (NaN and infinities fail the comparison)
    return (type(v) is int or type(v) is float) and 0 <= v < _MAX_FLOAT


def _date_ok(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _list_ok(v: Any) -> bool:
    return (
        isinstance(v, list)
        and len(v) <= _MAX_ITEMS
        and all(isinstance(x, str) and len(x) <= _MAX_ITEM and not _bad_char(x) for x in v)
    )


def _text_ok(v: Any) -> bool:
    return isinstance(v, str) and len(v) <= _MAX_TEXT and not _bad_char(v)


#: Per field type: whether a value read from a record file is good as it stands (what
#: :func:`check` accepts without a problem), within the limits of :mod:`fzlog.limits`. Record
#: parsing's fast path asks this first.
ACCEPTS = {
    "int": _count_ok,
    "float": _number_ok,
    "bool": lambda v: isinstance(v, bool),
    "date": _date_ok,
    "list": _list_ok,
}
_TEXT_OK = _text_ok  # (any other type name is text)


def accepts(type_name: str):
    """The acceptance test of a field type (see :data:`ACCEPTS`)."""
    return ACCEPTS.get(type_name, _TEXT_OK)


def check(field: Field, value: Any) -> Any:
    """Check a value read from a record file; return it normalised (an int in a float field stays
    as written, so files round-trip unchanged)."""
    if accepts(field.type)(value):
        return list(value) if field.type == "list" else value
    if field.type in ("int", "float"):
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and (field.type == "float" or isinstance(value, int))
        ):
            if value < 0:
                raise ValueProblem(t("value.negative", field=field.name, value=value))
            raise ValueProblem(
                limits.number_problem(field.name, value, decimal=field.type == "float")
                or t("value.float", field=field.name, value=value)
            )
        raise ValueProblem(
            t(
                "value.int" if field.type == "int" else "value.float",
                field=field.name,
                value=limits.short(str(value), 40),
            )
        )
    if field.type == "bool":
        raise ValueProblem(t("value.bool", field=field.name, value=value))
    if field.type == "date":
        raise ValueProblem(t("value.date", field=field.name, value=value))
    if field.type == "list":
        if isinstance(value, list) and all(isinstance(x, str) for x in value):
            raise ValueProblem(limits.list_problem(field.name, value) or t("value.list", field=field.name, value=value))
        raise ValueProblem(t("value.list", field=field.name, value=value))
    if isinstance(value, str):
        raise ValueProblem(limits.text_problem(field.name, value) or t("value.text", field=field.name, value=value))
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
    if unit.startswith("万") and len(unit) > 1:  # 2.2万余元, not 2.2余万元
        return quantity(number + "万" + bound, unit[1:])
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
