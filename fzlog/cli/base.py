"""Click plumbing shared by all commands: Chinese help chrome, error → exit-code mapping, and the
per-invocation state (which ledger)."""

from __future__ import annotations

import copy
import inspect
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from fzlog.errors import FzlogError
from fzlog.messages import get_lang, t


@dataclass
class State:
    ledger_options: tuple[str, ...] = ()
    _ledgers: list | None = field(default=None, repr=False)

    def ledgers(self) -> list:
        """Every ledger this invocation works on: one, or several for a county roll-up
        (``--ledger A --ledger B`` or ``--ledger`` a folder of department ledgers)."""
        if self._ledgers is None:
            from fzlog.cli.progress import ProgressBar
            from fzlog.store.ledger import Ledger, find, find_many

            if not self.rollup:
                self._ledgers = [Ledger(find(self.ledger_options[0] if self.ledger_options else None))]
            else:
                roots, skipped = find_many(self.ledger_options)
                for folder in skipped:
                    click.echo(t("rollup.skipped_folder", path=folder), err=True)
                self._ledgers = [Ledger(p) for p in roots]
            for lg in self._ledgers:  # a long first read shows a bar (at a terminal)
                lg.progress = ProgressBar()
                for said in lg.recover():  # a date move killed half-way: finished or undone first
                    click.echo(said, err=True)
        return self._ledgers

    @property
    def rollup(self) -> bool:
        return len(self.ledger_options) > 1 or _is_folder_of_ledgers(self.ledger_options)

    def ledger(self):
        """The one ledger this invocation works on (located on first use)."""
        if self.rollup:
            from fzlog.errors import UsageError

            raise UsageError(t("rollup.single_only"))
        return self.ledgers()[0]


def _is_folder_of_ledgers(options) -> bool:
    from fzlog.store.ledger import is_folder_of_ledgers

    return len(options) == 1 and is_folder_of_ledgers(Path(options[0]).expanduser())


class FzlogCommand(click.Command):
    """A click command whose help reads in Chinese, or in English (``fzlog/data/help_en.toml``) with
    ``--lang en``."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=t("cli.usage"))

    def format_help_text(self, ctx, formatter):
        text = _english(lambda h: h.command_help(h.command_key(ctx)))
        if text is None:
            return super().format_help_text(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(text))

    def get_short_help_str(self, limit=45):
        name = self.name or ""
        text = _english(lambda h: h.short_help(name))
        if text is None:
            return super().get_short_help_str(limit)
        return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."

    def format_options(self, ctx, formatter):
        opts = [
            rv for p in self.get_params(ctx) if isinstance(p, click.Option) and (rv := _help_record(ctx, p)) is not None
        ]
        if opts:
            with formatter.section(t("cli.options")):
                formatter.write_dl(opts)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.help")
        return option


def _english(lookup):
    """``lookup(help_en)`` when the language is English, else None (Chinese help is the code's own)."""
    if get_lang() != "en":
        return None
    from fzlog.cli import help_en

    return lookup(help_en)


def _help_record(ctx, param):
    text = _english(lambda h: h.option_help(h.command_key(ctx), param))
    if text is None:
        return param.get_help_record(ctx)
    english = copy.copy(param)
    english.help = text
    return english.get_help_record(ctx)


def command(name=None, **attrs):
    """``click.command`` with fzlog's Chinese help chrome."""
    attrs.setdefault("cls", FzlogCommand)
    return click.command(name, **attrs)


class FzlogGroup(FzlogCommand, click.Group):
    """The ``fzlog`` group. Its commands are named up front (``lazy``: name → ``"module:attribute"``)
    and imported only when asked for, so that running one command loads no other command's module
    (``--help`` and shell completion list them all, and load them all)."""

    command_class = FzlogCommand

    def __init__(self, *args, lazy: dict[str, str] | None = None, completion: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self.completion = completion  # the module that registers fzlog's shell completion

    def list_commands(self, ctx):
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx, name):
        cmd = self.commands.get(name)
        if cmd is None and name in self.lazy:
            import importlib

            module, _, attribute = self.lazy[name].partition(":")
            cmd = getattr(importlib.import_module(module), attribute)
            self.add_command(cmd, name)
        return cmd

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
            with formatter.section(t("cli.commands")):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the CLI, turning every error into a message and an exit code (never a traceback)."""
        var = complete_var or f"_{(prog_name or 'fzlog').replace('-', '_').upper()}_COMPLETE"
        if os.environ.get(var) and self.completion:  # shell completion asked for: fzlog's protocols first
            import importlib  # (loaded as lazily as every command: see get_command)

            importlib.import_module(self.completion)
        try:
            rv = super().main(
                args=args, prog_name=prog_name or "fzlog", complete_var=complete_var, standalone_mode=False, **extra
            )
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.Abort:
            click.echo(t("cli.aborted"), err=True)
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
        except OSError as exc:  # whatever the disk refused, anywhere: said with the path, no traceback
            from fzlog.store.fsio import os_reason

            click.echo(t("error.prefix") + t("io.failed", path=exc.filename or "", reason=os_reason(exc)), err=True)
            code = FzlogError.exit_code
        else:
            code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def click_error_message(exc: click.ClickException) -> str:
    """Click's own errors, said in the user's language."""
    from click import exceptions as ce

    if isinstance(exc, ce.NoArgsIsHelpError):
        return exc.format_message()
    msg = exc.format_message()
    param = getattr(exc, "param", None)
    name = None
    if param is not None:
        name = param.opts[0] if param.param_type_name == "option" and param.opts else param.human_readable_name
    if isinstance(exc, ce.NoSuchOption):
        msg = t("cli.no_such_option", name=exc.option_name)
        if exc.possibilities:
            msg += t("cli.did_you_mean", names="、".join(sorted(exc.possibilities)))
    elif isinstance(exc, ce.MissingParameter) and name:
        msg = t("cli.missing", name=name)
    elif isinstance(exc, ce.BadParameter) and name:
        msg = t("cli.bad_value", name=name, reason=exc.message)
    elif isinstance(exc, ce.UsageError) and msg.startswith("No such command"):
        msg = t("cli.no_such_command", name=msg.split("'")[1] if "'" in msg else msg)
    elif isinstance(exc, ce.UsageError) and msg.startswith("Got unexpected extra argument"):
        msg = t("cli.extra_args", args=msg.split("(", 1)[-1].rstrip(")"))
    ctx = getattr(exc, "ctx", None)
    hint = "\n" + t("cli.see_help", cmd=ctx.command_path) if ctx is not None else ""
    return t("error.prefix") + msg + hint


def ledger_path(p: Path, base: Path) -> str:
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return str(p)
