"""``sum``: a numeric field's figure over the matching records of the year ≥ ``min``
(执法人员培训学时 ≥ 40). The figure follows the field's own rule (fzlog.tally): added up for a
sum field, the average for 人均学时, the latest value for a snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import Context, Outcome, Params, Rule, Selector, judge, number_text, rule_type


@rule_type("sum")
@dataclass(frozen=True)
class Sum(Rule):
    selector: Selector
    field: Field
    min: int | float

    @classmethod
    def parse(cls, p: Params) -> Sum:
        selector = Selector.parse(p)
        f = p.field_of(selector.kinds, p.get("field"), "field", ("int", "float"))
        return cls(selector, f, p.number("min", whole=False))

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def evaluate(self, ctx: Context) -> Outcome:
        found = [r for r in self.selector.select(ctx) if r.fields.get(self.field.name) is not None]
        from fzlog.tally import figure

        total = figure(self.field, found) or 0
        label, unit = self.field.display_label(), self.field.display_unit()
        status, expected = judge(total, self.min, ctx, whole=False)
        note = ""
        if status in ("on-track", "behind"):
            note = t("check.note.expected", as_of=ctx.as_of, n=number_text(round(expected, 2)), unit=unit)
        return Outcome(
            status,
            t("check.sum_at_least", field=label, n=number_text(self.min), unit=unit),
            t("check.sum_amount", field=label, n=number_text(total), unit=unit),
            tuple(r.id for r in found),
            note=note,
        )
