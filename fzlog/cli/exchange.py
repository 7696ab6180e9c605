"""fzlog import / fzlog export: Excel and CSV 台账 in, .xlsx/.csv/.jsonl out."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.cli.options import filter_options, period_argument
from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t

PREVIEW_ROWS = 5
PROGRESS_MIN_ROWS = 200  # a progress bar for files of this many rows and more (on a terminal)


@contextmanager
def _progress(label: str, total: int):
    """The progress bar (at a terminal) for long jobs; yields the callback the core calls (or None)."""
    if total < PROGRESS_MIN_ROWS:
        yield None
        return
    from fzlog.cli.progress import ProgressBar

    bar = ProgressBar(label)
    try:
        yield bar
    finally:
        bar.close()


def _target_label(target: str | None, plan, registry) -> str:
    from fzlog.exchange import columns as cols

    if target is None:
        return "—"
    if target in cols.COMMON_COLUMNS:
        return f"{cols.common_header(target)}（{target}）"
    kinds = ([plan.kind] if plan.kind else []) + list(registry)
    f = next((k.field(target) for k in kinds if k.field(target)), None)
    return f"{f.display_label()}（{target}）" if f else target


def _how_label(column) -> str:
    return t(f"import.how.{column.how}", other=column.other)


def _mapping_dict(plan, registry) -> dict:
    return {
        "sheet": plan.sheet.name,
        "header_row": plan.header_row,
        "kind": plan.kind.slug if plan.kind else None,
        "kind_from": plan.kind_from or "column",
        "columns": [
            {"column": c.letter, "header": c.header, "target": c.target, "how": c.how}
            for c in plan.columns
            if c.how != "empty"
        ],
    }


def _show_mapping(plan, registry) -> None:
    if plan.kind_from == "option":
        kind = t("import.kind_from_option", kind=plan.kind.display_label())
    elif plan.kind_from == "sheet":
        kind = t("import.kind_from_sheet", kind=plan.kind.display_label())
    else:
        kind = t("import.kind_from_column")
    title = t("import.mapping_title", sheet=plan.sheet.name, row=plan.header_row, kind=kind)
    rows = [
        (c.letter, c.header, _target_label(c.target, plan, registry), _how_label(c))
        for c in plan.columns
        if c.how != "empty"
    ]
    render.table(
        title, [t("import.col_letter"), t("import.col_header"), t("import.col_target"), t("import.col_how")], rows
    )


def _where(candidate) -> str:
    from fzlog.exchange.importer import RowError

    return RowError(candidate.sheet, candidate.row, "", "").where()


def _rows_text(candidates) -> str:
    """Row numbers per sheet as ranges: 工作表“集中学习”第 2–13 行、工作表“专题研讨”第 2–5 行."""
    by_sheet: dict[str, list[int]] = {}
    for c in candidates:
        by_sheet.setdefault(c.sheet, []).append(c.row)
    parts = []
    for sheet, numbers in by_sheet.items():
        numbers.sort()
        spans: list[str] = []
        start: int | None = numbers[0]  # None after the last span
        for prev, cur in zip(numbers, numbers[1:] + [None], strict=True):
            if cur != prev + 1:
                spans.append(str(start) if start == prev else f"{start}–{prev}")
                start = cur
        prefix = t("import.at_sheet", sheet=sheet) if sheet else ""
        parts.append(prefix + t("import.at_row", row="、".join(spans)))
    return "；".join(parts)


@command("import")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    "-k",
    "kind_name",
    metavar="KIND",
    help="没有“类型”列时，全部行的记录类型（类型代码或中文名）；有“类型”列时用于该列为空的行。",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="指定某列对应的字段，如 --map 发放资料=materials、--map 时间=date；FIELD 写 - 表示不导入该列。"
    "COLUMN 可写表头或列字母（C）。可重复。",
)
@click.option("--encoding", metavar="ENC", help="CSV 的编码（默认自动识别 UTF-8、带 BOM 的 UTF-8、GB18030/GBK）。")
@click.option(
    "--sheet",
    "sheets",
    multiple=True,
    metavar="NAME",
    help="只导入此工作表（默认：名为类型名称的全部工作表，否则第一个工作表）；可重复。",
)
@click.option("--dry-run", is_flag=True, help="只检查和预览，不写入。")
@click.option("--yes", "-y", is_flag=True, help="不询问，直接导入。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出映射、预览和结果（供脚本使用；询问写到标准错误）。")
@click.pass_obj
def import_(state, file, kind_name, maps, encoding, sheets, dry_run, yes, as_json):
    """从 Excel（.xlsx）或 CSV 台账导入记录。

    自动识别表头：日期、活动名称/标题、类型、地点、标签、备注、佐证材料，以及字段的中文名（可带单位，如“发放宣传资料（份）”）。

    先检查全部行：只要有一行有错，就列出所有错误（行号与 Excel 中看到的一致），不导入任何记录。

    已导入过的行（台账中同日已有内容相同的记录）自动跳过：同一文件重复导入不会产生重复记录。

    \b
    示例：
      fzlog import 2024年法治宣传台账.xlsx --dry-run
      fzlog import 宣传活动.csv --kind 法治宣传活动 --map 发放资料=materials
      fzlog import 台账.csv --encoding gb18030 --yes
      fzlog import 导出.xlsx --sheet 集中学习
    """
    from fzlog.cli.problems import warn_skipped
    from fzlog.cli.records import key_figures
    from fzlog.exchange import importer, tabular

    lg = state.ledger()
    reg = lg.registry
    kind = reg.resolve(kind_name) if kind_name else None
    if sheets and tabular.format_of(file) != "xlsx":
        raise UsageError(t("tabular.sheet_for_xlsx"))
    explicit = importer.parse_maps(maps, reg)
    read = tabular.read(file, encoding=encoding, choose=lambda names: importer.choose_sheets(names, reg, sheets))
    plans = importer.plan(read, reg, kind=kind, maps=explicit)
    if not plans:
        raise FzlogError(t("import.nothing", path=file))
    total_rows = sum(len(p.data_rows) for p in plans)
    with _progress(t("import.progress_check"), total_rows) as progress:
        checked = importer.check(plans, reg, progress=progress, root=lg.root)

    result: dict = {"file": str(file), "sheets": [_mapping_dict(p, reg) for p in plans]}
    if not as_json:
        for p in plans:
            _show_mapping(p, reg)
    if checked.errors:
        bad_rows = len({(e.sheet, e.row) for e in checked.errors})
        if as_json:
            result["errors"] = [e.to_dict() for e in checked.errors]
            render.emit_json(result)
        else:
            for e in checked.errors:
                render.warn(t("import.row_error", where=e.where(), message=e.message))
        raise FzlogError(t("import.rejected", path=file, rows=bad_rows, errors=len(checked.errors)))

    outcome = importer.compare(lg, checked.candidates)
    warn_skipped(outcome.errors)
    counts = t(
        "import.counts",
        rows=total_rows,
        new=len(outcome.new),
        existing=len(outcome.existing),
        empty=checked.empty_rows,
        totals=len(checked.totals_rows),
    )
    notes = [t("import.similar", where=_where(c), id=rid) for c, rid in outcome.similar]
    notes += [t("import.repeated", rows="、".join(_where(c) for c in group)) for group in outcome.repeated]
    result.update(
        {
            "rows": total_rows,
            "new": [{"sheet": c.sheet or None, "row": c.row, "record": c.record.to_dict()} for c in outcome.new],
            "existing": [{"sheet": c.sheet or None, "row": c.row, "id": rid} for c, rid in outcome.existing],
            "notes": notes,
            "dry_run": dry_run,
            "imported": [],
        }
    )
    if not as_json:
        shown = outcome.new[:PREVIEW_ROWS]
        if shown:
            rows = [
                (
                    c.row if not c.sheet else f"{c.sheet}!{c.row}",
                    c.record.date.isoformat(),
                    reg.get(c.record.kind).display_label(),
                    c.record.title,
                    key_figures(c.record, reg),
                )
                for c in shown
            ]
            render.table(
                t("import.preview_title", n=len(shown)),
                [t("import.col_row"), t("label.date"), t("label.kind"), t("label.title"), t("label.fields")],
                rows,
            )
        click.echo(counts)
        if outcome.existing:
            click.echo(t("import.existing_hint", rows=_rows_text(c for c, _ in outcome.existing)))
        for note in notes:
            render.warn(note)

    if dry_run or not outcome.new:
        if as_json:
            render.emit_json(result)
        else:
            click.echo(t("import.dry_run") if dry_run else t("import.none_new"))
        return
    if not yes:
        click.confirm(t("import.confirm", n=len(outcome.new)), abort=True, err=True)
    with _progress(t("import.progress_write"), len(outcome.new)) as progress:
        written = importer.write(lg, checked.candidates, progress=progress)
    if as_json:
        result["imported"] = [r.id for r in written]
        render.emit_json(result)
    else:
        click.echo(t("import.done", n=len(written)))


@command()
@period_argument
@filter_options
@click.option(
    "--output",
    "-o",
    required=True,
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="输出文件；格式由扩展名决定：.xlsx（每类一张工作表，带合计行）、.csv（带 BOM，Excel 可直接打开）、"
    ".jsonl（每行一条记录，供 DuckDB、pandas 分析）。",
)
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
@click.pass_obj
def export(state, period, kinds, tags, grep, output, force):
    """导出记录到 Excel、CSV 或 JSON Lines 文件。PERIOD 默认今年。

    导出的 .xlsx 和 .csv 可用 `fzlog import` 原样导回。

    \b
    示例：
      fzlog export 2024 -o 2024年法治工作台账.xlsx
      fzlog export 2024-Q4 --kind 法治宣传活动 -o 宣传.csv
      fzlog export 2020..2024 -o 台账.jsonl
      fzlog export 2025 --kind 集中学习 -o 空白模板.xlsx    （无记录时得到空白台账模板）
    """
    from fzlog.cli.base import ledger_path
    from fzlog.cli.records import years_selected
    from fzlog.exchange import exporter
    from fzlog.query import selected_years
    from fzlog.store import output as output_mod

    if output.is_dir():
        raise UsageError(t("output.is_dir", path=output))
    fmt = exporter.format_of(output)
    if output.exists() and not force:
        raise UsageError(t("output.exists", path=output))
    lg = state.ledger()
    # (a year of records at a time: an export of 100,000 records is never held whole)
    _, slugs, years, read = years_selected(lg, period, kinds, tags, grep)
    count = sum(map(len, years)) if read else 0  # (else counted as they are written)

    def counted(chunks):
        nonlocal count
        for year in chunks:
            count += len(year)
            yield year

    again = None
    if not read and fmt == "jsonl":
        years = counted(years)
    elif not read:  # CSV and Excel go through the years for the header and sheets, then again
        again = lambda: counted(selected_years(lg, period, kinds, tags, grep)[2])  # noqa: E731
    from fzlog.outtext import Visible

    shown = Visible()
    pieces = exporter.render_years(fmt, years, lg.registry, kinds=slugs, again=again, shown=shown)
    output_mod.save(output, pieces, force=force)
    if shown.replaced:
        render.warn(t("outtext.replaced", n=shown.replaced))
    click.echo(t("export.done", n=count, path=ledger_path(output, Path.cwd())))
