"""Drafting the annual report's content from a year's records: the document model, apart from
its layout.

Every sentence of part 1 and part 3 is built from the year's tallies (``fzlog.tally``) as the
phrasebook (``settings.py``) words them, with the kinds' units, the records named by title where
they mark an occasion, and the change against the previous year where that year has records of the
kind. Parts 2, 4 and 5 come from the year's notes file. What the ledger cannot know is marked
【待补充：…】, never invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Sequence

from fzlog.kinds import Kind, Registry
from fzlog.messages import t
from fzlog.record import Record
from fzlog.messages import MESSAGES
from fzlog.report import figures
from fzlog.report.model import Appendix, Block, Document, Heading, Paragraph, Table, chinese_number
from fzlog.report.notes import Note, Notes
from fzlog.report.settings import OTHER_THEME, Phrase, Settings
from fzlog.tally import KindTally, tally

# The report is an official Chinese document whatever --lang says: the catalog's Chinese labels.
STATUS_LABELS = {key.removeprefix("check.status."): text[0] for key, text in MESSAGES.items()
                 if key.startswith("check.status.")}
CHECK_COLUMNS = ("序号", "指标", "依据", "结果", "佐证记录")
LEDGER_COLUMNS = ("序号", "日期", "类型", "标题", "主要数据", "记录编号")


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under an optional （一） sub-head."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]


class _Draft:
    """One report being drafted: the year's records and how to word them."""

    def __init__(self, records: Sequence[Record], registry: Registry, year: int, *, org: str,
                 settings: Settings, notes: Notes, rounded: bool):
        self.registry = registry
        self.year = year
        self.org = org
        self.settings = settings
        self.notes = notes
        self.rounded = rounded
        self.records = list(records)
        self.current = [r for r in self.records if r.date.year == year]
        self.previous = tally([r for r in self.records if r.date.year == year - 1], registry)
        self.phrases = dict(settings.phrases)
        for kind in registry:  # kinds the phrasebook does not word: their own item under 其他
            self.phrases.setdefault(kind.slug, Phrase(theme=OTHER_THEME, item=kind.label, verb="开展"))

    # words ---------------------------------------------------------------------------------
    def fill(self, template: str) -> str:
        """A template with {year} {next_year} {org} {short_name} filled in (other braces kept)."""
        for key, value in (("{year}", str(self.year)), ("{next_year}", str(self.year + 1)),
                           ("{org}", self.org), ("{short_name}", self.settings.short_name or self.org)):
            template = template.replace(key, value)
        return template

    def placeholder(self, what: str) -> str:
        return self.settings.placeholder.replace("{what}", what)

    def number(self, value: int | float) -> str:
        return figures.number(value, rounded=self.rounded)

    # part 1 and part 3: sentences from tallies ---------------------------------------------------
    def kinds_of(self, theme: str) -> dict[str, list[str]]:
        """The theme's kinds grouped by item lead, in phrasebook order."""
        items: dict[str, list[str]] = {}
        for slug, phrase in self.phrases.items():
            if phrase.theme == theme and slug in self.registry:
                items.setdefault(phrase.item, []).append(slug)
        return items

    def of_kind(self, slug: str) -> list[Record]:
        return [r for r in self.current if r.kind == slug]

    def item_text(self, slugs: list[str], *, compare: bool) -> str:
        """The sentences for kinds sharing an item: "2024年，共组织集中学习12次（…），专题研讨4次。"
        then "2020年至今，…" for kinds reported over several years, then the notable records."""
        clauses, since_sentences = [], []
        for slug in slugs:
            since = self.settings.since.get(slug)
            if since is not None and since < self.year:
                recs = [r for r in self.records if r.kind == slug and since <= r.date.year <= self.year]
                if recs:
                    since_sentences.append(f"{since}年至今，{self.clause(slug, recs, compare=False)}。")
                continue
            recs = self.of_kind(slug)
            if recs:
                clauses.append(self.clause(slug, recs, compare=compare))
        sentences = [f"{self.year}年，" + "，".join(clauses) + "。"] if clauses else []
        sentences += since_sentences
        notable = [r.title for slug in slugs for r in self.of_kind(slug) if self.is_notable(r)]
        if notable:
            sentences.append(self.settings.notable.replace("{titles}", "、".join(notable)))
        return "".join(sentences)

    def is_notable(self, rec: Record) -> bool:
        return bool(rec.fields.get("theme")) or any(tag in self.settings.notable_tags for tag in rec.tags)

    def clause(self, slug: str, recs: list[Record], *, compare: bool) -> str:
        """One kind's figures: "共开展各类法治宣传活动12场/次（较上年增加2场/次），发放宣传资料2030份…"."""
        kind = self.registry.get(slug)
        phrase = self.phrases[slug]
        if phrase.mode == "titles":
            return phrase.verb + "、".join(f"《{r.title.strip('《》')}》" for r in recs)
        kt = tally(recs, self.registry).get(slug)
        prev = self.previous.get(slug) if compare else None
        head = ""
        if phrase.via:
            where = list(dict.fromkeys(str(r.fields[phrase.via]) for r in recs if r.fields.get(phrase.via)))
            head = "通过" + "、".join(where) if where else ""
        text = head + phrase.verb + (phrase.label or kind.label) + self.number(kt.count) + kind.unit
        extras = []
        if phrase.name_titles:
            extras.append("、".join(r.title for r in recs))
        if prev is not None and prev.count:
            extras.append(figures.change(kt.count - prev.count, kind.unit, rounded=self.rounded))
        if extras:
            text += "（" + "，".join(extras) + "）"
        parts = [text, *self.field_clauses(kind, phrase, kt, prev), *self.step_clauses(kind, phrase, kt)]
        return "，".join(parts)

    def field_clauses(self, kind: Kind, phrase: Phrase, kt: KindTally, prev: KindTally | None) -> list[str]:
        out = []
        for name in phrase.fields:
            f = kind.field(name)
            value = kt.fields.get(name, 0)
            if not value:
                continue
            template = phrase.field_text.get(name, "{label}{value}{unit}")
            text = template.replace("{label}", f.label).replace("{value}", self.number(value)) \
                .replace("{unit}", f.unit)
            if prev is not None and prev.count:
                text += "（" + figures.change(value - prev.fields.get(name, 0), f.unit, rounded=self.rounded) + "）"
            out.append(text)
        return out

    def step_clauses(self, kind: Kind, phrase: Phrase, kt: KindTally) -> list[str]:
        """Procedural steps (yes/no fields): "均按规定进行公开征求意见、合法性审查和备案" when every
        record has them, "其中合法性审查2件" when some do, nothing when none do."""
        out: list[str] = []
        together: list[str] = []
        slot = None
        for name in phrase.steps:
            n = kt.fields.get(name, 0)
            label = kind.field(name).label
            custom = phrase.step_text.get(name, {})
            if n and n == kt.count:
                if "all" in custom:
                    out.append(custom["one"] if kt.count == 1 and "one" in custom else custom["all"])
                else:
                    if slot is None:
                        slot = len(out)
                        out.append("")
                    together.append(label)
            elif n:
                template = custom.get("some", "其中{label}{n}{unit}")
                out.append(template.replace("{label}", label).replace("{n}", self.number(n))
                           .replace("{unit}", kind.unit))
        if slot is not None:
            out[slot] = phrase.steps_all + join_and(together) + phrase.steps_suffix
        return out

    def tally_sections(self, part: str) -> list[Section]:
        """Part 1 shows a theme when the year has its records; part 3 shows each theme and marks
        the kinds without records 【待补充】."""
        compare = part == "achievements"
        sections = []
        for theme in self.settings.themes_of(part):
            paragraphs: list[Paragraph] = []
            for lead, slugs in self.kinds_of(theme.name).items():
                text = self.item_text(slugs, compare=compare)
                if part == "principal":
                    text += "".join(self.placeholder(self.missing(slug)) for slug in slugs
                                    if not self.of_kind(slug))
                if not text:
                    continue
                if lead:
                    paragraphs.append(Paragraph(text, f"{sum(1 for p in paragraphs if p.number) + 1}.", lead))
                else:
                    paragraphs.append(Paragraph(text))
            if paragraphs:
                sections.append(Section(theme.heading, tuple(paragraphs)))
        return sections

    def missing(self, slug: str) -> str:
        label = self.registry.get(slug).label
        return f"{label}情况，台账中{self.year}年没有{label}记录"

    # the parts -----------------------------------------------------------------------------
    def part_sections(self, part_id: str) -> list[Section]:
        notes = [note_section(n) for n in self.notes.of(part_id)]
        if part_id in ("achievements", "principal"):
            sections = self.tally_sections(part_id) + notes
        else:
            sections = notes
        if not sections:
            where = f"notes/{self.year}.toml"
            if self.notes.path is not None:
                where = f"{self.notes.path.parent.name}/{self.notes.path.name}"
            title = self.fill(self.settings.part_titles[part_id])
            sections = [Section(None, (Paragraph(self.placeholder(f"{title}（可写入 {where} 的 [[{part_id}]]）")),))]
        return sections

    def body(self) -> list[Block]:
        blocks: list[Block] = [Paragraph(self.fill(self.notes.opening or self.settings.opening))]
        for i, part in enumerate(self.settings.parts, 1):
            blocks.append(Heading(1, chinese_number(i) + "、", self.fill(part.title)))
            n = 0
            for part_id in part.content:
                for section in self.part_sections(part_id):
                    if section.heading:
                        n += 1
                        blocks.append(Heading(2, f"（{chinese_number(n)}）", self.fill(section.heading)))
                    blocks.extend(section.paragraphs)
        blocks.append(Paragraph(self.fill(self.notes.closing or self.settings.closing)))
        return blocks

    def warnings(self) -> list[str]:
        shown = self.settings.shown_parts()
        return [t("report.notes_unused", part=part_id, path=self.notes.path)
                for part_id in self.notes.sections if part_id not in shown]

    # appendices ------------------------------------------------------------------------------
    def check_appendix(self, checks: Sequence[Any] | None) -> Appendix:
        title = f"{self.year}年法治政府建设指标核对表"
        if checks is None:
            return Appendix(1, title, (Paragraph(self.placeholder("指标核对")),))
        rows = tuple((str(i), r.target.title, source_text(r.target), result_text(r), evidence_text(r))
                     for i, r in enumerate(checks, 1))
        return Appendix(1, title, (Table(CHECK_COLUMNS, rows, (12, 35, 41, 30, 38)),))

    def ledger_appendix(self) -> Appendix:
        title = f"{self.year}年法治政府建设工作台账"
        if not self.current:
            return Appendix(2, title, (Paragraph(f"台账中没有{self.year}年的记录。"),))
        rows = []
        for i, r in enumerate(self.current, 1):
            kind = self.registry.get(r.kind)
            rows.append((str(i), r.date.isoformat(), kind.label, r.title, record_figures(r, kind) or "—", r.id))
        return Appendix(2, title, (Table(LEDGER_COLUMNS, tuple(rows), (12, 22, 20, 42, 32, 28)),))


def note_section(note: Note) -> Section:
    return Section(note.title or None, tuple(Paragraph(p) for p in note.text))


def join_and(labels: list[str]) -> str:
    """A、B和C."""
    if len(labels) <= 1:
        return "".join(labels)
    return "、".join(labels[:-1]) + "和" + labels[-1]


def source_text(target: Any) -> str:
    from fzlog.report.checks import source_wording  # the sources' wording belongs to the check feature

    return source_wording(target)


def result_text(result: Any) -> str:
    local = result.status == "unmet" and getattr(result.target, "local", False)
    text = STATUS_LABELS.get("unmet-local" if local else result.status, result.status)
    detail = "；".join(x for x in (f"要求{result.required}" if result.required else "",
                                   f"实际{result.actual}" if result.actual else "") if x)
    return text + (f"（{detail}）" if detail else "")


def evidence_text(result: Any) -> str:
    text = "、".join(result.evidence) or "—"
    if result.missing_evidence:
        text += "（记录未附佐证材料）"
    return text


def record_figures(rec: Record, kind: Kind) -> str:
    """A record's own figures for the 台账: "发放宣传资料300份；接受群众咨询45人/次；主要负责人主持"."""
    parts, done = [], []
    for f in kind.fields:
        value = rec.fields.get(f.name)
        if value is None or value == "":
            continue
        if f.type == "bool":
            if value:
                done.append(f.label)
        elif f.numeric and (value or not f.sum):
            parts.append(f"{f.label}{figures.number(value)}{f.unit}")
        elif f.type == "date":
            parts.append(f"{f.label}{value.isoformat()}")
    if done:
        parts.append("、".join(done))
    return "；".join(parts)


def build_report(records: Sequence[Record], registry: Registry, year: int, *, org: str, date: dt.date,
                 settings: Settings, notes: Notes | None = None, checks: Sequence[Any] | None = None,
                 rounded: bool = False) -> Document:
    """The report for ``year`` from ``records`` (the year's, the previous year's for 同比, and
    those of the years ``settings.since`` reaches back to). ``checks`` is the list of target
    results of ``fzlog.targets.check_year`` (None: the appendix is marked 【待补充】)."""
    d = _Draft(records, registry, year, org=org, settings=settings, notes=notes or Notes(), rounded=rounded)
    return Document(
        title=f"{org}{year}年法治政府建设工作报告",
        body=tuple(d.body()),
        signature=org,
        date=date,
        appendices=(d.check_appendix(checks), d.ledger_appendix()),
        warnings=tuple(d.warnings()),
    )
