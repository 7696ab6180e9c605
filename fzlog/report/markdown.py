"""The report as Markdown, for git and review: headings for 一、 and （一）, paragraphs as
written (a third-level item "1. 加强理论学习：…" reads as a numbered list), appendix tables as
pipe tables."""

from __future__ import annotations

from fzlog.outtext import escape_md
from fzlog.report.model import Block, Document, Heading, Paragraph, Table


def render(doc: Document) -> str:
    out: list[str] = [f"# {escape_md(doc.title)}"]
    out += [_block(b) for b in doc.body]
    if doc.appendices:
        lines = [f"{i}. {escape_md(a.title)}" for i, a in enumerate(doc.appendices, 1)]
        out.append("附件：" + "\\\n　　　".join(lines))
    out += [escape_md(doc.signature), escape_md(doc.date_text)]
    for a in doc.appendices:
        out.append("---")
        out.append(f"## {escape_md(a.label)}　{escape_md(a.title)}")
        out += [_block(b) for b in a.blocks]
    return "\n\n".join(out) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + block.number + escape_md(block.text)
    if isinstance(block, Paragraph):  # (text from records is escaped: no heading, list or HTML from a title)
        if block.number:
            lead = f"{block.lead}：" if block.lead else ""
            return f"{block.number} {escape_md(lead + block.text)}"
        return escape_md(block.text)
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(block)


def _cell(text: str) -> str:
    return "<br>".join(escape_md(line) for line in text.split("\n"))


def _table(table: Table) -> str:
    rows = [
        "| " + " | ".join(_cell(c) for c in table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    rows += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(rows)
