"""fzlog validate takes what reading each record file gives from the record cache (fzlog/cache.py)
and must never report from a stale entry: its output is always that of reading every file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fzlog.store import cache
from tests.cli.test_validate import seed_every_problem
from tests.conftest import REPO
from tests.unit.test_cache import _next_tick

GOOD = 'kind = "study"\ndate = 2024-03-15\ntitle = "学习宪法"\nparticipants = 2000\n'
BROKEN = 'kind = "study"\ndate = 2024-03-15\ntitle = "学习宪法"\nparticipants = "20"\n'  # same size


def uncached(run, *args):
    """What validate says with no cache in the way."""
    os.environ["FZLOG_NO_CACHE"] = "1"
    try:
        return run(*args)
    finally:
        del os.environ["FZLOG_NO_CACHE"]


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
    assert "study-0001.toml:4: 错误" in text and '    4 | participants = "20"' in text

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
        ("data/2024/2024-03-15/学习.toml", "bad-name"),
        ("data/2024/study-0002.toml", "bad-path"),
    ]
    (ledger_dir / "2024" / "2024-03-15" / "学习.toml").unlink()
    (ledger_dir / "2024" / "study-0002.toml").unlink()
    r = same_as_uncached(run, "validate")
    assert "检查了 0 个记录文件" in r.stdout


def test_seeded_ledger_from_a_warm_cache_matches_the_golden_file(run, ledger_dir, old_files):
    seed_every_problem(ledger_dir)
    golden = (REPO / "tests" / "golden" / "validate_seeded.txt").read_text("utf-8")
    assert run("validate").stdout == golden
    assert run("validate").stdout == golden  # now from the cache
    for args in (
        ["validate", "--json"],
        ["validate", "2024-03"],
        ["--lang", "en", "validate"],
        ["--lang", "en", "validate", "--json"],
    ):
        same_as_uncached(run, *args)
        same_as_uncached(run, *args)


def test_validate_json_is_one_json_document_written_as_it_is_made(run, ledger_dir, old_files):
    # (the problems are written one by one, not as one text: the output is still json.dumps's)
    seed_every_problem(ledger_dir)
    for args in (["validate", "--json"], ["validate", "--json", "--fix-encoding"], ["validate", "1999", "--json"]):
        out = run(*args).stdout
        data = json.loads(out)
        assert data["errors"] or args[1] == "1999"
        assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_alike_records_are_compared_in_full_from_a_warm_cache(run, ledger_dir, old_files):
    # validate keeps only a brief of each record and reads those with the same kind, date and
    # title again to compare them whole
    text = 'kind = "study"\ndate = 2024-03-15\ntitle = "学习宪法"\nparticipants = {}\n'
    put(ledger_dir, "2024/2024-03-15/study-0001.toml", text.format(20))
    put(ledger_dir, "2024/2024-03-15/study-0002.toml", text.format(20))
    put(ledger_dir, "2024/2024-03-15/study-0003.toml", text.format(30))
    put(ledger_dir, "2024/study-0004.toml", text.format(30))
    for _ in range(2):
        data = json.loads(same_as_uncached(run, "validate", "--json").stdout)
        codes = sorted((Path(p["path"]).name, p["code"]) for p in data["errors"] + data["warnings"])
        assert ("study-0002.toml", "duplicate-record") in codes
        assert ("study-0004.toml", "duplicate-record") in codes
        assert not any(
            name in ("study-0001.toml", "study-0003.toml") and code == "duplicate-record" for name, code in codes
        )
