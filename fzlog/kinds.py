"""The kind registry: which activities a ledger records and the typed fields each may carry.

The default registry ships as package data (``fzlog/data/kinds.toml``); a ledger's ``fzlog.toml``
may add kinds, or fields to existing kinds, in the same format. Chinese labels and aliases are
accepted wherever a kind is named.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import get_lang, t

FIELD_TYPES = ("int", "float", "bool", "date", "text", "list")
# Keys every record may carry, in file order (kind and date come first, see record.py).
COMMON_KEYS = ("kind", "date", "title", "place", "tags", "note", "evidence")

#: How a field's values over a period become one figure (see docs/kinds.md):
#: sum — added up (counts, 人次); count-true — how many items have it true (a yes/no step);
#: latest — the value of the period's last record that has it (a dated snapshot: headcounts,
#: 持证, 现行有效, 连续N年); max — the largest (distinct people: 人, not 人次); mean — the
#: average (人均学时); distinct — distinct entries of a list (laws studied: the same law twice is
#: one 部); as-reported — a percentage with no numerator, the latest value as written; group — a
#: text field splitting the kind's count (中心组学法3次、常务会学法4次); none — not tallied.
AGGREGATES = ("sum", "count-true", "latest", "max", "mean", "distinct", "as-reported", "group", "none")
#: The rules a field type may use.
AGGREGATES_OF = {
    "int": ("sum", "latest", "max", "mean", "as-reported", "none"),
    "float": ("sum", "latest", "max", "mean", "as-reported", "none"),
    "bool": ("count-true", "latest", "none"),
    "date": ("latest", "none"),
    "text": ("group", "latest", "none"),
    "list": ("distinct", "none"),
}
DEFAULT_AGGREGATE = {"int": "sum", "float": "sum", "bool": "count-true"}

#: Every kind has a ``count`` (how many items a record stands for; default 1, left out of the file
#: when 1) and ``at_least`` (which figures are lower bounds: ``materials`` is 2000余, ``hours:超``
#: is 超60). They are fields of every kind, first in its field list.
COUNT = "count"
AT_LEAST = "at_least"
IMPLICIT = (COUNT, AT_LEAST)
#: The words a lower bound is written with; the first is the default (``materials`` = ``materials:余``).
BOUND_WORDS = ("余", "多", "超", "不少于", "以上", "逾")
#: Report parts a kind's sentence may belong in (data/report.toml [[parts]] ids).
PARTS = ("achievements", "shortcomings", "principal", "plans", "other")
#: Units stored in one unit and shown in a bigger one: 万元 is 10 000 元.
SCALES = {"万元": ("元", 10_000), "万": ("", 10_000), "亿元": ("元", 100_000_000)}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str = ""
    label_en: str = ""
    unit: str = ""
    unit_en: str = ""
    aggregate: str = "none"  # one of AGGREGATES (the default by type when not given)
    aliases: tuple[str, ...] = ()  # former names (a renamed field) and other headers/labels
    units: tuple[str, ...] = ()  # other units a value may be written with (a kind's 场次 for its count)
    show_unit: str = ""  # shown (and entered) in this unit while stored in ``unit``: 万元 for 元
    values: tuple[str, ...] = ()  # the usual values of a text field (offered in prompts)
    implicit: bool = False  # count / at_least, which every kind has

    def display_label(self) -> str:
        if get_lang() == "en":
            return self.label_en or self.name
        return self.label or self.name

    def display_unit(self) -> str:
        return self.unit_en if get_lang() == "en" else self.unit

    @property
    def numeric(self) -> bool:
        return self.type in ("int", "float")

    @property
    def sum(self) -> bool:
        """Whether tallies add it up (a year number, a headcount snapshot are not summed)."""
        return self.aggregate == "sum"

    @property
    def tallied(self) -> bool:
        """Whether summaries report this field (any rule but none; ``count`` is the kind's own)."""
        return self.aggregate != "none" and not self.implicit

    @property
    def scale(self) -> int:
        """How many stored units make one shown unit (10 000 for 元 shown as 万元)."""
        if self.show_unit in SCALES and SCALES[self.show_unit][0] in ("", self.unit):
            return SCALES[self.show_unit][1]
        return 1


@dataclass(frozen=True)
class Ratio:
    """A rate derived from two of the period's aggregates: 合格率 = passed/sat. ``numerator`` and
    ``denominator`` are field names or ``count``; never stored, never averaged."""

    name: str
    label: str
    numerator: str
    denominator: str
    label_en: str = ""

    def display_label(self) -> str:
        return (self.label_en or self.name) if get_lang() == "en" else self.label

    @property
    def of(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    unit: str
    fields: tuple[Field, ...] = ()  # the kind's own fields (count and at_least are added in front)
    label_en: str = ""
    unit_en: str = ""
    aliases: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # other units reports count it in (场次, 期): accepted after a number
    zero_reported: bool = False  # reports state it even when nothing happened: totals 0, not absent
    part: str = ""  # the report part its sentence belongs in (PARTS)
    theme: str = ""  # the report theme (data/report.toml [[themes]] name)
    sentence: str = ""  # the draft sentence: {count} {field} {count[field=值]} {a/b} (docs/kinds.md)
    sentence_zero: str = ""  # the sentence when the period has none (zero_reported kinds)
    ratios: tuple[Ratio, ...] = ()
    snapshot_by: str = ""  # a group field: latest values are taken per value of it, then added up
    custom: bool = False  # declared in a ledger's fzlog.toml

    def field(self, name: str) -> Field | None:
        return self.field_map.get(name)

    @cached_property
    def all_fields(self) -> tuple[Field, ...]:
        """count, at_least and the kind's own fields: what a record file may hold, in file order."""
        return (_count_field(self.unit, self.unit_en, self.units), _AT_LEAST_FIELD, *self.fields)

    @cached_property
    def field_map(self) -> dict[str, Field]:
        """Every field by name, and by each of its former names (its ASCII aliases: a renamed field's
        old key still reads; Chinese aliases are headers and labels, see exchange/columns.py)."""
        out = {f.name: f for f in self.all_fields}
        for f in self.all_fields:
            for alias in f.aliases:
                if alias.isascii():
                    out.setdefault(alias, f)
        return out

    @property
    def field_names(self) -> tuple[str, ...]:
        """The kind's own fields (not count / at_least)."""
        return tuple(f.name for f in self.fields)

    @cached_property
    def ratio_map(self) -> dict[str, Ratio]:
        return {r.name: r for r in self.ratios}

    def display_label(self) -> str:
        return (self.label_en or self.slug) if get_lang() == "en" else self.label

    def display_unit(self) -> str:
        return (self.unit_en or self.unit) if get_lang() == "en" else self.unit


def _count_field(unit: str, unit_en: str, units: tuple[str, ...] = ()) -> Field:
    return Field(
        COUNT,
        "int",
        label="数量",
        label_en="count",
        unit=unit,
        unit_en=unit_en,
        aggregate="sum",
        aliases=("次数", "件数", "场次", "数目"),
        units=units,
        implicit=True,
    )


_AT_LEAST_FIELD = Field(AT_LEAST, "list", label="下限数字", label_en="lower bounds", aggregate="none", implicit=True)


@dataclass(frozen=True)
class Preset:
    """A department type (``fzlog init --type 卫健``): the kinds it is offered first and the report
    covers. Every kind stays available."""

    name: str
    label: str
    kinds: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    kinds: Mapping[str, Kind] = field(default_factory=dict)
    presets: Mapping[str, Preset] = field(default_factory=dict)
    preset: str = ""  # the ledger's department type: its kinds come first

    def __iter__(self):
        return iter(self.kinds.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self.kinds

    def get(self, slug: str) -> Kind | None:
        return self.kinds.get(slug)

    def names(self) -> list[str]:
        """Every name a kind answers to: slugs, Chinese labels, aliases."""
        out: list[str] = []
        for k in self:
            out += [k.slug, k.label, *k.aliases]
        return out

    def lookup(self, name: str) -> Kind | None:
        name = name.strip()
        if name in self.kinds:
            return self.kinds[name]
        low = name.lower()
        for k in self:
            if low in (k.slug, k.label, k.label_en.lower(), *k.aliases):
                return k
        return None

    def resolve(self, name: str) -> Kind:
        """The kind named by slug, Chinese label or alias; a usage error listing the kinds if none."""
        kind = self.lookup(name)
        if kind is None:
            raise UsageError(unknown_kind_message(self, name))
        return kind

    def find_preset(self, name: str) -> Preset | None:
        name = name.strip()
        for p in self.presets.values():
            if name in (p.name, p.label, *p.aliases):
                return p
        return None

    def offered(self) -> list[Kind]:
        """Kinds in the order they are offered: the preset's first, then the ledger's own, then the rest."""
        preset = self.presets.get(self.preset)
        first = [self.kinds[s] for s in preset.kinds if s in self.kinds] if preset else []
        own = [k for k in self if k.custom and k not in first]
        return first + own + [k for k in self if k not in first and k not in own]

    def covered(self, slug: str) -> bool:
        """Whether the report covers a kind: every kind without a preset; with one, the preset's
        kinds, the ledger's own kinds and any kind that has records (the caller decides)."""
        preset = self.presets.get(self.preset)
        kind = self.kinds.get(slug)
        return preset is None or slug in preset.kinds or bool(kind and kind.custom)

    def with_preset(self, name: str) -> Registry:
        return replace(self, preset=name)

    def for_ledger(self, kinds: Mapping[str, Any], preset: Any = "", source: str = "fzlog.toml") -> Registry:
        """The registry of a ledger: its own kinds and fields added, its department type
        (``preset = "卫健"`` in fzlog.toml: a preset's name, label or alias) chosen."""
        reg = self.merged(kinds, source)
        if preset in ("", None):
            return reg
        found = reg.find_preset(preset) if isinstance(preset, str) else None
        if found is None:
            raise FzlogError(
                t(
                    "config.bad_value",
                    path=source,
                    key="preset",
                    reason=t("reason.one_of", choices="/".join(p.label for p in reg.presets.values())),
                )
            )
        return reg.with_preset(found.name)

    def merged(self, extra: Mapping[str, Any], source: str = "fzlog.toml") -> Registry:
        """A registry with a ledger's extra kinds (or extra fields on existing kinds) added."""
        kinds = dict(self.kinds)
        for slug, spec in extra.items():
            if not isinstance(spec, Mapping):
                raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}", reason=t("reason.table")))
            _check_spec(spec, source, f"kinds.{slug}")
            base = kinds.get(slug)
            if base is not None:
                new_fields = tuple(_parse_field(f, source, slug) for f in spec.get("fields", []))
                names = set(base.field_map)
                dup = [f.name for f in new_fields if f.name in names]
                if dup:
                    raise FzlogError(
                        t(
                            "config.bad_value",
                            path=source,
                            key=f"kinds.{slug}.fields",
                            reason=t("reason.field_exists", names=", ".join(dup)),
                        )
                    )
                fields = base.fields + new_fields
                kinds[slug] = replace(
                    base,
                    label=spec.get("label", base.label),
                    unit=spec.get("unit", base.unit),
                    fields=fields,
                    label_en=spec.get("label_en", base.label_en),
                    unit_en=spec.get("unit_en", base.unit_en),
                    aliases=base.aliases + tuple(spec.get("aliases", ())),
                    units=base.units + tuple(spec.get("units", ())),
                    zero_reported=spec.get("zero_reported", base.zero_reported),
                    part=spec.get("part", base.part),
                    theme=spec.get("theme", base.theme),
                    sentence=spec.get("sentence", base.sentence),
                    sentence_zero=spec.get("sentence_zero", base.sentence_zero),
                    ratios=base.ratios + _parse_ratios(spec, fields, source, slug),
                    snapshot_by=_snapshot_by(spec, fields, source, slug) or base.snapshot_by,
                )
            else:
                kinds[slug] = _parse_kind(slug, spec, source, custom=True)
        return replace(self, kinds=kinds)


_TEXT_KEYS = (
    "label",
    "label_en",
    "unit",
    "unit_en",
    "name",
    "type",
    "aggregate",
    "show_unit",
    "part",
    "theme",
    "sentence",
    "sentence_zero",
    "snapshot_by",
)
_LIST_KEYS = ("aliases", "units", "values")


def _check_spec(spec: Mapping[str, Any], source: str, key: str) -> None:
    """The value types of a kind's or field's settings: a number where a unit belongs would
    otherwise print as a figure (法治宣传活动 15)."""
    for name in _TEXT_KEYS:
        if name in spec and not isinstance(spec[name], str):
            raise FzlogError(t("config.bad_value", path=source, key=f"{key}.{name}", reason=t("reason.text")))
    for name in _LIST_KEYS:
        value = spec.get(name, [])
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            raise FzlogError(t("config.bad_value", path=source, key=f"{key}.{name}", reason=t("reason.text_list")))
    if not isinstance(spec.get("fields", []), list):
        raise FzlogError(t("config.bad_value", path=source, key=f"{key}.fields", reason=t("reason.field_spec")))
    if not isinstance(spec.get("ratios", []), list):
        raise FzlogError(t("config.bad_value", path=source, key=f"{key}.ratios", reason=t("reason.ratio_spec")))
    for name in ("sum", "zero_reported"):
        if not isinstance(spec.get(name, True), bool):
            raise FzlogError(t("config.bad_value", path=source, key=f"{key}.{name}", reason=t("reason.bool")))
    if spec.get("part", "") not in ("", *PARTS):
        raise FzlogError(
            t("config.bad_value", path=source, key=f"{key}.part", reason=t("reason.one_of", choices="/".join(PARTS)))
        )


def _parse_field(spec: Any, source: str, slug: str) -> Field:
    if not isinstance(spec, Mapping) or "name" not in spec:
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}.fields", reason=t("reason.field_spec")))
    _check_spec(spec, source, f"kinds.{slug}.fields.{spec['name']}")
    ftype = spec.get("type", "text")
    key = f"kinds.{slug}.fields.{spec['name']}"
    if ftype not in FIELD_TYPES:
        raise FzlogError(
            t("config.bad_value", path=source, key=key, reason=t("reason.field_type", types="/".join(FIELD_TYPES)))
        )
    name = str(spec["name"])
    if name in COMMON_KEYS or name in IMPLICIT:
        raise FzlogError(t("config.bad_value", path=source, key=key, reason=t("reason.common_key")))
    aggregate = spec.get("aggregate")
    if aggregate is None:  # ``sum = false`` (the former way to say "not summed"): the latest value
        aggregate = DEFAULT_AGGREGATE.get(ftype, "none") if spec.get("sum", True) else "latest"
    if aggregate not in AGGREGATES_OF[ftype]:
        raise FzlogError(
            t(
                "config.bad_value",
                path=source,
                key=f"{key}.aggregate",
                reason=t("reason.aggregate", type=ftype, choices="/".join(AGGREGATES_OF[ftype])),
            )
        )
    return Field(
        name=name,
        type=ftype,
        label=str(spec.get("label", "")),
        label_en=str(spec.get("label_en", "")),
        unit=str(spec.get("unit", "")),
        unit_en=str(spec.get("unit_en", "")),
        aggregate=aggregate,
        aliases=tuple(spec.get("aliases", ())),
        show_unit=str(spec.get("show_unit", "")),
        units=tuple(spec.get("units", ())),
        values=tuple(spec.get("values", ())),
    )


def _parse_ratios(spec: Mapping[str, Any], fields: tuple[Field, ...], source: str, slug: str) -> tuple[Ratio, ...]:
    numeric = {f.name for f in fields if f.numeric or f.type == "bool"} | {COUNT}
    out = []
    for i, r in enumerate(spec.get("ratios", [])):
        key = f"kinds.{slug}.ratios[{i}]"
        if not isinstance(r, Mapping) or not isinstance(r.get("of"), str) or not isinstance(r.get("name"), str):
            raise FzlogError(t("config.bad_value", path=source, key=key, reason=t("reason.ratio_spec")))
        _check_spec({k: v for k, v in r.items() if k != "of"}, source, key)
        num, sep, den = r["of"].partition("/")
        num, den = num.strip(), den.strip()
        if not sep or num not in numeric or den not in numeric:
            raise FzlogError(
                t(
                    "config.bad_value",
                    path=source,
                    key=f"{key}.of",
                    reason=t("reason.ratio_of", names="/".join(sorted(numeric))),
                )
            )
        out.append(
            Ratio(
                name=r["name"],
                label=str(r.get("label", r["name"])),
                numerator=num,
                denominator=den,
                label_en=str(r.get("label_en", "")),
            )
        )
    return tuple(out)


def _parse_kind(slug: str, spec: Mapping[str, Any], source: str, *, custom: bool = False) -> Kind:
    if not slug.replace("-", "").isalnum() or not slug.isascii() or slug != slug.lower():
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}", reason=t("reason.slug")))
    _check_spec(spec, source, f"kinds.{slug}")
    fields = tuple(_parse_field(f, source, slug) for f in spec.get("fields", []))
    return Kind(
        slug=slug,
        label=str(spec.get("label", slug)),
        unit=str(spec.get("unit", "次")),
        fields=fields,
        label_en=str(spec.get("label_en", "")),
        unit_en=str(spec.get("unit_en", "")),
        aliases=tuple(spec.get("aliases", ())),
        units=tuple(spec.get("units", ())),
        zero_reported=bool(spec.get("zero_reported", False)),
        part=str(spec.get("part", "")),
        theme=str(spec.get("theme", "")),
        sentence=str(spec.get("sentence", "")),
        sentence_zero=str(spec.get("sentence_zero", "")),
        ratios=_parse_ratios(spec, fields, source, slug),
        snapshot_by=_snapshot_by(spec, fields, source, slug),
        custom=custom,
    )


def _snapshot_by(spec: Mapping[str, Any], fields: tuple[Field, ...], source: str, slug: str) -> str:
    name = str(spec.get("snapshot_by", ""))
    if name and not any(f.name == name and f.aggregate == "group" for f in fields):
        raise FzlogError(
            t("config.bad_value", path=source, key=f"kinds.{slug}.snapshot_by", reason=t("reason.snapshot_by"))
        )
    return name


def _parse_presets(data: Mapping[str, Any], kinds: Mapping[str, Kind], source: str) -> dict[str, Preset]:
    out = {}
    for name, spec in data.items():
        if not isinstance(spec, Mapping):
            raise FzlogError(t("config.bad_value", path=source, key=f"presets.{name}", reason=t("reason.table")))
        slugs = spec.get("kinds", [])
        if not isinstance(slugs, list) or any(s not in kinds for s in slugs):
            raise FzlogError(
                t("config.bad_value", path=source, key=f"presets.{name}.kinds", reason=t("reason.text_list"))
            )
        out[name] = Preset(
            name=name, label=str(spec.get("label", name)), kinds=tuple(slugs), aliases=tuple(spec.get("aliases", ()))
        )
    return out


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry fzlog ships (parsed once per process)."""
    global _default
    if _default is None:
        try:  # a plain file next to this module (quicker than importlib.resources, which it spares)
            with open(os.path.join(os.path.dirname(__file__), "data", "kinds.toml"), encoding="utf-8") as fh:
                text = fh.read()
        except OSError:  # installed in a zip or the like
            from importlib import resources

            text = resources.files("fzlog").joinpath("data/kinds.toml").read_text("utf-8")
        data = tomllib.loads(text)
        kinds = {slug: _parse_kind(slug, spec, "kinds.toml") for slug, spec in data["kinds"].items()}
        _default = Registry(kinds, _parse_presets(data.get("presets", {}), kinds, "kinds.toml"))
    return _default


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """The nearest choice to a mistyped name, if one is close enough."""
    import difflib  # (only when a name is not known)

    matches = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    return matches[0] if matches else None


def _slug_hint(name: str) -> str:
    """A slug to suggest for a kind named ``name`` (``my-kind`` when the name is not one)."""
    slug = name.strip().lower().replace("_", "-").replace(" ", "-")
    return slug if slug and slug.replace("-", "").isalnum() and slug.isascii() else "my-kind"


def unknown_kind_message(registry: Registry, name: str) -> str:
    guess = suggest(name, registry.names())
    hint = t("kind.did_you_mean", guess=guess) if guess else ""
    choices = "、".join(f"{k.slug}（{k.display_label()}）" for k in registry.offered())
    return t("kind.unknown", name=name, hint=hint, choices=choices) + t("kind.declare", slug=_slug_hint(name))


def unknown_field_message(kind: Kind, name: str) -> str:
    names = [*kind.field_map, *(f.label for f in kind.all_fields if f.label)]
    guess = suggest(name, names)
    if guess is not None and guess not in kind.field_map:  # a label: name the field it belongs to
        guess = next(f.name for f in kind.all_fields if f.label == guess)
    hint = t("kind.did_you_mean", guess=guess) if guess else ""
    choices = "、".join(f"{f.name}（{f.display_label()}，{f.type}）" for f in kind.fields) or t("field.none")
    slug = _slug_hint(name)  # (count and at_least are on every kind: docs/kinds.md)
    declare = t("field.declare", kind=kind.slug, field=slug.replace("-", "_") if slug != "my-kind" else "my_field")
    return t("field.unknown", kind=kind.slug, field=name, hint=hint, choices=choices) + declare
