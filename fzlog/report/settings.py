"""What shapes a report: fzlog's phrasebook (``fzlog/data/report.toml``) with a ledger's own
``[report]`` table in ``fzlog.toml`` laid over it.

``[report]`` keys (all optional)::

    short_name = "科技局"            # 简称, for {short_name} in texts
    opening = "…"  closing = "…"     # replace the default opening / closing paragraph
    notable_tags = ["…"]             # occasions whose records are named by title
    [[report.parts]]                 # the parts, in order: rename, reorder, merge, leave out
    title = "{year}年法治政府建设情况"
    content = ["achievements"]       # ids: achievements shortcomings principal plans other
    [report.since]                   # kinds reported over several years: "2020年至今，共制定…"
    normative-doc = 2020
    [report.kinds.<kind>]            # a kind's wording, key by key over the phrasebook's
    theme = "法治宣传"
    [[report.themes]]                # a new theme, or a theme's heading changed (same name)
    name = "…"  part = "achievements"  heading = "…"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dc_fields
from importlib import resources
from typing import Any

from fzlog.errors import FzlogError
from fzlog.kinds import Kind, Registry
from fzlog.messages import t
from fzlog.period import in_range

PART_IDS = ("achievements", "shortcomings", "principal", "plans", "other")
# Parts whose themes come from the ledger's tallies (any part a kind is put in).
TALLY_PARTS = PART_IDS
OTHER_THEME = "其他"


@dataclass(frozen=True)
class Part:
    title: str  # may hold {year} {next_year} {org} {short_name}
    content: tuple[str, ...]  # part ids, in order


@dataclass(frozen=True)
class Theme:
    name: str
    part: str
    heading: str


@dataclass(frozen=True)
class Phrase:
    """Where one kind's sentence goes and how it reads (see the comments in data/report.toml)."""

    theme: str = ""  # default: the kind's theme (kinds.toml), else 其他
    item: str = ""
    part: str = ""  # default: the kind's part (kinds.toml), else the theme's
    sentence: str = ""  # default: the kind's sentence (kinds.toml), else one from its label
    sentence_zero: str = ""
    internal: tuple[str, ...] = ()  # fields the draft never states


@dataclass(frozen=True)
class Group:
    """Kinds reported in one sentence ([[report.groups]]): "开展法治学习和工作部署共计{count}次"
    ({count} their counts added), then each kind's own figures."""

    name: str
    kinds: tuple[str, ...]
    sentence: str
    theme: str = ""
    item: str = ""
    part: str = ""


@dataclass(frozen=True)
class Settings:
    opening: str
    closing: str
    placeholder: str
    notable: str
    part_titles: Mapping[str, str]  # canonical title per part id
    parts: tuple[Part, ...]
    themes: tuple[Theme, ...]
    phrases: Mapping[str, Phrase]
    notable_tags: tuple[str, ...] = ()
    short_name: str = ""
    since: Mapping[str, int] = field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    document_words: tuple[str, ...] = ()  # a title ending so names a document: 《》 in the draft
    ledger_rows: int = 500  # appendix 2 lists the year's records one a row up to this many

    def themes_of(self, part: str) -> list[Theme]:
        return [th for th in self.themes if th.part == part]

    def shown_parts(self) -> set[str]:
        return {c for p in self.parts for c in p.content}


_PHRASE_KEYS = {f.name for f in dc_fields(Phrase)}
_REPORT_KEYS = (
    "short_name",
    "opening",
    "closing",
    "notable_tags",
    "parts",
    "since",
    "kinds",
    "themes",
    "groups",
    "ledger_rows",
)
# [report.kinds.X] keys of the phrasebook before sentence templates (docs/report.md, 配置迁移)
_LEGACY_KEYS = (
    "verb",
    "label",
    "mode",
    "via",
    "fields",
    "field_text",
    "steps",
    "steps_all",
    "steps_suffix",
    "step_text",
    "name_titles",
)
_GROUP_KEYS = ("name", "kinds", "sentence", "theme", "item", "part")


def _data() -> dict[str, Any]:
    return tomllib.loads(resources.files("fzlog").joinpath("data/report.toml").read_text("utf-8"))


def load(raw_config: Mapping[str, Any], registry: Registry, source: str = "fzlog.toml") -> Settings:
    """The settings for a ledger whose fzlog.toml holds ``raw_config`` (its ``[report]`` table is
    checked here; a mistake names the file and the key)."""
    data = _data()
    report = raw_config.get("report", {})

    def bad(key: str, reason: str) -> FzlogError:
        return FzlogError(t("config.bad_value", path=source, key=f"report.{key}" if key else "report", reason=reason))

    if not isinstance(report, Mapping):
        raise bad("", t("report.cfg_table"))
    unknown = [k for k in report if k not in _REPORT_KEYS]
    if unknown:
        raise bad(unknown[0], t("report.cfg_unknown_key", known="、".join(_REPORT_KEYS)))

    def text(key: str, default: str) -> str:
        value = report.get(key, default)
        if not isinstance(value, str):
            raise bad(key, t("report.cfg_text"))
        return value

    part_titles = {p["id"]: p["title"] for p in data["parts"]}
    parts = tuple(Part(part_titles[i], (i,)) for i in PART_IDS)
    if "parts" in report:
        parts = _parts(report["parts"], bad)

    themes = [Theme(th["name"], th["part"], th["heading"]) for th in data["themes"]]
    extra_themes = report.get("themes", [])
    if not isinstance(extra_themes, list):
        raise bad("themes", t("report.cfg_array"))
    for i, spec in enumerate(extra_themes):
        if (
            not isinstance(spec, Mapping)
            or not isinstance(spec.get("name"), str)
            or not isinstance(spec.get("heading"), str)
            or spec.get("part", "achievements") not in TALLY_PARTS
        ):
            raise bad(f"themes[{i}]", t("report.cfg_theme", parts="、".join(TALLY_PARTS)))
        new = Theme(spec["name"], spec.get("part", "achievements"), spec["heading"])
        themes = [new if th.name == new.name else th for th in themes]
        if new not in themes:
            themes.append(new)
    theme_names = {th.name for th in themes}

    specs: dict[str, dict[str, Any]] = {slug: dict(spec) for slug, spec in data["kinds"].items()}
    kinds_cfg = report.get("kinds", {})
    if not isinstance(kinds_cfg, Mapping):
        raise bad("kinds", t("report.cfg_table"))
    for slug, spec in kinds_cfg.items():
        if slug not in registry:
            raise bad(f"kinds.{slug}", t("report.cfg_kind"))
        if not isinstance(spec, Mapping):
            raise bad(f"kinds.{slug}", t("report.cfg_table"))
        specs.setdefault(slug, {}).update(spec)
    phrases = {
        slug: _phrase(slug, spec, kind, theme_names, bad)
        for slug, spec in specs.items()
        if (kind := registry.get(slug)) is not None
    }
    groups = _groups(report.get("groups", []), registry, theme_names, bad)

    since = report.get("since", {})
    if not isinstance(since, Mapping):
        raise bad("since", t("report.cfg_table"))
    for slug, year in since.items():
        if slug not in registry:
            raise bad(f"since.{slug}", t("report.cfg_kind"))
        if not isinstance(year, int) or isinstance(year, bool) or not in_range(year):
            raise bad(f"since.{slug}", t("report.cfg_year"))

    ledger_rows = report.get("ledger_rows", data.get("ledger_rows", 500))
    if not isinstance(ledger_rows, int) or isinstance(ledger_rows, bool) or not 0 <= ledger_rows <= 100_000:
        raise bad("ledger_rows", t("report.cfg_rows"))

    tags = report.get("notable_tags", data["notable_tags"])
    if not isinstance(tags, list) or not all(isinstance(x, str) for x in tags):
        raise bad("notable_tags", t("report.cfg_list"))

    return Settings(
        opening=text("opening", data["opening"]),
        closing=text("closing", data["closing"]),
        placeholder=data["placeholder"],
        notable=data["notable"],
        part_titles=part_titles,
        parts=parts,
        themes=tuple(themes),
        phrases=phrases,
        notable_tags=tuple(tags),
        short_name=text("short_name", ""),
        since=dict(since),
        groups=groups,
        document_words=tuple(data.get("document_words", ())),
        ledger_rows=ledger_rows,
    )


def _parts(spec: Any, bad) -> tuple[Part, ...]:
    if not isinstance(spec, list) or not spec:
        raise bad("parts", t("report.cfg_array"))
    seen: set[str] = set()
    out = []
    for i, p in enumerate(spec):
        key = f"parts[{i}]"
        if not isinstance(p, Mapping) or not isinstance(p.get("title"), str) or not p["title"].strip():
            raise bad(key, t("report.cfg_part"))
        content = p.get("content")
        if isinstance(content, str):
            content = [content]
        if not isinstance(content, list) or not content:
            raise bad(f"{key}.content", t("report.cfg_content", ids="、".join(PART_IDS)))
        for c in content:
            if c not in PART_IDS:
                raise bad(f"{key}.content", t("report.cfg_content", ids="、".join(PART_IDS)))
            if c in seen:
                raise bad(f"{key}.content", t("report.cfg_twice", id=c))
            seen.add(c)
        out.append(Part(p["title"].strip(), tuple(content)))
    return tuple(out)


def _phrase(slug: str, spec: Mapping[str, Any], kind: Kind, themes: set[str], bad) -> Phrase:
    from fzlog.report.sentences import problems

    key = f"kinds.{slug}"
    unknown = [k for k in spec if k not in _PHRASE_KEYS]
    if unknown and unknown[0] in _LEGACY_KEYS:
        raise bad(f"{key}.{unknown[0]}", t("report.cfg_legacy_key", key=unknown[0]))
    if unknown:
        raise bad(f"{key}.{unknown[0]}", t("report.cfg_unknown_key", known="、".join(sorted(_PHRASE_KEYS))))
    theme = spec.get("theme", "")
    if theme and theme not in themes:
        raise bad(f"{key}.theme", t("report.cfg_theme_name", names="、".join(sorted(themes))))
    if spec.get("part", "") not in ("", *PART_IDS):
        raise bad(f"{key}.part", t("report.cfg_content", ids="、".join(PART_IDS)))
    for name in ("sentence", "sentence_zero", "item"):
        if not isinstance(spec.get(name, ""), str):
            raise bad(f"{key}.{name}", t("report.cfg_text"))
        wrong = problems(spec.get(name, ""), kind)
        if wrong:
            raise bad(f"{key}.{name}", t("report.cfg_placeholder", name=wrong[0]))
    internal = spec.get("internal", [])
    if not isinstance(internal, list) or not all(isinstance(x, str) for x in internal):
        raise bad(f"{key}.internal", t("report.cfg_list"))
    for name in internal:
        if kind.field(name) is None:
            raise bad(f"{key}.internal", t("report.cfg_field", field=name))
    return Phrase(
        theme=theme,
        item=str(spec.get("item", "")),
        part=str(spec.get("part", "")),
        sentence=spec.get("sentence", ""),
        sentence_zero=spec.get("sentence_zero", ""),
        internal=tuple(internal),
    )


def _groups(spec: Any, registry: Registry, themes: set[str], bad) -> tuple[Group, ...]:
    if not isinstance(spec, list):
        raise bad("groups", t("report.cfg_array"))
    out, seen = [], set()
    for i, g in enumerate(spec):
        key = f"groups[{i}]"
        if not isinstance(g, Mapping):
            raise bad(key, t("report.cfg_table"))
        unknown = [k for k in g if k not in _GROUP_KEYS]
        if unknown:
            raise bad(f"{key}.{unknown[0]}", t("report.cfg_unknown_key", known="、".join(_GROUP_KEYS)))
        kinds = g.get("kinds")
        if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
            raise bad(f"{key}.kinds", t("report.cfg_list"))
        slugs = []
        for name in kinds:
            kind = registry.lookup(name)
            if kind is None:
                raise bad(f"{key}.kinds", t("report.cfg_kind"))
            if kind.slug in seen:
                raise bad(f"{key}.kinds", t("report.cfg_twice", id=kind.slug))
            seen.add(kind.slug)
            slugs.append(kind.slug)
        sentence = g.get("sentence", "")
        if not isinstance(sentence, str) or not sentence.strip():
            raise bad(f"{key}.sentence", t("report.cfg_text"))
        from fzlog.report.sentences import BRACES

        wrong = [x for x in BRACES.findall(sentence) if x.partition("|")[0].strip() != "count"]
        if wrong:
            raise bad(f"{key}.sentence", t("report.cfg_placeholder", name=wrong[0]))
        theme = g.get("theme", "")
        if theme and theme not in themes:
            raise bad(f"{key}.theme", t("report.cfg_theme_name", names="、".join(sorted(themes))))
        if g.get("part", "") not in ("", *PART_IDS):
            raise bad(f"{key}.part", t("report.cfg_content", ids="、".join(PART_IDS)))
        out.append(
            Group(
                str(g.get("name", "") or "、".join(slugs)),
                tuple(slugs),
                sentence,
                theme,
                str(g.get("item", "")),
                str(g.get("part", "")),
            )
        )
    return tuple(out)
