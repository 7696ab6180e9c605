"""Totals: what a year's annual report needs — per kind its count with its unit and each field's
figure by the field's own rule (sum, count-true, latest, max, mean, distinct, as-reported, group:
see ``fzlog/kinds.py``), the ratios derived from those figures, and which figures are lower bounds
(2000余) — optionally grouped by month/quarter/tag and compared with another period (同比).

One place for these rules: summary, export, check rules and the report all tally through here.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

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


#: Sums are kept in millionths, as integers: adding them up is exact in any order, so the figures
#: of a year are the same whether its records are tallied one by one or its days' partials joined.
UNIT = 1_000_000
When = tuple[int, str]  # (date ordinal, record id): which of two records is the later
Snap = tuple[When, Any, "str | None"]  # a latest value: when, the value, its lower-bound word


@dataclass(frozen=True)
class Plan:
    """How a kind's records are tallied: its tallied fields with their rules, in field order."""

    fields: tuple[tuple[str, str], ...]
    key: str = ""  # the kind's snapshot_by field
    nested: bool = False  # a group value's part: no breakdowns of its own

    @classmethod
    def of(cls, kind: Kind, nested: bool = False) -> Plan:
        return cls(
            tuple((f.name, f.aggregate) for f in kind.fields if f.tallied and not (nested and f.aggregate == "group")),
            kind.snapshot_by,
            nested,
        )

    @cached_property
    def part(self) -> Plan:
        """The plan of a group value's part (made once: every record with the group field asks)."""
        return Plan(tuple(fr for fr in self.fields if fr[1] != "group"), self.key, True)


@dataclass
class Partial:
    """What some of a kind's records add to its figures, by each field's rule: counts, sums,
    latest and largest values, weighted totals for means, distinct entries, and per group value
    the part of its members. Partials of consecutive stretches of records (the days of a year)
    join into the partial of all of them (:func:`joined`), which is how a cache can keep a day's
    tallies and a long period need not read its records again. Only plain data: ``to_plain``
    gives what ``marshal`` can store."""

    records: int = 0  # record files
    count: int = 0  # items (a record stands for ``count`` of them)
    count_bound: str | None = None
    sums: dict[str, int] = field(default_factory=dict)  # sum (in millionths) and count-true fields
    floats: set[str] = field(default_factory=set)  # summed fields some float went into
    given: set[str] = field(default_factory=set)  # adding fields some record gives
    bounds: dict[str, str] = field(default_factory=dict)  # first lower-bound word of sum and mean fields
    latest: dict[str, Snap] = field(default_factory=dict)  # latest and as-reported
    snapshots: dict[str, dict[str, Snap]] = field(default_factory=dict)  # the same per snapshot_by value
    maxes: dict[str, tuple[Any, str | None]] = field(default_factory=dict)
    means: dict[str, tuple[int, int]] = field(default_factory=dict)  # (total in millionths, weight)
    distinct: dict[str, dict[str, str]] = field(default_factory=dict)  # key → first spelling
    groups: dict[str, dict[str, Partial]] = field(default_factory=dict)

    def add(self, rec: Record, plan: Plan) -> None:
        """Tally one record (records come in date order, and in file order within a day)."""
        values = rec.fields
        n = values.get(COUNT, 1)
        self.records += 1
        self.count += n
        bounds = bounds_of(rec) if AT_LEAST in values else None
        if bounds and bounds.get(COUNT) and self.count_bound is None:
            self.count_bound = bounds[COUNT]
        for name, rule in plan.fields:
            value = values.get(name)
            if value is None:
                continue
            bound = bounds.get(name) if bounds else None
            if rule == "sum":
                self.given.add(name)
                if type(value) is float:
                    self.floats.add(name)
                    value = round(value * UNIT)
                else:
                    value *= UNIT
                self.sums[name] = self.sums.get(name, 0) + value
                if bound and name not in self.bounds:
                    self.bounds[name] = bound
            elif rule == "count-true":
                self.given.add(name)
                self.sums[name] = self.sums.get(name, 0) + (n if value is True else 0)
            elif value == "" or value == []:
                continue
            elif rule in LAST:
                snap = ((rec.date.toordinal(), rec.id), value, bound)
                if plan.key and _number(value):
                    shots = self.snapshots.setdefault(name, {})
                    k = str(values.get(plan.key) or "")
                    old = shots.get(k)
                    if old is None or snap[0] >= old[0]:
                        shots[k] = snap
                else:
                    old = self.latest.get(name)
                    if old is None or snap[0] >= old[0]:
                        self.latest[name] = snap
            elif rule == "max":
                top = self.maxes.get(name)
                if top is None or value > top[0]:
                    self.maxes[name] = (value, bound)
            elif rule == "mean":
                total, weight = self.means.get(name, (0, 0))
                self.means[name] = (total + round(value * UNIT) * n, weight + n)
                if bound and name not in self.bounds:
                    self.bounds[name] = bound
            elif rule == "distinct":
                seen = self.distinct.setdefault(name, {})
                for entry in value:
                    seen.setdefault(_key(entry), str(entry))
            elif rule == "group" and not plan.nested:
                key = value.strip() if type(value) is str else str(value)
                if key:
                    parts = self.groups.setdefault(name, {})
                    part = parts.get(key)
                    if part is None:
                        part = parts[key] = Partial()
                    part.add(rec, plan.part)

    def join(self, other: Partial) -> None:
        """Add the partial of the records that come after this one's."""
        self.records += other.records
        self.count += other.count
        self.count_bound = self.count_bound or other.count_bound
        sums = self.sums
        for name, v in other.sums.items():
            sums[name] = sums.get(name, 0) + v
        self.floats |= other.floats
        self.given |= other.given
        for name, word in other.bounds.items():
            self.bounds.setdefault(name, word)
        for name, snap in other.latest.items():
            old = self.latest.get(name)
            if old is None or snap[0] >= old[0]:
                self.latest[name] = snap
        for name, theirs in other.snapshots.items():
            shots = self.snapshots.setdefault(name, {})
            for k, snap in theirs.items():
                old = shots.get(k)
                if old is None or snap[0] >= old[0]:
                    shots[k] = snap
        for name, mx in other.maxes.items():
            top = self.maxes.get(name)
            if top is None or mx[0] > top[0]:
                self.maxes[name] = mx
        for name, (total, weight) in other.means.items():
            so_far = self.means.get(name, (0, 0))
            self.means[name] = (so_far[0] + total, so_far[1] + weight)
        for name, spellings in other.distinct.items():
            seen = self.distinct.setdefault(name, {})
            for k, spelling in spellings.items():
                seen.setdefault(k, spelling)
        for name, their_parts in other.groups.items():
            parts = self.groups.setdefault(name, {})
            for k, part in their_parts.items():
                mine = parts.get(k)
                if mine is None:
                    mine = parts[k] = Partial()
                mine.join(part)

    def combine(self, other: Partial) -> None:
        """Add another office's partial (a county total over department ledgers): as :meth:`join`,
        except that latest values and maxima of different offices add up."""
        mine, theirs, maxes = self._collapsed(), other._collapsed(), self.maxes
        self.latest, self.snapshots, self.maxes = {}, {}, {}
        self.join(replace(other, latest={}, snapshots={}, maxes={}))
        for name in dict.fromkeys([*mine, *theirs]):
            a, b = mine.get(name), theirs.get(name)
            if a is None or b is None:
                self.latest[name] = a or b  # type: ignore[assignment]
            else:
                value = _round(a[1] + b[1]) if _number(a[1]) and _number(b[1]) else a[1]
                self.latest[name] = (max(a[0], b[0]), value, a[2] or b[2])
        for name in dict.fromkeys([*maxes, *other.maxes]):
            x, y = maxes.get(name), other.maxes.get(name)
            if x is None or y is None:
                self.maxes[name] = x or y  # type: ignore[assignment]
            else:
                value = _round(x[0] + y[0]) if _number(x[0]) and _number(y[0]) else x[0]
                self.maxes[name] = (value, x[1] or y[1])

    def _collapsed(self) -> dict[str, Snap]:
        """The latest values, those per snapshot_by value added up into one."""
        out = dict(self.latest)
        for name, shots in self.snapshots.items():
            if shots:
                out[name] = (
                    max(w for w, _, _ in shots.values()),
                    _round(sum(v for _, v, _ in shots.values())),
                    next((b for _, _, b in shots.values() if b), None),
                )
        return out

    def figure(self, name: str, rule: str) -> Any:
        """A field's figure by its rule: a number (0 when no record has one, for adding rules),
        the latest value, the number of distinct entries, or None (nothing to say)."""
        return self._figure(name, rule)[0]

    def _figure(self, name: str, rule: str) -> tuple[Any, str | None]:
        if rule == "sum":
            total = self.sums.get(name, 0)
            return (_round(total / UNIT) if name in self.floats else total // UNIT), self.bounds.get(name)
        if rule == "count-true":
            return self.sums.get(name, 0), None
        if rule in LAST:
            shots = self.snapshots.get(name)
            if shots:
                return (
                    _round(sum(v for _, v, _ in shots.values())),
                    next((b for _, _, b in shots.values() if b), None),
                )
            snap = self.latest.get(name)
            return (snap[1], snap[2]) if snap else (None, None)
        if rule == "max":
            return self.maxes.get(name, (None, None))
        if rule == "mean":
            total, weight = self.means.get(name, (0, 0))
            return (_round(total / UNIT / weight) if weight else None), self.bounds.get(name)
        if rule == "distinct":
            return len(self.distinct.get(name, ())), None
        return None, None

    def to_plain(self) -> tuple:
        """The partial as tuples, dicts, sets, strings and numbers, for ``marshal``: the record
        and item counts, then what is not empty by name (a date among latest values becomes
        ``("date", ordinal)``)."""
        rest: dict[str, Any] = {}
        for name in _PLAIN:
            value = getattr(self, name)
            if value:
                if name == "latest":
                    value = {k: _plain_snap(v) for k, v in value.items()}
                elif name == "snapshots":
                    value = {k: {g: _plain_snap(v) for g, v in shots.items()} for k, shots in value.items()}
                elif name == "groups":
                    value = {k: {g: part.to_plain() for g, part in parts.items()} for k, parts in value.items()}
                rest[name] = value
        return self.records, self.count, rest

    @classmethod
    def from_plain(cls, data: tuple) -> Partial:
        records, count, rest = data
        rest = dict(rest)  # (the plain data stays as it was)
        if "latest" in rest:
            rest["latest"] = {k: _snap(v) for k, v in rest["latest"].items()}
        if "snapshots" in rest:
            rest["snapshots"] = {k: {g: _snap(v) for g, v in shots.items()} for k, shots in rest["snapshots"].items()}
        if "groups" in rest:
            rest["groups"] = {
                k: {g: cls.from_plain(p) for g, p in parts.items()} for k, parts in rest["groups"].items()
            }
        return cls(records, count, **rest)


_PLAIN = (
    "count_bound",
    "sums",
    "floats",
    "given",
    "bounds",
    "latest",
    "snapshots",
    "maxes",
    "means",
    "distinct",
    "groups",
)


def _plain_snap(snap: Snap) -> Snap:
    value = snap[1]
    return (snap[0], ("date", value.toordinal()), snap[2]) if isinstance(value, dt.date) else snap


def _snap(snap: Snap) -> Snap:
    value = snap[1]
    if type(value) is tuple and len(value) == 2 and value[0] == "date":
        return (snap[0], dt.date.fromordinal(value[1]), snap[2])
    return snap


Partials = dict[str, Partial]  # kind slug → its partial


def partials(records: Iterable[Record], registry: Registry, plans: dict[str, Plan] | None = None) -> Partials:
    """The partial of each kind over ``records`` (in date order; kinds the registry does not know
    are left out). ``plans``: the kinds' plans worked out so far (kept for the next call)."""
    out: Partials = {}
    plans = {} if plans is None else plans
    for rec in records:
        part = out.get(rec.kind)
        if part is None:
            plan = plans.get(rec.kind)
            if plan is None:
                kind = registry.get(rec.kind)
                if kind is None:
                    continue
                plan = plans[rec.kind] = Plan.of(kind)
            part = out[rec.kind] = Partial()
        part.add(rec, plans[rec.kind])
    return out


def joined(parts: Iterable[Partials]) -> Partials:
    """The partials of consecutive stretches of records (in date order) joined into those of all
    of them; the ones given are left as they are."""
    out: Partials = {}
    for p in parts:
        for slug, part in p.items():
            mine = out.get(slug)
            if mine is None:
                mine = out[slug] = Partial()
            mine.join(part)
    return out


def figure(f: Field, records: Iterable[Record]) -> Any:
    """One field's figure over ``records`` by its rule (what a check rule on the field compares)."""
    plan = Plan(((f.name, f.aggregate),), nested=True)
    part = Partial()
    for rec in records:
        part.add(rec, plan)
    return part.figure(f.name, f.aggregate)


@dataclass
class KindTally:
    """A kind's figures over a period, worked out from its :class:`Partial`."""

    kind: Kind
    partial: Partial = field(default_factory=Partial)
    nested: bool = False  # a group's share of a kind's tally (no breakdowns of its own)
    count: int = 0
    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.plan = Plan.of(self.kind, self.nested)
        self._parts: dict[str, dict[str, KindTally]] = {}
        self.finish()

    def add(self, rec: Record) -> None:
        self.partial.add(rec, self.plan)

    def merge(self, other: KindTally) -> None:
        """Add another office's tally of the kind (see :meth:`Partial.combine`)."""
        self.partial.combine(other.partial)
        self.finish()

    def finish(self) -> None:
        """Work out the figures from the partial (after the last record)."""
        self.count = self.partial.count
        self.fields = {}
        self._bounds = {COUNT: self.partial.count_bound} if self.partial.count_bound else {}
        for name, rule in self.plan.fields:
            value, bound = self.partial._figure(name, rule)
            if value is not None:
                self.fields[name] = value
                if bound:
                    self._bounds[name] = bound
        self._parts = {}

    def part(self, name: str, value: str) -> KindTally | None:
        """The tally of the items whose group field ``name`` is ``value`` (body=中心组)."""
        parts = self._parts.setdefault(name, {})
        if value not in parts:
            partial = self.partial.groups.get(name, {}).get(value)
            if partial is None:
                return None
            parts[value] = KindTally(self.kind, partial, nested=True)
        return parts[value]

    # what the figures mean ----------------------------------------------------------------
    def rule(self, name: str) -> str:
        if name == COUNT:
            return "sum"
        f = self.kind.field(name)
        if f is None:
            raise KeyError(name)  # not a field of the kind: the caller's mistake
        return f.aggregate

    @property
    def rules(self) -> dict[str, str]:
        """The rule each figure used: ``count`` and every tallied field."""
        return {COUNT: "sum", **dict(self.plan.fields)}

    @property
    def groups(self) -> dict[str, dict[str, int]]:
        """Per group field: the count of items per value, largest first (中心组 3, 常务会 4)."""
        out = {}
        for name, parts in self.partial.groups.items():
            if parts:
                out[name] = dict(sorted(((key, p.count) for key, p in parts.items()), key=lambda kv: (-kv[1], kv[0])))
        return out

    def group_count(self, name: str, value: str) -> int:
        """The count of items whose group field ``name`` is ``value`` ({count[body=中心组]})."""
        part = self.partial.groups.get(name, {}).get(value)
        return part.count if part else 0

    def group_dict(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Per group field and value: its count, figures and ratios (the JSON ``groups``)."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for name, counts in self.groups.items():
            out[name] = {}
            for key in counts:
                part = self.part(name, key)
                assert part is not None
                out[name][key] = {
                    "count": part.count,
                    "fields": {k: _json(v) for k, v in part.fields.items()},
                    "ratios": part.ratios,
                    "at_least": part.at_least,
                }
        return out

    @property
    def at_least(self) -> dict[str, str]:
        """The figures that are lower bounds (a sum with one 余 in it is itself a 余): name → word."""
        return dict(self._bounds)

    def value(self, name: str) -> Any:
        """A figure by name: ``count`` or a field's."""
        return self.count if name == COUNT else self.fields.get(name)

    def given(self, name: str) -> bool:
        """Whether any record gives the figure (``count`` always does): a sum of nothing is 0 in
        ``fields`` but no ground for a rate."""
        if name == COUNT:
            return True
        if self.rule(name) in ADDING:
            return name in self.partial.given
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
        tl = self
        if ref.group_field:
            part = self.part(ref.group_field, ref.group_value)
            if part is None:
                return (0, None) if ref.name == COUNT else (None, None)
            tl = part
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
                "label": r.display_label(),
                "of": r.of,
                "numerator": num,
                "denominator": den,
                "value": round(num / den, 6) if ok else None,
                "percent": round(100 * num / den, 2) if ok else None,
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``fzlog summary --json`` per kind: ``fields`` holds each figure as
        before; ``rules`` names the rule each used, ``groups`` the breakdowns, ``ratios`` the
        derived rates, ``at_least`` the lower bounds."""
        return {
            "label": self.kind.display_label(),
            "unit": self.kind.display_unit(),
            "count": self.count,
            "fields": {k: _json(v) for k, v in self.fields.items()},
            "rules": self.rules,
            "groups": self.group_dict(),
            "ratios": self.ratios,
            "at_least": self.at_least,
        }


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


def tally(
    records: Iterable[Record],
    registry: Registry,
    period: Period | None = None,
    kinds: Iterable[str] = (),
    *,
    zeros: bool = True,
) -> Tally:
    """Count and tally ``records`` per kind, in registry order. Kinds named in ``kinds`` appear
    even when no record has them, and (``zeros``) so do the kinds marked ``zero_reported`` when no
    kind is named: a zero is a figure too."""
    return tally_of(partials(records, registry), registry, period, kinds, zeros=zeros)


def tally_of(
    parts: Partials, registry: Registry, period: Period | None = None, kinds: Iterable[str] = (), *, zeros: bool = True
) -> Tally:
    """The tally whose kinds' partials are ``parts`` (what :func:`tally` of their records gives;
    the partials become the tally's own)."""
    out = Tally(period)
    wanted = [slug for slug in kinds if slug in registry]
    if zeros and not wanted:
        wanted = [k.slug for k in registry if k.zero_reported and registry.covered(k.slug)]
    for k in registry:
        part = parts.get(k.slug)
        if part is not None or k.slug in wanted:
            out.kinds[k.slug] = KindTally(k, part or Partial())
            out.records += part.records if part else 0
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
        return {
            "key": self.key,
            "records": self.tally.records,
            "kinds": {s: kt.to_dict() for s, kt in self.tally.kinds.items()},
        }


NO_TAG = "（无标签）"


def _in_parts(records: Iterable[Record], parts: list[Period]) -> list[list[Record]]:
    """The records of each of ``parts`` (consecutive months or quarters: a record is in one at
    most), in order."""
    starts = [p.start for p in parts]
    found: list[list[Record]] = [[] for _ in parts]
    for r in records:
        i = bisect_right(starts, r.date) - 1
        if i >= 0 and r.date <= parts[i].end:
            found[i].append(r)
    return found


def group(records: list[Record], registry: Registry, period: Period, by: str) -> list[Group]:
    """Tallies per month, quarter or tag of ``period``."""
    if by in ("month", "quarter"):
        parts = list(period.months() if by == "month" else period.quarters())
        found = _in_parts(records, parts)
        return [Group(p.text, tally(rs, registry, p, zeros=False)) for p, rs in zip(parts, found, strict=True)]
    if by == "tag":
        tags: dict[str, list[Record]] = {}
        for r in records:
            for tag in r.tags or (NO_TAG,):
                tags.setdefault(tag, []).append(r)
        return [
            Group(tag, tally(rs, registry, period, zeros=False))
            for tag, rs in sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
    raise ValueError(by)


def tally_years(
    years: Iterable[list[Record]],
    registry: Registry,
    period: Period,
    kinds: Iterable[str] = (),
    *,
    zeros: bool = True,
    by: str = "",
) -> tuple[Tally, list[Group] | None]:
    """What :func:`tally` of the records gives, and with ``by`` what :func:`group` gives, from the
    records a year at a time (lists in date order, each emptied once tallied: a long period is
    not held whole). The years' partials are joined, as the cache joins its days'."""
    plans: dict[str, Plan] = {}
    whole: list[Partials] = []
    parts = list(period.months() if by == "month" else period.quarters()) if by in ("month", "quarter") else []
    in_parts: dict[str, list[Partials]] = {}  # a month's or quarter's partials
    tags: dict[str, tuple[list[int], list[Partials]]] = {}  # a tag's records and partials
    for year in years:
        whole.append(partials(year, registry, plans))
        if parts:
            for p, mine in zip(parts, _in_parts(year, parts), strict=True):
                if mine:
                    in_parts.setdefault(p.text, []).append(partials(mine, registry, plans))
        elif by == "tag":
            tagged: dict[str, list[Record]] = {}
            for r in year:
                for tag in r.tags or (NO_TAG,):
                    tagged.setdefault(tag, []).append(r)
            for tag, rs in tagged.items():
                count, found = tags.setdefault(tag, ([0], []))
                count[0] += len(rs)
                found.append(partials(rs, registry, plans))
        elif by:
            raise ValueError(by)
        year.clear()
    result = tally_of(joined(whole), registry, period, kinds, zeros=zeros)
    if parts:
        return result, [
            Group(p.text, tally_of(joined(in_parts.get(p.text, ())), registry, p, zeros=False)) for p in parts
        ]
    if by == "tag":
        return result, [
            Group(tag, tally_of(joined(found), registry, period, zeros=False))
            for tag, (_, found) in sorted(tags.items(), key=lambda kv: (-kv[1][0][0], kv[0]))
        ]
    return result, None


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
        out[slug] = {
            "count": (cur.count if cur else 0) - (prev.count if prev else 0),
            "fields": fields,
            "ratios": ratios,
        }
    return out


def _round(x: float) -> int | float:
    return round(x, 6) if isinstance(x, float) else x
