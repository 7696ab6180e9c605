"""Click plumbing shared by all commands: Chinese help chrome, error → exit-code mapping, and the
per-invocation state (which ledger)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from fzlog.errors import FzlogError
from fzlog.messages import get_lang, t


@dataclass
class State:
    ledger_option: str | None = None
    _ledger: object = field(default=None, repr=False)

    def ledger(self):
        """The ledger this invocation works on (located on first use)."""
        if self._ledger is None:
            from fzlog.cli.progress import ProgressBar
            from fzlog.ledger import Ledger, find

            self._ledger = Ledger(find(self.ledger_option))
            self._ledger.progress = ProgressBar()
        return self._ledger


def _heading(zh: str, en: str) -> str:
    return en if get_lang() == "en" else zh


class FzlogCommand(click.Command):
    """A click command whose help reads in Chinese."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=_heading("用法：", "Usage: "))

    def format_options(self, ctx, formatter):
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section(_heading("选项", "Options")):
                formatter.write_dl(opts)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _heading("显示本帮助并退出。", "Show this message and exit.")
        return option


def command(name=None, **attrs):
    """``click.command`` with fzlog's Chinese help chrome."""
    attrs.setdefault("cls", FzlogCommand)
    return click.command(name, **attrs)


class FzlogGroup(FzlogCommand, click.Group):
    command_class = FzlogCommand

    def format_options(self, ctx, formatter):
        FzlogCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.get_short_help_str(limit=60)))
        if rows:
            with formatter.section(_heading("命令", "Commands")):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the CLI, turning every error into a message and an exit code (never a traceback)."""
        try:
            rv = super().main(args=args, prog_name=prog_name or "fzlog", complete_var=complete_var,
                              standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.Abort:
            click.echo(_heading("已取消。", "Aborted."), err=True)
            code = 1
        except click.ClickException as exc:
            click.echo(click_error_message(exc), err=True)
            code = exc.exit_code
        except FzlogError as exc:
            click.echo(t("error.prefix") + str(exc), err=True)
            if exc.hint:
                click.echo(exc.hint, err=True)
            code = exc.exit_code
        except BrokenPipeError:
            code = 0
        else:
            code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def click_error_message(exc: click.ClickException) -> str:
    """Click's own errors, said in the user's language."""
    from click import exceptions as ce

    if get_lang() == "en":
        return f"Error: {exc.format_message()}" + _usage_hint(exc)
    msg = exc.format_message()
    if isinstance(exc, ce.NoSuchOption):
        msg = f"没有选项 {exc.option_name}。"
        if exc.possibilities:
            msg += f"您是不是要输入：{'、'.join(sorted(exc.possibilities))}？"
    elif isinstance(exc, ce.MissingParameter) and exc.param is not None:
        name = exc.param.opts[0] if getattr(exc.param, "opts", None) else exc.param.name
        if exc.param.param_type_name == "argument":
            name = exc.param.human_readable_name
        msg = f"缺少参数 {name}。"
    elif isinstance(exc, ce.BadParameter) and exc.param is not None:
        name = exc.param.opts[0] if exc.param.param_type_name == "option" else exc.param.human_readable_name
        msg = f"参数 {name} 的值无效：{exc.message}"
    elif isinstance(exc, ce.NoArgsIsHelpError):
        return exc.format_message()
    elif isinstance(exc, ce.UsageError) and msg.startswith("No such command"):
        msg = msg.replace("No such command", "没有命令")
    elif isinstance(exc, ce.UsageError) and msg.startswith("Got unexpected extra argument"):
        msg = "多余的参数：" + msg.split("(", 1)[-1].rstrip(")")
    return "错误：" + msg + _usage_hint(exc)


def _usage_hint(exc: click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return ""
    return "\n" + _heading(f"用 `{ctx.command_path} --help` 查看用法和示例。",
                           f"See `{ctx.command_path} --help` for usage and examples.")


def ledger_path(p: Path, base: Path) -> str:
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return str(p)
