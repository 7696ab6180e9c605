"""fzlog validate takes what reading each record file gives from the record cache (fzlog/cache.py)
and must never report from a stale entry: its output is always that of reading every file."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from fzlog.store import cache
from tests.conftest import REPO
from tests.unit.test_cache import _next_tick, dies_in_a_child
from tests.cli.test_validate import seed_every_problem

@pytest.fixture(autouse=True, params=["stat here", "stat apart"])
def scan_apart(request, monkeypatch):
    """Every test twice: the listed files stat-ed in this process, and in a forked one (which a
    load does when the cache is big enough to be worth decoding meanwhile)."""
    if request.param == "stat apart":
        monkeypatch.setattr(cache, "SCAN_APART_MIN", 0)


GOOD = 'kind = "study"\ndate = 2024-03-15\ntitle = "学习宪法"\nparticipants = 2000\n'
BROKEN = 'kind = "study"\ndate = 2024-03-15\ntitle = "学习宪法"\nparticipants = "20"\n'  # same size


def uncached(run, *args):
    """What validate says with no cache in the way."""
    enabled = cache.ENABLED
    cache.ENABLED = False
    try:
        return run(*args)
    finally:
        cache.ENABLED = enabled


def same_as_uncached(run, *args):
    r = run(*args)
    plain = uncached(run, *args)
    assert (r.exit_code, r.stdout) == (plain.exit_code, plain.stdout)
    return r


def put(ledger: Path, rel: str, text: str) -> Path:
    path = ledger / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def rewrite_in_place(path: Path, text: str) -> None:
    """New content of the same size written into the same file, its mtime put back: only the
    ctime tells (see fzlog/cache.py)."""
    before = os.stat(path)
    data = text.encode("utf-8")
    assert len(data) == before.st_size
    _next_tick(path)
    with open(path, "r+b") as fh:
        fh.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)


def test_unchanged_files_come_from_the_cache(run, ledger_dir, reads, old_files):
    for day, short in (("2024-03-15", "0001"), ("2024-03-16", "0002"), ("2023-01-05", "0003")):
        put(ledger_dir, f"{day[:4]}/{day}/study-{short}.toml", GOOD.replace("2024-03-15", day))
    first = run("validate")
    assert first.exit_code == 0 and "检查了 3 个记录文件" in first.stdout
    assert len(reads) == 3
    reads.clear()
    second = run("validate")
    assert reads == []  # every record file served from the cache
    assert second.stdout == first.stdout
    assert (ledger_dir / cache.CACHE_DIR / "2024.cache").is_file()
    assert run("summary", "2023..2024").exit_code == 0 and reads == []  # one cache for every command


def test_a_record_broken_in_place_is_seen_and_so_is_its_fix(run, ledger_dir, reads, old_files):
    path = put(ledger_dir, "2024/2024-03-15/study-0001.toml", GOOD)
    assert run("validate").exit_code == 0
    reads.clear()
    assert run("validate").exit_code == 0 and reads == []  # now cached

    rewrite_in_place(path, BROKEN)
    r = same_as_uncached(run, "validate", "--json")
    assert r.exit_code == 1 and path in reads
    [error] = json.loads(r.stdout)["errors"]
    assert (error["path"], error["code"], error["line"]) == ("data/2024/2024-03-15/study-0001.toml", "bad-type", 4)
    text = same_as_uncached(run, "validate").stdout
    assert 'study-0001.toml:4: 错误' in text and '    4 | participants = "20"' in text

    reads.clear()
    assert run("validate").exit_code == 1 and reads == []  # the problem is cached in its turn

    rewrite_in_place(path, GOOD)
    r = same_as_uncached(run, "validate")
    assert r.exit_code == 0 and "台账无问题" in r.stdout


def test_removed_renamed_and_moved_files_are_seen(run, ledger_dir, old_files):
    a = put(ledger_dir, "2024/2024-03-15/study-0001.toml", GOOD)
    b = put(ledger_dir, "2024/2024-03-15/study-0002.toml", GOOD.replace("宪法", "民法典"))
    run("validate")
    a.rename(a.with_name("学习.toml"))  # a bad name now
    b.rename(ledger_dir / "2024" / "study-0002.toml")  # out of its day directory
    out = json.loads(same_as_uncached(run, "validate", "--json").stdout)
    assert sorted((e["path"], e["code"]) for e in out["errors"]) == [
        ("data/2024/2024-03-15/学习.toml", "bad-name"), ("data/2024/study-0002.toml", "bad-path")]
    (ledger_dir / "2024" / "2024-03-15" / "学习.toml").unlink()
    (ledger_dir / "2024" / "study-0002.toml").unlink()
    r = same_as_uncached(run, "validate")
    assert "检查了 0 个记录文件" in r.stdout


def test_seeded_ledger_from_a_warm_cache_matches_the_golden_file(run, ledger_dir, old_files):
    seed_every_problem(ledger_dir)
    golden = (REPO / "tests" / "golden" / "validate_seeded.txt").read_text("utf-8")
    assert run("validate").stdout == golden
    assert run("validate").stdout == golden  # now from the cache
    for args in (["validate", "--json"], ["validate", "2024-03"], ["--lang", "en", "validate"],
                 ["--lang", "en", "validate", "--json"]):
        same_as_uncached(run, *args)
        same_as_uncached(run, *args)


def test_worker_processes_give_the_same(run, ledger_dir, old_files, monkeypatch):
    """A first read of many day directories is done by worker processes, and so is a read of many
    changed files: validate's report is the same."""
    seed_every_problem(ledger_dir)
    golden = (REPO / "tests" / "golden" / "validate_seeded.txt").read_text("utf-8")
    monkeypatch.setattr(cache, "PARALLEL_MIN_DAYS", 1)
    monkeypatch.setattr(cache, "PARALLEL_MIN", 1)
    assert run("validate").stdout == golden  # first read: workers list and read the days
    for path in (ledger_dir / "2024").rglob("*.toml"):
        os.utime(path)  # every file looks changed: read again, by workers
    assert run("validate").stdout == golden
    assert run("validate").stdout == golden


def test_evidence_checked_half_in_another_process_gives_the_same(run, ledger_dir, monkeypatch):
    from fzlog.checks import validate as core

    seed_every_problem(ledger_dir)
    golden = (REPO / "tests" / "golden" / "validate_seeded.txt").read_text("utf-8")
    json_here = run("validate", "--json").stdout
    monkeypatch.setattr(core, "EVIDENCE_APART_MIN", 1)
    forked = []

    def spy(*args, original=cache.forked):
        forked.append(original(*args))
        return forked[-1]
    monkeypatch.setattr(cache, "forked", spy)
    assert run("validate").stdout == golden
    assert run("validate", "--json").stdout == json_here
    assert forked and (all(forked) or not sys.platform.startswith("linux"))  # on Linux: really forked
    # a process that fails: its half is checked here instead
    monkeypatch.setattr(core, "_evidence_problems", dies_in_a_child(core._evidence_problems, after=0))
    assert run("validate").stdout == golden


def test_older_years_checked_in_another_process_give_the_same(run, ledger_dir, old_files, monkeypatch):
    """On a big ledger the older year folders are checked in a forked process: the report is the
    same, problems across the two shares included; should that process fail, or folders be
    linked inside the ledger, everything is checked here."""
    from fzlog.checks import validate as core
    from tests.cli.test_validate import OK

    seed_every_problem(ledger_dir)
    put(ledger_dir, "2021/2021-05-01/seminar-0a13.toml", 'kind = "seminar"\ndate = 2021-05-01\ntitle = "研讨"\n')
    put(ledger_dir, "2024/2024-05-01/study-0a16.toml", OK.format(day="2024-05-01", law="宪法"))  # the id of 2023's
    put(ledger_dir, "2021/2021-02-03/study-0b01.toml",
        OK.format(day="2021-02-03", law="民法典") + 'evidence = ["evidence/没有这个文件.jpg"]\n')
    put(ledger_dir, "2021/2021-02-03/study-0b02.toml",
        OK.format(day="2021-02-03", law="民法典") + 'evidence = ["evidence/没有这个文件.jpg"]\n')
    put(ledger_dir, "2021/stray.txt", "?")
    put(ledger_dir, "0000/stray.txt", "?")  # (a folder named like no year)
    runs = [["--lang", "zh", "validate"], ["--lang", "zh", "validate", "--json"],
            ["--lang", "zh", "validate", "2022..2024"], ["--lang", "en", "validate"]]
    want = [run(*args).stdout for args in runs]
    assert "与 2021-05-01/seminar-0a13、2024-07-01/seminar-0a13 相同" in want[0]  # a short id of 2024's
    assert "2023/2024-05-01" in want[0] and "没有这个文件" in want[0]

    monkeypatch.setattr(core, "SPLIT_MIN_BYTES", 0)
    shares = []

    def spy(fn, *args, original=cache.forked):
        child = original(fn, *args)
        if fn is core._share:
            shares.append((child, args[2]))
        return child
    monkeypatch.setattr(cache, "forked", spy)
    for _ in range(2):  # cold, then from the cache
        assert [run(*args).stdout for args in runs] == want
    if sys.platform.startswith("linux"):
        assert shares and all(child for child, _ in shares)
        assert all(share and "2024" not in share for _, share in shares)  # older years, never all of them
        assert shares[2][1] <= {"2022", "2023"}  # (of the period)
    assert run("validate", "2024").stdout == run("validate", "2024").stdout  # one year: not shared out

    monkeypatch.setattr(core, "_share", dies_in_a_child(core._share, after=0))
    assert [run(*args).stdout for args in runs] == want
    monkeypatch.undo()


def test_older_years_are_not_shared_out_across_a_link(run, ledger_dir, old_files, monkeypatch):
    """A folder reached through a symlink inside the ledger is walked once, as it is when one
    process checks everything."""
    from fzlog.checks import validate as core
    from tests.cli.test_validate import OK

    put(ledger_dir, "2021/2021-02-03/study-0b01.toml", OK.format(day="2021-02-03", law="民法典"))
    put(ledger_dir, "2024/2024-02-03/study-0b02.toml", OK.format(day="2024-02-03", law="宪法"))
    try:
        os.symlink(ledger_dir / "2021" / "2021-02-03", ledger_dir / "2024" / "2024-02-04")
    except OSError:
        pytest.skip("no symlinks here")
    want = run("validate").stdout, run("validate", "--json").stdout
    monkeypatch.setattr(core, "SPLIT_MIN_BYTES", 0)
    assert (run("validate").stdout, run("validate", "--json").stdout) == want
