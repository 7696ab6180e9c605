"""Figures in words, as the report and every front end write them: a kind's totals
(集中学习 12次；参加人数 180人) and one record's own figures. Shared by the CLI and the web
workbench so both say the same thing."""

from __future__ import annotations

from fzlog import values
from fzlog.messages import join, quantity, t


def figure_text(kt, *, with_count: bool = False) -> str:
    """A kind's figures as the report reads them, each by its field's rule: 发放宣传资料 2000余份；
    学法主体：中心组 3次、常务会 4次；合格率 100%."""
    kind = kt.kind
    bounds = kt.at_least
    parts = []
    if with_count:
        parts.append(values.figure_text(kt.count, kind.display_unit(), bounds.get("count")))
    groups = kt.groups
    for f in kind.fields:
        if f.aggregate == "group":
            if f.name in groups:
                shares = "、".join(f"{key} {quantity(n, kind.display_unit())}" for key, n in groups[f.name].items())
                parts.append(t("summary.group", label=f.display_label(), shares=shares))
            continue
        if f.name not in kt.fields:
            continue
        value = kt.fields[f.name]
        if f.type == "bool":
            if value:
                # in the kind's unit: 其中主要负责人主持 173次 (a count of records, as the count is)
                parts.append(t("summary.flag_true", label=f.display_label(), n=quantity(value, kind.display_unit())))
        elif f.numeric or f.aggregate == "distinct":
            if value or f.aggregate not in ("sum", "distinct"):
                unit = f.show_unit or f.display_unit()
                shown = values.scaled(value, f.scale)
                if f.aggregate == "mean" and isinstance(shown, float):  # 人均学时 4.86, not 4.86364
                    shown = round(shown, 2)
                parts.append(f"{f.display_label()} {values.figure_text(shown, unit, bounds.get(f.name))}")
        elif value not in (None, ""):
            parts.append(f"{f.display_label()} {values.display(value)}")
    for r in kt.ratios.values():
        if r["percent"] is not None:
            parts.append(f"{r['label']} {values.display(r['percent'])}%")
    return join(parts)


def key_figures(rec, registry) -> str:
    """The record's own figures in a line, as a table cell reads them."""
    from fzlog.kinds import AT_LEAST
    from fzlog.tally import bounds_of

    kind = registry.get(rec.kind)
    bounds = bounds_of(rec)
    parts = []
    for name, value in rec.fields.items():
        if name == AT_LEAST:  # written into the figure it bounds: 2000余份, 超60学时
            continue
        f = kind.field(name) if kind else None
        label = f.display_label() if f else name
        if f is not None and f.type == "bool":
            parts.append(label + ("✓" if value else "✗"))
        elif f is not None and f.numeric:  # in its shown unit (2.2万元), with its lower bound
            shown = values.scaled(value, f.scale)
            parts.append(f"{label} {values.figure_text(shown, f.show_unit or f.display_unit(), bounds.get(name))}")
        else:
            parts.append(f"{label} {quantity(values.display(value), f.display_unit() if f else '')}")
    return join(parts)
