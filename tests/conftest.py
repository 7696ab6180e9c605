from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fzlog.cli import cli
from fzlog.messages import set_lang
from fzlog.store import cache

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"


@pytest.fixture(autouse=True)
def _chinese(monkeypatch):
    monkeypatch.delenv("FZLOG_LEDGER", raising=False)
    monkeypatch.delenv("FZLOG_LANG", raising=False)
    set_lang("zh")
    yield
    set_lang("zh")


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the CLI the way a user does; returns click's Result."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def ledger_dir(tmp_path, run):
    """An empty ledger at tmp_path/data, found from tmp_path."""
    result = run("init", "--org", "测试局")
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


@pytest.fixture
def sample(tmp_path):
    """A private copy of the shipped sample ledger."""
    dest = tmp_path / "sample"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns(".fzlog-cache"))
    return dest


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: to show a command changed nothing (the read cache
    ``.fzlog-cache/`` is no part of the ledger, see fzlog/cache.py, nor its temporary area
    ``.fzlog-tmp/``, see fzlog/store/scratch.py)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {".fzlog-cache", ".fzlog-tmp"} & set(p.relative_to(root).parts)
    }


@pytest.fixture
def old_files(monkeypatch):
    """Let files written a moment ago count as at rest (the record cache keeps them only after
    RACY_NS, see fzlog/cache.py)."""
    monkeypatch.setattr(cache, "now", lambda: time.time_ns() + 10 * cache.RACY_NS)


@pytest.fixture
def reads(monkeypatch):
    """The record files the record cache opens to read (a file served from the cache is not read)."""
    seen: list[Path] = []
    from fzlog.store.ledger import Ledger

    original = Ledger.read_in

    def spy(self, path, day):
        if not os.environ.get("FZLOG_NO_CACHE"):  # (a read with the cache switched off is no cache miss)
            seen.append(path)
        return original(self, path, day)

    monkeypatch.setattr(Ledger, "read_in", spy)
    return seen


def pytest_addoption(parser):
    parser.addoption(
        "--slow",
        action="store_true",
        default=False,
        help="run the slow variants too: many more fuzzed ledgers (tests/cli/test_fuzz.py)",
    )


@pytest.fixture
def slow(request) -> bool:
    """Whether ``pytest --slow`` was asked for (more examples for the fuzz tests)."""
    return request.config.getoption("--slow")


@pytest.fixture
def editor(monkeypatch):
    """Replace the editor with a list of functions applied to the text, one per opening."""
    calls = []

    def install(*steps):
        queue = list(steps)

        def fake_edit(text=None, filename=None, **kw):
            if filename is not None:  # (edit opens a file in the ledger's temporary area)
                with open(filename, encoding="utf-8") as f:
                    text = f.read()
            calls.append(text)
            step = queue.pop(0)
            if filename is None or step is None:
                return None if step is None else step(text)
            with open(filename, "w", encoding="utf-8") as f:
                f.write(step(text))

        monkeypatch.setattr(click, "edit", fake_edit)
        return calls

    return install


@pytest.fixture
def git_identity(monkeypatch):
    """A committer for tests that run git (a CI machine may have none configured)."""
    for k, v in {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }.items():
        monkeypatch.setenv(k, v)


@pytest.fixture
def loads(monkeypatch):
    """The periods ``Ledger.load`` is asked for while the test runs, in order."""
    from fzlog.store.ledger import Ledger

    periods = []
    load = Ledger.load

    def counted(self, period=None):
        periods.append(period)
        return load(self, period)

    monkeypatch.setattr(Ledger, "load", counted)
    return periods
