"""Hardening of the store (issue 13): one walker decides what is inside the ledger; readers say
what they skipped; nothing outside is read or written; special files are never opened."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fzlog.store import layout
from fzlog.store.ledger import Ledger, new_id

STUDY = 'kind = "study"\ndate = {day}\ntitle = "学习"\nparticipants = {n}\n'
READERS = (
    ["summary", "2024"],
    ["list", "2024"],
    ["export", "2024", "-o", "x.csv", "--force"],
    ["report", "2024"],
    ["check", "2024"],
)


def put(root: Path, rel: str, n: int = 5, day: str = "2024-03-01") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STUDY.format(day=day, n=n), "utf-8")
    return path


def participants(run) -> int:
    import json

    r = run("summary", "2024", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["kinds"]["study"]["fields"]["participants"]


@pytest.mark.parametrize(
    "rel",
    [
        "2024/2024-03-01/sub/study-0003.toml",
        "2024/2024-3-1/study-0009.toml",
        "2023/2024-03-01/study-0004.toml",
        "2024/study-0005.toml",
        "2024/2024-03-01/study-0006.TOML",
    ],
)
def test_every_reader_says_what_it_skipped(run, ledger_dir, rel):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    put(ledger_dir, rel, 100)
    for args in READERS:
        r = run(*args)
        assert "Traceback" not in r.output
        assert "已跳过" in r.stderr and "fzlog validate" in r.stderr, (args, r.stderr)
    assert participants(run) == 1


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("where", ["file", "day", "year"])
def test_symlinks_out_are_never_followed_by_readers(run, ledger_dir, tmp_path, where):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    outside = tmp_path / "outside"
    put(outside, "2024/2024-03-02/study-0002.toml", 100, day="2024-03-02")
    if where == "file":
        os.symlink(outside / "2024/2024-03-02/study-0002.toml", ledger_dir / "2024/2024-03-01/study-0002.toml")
    elif where == "day":
        os.symlink(outside / "2024/2024-03-02", ledger_dir / "2024/2024-03-02")
    else:
        os.rename(ledger_dir / "2024", outside / "2024" / "mine")
        os.symlink(outside / "2024", ledger_dir / "2024")
    for args in READERS:
        r = run(*args)
        assert "已跳过" in r.stderr, (args, r.stderr)
    if where != "year":
        assert participants(run) == 1
    v = run("validate")
    assert v.exit_code == 1 and "outside-ledger" in run("validate", "--json").stdout


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("linked", ["day", "year"])
def test_add_refuses_a_folder_linked_outside(run, ledger_dir, tmp_path, linked):
    outside = tmp_path / "outside"
    outside.mkdir()
    if linked == "year":
        os.symlink(outside, ledger_dir / "2024")
    else:
        (ledger_dir / "2024").mkdir()
        os.symlink(outside, ledger_dir / "2024" / "2024-03-01")
    r = run("add", "集中学习", "--date", "2024-03-01", "--title", "学习", "--set", "participants=3")
    assert r.exit_code == 2 and "台账之外" in r.output
    assert list(outside.rglob("*")) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
@pytest.mark.parametrize("rel", ["2024/2024-03-01/study-000f.toml", "stray.toml", "2024/2024-03-01/x.txt"])
def test_a_fifo_is_never_opened(ledger_dir, rel):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    fifo = ledger_dir / rel
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    for args in (["validate"], ["summary", "2024"], ["list", "2024"]):
        p = subprocess.run(
            [sys.executable, "-m", "fzlog", "--ledger", str(ledger_dir), *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert "Traceback" not in p.stderr
    v = subprocess.run(
        [sys.executable, "-m", "fzlog", "--ledger", str(ledger_dir), "validate"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if rel.endswith(".toml"):
        assert v.returncode == 1 and "不是普通文件" in v.stdout + v.stderr


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_cache_folder_linked_elsewhere_is_not_written(run, ledger_dir, tmp_path):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    target = tmp_path / "elsewhere"
    target.mkdir()
    os.symlink(target, ledger_dir / ".fzlog-cache")
    r = run("summary", "2024")
    assert r.exit_code == 0 and "不使用缓存" in r.stderr
    assert list(target.iterdir()) == []


def test_no_cache_switch(run, ledger_dir, monkeypatch):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    monkeypatch.setenv("FZLOG_NO_CACHE", "1")
    assert participants(run) == 1
    assert not (ledger_dir / ".fzlog-cache").exists()


def test_new_ids_are_eight_base32_characters_and_old_ids_still_work(run, ledger_dir):
    assert all(re.fullmatch(r"[a-z2-7]{8}", new_id()) for _ in range(200))
    r = run("add", "集中学习", "--date", "2024-03-01", "--title", "学习", "--set", "participants=3", "--json")
    assert r.exit_code == 0, r.output
    assert re.search(r'study-[a-z2-7]{8}"', r.stdout)
    put(ledger_dir, "2024/2024-03-02/study-3f9a.toml", 2, day="2024-03-02")
    assert run("show", "3f9a").exit_code == 0


def test_ids_of_a_county_ledger_do_not_collide():
    ids = [new_id() for _ in range(50_000)]
    assert len(set(ids)) == len(ids)


def test_walker_year_rule_is_one_rule():
    assert layout.is_year("2024") and not layout.is_year("0000") and not layout.is_year("24")
    assert layout.place_of(("0000", "0000-01-01", "study-1.toml")).status == "outside"


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_looping_symlink_is_no_crash(run, ledger_dir):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    os.symlink("loop.toml", ledger_dir / "2024/2024-03-01/loop.toml")
    os.symlink("gone.toml", ledger_dir / "2024/2024-03-01/study-0002.toml")
    for args in (["summary", "2024"], ["list", "2024"]):
        r = run(*args)
        assert "Traceback" not in r.output and r.stderr.count("已跳过 ") == 2, r.stderr
    r = run("validate")
    assert r.exit_code == 1 and "Traceback" not in r.output and r.output.count("无法读取文件") == 2


def test_a_file_where_the_year_folder_should_be(run, ledger_dir):
    (ledger_dir / "2024").write_text("not a folder", "utf-8")
    r = run("add", "集中学习", "--date", "2024-03-01", "--title", "学习", "--set", "participants=3")
    assert r.exit_code == 1 and "2024" in r.stderr and "Traceback" not in r.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions apply to")
def test_a_year_folder_that_cannot_be_entered(run, ledger_dir):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml", 1)
    (ledger_dir / "2024").chmod(0)
    try:
        for args in (
            ["add", "集中学习", "--date", "2024-03-01", "--title", "学习", "--set", "participants=3"],
            ["summary", "2024"],
        ):
            r = run(*args)
            assert r.exit_code == 1 and "2024" in r.stderr and "Traceback" not in r.output
    finally:
        (ledger_dir / "2024").chmod(0o755)


def test_the_walker_lists_days_in_the_ledger(tmp_path):
    root = tmp_path / "L"
    put(root, "2024/2024-03-01/study-0001.toml")
    (root / "fzlog.toml").write_text('org = "x"\n', "utf-8")
    days = [d.name for d in Ledger(root).iter_days()]
    assert days == ["2024-03-01"]


def test_the_walker_says_which_day_folders_hold_evidence(tmp_path):
    """validate looks for a record's evidence in its day folder first: the walker says which day
    folders hold anything named evidence (in any case, a folder or not), so the others are never
    listed again."""
    root = tmp_path / "L"
    (root / "fzlog.toml").parent.mkdir(parents=True)
    (root / "fzlog.toml").write_text('org = "x"\n', "utf-8")
    for day, extra in (("2024-03-01", "evidence"), ("2024-03-02", "Evidence"), ("2024-03-03", ""), ("2024-03-04", "x")):
        put(root, f"2024/{day}/study-0001.toml")
        if extra:
            (root / "2024" / day / extra).mkdir()
    (root / "2024" / "2024-03-05").mkdir()
    put(root, "2024/2024-03-05/study-0002.toml")
    (root / "2024" / "2024-03-05" / "evidence").write_bytes(b"a file, not a folder")
    days = {d.name: d.evidence for d in Ledger(root).iter_days()}
    assert days == {
        "2024-03-01": True,
        "2024-03-02": True,
        "2024-03-03": False,
        "2024-03-04": False,
        "2024-03-05": True,
    }


def test_a_listing_lets_go_of_a_folder_and_what_is_below_it(tmp_path):
    from fzlog.store.layout import Listing

    for name in ("a/x", "a/y/z", "ab"):
        (tmp_path / name).mkdir(parents=True)
    listing = Listing()
    assert listing.kind(os.path.join(tmp_path, "a", "x")) == "dir"
    assert listing.kind(os.path.join(tmp_path, "a", "y", "z")) == "dir"
    assert listing.kind(os.path.join(tmp_path, "ab")) == "dir"
    (tmp_path / "a" / "x").rmdir()
    (tmp_path / "a" / "y" / "z").rmdir()
    (tmp_path / "ab").rmdir()
    assert listing.kind(os.path.join(tmp_path, "a", "x")) == "dir"  # (as listed: the listing keeps it)
    listing.forget_below(os.path.join(tmp_path, "a"))
    assert listing.kind(os.path.join(tmp_path, "a", "x")) is None
    assert listing.kind(os.path.join(tmp_path, "a", "y", "z")) is None
    assert listing.kind(os.path.join(tmp_path, "ab")) == "dir"  # (a folder beside, not below)


def test_two_concurrent_imports_of_one_file_write_each_row_once(tmp_path):
    """Defect 1: two imports of the same 300-row CSV at once (two real processes) give 300."""
    root = tmp_path / "L"
    subprocess.run([sys.executable, "-m", "fzlog", "init", str(root), "--org", "x"], check=True, capture_output=True)
    rows = ["类型,日期,标题,参加人数"] + [f"集中学习,2024-03-{1 + i % 28:02d},学习第{i}次,{i + 1}" for i in range(300)]
    csv = tmp_path / "a.csv"
    csv.write_text("\n".join(rows) + "\n", "utf-8")
    cmd = [sys.executable, "-m", "fzlog", "--ledger", str(root), "import", str(csv), "--yes"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert len(list(root.glob("2024/*/*.toml"))) == 300


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_attach_into_a_day_folder_linked_outside_makes_nothing_there(run, ledger_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (ledger_dir / "2024").mkdir()
    os.symlink(outside, ledger_dir / "2024" / "2024-03-01")
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpg")
    r = run(
        "add", "集中学习", "--date", "2024-03-01", "--title", "学习", "--set", "participants=3", "--attach", str(photo)
    )
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert list(outside.rglob("*")) == []


SECRET = "OUTSIDE-SECRET"


@pytest.mark.parametrize("linked", ["folder", "file"])
def test_report_notes_are_never_read_from_outside(run, ledger_dir, tmp_path, linked):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2024.toml").write_text(f'opening = "{SECRET}"\n', "utf-8")
    put(ledger_dir, "2024/2024-03-01/study-0001.toml")
    if linked == "folder":
        (ledger_dir / "notes").symlink_to(outside)
    else:
        (ledger_dir / "notes").mkdir(exist_ok=True)
        (ledger_dir / "notes" / "2024.toml").symlink_to(outside / "2024.toml")
    r = run("report", "2024")
    assert SECRET not in r.output
    assert "Traceback" not in r.output
    if linked == "file":
        assert r.exit_code != 0 and "台账之外" in r.output
    v = run("validate")
    assert SECRET not in v.output and v.exit_code == 1 and "台账之外" in v.output


def test_a_settings_file_linked_outside_is_refused(run, ledger_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    config = ledger_dir / "fzlog.toml"
    moved = outside / "fzlog.toml"
    moved.write_bytes(config.read_bytes())
    config.unlink()
    config.symlink_to(moved)
    for args in (["summary", "2024"], ["add", "study", "-t", "学习", "-d", "2024-03-01"], ["validate"]):
        r = run(*args)
        assert r.exit_code != 0 and "台账之外" in r.output and "Traceback" not in r.output, (args, r.output)
    assert not list(ledger_dir.glob("2024/*/*.toml"))  # add wrote nothing


def test_a_folder_named_like_a_record_is_skipped_aloud(run, ledger_dir):
    put(ledger_dir, "2024/2024-03-01/study-0001.toml")
    (ledger_dir / "2024" / "2024-03-01" / "study-0009.toml").mkdir()
    for args in READERS:
        r = run(*args)
        assert "已跳过" in r.output and "study-0009.toml" in r.output, (args, r.output)
    v = run("validate")
    assert v.exit_code == 1 and "study-0009.toml" in v.output


def test_years_are_those_with_a_day_of_records(tmp_path):
    root = tmp_path / "L"
    put(root, "2020/2020-03-01/study-0001.toml")
    put(root, "2021/2020-03-02/study-0002.toml")  # a day folder in another year's folder
    (root / "2019").mkdir()  # an empty year
    (root / "2022" / "2022-01-01" / "evidence").mkdir(parents=True)  # a day without records
    put(root, "2023/2023-12-31/study-0003.toml", day="2023-12-31")
    put(root, "2023/2023-01-01/sub/study-0004.toml")  # misplaced
    every = sorted({int(d.name[:4]) for d in layout.days(root)[0]})
    assert layout.years_with_days(root) == every == [2020, 2023]
    # a period's reader hears of its day filed under 2021; a look at the 2020 folder itself does not
    assert any(f.path.parent.name == "2020-03-02" for f in layout.walk(root, (2020, 2020)) if type(f) is layout.Found)
    own = list(layout.walk(root, (2020, 2020), own=True))
    assert [d.name for d in own if type(d) is layout.Day] == ["2020-03-01"]
    assert all(item.path.relative_to(root).parts[0] == "2020" for item in own)


def test_validate_finds_evidence_beside_the_record_or_at_the_root(run, ledger_dir):
    """A reference is looked up in the record's day folder first, then at the ledger's root: a
    day folder without an evidence folder sends the lookup to the root, one with an evidence
    folder that lacks the file too; only a file found in neither place is missing."""
    refs = '["evidence/a.jpg", "evidence/b.jpg", "evidence/none.jpg"]'
    for day in ("2024-03-01", "2024-03-02"):
        folder = ledger_dir / "2024" / day
        folder.mkdir(parents=True)
        (folder / "study-0001.toml").write_text(
            f'kind = "study"\ndate = {day}\ntitle = "学习"\nevidence = {refs}\nparticipants = 5\n', "utf-8"
        )
    (ledger_dir / "2024" / "2024-03-02" / "evidence").mkdir()
    (ledger_dir / "2024" / "2024-03-02" / "evidence" / "a.jpg").write_bytes(b"a")
    (ledger_dir / "evidence").mkdir()
    (ledger_dir / "evidence" / "a.jpg").write_bytes(b"a")
    (ledger_dir / "evidence" / "b.jpg").write_bytes(b"b")
    r = run("validate", "--json")
    import json

    found = json.loads(r.stdout)
    assert found["errors"] == []
    missing = sorted(
        (p["path"].split("/")[-2], p["message"]) for p in found["warnings"] if p["code"] == "evidence-missing"
    )
    assert [day for day, _ in missing] == ["2024-03-01", "2024-03-02"]
    assert all("none.jpg" in message for _, message in missing)
