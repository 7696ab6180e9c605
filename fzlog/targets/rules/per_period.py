"""``per-quarter`` / ``per-month``: at least ``min`` matching records in each quarter (month) of
the year (中心组每季度集体学法 ≥ 1). Parts not yet over are not judged; a part that is over
and fell short makes the target unmet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import MET, ON_TRACK, UNMET, Context, Outcome, Params, Rule, Selector, rule_type


@rule_type("per-quarter")
@dataclass(frozen=True)
class PerQuarter(Rule):
    selector: Selector
    min: int
    part: ClassVar[str] = "quarter"

    @classmethod
    def parse(cls, p: Params) -> PerQuarter:
        return cls(Selector.parse(p, by_year_field=False), p.number("min", 1))

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def parts(self, ctx: Context) -> list[Period]:
        return list(ctx.period.quarters())

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        counts, short = [], []
        for part in self.parts(ctx):
            n = sum(1 for r in found if r.date in part)
            state = ctx.part_state(part)
            counts.append(str(n) if state != "future" else "–")
            if state == "done" and n < self.min:
                short.append(part.text)
        if short:  # a part that is over cannot be made up: unmet even while the year runs
            status = UNMET
        else:
            status = MET if ctx.year_over else ON_TRACK
        note = t("check.note.short_parts", parts="、".join(short)) if short else ""
        return Outcome(
            status,
            t("check.each_part", part=t("check.part." + self.part), n=self.min, unit=unit),
            "/".join(counts) + f" {unit}",
            tuple(r.id for r in found),
            note=note,
        )


@rule_type("per-month")
@dataclass(frozen=True)
class PerMonth(PerQuarter):
    part: ClassVar[str] = "month"

    def parts(self, ctx: Context) -> list[Period]:
        return list(ctx.period.months())
