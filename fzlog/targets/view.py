"""What a check shows, for any front end: one row per target, each target's details, the notes
under the table, and the list of sources. Text in the current language; no layout (the CLI fits
the rows to a terminal, a web page to its own table).

    rows(result)          Row per target: id, short title, requirement, actual, verdict, evidence count
    details(r)            (label, lines) pairs: the full requirement, result, basis, sources, evidence
    notes(result)         the lines under the table: the tally, the sources' states, what is not in force
    source_entries(cl)    every source of a checklist with the targets that cite it
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fzlog.messages import t
from fzlog.targets.model import Checklist, CheckResult, Target, TargetResult
from fzlog.targets.sources import STATES, Source, state_label


@dataclass(frozen=True)
class Row:
    id: str
    short: str
    required: str
    actual: str
    verdict: str  # 达标 / 本地指标未达到 / 依法委托出庭 …, with a mark where evidence is missing
    evidence: int
    status: str
    missing_evidence: bool = False

    def cells(self) -> tuple[str, ...]:
        return (self.id, self.short, self.required, self.actual, self.verdict, str(self.evidence))


def columns() -> tuple[str, ...]:
    return (
        t("check.col.id"),
        t("check.col.short"),
        t("check.col.required"),
        t("check.col.actual"),
        t("check.col.result"),
        t("check.col.count"),
    )


def rows(result: CheckResult) -> list[Row]:
    return [
        Row(
            r.target.id,
            r.target.display_short(),
            r.required,
            r.actual,
            r.label + ("*" if r.missing_evidence else ""),
            len(r.evidence),
            r.status,
            r.missing_evidence,
        )
        for r in result.results
    ]


#: Record ids a target's evidence names under `check --verbose` before 等N条 (all: --target ID).
EVIDENCE_SHOWN = 3


def evidence(r: TargetResult, limit: int | None = None, ids: Any = None) -> list[str]:
    """The target's evidence ids (or other ``ids`` of it), at most ``limit`` of them followed by
    等N条 (None: all)."""
    ids = list(r.evidence if ids is None else ids)
    if limit is None or len(ids) <= limit:
        return ids
    return ids[:limit] + [t("check.d.more", n=len(ids), id=r.target.id)]


def counts(target: Target) -> str:
    """What the target's rule counts (kinds, field values, tags, the year field), in words."""
    selector = getattr(target.rule, "selector", None)
    return selector.describe() if selector is not None else ""


def details(r: TargetResult, limit: int | None = None) -> list[tuple[str, list[str]]]:
    """A target's result in full, as labelled lines (empty parts left out); the evidence as ids,
    ``limit`` of them at most (see :func:`evidence`)."""
    target = r.target
    result = t("check.d.paren", text=r.label, inner=t("check.missing_evidence")) if r.missing_evidence else r.label
    period = target.span.text() if (target.span.start or target.span.until) else ""
    parts: list[tuple[str, list[str]]] = [
        (t("check.d.title"), [target.display_title()]),
        (t("check.d.result"), [result]),
        (t("check.d.required"), [r.required]),
        (t("check.d.actual"), [r.actual]),
        (t("check.d.counts"), [counts(target)] if counts(target) else []),
        (t("check.d.note"), [x for x in (r.note, target.note) if x]),
        (t("check.d.basis"), [x for x in (target.state_text(), target.basis) if x]),
        (t("check.d.sources"), target.source_lines()),
        (t("check.d.period"), [period] if period else []),
        (t("check.d.evidence"), evidence(r, limit)),
        (t("check.d.failing"), evidence(r, limit, r.failing)),
    ]
    return [(label, lines) for label, lines in parts if lines]


def notes(result: CheckResult) -> list[str]:
    """The lines under the table."""
    out = []
    local = sum(1 for r in result.results if r.status == "unmet" and r.target.local)
    tally = t("check.join").join(
        t("check.tally", label=t("check.status." + s), n=n)
        + (t("check.tally_local", n=local) if s == "unmet" and local else "")
        for s, n in result.counts().items()
    )
    if result.checked_on != result.as_of:
        tally += t("check.stop") + t("check.clock", date=result.checked_on)
    if tally:
        out.append(tally)
    states: dict[str, int] = {}
    for r in result.results:
        if r.target.local:
            states[t("check.local")] = states.get(t("check.local"), 0) + 1
        if r.target.state:
            label = state_label(r.target.state)
            states[label] = states.get(label, 0) + 1
    if states:
        order = [state_label(s) for s in STATES] + [t("check.local")]
        out.append(
            t(
                "check.states_caption",
                states=t("check.list").join(t("check.state_tally", label=k, n=states[k]) for k in order if k in states),
            )
        )
    if any(r.missing_evidence for r in result.results):
        out.append("* " + t("check.missing_evidence"))
    for s in result.expired_sources:
        out.append(
            t(
                "check.expired_source",
                title=s.display_title(),
                until=s.span.until,
                by=s.replaced_by or t("check.source.no_successor"),
            )
        )
    if result.not_in_force:
        items = [not_in_force_item(x) for x in result.not_in_force]
        out.append(t("check.not_in_force", year=result.year, items=t("check.join").join(items)))
    out.append(t("check.hint_show"))
    return out


@dataclass(frozen=True)
class SourceEntry:
    source: Source
    cited_by: tuple[str, ...]  # ids of the profile's targets that cite it
    framework: str = ""  # the profile it underlies as a whole

    def details(self) -> list[tuple[str, list[str]]]:
        s = self.source
        parts = [
            (t("check.d.read"), [s.read] if s.read else []),
            (t("check.d.where"), [s.where] if s.where else []),
            (t("check.d.quote"), [f"“{q}”" for q in s.quote]),
            (t("check.d.note"), [s.note] if s.note else []),
            (t("check.d.replaced_by"), [s.replaced_by] if s.replaced_by else []),
            (
                t("check.d.cited_by"),
                [
                    t("check.list").join(self.cited_by)
                    if self.cited_by
                    else (
                        t("check.sources.framework", profile=self.framework)
                        if self.framework
                        else t("check.sources.unused")
                    )
                ],
            ),
        ]
        return [(label, lines) for label, lines in parts if lines]

    def to_dict(self) -> dict:
        return {**self.source.to_dict(), "cited_by": list(self.cited_by)}


def source_entries(checklist: Checklist) -> list[SourceEntry]:
    """Every source the checklist's files define, in their order, with the targets citing it."""
    targets = checklist.targets + checklist.not_in_force
    cited: dict[str, list[str]] = {}
    for target in targets:
        for c in target.citations:
            cited.setdefault(c.source.id, []).append(target.id)
    framework = {s.id for s in checklist.framework}
    return [
        SourceEntry(s, tuple(cited.get(s.id, ())), checklist.profile if s.id in framework else "")
        for s in checklist.sources.values()
    ]


def not_in_force_item(target) -> str:
    """A target not in force in the year asked: its id, the period it applies to (or its
    sources), and what replaces it."""
    return t(
        "check.not_in_force_item",
        id=target.id,
        period=target.span.text()
        if (target.span.start or target.span.until)
        else t("check.join").join(c.wording() for c in target.citations),
        by=t("check.replaced_by", id=target.replaced_by) if target.replaced_by else "",
    )
