"""What every rule type shares: the registry of rule types, parameter checking, record selection,
the evaluation context and the pro-rata judgement of a running year.

A rule type is one class registered with :func:`rule_type`. It parses its parameters from a
:class:`Params` (raising :class:`RuleError` naming the bad key), says which records it needs
(:meth:`Rule.span`) and turns a :class:`Context` into an :class:`Outcome`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal, overload

from fzlog import period as period_mod
from fzlog import values
from fzlog.errors import ValueProblem
from fzlog.kinds import Field, Kind, Registry, suggest, unknown_field_message, unknown_kind_message
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.targets.windows import parse_month_day

# Result statuses, in the order a table lists them.
# ENTRUSTED (依法委托出庭): a duty met lawfully by someone the law allows to stand in; it passes,
# and is shown as what it is.
MET, UNMET, ON_TRACK, BEHIND, PENDING, NA = "met", "unmet", "on-track", "behind", "pending", "n/a"
ENTRUSTED = "entrusted"
STATUSES = (MET, ENTRUSTED, UNMET, ON_TRACK, BEHIND, PENDING, NA)
PASSING = (MET, ENTRUSTED, ON_TRACK)

RULES: dict[str, type[Rule]] = {}


def rule_type(name: str) -> Callable[[type[Rule]], type[Rule]]:
    """Register a rule class under ``name`` (the ``type`` a targets file writes)."""

    def register(cls: type[Rule]) -> type[Rule]:
        cls.type = name
        RULES[name] = cls
        return cls

    return register


class RuleError(Exception):
    """A bad rule parameter; ``key`` names it so the loader can point at its line."""

    def __init__(self, message: str, key: str | None = None, *, missing: bool = False):
        super().__init__(message)
        self.message = message
        self.key = key
        self.missing = missing


@dataclass(frozen=True)
class Context:
    """What a rule sees: the year, how far it has run, and the records it asked for.

    ``as_of`` is the day up to which the year's own activity is judged (pro rata); ``clock`` is the
    day the ledger is looked at: records dated after it are not in ``records``, and deadlines after
    it have not been reached.
    """

    year: int
    as_of: dt.date
    clock: dt.date
    records: tuple[Record, ...]
    registry: Registry

    @property
    def period(self) -> Period:
        return period_mod.year(self.year)

    @property
    def year_over(self) -> bool:
        return self.as_of >= self.period.end

    @property
    def elapsed(self) -> float:
        """The share of the year elapsed by ``as_of``, in whole months (30 June → 0.5)."""
        return sum(1 for m in self.period.months() if m.end <= self.as_of) / 12

    def part_state(self, part: Period) -> str:
        """ "done", "running" or "future": where ``as_of`` stands against a part of the year."""
        if part.end <= self.as_of:
            return "done"
        return "running" if part.start <= self.as_of else "future"


@dataclass(frozen=True)
class Outcome:
    status: str
    required: str
    actual: str
    evidence: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()  # records that fall short (a step missing, a date too late)
    note: str = ""


def judge(actual: float, minimum: float, ctx: Context, *, whole: bool = True) -> tuple[str, float]:
    """Met once the full year's minimum is reached; otherwise unmet when the year is over, else on
    track or behind against the minimum pro rata (2 a year, 30 June → 1; whole numbers round
    down). Returns the status and the figure expected by ``as_of``."""
    if actual >= minimum:
        return MET, minimum
    if ctx.year_over:
        return UNMET, minimum
    expected = minimum * ctx.elapsed
    if whole:
        expected = math.floor(expected + 1e-9)
    return (ON_TRACK if actual >= expected else BEHIND), expected


def number_text(n: float) -> str:
    return values.display(n) if isinstance(n, float) else str(n)


_MISSING = object()


class Params:
    """A rule's parameters, checked one by one; :meth:`finish` rejects any left unread."""

    def __init__(self, spec: Mapping[str, Any], registry: Registry, windows: Mapping[str, Any]):
        self.spec = dict(spec)
        self.registry = registry
        self.windows = windows
        self._read = {"type"}

    def has(self, key: str) -> bool:
        return key in self.spec

    def get(self, key: str, default: Any = _MISSING) -> Any:
        self._read.add(key)
        if key in self.spec:
            return self.spec[key]
        if default is _MISSING:
            raise RuleError(t("check.err.missing", param=key), key, missing=True)
        return default

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_text")), key)
        return value.strip()

    def texts(self, key: str, default: Any = _MISSING) -> tuple[str, ...]:
        value = self.get(key, default)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_texts")), key)
        return tuple(value)

    @overload
    def number(self, key: str, default: Any = ..., *, whole: Literal[True] = ..., maximum: int | None = ...) -> int: ...

    @overload
    def number(
        self, key: str, default: Any = ..., *, whole: Literal[False], maximum: int | None = ...
    ) -> int | float: ...

    def number(
        self, key: str, default: Any = _MISSING, *, whole: bool = True, maximum: int | None = None
    ) -> int | float:
        """A number ≥ 0 and below the record limits (fzlog.limits), or ≤ ``maximum``."""
        from fzlog import limits

        value = self.get(key, default)
        ok = isinstance(value, int) or (not whole and isinstance(value, float) and math.isfinite(value))
        if isinstance(value, bool) or not ok or value < 0:
            reason = t("check.err.want_whole") if whole else t("check.err.want_number")
            raise RuleError(t("check.err.bad", param=key, reason=reason), key)
        top = maximum if maximum is not None else (limits.MAX_INT - 1 if whole else limits.MAX_FLOAT)
        if value > top:
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_at_most", hi=top)), key)
        return value

    def month_day(self, key: str, default: Any = _MISSING) -> tuple[int, int]:
        value = self.get(key, default)
        md = parse_month_day(value) if isinstance(value, str) else None
        if md is None:
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_mmdd")), key)
        return md

    def kinds(self) -> tuple[Kind, ...]:
        """``kinds``: slugs (or Chinese names) of the kinds the rule looks at."""
        names = self.texts("kinds")
        if not names:
            raise RuleError(t("check.err.missing", param="kinds"), "kinds")
        out = []
        for name in names:
            kind = self.registry.lookup(name)
            if kind is None:
                raise RuleError(unknown_kind_message(self.registry, name), "kinds")
            out.append(kind)
        return tuple(out)

    def field_of(self, kinds: tuple[Kind, ...], name: Any, key: str, types: tuple[str, ...]) -> Field:
        """The field ``name`` that every kind in ``kinds`` has, of one of ``types``."""
        if not isinstance(name, str):
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_text")), key)
        found: Field | None = None
        for kind in kinds:
            f = kind.field(name)
            if f is None:
                raise RuleError(unknown_field_message(kind, name), key)
            found = found or f
        if found is None:  # no kinds to look in: the field is unknown to the rule
            raise RuleError(t("check.err.bad", param=key, reason=t("check.err.want_text")), key)
        if found.type not in types:
            wanted = "/".join(t("type." + x) for x in types)
            raise RuleError(t("check.err.field_type", field=name, type=wanted), key)
        return found

    def finish(self) -> None:
        for key in self.spec:
            if key not in self._read:
                self.unknown(key)

    def unknown(self, key: str) -> None:
        known = sorted(self._read - {"type"})
        guess = suggest(key, known)
        hint = t("kind.did_you_mean", guess=guess) if guess else ""
        raise RuleError(
            t("check.err.unknown_param", param=key, type=self.spec.get("type"), hint=hint, keys="、".join(known)), key
        )

    def misspelt(self, missing: str) -> str | None:
        """An unread parameter that looks like the ``missing`` one (mni for min)."""
        return suggest(missing, [k for k in self.spec if k not in self._read])


@dataclass(frozen=True)
class Selector:
    """Which records a rule counts: kinds, field values (``where``), tags, and how a record belongs
    to the year — its date, or a field naming the year (``year_field``, e.g. a plan's for_year)."""

    kinds: tuple[Kind, ...]
    where: Mapping[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    year_field: str | None = None
    offset: int = 0  # a record without the year field belongs to the year its date's year minus this

    @classmethod
    def parse(
        cls, p: Params, *, by_year_field: bool = True, year_field: str | None = None, offset: int = 0
    ) -> Selector:
        """The selection parameters: kinds, where, tags and (if ``by_year_field``) year_field,
        which defaults to ``year_field``."""
        kinds = p.kinds()
        where = p.get("where", {})
        if not isinstance(where, Mapping):
            raise RuleError(t("check.err.bad", param="where", reason=t("check.err.want_table")), "where")
        checked: dict[str, Any] = {}
        for name, value in where.items():  # a list: any of its values
            f = p.field_of(kinds, name, "where", ("bool", "text", "int", "float", "date"))
            try:
                if isinstance(value, list):
                    checked[name] = tuple(values.check(f, v) for v in value)
                else:
                    checked[name] = values.check(f, value)
            except ValueProblem as exc:
                raise RuleError(exc.message, "where") from None
        tags = p.texts("tags", ())
        if by_year_field:
            name = p.get("year_field", year_field)
            year_field = p.field_of(kinds, name, "year_field", ("int",)).name if name is not None else None
        return cls(kinds, checked, tags, year_field if by_year_field else None, offset)

    @cached_property
    def slugs(self) -> frozenset[str]:
        """The slugs of the kinds counted."""
        return frozenset(k.slug for k in self.kinds)

    def span(self, year: int) -> Period:
        """The records to load: the year, or the years around it when a field names the year
        (a plan for Y drafted in December of Y-1, a report on Y dated in Y+1)."""
        if self.year_field:
            return Period(period_mod.year(year - 1).start, period_mod.year(year + 1).end)
        return period_mod.year(year)

    def matches(self, rec: Record) -> bool:
        return (
            rec.kind in self.slugs
            and all(
                rec.fields.get(k) in v if isinstance(v, tuple) else rec.fields.get(k) == v
                for k, v in self.where.items()
            )
            and all(tag in rec.tags for tag in self.tags)
        )

    def belongs(self, rec: Record, year: int) -> bool:
        if self.year_field and self.year_field in rec.fields:
            return rec.fields[self.year_field] == year
        return rec.date.year == year + self.offset

    def select(self, ctx: Context) -> list[Record]:
        """The matching records that belong to the context's year (date order)."""
        return [r for r in ctx.records if self.matches(r) and self.belongs(r, ctx.year)]

    def describe(self) -> str:
        """What the rule counts, in words: "plan_type 为 普法计划、普法责任清单的工作计划（plan），
        按 for_year（计划年度）归入年度"."""
        kinds = t("check.list").join(t("check.counts.kind", label=k.display_label(), slug=k.slug) for k in self.kinds)
        conds = []
        for name, value in self.where.items():
            shown = value if isinstance(value, tuple) else (value,)
            conds.append(
                t("check.counts.where", field=name, values=t("check.list").join(values.display(v) for v in shown))
            )
        if self.tags:
            conds.append(t("check.counts.tags", tags=t("check.list").join(self.tags)))
        text = t("check.counts.of", conds=t("check.counts.and").join(conds), kinds=kinds) if conds else kinds
        if self.year_field:
            f = self.kinds[0].field(self.year_field)
            text += t("check.counts.year_field", field=self.year_field, label=f.display_label() if f else "")
        return text

    def unit(self) -> str:
        units = {k.display_unit() for k in self.kinds}
        return units.pop() if len(units) == 1 else t("check.unit.records")


class Rule:
    """A rule type: parsed from a target's ``rule`` table, evaluated against a year."""

    type: ClassVar[str] = ""
    selector: Selector  # which records it counts (a Context holds only records of its kinds)

    @classmethod
    def parse(cls, p: Params) -> Rule:
        raise NotImplementedError

    def span(self, year: int) -> Period:
        """The dates of the records this rule needs for ``year``."""
        raise NotImplementedError

    def evaluate(self, ctx: Context) -> Outcome:
        raise NotImplementedError


def parse_rule(spec: Mapping[str, Any], registry: Registry, windows: Mapping[str, Any]) -> Rule:
    """A rule from its table: ``type`` picks the class; every parameter is checked."""
    name = spec.get("type")
    if name not in RULES:
        raise RuleError(t("check.err.rule_type", type=name, types="、".join(sorted(RULES))), "type")
    params = Params(spec, registry, windows)
    try:
        rule = RULES[name].parse(params)
    except RuleError as exc:
        if exc.missing and exc.key and (typo := params.misspelt(exc.key)):
            params.unknown(typo)  # "no parameter mni, did you mean min" says more than "min is missing"
        raise
    params.finish()
    return rule
