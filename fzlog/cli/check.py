"""fzlog check: hold a year against the target checklist, with the records that prove each result.

The rows, details and notes come from :mod:`fzlog.targets.view`; this module parses the options
and lays them out: one line per target fitted to the terminal's width (``COLUMNS``), the details
under ``--verbose`` or ``--target ID``, the sources under ``--sources``."""

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
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATE",
    help="按哪一天判断进度（默认：当年为今天，往年为年末）；年内按时间进度折算，未到期限的为“待到期”。",
)
@click.option(
    "--profile",
    metavar="P",
    help="指标方案：national 全国通用，xinjiang 新疆，national-xuefa 学法计划计入年度普法计划（默认取 fzlog.toml 的 profile）。",
)
@click.option(
    "--targets", "targets_file", metavar="FILE", help="改用另一个指标文件核对（格式同 fzlog/data/targets.toml）。"
)
@click.option("--only", "only", multiple=True, metavar="ID", help="只核对此指标（如 leaders-law-lectures）；可重复。")
@click.option(
    "--target", "target", metavar="ID", help="只看这一项指标的全部内容：要求、实际、依据及其核对情况、佐证记录。"
)
@click.option("--verbose", "-v", is_flag=True, help="表格之后列出每项指标的全部内容（依据、来源、佐证记录）。")
@click.option(
    "--sources",
    "list_sources",
    is_flag=True,
    help="列出指标引用的全部依据：核对情况（已核对原文/据转述/未找到原文）、施行期间、在哪里读到。",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（供脚本使用）。")
@click.pass_obj
def check(state, year_text, as_of_text, profile, targets_file, only, target, verbose, list_sources, as_json):
    """核对一年的工作是否达到法治政府建设指标，并列出证明每项结果的记录（佐证）。YEAR 默认今年。

    指标随 fzlog 提供（依据见 --sources），可在 fzlog.toml 中调整或增加。每项指标只在其依据
    施行的年份核对：如《法治政府建设实施纲要（2021－2025年）》已于 2025 年底到期。

    结果：达标、未达标（本地做法的指标为“本地指标未达到”）、依法委托出庭、进度正常、
    进度滞后（当年按 --as-of 折算）、待到期、不适用。

    依据的核对情况：已核对原文、据转述、未找到原文；门槛为地方做法的标“本地做法”。
    只靠没有佐证材料的记录达标的，结果后标 *。

    \b
    退出码：
      0  全部适用指标达标或进度正常（待到期、不适用不算未达标）
      1  有指标未达标或进度滞后
      2  用法或数据错误（参数写错、找不到台账、指标文件或 fzlog.toml 有误）

    \b
    示例：
      fzlog check 2024
      fzlog check 2024 --target leaders-law-lectures   # 再用 fzlog show 编号 查看佐证
      fzlog check 2024 --verbose
      fzlog check --sources
      fzlog check --as-of 2024-06-30 2024
      fzlog check 2024 --profile national --json
      fzlog check 2024 --targets 地区指标.toml
    """
    from fzlog.cli.problems import warn_skipped
    from fzlog.period import parse_year
    from fzlog.targets import check_year

    try:
        if target is not None and only:
            raise UsageError(t("check.err.target_and_only"))
        if target is not None:
            only, verbose = (target,), True
        as_of = _as_of(as_of_text)
        if targets_file is not None and not Path(targets_file).is_file():
            raise UsageError(t("check.err.targets_file", path=targets_file))
        if list_sources:
            return _sources(state, profile, targets_file, as_json)
        year = parse_year(year_text, today=as_of)  # no YEAR: the year of --as-of, else this year
        if state.rollup:
            results = [
                (lg, check_year(lg, year, as_of=as_of, profile=profile, targets_file=targets_file, only=only))
                for lg in state.ledgers()
            ]
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
    elif target is not None:
        _details(result, width())
    else:
        _table(result, lg.config.org, width(), verbose)
    return 0 if result.ok else 1


def width() -> int | None:
    """The width to fit to (see :func:`render.terminal_width`)."""
    return render.terminal_width()


def _matrix(results, as_json: bool) -> int:
    """County roll-up: departments × targets, each cell the department's result."""
    from fzlog.cli.problems import warn_skipped

    for _, result in results:
        warn_skipped(result.problems)
    ok = all(result.ok for _, result in results)
    if as_json:
        first = results[0][1]
        render.emit_json(
            {
                "year": first.year,
                "as_of": first.as_of.isoformat(),
                "ok": ok,
                "ledgers": [
                    {"org": lg.config.org, "path": lg.root.as_posix(), **result.to_dict()} for lg, result in results
                ],
            }
        )
        return 0 if ok else 1
    targets: dict[str, str] = {}
    cells: dict[tuple[str, int], str] = {}
    for i, (_, result) in enumerate(results):
        for r in result.results:
            targets.setdefault(r.target.id, r.target.display_short())
            cells[(r.target.id, i)] = r.label
    rows = [(tid, short, *[cells.get((tid, i), "—") for i in range(len(results))]) for tid, short in targets.items()]
    rows.append(
        (
            "",
            t("check.rollup.met"),
            *[str(sum(r.status in ("met", "entrusted", "on-track") for r in result.results)) for _, result in results],
        )
    )
    first = results[0][1]
    w = width()
    columns = [t("check.col.id"), t("check.col.short"), *[lg.config.org or lg.root.as_posix() for lg, _ in results]]
    out = render.wrap(t("check.rollup.title", year=first.year, as_of=first.as_of, n=len(results)), w) + [""]
    out += render.fitted_lines(columns, rows, w, keep=(0,))
    render.echo_pieces(line + "\n" for line in out)
    return 0 if ok else 1


def _lines(pairs, width: int | None, indent: int = 2) -> list[str]:
    """Labelled lines: "  要求：…", continuation lines under the text; record ids (佐证) packed
    several to a line as the width allows, never broken."""
    out = []
    for label, lines in pairs:
        lead = " " * indent + t("check.d.label", label=label)
        pad = render.display_width(lead)
        if label in (t("check.d.evidence"), t("check.d.failing")):
            lines = _packed(lines, (width or 100) - pad)
        for k, text in enumerate(lines):
            first = lead if k == 0 else " " * pad
            out += render.wrap(first + text, width, pad)
    return out


def _packed(ids: list[str], room: int) -> list[str]:
    """Ids joined by two spaces into lines no wider than ``room`` (an id longer than that on its own)."""
    out: list[str] = []
    for x in ids:
        if out and render.display_width(out[-1]) + 2 + render.display_width(x) <= room:
            out[-1] += "  " + x
        else:
            out.append(x)
    return out


def _table(result, org: str, width: int | None, verbose: bool) -> None:
    from fzlog.targets import view

    title = t("check.title", org=org, year=result.year, as_of=result.as_of, profile=result.profile).strip()
    out = render.wrap(title, width) + [""]
    if result.results:
        out += render.fitted_lines(
            view.columns(), [r.cells() for r in view.rows(result)], width, keep=(0, 4, 5), justify={5: "right"}
        )
    else:
        out.append(t("check.no_targets"))
    out.append("")
    for note in view.notes(result):
        out += render.wrap(note, width)
    if verbose:
        for r in result.results:
            out += ["", r.target.id] + _lines(view.details(r, view.EVIDENCE_SHOWN), width)
    render.echo_pieces(line + "\n" for line in out)


def _details(result, width: int | None) -> None:
    from fzlog.targets import view

    out = []
    for r in result.results:
        out += [r.target.id] + _lines(view.details(r), width)
    for x in result.not_in_force:
        out += render.wrap(
            t("check.not_in_force", year=result.year, items=view.not_in_force_item(x)),
            width,
        )
    out += [""] + render.wrap(t("check.hint_show"), width)
    render.echo_pieces(line + "\n" for line in out)


def _sources(state, profile, targets_file, as_json: bool) -> int:
    """The sources of the ledger's checklist (with its own [sources]); outside a ledger, those
    shipped with fzlog."""
    from fzlog.config import Config
    from fzlog.errors import LedgerNotFound
    from fzlog.kinds import default_registry
    from fzlog.targets import load_checklist, view

    try:
        lg = state.ledger()
        registry, config = lg.registry, lg.config
    except LedgerNotFound:
        registry, config = default_registry(), Config()
    checklist = load_checklist(registry, config, profile=profile, targets_file=targets_file)
    entries = view.source_entries(checklist)
    if as_json:
        render.emit_json({"profile": checklist.profile, "sources": [e.to_dict() for e in entries]})
        return 0
    w = width()
    out = render.wrap(t("check.sources.title", n=len(entries)), w)
    for e in entries:
        s = e.source
        out += ["", f"{s.id}  {s.state_label()}  {s.span.text()}"]
        out += render.wrap("  " + s.display_title(), w, 2)
        out += _lines(e.details(), w)
    render.echo_pieces(line + "\n" for line in out)
    return 0
