"""Totals: what a year's annual report needs — counts per kind with their unit, numeric fields
summed, boolean steps counted — optionally grouped by month/quarter/tag and compared with
another period (同比)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from fzlog.kinds import Kind, Registry
from fzlog.period import Period
from fzlog.record import Record


@dataclass
class KindTally:
    kind: Kind
    count: int = 0
    fields: dict[str, int | float] = field(default_factory=dict)
    records: list[str] = field(default_factory=list)  # ids, for evidence

    def __post_init__(self) -> None:
        # (name, is yes/no) of the fields summaries report: worked out once, not for every record
        self._tallied = [(f.name, f.type == "bool") for f in self.kind.fields if f.tallied]

    def add(self, rec: Record) -> None:
        self.count += 1
        self.records.append(rec.id)
        totals = self.fields
        for name, is_bool in self._tallied:
            value = rec.fields.get(name)
            if is_bool:
                totals[name] = totals.get(name, 0) + (1 if value is True else 0)
            elif value is not None:
                total = totals.get(name, 0) + value
                totals[name] = round(total, 6) if isinstance(total, float) else total

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.kind.display_label(), "unit": self.kind.display_unit(), "count": self.count,
                "fields": dict(self.fields)}


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
          kinds: Iterable[str] = ()) -> Tally:
    """Count and sum ``records`` per kind, in registry order. Kinds named in ``kinds`` appear even
    when no record has them (a zero is a figure too)."""
    out = Tally(period)
    by_kind: dict[str, KindTally] = {slug: KindTally(registry.get(slug)) for slug in kinds if slug in registry}
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
    for kt in out.kinds.values():  # every tallied field appears, zero when no record has it
        for f in kt.kind.fields:
            if f.tallied:
                kt.fields.setdefault(f.name, 0)
        kt.fields = {f.name: kt.fields[f.name] for f in kt.kind.fields if f.name in kt.fields}
    return out


def combine(tallies: Iterable[Tally], period: Period | None = None) -> Tally:
    """One tally adding up several (a county total over department ledgers)."""
    out = Tally(period)
    for tl in tallies:
        out.records += tl.records
        for slug, kt in tl.kinds.items():
            total = out.kinds.setdefault(slug, KindTally(kt.kind))
            total.count += kt.count
            total.records.extend(kt.records)
            for name, value in kt.fields.items():
                total.fields[name] = _round(total.fields.get(name, 0) + value)
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
        return [Group(p.text, tally([r for r in records if r.date in p], registry, p)) for p in parts]
    if by == "tag":
        tags: dict[str, list[Record]] = {}
        for r in records:
            for tag in r.tags or (NO_TAG,):
                tags.setdefault(tag, []).append(r)
        return [Group(tag, tally(rs, registry, period)) for tag, rs in
                sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    raise ValueError(by)


def change(current: Tally, previous: Tally) -> dict[str, dict[str, Any]]:
    """Per kind: the difference in count and in each field (同比增减)."""
    out: dict[str, dict[str, Any]] = {}
    for slug in dict.fromkeys([*current.kinds, *previous.kinds]):
        cur, prev = current.kinds.get(slug), previous.kinds.get(slug)
        names = dict.fromkeys([*(cur.fields if cur else {}), *(prev.fields if prev else {})])
        out[slug] = {
            "count": (cur.count if cur else 0) - (prev.count if prev else 0),
            "fields": {n: _round((cur.fields.get(n, 0) if cur else 0) - (prev.fields.get(n, 0) if prev else 0))
                       for n in names},
        }
    return out


def _round(x: int | float) -> int | float:
    return round(x, 6) if isinstance(x, float) else x
