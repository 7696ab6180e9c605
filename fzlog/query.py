"""Selecting records: by period, kinds, tags and text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fzlog.period import Period
from fzlog.record import Record


@dataclass(frozen=True)
class Query:
    period: Period | None = None
    kinds: tuple[str, ...] = ()  # slugs; a record matches any of them
    tags: tuple[str, ...] = ()  # a record must carry every one of them
    text: str = ""  # case-insensitive substring of title, note, place, tags or any text field

    def matches(self, rec: Record) -> bool:
        if self.period is not None and rec.date not in self.period:
            return False
        if self.kinds and rec.kind not in self.kinds:
            return False
        if self.tags and not all(tag in rec.tags for tag in self.tags):
            return False
        return not self.text or self.text.casefold() in searchable_text(rec).casefold()


def searchable_text(rec: Record) -> str:
    parts = [rec.title, rec.note, rec.place, *rec.tags, *rec.evidence]
    for value in rec.fields.values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, (list, tuple)):
            parts.extend(str(v) for v in value)
    return "\n".join(parts)


def select(records: Iterable[Record], query: Query) -> Iterator[Record]:
    return (r for r in records if query.matches(r))


def selected(ledger, period, kinds=(), tags=(), text: str = ""):
    """What ``list``, ``summary`` and the web's lists show: the period's records (``period`` as
    typed, or a Period) with the kind, tag and text filters applied. Returns the period, the kinds'
    slugs (``kinds`` may be Chinese names), the records and the problems of files not read."""
    from fzlog import period as period_mod

    per = period if isinstance(period, Period) else period_mod.parse(period)
    slugs = tuple(ledger.registry.resolve(k).slug for k in kinds)
    loaded = ledger.load(per)  # (only the period's records)
    query = Query(kinds=slugs, tags=tuple(tags), text=text or "")
    records = list(select(loaded.records, query)) if query != Query() else loaded.records
    return per, slugs, records, loaded.problems


def selected_years(ledger, period, kinds=(), tags=(), text: str = ""):
    """What :func:`selected` gives, with the records a year at a time (``Ledger.load_years``): the
    period, the kinds' slugs, an iterator of each year's selected records (lists, date order; a
    year with none is left out) and the problems of files not read, complete once the iterator
    is exhausted."""
    from fzlog import period as period_mod

    per = period if isinstance(period, Period) else period_mod.parse(period)
    slugs = tuple(ledger.registry.resolve(k).slug for k in kinds)
    chunks, problems = ledger.load_years(per)
    query = Query(kinds=slugs, tags=tuple(tags), text=text or "")
    if query != Query():
        chunks = (picked for chunk in chunks if (picked := list(select(chunk, query))))
    return per, slugs, chunks, problems


def compare_period(period: Period, text: str) -> Period:
    """The period ``--compare`` names: ``prev`` (上年, 去年) is the same span a year earlier, anything
    else a period as typed."""
    from fzlog import period as period_mod

    if text.strip().lower() in ("prev", "上年", "去年"):
        return period.shifted_years(-1)
    return period_mod.parse(text)


def summary_dict(result, registry, groups=None, previous=None) -> dict:
    """What ``summary --json`` prints (and a front end shows): the tally, its groups, and with a
    comparison each kind's change."""
    from fzlog import tally as tally_mod

    data = result.to_dict()
    if groups is not None:
        data["groups"] = [g.to_dict() for g in groups]
    if previous is not None:
        data["compare"] = previous.to_dict()
        for slug, ch in tally_mod.change(result, previous).items():
            data["kinds"].setdefault(slug, tally_mod.KindTally(registry.get(slug)).to_dict())
            data["kinds"][slug]["change"] = ch
    return data


def drain(records: list[Record]) -> Iterator[Record]:
    """The records of a list in order, each taken out of the list as it is given: a command that
    writes a long selection out (list, export) does not hold it twice, as records and as output."""
    records.reverse()
    while records:
        yield records.pop()


def tallied(ledger, period, kinds=(), tags=(), text: str = ""):
    """What ``summary`` shows: the tally of the period (``period`` as typed, or a Period) for the
    kinds, tags and text asked. Returns the period, the kinds' slugs, the tally and the problems of
    files not read. Without tags or text it is joined from the ledger's per-kind partials, which
    the ledger can give without decoding a record; a zero of a kind reports is a figure only then."""
    from fzlog import period as period_mod
    from fzlog.tally import tally_of, tally_years

    if tags or text:  # (the records a year at a time: a long period is not held whole)
        per, slugs, years, problems = selected_years(ledger, period, kinds, tags, text)
        return per, slugs, tally_years(years, ledger.registry, per, slugs, zeros=False)[0], problems
    per = period if isinstance(period, Period) else period_mod.parse(period)
    slugs = tuple(ledger.registry.resolve(k).slug for k in kinds)
    parts, problems = ledger.tallies(per)
    if slugs:
        parts = {slug: part for slug, part in parts.items() if slug in slugs}
    return per, slugs, tally_of(parts, ledger.registry, per, slugs), problems
