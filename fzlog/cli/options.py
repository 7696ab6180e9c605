"""Option sets shared by commands, so every command spells them the same way."""

from __future__ import annotations

import functools

import click

from fzlog.cli.completion import complete_kind, complete_tag
from fzlog.errors import UsageError
from fzlog.messages import t


def period_argument(f):
    return click.argument("period", required=False, metavar="[PERIOD]")(f)


def filter_options(f):
    f = click.option(
        "--grep", "grep", metavar="TEXT", default="", help="只看标题、备注、地点、标签或文字字段中含 TEXT 的记录。"
    )(f)
    f = click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        shell_complete=complete_tag,
        help="只看带此标签的记录；可重复，须同时带有全部标签。",
    )(f)
    f = click.option(
        "--kind",
        "-k",
        "kinds",
        multiple=True,
        metavar="KIND",
        shell_complete=complete_kind,
        help="只看此类型（类型代码或中文名，如 publicity 或 法治宣传活动）；可重复。",
    )(f)
    return f


def output_options(f):
    """--json / --csv, as sqlite-utils spells them; the default is a table."""

    @click.option("--json", "as_json", is_flag=True, help="输出 JSON（供脚本使用）。")
    @click.option("--csv", "as_csv", is_flag=True, help="输出 CSV（可用 Excel 打开）。")
    @functools.wraps(f)
    def wrapper(*args, as_json: bool, as_csv: bool, **kwargs):
        if as_json and as_csv:
            raise UsageError(t("opt.json_csv"))
        kwargs["fmt"] = "json" if as_json else "csv" if as_csv else "table"
        return f(*args, **kwargs)

    return wrapper
