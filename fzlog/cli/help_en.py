"""English help for ``fzlog --lang en <command> --help``.

The Chinese help is each command's docstring and option help; the English twin is data,
``fzlog/data/help_en.toml``: a table per command (``[fzlog]`` for the group) with ``help``, an optional
``short`` for the command list, and ``[<command>.options]`` keyed by the option's first long name.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

import click

ROOT = "fzlog"


@functools.cache
def catalog() -> dict[str, dict]:
    return tomllib.loads(resources.files("fzlog").joinpath("data/help_en.toml").read_text("utf-8"))


def command_key(ctx: click.Context) -> str:
    """``fzlog`` for the group, else the command's name as typed after ``fzlog``."""
    parts = ctx.command_path.split()
    return " ".join(parts[1:]) or ROOT if parts else ROOT


def option_key(param: click.Parameter) -> str | None:
    """The first long name of an option (``--title``), or None for an argument."""
    if not isinstance(param, click.Option):
        return None
    return next((o for o in param.opts if o.startswith("--")), param.opts[0] if param.opts else None)


def command_help(key: str) -> str | None:
    entry = catalog().get(key)
    return entry.get("help") if entry else None


def short_help(key: str) -> str | None:
    entry = catalog().get(key)
    return entry.get("short") if entry else None


def option_help(key: str, param: click.Parameter) -> str | None:
    name = option_key(param)
    entry = catalog().get(key)
    if not entry or name is None:
        return None
    return entry.get("options", {}).get(name)
