"""``deadline``: a record about the year (``year_field``, default for_year) whose date field is on
or before a day of the following year (年度报告 submitted by 03-01, published by 04-01). Pending
while the deadline has not been reached.

Rules say "3月1日之前": whether the day itself is in time is read both ways. ``boundary``
settles it: "inclusive" (the default: the day is on time, with a note saying so) or "exclusive"
(the day is late)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import MET, PENDING, UNMET, Context, Outcome, Params, Rule, RuleError, Selector, rule_type
from fzlog.targets.windows import on_day

MAX_YEAR_OFFSET = 10  # a deadline this many years after the year checked, at most


@rule_type("deadline")
@dataclass(frozen=True)
class Deadline(Rule):
    selector: Selector
    field: Field
    by: tuple[int, int]
    year_offset: int = 1
    inclusive: bool = True

    @classmethod
    def parse(cls, p: Params) -> Deadline:
        offset = p.number("year_offset", 1, maximum=MAX_YEAR_OFFSET)
        # a record without for_year is taken to be about the year before its date (a report on
        # 2024 is dated in 2025)
        selector = Selector.parse(p, year_field="for_year", offset=offset)
        f = p.field_of(selector.kinds, p.get("field"), "field", ("date",))
        boundary = p.get("boundary", "inclusive")
        if boundary not in ("inclusive", "exclusive"):
            raise RuleError(t("check.err.bad", param="boundary", reason=t("check.err.want_boundary")), "boundary")
        return cls(selector, f, p.month_day("by"), offset, boundary == "inclusive")

    def span(self, year: int) -> Period:
        return Period(dt.date(year - 1, 1, 1), dt.date(year + self.year_offset, 12, 31))

    def deadline(self, year: int) -> dt.date:
        return on_day(year + self.year_offset, self.by)

    def evaluate(self, ctx: Context) -> Outcome:
        due = self.deadline(ctx.year)
        label = self.field.display_label()
        required = t("check.by_date" if self.inclusive else "check.before_date", field=label, date=due)
        found = self.selector.select(ctx)
        dated = sorted((r for r in found if self.field.name in r.fields), key=lambda r: r.fields[self.field.name])
        if dated:
            rec = dated[0]
            day = rec.fields[self.field.name]
            if day < due or (day == due and self.inclusive):
                note = t("check.note.on_the_day", date=due) if day == due else ""
                return Outcome(MET, required, f"{label} {day}", (rec.id,), note=note)
            note = t("check.note.day_late", date=due) if day == due else ""
            return Outcome(UNMET, required, t("check.late", field=label, date=day), (), failing=(rec.id,), note=note)
        actual = (
            t("check.no_value", field=label)
            if found
            else t("check.no_record", kind=self.selector.kinds[0].display_label(), year=ctx.year)
        )
        status = PENDING if ctx.clock < due else UNMET
        return Outcome(status, required, actual, failing=tuple(r.id for r in found))
