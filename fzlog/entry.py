"""A record from what a person typed into a form: every field's text checked with the value
grammar of ``fzlog add``, each problem kept against the field it belongs to (a form shows it next
to that field; the command line stops at the first)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from fzlog import limits, values
from fzlog.errors import ValueProblem
from fzlog.kinds import Kind
from fzlog.messages import t
from fzlog.record import Record

_SEPARATORS = re.compile(r"[\n,，、;；]")


@dataclass
class Entry:
    """What a form gave: texts by field name (``title``, ``date``, ``place``, ``note``,
    ``tags``, ``evidence`` and the kind's own field names)."""

    kind: Kind
    texts: Mapping[str, str]
    record: Record | None = None
    errors: dict[str, str] = field(default_factory=dict)


def split_list(text: str, *, lines_only: bool = False) -> tuple[str, ...]:
    """Tags typed in one box: one per line, or separated by 、，, ; ；. Evidence notes
    (``lines_only``) are one per line: a note may well hold a comma."""
    parts = (text or "").splitlines() if lines_only else _SEPARATORS.split(text or "")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def build(
    kind: Kind, texts: Mapping[str, str], *, today: dt.date | None = None, path=None, record_id: str = ""
) -> Entry:
    """Check ``texts`` for a record of ``kind``; ``entry.record`` is set when nothing is wrong.
    Empty field boxes are left out (as an ``add`` without that ``--set``)."""
    entry = Entry(kind, texts)
    title = (texts.get("title") or "").strip()
    if not title:
        entry.errors["title"] = t("value.empty_title")
    date_text = (texts.get("date") or "").strip()
    date = today or dt.date.today()  # no date given: today, as `add` without --date
    try:
        if date_text:
            date = values.parse_date(date_text, today=today, field="date")
        elif record_id:  # (an edit with the date box emptied would move the record to today)
            entry.errors["date"] = t("entry.date_needed")
    except ValueProblem as exc:
        entry.errors["date"] = exc.message
    fields: dict = {}
    for f in kind.fields:
        raw = texts.get(f.name, "")
        if not raw.strip():
            continue
        try:
            fields[f.name] = values.coerce(f, raw, today=today)
        except ValueProblem as exc:
            entry.errors[f.name] = exc.message
    if entry.errors:
        return entry
    refs = split_list(texts.get("evidence", ""), lines_only=True)
    record = Record(
        kind=kind.slug,
        date=date,
        title=title,
        place=(texts.get("place") or "").strip(),
        tags=split_list(texts.get("tags", "")),
        note=(texts.get("note") or "").strip(),
        evidence=refs,
        fields=fields,
        path=path,
        id=record_id,
    )
    for name, message in limits.record_problems(record, kind):  # what add would refuse to write
        entry.errors.setdefault(name.partition("[")[0], message)
    if not entry.errors:
        entry.record = record
    return entry


def texts_of(record: Record, kind: Kind) -> dict[str, str]:
    """A record as the texts of its form (for editing)."""
    out = {
        "title": record.title,
        "date": record.date.isoformat(),
        "place": record.place,
        "note": record.note,
        "tags": "、".join(record.tags),
        "evidence": "\n".join(record.evidence),
    }
    for f in kind.fields:
        value = record.fields.get(f.name)
        if value is None:
            continue
        if f.type == "bool":
            out[f.name] = "true" if value else "false"
        elif f.type == "list":
            out[f.name] = "、".join(map(str, value))
        elif isinstance(value, dt.date):
            out[f.name] = value.isoformat()
        else:
            out[f.name] = values.display(value)
    return out
