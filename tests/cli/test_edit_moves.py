"""edit that moves a record (new date or kind): shared evidence, crashes, races, git, confinement
(issue 13, defects 5–9 and 11). The editor is a real program: a small Python script set as
$EDITOR, which edits the file fzlog hands it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fzlog.store.ledger import Ledger
from fzlog.store.moves import RecordChanged, RecordGone, fingerprint
from tests.conftest import snapshot

EDITOR_SCRIPT = r"""
import os, sys, shutil, signal
path = sys.argv[-1]
text = open(path, encoding="utf-8").read()
if os.environ.get("ED_KILL_PARENT"):
    os.kill(os.getppid(), signal.SIGKILL)
    sys.exit(0)
for gone in filter(None, os.environ.get("ED_REMOVE", "").split(os.pathsep)):
    (shutil.rmtree if os.path.isdir(gone) else os.remove)(gone)
if os.environ.get("ED_TOUCH"):
    with open(os.environ["ED_TOUCH"], "a", encoding="utf-8") as f:
        f.write("place = \"别处\"\n")
if os.environ.get("ED_APPEND"):
    text += os.environ["ED_APPEND"]
text = text.replace(os.environ.get("ED_FROM", "\0"), os.environ.get("ED_TO", ""))
open(path, "w", encoding="utf-8").write(text)
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """$EDITOR set to the script above; returns a function setting what it does next."""
    script = tmp_path / "ed.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')

    def set_(**env):
        for key in ("ED_FROM", "ED_TO", "ED_REMOVE", "ED_TOUCH", "ED_APPEND", "ED_KILL_PARENT"):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, str(value))

    return set_


def add(run, *args):
    r = run("add", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["id"]


def records(run) -> list[dict]:
    r = run("list", "2020..2030", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def problems(run) -> list[dict]:
    r = run("validate", "--json")
    out = json.loads(r.stdout)
    return [{**p, "severity": "error"} for p in out["errors"]] + [{**p, "severity": "warning"} for p in out["warnings"]]


def evidence_problems(run) -> list[dict]:
    return [p for p in problems(run) if p["code"].startswith("evidence")]


@pytest.fixture
def shared(run, ledger_dir, tmp_path):
    """Two records on one day attaching the same photo (stored once)."""
    photo = tmp_path / "签到表.jpg"
    photo.write_bytes(b"photo bytes")
    a = add(run, "study", "-t", "学法甲", "-d", "2024-03-01", "--attach", str(photo))
    b = add(run, "study", "-t", "学法乙", "-d", "2024-03-01", "--attach", str(photo))
    [ref] = json.loads(run("show", a, "--json").stdout)["evidence"]
    assert (ledger_dir / "2024" / "2024-03-01" / ref).read_bytes() == b"photo bytes"
    return a, b, ref


# defect 5 --------------------------------------------------------------------------------------
def test_moving_one_of_two_records_sharing_evidence_copies_it(run, ledger_dir, editor, shared):
    a, b, ref = shared
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    r = run("edit", b)
    assert r.exit_code == 0, r.output
    old, new = ledger_dir / "2024" / "2024-03-01" / ref, ledger_dir / "2024" / "2024-03-05" / ref
    assert old.read_bytes() == new.read_bytes() == b"photo bytes"
    assert not os.path.samefile(old, new)  # a copy: each day folder keeps its own
    assert evidence_problems(run) == []
    # the last user moves too: now the old copy goes, and its empty folders
    r = run("edit", a)
    assert r.exit_code == 0, r.output
    assert not (ledger_dir / "2024" / "2024-03-01").exists()
    assert new.read_bytes() == b"photo bytes"
    assert [x["date"] for x in records(run)] == ["2024-03-05", "2024-03-05"]
    assert evidence_problems(run) == []


def test_evidence_named_by_an_unreadable_record_is_kept(run, ledger_dir, editor, shared):
    a, b, ref = shared
    day = ledger_dir / "2024" / "2024-03-01"
    bad = day / f"study-{a.rsplit('-', 1)[1]}.toml"
    bad.write_text(bad.read_text(encoding="utf-8") + 'participants = "many"\n', encoding="utf-8")
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    assert run("edit", b).exit_code == 0
    assert (day / ref).read_bytes() == b"photo bytes"


def test_evidence_named_from_the_ledger_root_by_another_day_is_kept(run, ledger_dir, editor, tmp_path):
    photo = tmp_path / "p.pdf"
    photo.write_bytes(b"pdf")
    b = add(run, "study", "-t", "乙", "-d", "2024-03-01", "--attach", str(photo))
    [ref] = json.loads(run("show", b, "--json").stdout)["evidence"]
    add(run, "study", "-t", "丙", "-d", "2024-04-01", "--evidence", f"2024/2024-03-01/{ref}")
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    assert run("edit", b).exit_code == 0
    assert evidence_problems(run) == []


def test_validate_reports_a_dangling_evidence_reference(run, ledger_dir, shared):
    _, _, ref = shared
    (ledger_dir / "2024" / "2024-03-01" / ref).unlink()
    found = evidence_problems(run)
    assert {p["code"] for p in found} == {"evidence-missing"} and len(found) == 2
    assert run("validate", "--strict").exit_code == 1


# defect 7 --------------------------------------------------------------------------------------
NOTE = 'note = """\n#1 第一部分\n#2 第二部分\n  # 缩进的井号\n结束"""\n'


def test_hash_lines_inside_a_multiline_string_are_kept(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    editor(ED_APPEND=NOTE)
    r = run("edit", rid)
    assert r.exit_code == 0, r.output
    note = json.loads(run("show", rid, "--json").stdout)["note"]
    assert note == "#1 第一部分\n#2 第二部分\n  # 缩进的井号\n结束"


def test_hash_lines_kept_after_a_retry_with_the_error_header(run, ledger_dir, monkeypatch):
    import click

    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    seen = []

    def fake_edit(filename=None, **kw):
        text = Path(filename).read_text(encoding="utf-8")
        seen.append(text)
        if len(seen) == 1:
            text += "#! 用户自己的注释\n" + NOTE + "hourz = 2\n"
        else:
            text = text.replace("hourz", "hours")
        Path(filename).write_text(text, encoding="utf-8")

    monkeypatch.setattr(click, "edit", fake_edit)
    r = run("edit", rid)
    assert r.exit_code == 0, r.output
    assert seen[1].startswith("#! ") and "#1 第一部分" in seen[1]
    shown = json.loads(run("show", rid, "--json").stdout)
    assert shown["note"] == "#1 第一部分\n#2 第二部分\n  # 缩进的井号\n结束" and shown["fields"]["hours"] == 2


# defect 8 --------------------------------------------------------------------------------------
def _drafts(ledger_dir: Path) -> list[Path]:
    return sorted((ledger_dir / ".fzlog-tmp" / "drafts").glob("*.toml"))


@pytest.mark.parametrize("move", [False, True])
@pytest.mark.parametrize("what", ["file", "day"])
def test_edit_racing_rm_does_not_resurrect_and_keeps_the_text(run, ledger_dir, editor, move, what):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    path = ledger_dir / "2024" / f"{rid}.toml"
    gone = path if what == "file" else path.parent
    if move:
        editor(ED_REMOVE=gone, ED_FROM="2024-03-01", ED_TO="2024-03-09", ED_APPEND='place = "会议室"\n')
    else:
        editor(ED_REMOVE=gone, ED_FROM="学法", ED_TO="学法（改）")
    r = run("edit", rid)
    assert r.exit_code == 1
    assert "已被删除" in r.output and ".fzlog-tmp/drafts/" in r.output
    assert records(run) == []  # not brought back
    [draft] = _drafts(ledger_dir)
    assert draft.as_posix().split("/")[-1] in r.output
    assert ("会议室" if move else "学法（改）") in draft.read_text(encoding="utf-8")


def test_edit_of_a_record_changed_meanwhile_does_not_overwrite_it(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    path = ledger_dir / "2024" / f"{rid}.toml"
    editor(ED_TOUCH=path, ED_FROM="学法", ED_TO="学法（改）")
    r = run("edit", rid)
    assert r.exit_code == 1 and "被其他操作修改" in r.output
    [rec] = records(run)
    assert rec["title"] == "学法" and rec["place"] == "别处"
    assert "学法（改）" in _drafts(ledger_dir)[0].read_text(encoding="utf-8")


def test_replace_checks_what_was_read(run, ledger_dir):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    lg = Ledger(ledger_dir)
    rec = lg.get(rid)
    was = fingerprint(rec.path.read_bytes())
    rec.path.write_text(rec.path.read_text(encoding="utf-8") + 'place = "x"\n', encoding="utf-8")
    from dataclasses import replace

    with pytest.raises(RecordChanged):
        lg.replace(rec, replace(rec, title="新"), was=was)
    rec.path.unlink()
    with pytest.raises(RecordGone):
        lg.replace(rec, replace(rec, title="新", date=rec.date.replace(day=2)), was=was)
    assert not (ledger_dir / "2024" / "2024-03-02").exists()


def test_editor_file_is_in_the_ledger_and_removed(run, ledger_dir, editor, tmp_path, monkeypatch):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    seen = tmp_path / "seen.txt"
    script = tmp_path / "where.py"
    script.write_text(
        f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[-1])\n"
        "p = sys.argv[-1]; t = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(t.replace('学法', '学法2'))\n"
    )
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    assert run("edit", rid).exit_code == 0
    where = Path(seen.read_text())
    assert where.parent == ledger_dir / ".fzlog-tmp" and not where.exists()
    assert run("show", rid, "--json").stdout.count("学法2") == 1


# defect 6 --------------------------------------------------------------------------------------
def _fzlog(ledger_dir: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fzlog", "--ledger", str(ledger_dir), *args],
        check=False,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
@pytest.mark.parametrize("step", ["journal", "evidence", "linked", "unlinked", "dropped"])
@pytest.mark.parametrize("last_user", [False, True])
def test_kill_during_a_date_move_leaves_one_record_and_its_evidence(
    run, ledger_dir, editor, shared, tmp_path, step, last_user
):
    a, b, ref = shared
    if last_user:  # the other record is gone: the move takes the last user of the photo
        assert run("rm", a, "--yes").exit_code == 0
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    done = _fzlog(ledger_dir, "edit", b, env={"FZLOG_TEST_CRASH": step, "TMPDIR": str(system_tmp)})
    assert done.returncode == -9, done.stderr
    assert list(system_tmp.iterdir()) == []
    r = run("validate")
    assert "中断的记录移动" in r.output  # recovery states what it did
    found = records(run)
    assert sorted(x["title"] for x in found) == (["学法乙"] if last_user else ["学法乙", "学法甲"])
    moved = next(x for x in found if x["title"] == "学法乙")
    assert moved["date"] == ("2024-03-01" if step in ("journal", "evidence") else "2024-03-05")
    assert evidence_problems(run) == []
    assert [p for p in problems(run) if p["severity"] == "error"] == []
    assert list((ledger_dir / ".fzlog-tmp" / "moves").iterdir()) == []
    assert not list((ledger_dir / ".fzlog-tmp").glob("edit-*"))
    assert (ledger_dir / "2024" / "2024-03-01" / ref).exists() == (not last_user or step in ("journal", "evidence"))
    again = run("validate")
    assert "中断" not in again.output  # recovered once


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_kill_while_the_editor_is_open_keeps_the_text_as_a_draft(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    editor(ED_KILL_PARENT=1)
    done = _fzlog(ledger_dir, "edit", rid, env={})
    assert done.returncode == -9
    assert list((ledger_dir / ".fzlog-tmp").glob("edit-*"))  # the editor's file, with the record's text
    r = run("list", "2024")
    assert "中断" in r.output and ".fzlog-tmp/drafts/" in r.output
    assert not list((ledger_dir / ".fzlog-tmp").glob("edit-*"))
    assert "学法" in _drafts(ledger_dir)[0].read_text(encoding="utf-8")


def test_a_move_under_way_is_not_recovered_by_another_command(run, ledger_dir, editor, shared):
    from fzlog.store import moves

    _, b, _ = shared
    lg = Ledger(ledger_dir)
    rec = lg.get(b)
    plan = moves.Plan("x", "y", "0", "1")
    journal = moves.Journal.create(ledger_dir, plan)
    try:
        assert lg.recover() == []  # locked: a live move
        assert journal.path.exists()
    finally:
        journal.close()
    assert rec.path.exists() and lg.recover() == []


# defect 9 --------------------------------------------------------------------------------------
def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
@pytest.mark.parametrize("last_user", [False, True])
def test_edit_commit_of_a_date_move_commits_every_changed_path_and_nothing_else(
    run, ledger_dir, editor, shared, tmp_path, git_identity, last_user
):
    a, b, ref = shared
    if last_user:
        assert run("rm", a, "--yes").exit_code == 0
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A", "data")
    _git(tmp_path, "commit", "-q", "-m", "start")
    (ledger_dir / "fzlog.toml").write_text(
        (ledger_dir / "fzlog.toml").read_text(encoding="utf-8") + "\n# 本地改动\n", encoding="utf-8"
    )
    (ledger_dir / "unrelated.txt").write_text("x", encoding="utf-8")
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    r = run("edit", b, "--commit")
    assert r.exit_code == 0, r.output
    status = _git(tmp_path, "status", "--porcelain", "--", "data").splitlines()
    assert sorted(status) == [" M data/fzlog.toml", "?? data/unrelated.txt"]  # nothing else committed
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(tmp_path), str(clone))
    shutil.rmtree(ledger_dir)
    shutil.copytree(clone / "data", ledger_dir)
    assert evidence_problems(run) == []
    assert (ledger_dir / "2024" / "2024-03-05" / ref).read_bytes() == b"photo bytes"
    assert (ledger_dir / "2024" / "2024-03-01" / ref).exists() == (not last_user)
    assert len(records(run)) == (1 if last_user else 2)


# defect 11 -------------------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("link", ["evidence", "day", "year"])
def test_a_move_refuses_a_destination_that_leads_out_of_the_ledger(run, ledger_dir, editor, shared, tmp_path, link):
    _, b, _ = shared
    outside = tmp_path / "outside"
    outside.mkdir()
    target = {
        "evidence": ledger_dir / "2025" / "2025-03-05" / "evidence",
        "day": ledger_dir / "2025" / "2025-03-05",
        "year": ledger_dir / "2025",
    }[link]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(outside, target_is_directory=True)
    before = snapshot(ledger_dir)
    editor(ED_FROM="2024-03-01", ED_TO="2025-03-05")
    r = run("edit", b)
    assert r.exit_code != 0 and "台账" in r.output and "之外" in r.output
    assert list(outside.iterdir()) == []
    assert snapshot(ledger_dir) == before
    assert sorted(x["date"] for x in records(run)) == ["2024-03-01", "2024-03-01"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_edit_commit_when_the_removed_evidence_was_never_committed(run, ledger_dir, editor, tmp_path, git_identity):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "data/fzlog.toml")
    _git(tmp_path, "commit", "-q", "-m", "start")
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"p")
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01", "--attach", str(photo))
    editor(ED_FROM="2024-03-01", ED_TO="2024-03-05")
    r = run("edit", rid, "--commit")
    assert r.exit_code == 0, r.output
    committed = _git(tmp_path, "show", "--name-status", "--format=", "HEAD").split()
    assert committed[0::2] == ["A", "A"] and all("2024-03-05" in p for p in committed[1::2])


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_symlinked_temporary_area_is_refused_and_never_recovered(run, ledger_dir, editor, tmp_path):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    outside = tmp_path / "outside"
    (outside / "moves").mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    plan = {
        "version": 1,
        "old": "../victim.txt",
        "new": "fzlog.toml",
        "copies": [],
        "drops": [],
        "dirs": [],
        "old_sha": fingerprint(b"keep"),
        "new_sha": fingerprint((ledger_dir / "fzlog.toml").read_bytes()),
    }
    (outside / "moves" / "x.json").write_text(json.dumps(plan), encoding="utf-8")
    (ledger_dir / ".fzlog-tmp").symlink_to(outside, target_is_directory=True)
    editor(ED_FROM="学法", ED_TO="学法2")
    r = run("edit", rid)
    assert r.exit_code == 1 and "无法写入" in r.output
    assert victim.read_text(encoding="utf-8") == "keep" and list(outside.iterdir()) == [outside / "moves"]
    (ledger_dir / ".fzlog-tmp").unlink()
    shutil.move(outside, ledger_dir / ".fzlog-tmp")  # a journal naming a path outside: refused, kept
    r = run("list", "2024")
    assert r.exit_code == 0 and "无法读取移动日志" in r.output and victim.exists()


def test_a_record_attached_to_the_old_day_while_the_editor_is_open_keeps_the_file(
    run, ledger_dir, tmp_path, monkeypatch
):
    """The references are looked at when the edit is saved, not when it began."""
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"p")
    rid = add(run, "study", "-t", "乙", "-d", "2024-03-01", "--attach", str(photo))
    [ref] = json.loads(run("show", rid, "--json").stdout)["evidence"]
    script = tmp_path / "late.py"
    script.write_text(
        "import subprocess, sys\n"
        f"subprocess.run([sys.executable, '-m', 'fzlog', '--ledger', {str(ledger_dir)!r}, 'add', 'study', '-t', '丁',"
        f" '-d', '2024-03-01', '--attach', {str(photo)!r}], check=True, capture_output=True)\n"
        "p = sys.argv[-1]; t = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(t.replace('2024-03-01', '2024-03-05'))\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    assert run("edit", rid).exit_code == 0
    assert (ledger_dir / "2024" / "2024-03-01" / ref).read_bytes() == b"p"
    assert evidence_problems(run) == []
