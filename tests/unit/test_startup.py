"""Every command starts like a small tool: the heavy libraries load only in the commands that need
them (checked in a fresh interpreter, as `python -X importtime` would show)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rich", "dateutil", "tomli_w", "docx", "openpyxl", "multiprocessing")

PROBE = f"""
import json, sys
from fzlog.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="fzlog", standalone_mode=False)
except SystemExit:
    pass
print("\\n" + json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))))
print(json.dumps(sorted(m for m in sys.modules if m.startswith("fzlog.cli."))))
"""


def probe(*args: str, cwd=None) -> tuple[list[str], list[str]]:
    """The heavy libraries and the fzlog.cli modules a command loads."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
    )
    heavy, cli_modules = out.stdout.strip().splitlines()[-2:]
    return json.loads(heavy), json.loads(cli_modules)


def imported_by(*args: str, cwd=None) -> list[str]:
    return probe(*args, cwd=cwd)[0]


@pytest.mark.parametrize("args", [["--help"], ["add", "--help"], ["--version"]])
def test_help_loads_no_heavy_library(args):
    assert imported_by(*args) == []


def test_add_loads_no_heavy_library(ledger_dir):
    assert (
        imported_by(
            "--ledger",
            str(ledger_dir),
            "add",
            "study",
            "--title",
            "学习宪法",
            "--date",
            "2024-03-15",
            "-s",
            "participants=3",
        )
        == []
    )
    assert list(ledger_dir.glob("2024/2024-03-15/study-*.toml"))


def test_summary_json_needs_no_rich(ledger_dir):
    assert imported_by("--ledger", str(ledger_dir), "summary", "2024", "--json") == []


def test_summary_table_into_a_pipe_needs_no_rich(ledger_dir):
    imported_by("--ledger", str(ledger_dir), "add", "study", "--title", "学习宪法", "--date", "2024-03-15")
    assert imported_by("--ledger", str(ledger_dir), "summary", "2024") == []  # plain text: see render.table


def test_the_probe_sees_what_a_command_loads(ledger_dir, tmp_path):
    imported_by("--ledger", str(ledger_dir), "add", "study", "--title", "学习宪法", "--date", "2024-03-15")
    assert "openpyxl" in imported_by("--ledger", str(ledger_dir), "export", "2024", "-o", str(tmp_path / "x.xlsx"))


def test_a_command_loads_no_other_command_module(ledger_dir):
    """Each command's module is imported when that command runs (the group knows them by name)."""
    modules = probe("--ledger", str(ledger_dir), "validate")[1]
    assert "fzlog.cli.validate" in modules
    others = {
        "fzlog.cli.records",
        "fzlog.cli.summary",
        "fzlog.cli.check",
        "fzlog.cli.report",
        "fzlog.cli.exchange",
        "fzlog.cli.init",
        "fzlog.cli.workflow",
    }
    assert others.isdisjoint(modules)
    assert "fzlog.cli.records" in probe("--ledger", str(ledger_dir), "list", "2024")[1]


def test_help_lists_every_command():
    modules = probe("--help")[1]
    assert {"fzlog.cli.records", "fzlog.cli.validate", "fzlog.cli.completion"} <= set(modules)


def test_powershell_completion_in_a_fresh_process(ledger_dir):
    """fzlog's PowerShell completion class is registered before click looks for it, though the
    completion command's module is otherwise loaded only when that command runs."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": ":".join(sys.path),
        "FZLOG_LEDGER": str(ledger_dir),
        "_FZLOG_COMPLETE": "powershell_complete",
        "COMP_WORDS": "fzlog val",
        "COMP_INCOMPLETE": "val",
    }
    out = subprocess.run(
        [sys.executable, "-c", "from fzlog.cli import main; main()"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].split("\t")[:2] == ["plain", "validate"]
