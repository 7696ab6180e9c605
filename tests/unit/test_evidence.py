"""Evidence files: fzlog add --attach stores them beside the record, fzlog show lists them, and
missing_evidence (called by validate) reports the ones that are gone."""

import datetime as dt
import json
import os
import shutil
import subprocess

import pytest

from fzlog.record import Record
from fzlog.store import evidence
from fzlog.store.ledger import Ledger
from tests.conftest import snapshot


def add_with(run, *files, date="2024-12-04"):
    args = ["add", "宣传", "-t", "国家宪法日宣传", "-d", date, "--json"]
    for f in files:
        args += ["--attach", str(f)]
    r = run(*args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["id"]


def test_attach_stores_content_addressed_copies_and_show_lists_them(run, ledger_dir, tmp_path):
    sheet = tmp_path / "签到表.jpg"
    sheet.write_bytes(b"\xff\xd8 sign-in sheet " * 100)
    minutes = tmp_path / "会议 纪要.pdf"
    minutes.write_bytes(b"%PDF minutes")
    rid = add_with(run, sheet, minutes)
    rec = json.loads(run("show", rid, "--json").stdout)
    day = ledger_dir / "2024" / "2024-12-04"
    assert len(rec["evidence"]) == 2
    for ref, src in zip(rec["evidence"], (sheet, minutes), strict=True):
        assert ref.startswith("evidence/") and ref.endswith("-" + src.name)
        digest = ref.split("/")[1].split("-")[0]
        assert len(digest) == 8
        assert (day / ref).read_bytes() == src.read_bytes()  # relative to the record's directory

    r = run("show", rid)
    assert r.exit_code == 0
    assert "签到表.jpg（1.7 KB）" in r.output and "会议 纪要.pdf（12 B）" in r.output

    # the same file again (another record, same day): the copy is reused, nothing overwritten
    rid2 = add_with(run, sheet)
    assert json.loads(run("show", rid2, "--json").stdout)["evidence"][0] == rec["evidence"][0]
    assert len(list((day / "evidence").iterdir())) == 2

    (day / rec["evidence"][1]).unlink()
    r = run("show", rid)
    assert "会议 纪要.pdf（文件缺失）" in r.output


def test_attach_errors_leave_the_ledger_unchanged(run, ledger_dir, tmp_path):
    ok = tmp_path / "ok.jpg"
    ok.write_bytes(b"x")
    before = snapshot(ledger_dir)
    r = run("add", "宣传", "-t", "x", "-d", "2024-01-01", "--attach", str(ok), "--attach", "没有这个文件.jpg")
    assert r.exit_code == 2 and "没有这个文件.jpg" in r.output
    assert snapshot(ledger_dir) == before


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_attach_never_writes_outside_the_ledger(run, ledger_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    day = ledger_dir / "2024" / "2024-01-01"
    day.mkdir(parents=True)
    (day / "evidence").symlink_to(outside)
    src = tmp_path / "a.jpg"
    src.write_bytes(b"a")
    r = run("add", "宣传", "-t", "x", "-d", "2024-01-01", "--attach", str(src))
    assert r.exit_code == 1 and "台账" in r.output
    assert list(outside.iterdir()) == []


def test_safe_name_keeps_the_name_and_drops_path_parts():
    assert evidence.safe_name("签到表.jpg") == "签到表.jpg"
    assert evidence.safe_name("a/b\\c:d*?.pdf") == "a_b_c_d__.pdf"
    assert evidence.safe_name("..") == "file"
    long = evidence.safe_name("长" * 300 + ".jpeg")
    assert len(long) == evidence.MAX_NAME_CHARS and long.endswith(".jpeg")


def test_missing_evidence(tmp_path):
    root = tmp_path / "ledger"
    day = root / "2024" / "2024-12-04"
    (day / "evidence").mkdir(parents=True)
    (day / "evidence" / "ab12cd34-签到表.jpg").write_bytes(b"x")
    (root / "evidence").mkdir()
    (root / "evidence" / "2024-12-04-照片.jpg").write_bytes(b"y")  # a ledger-wide evidence folder
    rec = Record(
        kind="publicity",
        date=dt.date(2024, 12, 4),
        title="t",
        evidence=(
            "evidence/ab12cd34-签到表.jpg",
            "evidence/2024-12-04-照片.jpg",
            "evidence/没了.pdf",
            "纸质签到表存于办公室档案柜",
            "会议纪要.docx",
            "https://example.org/news/1",
            "../../../outside.jpg",
            str(tmp_path / "abs.pdf"),
        ),
        path=day / "publicity-3f9a.toml",
    )
    assert evidence.missing_evidence(root, rec) == ["evidence/没了.pdf", "会议纪要.docx"]
    assert evidence.missing_evidence(Ledger(root), rec) == ["evidence/没了.pdf", "会议纪要.docx"]
    unsaved = Record(kind="publicity", date=dt.date(2024, 12, 4), title="t", evidence=("evidence/ab12cd34-签到表.jpg",))
    assert evidence.missing_evidence(Ledger(root), unsaved) == []
    (tmp_path / "outside.jpg").write_bytes(b"o")
    (tmp_path / "abs.pdf").write_bytes(b"a")
    got = evidence.entries(root, rec)
    assert [e.exists for e in got] == [True, True, False, False, False, False, False, False]
    assert [e.is_file for e in got] == [True, True, True, False, True, False, True, True]
    assert [e.inside for e in got][-2:] == [False, False]  # never looked at outside the ledger


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_add_commit_includes_the_attached_files(run, ledger_dir, tmp_path, git_identity):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    photo = tmp_path / "照片.jpg"
    photo.write_bytes(b"jpeg")
    r = run("add", "宣传", "-t", "宣传", "-d", "2024-12-04", "--attach", str(photo), "--commit", "--json")
    assert r.exit_code == 0, r.output
    ref = json.loads(run("show", json.loads(r.stdout)["id"], "--json").stdout)["evidence"][0]
    tracked = subprocess.run(
        ["git", "-C", str(tmp_path), "ls-files", "-z"], capture_output=True, text=True, encoding="utf-8"
    ).stdout.split("\0")
    assert f"data/2024/2024-12-04/{ref}" in tracked


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_listing_finds_and_confines_as_system_calls_do(tmp_path):
    """validate looks evidence up in folder listings (paths.Listing); the answers must be those
    of asking the file system each time: files, folders named like files, missing files, symlinks
    inside and leading out, and a folder that is not there."""
    from fzlog.store import layout as paths

    root = tmp_path / "ledger"
    day = root / "2024" / "2024-12-04"
    (day / "evidence").mkdir(parents=True)
    (day / "evidence" / "a.jpg").write_bytes(b"x")
    (day / "evidence" / "dir.jpg").mkdir()
    (root / "evidence").mkdir()
    (root / "evidence" / "b.jpg").write_bytes(b"y")
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"s")
    (day / "evidence" / "out.jpg").symlink_to(outside)
    (root / "evidence" / "in.jpg").symlink_to(root / "evidence" / "b.jpg")
    (root / "evidence" / "loop.jpg").symlink_to(root / "evidence" / "loop.jpg")
    refs = (
        "evidence/a.jpg",
        "evidence/b.jpg",
        "evidence/dir.jpg",
        "evidence/out.jpg",
        "evidence/in.jpg",
        "evidence/loop.jpg",
        "evidence/none.jpg",
        "nofolder/x.jpg",
        "evidence/A.JPG",
        "./evidence//a.jpg",
    )
    rec = Record(
        kind="publicity", date=dt.date(2024, 12, 4), title="t", evidence=refs, path=day / "publicity-3f9a.toml"
    )
    listing = paths.Listing()
    listing.kind(os.path.join(day, "x"))  # (the day folder listed up front, as validate lists it)
    plain, listed = evidence.Finder(Ledger(root)), evidence.Finder(Ledger(root), listing)
    assert listed.entries(rec) == plain.entries(rec)
    assert listed.missing(rec) == plain.missing(rec)
    with pytest.raises(paths.OutsideLedger, match="secret"):
        paths.confine(root, "2024/2024-12-04/evidence/out.jpg")
