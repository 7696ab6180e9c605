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
@click.option("--profile", type=click.Choice(PROFILES), default="national", show_default=True,
              help="指标方案：national 全国通用；xinjiang 新疆地区做法。")
@click.option("--region", default="", metavar="TEXT", help="所在地区，如 新疆维吾尔自治区和田地区于田县。")
def init(directory: str, org: str, profile: str, region: str) -> None:
    """新建台账目录（默认 ./data），写入 fzlog.toml 和 .gitignore。

    \b
    示例：
      fzlog init --org 于田县科学技术局 --profile xinjiang
      fzlog init 台账/2025 --org 于田县司法局
    """
    from fzlog.store import ledger

    root = ledger.init(Path(directory), org=org, profile=profile, region=region)
    click.echo(t("init.done", path=root, org=org, profile=profile))
