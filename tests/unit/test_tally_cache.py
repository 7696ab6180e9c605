"""The tallies the cache keeps per day (``<YYYY>.tally``, fzlog/store/cache.py): a summary made
from them is always what tallying every record gives, and an unchanged ledger's summary reads and
decodes no record. Correctness only — timings live in benchmarks/bench.py."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from fzlog import period as period_mod
from fzlog.cli import cli
from fzlog.kinds import default_registry
from fzlog.record import Record, to_toml
from fzlog.store import cache
from fzlog.store.ledger import Ledger
from fzlog.tally import tally, tally_of

# fixtures old_files and reads: see conftest.py


def write(root: Path, day: str, name: str, text: str) -> Path:
    path = root / day[:4] / day / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def study(day: str, participants: int = 20, **fields) -> str:
    rec = Record(
        kind="study",
        date=dt.date.fromisoformat(day),
        title="学习宪法",
        fields={"participants": participants, "hours": 1.5, **fields},
    )
    return to_toml(rec, default_registry())


@pytest.fixture
def ledger(tmp_path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    (root / "fzlog.toml").write_text('org = "测试局"\n', "utf-8")
    write(root, "2023-05-04", "study-aaaa", study("2023-05-04", 10, body="中心组"))
    write(root, "2024-03-15", "study-bbbb", study("2024-03-15", 20, headcount=30, laws=["宪法"]))
    write(
        root,
        "2024-03-15",
        "publicity-cccc",
        'kind = "publicity"\ndate = 2024-03-15\ntitle = "宪法宣传"\nmaterials = 300\nat_least = ["materials"]\n',
    )
    write(
        root,
        "2024-12-04",
        "roster-dddd",
        'kind = "roster"\ndate = 2024-12-04\ntitle = "执法人员"\nrole = "执法人员"\nheadcount = 5\n',
    )
    write(
        root,
        "2024-12-04",
        "annual-report-eeee",
        'kind = "annual-report"\ndate = 2024-12-04\ntitle = "年度报告"\nsubmitted = 2024-12-04\n',
    )
    return root


def check(root: Path, text: str) -> None:
    """The tallies the ledger gives for the period are those of its records, read uncached, and
    so are the problems."""
    per = period_mod.parse(text)
    parts, problems = Ledger(root).tallies(per)
    os.environ["FZLOG_NO_CACHE"] = "1"
    try:
        loaded = Ledger(root).load(per)
    finally:
        del os.environ["FZLOG_NO_CACHE"]
    reg = default_registry()
    assert tally_of(parts, reg, per).to_dict() == tally(loaded.records, reg, per).to_dict()
    assert problems == loaded.problems


@pytest.fixture
def record_reads(monkeypatch) -> list[int]:
    """How many day folders each call of the record cache was asked to read (with the cache on)."""
    seen: list[int] = []
    original = cache.read

    def spy(root, days, *args, **kwargs):
        if not os.environ.get("FZLOG_NO_CACHE"):  # (check()'s uncached load is no cache miss)
            seen.append(len(days))
        return original(root, days, *args, **kwargs)

    monkeypatch.setattr(cache, "read", spy)
    return seen


def test_an_unchanged_ledger_is_tallied_without_its_records(ledger, old_files, record_reads):
    check(ledger, "2023..2024")
    assert sorted(p.name for p in (ledger / cache.CACHE_DIR).glob("*.tally")) == ["2023.tally", "2024.tally"]
    record_reads.clear()
    for text in ("2023..2024", "2024", "2024-Q1", "2024-12-04"):
        check(ledger, text)
    assert record_reads == []


def test_changed_files_and_days_are_tallied_again(ledger, old_files, record_reads):
    check(ledger, "2024")
    write(ledger, "2024-03-15", "study-bbbb", study("2024-03-15", 120, headcount=31))  # another size
    check(ledger, "2024-Q1")  # (a part of the year: the year's joined tallies are stale now)
    check(ledger, "2024")
    check(ledger, "2023..2024")
    (ledger / "2024" / "2024-03-15" / "publicity-cccc.toml").unlink()
    write(ledger, "2024-06-01", "study-ffff", study("2024-06-01", 7, laws=["民法典"]))
    check(ledger, "2024")
    (ledger / "2024" / "2024-12-04" / "roster-dddd.toml").rename(ledger / "2024" / "2024-12-04" / "roster-gggg.toml")
    check(ledger, "2024")
    for path in (ledger / "2024" / "2024-12-04").iterdir():
        path.unlink()
    (ledger / "2024" / "2024-12-04").rmdir()
    check(ledger, "2024")
    record_reads.clear()
    check(ledger, "2023..2024")
    assert record_reads == []


def test_broken_files_are_reported_every_time(ledger, old_files):
    write(ledger, "2024-03-15", "study-hhhh", 'kind = "study"\ndate = 2024-03-15\ntitle = \n')
    write(ledger, "2024-05-05", "stray", 'kind = "study"\n')
    for _ in range(2):
        check(ledger, "2024")
        out = CliRunner().invoke(cli, ["--ledger", str(ledger), "summary", "2024"])
        assert out.exit_code == 0 and "study-hhhh" in out.output and "已跳过" in out.output


def test_a_file_changed_just_before_it_is_read_is_read_again(ledger, reads):
    check(ledger, "2024")
    reads.clear()
    check(ledger, "2024")
    assert reads  # (every file here was written less than RACY_NS ago: none is kept)


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_tally_shard_is_rebuilt(ledger, old_files, damage):
    check(ledger, "2024")
    shard = ledger / cache.CACHE_DIR / "2024.tally"
    data = shard.read_bytes()
    shard.write_bytes(data[:-7] if damage is None else damage)
    check(ledger, "2024")
    check(ledger, "2024")


def test_summary_is_the_same_from_the_tallies(ledger, old_files, monkeypatch):
    def outputs():
        run = lambda *a: CliRunner().invoke(cli, ["--ledger", str(ledger), "summary", *a]).output  # noqa: E731
        return [
            run("2024"),
            run("2024-Q1", "--json"),
            run("2023..2024", "--kind", "集中学习", "--json"),
            run("2024", "--compare", "2023", "--json"),
        ]

    monkeypatch.setenv("FZLOG_NO_CACHE", "1")
    want = outputs()
    monkeypatch.delenv("FZLOG_NO_CACHE")
    assert outputs() == want  # cold
    assert outputs() == want  # warm


@pytest.mark.parametrize("by", ["", "month", "quarter", "tag"])
@pytest.mark.parametrize("text", ["2021..2025", "2023-03-15..2024-05-10", "2024"])
def test_tally_years_is_the_tally_and_groups_of_all_the_records(sample, by, text):
    """summary --by tallies a year of records at a time: the same figures and groups as at once."""
    from fzlog import tally as tally_mod

    lg, per = Ledger(sample), period_mod.parse(text)
    records = lg.load(per).records
    result, groups = tally_mod.tally_years(lg.load_years(per)[0], lg.registry, per, by=by)
    assert result.to_dict() == tally_mod.tally(records, lg.registry, per).to_dict()
    if not by:
        assert groups is None
        return
    assert groups is not None
    want = tally_mod.group(records, lg.registry, per, by)
    assert [g.to_dict() for g in groups] == [g.to_dict() for g in want] and len(groups) > 1
