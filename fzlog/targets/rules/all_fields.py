"""``all``: every matching record of the year has the boolean ``fields`` true, and each field of
``when`` true where the record's condition field is true (专家论证 when 专业性技术性较强).
Not applicable when the year has no such record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import (MET, NA, ON_TRACK, UNMET, Context, Outcome, Params, Rule, RuleError, Selector,
                                      rule_type)


@rule_type("all")
@dataclass(frozen=True)
class AllHave(Rule):
    selector: Selector
    fields: tuple[Field, ...]
    when: Mapping[Field, Field]  # required field -> the condition that makes it required

    @classmethod
    def parse(cls, p: Params) -> "AllHave":
        selector = Selector.parse(p)
        kinds = selector.kinds
        fields = tuple(p.field_of(kinds, name, "fields", ("bool",)) for name in p.texts("fields", ()))
        when = p.get("when", {})
        if not isinstance(when, Mapping):
            raise RuleError(t("check.err.bad", param="when", reason=t("check.err.want_table")), "when")
        conditional = {p.field_of(kinds, need, "when", ("bool",)): p.field_of(kinds, cond, "when", ("bool",))
                       for need, cond in when.items()}
        if not fields and not conditional:
            raise RuleError(t("check.err.missing", param="fields"), "fields")
        return cls(selector, fields, conditional)

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def lacking(self, rec) -> list[Field]:
        need = list(self.fields) + [f for f, cond in self.when.items() if rec.fields.get(cond.name) is True]
        return [f for f in need if rec.fields.get(f.name) is not True]

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        required = "、".join(f.display_label() for f in self.fields)
        conditions = "；".join(t("check.when", field=f.display_label(), cond=c.display_label())
                               for f, c in self.when.items())
        required = t("check.every", steps="；".join(x for x in (required, conditions) if x))
        if not found:
            return Outcome(NA, required, t("check.amount", n=0, unit=unit))
        failing = {r.id: self.lacking(r) for r in found if self.lacking(r)}
        if failing:
            missing = dict.fromkeys(f.display_label() for fs in failing.values() for f in fs)
            actual = t("check.some_lack", n=len(found), bad=len(failing), unit=unit, steps="、".join(missing))
            return Outcome(UNMET, required, actual, tuple(r.id for r in found if r.id not in failing),
                           failing=tuple(failing))
        status = MET if ctx.year_over else ON_TRACK
        return Outcome(status, required, t("check.all_have", n=len(found), unit=unit), tuple(r.id for r in found))
