"""A long period is listed and exported a year at a time (Ledger.load_years): what is written is
what one load of the whole period gives, and the files skipped are still said."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fzlog import period as period_mod
from fzlog.store.ledger import Ledger

STUDY = 'kind = "study"\ndate = {day}\ntitle = "学习{n}"\nparticipants = {n}\n'
PUBLICITY = 'kind = "publicity"\ndate = {day}\ntitle = "宣传{n}"\nmaterials = {n}\n'


def _write(root: Path, day: str, name: str, text: str) -> None:
    path = root / day[:4] / day / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


@pytest.fixture
def years(ledger_dir) -> Path:
    """Studies in 2022–2024, publicity only in 2024 (its field first appears in the last year),
    and a broken file in 2023."""
    for n, day in enumerate(["2022-03-01", "2022-11-02", "2023-05-04", "2024-01-09", "2024-06-30"], 1):
        _write(ledger_dir, day, f"study-{n:04x}", STUDY.format(day=day, n=n))
    _write(ledger_dir, "2024-07-01", "publicity-00aa", PUBLICITY.format(day="2024-07-01", n=300))
    _write(ledger_dir, "2023-05-04", "study-0bad", 'kind = "study"\ndate = 2023-05-04\ntitle = \n')
    return ledger_dir


def test_load_years_gives_what_load_gives_a_year_at_a_time(years, old_files):
    per = period_mod.parse("2020..2025")
    for _ in range(2):  # (read, then from the cache)
        chunks, problems = Ledger(years).load_years(per)
        got = list(chunks)
        assert [[r.date.year for r in c] for c in got] == [[2022, 2022], [2023], [2024, 2024, 2024]]
        loaded = Ledger(years).load(per)
        assert [r for c in got for r in c] == loaded.records
        assert problems == loaded.problems and [p.code for p in problems] == ["toml-syntax"]


def test_load_years_drops_a_year_whose_folders_are_gone(years, old_files):
    per = period_mod.parse("2022..2024")
    list(Ledger(years).load_years(per)[0])
    for day in (years / "2023").iterdir():
        for f in day.iterdir():
            f.unlink()
        day.rmdir()
    chunks, problems = Ledger(years).load_years(per)
    assert [[r.date.year for r in c] for c in chunks] == [[2022, 2022], [2024, 2024, 2024]] and problems == []
    assert len(Ledger(years).load(per).records) == 5


@pytest.fixture(params=["held", "streamed"])
def hold(request, monkeypatch) -> str:
    """A period short enough to be read whole before it is written, and one that is not
    (``HOLD_RECORDS`` at 1: its years are read as they are taken, and again for a CSV header)."""
    from fzlog.cli import records

    if request.param == "streamed":
        monkeypatch.setattr(records, "HOLD_RECORDS", 1)
    return request.param


def test_a_long_period_lists_as_one_load_does(years, run, hold, monkeypatch):
    reads = []
    load_years = Ledger.load_years
    monkeypatch.setattr(
        Ledger, "load_years", lambda self, period=None: reads.append(period) or load_years(self, period)
    )
    one = {y: json.loads(run("list", y, "--json").stdout) for y in ("2022", "2023", "2024")}
    r = run("list", "2022..2024", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == one["2022"] + one["2023"] + one["2024"]
    assert "study-0bad.toml" in r.stderr and "共跳过 1 个" in r.stderr

    reads.clear()
    r = run("list", "2022..2024", "--csv")
    assert len(reads) == (1 if hold == "held" else 2)  # (the header needs every record first)
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][10:] == ["participants", "materials"]  # (a field first met in the last year)
    assert [row[0] for row in rows[1:]] == [x["id"] for y in one.values() for x in y]
    assert rows[-1][-1] == "300" and "study-0bad.toml" in r.stderr
    assert r.stdout.count("\n") == 7

    r = run("list", "2022..2024")
    assert r.stdout.endswith("\n6 条记录\n") and "study-0bad.toml" in r.stderr


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_a_long_period_exports_as_one_load_does(years, run, tmp_path, suffix, hold):
    from openpyxl import load_workbook

    from fzlog.exchange import exporter

    out = tmp_path / f"all{suffix}"
    r = run("export", "2022..2024", "-o", str(out))
    assert r.exit_code == 0 and "6 条" in r.stdout and "study-0bad.toml" in r.stderr
    records = Ledger(years).load(period_mod.parse("2022..2024")).records
    want = exporter.render(suffix[1:], records, Ledger(years).registry)
    if suffix != ".xlsx":
        assert out.read_bytes() == want
        return
    (tmp_path / "want.xlsx").write_bytes(want)
    got, expected = load_workbook(out), load_workbook(tmp_path / "want.xlsx")
    assert got.sheetnames == expected.sheetnames == ["集中学习", "法治宣传活动"]  # (a kind met in the last year)
    for name in got.sheetnames:
        assert [[c.value for c in row] for row in got[name].rows] == [
            [c.value for c in row] for row in expected[name].rows
        ]
        assert {k: d.width for k, d in got[name].column_dimensions.items()} == {
            k: d.width for k, d in expected[name].column_dimensions.items()
        }


def test_an_import_over_years_finds_what_the_ledger_holds(run, ledger_dir, tmp_path):
    """Import compares its rows with the ledger's records of their days, read a year at a time:
    a row the ledger holds is skipped, one like a record of its day is noted, the rest are new."""
    for title, day, n in (("宪法宣传", "2022-12-04", 300), ("民法典宣传", "2024-05-01", 100)):
        assert run("add", "法治宣传活动", "-t", title, "-d", day, "--set", f"materials={n}").exit_code == 0
    rows = [
        "日期,类型,标题,发放宣传资料（份）",
        "2022-12-04,法治宣传活动,宪法宣传,300",  # held
        "2024-05-01,法治宣传活动,民法典宣传,120",  # like a record of its day
        "2023-06-01,法治宣传活动,宪法宣传,300",  # new
    ]
    (tmp_path / "rows.csv").write_text("\n".join(rows) + "\n", "utf-8")
    out = json.loads(run("import", str(tmp_path / "rows.csv"), "--dry-run", "--json").stdout)
    assert [e["row"] for e in out["existing"]] == [2] and out["existing"][0]["id"].startswith("2022-12-04/")
    assert [n["row"] for n in out["new"]] == [3, 4]
    assert len(out["notes"]) == 1 and "第 3 行" in out["notes"][0] and "2024-05-01/publicity-" in out["notes"][0]


def test_a_cache_linked_out_of_the_ledger_is_not_looked_into(years, run, tmp_path, monkeypatch):
    import os

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "2023.cache").write_bytes(b"not ours")
    (years / ".fzlog-cache").symlink_to(outside, target_is_directory=True)
    listed: list[str] = []
    real = os.listdir

    def listdir(path="."):
        listed.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    r = run("list", "2022..2024", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 6
    assert not [p for p in listed if ".fzlog-cache" in p or "elsewhere" in p]


def test_reading_a_year_at_a_time_reports_progress_over_every_file(years, monkeypatch):
    """The progress of a first read goes once from 0 to every file of the period, not once a year."""
    from fzlog.checks.validate import validate
    from fzlog.store import cache

    monkeypatch.setattr(cache, "PROGRESS_AFTER", -1.0)
    monkeypatch.setattr(cache, "CHUNK", 1)
    for run_it in (lambda lg: list(lg.load_years(period_mod.parse("2022..2024"))[0]), validate):
        seen: list[tuple[int, int]] = []
        lg = Ledger(years)
        lg.progress = lambda done, total, seen=seen: seen.append((done, total))
        run_it(lg)
        assert seen and seen[-1] == (7, 7) and {total for _, total in seen} == {7}
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_filtered_summary_of_years_is_the_tally_of_its_records(years, run):
    from fzlog import query, tally

    lg, per = Ledger(years), period_mod.parse("2022..2024")
    picked = list(query.select(lg.load(per).records, query.Query(text="学习")))
    want = tally.tally(picked, lg.registry, per, zeros=False).to_dict()
    r = run("summary", "2022..2024", "--grep", "学习", "--json")
    assert json.loads(r.stdout) == json.loads(json.dumps(want, ensure_ascii=False, default=str))
    assert json.loads(r.stdout)["records"] == 5 and "study-0bad.toml" in r.stderr


@pytest.mark.parametrize("command", [["export", "-o", "out.csv"], ["export", "-o", "out.xlsx"], ["list", "--csv"]])
def test_a_record_changed_between_the_two_reads_is_never_left_out(years, run, monkeypatch, tmp_path, command):
    """A period streamed and read twice (a CSV header, Excel's sheets first): a record added in
    between would be left out, or laid out by a header and totals made without it. The second
    read is checked against the first: the command fails saying so, and no export file is made."""
    from fzlog.cli import records

    monkeypatch.setattr(records, "HOLD_RECORDS", 1)
    calls = []
    load_years = Ledger.load_years

    def meanwhile(self, period=None):
        calls.append(period)
        if len(calls) == 2:  # (someone adds a record of a kind and a field not met before)
            _write(years, "2023-09-09", "honor-0add", 'kind = "honor"\ndate = 2023-09-09\ntitle = "表彰"\n')
        return load_years(self, period)

    monkeypatch.setattr(Ledger, "load_years", meanwhile)
    argv = [command[0], "2022..2024", *[str(tmp_path / a) if a.startswith("out.") else a for a in command[1:]]]
    r = run(*argv)
    assert len(calls) == 2 and r.exit_code != 0 and "两遍读取的结果不一致" in r.stderr
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.xlsx").exists()
