"""fzlog check: hold a year against the target checklist, with the records that prove each result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.errors import FzlogError, UsageError, ValueProblem
from fzlog.messages import t


def _as_of(text: str | None) -> dt.date | None:
    from fzlog import values

    if text is None:
        return None
    try:
        return values.parse_date(text, field="--as-of")
    except ValueProblem as exc:
        raise UsageError(exc.message) from None


@command()
@click.argument("year_text", metavar="[YEAR]", required=False)
@click.option("--as-of", "as_of_text", metavar="DATE",
              help="按哪一天判断进度（默认：当年为今天，往年为年末）；年内按时间进度折算，未到期限的为“待到期”。")
@click.option("--profile", metavar="P", help="指标方案：national 全国通用，xinjiang 新疆（默认取 fzlog.toml 的 profile）。")
@click.option("--targets", "targets_file", metavar="FILE", help="改用另一个指标文件核对（格式同 fzlog/data/targets.toml）。")
@click.option("--only", "only", multiple=True, metavar="ID", help="只核对此指标（如 leaders-law-lectures）；可重复。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（供脚本使用）。")
@click.pass_obj
def check(state, year_text, as_of_text, profile, targets_file, only, as_json):
    """核对一年的工作是否达到法治政府建设指标，并列出证明每项结果的记录（佐证）。YEAR 默认今年。

    指标来自《法治政府建设实施纲要（2021－2025年）》及相关规定，随 fzlog 提供，可在 fzlog.toml 中调整或增加。

    结果：达标、未达标、进度正常、进度滞后（当年按 --as-of 折算）、待到期、不适用。

    依据未经原文核实的指标标“（未核实）”；只靠没有佐证材料的记录达标的，标“缺少佐证材料”。

    \b
    退出码：
      0  全部适用指标达标或进度正常（待到期、不适用不算未达标）
      1  有指标未达标或进度滞后
      2  用法或数据错误（参数写错、找不到台账、指标文件或 fzlog.toml 有误）

    \b
    示例：
      fzlog check 2024
      fzlog check 2024 --only leaders-law-lectures   # 再用 fzlog show 编号 查看佐证
      fzlog check --as-of 2024-06-30 2024
      fzlog check 2024 --profile national --json
      fzlog check 2024 --targets 地区指标.toml
    """
    from fzlog.cli.problems import warn_skipped
    from fzlog.period import parse_year
    from fzlog.targets import check_year

    try:
        as_of = _as_of(as_of_text)
        year = parse_year(year_text, today=as_of)  # no YEAR: the year of --as-of, else this year
        if targets_file is not None and not Path(targets_file).is_file():
            raise UsageError(t("check.err.targets_file", path=targets_file))
        if state.rollup:
            results = [(lg, check_year(lg, year, as_of=as_of, profile=profile, targets_file=targets_file,
                                       only=only)) for lg in state.ledgers()]
        else:
            lg = state.ledger()
            result = check_year(lg, year, as_of=as_of, profile=profile, targets_file=targets_file, only=only)
    except FzlogError as exc:
        exc.exit_code = 2  # exit 1 means "a target is not met": any error here is 2
        raise
    if state.rollup:
        return _matrix(results, as_json)
    warn_skipped(result.problems)
    if as_json:
        render.emit_json(result.to_dict())
    else:
        _table(result, lg.config.org)
    return 0 if result.ok else 1


def _matrix(results, as_json: bool) -> int:
    """County roll-up: departments × targets, each cell the department's result."""
    from fzlog.cli.problems import warn_skipped

    for lg, result in results:
        warn_skipped(result.problems)
    ok = all(result.ok for _, result in results)
    if as_json:
        first = results[0][1]
        render.emit_json({"year": first.year, "as_of": first.as_of.isoformat(), "ok": ok,
                          "ledgers": [{"org": lg.config.org, "path": lg.root.as_posix(), **result.to_dict()}
                                      for lg, result in results]})
        return 0 if ok else 1
    targets: dict[str, str] = {}
    cells: dict[tuple[str, int], str] = {}
    for i, (_, result) in enumerate(results):
        for r in result.results:
            targets.setdefault(r.target.id, r.target.display_title())
            cells[(r.target.id, i)] = r.label
    rows = [(f"{tid}\n{title}", *[cells.get((tid, i), "—") for i in range(len(results))])
            for tid, title in targets.items()]
    rows.append(None)
    rows.append((t("check.rollup.met"), *[str(sum(r.status in ("met", "on-track") for r in result.results))
                                          for _, result in results]))
    first = results[0][1]
    render.table(t("check.rollup.title", year=first.year, as_of=first.as_of, n=len(results)),
                 [t("check.col.target"), *[lg.config.org or lg.root.as_posix() for lg, _ in results]], rows)
    return 0 if ok else 1


def _table(result, org: str) -> None:
    if not result.results:
        click.echo(t("check.no_targets"))
        return
    rows = []
    for r in result.results:
        target = r.target
        title = f"{target.id}\n{target.display_title()}" + ("" if target.verified else "\n" + t("check.unverified"))
        source = target.source + (f"\n（{target.verified_note}）" if target.verified_note else "")
        actual = r.actual + (f"\n{r.note}" if r.note else "")
        outcome = r.label + (f"\n{t('check.missing_evidence')}" if r.missing_evidence else "")
        proof = list(r.evidence) + [t("check.failing") + x for x in r.failing]
        rows.append((title, source, r.required, actual, outcome, "\n".join(proof) or "—"))
    caption = "；".join(t("check.tally", label=t("check.status." + s), n=n) for s, n in result.counts().items())
    if result.checked_on != result.as_of:
        caption += "。" + t("check.clock", date=result.checked_on)
    caption += "\n" + t("check.hint_show")
    title = t("check.title", org=org, year=result.year, as_of=result.as_of, profile=result.profile).strip()
    render.table(title, [t("check.col.target"), t("check.col.source"), t("check.col.required"),
                         t("check.col.actual"), t("check.col.result"), t("check.col.evidence")], rows, caption=caption)
