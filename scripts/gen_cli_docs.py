#!/usr/bin/env python3
"""Write docs/cli.md, the CLI reference, from the commands' own ``--help`` (in Chinese, 100 columns).

Run after adding or changing a command or an option:  python scripts/gen_cli_docs.py
``--check`` writes nothing and exits 1 when docs/cli.md is not what this script would write
(tests/cli/test_docs_cli.py does the same check).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "cli.md"
WIDTH = 100

HEADER = """# 命令参考

<!-- 由 scripts/gen_cli_docs.py 从各命令的 --help 生成，请勿手改。命令或选项改动后运行：python scripts/gen_cli_docs.py -->

每个命令的 `--help` 原文（中文界面）。英文：`fzlog --lang en <命令> --help`。
全局选项（`--ledger`、`--lang`）写在命令之前：`fzlog --ledger D:\\台账 summary 2024`。

"""


def commands() -> list[tuple[str, click.Command, click.Context]]:
    """(``fzlog`` or ``fzlog <name>``, command, context) for the group and every command, in order."""
    from fzlog.cli import cli

    root = click.Context(
        cli, info_name="fzlog", **{**cli.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    )
    found: list[tuple[str, click.Command, click.Context]] = [("fzlog", cli, root)]
    for name in cli.list_commands(root):
        cmd = cli.get_command(root, name)
        if cmd is None or cmd.hidden:
            continue
        found.append((f"fzlog {name}", cmd, click.Context(cmd, info_name=name, parent=root)))
    return found


def render() -> str:
    from fzlog.messages import get_lang, set_lang

    before = get_lang()
    set_lang("zh")
    try:
        parts = [HEADER]
        names = [path for path, _, _ in commands()]
        parts.append("命令：" + "、".join(f"[`{p}`](#{p.replace(' ', '-')})" for p in names[1:]) + "\n")
        for path, cmd, ctx in commands():
            text = "\n".join(line.rstrip() for line in cmd.get_help(ctx).splitlines())
            parts.append(f"\n## {path} {{#{path.replace(' ', '-')}}}\n\n```text\n{text}\n```\n")
        return "".join(parts)
    finally:
        set_lang(before)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run python scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
