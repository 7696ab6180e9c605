"""The report as Markdown, for git and review: headings for 一、 and （一）, paragraphs as
written (a third-level item "1. 加强理论学习：…" reads as a numbered list), appendix tables as
pipe tables."""

from __future__ import annotations

import re

from fzlog.report.model import Block, Document, Heading, Paragraph, Table

# A plain paragraph that happens to start like Markdown syntax (a heading, a quote, a bullet).
_SPECIAL_START = re.compile(r"^(\s*)([#>|]|[-+*]\s)")


def render(doc: Document) -> str:
    out: list[str] = [f"# {doc.title}"]
    out += [_block(b) for b in doc.body]
    if doc.appendices:
        lines = [f"{i}. {a.title}" for i, a in enumerate(doc.appendices, 1)]
        out.append("附件：" + "\\\n　　　".join(lines))
    out += [doc.signature, doc.date_text]
    for a in doc.appendices:
        out.append("---")
        out.append(f"## {a.label}　{a.title}")
        out += [_block(b) for b in a.blocks]
    return "\n\n".join(out) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + block.full_text
    if isinstance(block, Paragraph):
        if block.number:
            return block.full_text
        return _SPECIAL_START.sub(lambda m: m[1] + "\\" + m[2], block.text, count=1)
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(block)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _table(table: Table) -> str:
    rows = ["| " + " | ".join(_cell(c) for c in table.columns) + " |",
            "|" + "|".join("---" for _ in table.columns) + "|"]
    rows += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(rows)
