"""The documentation cannot drift from the commands (the sqlite-utils model).

- docs/cli.md is what scripts/gen_cli_docs.py writes from the commands' --help, and names every
  command and every option;
- `fzlog --lang en <command> --help` is English for every command (Chinese only in the examples);
- every `$ fzlog …` line of a code block marked `<!-- runnable -->` in README.md or docs/*.md runs
  on a copy of the sample ledger (`<!-- runnable: empty -->`: in an empty folder, in order).
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fzlog.cli import cli

REPO = Path(__file__).resolve().parents[2]
CLI_MD = REPO / "docs" / "cli.md"
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
COMMANDS = [(path, cmd) for path, cmd, _ in GEN.commands()]
OPTIONS = [
    (path, opt)
    for path, cmd in COMMANDS
    for p in cmd.params
    if isinstance(p, click.Option)
    for opt in (*p.opts, *p.secondary_opts)
]


def _section(path: str) -> str:
    """The part of docs/cli.md under the heading of one command."""
    text = CLI_MD.read_text("utf-8")
    marker = f"\n## {path} "
    assert marker in text, f"docs/cli.md has no section for `{path}`: run python scripts/gen_cli_docs.py"
    return text.split(marker, 1)[1].split("\n## ", 1)[0]


def test_cli_reference_is_what_the_generator_writes():
    assert CLI_MD.read_text("utf-8") == GEN.render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_every_command_is_documented(path):
    assert _section(path).strip()


@pytest.mark.parametrize(("path", "option"), OPTIONS)
def test_every_option_is_documented(path, option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", _section(path)), (
        f"`{path} {option}` is missing from docs/cli.md: run python scripts/gen_cli_docs.py"
    )


def _outside_examples(help_text: str) -> list[str]:
    """The lines of a help text that are not examples: an `Examples:` line opens a block that runs
    while the lines are indented deeper; `[default: …]` shows a default value as it is."""
    lines, block = [], None
    for line in help_text.splitlines():
        indent = len(line) - len(line.lstrip())
        if block is not None and line.strip() and indent > block:
            continue
        block = indent if line.strip().endswith("Examples:") else None
        lines.append(re.sub(r"\[default: [^\]]*\]", "", line))
    return lines


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_english_help_is_english(path):
    args = ["--lang", "en", *path.split()[1:], "--help"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output and "Options:" in result.output
    chinese = [line for line in _outside_examples(result.output) if HAN.search(line)]
    assert not chinese, f"`fzlog {' '.join(args)}` has Chinese outside its examples: {chinese}"


def test_chinese_help_stays_chinese():
    result = CliRunner().invoke(cli, ["add", "--help"], catch_exceptions=False)
    assert result.exit_code == 0 and "用法：" in result.output and "活动标题" in result.output


def test_english_help_lists_commands_in_english():
    result = CliRunner().invoke(cli, ["--lang", "en", "--help"], catch_exceptions=False)
    assert "Log one activity" in result.output and "记一条" not in result.output


# --- runnable examples ----------------------------------------------------------------------------

MARK = re.compile(r"^<!-- runnable(?P<empty>: empty)? -->\n```console\n(?P<body>.*?)^```", re.M | re.S)


def _runnable_blocks() -> list[tuple[str, bool, list[str]]]:
    """(where, in an empty folder?, the `fzlog …` command lines) of every marked block."""
    blocks = []
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = page.read_text("utf-8")
        for n, m in enumerate(MARK.finditer(text), 1):
            commands, pending = [], ""
            for line in m["body"].splitlines():
                if pending:
                    line, pending = pending + " " + line.strip(), ""
                elif not line.startswith("$ fzlog "):
                    continue  # output shown in the block
                if line.endswith("\\"):
                    pending = line[:-1].rstrip()
                    continue
                commands.append(line[2:])
            blocks.append((f"{page.relative_to(REPO).as_posix()}#{n}", bool(m["empty"]), commands))
    return blocks


BLOCKS = _runnable_blocks()


def test_the_docs_mark_runnable_blocks():
    pages = {where.split("#")[0] for where, _, commands in BLOCKS if commands}
    assert "README.md" in pages and len(pages) >= 4, pages


@pytest.mark.parametrize(("where", "empty", "commands"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_documented_commands_run(where, empty, commands, tmp_path, monkeypatch):
    if not empty:
        shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".fzlog-cache"))
    monkeypatch.chdir(tmp_path)
    for command in commands:
        args = shlex.split(command, comments=True)[1:]
        result = CliRunner().invoke(cli, args)
        if isinstance(result.exception, SystemExit) or result.exception is None:
            pass
        else:
            raise AssertionError(f"{where}: `{command}` raised {result.exception!r}")
        # 0, or 1 from check: its documented "a target is unmet"
        allowed = {0, 1} if "check" in args else {0}
        assert result.exit_code in allowed, f"{where}: `{command}` exited {result.exit_code}:\n{result.output}"
