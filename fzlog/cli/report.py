"""fzlog report: draft the annual 法治政府建设年度报告 as Markdown or Word."""

from __future__ import annotations

from pathlib import Path

import click

from fzlog.cli.base import command
from fzlog.errors import UsageError, ValueProblem
from fzlog.messages import t

SUFFIXES = {".md": "md", ".markdown": "md", ".docx": "docx", ".json": "json"}


@command()
@click.argument("year_text", metavar="YEAR")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["md", "docx", "json"]),
    default=None,
    help="输出格式：md（Markdown，默认）、docx（Word 公文格式）、json（文档结构，供脚本使用）。"
    "不写时按 -o 文件的扩展名判断。",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="FILE",
    default=None,
    help="写入文件（不写时 Markdown 输出到屏幕）。文件已存在时不覆盖，除非加 --force。",
)
@click.option("--org", metavar="NAME", default=None, help="机关名称（默认 fzlog.toml 中的 org），用于标题和落款。")
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    default=None,
    help="成文日期（落款日期），默认今天；可写 2025-02-28、2025年2月28日 等。",
)
@click.option(
    "--round",
    "rounded",
    is_flag=True,
    help="数字按报告习惯取整，如 2030 份写作“2000余份”、312 人/次写作“300余人/次”（默认写准确数字）。",
)
@click.option("--force", is_flag=True, help="-o 文件已存在时覆盖它。")
@click.pass_obj
def report(state, year_text, fmt, output, org, date_text, rounded, force):
    """起草年度法治政府建设工作报告：结构、数字（带单位和同比）、附件（指标核对表、工作台账）。

    第一、三部分的数字和活动取自台账；存在的不足、下一年安排写在台账的 notes/YEAR.toml 中；
    台账无从知道的内容标为【待补充：…】，不会编造。各部分的标题、顺序、合并在 fzlog.toml 的
    [report] 中设置（见 docs/report.md）。

    \b
    示例：
      fzlog report 2024
      fzlog report 2024 --date 2025-02-28 -o 2024年法治政府建设工作报告.docx
      fzlog report 2024 --round -o 报告.md
      fzlog report 2024 --org 于田县科学技术局 --format json
    """
    from fzlog import values
    from fzlog.cli import render
    from fzlog.cli.problems import warn_skipped
    from fzlog.period import parse_year
    from fzlog.report import draft, draft_period
    from fzlog.report.checks import year_checks

    year = parse_year(year_text)
    date = None
    if date_text:
        try:
            date = values.parse_date(date_text, field="--date")
        except ValueProblem as exc:
            raise UsageError(exc.message) from None
    path = Path(output) if output else None
    if fmt is None:
        fmt = "md"
        if path is not None:
            fmt = SUFFIXES.get(path.suffix.lower()) or ""
            if not fmt:
                raise UsageError(t("report.bad_suffix", path=path))
    if fmt == "docx" and path is None:
        raise UsageError(t("report.docx_needs_file"))

    lg = state.ledger()
    if not (org or lg.config.org):
        raise UsageError(t("report.no_org"))
    loaded = lg.load(draft_period(lg, year))  # (one load for the report and its target check)
    checks = year_checks(lg, year, loaded=loaded)
    doc, loaded = draft(lg, year, org=org, date=date, rounded=rounded, checks=checks, loaded=loaded)
    warn_skipped(loaded.problems)
    for warning in doc.warnings:
        render.warn(warning)

    if fmt == "docx":
        from fzlog.report import docx

        data = docx.render(doc)
    elif fmt == "json":
        import json

        from fzlog.report.model import to_dict

        text = json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"
        data = text.encode("utf-8")
    else:
        from fzlog.report import markdown

        data = markdown.render(doc).encode("utf-8")
    if path is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from fzlog.store.output import save

    save(path, data, force=force)
    click.echo(t("report.written", path=path))
