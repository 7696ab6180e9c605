"""The record cache (fzlog/cache.py) never serves a stale or invalid record: what a load returns is
always what reading every file returns. Correctness only — timings live in benchmarks/bench.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fzlog import period as period_mod
from fzlog.cli import cli
from fzlog.kinds import default_registry
from fzlog.messages import set_lang
from fzlog.record import Record, to_toml
from fzlog.store import cache
from fzlog.store.ledger import Ledger

ALL = period_mod.parse("2000..2099")


# fixtures old_files and reads: see conftest.py


def write(root: Path, day: str, name: str, text: str) -> Path:
    path = root / day[:4] / day / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def study(day: str, participants: int = 20, title: str = "学习宪法") -> str:
    rec = Record(
        kind="study",
        date=dt.date.fromisoformat(day),
        title=title,
        tags=("机关学法",),
        fields={"participants": participants, "hours": 1.5},
    )
    return to_toml(rec, default_registry())


@pytest.fixture
def ledger(tmp_path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    (root / "fzlog.toml").write_text('org = "测试局"\n', "utf-8")
    write(root, "2023-05-04", "study-aaaa", study("2023-05-04", 10))
    write(root, "2024-03-15", "study-bbbb", study("2024-03-15", 20))
    write(
        root,
        "2024-03-15",
        "publicity-cccc",
        'kind = "publicity"\ndate = 2024-03-15\ntitle = "宪法宣传"\nmaterials = 300\n',
    )
    write(
        root,
        "2024-12-04",
        "meeting-dddd",
        'kind = "meeting"\ndate = 2024-12-04\ntitle = "专题会议"\nchaired_by_principal = true\n',
    )
    return root


def load(root: Path, period=ALL):
    return Ledger(root).load(period)


def uncached(root: Path, period=ALL):
    """What reading every file gives, with no cache in the way."""
    os.environ["FZLOG_NO_CACHE"] = "1"
    try:
        loaded = Ledger(root).load(period)
    finally:
        del os.environ["FZLOG_NO_CACHE"]
    return loaded.records, loaded.problems


def same_as_uncached(root: Path, period=ALL):
    loaded = load(root, period)
    records, problems = uncached(root, period)
    assert loaded.records == records
    assert [r.path for r in loaded.records] == [r.path for r in records]
    assert loaded.problems == problems
    return loaded


def by_id(loaded) -> dict[str, Record]:
    return {r.id: r for r in loaded.records}


def test_second_load_reads_nothing_and_gives_the_same(ledger, reads, old_files):
    first = same_as_uncached(ledger)
    assert len(first.records) == 4 and not first.problems
    reads.clear()
    second = load(ledger)
    assert reads == []
    assert second.records == first.records
    assert [r.path for r in second.records] == [r.path for r in first.records]
    assert all(isinstance(r.path, Path) for r in second.records)
    shards = sorted(p.name for p in (ledger / cache.CACHE_DIR).iterdir())
    assert shards == [".gitignore", "2023.cache", "2024.cache", "CACHEDIR.TAG"]


def test_a_year_loads_only_its_shard(ledger, old_files):
    load(ledger)
    other = ledger / cache.CACHE_DIR / "2023.cache"
    other.write_bytes(b"not a shard")  # a damaged shard is rebuilt when it is read: so it must not be
    assert len(load(ledger, period_mod.parse("2024")).records) == 3
    assert other.read_bytes() == b"not a shard"
    load(ledger, period_mod.parse("2023"))
    assert other.read_bytes() != b"not a shard"  # (the check above can fail: reading 2023 rebuilds it)


def test_changed_file_is_read_again(ledger, reads, old_files):
    load(ledger)
    path = ledger / "2024" / "2024-03-15" / "study-bbbb.toml"
    path.write_text(study("2024-03-15", 120), "utf-8")  # another size
    reads.clear()
    assert by_id(load(ledger))["2024-03-15/study-bbbb"].fields["participants"] == 120
    assert reads == [path]
    same_as_uncached(ledger)


def _next_tick(path: Path) -> None:
    """Wait until the file system's clock has moved past ``path``'s ctime (it ticks coarsely), so
    that a change now gets a new ctime, as any change does that comes after a file was cached."""
    probe = path.with_name(".tick.tmp")
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        probe.write_bytes(b"")
        if os.stat(probe).st_ctime_ns > os.stat(path).st_ctime_ns:
            break
        time.sleep(0.002)
    probe.unlink()


def _edit_in_place_and_load(ledger: Path, reads: list[Path], participants: int) -> None:
    """Rewrite a record in place — same file, same size — put its mtime back, and load: the
    change must be seen (the file read again, not served from the cache)."""
    path = ledger / "2024" / "2024-03-15" / "study-bbbb.toml"
    before = os.stat(path)
    data = path.read_bytes()
    with open(path, "r+b") as fh:
        fh.seek(data.index(b"participants = 20"))
        fh.write(b"participants = %d" % participants)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    reads.clear()
    loaded = load(ledger)
    assert path in reads
    assert by_id(loaded)["2024-03-15/study-bbbb"].fields["participants"] == participants
    same_as_uncached(ledger)


def test_edit_in_place_with_same_size_and_mtime_is_seen(ledger, reads, old_files):
    load(ledger)
    _next_tick(ledger / "2024" / "2024-03-15" / "study-bbbb.toml")
    _edit_in_place_and_load(ledger, reads, 21)


def test_a_file_changed_just_before_it_is_read_is_not_cached(ledger, reads):
    # no old_files: every file here was written a moment ago, within the file-system clock's
    # coarse tick; a same-size edit with the mtime put back could keep even the ctime
    load(ledger)
    reads.clear()
    load(ledger)
    assert len(reads) == 4  # none of them was cached
    _edit_in_place_and_load(ledger, reads, 22)


def test_deleted_file_and_day_disappear(ledger, old_files):
    load(ledger)
    (ledger / "2024" / "2024-12-04" / "meeting-dddd.toml").unlink()
    (ledger / "2024" / "2024-12-04").rmdir()
    (ledger / "2024" / "2024-03-15" / "publicity-cccc.toml").unlink()
    loaded = same_as_uncached(ledger)
    assert sorted(by_id(loaded)) == ["2023-05-04/study-aaaa", "2024-03-15/study-bbbb"]
    shard = cache.Store(ledger / cache.CACHE_DIR, cache.cache_key(Ledger(ledger).registry)).shard("2024")
    assert list(shard) == ["2024-03-15"] and list(shard["2024-03-15"]) == ["study-bbbb.toml"]


def test_renames_are_seen(ledger, old_files):
    load(ledger)
    day = ledger / "2024" / "2024-03-15"
    (day / "study-bbbb.toml").rename(day / "study-eeee.toml")
    loaded = same_as_uncached(ledger)
    assert "2024-03-15/study-eeee" in by_id(loaded) and "2024-03-15/study-bbbb" not in by_id(loaded)
    # one file renamed over another: same name, another file
    (day / "publicity-cccc.toml").rename(day / "study-eeee.toml")
    loaded = same_as_uncached(ledger)
    assert by_id(loaded)["2024-03-15/study-eeee"].kind == "publicity"
    # moved to another day: its date no longer matches its directory
    (ledger / "2024" / "2024-12-05").mkdir()
    (ledger / "2024" / "2024-12-04" / "meeting-dddd.toml").rename(ledger / "2024" / "2024-12-05" / "meeting-dddd.toml")
    loaded = same_as_uncached(ledger)
    assert [p.code for p in loaded.problems] == ["date-mismatch"]


def test_new_files_appear(ledger, old_files):
    load(ledger)
    write(ledger, "2024-03-15", "study-ffff", study("2024-03-15", 5))
    write(ledger, "2022-01-02", "study-0000", study("2022-01-02", 6))
    loaded = same_as_uncached(ledger)
    assert {"2024-03-15/study-ffff", "2022-01-02/study-0000"} <= set(by_id(loaded))


def test_problems_are_cached_and_reported_again(ledger, reads, old_files):
    bad = write(
        ledger, "2024-06-01", "study-9999", 'kind = "study"\ndate = 2024-06-01\ntitle = "x"\nparticipants = -3\n'
    )
    first = same_as_uncached(ledger)
    assert [(p.path, p.code, p.line) for p in first.problems] == [(bad, "bad-type", 4)]
    reads.clear()
    second = load(ledger)
    assert reads == []  # the problem came from the cache ...
    assert second.problems == first.problems  # ... the same, with its file and line
    bad.write_text('kind = "study"\ndate = 2024-06-01\ntitle = "x"\nparticipants = 3\n', "utf-8")
    fixed = same_as_uncached(ledger)
    assert not fixed.problems and "2024-06-01/study-9999" in by_id(fixed)


def test_misplaced_files_are_reported_alike(ledger, old_files):
    (ledger / "2024" / "stray.toml").write_text(study("2024-01-01"), "utf-8")
    write(ledger, "2024-03-15", "study-upper", study("2024-03-15")).rename(ledger / "2024" / "2024-03-15" / "x.TOML")
    (ledger / "2024" / "2023-02-02").mkdir()
    (ledger / "2024" / "2023-02-02" / "study-wrong.toml").write_text(study("2023-02-02"), "utf-8")
    for _ in range(2):  # cold, then warm
        loaded = same_as_uncached(ledger)
        assert sorted(p.path.name for p in loaded.problems if p.code == "misplaced") == [
            "stray.toml",
            "study-wrong.toml",
            "x.TOML",
        ]


def test_problems_follow_the_language(ledger, reads, old_files):
    write(ledger, "2024-06-01", "study-9999", 'kind = "study"\ndate = 2024-06-01\ntitle = "x"\nparticipants = -3\n')
    zh = load(ledger).problems[0].message
    set_lang("en")
    reads.clear()
    en = load(ledger).problems[0].message
    assert en != zh and "negative" in en
    assert [p.name for p in reads] == ["study-9999.toml"]  # only the file with the problem was read again
    same_as_uncached(ledger)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "empty", "directory", "wrong-shape"])
def test_damaged_cache_is_rebuilt_silently(ledger, old_files, damage):
    good = same_as_uncached(ledger)
    shard = ledger / cache.CACHE_DIR / "2024.cache"
    data = shard.read_bytes()
    if damage == "truncate":
        shard.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        shard.write_bytes(os.urandom(len(data)))
    elif damage == "flip":
        shard.write_bytes(data[:-20] + bytes([data[-20] ^ 0x40]) + data[-19:])
    elif damage == "empty":
        shard.write_bytes(b"")
    elif damage == "directory":
        shard.unlink()
        shard.mkdir()
    else:  # a sound checksum over data of the wrong shape
        import marshal
        import zlib

        store = cache.Store(ledger / cache.CACHE_DIR, cache.cache_key(Ledger(ledger).registry))
        payload = marshal.dumps(
            {
                "2024-03-15": {"study-bbbb.toml": ("not", "an", "entry")},
                "2024-12-04": {"meeting-dddd.toml": (None, 1, 2, 3)},
            }
        )
        shard.write_bytes(store._header() + b"%08x\n" % zlib.crc32(payload) + payload)
    again = same_as_uncached(ledger)
    assert again.records == good.records and again.problems == good.problems
    if damage != "directory":
        assert cache.Store(ledger / cache.CACHE_DIR, cache.cache_key(Ledger(ledger).registry)).shard("2024")


def test_another_fzlog_version_does_not_use_the_cache(ledger, reads, old_files, monkeypatch):
    load(ledger)
    monkeypatch.setattr(cache, "__version__", "99.0")
    reads.clear()
    same_as_uncached(ledger)
    assert len(reads) == 4  # every file read again by the load (the uncached reading does not go through the cache)


def test_changed_registry_invalidates(ledger, reads, old_files):
    odd = write(
        ledger,
        "2024-07-01",
        "publicity-7777",
        'kind = "publicity"\ndate = 2024-07-01\ntitle = "志愿宣传"\nvolunteers = 3\n',
    )
    assert [p.path for p in same_as_uncached(ledger).problems] == [odd]  # no such field yet
    cfg = ledger / "fzlog.toml"
    cfg.write_text(
        cfg.read_text("utf-8") + '\n[[kinds.publicity.fields]]\nname = "volunteers"\ntype = "int"\n', "utf-8"
    )
    loaded = same_as_uncached(ledger)
    assert not loaded.problems and by_id(loaded)["2024-07-01/publicity-7777"].fields == {"volunteers": 3}
    cfg.write_text('org = "测试局"\n', "utf-8")  # and back: the record is a problem again
    assert [p.path for p in same_as_uncached(ledger).problems] == [odd]


def test_read_only_ledger_works_uncached(ledger, old_files, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.os, "replace", refuse)
    good = same_as_uncached(ledger)
    assert len(good.records) == 4
    assert not list((ledger / cache.CACHE_DIR).glob("*.cache"))
    assert not list(ledger.rglob("*.tmp"))  # no temporary file left behind


def test_cache_directory_that_cannot_be_made(ledger, old_files):
    (ledger / cache.CACHE_DIR).write_text("not a directory")
    loaded = load(ledger)
    assert loaded.records == uncached(ledger)[0] and len(loaded.records) == 4
    assert [p.code for p in loaded.problems] == ["cache-off"]
    assert [p.code for p in load(ledger).problems] == []  # said once


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions apply to")
def test_read_only_directory(ledger):
    for d in [ledger, *[p for p in ledger.rglob("*") if p.is_dir()]]:
        d.chmod(0o555)
    try:
        assert len(same_as_uncached(ledger).records) == 4
        assert not (ledger / cache.CACHE_DIR).exists()
    finally:
        for d in [ledger, *[p for p in ledger.rglob("*") if p.is_dir()]]:
            d.chmod(0o755)


def test_cache_directory_keeps_out_of_git_and_backups(ledger, old_files):
    load(ledger)
    d = ledger / cache.CACHE_DIR
    assert (d / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (d / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")


def test_summary_json_identical_with_and_without_cache(sample, monkeypatch):
    def summary(*args):
        r = CliRunner().invoke(cli, ["--ledger", str(sample), "summary", *args, "--json"])
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    def listing():
        r = CliRunner().invoke(cli, ["--ledger", str(sample), "list", "2020..2025", "--json"])
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    monkeypatch.setattr(cache, "now", lambda: time.time_ns() + 10 * cache.RACY_NS)
    monkeypatch.setenv("FZLOG_NO_CACHE", "1")
    want = [summary("2024"), summary("2021..2025", "--by", "quarter"), summary("2024", "--compare", "2023"), listing()]
    assert not (sample / cache.CACHE_DIR).exists()
    monkeypatch.delenv("FZLOG_NO_CACHE")
    for _ in range(2):  # cold, then warm
        got = [
            summary("2024"),
            summary("2021..2025", "--by", "quarter"),
            summary("2024", "--compare", "2023"),
            listing(),
        ]
        assert got == want
    assert (sample / cache.CACHE_DIR / "2024.cache").is_file()


def test_no_progress_for_a_few_files(ledger):
    steps = []
    lg = Ledger(ledger)
    lg.progress = lambda done, total: steps.append((done, total))
    lg.load(ALL)
    assert steps == []


def test_year_directory_removed(ledger, old_files):
    load(ledger)
    write(ledger, "2025-01-02", "study-1111", study("2025-01-02"))
    load(ledger)
    for day in (ledger / "2024").iterdir():
        for f in day.iterdir():
            f.unlink()
        day.rmdir()
    (ledger / "2024").rmdir()
    loaded = same_as_uncached(ledger)
    assert sorted(by_id(loaded)) == ["2023-05-04/study-aaaa", "2025-01-02/study-1111"]
    store = cache.Store(ledger / cache.CACHE_DIR, cache.cache_key(Ledger(ledger).registry))
    assert store.shard("2024") == {}


def test_progress_bar_draws_only_at_a_terminal(monkeypatch):
    import io

    from fzlog.cli.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for stream, drawn in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        bar = ProgressBar()
        for done in (0, 4000, 10000):
            bar(done, 10000)
        assert bar._bar is None  # finished and gone
        assert ("100%" in stream.getvalue()) == drawn


def test_shape_is_applied_to_each_result_cold_and_warm(ledger, old_files):
    lg = Ledger(ledger)
    days = lg.iter_days()
    key = cache.cache_key(lg.registry)

    def title(result):
        rec, problems = result
        return rec.title if rec is not None else [p.code for p in problems]

    plain = [title(lg.read_in(d.path / name, d.name)[:2]) for d in days for name in d.files]
    for _ in range(2):  # cold, then from the cache
        assert cache.read(ledger, days, key, lg.read_in, shape=title)[0] == plain


def test_days_out_of_year_order_are_cached_whole(ledger, reads, old_files):
    # the shards are let go of between years: a year met again is read again, and nothing is lost
    write(ledger, "2023-06-01", "study-eeee", study("2023-06-01", 5))
    lg = Ledger(ledger)
    key = cache.cache_key(lg.registry)
    days = lg.iter_days()
    y2023 = [d for d in days if d.name.startswith("2023")]
    y2024 = [d for d in days if d.name.startswith("2024")]
    mixed = y2024[:1] + y2023 + y2024[1:]
    first = cache.read(ledger, mixed, key, lg.read_in, span=None)[0]
    assert len(reads) == 5
    reads.clear()
    assert cache.read(ledger, mixed, key, lg.read_in, span=None)[0] == first
    assert reads == []
    assert len(same_as_uncached(ledger).records) == 5
    assert reads == []


def test_a_cold_read_of_several_years_caches_every_year(ledger, reads, old_files):
    # (each year's entries are written once its files are read, not all at the end)
    write(ledger, "2022-01-10", "study-ffff", study("2022-01-10", 7))
    first = same_as_uncached(ledger)
    assert len(reads) == 5
    reads.clear()
    assert load(ledger).records == first.records
    assert reads == []
    shards = sorted(p.name for p in (ledger / cache.CACHE_DIR).iterdir() if p.name.endswith(".cache"))
    assert shards == ["2022.cache", "2023.cache", "2024.cache"]


def test_records_from_the_cache_share_the_values_they_repeat(tmp_path, old_files):
    """A big ledger is held in memory by ``list`` and ``export``: a place, a tag or a kind's text
    field that many records repeat is one string, not one per record; a record has no __dict__."""
    root = tmp_path / "data"
    root.mkdir()
    (root / "fzlog.toml").write_text('org = "测试局"\n', "utf-8")
    for i, day in enumerate(["2023-05-04", "2024-03-15", "2024-03-16"]):
        write(
            root,
            day,
            f"enterprise-visit-{i:04x}",
            f'kind = "enterprise-visit"\ndate = {day}\ntitle = "走访{i}"\nplace = "县政务中心"\n'
            f'tags = ["营商环境", "优化"]\nenterprise = "某某科技有限公司"\n',
        )
    load(root)  # (fills the cache)
    records = load(root).records
    assert len(records) == 3
    for name in ("place", "tags"):
        assert len({id(r.place if name == "place" else r.tags[0]) for r in records}) == 1, name
    assert len({id(r.fields["enterprise"]) for r in records}) == 1
    assert [r.title for r in records] == ["走访0", "走访1", "走访2"]
    assert not hasattr(records[0], "__dict__")


def test_a_year_total_is_not_kept_over_a_day_that_was_not_at_rest(ledger, monkeypatch):
    """A day whose files changed a moment ago is not kept in the year's tally index (see
    RACY_NS); nor may the year's joined total be, or the day's records would still be counted
    once the day is gone (its removal is seen only through the index). Also after a copy of the
    ledger (every file new) and a year folder moved away."""
    import shutil

    from fzlog import period as period_mod

    def count(year: str) -> int:
        parts, _ = Ledger(ledger).tallies(period_mod.parse(year))
        return sum(p.count for p in parts.values())

    write(ledger, "2024-08-08", "study-eeee", study("2024-08-08", 5))  # (just written: not at rest)
    assert count("2024") == 4
    monkeypatch.setattr(cache, "now", lambda: time.time_ns() + 10 * cache.RACY_NS)  # (at rest from now on)
    (ledger / "2024" / "2024-08-08" / "study-eeee.toml").unlink()
    (ledger / "2024" / "2024-08-08").rmdir()
    assert count("2024") == 3 == len(Ledger(ledger).load(period_mod.parse("2024")).records)

    monkeypatch.undo()  # every file new again, as in a fresh copy of the ledger
    shutil.rmtree(ledger / cache.CACHE_DIR)
    assert count("2023..2024") == 4
    shutil.move(ledger / "2023", ledger.parent / "2023-away")
    assert count("2023..2024") == 3 and count("2023") == 0
