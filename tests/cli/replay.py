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


def draft(run, case: Replay) -> list[str]:
    """The body paragraphs of the drafted report (after ``replay``), without opening, closing or
    appendices."""
    r = run("report", str(case.year), "--format", "json")
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)["body"]
    texts = [b["text"] for b in body if b["type"] == "paragraph"]
    return texts[1:-1]


def figure_words(value: Any, bound: str | None, *, percent: bool = False, scale: int = 1) -> str | None:
    """How a draft writes a claim's figure: 12, 21.5, 100%, 400余, 超60, 2.2万余 (money shown
    in 万元); None for a yes/no claim."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if scale != 1:
            value = value / scale
        text = f"{value:g}" if isinstance(value, float) else str(value)
        if percent:
            return text + "%"
        if scale != 1:
            text += "万"
        if bound in ("超", "不少于", "近"):
            return bound + text
        return text + (bound or "")
    if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
        y, m, d = map(int, str(value).split("-"))
        return f"{y}年{m}月{d}日"
    return str(value)


def in_draft(paragraphs: list[str], words: str, context: tuple[str, ...]) -> bool:
    """Whether a sentence of the draft writes ``words`` (a number not inside a longer one) next to
    one of the ``context`` words (its kind's label, aliases, sentence words, group value)."""
    pattern = re.compile(r"(?<![\d.])" + re.escape(words) + (r"(?![\d.])" if words[-1].isdigit() else ""))
    for p in paragraphs:
        for sentence in re.split(r"(?<=[。；])", p):
            if pattern.search(sentence) and any(w in sentence for w in context):
                return True
    return False


def context_words(kind: Any, path: str) -> tuple[str, ...]:
    """Words that say a sentence is about the claim's kind."""
    m = _PATH.match(path)
    words = [kind.label, *kind.aliases]
    words += [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", kind.sentence)]
    if m["gv"]:
        words.append(m["gv"])
    if m["field"] and kind.field(m["field"]) is not None:
        words.append(kind.field(m["field"]).label)
    return tuple(w for w in words if len(w) >= 2)


def drafted(paragraphs: list[str], registry: Any, case: Replay) -> list[Claim]:
    """The claims with a figure (a number or words; not yes/no) that the draft reproduces."""
    out = []
    for c in figure_claims(case):
        m = _PATH.match(c.path)
        kind = registry.get(m["kind"])
        f = kind.field(m["field"]) if m["field"] else None
        scale = f.scale if f is not None else 1
        words = figure_words(c.value, c.bound, percent=bool(m["ratio"]), scale=scale)
        if words and in_draft(paragraphs, words, context_words(kind, c.path)):
            out.append(c)
    return out


def figure_claims(case: Replay) -> list[Claim]:
    """The report's concrete figures: claims that carry a number or words (yes/no claims left out)."""
    return [c for c in case.claims if c.path is not None and not isinstance(c.value, bool)]
