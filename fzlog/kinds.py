"""The kind registry: which activities a ledger records and the typed fields each may carry.

The default registry ships as package data (``fzlog/data/kinds.toml``); a ledger's ``fzlog.toml``
may add kinds, or fields to existing kinds, in the same format. Chinese labels and aliases are
accepted wherever a kind is named.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import get_lang, t

FIELD_TYPES = ("int", "float", "bool", "date", "text", "list")
# Keys every record may carry, in file order (kind and date come first, see record.py).
COMMON_KEYS = ("kind", "date", "title", "place", "tags", "note", "evidence")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: str = ""
    label_en: str = ""
    unit: str = ""
    unit_en: str = ""
    sum: bool = True  # for int/float: whether tallies add it up (a year number is not summed)

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
    def tallied(self) -> bool:
        """Whether summaries report this field: summed numbers and counted booleans."""
        return (self.numeric and self.sum) or self.type == "bool"


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    unit: str
    fields: tuple[Field, ...] = ()
    label_en: str = ""
    unit_en: str = ""
    aliases: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        return self.field_map.get(name)

    @cached_property
    def field_map(self) -> dict[str, Field]:
        """The kind's fields by name."""
        return {f.name: f for f in self.fields}

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def display_label(self) -> str:
        return (self.label_en or self.slug) if get_lang() == "en" else self.label

    def display_unit(self) -> str:
        return (self.unit_en or self.unit) if get_lang() == "en" else self.unit


@dataclass(frozen=True)
class Registry:
    kinds: Mapping[str, Kind] = field(default_factory=dict)

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

    def merged(self, extra: Mapping[str, Any], source: str = "fzlog.toml") -> "Registry":
        """A registry with a ledger's extra kinds (or extra fields on existing kinds) added."""
        kinds = dict(self.kinds)
        for slug, spec in extra.items():
            if not isinstance(spec, Mapping):
                raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}", reason=t("reason.table")))
            _check_spec(spec, source, f"kinds.{slug}")
            base = kinds.get(slug)
            new_fields = tuple(_parse_field(f, source, slug) for f in spec.get("fields", []))
            if base is not None:
                names = set(base.field_names)
                dup = [f.name for f in new_fields if f.name in names]
                if dup:
                    raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}.fields",
                                       reason=t("reason.field_exists", names=", ".join(dup))))
                kinds[slug] = Kind(
                    slug=slug,
                    label=spec.get("label", base.label),
                    unit=spec.get("unit", base.unit),
                    fields=base.fields + new_fields,
                    label_en=spec.get("label_en", base.label_en),
                    unit_en=spec.get("unit_en", base.unit_en),
                    aliases=base.aliases + tuple(spec.get("aliases", ())),
                )
            else:
                kinds[slug] = _parse_kind(slug, spec, source)
        return Registry(kinds)


_TEXT_KEYS = ("label", "label_en", "unit", "unit_en", "name", "type")


def _check_spec(spec: Mapping[str, Any], source: str, key: str) -> None:
    """The value types of a kind's or field's settings: a number where a unit belongs would
    otherwise print as a figure (法治宣传活动 15)."""
    for name in _TEXT_KEYS:
        if name in spec and not isinstance(spec[name], str):
            raise FzlogError(t("config.bad_value", path=source, key=f"{key}.{name}", reason=t("reason.text")))
    aliases = spec.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise FzlogError(t("config.bad_value", path=source, key=f"{key}.aliases", reason=t("reason.text_list")))
    if not isinstance(spec.get("fields", []), list):
        raise FzlogError(t("config.bad_value", path=source, key=f"{key}.fields", reason=t("reason.field_spec")))
    if not isinstance(spec.get("sum", True), bool):
        raise FzlogError(t("config.bad_value", path=source, key=f"{key}.sum", reason=t("reason.bool")))


def _parse_field(spec: Any, source: str, slug: str) -> Field:
    if not isinstance(spec, Mapping) or "name" not in spec:
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}.fields",
                           reason=t("reason.field_spec")))
    _check_spec(spec, source, f"kinds.{slug}.fields.{spec['name']}")
    ftype = spec.get("type", "text")
    if ftype not in FIELD_TYPES:
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}.fields.{spec['name']}",
                           reason=t("reason.field_type", types="/".join(FIELD_TYPES))))
    name = str(spec["name"])
    if name in COMMON_KEYS:
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}.fields.{name}",
                           reason=t("reason.common_key")))
    return Field(
        name=name, type=ftype,
        label=str(spec.get("label", "")), label_en=str(spec.get("label_en", "")),
        unit=str(spec.get("unit", "")), unit_en=str(spec.get("unit_en", "")),
        sum=bool(spec.get("sum", True)),
    )


def _parse_kind(slug: str, spec: Mapping[str, Any], source: str) -> Kind:
    if not slug.replace("-", "").isalnum() or not slug.isascii() or slug != slug.lower():
        raise FzlogError(t("config.bad_value", path=source, key=f"kinds.{slug}",
                           reason=t("reason.slug")))
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
    )


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
        _default = Registry({slug: _parse_kind(slug, spec, "kinds.toml") for slug, spec in data["kinds"].items()})
    return _default


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """The nearest choice to a mistyped name, if one is close enough."""
    import difflib  # (only when a name is not known)

    matches = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    return matches[0] if matches else None


def unknown_kind_message(registry: Registry, name: str) -> str:
    guess = suggest(name, registry.names())
    hint = t("kind.did_you_mean", guess=guess) if guess else ""
    choices = "、".join(f"{k.slug}（{k.display_label()}）" for k in registry)
    return t("kind.unknown", name=name, hint=hint, choices=choices)


def unknown_field_message(kind: Kind, name: str) -> str:
    guess = suggest(name, kind.field_names)
    hint = t("kind.did_you_mean", guess=guess) if guess else ""
    choices = "、".join(f"{f.name}（{f.display_label()}，{f.type}）" for f in kind.fields) or t("field.none")
    return t("field.unknown", kind=kind.slug, field=name, hint=hint, choices=choices)
