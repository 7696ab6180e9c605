"""fzlog init: create a ledger."""

from __future__ import annotations

from pathlib import Path

import click

from fzlog.cli.base import command
from fzlog.config import PROFILES
from fzlog.messages import t


@command()
@click.argument("directory", required=False, default="data", metavar="[DIR]")
@click.option("--org", required=True, metavar="NAME", help="机关名称，如 于田县科学技术局（写入报告标题和落款）。")
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default="national",
    show_default=True,
    help="指标方案：national 全国通用；xinjiang 新疆地区做法。",
)
@click.option("--region", default="", metavar="TEXT", help="所在地区，如 新疆维吾尔自治区和田地区于田县。")
@click.option(
    "--type",
    "dept_type",
    default="",
    metavar="TYPE",
    help="部门类型：科技局、司法局、执法部门、卫健、教育、人社、乡镇、街道、县政府（见 fzlog kinds --presets）。"
    "决定优先列出的记录类型和报告涵盖的类型；全部类型仍可使用。",
)
def init(directory: str, org: str, profile: str, region: str, dept_type: str) -> None:
    """新建台账目录（默认 ./data），写入 fzlog.toml 和 .gitignore。

    \b
    示例：
      fzlog init --org 于田县科学技术局 --profile xinjiang --type 科技局
      fzlog init 台账/2025 --org 于田县司法局 --type 司法局
    """
    from fzlog.errors import UsageError
    from fzlog.kinds import default_registry
    from fzlog.store import ledger

    preset = ""
    if dept_type:
        found = default_registry().find_preset(dept_type)
        if found is None:
            choices = "、".join(p.label for p in default_registry().presets.values())
            raise UsageError(t("init.bad_type", name=dept_type, choices=choices))
        preset = found.name
    root = ledger.init(Path(directory), org=org, profile=profile, region=region, preset=preset)
    click.echo(t("init.done", path=root, org=org, profile=profile))
    if preset:
        found = default_registry().presets[preset]
        click.echo(t("init.preset", label=found.label, n=len(found.kinds)))
