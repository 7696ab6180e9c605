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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fzlog.kinds import Kind, Registry
from fzlog.messages import MESSAGES, t
from fzlog.record import Record
from fzlog.report import figures, sentences
from fzlog.report.model import Appendix, Block, Document, Heading, Paragraph, Table, chinese_number
from fzlog.report.notes import Note, Notes
from fzlog.report.settings import OTHER_THEME, Group, Phrase, Settings
from fzlog.tally import tally

# How many distinct notable records' titles "其中，重点开展了…等活动" names.
MAX_NOTABLE = 10

# The report is an official Chinese document whatever --lang says: the catalog's Chinese labels.
STATUS_LABELS = {
    key.removeprefix("check.status."): text[0] for key, text in MESSAGES.items() if key.startswith("check.status.")
}
CHECK_COLUMNS = ("序号", "指标", "依据", "结果", "佐证记录")
LEDGER_COLUMNS = ("序号", "日期", "类型", "标题", "主要数据", "记录编号")


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under an optional （一） sub-head."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]


class _Draft:
    """One report being drafted: the year's records and how to word them."""

    def __init__(
        self,
        records: Sequence[Record],
        registry: Registry,
        year: int,
        *,
        org: str,
        settings: Settings,
        notes: Notes,
        rounded: bool,
    ):
        self.registry = registry
        self.year = year
        self.org = org
        self.settings = settings
        self.notes = notes
        self.rounded = rounded
        self.records = list(records)
        self.current = [r for r in self.records if r.date.year == year]
        self.by_kind: dict[str, list[Record]] = {}
        for r in self.current:
            self.by_kind.setdefault(r.kind, []).append(r)
        self.previous = tally([r for r in self.records if r.date.year == year - 1], registry)
        self.year_tally = tally(self.current, registry)
        self.themes = {th.name: th for th in settings.themes}
        self.phrases = {
            slug: settings.phrases.get(slug, Phrase()) for slug in [*settings.phrases, *(k.slug for k in registry)]
        }
        self.group_of = {slug: g for g in settings.groups for slug in g.kinds}

    # words ---------------------------------------------------------------------------------
    def fill(self, template: str) -> str:
        """A template with {year} {next_year} {org} {short_name} filled in (other braces kept)."""
        for key, value in (
            ("{year}", str(self.year)),
            ("{next_year}", str(self.year + 1)),
            ("{org}", self.org),
            ("{short_name}", self.settings.short_name or self.org),
        ):
            template = template.replace(key, value)
        return template

    def placeholder(self, what: str) -> str:
        return self.settings.placeholder.replace("{what}", what)

    def number(self, value: int | float) -> str:
        return figures.number(value, rounded=self.rounded)

    def kind(self, slug: str) -> Kind:
        """The registry's kind of that slug: every slug drafted is one (the settings and the records
        were checked against the registry when read)."""
        return self.registry.kinds[slug]

    # where each kind goes --------------------------------------------------------------------
    def placement(self, slug: str) -> tuple[str, str, str]:
        """The part, theme (a name of ``settings.themes``, or "" for none) and item lead of a
        kind's sentence: the ledger's [report.kinds] over data/report.toml over kinds.toml."""
        kind = self.kind(slug)
        phrase = self.phrases[slug]
        group = self.group_of.get(slug)
        theme = (group.theme if group else "") or phrase.theme or kind.theme
        if theme not in self.themes:
            theme = ""
        part = (
            (group.part if group else "")
            or phrase.part
            or kind.part
            or (self.themes[theme].part if theme else "achievements")
        )
        if theme and self.themes[theme].part != part:
            theme = ""
        if not theme:
            theme = next(
                (th.name for th in reversed(self.settings.themes_of(part)) if th.name in (OTHER_THEME, "其他职责")), ""
            )
        item = (group.item if group else "") or phrase.item
        return part, theme, item

    def kinds_of(self, part: str, theme: str) -> dict[str, list[str]]:
        """The theme's kinds (or a group's first kind) grouped by item lead, in phrasebook order."""
        items: dict[str, list[str]] = {}
        for slug in self.phrases:
            group = self.group_of.get(slug)
            if group is not None and slug != group.kinds[0]:
                continue
            if self.placement(slug)[:2] == (part, theme):
                items.setdefault(self.placement(slug)[2], []).append(slug)
        return items

    def of_kind(self, slug: str) -> list[Record]:
        return self.by_kind.get(slug, [])

    def item_text(self, slugs: list[str], *, compare: bool) -> str:
        """The sentences for the kinds sharing an item: "2024年，全年组织集中学法12次（较上年增加3次）…"
        then "2020年至今，…" for kinds reported over several years, then the notable records."""
        sentences, since_sentences = [], []
        for slug in slugs:
            group = self.group_of.get(slug)
            if group is not None:
                sentences.append(self.group_sentence(group, compare=compare))
                continue
            since = self.settings.since.get(slug)
            if since is not None and since < self.year:
                recs = [r for r in self.records if r.kind == slug and since <= r.date.year <= self.year]
                if recs:
                    since_sentences.append(f"{since}年至今，" + self.sentence(slug, recs, compare=False))
                continue
            sentences.append(self.sentence(slug, self.of_kind(slug), compare=compare))
        sentences = [x for x in sentences if x]
        if sentences and not sentences[0].startswith(("全年", str(self.year), "20")):
            sentences[0] = f"{self.year}年，" + sentences[0]
        sentences += since_sentences
        # at most MAX_NOTABLE distinct titles: a year of a thousand themed activities is one
        # sentence, not twenty pages
        notable = list(
            dict.fromkeys(
                r.title.strip() for slug in slugs for r in self.of_kind(slug) if self.is_notable(r) and r.title.strip()
            )
        )[:MAX_NOTABLE]
        if notable:
            sentences.append(self.settings.notable.replace("{titles}", "、".join(notable)))
        return "".join(sentences)

    def is_notable(self, rec: Record) -> bool:
        return bool(rec.fields.get("theme")) or any(tag in self.settings.notable_tags for tag in rec.tags)

    def words(self, recs: list[Record], kind: Kind) -> sentences.Words:
        def text_values(name: str) -> str:
            return "、".join(dict.fromkeys(str(r.fields[name]).strip() for r in recs if r.fields.get(name)))

        return sentences.Words(self.number, lambda: self.titles(recs, kind), text_values)

    def titles(self, recs: list[Record], kind: Kind) -> str:
        """Up to five records' titles, 《》 around those that name a document: 《学法计划》《普法
        计划》; 普法建档考试、执法实务培训 for activities; 等 when there are more."""
        names = list(dict.fromkeys(r.title.strip() for r in recs if r.title.strip()))
        shown = [self.title(n) for n in names[: sentences.MAX_TITLES]]
        joiner = "" if all(x.startswith("《") for x in shown) else "、"
        return joiner.join(shown)

    def title(self, name: str) -> str:
        bare = name.strip("《》")
        if name.startswith("《") or bare.endswith(self.settings.document_words):
            return f"《{bare}》"
        return name

    def template(self, slug: str) -> str:
        phrase = self.phrases[slug]
        kind = self.kind(slug)
        return phrase.sentence or kind.sentence or sentences.default_template(kind)

    def sentence(self, slug: str, recs: list[Record], *, compare: bool) -> str:
        """One kind's sentence: its template filled from the records' tally, then every figure the
        template does not place, in standard clauses; the zero sentence when there are none."""
        kind = self.kind(slug)
        phrase = self.phrases[slug]
        if slug == "other":
            return self.activities(recs)
        if not recs:
            if not self.current or not (kind.zero_reported and self.registry.covered(slug)):
                return ""  # a year with no records at all says nothing of zeros
            zero = phrase.sentence_zero or kind.sentence_zero
            if zero:
                return zero
            return f"全年无{kind.label}。"
        kt = tally(recs, self.registry, kinds=[slug]).kinds[slug]  # a named kind is always there
        prev = self.previous.get(slug) if compare else None

        def after(unit: str) -> str:
            if prev is None or not prev.count:
                return ""
            return "（" + figures.change(kt.count - prev.count, unit, rounded=self.rounded) + "）"

        words = self.words(recs, kind)
        done = sentences.render(self.template(slug), kt, words, after_count=after)
        count_text = f"{kind.label}{self.number(kt.count)}{kind.unit}{after(kind.unit)}"
        extra = sentences.extra_clauses(kt, done.used, words, internal=phrase.internal, count_text=count_text)
        text = done.text
        if extra:
            body = text.rstrip("。；，")
            text = (body + "，" if body else "") + "，".join(extra) + "。"
        elif text and text[-1] not in "。；":
            text += "。"
        return text

    def activities(self, recs: list[Record]) -> str:
        """Records of no kind of their own, by title as the work done: "开展了普法建档考试、…等
        工作。" (《》 only around a document's name)."""
        if not recs:
            return ""
        counts: dict[str, int] = {}
        for r in recs:
            if r.title.strip():
                counts[r.title.strip()] = counts.get(r.title.strip(), 0) + r.fields.get("count", 1)
        unit = self.kind("other").unit
        names = [self.title(n) + (f"（{self.number(c)}{unit}）" if c > 1 else "") for n, c in counts.items()]
        return "开展了" + "、".join(names) + ("等工作。" if len(names) > 1 else "工作。")

    def group_sentence(self, group: Group, *, compare: bool) -> str:
        """A group's sentence ("开展法治学习和工作部署共计{count}次", its kinds' counts added),
        then each kind's own."""
        total = sum(len(self.of_kind(s)) and self.year_tally.count(s) for s in group.kinds)
        own = "".join(self.sentence(s, self.of_kind(s), compare=compare) for s in group.kinds)
        if not total:
            return own
        head = sentences.BRACES.sub(lambda m: self.number(total), group.sentence).rstrip("。；，")
        return head + "。" + own

    def tally_sections(self, part: str) -> list[Section]:
        """Part 1 shows a theme when the year has its records; part 3 also names the kinds of its
        phrasebook without records 【待补充】."""
        compare = part == "achievements"
        sections = []
        for theme in [*self.settings.themes_of(part), None]:
            name = theme.name if theme else ""
            paragraphs: list[Paragraph] = []
            for lead, slugs in self.kinds_of(part, name).items():
                text = self.item_text(slugs, compare=compare)
                if part == "principal":
                    text += "".join(
                        self.placeholder(self.missing(slug))
                        for slug in slugs
                        if not self.of_kind(slug)
                        and slug in self.settings.phrases
                        and slug not in self.settings.since
                        and self.registry.covered(slug)
                    )
                if not text:
                    continue
                if lead:
                    paragraphs.append(Paragraph(text, f"{sum(1 for p in paragraphs if p.number) + 1}.", lead))
                else:
                    paragraphs.append(Paragraph(text))
            if paragraphs:
                sections.append(Section(theme.heading if theme else None, tuple(paragraphs)))
        return sections

    def missing(self, slug: str) -> str:
        label = self.kind(slug).label
        return f"{label}情况，台账中{self.year}年没有{label}记录"

    # the parts -----------------------------------------------------------------------------
    def part_sections(self, part_id: str) -> list[Section]:
        notes = [note_section(n) for n in self.notes.of(part_id)]
        sections = self.tally_sections(part_id) + notes
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
        return [
            t("report.notes_unused", part=part_id, path=self.notes.path)
            for part_id in self.notes.sections
            if part_id not in shown
        ]

    # appendices ------------------------------------------------------------------------------
    def check_appendix(self, checks: Sequence[Any] | None) -> Appendix:
        title = f"{self.year}年法治政府建设指标核对表"
        if checks is None:
            return Appendix(1, title, (Paragraph(self.placeholder("指标核对")),))
        rows = tuple(
            (str(i), r.target.title, source_text(r.target), result_text(r), evidence_text(r))
            for i, r in enumerate(checks, 1)
        )
        return Appendix(1, title, (Table(CHECK_COLUMNS, rows, (12, 35, 41, 30, 38)),))

    def ledger_appendix(self) -> Appendix:
        title = f"{self.year}年法治政府建设工作台账"
        if not self.current:
            return Appendix(2, title, (Paragraph(f"台账中没有{self.year}年的记录。"),))
        if len(self.current) > self.settings.ledger_rows:
            return Appendix(
                2,
                title,
                (
                    Paragraph(
                        f"{self.year}年台账共有记录{len(self.current)}条，逐条列出篇幅过长，未附在本报告中。"
                        f"台账明细可用 fzlog export {self.year} -o {self.year}年法治政府建设工作台账.xlsx 导出为"
                        "Excel 表格（每类一张表、带合计），随报告报送。"
                    ),
                ),
            )
        rows = []
        for i, r in enumerate(self.current, 1):
            kind = self.kind(r.kind)
            rows.append((str(i), r.date.isoformat(), kind.label, r.title, record_figures(r, kind) or "—", r.id))
        return Appendix(2, title, (Table(LEDGER_COLUMNS, tuple(rows), (12, 22, 20, 42, 32, 28)),))


def note_section(note: Note) -> Section:
    return Section(note.title or None, tuple(Paragraph(p) for p in note.text))


def source_text(target: Any) -> str:
    from fzlog.report.checks import source_wording  # the sources' wording belongs to the check feature

    return source_wording(target)


def result_text(result: Any) -> str:
    local = result.status == "unmet" and getattr(result.target, "local", False)
    text = STATUS_LABELS.get("unmet-local" if local else result.status, result.status)
    detail = "；".join(
        x
        for x in (f"要求{result.required}" if result.required else "", f"实际{result.actual}" if result.actual else "")
        if x
    )
    return text + (f"（{detail}）" if detail else "")


#: How many record ids a target's row of appendix 1 names before 等N条 (the full list: appendix 2).
EVIDENCE_SHOWN = 3


def evidence_text(result: Any) -> str:
    """At most three ids and 等N条: a target with a year's thousand records keeps a short row."""
    ids = list(result.evidence)
    text = "、".join(ids[:EVIDENCE_SHOWN]) + (f"等{len(ids)}条" if len(ids) > EVIDENCE_SHOWN else "") or "—"
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


def build_report(
    records: Sequence[Record],
    registry: Registry,
    year: int,
    *,
    org: str,
    date: dt.date,
    settings: Settings,
    notes: Notes | None = None,
    checks: Sequence[Any] | None = None,
    rounded: bool = False,
) -> Document:
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
