"""A kind's draft sentence from its template (kinds.toml or fzlog.toml ``sentence``) and its tally.

A template is text with placeholders in braces, parsed by ``fzlog.tally.parse_ref`` (the one
parser, also behind ``KindTally.resolve``):

- ``{count}`` the kind's count; ``{materials}`` a field's figure by its rule; ``{passed/sat}`` a
  ratio as a percentage; ``{count[body=中心组]}`` the count (or ``{hours[body=…]}`` a figure) of
  the items with one value of a group field; ``{body}`` a group field's values (中心组、常务会);
- ``{titles}`` the records' titles (in 《》 only where a title names a document);
- ``{x|words}`` words to write when ``x`` has no value (``组织{exam_type|学法考试}{count}次``).

Lower bounds are written back (2000余份, 超60学时), money in its shown unit (万元). A clause —
the text between two of ，、；。 (a bracketed aside counts as its own run of clauses) — whose
figure is missing or 0 is left out, so the template states only what the ledger holds.

Every figure the template does not place is appended in a standard clause (:func:`extra_clauses`)
so that nothing ``fzlog summary`` shows is lost from the draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from fzlog import values
from fzlog.kinds import COUNT, Kind
from fzlog.tally import KindTally, Ref, parse_ref

BRACES = re.compile(r"\{([^{}]+)\}")
DELIMITERS = "，、；。：,;"
TITLES = "titles"
# How many titles {titles} names before 等.
MAX_TITLES = 5


@dataclass(frozen=True)
class Placeholder:
    expr: str
    default: str = ""
    ref: Ref | None = None  # None: {titles}


def placeholder(text: str) -> Placeholder | None:
    """``text`` (inside the braces) as a placeholder, or None when it names nothing."""
    expr, _, default = text.partition("|")
    expr = expr.strip()
    if expr in (TITLES, "title"):
        return Placeholder(TITLES, default)
    ref = parse_ref(expr)
    return Placeholder(expr, default, ref) if ref else None


def problems(template: str, kind: Kind) -> list[str]:
    """The placeholders of ``template`` that name no figure of ``kind`` (for the registry's and
    fzlog.toml's checks)."""
    out = []
    for text in BRACES.findall(template):
        ph = placeholder(text)
        if ph is None:
            out.append(text)
            continue
        ref = ph.ref
        if ref is None:
            continue
        for name in (ref.name, ref.denominator, ref.group_field):
            if name and name != COUNT and kind.field(name) is None:
                out.append(text)
                break
        else:  # every name is a field: the group field's, if any, must group
            grouped = kind.field(ref.group_field) if ref.group_field else None
            if grouped is not None and grouped.aggregate != "group":
                out.append(text)
    return out


@dataclass
class Words:
    """How figures are written: the formatter of numbers (``--round``) and the titles."""

    number: Callable[[Any], str]
    titles: Callable[[], str] = lambda: ""
    values: Callable[[str], str] = lambda name: ""  # a text field's values in the records: 法治宣传栏、微信公众号


@dataclass
class Rendered:
    text: str
    used: set[str] = field(default_factory=set)  # Ref.key of every figure placed (and titles)


def figure_words(kt: KindTally, ref: Ref, words: Words, unit: str = "") -> str | None:
    """A placeholder's figure as written, followed by ``unit`` (万元 for a money field stored in
    元), with its lower-bound word where the report puts it (2000余份, 超60学时, 2.2万余元); None
    when it has no value or is 0."""
    value, bound = kt.figure_of(ref)
    if value is None and not ref.group_field and not ref.denominator and ref.name != COUNT:
        f = kt.kind.field(ref.name)
        if f is not None and f.type == "text" and f.aggregate == "none":
            value = words.values(ref.name) or None
    if value is None or value == "" or value is False or value == []:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == 0:
            return None
        if ref.denominator:
            return f"{values.display(value)}%{unit}"
        f = kt.kind.field(ref.name) if ref.name != COUNT else None
        if f is not None and f.scale != 1:
            value = values.scaled(value, f.scale)
        text = words.number(value)
        if bound and not text.endswith("余"):
            return values.figure_text(text, unit, bound)
        return text + unit
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) + unit
    return values.display(value) + unit


def canonical_unit(kt: KindTally, ref: Ref, written: str) -> str:
    """The unit to write for a figure the template counts in ``written``: the kind's own for its
    count (a ledger counting in 场/次 keeps it); for a field the template's, unless it is the
    field's unit spelt without its slash (人次 for 人/次)."""
    if not written:
        return ""
    if ref.name == COUNT and not ref.denominator:
        return kt.kind.unit or written
    f = kt.kind.field(ref.name)
    if f is not None and f.unit.replace("/", "") == written:
        return f.unit
    return written


def units_of(kt: KindTally, ref: Ref) -> tuple[str, ...]:
    """The units a template may write after the placeholder, longest first."""
    if ref.denominator:
        return ()
    if ref.name == COUNT:
        found: tuple[str, ...] = _units(kt.kind)
    else:
        f = kt.kind.field(ref.name)
        found = (f.show_unit, f.unit, *f.units) if f is not None else ()
    found = (*found, *(u.replace("/", "") for u in found))
    return tuple(sorted({u for u in found if u}, key=len, reverse=True))


def render(template: str, kt: KindTally, words: Words, *, after_count: Callable[[str], str] | None = None) -> Rendered:
    """``template`` filled from ``kt``; clauses whose figure is missing or 0 are left out.
    ``after_count(unit)`` (the change against last year, in the unit the template counts in)
    follows the count's unit when a clause ends there."""
    used: set[str] = set()

    def fill(run: str) -> str | None:
        """One clause with its placeholders filled, or None to leave it out."""
        out, pos = [], 0
        for m in BRACES.finditer(run):
            out.append(run[pos : m.start()])
            pos = m.end()
            ph = placeholder(m[1])
            if ph is None:
                return None
            if ph.ref is None:
                text = words.titles()
                if not text:
                    if ph.default:
                        out.append(ph.default)
                        continue
                    return None
                used.add(TITLES)
                out.append(text)
                continue
            rest = run[pos:]
            unit = next((u for u in units_of(kt, ph.ref) if rest.startswith(u)), "")
            # the kind's own unit wins over the template's (a ledger counting in 场/次 keeps it)
            shown = canonical_unit(kt, ph.ref, unit)
            figure = figure_words(kt, ph.ref, words, shown)
            if figure is None:
                f = kt.kind.field(ph.ref.name) if ph.ref.name != COUNT else None
                if ph.default or (f is not None and f.aggregate == "group" and not ph.ref.group_field):
                    out.append(ph.default)  # a group field's values are words, not a figure
                    continue
                return None
            pos += len(unit)
            used.add(ph.ref.key)
            if ph.ref.key == COUNT and after_count is not None and unit and (pos == len(run) or run[pos] in DELIMITERS):
                figure += after_count(shown)
            out.append(figure)
        out.append(run[pos:])
        return "".join(out)

    text = _join(_clauses(template), fill)
    return Rendered(text, used)


def _units(kind: Kind) -> tuple[str, ...]:
    return (kind.unit, *kind.units, "次", "件", "项", "场", "场次", "个", "条")


def _clauses(text: str) -> list[Any]:
    """``text`` split into clauses, each ``(words, delimiter)``; a bracketed aside is a list of its
    own inside the clause's words: ``["组织学法", [ ...aside... ], "次"]``. Nothing is split inside
    quotation marks (“双随机、一公开”)."""
    out: list[Any] = []
    current: list[Any] = [""]
    stack: list[tuple[list[Any], list[Any]]] = []
    quoted = False
    for ch in text:
        if ch in "“”":
            quoted = ch == "“"
            current[-1] += ch
        elif quoted:
            current[-1] += ch
        elif ch in "（(":
            stack.append((out, current))
            out, current = [], [""]
        elif ch in "）)" and stack:
            inner = out + ([(current, "")] if current != [""] else [])
            out, current = stack.pop()
            current.append(inner)
            current.append("")
        elif ch in DELIMITERS:
            out.append((current, ch))
            current = [""]
        else:
            current[-1] += ch
    if current != [""]:
        out.append((current, ""))
    while stack:  # an unclosed bracket: its words as they are
        inner = out
        out, current = stack.pop()
        current.append(inner)
        out.append((current, ""))
    return out


def _join(clauses: list[Any], fill: Callable[[str], str | None]) -> str:
    """The clauses filled and joined; a clause of words alone (代理行政复议、诉讼案件{n}件) goes
    with the next one (or, at the end, the one before), so it stands or falls with a figure."""
    kept: list[tuple[str, str]] = []
    pending = ""
    last_dropped = False
    for words, delimiter in clauses:
        text = ""
        for piece in words:
            if isinstance(piece, str):
                text += piece
            else:
                inner = _join(piece, fill)
                if inner:
                    text += "（" + inner + "）"
        if "{" not in text and text.strip() and len(clauses) > 1:
            if words is not clauses[-1][0]:
                pending += text + delimiter
                continue
            if last_dropped:
                continue
        filled = fill(pending + text) if "{" in pending + text else pending + text
        pending = ""
        last_dropped = filled is None
        if filled is not None and filled.strip():
            kept.append((filled, delimiter))
    if not kept:
        return ""
    final = clauses[-1][1] if clauses else ""
    if final in "。；":
        kept[-1] = (kept[-1][0], final)
    elif kept[-1][1] in "，、,":
        kept[-1] = (kept[-1][0], "")
    return "".join(t + d for t, d in kept)


def extra_clauses(
    kt: KindTally, used: set[str], words: Words, *, internal: Iterable[str] = (), count_text: str = ""
) -> list[str]:
    """The figures of ``kt`` that no placeholder placed, each in the standard clause: the count
    (``count_text`` when given), group breakdowns (其中中心组学法3次、常务会学法4次), sums and
    other figures (参加人数179人次; 罚没款2.2万余元), yes/no counts (均经合法性审查 / 其中合法性
    审查2件) and ratios (合格率100%). Fields named in ``internal`` are left out."""
    kind = kt.kind
    hidden = set(internal)
    out: list[str] = []
    if COUNT not in used and COUNT not in hidden and kt.count and count_text:
        out.append(count_text)
    unit = kind.unit
    all_true: list[str] = []
    for f in kind.fields:
        if f.name in hidden or f.implicit:
            continue
        if f.aggregate == "group":
            text = _breakdown(kt, f.name, used, words, hidden)
            if text:
                out.append(text)
            continue
        if f.name in used or f.name not in kt.fields:
            continue
        value = kt.fields[f.name]
        if f.aggregate == "count-true" or f.type == "bool" and isinstance(value, int) and not isinstance(value, bool):
            if f.aggregate != "count-true":
                continue
            if value and value == kt.count:
                all_true.append(f.label)
            elif value:
                out.append(f"其中{f.label}{words.number(value)}{unit}")
            continue
        if isinstance(value, bool):
            if value:
                out.append(f.label)
            continue
        if isinstance(value, (int, float)):
            if not value:
                continue
            figure = figure_words(kt, Ref(f.name), words, f.show_unit or f.unit)
            if figure is not None:
                out.append(f"{f.label}{figure}")
        elif hasattr(value, "isoformat"):
            out.append(f"{f.label}{value.year}年{value.month}月{value.day}日")
        elif value not in (None, ""):
            out.append(f"{f.label}{values.display(value)}")
    if all_true:
        if kt.count == 1:
            out.append(_join_and(all_true))
        elif len(all_true) == 1 and "被" in all_true[0]:
            out.append(all_true[0].replace("被", "均被", 1))  # 意见均被采纳
        else:
            out.append("均" + _join_and(all_true))
    for r in kind.ratios:
        key = f"{r.numerator}/{r.denominator}"
        if key in used:
            continue
        value, _ = kt.figure_of(Ref(r.numerator, denominator=r.denominator))
        if value is not None:
            out.append(f"{r.display_label()}{values.display(value)}%")
    return out


def _breakdown(kt: KindTally, name: str, used: set[str], words: Words, hidden: set[str]) -> str:
    """A group field's split of the count: 其中中心组学法3次、常务会学法4次; with two values or
    more, each value's own figures follow in brackets (其中执法队1次（参训人数100余人次）); when the
    count is internal (a roster's records), each value's figures stand alone (执法人员配备人数4人)."""
    shares = kt.groups.get(name, {})
    if not shares or (len(shares) == 1 and name in used and next(iter(shares.values())) == kt.count):
        return ""
    alone = COUNT in hidden
    parts = []
    for value, n in shares.items():
        if f"count[{name}={value}]" in used:
            continue
        part = kt.part(name, value)
        details = _figures(part, hidden, words) if part is not None and (alone or len(shares) > 1) else []
        if alone:
            if details:
                parts.append(value + "、".join(details))
        else:
            parts.append(
                f"{value}{words.number(n)}{kt.kind.unit}" + ("（" + "，".join(details) + "）" if details else "")
            )
    if not parts:
        return ""
    return "其中" + ("；" if alone else "、").join(parts)


def _figures(kt: KindTally, hidden: set[str], words: Words) -> list[str]:
    """A group value's own figures: its numbers (not 0) and ratios."""
    out = []
    for f in kt.kind.fields:
        if f.implicit or f.name in hidden or f.aggregate == "group" or f.name not in kt.fields:
            continue
        value = kt.fields[f.name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value:
            continue
        if f.aggregate == "count-true" and value == kt.count:
            continue  # all of them: said of the whole
        unit = (f.unit or kt.kind.unit) if f.aggregate == "count-true" else (f.show_unit or f.unit)
        text = figure_words(kt, Ref(f.name), words, unit)
        if text:
            out.append(f"{f.label}{text}")
    for r in kt.kind.ratios:
        value, _ = kt.figure_of(Ref(r.numerator, denominator=r.denominator))
        if value is not None:
            out.append(f"{r.display_label()}{values.display(value)}%")
    return out


def _join_and(labels: list[str]) -> str:
    """A、B和C."""
    if len(labels) <= 1:
        return "".join(labels)
    return "、".join(labels[:-1]) + "和" + labels[-1]


def default_template(kind: Kind) -> str:
    """A sentence for a kind with none of its own (a ledger's custom kind): its label and count;
    every field follows in the standard clauses."""
    return f"开展{kind.label}{{count}}{kind.unit}。"
