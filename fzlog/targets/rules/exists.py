"""``exists``: at least one matching record in the year, or naming the year (``year_field``):
法律顾问, 年度普法计划, 年终述法."""

from __future__ import annotations

from dataclasses import dataclass

from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import Context, Outcome, Params, Rule, Selector, judge, rule_type


@rule_type("exists")
@dataclass(frozen=True)
class Exists(Rule):
    selector: Selector

    @classmethod
    def parse(cls, p: Params) -> Exists:
        return cls(Selector.parse(p))

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        status, _ = judge(len(found), 1, ctx)
        return Outcome(
            status,
            t("check.at_least", n=1, unit=unit),
            t("check.amount", n=len(found), unit=unit),
            tuple(r.id for r in found),
        )
