"""fzlog validate: check every file of the ledger and report all problems."""

from __future__ import annotations

import click

from fzlog.cli import problems as show
from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.cli.options import period_argument
from fzlog.messages import t


@command()
@period_argument
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='输出 JSON：{"errors":[{"path","line","column","code","message","hint"}],"warnings":[…],"files":N}。',
)
@click.option(
    "--fix-encoding",
    is_flag=True,
    help="把 GBK/GB18030、UTF-16 编码的记录文件转换为 UTF-8（内容不变，换行符不变），然后再检查。",
)
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束（供 CI、提交前检查使用）。")
@click.pass_context
def validate(ctx, period, as_json, fix_encoding, strict):
    """检查台账中的每个文件，列出全部问题（不是只报第一个）。

    逐个报告：TOML 格式错误、未知类型或字段、值的类型不对、标题为空、日期与所在目录不符、
    文件不在 <年>/<年-月-日>/ 目录中、文件名与类型不符、同一编号两个文件、编码不是 UTF-8、
    佐证材料路径指向台账之外；并提示（警告）短编号重复、内容完全相同的记录、非记录文件、
    fzlog add 中断留下的临时文件。每个问题写成“文件:行:列: 说明”，附上该行内容和改正提示。

    PERIOD 不写则检查整个台账。退出码：0 没有错误，1 有错误（加 --strict 时警告也算）。
    本命令只读，不改动台账中的任何文件（只更新读取缓存 .fzlog-cache/）；只有加 --fix-encoding 时才会转换编码。

    \b
    示例：
      fzlog validate
      fzlog validate 2024 --json
      fzlog validate --fix-encoding
      fzlog validate --strict        （有警告也返回 1，适合提交前检查）
    """
    from fzlog import period as period_mod
    from fzlog.checks import validate as core

    lg = ctx.obj.ledger()
    per = period_mod.parse(period) if period else None
    fixed = core.fix_encodings(lg, per) if fix_encoding else []
    if fix_encoding and not as_json:
        for f in fixed:
            path = show.display_path(f.path)
            if f.error:
                render.warn(t("validate.fix_failed", path=path, reason=f.error))
            else:
                click.echo(t("validate.fixed", path=path, encoding=f.encoding))
        if not fixed:
            click.echo(t("validate.fix_none"))
    report = core.validate(lg, per)
    if as_json:
        display = show.display_path
        data = {
            "errors": (show.problem_dict(p, core.hint(p), display) for p in report.errors),
            "warnings": (show.problem_dict(p, core.hint(p), display) for p in report.warnings),
            "files": report.files,
        }
        if fix_encoding:
            data["fixed"] = [
                {"path": show.display_path(f.path), "encoding": f.encoding, "error": f.error or None} for f in fixed
            ]
        render.emit_json_object(data)
    else:
        show.echo_report(report.problems, core.hint)
        if report.problems:
            click.echo(
                t("validate.totals", files=report.files, errors=len(report.errors), warnings=len(report.warnings))
            )
        else:
            click.echo(t("validate.clean", files=report.files))
    ctx.exit(1 if report.failed(strict) else 0)
