"""The command line: the only place that knows click and rich.

Every command parses its arguments, calls the core, and renders. Errors from the core
(:class:`fzlog.errors.FzlogError`) and from click are turned into a Chinese message on stderr and
an exit code here, in one place: 2 for usage errors, 1 for data errors.
"""

from __future__ import annotations

import signal
import sys

import click

from fzlog import __version__
from fzlog.cli.base import FzlogGroup, State
from fzlog.messages import LANGS, set_lang

# Every command, by name: "module:attribute", imported only when that command runs (FzlogGroup).
COMMANDS = {
    "init": "fzlog.cli.init:init",
    "add": "fzlog.cli.records:add",
    "list": "fzlog.cli.records:list_",
    "show": "fzlog.cli.records:show",
    "summary": "fzlog.cli.summary:summary",
    "kinds": "fzlog.cli.kinds:kinds",
    "check": "fzlog.cli.check:check",
    "report": "fzlog.cli.report:report",
    "validate": "fzlog.cli.validate:validate",
    "import": "fzlog.cli.exchange:import_",
    "export": "fzlog.cli.exchange:export",
    "edit": "fzlog.cli.workflow:edit",
    "rm": "fzlog.cli.workflow:rm",
    "completion": "fzlog.cli.completion:completion",
    "serve": "fzlog.cli.serve:serve",
}


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Eager, so that `fzlog --lang en --help` is already English."""
    if value:
        set_lang(value)
    return value


@click.group(
    cls=FzlogGroup,
    lazy=COMMANDS,
    completion="fzlog.cli.completion",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "--version", "-V", prog_name="fzlog", message="%(prog)s %(version)s", help="显示版本并退出。"
)
@click.option(
    "--ledger",
    "ledger",
    metavar="DIR",
    multiple=True,
    help="台账目录（默认：环境变量 FZLOG_LEDGER，或当前目录起向上查找 data/fzlog.toml）。"
    "可重复，或给出一个存放各部门台账的文件夹，summary 即按部门汇总并给出全县合计。",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    is_eager=True,
    callback=_set_lang,
    help="界面语言：zh 中文（默认），en 英文。也可设环境变量 FZLOG_LANG。",
)
@click.pass_context
def cli(ctx: click.Context, ledger: tuple[str, ...], lang: str | None) -> None:
    """fzlog — 法治政府建设工作台账。

    每开展一项法治工作，用 `fzlog add` 记一条；年底用 `fzlog summary 2024` 汇总全年数字。

    \b
    示例：
      fzlog init --org 于田县科学技术局 --profile xinjiang
      fzlog add 集中学习 --title "学习宪法" --set participants=25
      fzlog list 2024-Q4 --kind publicity
      fzlog summary 2024
    """
    if lang:
        set_lang(lang)
    ctx.obj = State(ledger_options=tuple(ledger))


def main() -> None:
    """Console-script entry point."""
    # Ended by SIGTERM (a closed terminal, a service stopped): unwind as for Ctrl-C, so that a
    # temporary file being written (an export, a record) is removed, not left behind.
    signal.signal(signal.SIGTERM, _terminated)
    for stream in (sys.stdout, sys.stderr):  # never crash on a terminal that cannot show Chinese
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    cli.main(prog_name="fzlog")


def _terminated(signum, frame) -> None:
    sys.exit(128 + signum)
