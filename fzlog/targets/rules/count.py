"""``count``: at least ``min`` matching items in the year (法治专题讲座 ≥ 2). A record stands
for ``count`` items (a quantity record of a month's 55 注册 counts 55), as in fzlog.tally."""

from __future__ import annotations

from dataclasses import dataclass

from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import Context, Outcome, Params, Rule, Selector, judge, rule_type


@rule_type("count")
@dataclass(frozen=True)
class Count(Rule):
    selector: Selector
    min: int

    @classmethod
    def parse(cls, p: Params) -> Count:
        return cls(Selector.parse(p), p.number("min"))

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        n = sum(r.fields.get("count", 1) for r in found)
        status, expected = judge(n, self.min, ctx)
        note = (
            t("check.note.expected", as_of=ctx.as_of, n=expected, unit=unit) if status in ("on-track", "behind") else ""
        )
        return Outcome(
            status,
            t("check.at_least", n=self.min, unit=unit),
            t("check.amount", n=n, unit=unit),
            tuple(r.id for r in found),
            note=note,
        )
