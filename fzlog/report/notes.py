"""The year's notes file, ``<ledger>/notes/<YYYY>.toml``: the report's words that no record can
hold — the shortcomings and their causes (part 2), next year's plans (part 4), anything else to
report (part 5) — and, optionally, extra text for parts 1 and 3 and the opening and closing::

    opening = "…"                 # optional: replaces the opening paragraph
    closing = "…"                 # optional: replaces the closing paragraph

    [[shortcomings]]              # 二、存在的不足和原因 — one table per point
    title = "法治意识有待进一步提高"  # optional: becomes a （一） sub-head
    text = "部分干部职工……"         # required: one paragraph per line

    [[plans]]                     # 四、下一年度的主要安排
    [[other]]                     # 五、其他需要报告的情况
    [[achievements]]              # appended to 一 after the ledger's figures
    [[principal]]                 # appended to 三
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fzlog import schema
from fzlog.config import read_toml
from fzlog.errors import FzlogError
from fzlog.messages import t
from fzlog.report.settings import PART_IDS


@dataclass(frozen=True)
class Note:
    text: tuple[str, ...]  # paragraphs
    title: str = ""


@dataclass(frozen=True)
class Notes:
    sections: Mapping[str, tuple[Note, ...]] = field(default_factory=dict)
    opening: str = ""
    closing: str = ""
    path: Path | None = None

    def of(self, part: str) -> tuple[Note, ...]:
        return self.sections.get(part, ())


def load(path: Path) -> Notes:
    """Read a notes file; a missing file is no notes. Mistakes name the file and line."""
    if not path.is_file():
        return Notes(path=path)
    data = read_toml(path)
    bad = schema.first_problem(data, {})  # (control characters, over-long text: fzlog.limits)
    if bad is not None:
        top = bad[0].split(".", 1)[0].split("[", 1)[0]
        raise FzlogError(bad[1], path=path, line=_line(path, top))
    known = ("opening", "closing", *PART_IDS)
    for key in data:
        if key not in known:
            raise FzlogError(t("report.notes_key", name=key, known="、".join(known)), path=path, line=_line(path, key))
    for key in ("opening", "closing"):
        if not isinstance(data.get(key, ""), str):
            raise FzlogError(t("report.notes_text", name=key), path=path, line=_line(path, key))
    sections = {}
    for part in PART_IDS:
        items = data.get(part, [])
        if not isinstance(items, list):
            raise FzlogError(t("report.notes_array", name=part), path=path, line=_line(path, part))
        sections[part] = tuple(_note(path, part, i, item) for i, item in enumerate(items))
    return Notes(
        sections={k: v for k, v in sections.items() if v},
        opening=data.get("opening", "").strip(),
        closing=data.get("closing", "").strip(),
        path=path,
    )


def _note(path: Path, part: str, index: int, item: Any) -> Note:
    ok = (
        isinstance(item, Mapping)
        and isinstance(item.get("text"), str)
        and item["text"].strip()
        and isinstance(item.get("title", ""), str)
        and set(item) <= {"text", "title"}
    )
    if not ok:
        raise FzlogError(t("report.notes_item", name=part), path=path, line=_line(path, part, index))
    paragraphs = tuple(p.strip() for p in item["text"].splitlines() if p.strip())
    return Note(text=paragraphs, title=item.get("title", "").strip())


def _line(path: Path, key: str, index: int = 0) -> int | None:
    """The line of the ``index``-th ``[[key]]`` header, or of ``key = …``, for error messages."""
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    header = re.compile(rf'^\s*\[\[\s*"?{re.escape(key)}"?\s*\]\]')
    assign = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    seen = 0
    for number, line in enumerate(lines, 1):
        if header.match(line):
            if seen == index:
                return number
            seen += 1
        elif assign.match(line):
            return number
    return None
