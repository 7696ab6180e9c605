"""Showing one record (``fzlog show``, and ``rm``/``edit`` before they ask)."""

from __future__ import annotations

from fzlog.cli import render
from fzlog.cli.base import ledger_path
from fzlog.messages import quantity, t


def show_record(lg, rec) -> None:
    """One record as a two-column table (show, and rm before it asks)."""
    from fzlog import values

    kind = lg.registry.get(rec.kind)
    rows = [
        (t("label.id"), rec.id),
        (t("label.kind"), f"{kind.display_label()}（{kind.slug}）"),
        (t("label.date"), rec.date.isoformat()),
        (t("label.title"), rec.title),
    ]
    if rec.place:
        rows.append((t("label.place"), rec.place))
    if rec.tags:
        rows.append((t("label.tags"), "、".join(rec.tags)))
    if rec.note:
        rows.append((t("label.note"), rec.note))
    from fzlog.tally import bounds_of

    bounds = bounds_of(rec)  # 2000余份: at_least is shown with its figures, not as a row
    for name, value in rec.fields.items():
        f = kind.field(name)
        if f is not None and f.name == "at_least":
            continue
        if f is not None and f.numeric:
            text = values.figure_text(values.scaled(value, f.scale), f.show_unit or f.display_unit(), bounds.get(name))
        else:
            text = quantity(values.display(value), f.display_unit() if f else "")
        rows.append((f.display_label() if f else name, text))
    rows.append((t("label.evidence"), _evidence_lines(lg, rec) or "—"))
    rows.append((t("label.path"), ledger_path(rec.path, lg.root)))
    render.table(None, ["", ""], rows)


def _evidence_lines(lg, rec) -> str:
    """Each evidence entry with its file's size, or that the file is missing."""
    from fzlog.store import evidence

    lines = []
    for e in evidence.entries(lg, rec):
        if not e.is_file:
            lines.append(f"{e.ref}（{t('evidence.note')}）")
        elif not e.inside:
            lines.append(f"{e.ref}（{t('evidence.outside_ref')}）")
        elif e.exists and e.size is not None:  # (an existing file's size is known)
            lines.append(f"{e.ref}（{_size(e.size)}）")
        else:
            lines.append(f"{e.ref}（{t('evidence.missing')}）")
    return "\n".join(lines)


def _size(n: float) -> str:
    for unit in ("B", "KB"):
        if n < 1024:
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} MB"
