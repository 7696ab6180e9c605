"""``all``: every matching record of the year has the boolean ``fields`` true, and each field of
``when`` true where the record's condition field is true (专家论证 when 专业性技术性较强).
``unless`` lifts a requirement where another field is true (公众参与 unless 依法不予公开);
``or`` lets other fields stand for a required one (风险评估, or one already made: no repeated
assessment). Not applicable when the year has no such record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import Period
from fzlog.targets.rules.base import (
    MET,
    NA,
    ON_TRACK,
    UNMET,
    Context,
    Outcome,
    Params,
    Rule,
    RuleError,
    Selector,
    rule_type,
)


def _table(p: Params, key: str) -> Mapping:
    value = p.get(key, {})
    if not isinstance(value, Mapping):
        raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_table")), key)
    return value


@rule_type("all")
@dataclass(frozen=True)
class AllHave(Rule):
    selector: Selector
    fields: tuple[Field, ...]
    when: Mapping[Field, Field]  # required field -> the condition that makes it required
    unless: Mapping[Field, Field] | None = None  # required field -> the condition that lifts it
    alternatives: Mapping[Field, tuple[Field, ...]] | None = None  # required field -> fields that stand for it

    @classmethod
    def parse(cls, p: Params) -> AllHave:
        selector = Selector.parse(p)
        kinds = selector.kinds
        fields = tuple(p.field_of(kinds, name, "fields", ("bool",)) for name in p.texts("fields", ()))
        when = p.get("when", {})
        if not isinstance(when, Mapping):
            raise RuleError(t("check.err.bad", param="when", reason=t("check.err.want_table")), "when")
        conditional = {
            p.field_of(kinds, need, "when", ("bool",)): p.field_of(kinds, cond, "when", ("bool",))
            for need, cond in when.items()
        }
        if not fields and not conditional:
            raise RuleError(t("check.err.missing", param="fields"), "fields")
        required = set(fields) | set(conditional)
        unless = {}
        for need, cond in _table(p, "unless").items():
            f = p.field_of(kinds, need, "unless", ("bool",))
            if f not in required:
                raise RuleError(t("check.err.not_required", field=need), "unless")
            unless[f] = p.field_of(kinds, cond, "unless", ("bool",))
        alternatives = {}
        for need, others in _table(p, "or").items():
            f = p.field_of(kinds, need, "or", ("bool",))
            if f not in required:
                raise RuleError(t("check.err.not_required", field=need), "or")
            others = [others] if isinstance(others, str) else others
            if not isinstance(others, list) or not others:
                raise RuleError(t("check.err.bad", param="or", reason=t("check.err.want_texts")), "or")
            alternatives[f] = tuple(p.field_of(kinds, o, "or", ("bool",)) for o in others)
        return cls(selector, fields, conditional, unless, alternatives)

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def lacking(self, rec) -> list[Field]:
        need = list(self.fields) + [f for f, cond in self.when.items() if rec.fields.get(cond.name) is True]
        unless, alternatives = self.unless or {}, self.alternatives or {}
        need = [f for f in need if not (f in unless and rec.fields.get(unless[f].name) is True)]
        return [
            f
            for f in need
            if rec.fields.get(f.name) is not True
            and not any(rec.fields.get(o.name) is True for o in alternatives.get(f, ()))
        ]

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        required = "、".join(f.display_label() for f in self.fields)
        conditions = "；".join(
            t("check.when", field=f.display_label(), cond=c.display_label()) for f, c in self.when.items()
        )
        lifted = "；".join(
            t("check.unless", field=f.display_label(), cond=c.display_label()) for f, c in (self.unless or {}).items()
        )
        standing = "；".join(
            t("check.alternative", field=f.display_label(), others="/".join(o.display_label() for o in os))
            for f, os in (self.alternatives or {}).items()
        )
        required = t("check.every", steps="；".join(x for x in (required, conditions, lifted, standing) if x))
        if not found:
            return Outcome(NA, required, t("check.amount", n=0, unit=unit))
        failing = {r.id: self.lacking(r) for r in found if self.lacking(r)}
        if failing:
            missing = dict.fromkeys(f.display_label() for fs in failing.values() for f in fs)
            actual = t("check.some_lack", n=len(found), bad=len(failing), unit=unit, steps="、".join(missing))
            return Outcome(
                UNMET, required, actual, tuple(r.id for r in found if r.id not in failing), failing=tuple(failing)
            )
        status = MET if ctx.year_over else ON_TRACK
        return Outcome(status, required, t("check.all_have", n=len(found), unit=unit), tuple(r.id for r in found))
