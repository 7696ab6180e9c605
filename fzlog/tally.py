"""Totals: what a year's annual report needs — per kind its count with its unit and each field's
figure by the field's own rule (sum, count-true, latest, max, mean, distinct, as-reported, group:
see ``fzlog/kinds.py``), the ratios derived from those figures, and which figures are lower bounds
(2000余) — optionally grouped by month/quarter/tag and compared with another period (同比).

One place for these rules: summary, export, check rules and the report all tally through here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from fzlog.kinds import AT_LEAST, BOUND_WORDS, COUNT, Field, Kind, Registry
from fzlog.period import Period
from fzlog.record import Record

_PLACEHOLDER = re.compile(r"^(?P<name>\w+)(?:\[(?P<gf>\w+)=(?P<gv>[^\]]+)\]|/(?P<den>\w+))?$")


@dataclass(frozen=True)
class Ref:
    """What a draft sentence's placeholder names: ``count`` or a field (``name``), optionally of
    the items with one value of a group field (``count[body=中心组]``), or a ratio of two figures
    (``passed/sat``: ``denominator`` set)."""

    name: str
    group_field: str = ""
    group_value: str = ""
    denominator: str = ""

    @property
    def key(self) -> str:
        """The figure's name as summary --json's paths write it: count, materials, passed/sat,
        count[body=中心组]."""
        if self.denominator:
            return f"{self.name}/{self.denominator}"
        if self.group_field:
            return f"{self.name}[{self.group_field}={self.group_value}]"
        return self.name


def parse_ref(expr: str) -> Ref | None:
    """The one parser of placeholders (kinds.toml ``sentence``, the report's templates): None when
    ``expr`` is not one."""
    m = _PLACEHOLDER.match(expr.strip())
    if m is None:
        return None
    return Ref(m["name"], m["gf"] or "", (m["gv"] or "").strip(), m["den"] or "")
#: Rules whose figure is a number that adds up over records (a missing one is 0, not absent).
ADDING = ("sum", "count-true")
#: Rules whose figure is the value of the period's last record that has one.
LAST = ("latest", "as-reported")


def bounds_of(rec: Record) -> dict[str, str]:
    """The record's lower-bound figures: field name (or ``count``) → the word the draft writes
    back (余 unless the record says ``hours:超``)."""
    out: dict[str, str] = {}
    for entry in rec.fields.get(AT_LEAST) or ():
        name, _, word = str(entry).partition(":")
        out[name.strip()] = word.strip() or BOUND_WORDS[0]
    return out


def _key(value: Any) -> str:
    """A list entry as compared for ``distinct``: 《民法典》 and 民法典 are one law."""
    return str(value).strip().strip("《》<>“”\"' ").replace(" ", "")


class _Acc:
    """One field's running figure over records (a group field's breakdown is KindTally's)."""

    __slots__ = ("f", "total", "weight", "when", "value", "seen", "bound", "snapshots", "key")

    def __init__(self, f: Field, key: str = ""):
        self.f = f
        self.key = key  # the kind's snapshot_by field: latest values per value of it, added up
        self.snapshots: dict[str, tuple[tuple[dt.date, str], Any, str | None]] = {}
        self.total: int | float = 0
        self.weight = 0
        self.when: tuple[dt.date, str] | None = None
        self.value: Any = None
        self.seen: dict[str, str] = {}  # distinct: key → first spelling
        self.bound: str | None = None

    def add(self, rec: Record, n: int, bound: str | None) -> None:
        rule = self.f.aggregate
        value = rec.fields.get(self.f.name)
        if rule == "count-true":
            if value is True:
                self.total += n
            return
        if value is None or value == "" or value == []:
            return
        if rule == "sum":
            self.total = _round(self.total + value)
            if bound:
                self.bound = self.bound or bound
        elif rule in LAST:
            when = (rec.date, rec.id)
            if self.key and _number(value):
                k = str(rec.fields.get(self.key) or "")
                old = self.snapshots.get(k)
                if old is None or when >= old[0]:
                    self.snapshots[k] = (when, value, bound)
                return
            if self.when is None or when >= self.when:
                self.when, self.value, self.bound = when, value, bound
        elif rule == "max":
            if self.value is None or value > self.value:
                self.value, self.bound = value, bound
        elif rule == "mean":
            self.total += value * n
            self.weight += n
            self.bound = self.bound or bound
        elif rule == "distinct":
            for entry in value:
                self.seen.setdefault(_key(entry), str(entry))

    def merge(self, other: "_Acc") -> None:
        """Add another tally's figure (a county total over department ledgers: snapshots and
        maxima of different offices add up; means are weighted again)."""
        rule = self.f.aggregate
        if rule in ADDING:
            self.total = _round(self.total + other.total)
        elif rule in LAST or rule == "max":
            if _number(self.value) and _number(other.value):
                self.value = _round(self.value + other.value)
            elif self.value is None:
                self.value = other.value
            if other.when is not None and (self.when is None or other.when > self.when):
                self.when = other.when
        elif rule == "mean":
            self.total += other.total
            self.weight += other.weight
        elif rule == "distinct":
            for k, v in other.seen.items():
                self.seen.setdefault(k, v)
        self.bound = self.bound or other.bound

    def figure(self) -> Any:
        """The field's figure: a number (0 when no record has one, for adding rules), the latest
        value, the number of distinct entries, or None (nothing to say)."""
        rule = self.f.aggregate
        if self.snapshots:
            self.value = _round(sum(v for _, v, _ in self.snapshots.values()))
            self.bound = next((b for _, _, b in self.snapshots.values() if b), None)
            self.when = max(w for w, _, _ in self.snapshots.values())
            self.snapshots = {}
        if rule in ADDING:
            return self.total
        if rule == "mean":
            return _round(self.total / self.weight) if self.weight else None
        if rule == "distinct":
            return len(self.seen)
        if rule == "group":
            return None
        return self.value


def figure(f: Field, records: Iterable[Record]) -> Any:
    """One field's figure over ``records`` by its rule (what a check rule on the field compares)."""
    acc = _Acc(f)
    for rec in records:
        bounds = bounds_of(rec) if AT_LEAST in rec.fields else {}
        acc.add(rec, rec.fields.get(COUNT, 1), bounds.get(f.name))
    return acc.figure()


@dataclass
class KindTally:
    kind: Kind
    count: int = 0
    fields: dict[str, Any] = field(default_factory=dict)
    records: list[str] = field(default_factory=list)  # ids, for evidence
    nested: bool = False  # a group's share of a kind's tally (no breakdowns of its own)

    def __post_init__(self) -> None:
        key = self.kind.snapshot_by
        self._acc = {f.name: _Acc(f, key) for f in self.kind.fields
                     if f.tallied and not (self.nested and f.aggregate == "group")}
        # sums and counts of yes are added up here, record by record (most figures are these)
        self._simple = [(f.name, f.aggregate == "count-true") for f in self.kind.fields
                        if f.tallied and f.aggregate in ADDING]
        self._totals: dict[str, int | float] = {name: 0 for name, _ in self._simple}
        self._seen: set[str] = set()  # the adding fields some record gives (a ratio of nothing is none)
        self._others = [(name, acc) for name, acc in self._acc.items() if acc.f.aggregate not in (*ADDING, "group")]
        self._count_bound: str | None = None
        # per group field and value: the records with that value, tallied when asked for
        self._members: dict[str, dict[str, list[Record]]] = {} if self.nested else \
            {name: {} for name, acc in self._acc.items() if acc.f.aggregate == "group"}
        self._parts: dict[str, dict[str, KindTally]] | None = None

    def add(self, rec: Record) -> None:
        values = rec.fields
        n = values.get(COUNT, 1)
        self.count += n
        self.records.append(rec.id)
        totals = self._totals
        for name, is_bool in self._simple:
            value = values.get(name)
            if value is None:
                continue
            if is_bool:
                if value is True:
                    totals[name] += n
            else:
                total = totals[name] + value
                totals[name] = round(total, 6) if type(total) is float else total
            if name not in self._seen:
                self._seen.add(name)
        bounds = bounds_of(rec) if AT_LEAST in values else None
        if bounds:
            if bounds.get(COUNT):
                self._count_bound = self._count_bound or bounds[COUNT]
            for name, word in bounds.items():
                acc = self._acc.get(name)
                if acc is not None and acc.f.aggregate == "sum" and values.get(name) is not None:
                    acc.bound = acc.bound or word
        for name, acc in self._others:
            if name in values:
                acc.add(rec, n, bounds.get(name) if bounds else None)
        for name, members in self._members.items():
            value = values.get(name)
            if value is not None and value != "":
                key = value.strip() if type(value) is str else str(value)
                if key:
                    members.setdefault(key, []).append(rec)

    def merge(self, other: "KindTally") -> None:
        self.count += other.count
        self.records.extend(other.records)
        self._count_bound = self._count_bound or other._count_bound
        for name in self._totals:
            self._totals[name] = _round(self._totals[name] + other._totals.get(name, 0))
        self._seen |= other._seen
        for name, acc in self._acc.items():
            if name in other._acc:
                if acc.f.aggregate in ADDING:
                    acc.bound = acc.bound or other._acc[name].bound
                else:
                    acc.merge(other._acc[name])
        for name, members in self._members.items():
            for key, recs in other._members.get(name, {}).items():
                members.setdefault(key, []).extend(recs)
        self._parts = None
        self.finish()

    def finish(self) -> None:
        """Work out the figures from the running totals (after the last record)."""
        self.fields = {}
        for name, acc in self._acc.items():
            value = self._totals[name] if name in self._totals else acc.figure()
            if value is not None:
                self.fields[name] = value

    def _tallied_parts(self) -> dict[str, dict[str, "KindTally"]]:
        if self._parts is None:
            self._parts = {}
            for name, members in self._members.items():
                parts = self._parts[name] = {}
                for key, recs in members.items():
                    part = parts[key] = KindTally(self.kind, nested=True)
                    for rec in recs:
                        part.add(rec)
                    part.finish()
        return self._parts

    def part(self, name: str, value: str) -> "KindTally | None":
        """The tally of the items whose group field ``name`` is ``value`` (body=中心组)."""
        return self._tallied_parts().get(name, {}).get(value)

    # what the figures mean ----------------------------------------------------------------
    def rule(self, name: str) -> str:
        return "sum" if name == COUNT else self.kind.field(name).aggregate

    @property
    def rules(self) -> dict[str, str]:
        """The rule each figure used: ``count`` and every tallied field."""
        return {COUNT: "sum", **{name: acc.f.aggregate for name, acc in self._acc.items()}}

    @property
    def groups(self) -> dict[str, dict[str, int]]:
        """Per group field: the count of items per value, largest first (中心组 3, 常务会 4)."""
        out = {}
        for name, members in self._members.items():
            counts = {key: sum(r.fields.get(COUNT, 1) for r in recs) for key, recs in members.items()}
            if counts:
                out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out

    def group_count(self, name: str, value: str) -> int:
        """The count of items whose group field ``name`` is ``value`` ({count[body=中心组]})."""
        return sum(r.fields.get(COUNT, 1) for r in self._members.get(name, {}).get(value, ()))

    def group_dict(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Per group field and value: its count, figures and ratios (the JSON ``groups``)."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for name, counts in self.groups.items():
            out[name] = {}
            for key in counts:
                part = self._tallied_parts()[name][key]
                out[name][key] = {"count": part.count, "fields": {k: _json(v) for k, v in part.fields.items()},
                                  "ratios": part.ratios, "at_least": part.at_least}
        return out

    @property
    def at_least(self) -> dict[str, str]:
        """The figures that are lower bounds (a sum with one 余 in it is itself a 余): name → word."""
        out = {COUNT: self._count_bound} if self._count_bound else {}
        out.update({name: acc.bound for name, acc in self._acc.items() if acc.bound and name in self.fields})
        return out

    def value(self, name: str) -> Any:
        """A figure by name: ``count`` or a field's."""
        return self.count if name == COUNT else self.fields.get(name)

    def given(self, name: str) -> bool:
        """Whether any record gives the figure (``count`` always does): a sum of nothing is 0 in
        ``fields`` but no ground for a rate."""
        if name == COUNT:
            return True
        if name in self._totals:
            return name in self._seen
        return self.fields.get(name) is not None

    def resolve(self, expr: str) -> tuple[Any, str | None]:
        """A draft sentence's placeholder (kinds.toml ``sentence``) → its figure and lower-bound
        word: ``count``; ``materials`` a field's figure; ``count[plan_type=学法计划]`` or
        ``headcount[role=法治副校长]`` a group value's; ``passed/sat`` a percentage from the two
        figures (None when the denominator is 0 or missing). (None, None) when it names nothing."""
        ref = parse_ref(expr)
        if ref is None:
            return None, None
        return self.figure_of(ref)

    def figure_of(self, ref: Ref) -> tuple[Any, str | None]:
        """``resolve`` for a parsed placeholder."""
        if ref.denominator:
            num, den = self.value(ref.name), self.value(ref.denominator)
            ok = _number(num) and _number(den) and den and self.given(ref.name) and self.given(ref.denominator)
            return (round(100 * num / den, 2) if ok else None), None
        tl: KindTally | None = self
        if ref.group_field:
            tl = self.part(ref.group_field, ref.group_value)
            if tl is None:
                return (0, None) if ref.name == COUNT else (None, None)
        f = tl.kind.field(ref.name) if ref.name != COUNT else None
        if ref.name != COUNT and f is None:
            return None, None
        if f is not None and f.aggregate == "group":  # its values: 党组理论学习中心组、政府常务会议
            shares = self.groups.get(f.name)
            return ("、".join(shares) if shares else None), None
        return tl.value(ref.name), tl.at_least.get(ref.name)

    @property
    def ratios(self) -> dict[str, dict[str, Any]]:
        """Each ratio of the kind from the period's figures: numerator and denominator as tallied,
        the value as a fraction and a percentage (None when the denominator is 0 or missing)."""
        out = {}
        for r in self.kind.ratios:
            num, den = self.value(r.numerator), self.value(r.denominator)
            ok = _number(num) and _number(den) and den and self.given(r.numerator) and self.given(r.denominator)
            out[r.name] = {
                "label": r.display_label(), "of": r.of, "numerator": num, "denominator": den,
                "value": round(num / den, 6) if ok else None,
                "percent": round(100 * num / den, 2) if ok else None,
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``fzlog summary --json`` per kind: ``fields`` holds each figure as
        before; ``rules`` names the rule each used, ``groups`` the breakdowns, ``ratios`` the
        derived rates, ``at_least`` the lower bounds."""
        return {"label": self.kind.display_label(), "unit": self.kind.display_unit(), "count": self.count,
                "fields": {k: _json(v) for k, v in self.fields.items()}, "rules": self.rules,
                "groups": self.group_dict(), "ratios": self.ratios, "at_least": self.at_least}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Tally:
    period: Period | None
    records: int = 0
    kinds: dict[str, KindTally] = field(default_factory=dict)

    def get(self, slug: str) -> KindTally | None:
        return self.kinds.get(slug)

    def count(self, slug: str) -> int:
        kt = self.kinds.get(slug)
        return kt.count if kt else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.to_dict() if self.period else None,
            "records": self.records,
            "kinds": {slug: kt.to_dict() for slug, kt in self.kinds.items()},
        }


def tally(records: Iterable[Record], registry: Registry, period: Period | None = None,
          kinds: Iterable[str] = (), *, zeros: bool = True) -> Tally:
    """Count and tally ``records`` per kind, in registry order. Kinds named in ``kinds`` appear
    even when no record has them, and (``zeros``) so do the kinds marked ``zero_reported`` when no
    kind is named: a zero is a figure too."""
    out = Tally(period)
    wanted = [slug for slug in kinds if slug in registry]
    if zeros and not wanted:
        wanted = [k.slug for k in registry if k.zero_reported and registry.covered(k.slug)]
    by_kind: dict[str, KindTally] = {slug: KindTally(registry.get(slug)) for slug in wanted}
    for rec in records:
        kt = by_kind.get(rec.kind)
        if kt is None:
            kind = registry.get(rec.kind)
            if kind is None:
                continue
            kt = by_kind[rec.kind] = KindTally(kind)
        kt.add(rec)
        out.records += 1
    order = [k.slug for k in registry]
    out.kinds = {slug: by_kind[slug] for slug in order if slug in by_kind}
    for kt in out.kinds.values():
        kt.finish()
    return out


def combine(tallies: Iterable[Tally], period: Period | None = None) -> Tally:
    """One tally adding up several (a county total over department ledgers)."""
    out = Tally(period)
    for tl in tallies:
        out.records += tl.records
        for slug, kt in tl.kinds.items():
            total = out.kinds.get(slug)
            if total is None:
                total = out.kinds[slug] = KindTally(kt.kind)
            total.merge(kt)
    return out


@dataclass
class Group:
    key: str
    tally: Tally

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "records": self.tally.records,
                "kinds": {s: kt.to_dict() for s, kt in self.tally.kinds.items()}}


NO_TAG = "（无标签）"


def group(records: list[Record], registry: Registry, period: Period, by: str) -> list[Group]:
    """Tallies per month, quarter or tag of ``period``."""
    if by in ("month", "quarter"):
        parts = list(period.months() if by == "month" else period.quarters())
        return [Group(p.text, tally([r for r in records if r.date in p], registry, p, zeros=False))
                for p in parts]
    if by == "tag":
        tags: dict[str, list[Record]] = {}
        for r in records:
            for tag in r.tags or (NO_TAG,):
                tags.setdefault(tag, []).append(r)
        return [Group(tag, tally(rs, registry, period, zeros=False)) for tag, rs in
                sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    raise ValueError(by)


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def change(current: Tally, previous: Tally) -> dict[str, dict[str, Any]]:
    """Per kind: the difference in count, in each numeric figure and in each ratio's percentage
    (同比增减)."""
    out: dict[str, dict[str, Any]] = {}
    for slug in dict.fromkeys([*current.kinds, *previous.kinds]):
        cur, prev = current.kinds.get(slug), previous.kinds.get(slug)
        names = dict.fromkeys([*(cur.fields if cur else {}), *(prev.fields if prev else {})])
        fields = {}
        for n in names:
            a = cur.fields.get(n, 0) if cur else 0
            b = prev.fields.get(n, 0) if prev else 0
            if _number(a) and _number(b):
                fields[n] = _round(a - b)
        ratios = {}
        for name, r in (cur.ratios if cur else {}).items():
            p = (prev.ratios if prev else {}).get(name, {}).get("percent")
            if r["percent"] is not None and p is not None:
                ratios[name] = round(r["percent"] - p, 2)
        out[slug] = {"count": (cur.count if cur else 0) - (prev.count if prev else 0), "fields": fields,
                     "ratios": ratios}
    return out


def _round(x: int | float) -> int | float:
    return round(x, 6) if isinstance(x, float) else x
