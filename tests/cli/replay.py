"""Replaying published 法治政府建设 reports through the CLI (tests/cli/test_replay_*.py).

A :class:`Replay` is one report: the activities it states, entered as a clerk would (``fzlog add``
with the Chinese kind and field labels, and a CSV 台账 imported by its Chinese headers), and the
report's claims, each quoted, with where its figure stands in ``fzlog summary --json`` and the
value the report gives. A claim that no record of the office can carry says why (``reason``).

Paths into the summary's ``kinds``: ``study`` its count; ``study.laws`` a field's figure;
``exam%pass_rate`` a ratio's percentage; ``study[body=中心组]`` a group value's count, and
``roster[role=执法人员].certified`` / ``...%certified_rate`` that group's figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Claim:
    quote: str
    path: str | None  # None: not reproduced (see reason)
    value: Any = None
    bound: str | None = None  # the lower-bound word the report writes (余, 超, 多)
    reason: str = ""


@dataclass(frozen=True)
class Replay:
    slug: str
    dept: str  # 部门类型, as fzlog init --type takes it
    year: int
    adds: tuple[tuple[str, ...], ...]  # the arguments after `fzlog add`
    claims: tuple[Claim, ...]
    csv: str = ""  # a 台账 imported with `fzlog import`
    config: str = ""  # added to fzlog.toml (the office's own kinds or fields)
    note: str = ""

    @property
    def reproducible(self) -> list[Claim]:
        return [c for c in self.claims if c.path is not None]

    @property
    def share(self) -> float:
        return len(self.reproducible) / len(self.claims)


_PATH = re.compile(r"^(?P<kind>[a-z-]+)(?:\[(?P<gf>\w+)=(?P<gv>[^\]]+)\])?(?:\.(?P<field>\w+)|%(?P<ratio>\w+))?$")


def figure(kinds: dict, path: str) -> tuple[Any, str | None]:
    """The figure at ``path`` in summary --json's ``kinds``, and its lower-bound word."""
    m = _PATH.match(path)
    assert m, path
    node = kinds[m["kind"]]
    if m["gf"]:
        node = node["groups"][m["gf"]][m["gv"]]
    if m["ratio"]:
        return node["ratios"][m["ratio"]]["percent"], None
    if m["field"]:
        return node["fields"][m["field"]], node["at_least"].get(m["field"])
    return node["count"], node["at_least"].get("count")


def replay(run, tmp_path, case: Replay) -> dict:
    """Enter the report's activities in a new ledger of its department type; its summary's kinds."""
    r = run("init", "data", "--org", case.slug, "--type", case.dept)
    assert r.exit_code == 0, r.output
    if case.config:
        cfg = tmp_path / "data" / "fzlog.toml"
        cfg.write_text(cfg.read_text("utf-8") + case.config, "utf-8")
    for args in case.adds:
        r = run("add", *args)
        assert r.exit_code == 0, (args, r.output)
    if case.csv:
        (tmp_path / "台账.csv").write_text(case.csv, encoding="utf-8")
        r = run("import", "台账.csv", "--yes")
        assert r.exit_code == 0, r.output
    r = run("summary", str(case.year), "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["kinds"]


def check_claims(kinds: dict, case: Replay) -> None:
    for c in case.reproducible:
        value, bound = figure(kinds, c.path)
        assert value == c.value, (case.slug, c.quote, c.path, value)
        assert bound == c.bound, (case.slug, c.quote, c.path, bound)


def share_table(cases) -> list[tuple[str, str, int, int, float]]:
    return [(c.slug, c.dept, len(c.reproducible), len(c.claims), round(100 * c.share, 1)) for c in cases]

