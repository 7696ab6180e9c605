"""Loading the checklist: the shipped targets file (or ``--targets FILE``), one of its profiles,
and the ledger's own ``[targets]`` and ``[windows]`` tables in fzlog.toml.

A targets file holds ``[profiles.<name>]`` (``targets = [ids]``, ``extends = "<profile>"``,
``sources = [ids]`` the framework it rests on), ``[windows.<name>]`` (dates that vary by year),
``[sources.<id>]`` (the documents cited, each with its state and period, see
:mod:`fzlog.targets.sources`) and ``[targets.<id>]`` (title, short, sources, basis, local, region,
from, until, replaced_by, note, rule). fzlog.toml uses the same ``[targets.<id>]`` tables to
override a target (any rule parameter, e.g. ``min = 2``; ``enabled = false`` switches it off;
``enabled = true`` switches on a shipped target outside the profile) or to add one of its own,
which may cite its own document as text (``source = "…"``, with an optional ``state``), and
``[sources.<id>]`` tables to add documents.

Given a year, the checklist holds the targets in force that year: a target whose own period
covers the year and, unless it is local practice, one of whose sources is in force; the others
are listed as not in force, with what replaces them.

Every mistake is a :class:`FzlogError` naming the file, the line and the target.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from fzlog.config import CONFIG_NAME, Config, read_toml
from fzlog.errors import FzlogError, UsageError
from fzlog.kinds import Registry, suggest
from fzlog.messages import t
from fzlog.targets.model import Checklist, Target
from fzlog.targets.rules import RuleError, parse_rule
from fzlog.targets.sources import STATES, Citation, Source, Span, parse_day
from fzlog.targets.windows import Window, parse_range

META_KEYS = (
    "title",
    "title_en",
    "short",
    "short_en",
    "source",
    "sources",
    "basis",
    "state",
    "verified",
    "verified_note",
    "note",
    "local",
    "region",
    "from",
    "until",
    "replaced_by",
    "enabled",
    "rule",
)
WINDOW_KEYS = ("title", "title_en", "dates", "years", "themes", "source")
SOURCE_KEYS = ("title", "title_en", "state", "from", "until", "where", "read", "quote", "replaced_by", "note")


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
    def package(cls) -> Layer:
        text = resources.files("fzlog").joinpath("data/targets.toml").read_text("utf-8")
        return cls("fzlog/data/targets.toml", text, tomllib.loads(text))

    @classmethod
    def file(cls, path: Path) -> Layer:
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

            def bad(key: str, reason: str, layer=layer, name=name, where=where):
                return layer.error(t("check.err.window_bad", name=name, param=key, reason=reason), where + (key,))

            if not isinstance(spec, Mapping):
                raise layer.error(
                    t("check.err.window_bad", name=name, param=name, reason=t("check.err.want_table")), where
                )
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


# --- sources --------------------------------------------------------------------------------------


def _span(value_from: Any, value_until: Any, bad) -> Span:
    """``from``/``until`` as days ("2019-09-01" or a year); ``bad(key, reason)`` makes the error."""
    days: list[dt.date | None] = []
    texts: list[str] = []
    for key, value, end in (("from", value_from, False), ("until", value_until, True)):
        if value is None:
            days.append(None)
            texts.append("")
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif hasattr(value, "isoformat") and not isinstance(value, str):  # a TOML date
            value = value.isoformat()[:10]
        day = parse_day(value, end=end) if isinstance(value, str) else None
        if day is None:
            raise bad(key, t("check.err.want_day"))
        days.append(day)
        texts.append(value.strip())
    if days[0] and days[1] and days[0] > days[1]:
        raise bad("until", t("check.err.until_before"))
    return Span(days[0], days[1], texts[0], texts[1])


def _merge_sources(layers: list[Layer]) -> dict[str, Source]:
    specs: dict[str, dict[str, Any]] = {}
    where_of: dict[str, Layer] = {}
    for layer in layers:
        for sid, spec in layer.table("sources").items():
            if not isinstance(spec, Mapping):
                raise layer.error(
                    t("check.err.source_bad", id=sid, param=sid, reason=t("check.err.want_table")), ("sources", sid)
                )
            for key in spec:
                if key not in SOURCE_KEYS:
                    raise layer.error(
                        t(
                            "check.err.source_bad",
                            id=sid,
                            param=key,
                            reason=t("check.err.unknown_key", keys="、".join(SOURCE_KEYS)),
                        ),
                        ("sources", sid, key),
                    )
            specs.setdefault(sid, {}).update(spec)
            where_of[sid] = layer
    sources: dict[str, Source] = {}
    for sid, spec in specs.items():
        layer = where_of[sid]

        def bad(key: str, reason: str, sid=sid, layer=layer):
            return layer.error(t("check.err.source_bad", id=sid, param=key, reason=reason), ("sources", sid, key))

        texts = {}
        for key in ("title", "title_en", "where", "read", "replaced_by", "note"):
            value = spec.get(key, "")
            if not isinstance(value, str) or (key == "title" and not value.strip()):
                raise bad(key, t("check.err.want_text") if key in spec else t("check.err.missing", param=key))
            texts[key] = value.strip()
        state = spec.get("state")
        if state not in STATES:
            raise bad("state", t("check.err.want_state", states="、".join(STATES)))
        quote = spec.get("quote", [])
        quote = [quote] if isinstance(quote, str) else quote
        if not isinstance(quote, list) or not all(isinstance(q, str) and q.strip() for q in quote):
            raise bad("quote", t("check.err.want_texts"))
        if state == "original" and not quote:
            raise bad("quote", t("check.err.original_unquoted"))
        sources[sid] = Source(
            id=sid,
            state=state,
            span=_span(spec.get("from"), spec.get("until"), bad),
            quote=tuple(q.strip() for q in quote),
            **texts,
        )
    for sid, src in sources.items():  # replaced_by may name another source: print its title
        if src.replaced_by in sources:
            sources[sid] = replace(src, replaced_by=sources[src.replaced_by].title)
    return sources


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
            raise base.error(
                t("check.err.profile_bad", profile=name, reason=t("check.err.extends", parent=parent)),
                where + ("extends",),
            )
        ids += _profile_ids(base, parent, chain + (name,))
    own = spec.get("targets", [])
    if not isinstance(own, list) or not all(isinstance(x, str) for x in own):
        raise base.error(
            t("check.err.profile_bad", profile=name, reason=t("check.err.want_texts")), where + ("targets",)
        )
    known = base.table("targets")
    for tid in own:
        if tid not in known:
            raise base.error(
                t("check.err.profile_bad", profile=name, reason=t("check.err.profile_target", id=tid)),
                where + ("targets",),
            )
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
        raise FzlogError(
            t("check.err.profile", profile=name, profiles=choices, path=base.path),
            path=config.path,
            line=find_line(ledger.text, ("profile",)) if ledger else None,
        )
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
        layer = self.origin.get(key) or self.origin.get("rule.type") or self.last
        assert layer is not None, "a target's table is applied before it is asked about"
        return layer

    def meta_text(self, key: str, *, required: bool) -> str:
        value = self.meta.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            reason = (
                t("check.err.missing", param=key)
                if key not in self.meta
                else t("check.err.bad", param=key, reason=t("check.err.want_text"))
            )
            raise self.error(self.layer_of(key), reason, key if key in self.meta else None)
        return value.strip()

    def meta_bool(self, key: str, default: bool) -> bool:
        value = self.meta.get(key, default)
        if not isinstance(value, bool):
            raise self.error(self.layer_of(key), t("check.err.bad", param=key, reason=t("check.err.want_bool")), key)
        return value

    def build(
        self, registry: Registry, windows: Mapping[str, Window], sources: Mapping[str, Source], known: list[str]
    ) -> Target:
        if "type" not in self.rule:
            guess = suggest(self.id, known)
            hint = t("check.err.did_you_mean_target", guess=guess) if guess else ""
            raise self.error(self.layer_of("rule"), t("check.err.no_rule", hint=hint))
        title = self.meta_text("title", required=True)
        cited = self.meta.get("sources", [])
        if not isinstance(cited, list) or not all(isinstance(x, str) for x in cited):
            raise self.error(
                self.layer_of("sources"),
                t("check.err.bad", param="sources", reason=t("check.err.want_texts")),
                "sources",
            )
        for sid in cited:
            if sid not in sources:
                guess = suggest(sid, list(sources))
                hint = t("kind.did_you_mean", guess=guess) if guess else ""
                raise self.error(
                    self.layer_of("sources"),
                    t("check.err.source_unknown", id=sid, hint=hint, ids="、".join(sources)),
                    "sources",
                )
        text = self.meta_text("source", required=not cited and not self.meta_bool("local", False))
        state = self.meta.get("state")
        if state is None and "verified" in self.meta:  # the old flag of a ledger's own target
            state = "original" if self.meta_bool("verified", True) else "not-found"
        if state is not None and state not in STATES:
            raise self.error(
                self.layer_of("state"),
                t("check.err.bad", param="state", reason=t("check.err.want_state", states="、".join(STATES))),
                "state",
            )

        def bad(key: str, reason: str) -> FzlogError:
            return self.error(self.layer_of(key), t("check.err.bad", param=key, reason=reason), key)

        span = _span(self.meta.get("from"), self.meta.get("until"), bad)
        try:
            rule = parse_rule(self.rule, registry, windows)
        except RuleError as exc:
            key = exc.key or "type"
            raise self.error(self.layer_of("rule." + key), exc.message, key if "rule." + key in self.origin else "rule")
        note = self.meta_text("note", required=False) or self.meta_text("verified_note", required=False)
        return Target(
            id=self.id,
            title=title,
            rule=rule,
            citations=tuple(Citation(sources[sid]) for sid in cited),
            basis=self.meta_text("basis", required=False),
            source_text=text,
            source_state=state if not cited else None,
            local=self.meta_bool("local", False),
            region=self.meta_text("region", required=False),
            note=note,
            span=span,
            replaced_by=self.meta_text("replaced_by", required=False),
            short=self.meta_text("short", required=False),
            short_en=self.meta_text("short_en", required=False),
            title_en=self.meta_text("title_en", required=False),
        )


def _profile_sources(base: Layer, name: str | None) -> list[str]:
    """The sources a profile (and the profiles it extends) rests on as a whole (the 纲要)."""
    out: list[str] = []
    profiles = base.table("profiles")
    while isinstance(name, str) and name in profiles and isinstance(profiles[name], Mapping):
        own = profiles[name].get("sources", [])
        if not isinstance(own, list) or not all(isinstance(x, str) for x in own):
            raise base.error(
                t("check.err.profile_bad", profile=name, reason=t("check.err.want_texts")),
                ("profiles", name, "sources"),
            )
        out = own + [x for x in out if x not in own]
        name = profiles[name].get("extends")
    return out


def _profile_overrides(base: Layer, name: str | None) -> list[tuple[str, Mapping[str, Any]]]:
    """The target tables a profile (after the profiles it extends) lays over the shipped targets:
    ``[profiles.<name>.override.<target>]``, in the format of a ledger's ``[targets.<id>]``
    (e.g. ``where = { plan_type = [...] }`` to count one more kind of plan)."""
    chain: list[str] = []
    profiles = base.table("profiles")
    while isinstance(name, str) and name in profiles and isinstance(profiles[name], Mapping) and name not in chain:
        chain.append(name)
        name = profiles[name].get("extends")
    out: list[tuple[str, Mapping[str, Any]]] = []
    known = base.table("targets")
    for pname in reversed(chain):
        own = profiles[pname].get("override", {})
        where = ("profiles", pname, "override")
        if not isinstance(own, Mapping):
            raise base.error(t("check.err.profile_bad", profile=pname, reason=t("check.err.want_table")), where)
        for tid, table in own.items():
            if tid not in known:
                raise base.error(
                    t("check.err.profile_bad", profile=pname, reason=t("check.err.profile_target", id=tid)),
                    where + (tid,),
                )
            out.append((tid, table))
    return out


def for_year(target: Target, year: int) -> Target:
    """``target`` as cited in ``year``: each source marked expired or not yet in force."""
    return replace(
        target,
        citations=tuple(
            Citation(c.source, expired=c.source.span.ended_before(year), pending=c.source.span.starts_after(year))
            for c in target.citations
        ),
    )


def in_force(target: Target, year: int) -> bool:
    """The target's own period covers ``year`` and, unless it is local practice or cites its
    document as text, one of its sources is in force in that year."""
    if not target.span.covers(year):
        return False
    return target.local or not target.citations or any(c.in_force for c in target.citations)


def load_checklist(
    registry: Registry,
    config: Config,
    *,
    profile: str | None = None,
    targets_file: str | Path | None = None,
    year: int | None = None,
) -> Checklist:
    """The checklist a ledger is held against: the shipped file's profile (or ``targets_file``),
    with the ledger's own overrides and targets applied. Given ``year``, only the targets in force
    that year are checked; the others are in ``not_in_force``."""
    package = Layer.package()
    base = Layer.file(Path(targets_file)) if targets_file else package
    ledger = None
    if config.raw or config.path is not None:
        text = config.path.read_bytes().decode("utf-8-sig") if config.path and config.path.is_file() else ""
        ledger = Layer(str(config.path or CONFIG_NAME), text, config.raw)

    layers = [x for x in (package, base if base is not package else None, ledger) if x]
    windows = _merge_windows(layers)
    sources = _merge_sources(layers)
    name, ids = _choose_profile(base, ledger, config, profile)
    framework = [sid for sid in _profile_sources(base, name) if sid in sources]

    specs: dict[str, _Spec] = {}
    for tid, table in base.table("targets").items():
        spec = specs[tid] = _Spec(tid)
        spec.apply(table, base)
        spec.included = tid in ids and spec.meta_bool("enabled", True)
    for tid, table in _profile_overrides(base, name):
        specs[tid].apply(table, base)
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
    targets = tuple(specs[tid].build(registry, windows, sources, known) for tid in order if specs[tid].included)
    later: tuple[Target, ...] = ()
    if year is not None:
        targets = tuple(for_year(x, year) for x in targets)
        later = tuple(x for x in targets if not in_force(x, year))
        targets = tuple(x for x in targets if in_force(x, year))
    return Checklist(
        profile=name,
        targets=targets,
        windows=windows,
        source=base.path,
        sources=sources,
        not_in_force=later,
        framework=tuple(sources[sid] for sid in framework),
        year=year,
    )
