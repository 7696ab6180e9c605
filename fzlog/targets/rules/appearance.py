"""``appearance``: in every matching case of the year the agency's 负责人 appeared in court — the
principal, a deputy or the leader in charge (``roles``) — or, where none could (不可抗力, 意外事件,
公务 no one else can do, another proper reason), a member of staff appeared on the agency's behalf
(依法委托出庭). A case a 负责人 attended counts as met; one lawfully entrusted counts too but is
shown as such (the result's status is ``entrusted`` when any case was). One record is one case at
one 审级: one appearance per 审级 suffices. Not applicable when the year has no case."""

from __future__ import annotations

from dataclasses import dataclass

from fzlog.kinds import Field
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.targets.rules.base import (
    ENTRUSTED,
    MET,
    NA,
    ON_TRACK,
    UNMET,
    Context,
    Outcome,
    Params,
    Rule,
    Selector,
    rule_type,
)

APPEARED, BY_STAFF, ABSENT = "appeared", "entrusted", "absent"


@rule_type("appearance")
@dataclass(frozen=True)
class Appearance(Rule):
    selector: Selector
    appeared: Field  # bool: a 负责人 appeared (records kept before the role was asked)
    role: Field | None  # text: who appeared (正职 / 副职 / 分管负责人)
    roles: tuple[str, ...]
    entrusted: Field | None  # bool: staff appeared on the agency's behalf
    reason: Field | None  # text: why no 负责人 could appear

    @classmethod
    def parse(cls, p: Params) -> Appearance:
        selector = Selector.parse(p, by_year_field=False)
        kinds = selector.kinds

        def optional(key: str, default: str, types: tuple[str, ...]) -> Field | None:
            name = p.get(key, None)
            if name is None:
                return default_field(kinds, default, types)
            return p.field_of(kinds, name, key, types)

        appeared = p.field_of(kinds, p.get("appeared", "principal_appeared"), "appeared", ("bool",))
        roles = p.texts("roles", ("正职", "副职", "分管负责人"))
        return cls(
            selector,
            appeared,
            optional("role", "appeared_role", ("text",)),
            roles,
            optional("entrusted", "entrusted", ("bool",)),
            optional("reason", "absence_reason", ("text",)),
        )

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def how(self, rec: Record) -> str:
        if rec.fields.get(self.appeared.name) is True:
            return APPEARED
        if self.role and rec.fields.get(self.role.name) in self.roles:
            return APPEARED
        if self.entrusted and rec.fields.get(self.entrusted.name) is True and self.reason_of(rec):
            return BY_STAFF
        return ABSENT

    def reason_of(self, rec: Record) -> str:
        value = rec.fields.get(self.reason.name) if self.reason else None
        return value.strip() if isinstance(value, str) else ""

    def evaluate(self, ctx: Context) -> Outcome:
        found = self.selector.select(ctx)
        unit = self.selector.unit()
        required = t("check.appearance.required", roles="、".join(self.roles))
        if not found:
            return Outcome(NA, required, t("check.amount", n=0, unit=unit))
        ways = {r.id: self.how(r) for r in found}
        appeared = [r for r in found if ways[r.id] == APPEARED]
        by_staff = [r for r in found if ways[r.id] == BY_STAFF]
        absent = [r for r in found if ways[r.id] == ABSENT]
        parts = [t("check.appearance.appeared", n=len(appeared), unit=unit)]
        roles: dict[str, int] = {}
        for r in appeared:
            role = r.fields.get(self.role.name) if self.role else None
            if role:
                roles[role] = roles.get(role, 0) + 1
        if roles:
            parts[0] = t(
                "check.d.paren", text=parts[0], inner=t("check.list").join(f"{k} {v}" for k, v in roles.items())
            )
        if by_staff:
            parts.append(t("check.appearance.entrusted", n=len(by_staff), unit=unit))
        if absent:
            parts.append(t("check.appearance.absent", n=len(absent), unit=unit))
        actual = t("check.appearance.actual", n=len(found), unit=unit, parts=t("check.list").join(parts))
        notes = []
        if by_staff:
            notes.append(
                t(
                    "check.appearance.entrusted_note",
                    cases=t("check.join").join(
                        t("check.d.paren", text=r.id, inner=self.reason_of(r)) for r in by_staff
                    ),
                )
            )
        unexplained = [r.id for r in absent if self.entrusted and r.fields.get(self.entrusted.name) is True]
        if unexplained:
            notes.append(t("check.appearance.no_reason", cases=t("check.list").join(unexplained)))
        evidence = tuple(r.id for r in appeared + by_staff)
        if absent:
            return Outcome(
                UNMET, required, actual, evidence, failing=tuple(r.id for r in absent), note=t("check.join").join(notes)
            )
        status = ENTRUSTED if by_staff else (MET if ctx.year_over else ON_TRACK)
        return Outcome(status, required, actual, evidence, note=t("check.join").join(notes))


def default_field(kinds, name: str, types: tuple[str, ...]) -> Field | None:
    """The field ``name`` if every kind has it with one of ``types`` (a ledger's own litigation
    kind may lack the newer fields: the rule then reads the older ones only)."""
    found = [k.field(name) for k in kinds]
    if all(f is not None and f.type in types for f in found):
        return found[0]
    return None
