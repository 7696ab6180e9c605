"""Shell completion: kinds (slugs and Chinese labels), fields after --set, tags already used, and
record ids; scripts for bash, zsh, fish (click's own) and PowerShell (below)."""

from __future__ import annotations

import os

import click
from click.shell_completion import CompletionItem, ShellComplete, add_completion_class, split_arg_string

from fzlog.cli.base import command


def _ledger(ctx: click.Context):
    from fzlog.store.ledger import Ledger, find

    root = ctx.find_root()
    option = root.params.get("ledger") if root is not None else None
    try:
        return Ledger(find(option))
    except Exception:  # completion must never fail loudly
        return None


def _registry(ctx):
    from fzlog.kinds import default_registry

    lg = _ledger(ctx)
    try:
        return lg.registry if lg else default_registry()
    except Exception:
        return default_registry()


def complete_kind(ctx, param, incomplete: str):
    items = []
    for k in _registry(ctx).offered():  # the ledger's department type's kinds first
        for name in (k.slug, k.label, *k.aliases):
            if name.startswith(incomplete):
                items.append(CompletionItem(name, help=f"{k.label}（{k.unit}）" if name == k.slug else k.slug))
    return items


def _kind_from_words() -> str | None:
    """The KIND typed after ``add``. Click stops parsing at an option still waiting for its value
    (``--set <TAB>``), so read it from the words every shell script passes in COMP_WORDS."""
    words = split_arg_string(os.environ.get("COMP_WORDS", ""))
    for i, word in enumerate(words[:-1]):
        if word == "add":
            rest = [w for w in words[i + 1 :] if not w.startswith("-")]
            return rest[0] if rest else None
    return None


def complete_field(ctx, param, incomplete: str):
    reg = _registry(ctx)
    name = ctx.params.get("kind_name") or _kind_from_words()
    kind = reg.lookup(name) if name else None
    kinds = [kind] if kind else list(reg)
    seen = []
    for k in kinds:
        for f in k.fields:
            if f.name.startswith(incomplete) and f.name not in seen:
                seen.append(f.name)
    return [CompletionItem(n + "=", help=None) for n in seen]


def complete_tag(ctx, param, incomplete: str):
    lg = _ledger(ctx)
    if lg is None:
        return []
    tags: dict[str, int] = {}
    for year in lg.load_years()[0]:  # (a year of records held at a time)
        for rec in year:
            for tag in rec.tags:
                tags[tag] = tags.get(tag, 0) + 1
    return [CompletionItem(tag) for tag, _ in sorted(tags.items(), key=lambda kv: -kv[1]) if tag.startswith(incomplete)]


def complete_id(ctx, param, incomplete: str):
    lg = _ledger(ctx)
    if lg is None:
        return []
    out = []
    for path in lg.iter_files():
        rid = lg.id_for(path)
        short = rid.rsplit("-", 1)[-1]
        if rid.startswith(incomplete):
            out.append(CompletionItem(rid))
        elif short.startswith(incomplete) and incomplete:
            out.append(CompletionItem(short))
    return out


_POWERSHELL_SOURCE = """\
Register-ArgumentCompleter -Native -CommandName %(prog_name)s -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $env:COMP_WORDS = $commandAst.ToString().Substring(0, [Math]::Min($cursorPosition, $commandAst.ToString().Length))
    $env:COMP_INCOMPLETE = $wordToComplete
    $env:%(complete_var)s = "powershell_complete"
    %(prog_name)s | ForEach-Object {
        $type, $value, $help = $_.Split("`t", 3)
        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $(if ($help) { $help } else { $value }))
    }
    Remove-Item Env:%(complete_var)s, Env:COMP_WORDS, Env:COMP_INCOMPLETE
}
"""


@add_completion_class
class PowerShellComplete(ShellComplete):
    """PowerShell (Windows PowerShell 5.1 and PowerShell 7), which click does not ship."""

    name = "powershell"
    source_template = _POWERSHELL_SOURCE

    def get_completion_args(self):
        words = split_arg_string(os.environ.get("COMP_WORDS", ""))
        incomplete = os.environ.get("COMP_INCOMPLETE", "")
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args = args[:-1]
        return args, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return f"{item.type}\t{item.value}\t{item.help or ''}"


SHELLS = ("bash", "zsh", "fish", "powershell")


@command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell):
    """输出命令补全脚本（bash、zsh、fish、PowerShell）：补全命令、类型、字段、标签和记录编号。

    \b
    示例：
      bash：  echo 'eval "$(fzlog completion bash)"' >> ~/.bashrc
      zsh：   echo 'eval "$(fzlog completion zsh)"' >> ~/.zshrc
      fish：  fzlog completion fish > ~/.config/fish/completions/fzlog.fish
      PowerShell：fzlog completion powershell | Out-String | Invoke-Expression
                 （写进 $PROFILE 可长期生效）
    """
    from click.shell_completion import get_completion_class

    from fzlog.cli import cli

    cls = get_completion_class(shell)
    click.echo(cls(cli, {}, "fzlog", "_FZLOG_COMPLETE").source())
