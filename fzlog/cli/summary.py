"""fzlog summary: the year's figures."""

from __future__ import annotations

import click

from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.cli.options import filter_options, output_options, period_argument
from fzlog.cli.problems import warn_skipped
from fzlog.errors import UsageError
from fzlog.messages import quantity, t
from fzlog.wording import figure_text  # noqa: F401  (also the web's)


def _signed(n) -> str:
    from fzlog import values

    return ("+" if n > 0 else "") + values.display(n) if n else "0"


@command()
@period_argument
@filter_options
@click.option(
    "--by",
    type=click.Choice(["month", "quarter", "tag"]),
    default=None,
    help="分组：month 按月、quarter 按季度、tag 按标签。",
)
@click.option(
    "--compare",
    "compare_text",
    metavar="PERIOD",
    help="与另一期间对比（同比），如 --compare 2023；写 prev 表示上一年同期。",
)
@output_options
@click.pass_obj
def summary(state, period, kinds, tags, grep, by, compare_text, fmt):
    """汇总一个期间的工作数字：每类活动的数量（带单位）、数值字段合计、程序性环节完成数。

    这就是年度报告需要的数字，例如“全年组织集中学习12次，专题研讨4次”。PERIOD 默认今年。

    \b
    示例：
      fzlog summary 2024
      fzlog summary 2024 --compare 2023
      fzlog summary 2024 --by quarter --kind 集中学习
      fzlog summary 2024 --json
    """
    from fzlog import tally as tally_mod
    from fzlog.query import compare_period, summary_dict

    if by and compare_text:
        raise UsageError(t("summary.by_and_compare"))
    if state.rollup:
        if by or compare_text:
            raise UsageError(t("rollup.no_by_compare"))
        return _rollup(state.ledgers(), period, kinds, tags, grep, fmt)
    from fzlog.query import selected_years, tallied

    lg = state.ledger()
    reg = lg.registry
    groups = previous = None
    if by:  # (a year of records at a time: a long period is not held whole)
        per, slugs, years, problems = selected_years(lg, period, kinds, tags, grep)
        result, groups = tally_mod.tally_years(years, reg, per, slugs, zeros=not (tags or grep), by=by)
        warn_skipped(problems)
    else:
        per, slugs, result, problems = tallied(lg, period, kinds, tags, grep)
        warn_skipped(problems)
    if compare_text:
        cper = compare_period(per, compare_text)
        _, _, previous, problems = tallied(lg, cper, kinds, tags, grep)
        warn_skipped(problems)

    if fmt == "json":
        render.emit_json(summary_dict(result, reg, groups, previous))
        return
    if fmt == "csv":
        render.emit_csv(
            ["group", "kind", "label", "measure", "measure_label", "value", "unit"], _csv_rows(result, groups, previous)
        )
        return

    org = lg.config.org
    title = t("summary.title", org=org, period=per.label()).strip()
    if groups is not None:
        rows: list[tuple[str, ...]] = []
        for g in groups:
            for kt in g.tally.kinds.values():
                rows.append(
                    (g.key, kt.kind.display_label(), quantity(kt.count, kt.kind.display_unit()), figure_text(kt))
                )
        if not rows:
            click.echo(t("summary.empty"))
            return
        render.table(
            title, [t("label.group"), t("label.kind"), t("label.count"), t("label.fields")], rows, justify={2: "right"}
        )
        return
    if previous is not None:
        changes = tally_mod.change(result, previous)  # (the JSON gets its own from summary_dict)
        rows = []
        for slug in changes:
            ct, pt = result.get(slug), previous.get(slug)
            kind = reg.get(slug)
            rows.append(
                (
                    kind.display_label(),
                    quantity(ct.count if ct else 0, kind.display_unit()),
                    figure_text(ct) if ct else "",
                    quantity(pt.count if pt else 0, kind.display_unit()),
                    figure_text(pt) if pt else "",
                    _signed(changes[slug]["count"]),
                )
            )
        render.table(
            title,
            [
                t("label.kind"),
                per.label(),
                t("label.fields"),
                previous.period.label(),
                t("label.fields"),
                t("label.change"),
            ],
            rows,
            justify={1: "right", 3: "right", 5: "right"},
        )
        return
    if not result.kinds:
        click.echo(t("summary.empty"))
        return
    rows = [
        (kt.kind.display_label(), quantity(kt.count, kt.kind.display_unit()), figure_text(kt))
        for kt in result.kinds.values()
    ]
    render.table(
        title,
        [t("label.kind"), t("label.count"), t("label.fields")],
        rows,
        caption=t("label.records_of", n=result.records),
        justify={1: "right"},
    )


def _rollup(ledgers, period, kinds, tags, grep, fmt):
    """Per-department tallies and the county total."""
    from fzlog import tally as tally_mod
    from fzlog.query import tallied

    parts = []
    for lg in ledgers:
        per, _, tl, problems = tallied(lg, period, kinds, tags, grep)
        warn_skipped(problems)
        parts.append((lg, tl))
    total = tally_mod.combine((tl for _, tl in parts), per)
    name = lambda lg: lg.config.org or lg.root.as_posix()
    if fmt == "json":
        render.emit_json(
            {
                "period": per.to_dict(),
                "ledgers": [{"org": lg.config.org, "path": lg.root.as_posix(), **tl.to_dict()} for lg, tl in parts],
                "total": total.to_dict(),
            }
        )
        return
    if fmt == "csv":
        render.emit_csv(
            ["department", "kind", "label", "measure", "measure_label", "value", "unit"],
            [row for lg, tl in parts for row in _csv_rows(tl, None, None, name(lg))]
            + list(_csv_rows(total, None, None, t("rollup.total"))),
        )
        return
    rows: list[tuple[str, str, str, str] | None] = []  # None: a rule between departments
    for lg, tl in [*parts, (None, total)]:
        label = name(lg) if lg is not None else t("rollup.total")
        for i, kt in enumerate(tl.kinds.values()):
            rows.append(
                (
                    label if i == 0 else "",
                    kt.kind.display_label(),
                    quantity(kt.count, kt.kind.display_unit()),
                    figure_text(kt),
                )
            )
        if not tl.kinds:
            rows.append((label, "—", "0", ""))
        rows.append(None)
    render.table(
        t("rollup.title", period=per.label(), n=len(parts)),
        [t("label.department"), t("label.kind"), t("label.count"), t("label.fields")],
        rows,
        justify={2: "right"},
    )


def _csv_rows(result, groups, previous, first_key=None):
    """One row per figure: count, each field's figure, each group value's count
    (``body=中心组``), each ratio as a percentage (``ratio:pass_rate``)."""

    def rows_of(key, tl):
        for slug, kt in tl.kinds.items():
            label = kt.kind.display_label()
            yield [key, slug, label, "count", t("label.count"), kt.count, kt.kind.display_unit()]
            for f in kt.kind.fields:
                if f.name in kt.fields:
                    value = kt.fields[f.name]
                    yield [
                        key,
                        slug,
                        label,
                        f.name,
                        f.display_label(),
                        value.isoformat() if hasattr(value, "isoformat") else value,
                        f.display_unit(),
                    ]
            for name, counts in kt.groups.items():
                f = kt.kind.field(name)
                for value, n in counts.items():
                    yield [
                        key,
                        slug,
                        label,
                        f"{name}={value}",
                        f"{f.display_label()}：{value}",
                        n,
                        kt.kind.display_unit(),
                    ]
            for name, r in kt.ratios.items():
                if r["percent"] is not None:
                    yield [key, slug, label, f"ratio:{name}", r["label"], r["percent"], "%"]

    yield from rows_of(first_key or result.period.label(), result)
    for g in groups or ():
        yield from rows_of(g.key, g.tally)
    if previous is not None:
        yield from rows_of(previous.period.label(), previous)
        from fzlog.tally import change

        for slug, ch in change(result, previous).items():
            kind = (result.get(slug) or previous.get(slug)).kind
            yield [
                t("label.change"),
                slug,
                kind.display_label(),
                "count",
                t("label.count"),
                ch["count"],
                kind.display_unit(),
            ]
            for f in kind.fields:
                if f.name in ch["fields"]:
                    yield [
                        t("label.change"),
                        slug,
                        kind.display_label(),
                        f.name,
                        f.display_label(),
                        ch["fields"][f.name],
                        f.display_unit(),
                    ]
            for name, diff in ch["ratios"].items():
                yield [
                    t("label.change"),
                    slug,
                    kind.display_label(),
                    f"ratio:{name}",
                    kind.ratio_map[name].display_label(),
                    diff,
                    "%",
                ]
