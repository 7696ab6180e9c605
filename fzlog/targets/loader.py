"""Loading the checklist: the shipped targets file (or ``--targets FILE``), one of its profiles,
and the ledger's own ``[targets]`` and ``[windows]`` tables in fzlog.toml.

A targets file holds ``[profiles.<name>]`` (``targets = [ids]``, ``extends = "<profile>"``),
``[windows.<name>]`` (dates that vary by year) and ``[targets.<id>]`` (title, source, verified,
verified_note, rule). fzlog.toml uses the same ``[targets.<id>]`` tables to override a target
(any rule parameter, e.g. ``min = 2``; ``enabled = false`` switches it off; ``enabled = true``
switches on a shipped target outside the profile) or to add one of its own.

Every mistake is a :class:`FzlogError` naming the file, the line and the target.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from fzlog.config import CONFIG_NAME, Config, read_toml
from fzlog.errors import FzlogError, UsageError
from fzlog.kinds import Registry, suggest
from fzlog.messages import t
from fzlog.targets.model import Checklist, Target
from fzlog.targets.rules import RuleError, parse_rule
from fzlog.targets.windows import Window, parse_range

META_KEYS = ("title", "title_en", "source", "verified", "verified_note", "enabled", "rule")
WINDOW_KEYS = ("title", "title_en", "dates", "years", "themes", "source")


# --- where a key stands in a TOML text -----------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([^=#\[{]+?)\s*=")
_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)""")


def _key_path(text: str) -> tuple[str, ...] | None:
    parts: list[str] = []
    pos = 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if not m:
            return None
        parts.append(next(g for g in m.groups()[:3] if g is not None))
        pos = m.end()
    return tuple(parts) or None


def find_line(text: str, *paths: tuple[str, ...]) -> int | None:
    """The line defining the deepest part of any of ``paths`` (a key or table such as
    ``("targets", "frp-meeting", "min")``): the key itself if written on its own line, else the
    table or inline table that holds it."""
    best_depth, best_line = 0, None
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        if h := _HEADER.match(line):
            current = _key_path(h[1]) or ()
            full = current
        elif k := _KEY.match(line):
            key = _key_path(k[1])
            if key is None:
                continue
            full = current + key
        else:
            continue
        for path in paths:
            n = len(full) if len(full) <= len(path) else len(path)
            if full[:n] == path[:n] and n > best_depth:
                best_depth, best_line = n, number
    return best_line


@dataclass
class Layer:
    """One TOML file taking part in the checklist, with its text for pointing at lines."""

    path: str
    text: str
    data: Mapping[str, Any]

    @classmethod
    def package(cls) -> "Layer":
        text = resources.files("fzlog").joinpath("data/targets.toml").read_text("utf-8")
        return cls("fzlog/data/targets.toml", text, tomllib.loads(text))

    @classmethod
    def file(cls, path: Path) -> "Layer":
        data = read_toml(path)
        return cls(str(path), path.read_bytes().decode("utf-8-sig"), data)

    def error(self, reason: str, *paths: tuple[str, ...], target: str | None = None) -> FzlogError:
        message = t("check.err.target", id=target, reason=reason) if target else reason
        return FzlogError(message, path=self.path, line=find_line(self.text, *paths) if paths else None)

    def table(self, key: str) -> Mapping[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(t("check.err.bad", param=key, reason=t("check.err.want_table")), (key,))
        return value


# --- windows --------------------------------------------------------------------------------------

def _merge_windows(layers: list[Layer]) -> dict[str, Window]:
    windows: dict[str, Window] = {}
    for layer in layers:
        for name, spec in layer.table("windows").items():
            where = ("windows", name)

            def bad(key: str, reason: str):
                return layer.error(t("check.err.window_bad", name=name, param=key, reason=reason), where + (key,))

            if not isinstance(spec, Mapping):
                raise layer.error(t("check.err.window_bad", name=name, param=name, reason=t("check.err.want_table")),
                                  where)
            win = windows.get(name, Window(name))
            changes: dict[str, Any] = {}
            for key, value in spec.items():
                if key not in WINDOW_KEYS:
                    raise bad(key, t("check.err.unknown_key", keys="、".join(WINDOW_KEYS)))
                if key in ("title", "title_en", "source"):
                    if not isinstance(value, str):
                        raise bad(key, t("check.err.want_text"))
                    changes[key] = value
                elif key == "dates":
                    span = parse_range(value) if isinstance(value, str) else None
                    if span is None:
                        raise bad(key, t("check.err.want_range"))
                    changes[key] = span
                elif key == "years":
                    years = dict(win.years)
                    if not isinstance(value, Mapping):
                        raise bad(key, t("check.err.want_table"))
                    for y, text in value.items():
                        span = parse_range(text) if isinstance(text, str) else None
                        if not (str(y).isdigit() and len(str(y)) == 4) or span is None:
                            raise bad(key, t("check.err.want_years"))
                        years[int(y)] = span
                    changes[key] = years
                else:  # themes
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        raise bad(key, t("check.err.want_texts"))
                    changes[key] = tuple(value)
            windows[name] = replace(win, **changes)
    return windows


# --- profiles -------------------------------------------------------------------------------------

def _profile_ids(base: Layer, name: str, chain: tuple[str, ...] = ()) -> list[str]:
    profiles = base.table("profiles")
    spec = profiles[name]
    where = ("profiles", name)
    if not isinstance(spec, Mapping):
        raise base.error(t("check.err.profile_bad", profile=name, reason=t("check.err.want_table")), where)
    ids: list[str] = []
    parent = spec.get("extends")
    if parent is not None:
        if parent not in profiles or parent in chain + (name,):
            raise base.error(t("check.err.profile_bad", profile=name,
                               reason=t("check.err.extends", parent=parent)), where + ("extends",))
        ids += _profile_ids(base, parent, chain + (name,))
    own = spec.get("targets", [])
    if not isinstance(own, list) or not all(isinstance(x, str) for x in own):
        raise base.error(t("check.err.profile_bad", profile=name, reason=t("check.err.want_texts")),
                         where + ("targets",))
    known = base.table("targets")
    for tid in own:
        if tid not in known:
            raise base.error(t("check.err.profile_bad", profile=name, reason=t("check.err.profile_target", id=tid)),
                             where + ("targets",))
    return ids + [x for x in own if x not in ids]


def _choose_profile(base: Layer, ledger: Layer | None, config: Config, explicit: str | None) -> tuple[str, list[str]]:
    profiles = base.table("profiles")
    if not profiles:
        if explicit:
            raise UsageError(t("check.err.profile", profile=explicit, profiles=t("field.none"), path=base.path))
        return Path(base.path).name, list(base.table("targets"))
    name = explicit or config.profile or "national"
    if name not in profiles:
        choices = "、".join(profiles)
        if explicit:
            raise UsageError(t("check.err.profile", profile=name, profiles=choices, path=base.path))
        raise FzlogError(t("check.err.profile", profile=name, profiles=choices, path=base.path),
                         path=config.path, line=find_line(ledger.text, ("profile",)) if ledger else None)
    return name, _profile_ids(base, name)


# --- targets --------------------------------------------------------------------------------------

@dataclass
class _Spec:
    """A target's table as the layers have made it, remembering which layer gave each key."""

    id: str
    meta: dict[str, Any] = field(default_factory=dict)
    rule: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, Layer] = field(default_factory=dict)  # "title", "rule.min", ...
    included: bool = True
    last: Layer | None = None  # the last layer that wrote the target's table

    def apply(self, table: Mapping[str, Any], layer: Layer) -> None:
        if not isinstance(table, Mapping):
            raise self.error(layer, t("check.err.want_table"))
        self.last = layer
        for key, value in table.items():
            if key == "rule":
                if not isinstance(value, Mapping):
                    raise self.error(layer, t("check.err.bad", param="rule", reason=t("check.err.want_table")), "rule")
                if "type" in value and value.get("type") != self.rule.get("type"):
                    self.rule = {}  # another rule type: replace the rule, keep nothing of the old one
                for k, v in value.items():
                    self.rule[k] = v
                    self.origin["rule." + k] = layer
            elif key in META_KEYS:
                self.meta[key] = value
                self.origin[key] = layer
            else:  # a rule parameter written straight into the target's table (min = 2)
                self.rule[key] = value
                self.origin["rule." + key] = layer

    def error(self, layer: Layer, reason: str, key: str | None = None) -> FzlogError:
        where = ("targets", self.id)
        paths = [where + (key,), where + ("rule", key)] if key else [where]
        return layer.error(reason, *paths, target=self.id)

    def layer_of(self, key: str) -> Layer:
        return self.origin.get(key) or self.origin.get("rule.type") or self.last

    def meta_text(self, key: str, *, required: bool) -> str:
        value = self.meta.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            reason = t("check.err.missing", param=key) if key not in self.meta else t(
                "check.err.bad", param=key, reason=t("check.err.want_text"))
            raise self.error(self.layer_of(key), reason, key if key in self.meta else None)
        return value.strip()

    def meta_bool(self, key: str, default: bool) -> bool:
        value = self.meta.get(key, default)
        if not isinstance(value, bool):
            raise self.error(self.layer_of(key), t("check.err.bad", param=key, reason=t("check.err.want_bool")), key)
        return value

    def build(self, registry: Registry, windows: Mapping[str, Window], known: list[str]) -> Target:
        if "type" not in self.rule:
            guess = suggest(self.id, known)
            hint = t("check.err.did_you_mean_target", guess=guess) if guess else ""
            raise self.error(self.layer_of("rule"), t("check.err.no_rule", hint=hint))
        title = self.meta_text("title", required=True)
        source = self.meta_text("source", required=True)
        try:
            rule = parse_rule(self.rule, registry, windows)
        except RuleError as exc:
            key = exc.key or "type"
            raise self.error(self.layer_of("rule." + key), exc.message, key if "rule." + key in self.origin else "rule")
        return Target(id=self.id, title=title, source=source, verified=self.meta_bool("verified", True), rule=rule,
                      verified_note=self.meta_text("verified_note", required=False),
                      title_en=self.meta_text("title_en", required=False))


def load_checklist(registry: Registry, config: Config, *, profile: str | None = None,
                   targets_file: str | Path | None = None) -> Checklist:
    """The checklist a ledger is held against: the shipped file's profile (or ``targets_file``),
    with the ledger's own overrides and targets applied."""
    package = Layer.package()
    base = Layer.file(Path(targets_file)) if targets_file else package
    ledger = None
    if config.raw or config.path is not None:
        text = config.path.read_bytes().decode("utf-8-sig") if config.path and config.path.is_file() else ""
        ledger = Layer(str(config.path or CONFIG_NAME), text, config.raw)

    windows = _merge_windows([x for x in (package, base if base is not package else None, ledger) if x])
    name, ids = _choose_profile(base, ledger, config, profile)

    specs: dict[str, _Spec] = {}
    for tid, table in base.table("targets").items():
        spec = specs[tid] = _Spec(tid)
        spec.apply(table, base)
        spec.included = tid in ids and spec.meta_bool("enabled", True)
    order = list(ids)
    if ledger is not None:
        for tid, table in ledger.table("targets").items():
            spec = specs.setdefault(tid, _Spec(tid))
            spec.apply(table, ledger)
            if "enabled" in table:
                spec.included = spec.meta_bool("enabled", True)
            if spec.included and tid not in order:
                order.append(tid)

    known = list(base.table("targets"))
    targets = tuple(specs[tid].build(registry, windows, known) for tid in order if specs[tid].included)
    return Checklist(profile=name, targets=targets, windows=windows, source=base.path)
