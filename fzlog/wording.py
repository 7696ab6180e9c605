"""Figures in words, as the report and every front end write them: a kind's totals
(集中学习 12次；参加人数 180人) and one record's own figures. Shared by the CLI and the web
workbench so both say the same thing."""

from __future__ import annotations

from fzlog import values
from fzlog.messages import join, quantity, t


def figure_text(kt, *, with_count: bool = False) -> str:
    """A kind's field totals as the report reads them: 发放宣传资料 2030 份；接受群众咨询 312 人/次."""
    parts = []
    if with_count:
        parts.append(quantity(kt.count, kt.kind.display_unit()))
    for f in kt.kind.fields:
        if f.name not in kt.fields:
            continue
        value = kt.fields[f.name]
        if f.type == "bool":
            if value:
                parts.append(t("summary.flag_true", label=f.display_label(), n=value))
        elif value:
            parts.append(f"{f.display_label()} {quantity(values.display(value), f.display_unit())}")
    return join(parts)


def key_figures(rec, registry) -> str:
    """The record's own figures in a line, as a table cell reads them."""
    kind = registry.get(rec.kind)
    parts = []
    for name, value in rec.fields.items():
        f = kind.field(name) if kind else None
        label = f.display_label() if f else name
        if f is not None and f.type == "bool":
            parts.append(label + ("✓" if value else "✗"))
        else:
            parts.append(f"{label} {quantity(values.display(value), f.display_unit() if f else '')}")
    return join(parts)
