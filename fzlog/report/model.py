"""The report as a document model: what it says, apart from how it is laid out.

Renderers (``markdown.py``, ``docx.py``) turn a :class:`Document` into a file; nothing here knows
about either format. Numbers of headings (一、 （一） 1.) are content and are set by the builder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

# The visible mark of what the ledger cannot know (see data/report.toml `placeholder`).
PLACEHOLDER = re.compile(r"【待补充[^】]*】")


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 (黑体)  2: （一） (楷体)
    number: str
    text: str

    @property
    def full_text(self) -> str:
        return self.number + self.text


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: str = ""  # "1." for a third-level item
    lead: str = ""  # the item's lead words: "1. 加强理论学习：…"

    @property
    def full_text(self) -> str:
        if not self.number:
            return self.text
        lead = f"{self.lead}：" if self.lead else ""
        return f"{self.number} {lead}{self.text}"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths, for layouts that need them


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Appendix:
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def label(self) -> str:
        return f"附件{self.number}"


@dataclass(frozen=True)
class Document:
    title: str
    body: tuple[Block, ...]  # opening, parts, closing
    signature: str  # 发文机关署名
    date: dt.date  # 成文日期
    appendices: tuple[Appendix, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def date_text(self) -> str:
        return date_text(self.date)


def date_text(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros (2025年2月28日)."""
    return f"{day.year}年{day.month}月{day.day}日"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def to_dict(doc: Document) -> dict:
    """The document as plain data (``fzlog report --format json``): blocks carry a ``type``."""

    def block(b: Block) -> dict:
        d = {"type": type(b).__name__.lower(), **asdict(b)}
        if isinstance(b, Table):
            d["columns"], d["rows"] = list(b.columns), [list(r) for r in b.rows]
        return d

    return {
        "title": doc.title,
        "body": [block(b) for b in doc.body],
        "signature": doc.signature,
        "date": doc.date.isoformat(),
        "appendices": [
            {"number": a.number, "title": a.title, "blocks": [block(b) for b in a.blocks]} for a in doc.appendices
        ],
        "warnings": list(doc.warnings),
    }
