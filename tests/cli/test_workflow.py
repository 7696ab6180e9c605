"""edit, rm, git commits and shell completion."""

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from fzlog.cli import cli
from tests.conftest import snapshot


def add(run, *args):
    r = run("add", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["id"]


def test_edit_saves_valid_change(run, ledger_dir, editor):
    rid = add(run, "publicity", "-t", "宣传", "-d", "2024-12-04", "-s", "materials=30")
    editor(lambda s: s.replace("materials = 30", "materials = 300"))
    r = run("edit", rid)
    assert r.exit_code == 0 and "已保存" in r.output
    assert json.loads(run("show", rid, "--json").output)["fields"]["materials"] == 300


def test_edit_reopens_invalid_text_with_the_error_and_never_saves_it(run, ledger_dir, editor):
    rid = add(run, "publicity", "-t", "宣传", "-d", "2024-12-04", "-s", "materials=30")
    before = snapshot(ledger_dir)
    calls = editor(lambda s: s.replace("materials = 30", 'materials = "很多"'), None)
    r = run("edit", rid)
    assert r.exit_code == 0 and "保持原样" in r.output
    assert "非负整数" in calls[1] and 'materials = "很多"' in calls[1]  # the user's text came back
    assert snapshot(ledger_dir) == before


def test_edit_fix_on_second_try(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    editor(lambda s: s + "hourz = 2\n", lambda s: s.replace("hourz", "hours"))
    assert run("edit", rid).exit_code == 0
    assert json.loads(run("show", rid, "--json").output)["fields"] == {"hours": 2}


def test_edit_new_date_moves_file(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    editor(lambda s: s.replace("2024-03-01", "2024-03-02"))
    r = run("edit", rid)
    assert r.exit_code == 0
    short = rid.rsplit("-", 1)[1]
    assert (ledger_dir / "2024" / "2024-03-02" / f"study-{short}.toml").is_file()
    assert not (ledger_dir / "2024" / "2024-03-01").exists()


def test_edit_unchanged(run, ledger_dir, editor):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01")
    before = snapshot(ledger_dir)
    editor(lambda s: s)
    r = run("edit", rid)
    assert "未改动" in r.output and snapshot(ledger_dir) == before


def test_rm_asks_first(run, ledger_dir):
    rid = add(run, "study", "-t", "学法", "-d", "2024-03-01", "--evidence", "签到表.jpg")
    r = run("rm", rid, input="n\n")
    assert r.exit_code == 1 and json.loads(run("list", "2024", "--json").output)
    r = run("rm", rid, input="y\n")
    assert r.exit_code == 0 and "已删除" in r.output and "签到表.jpg" in r.output
    assert json.loads(run("list", "2024", "--json").output) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_add_edit_rm_commit(run, ledger_dir, tmp_path, git_identity, editor):
    r = run("add", "study", "-t", "学法", "-d", "2024-03-01", "--commit")
    assert r.exit_code == 1 and "git init" in r.output and "已保存" in r.output  # saved, not committed
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    rid = add(run, "publicity", "-t", "国家宪法日法治宣传活动", "-d", "2024-12-04", "--commit")
    log = lambda: subprocess.run(
        ["git", "-C", str(tmp_path), "log", "--format=%s"], capture_output=True, text=True, encoding="utf-8"
    ).stdout.splitlines()
    assert log() == [f"add {rid} 国家宪法日法治宣传活动"]
    with open(ledger_dir / "fzlog.toml", "a", encoding="utf-8") as fh:
        fh.write("commit = true\n")
    editor(lambda s: s.replace("国家宪法日法治宣传活动", "宪法日宣传"))
    assert run("edit", rid).exit_code == 0
    assert run("rm", rid, "--yes").exit_code == 0
    assert log()[:2] == [f"rm {rid} 宪法日宣传", f"edit {rid} 宪法日宣传"]


def complete(monkeypatch, words):
    monkeypatch.setenv("_FZLOG_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
    r = CliRunner().invoke(cli, [], prog_name="fzlog")
    return [line.split(",", 1)[1] for line in r.output.splitlines()]


def test_completion(run, ledger_dir, monkeypatch):
    rid = add(run, "publicity", "-t", "宣传", "-d", "2024-12-04", "--tag", "国家宪法日")
    assert "法治宣传活动" in complete(monkeypatch, "fzlog add 法治")
    assert "publicity" in complete(monkeypatch, "fzlog add pub")
    assert complete(monkeypatch, "fzlog add publicity --set ma") == ["materials="]
    assert complete(monkeypatch, "fzlog list --tag 国家") == ["国家宪法日"]
    assert complete(monkeypatch, "fzlog show 2024") == [rid]
    assert complete(monkeypatch, "fzlog list --kind stu") == ["study"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_scripts(run, shell):
    r = run("completion", shell)
    assert r.exit_code == 0 and "_FZLOG_COMPLETE" in r.output


def test_powershell_completion_protocol(ledger_dir, monkeypatch):
    monkeypatch.setenv("_FZLOG_COMPLETE", "powershell_complete")
    monkeypatch.setenv("COMP_WORDS", "fzlog add stu")
    monkeypatch.setenv("COMP_INCOMPLETE", "stu")
    r = CliRunner().invoke(cli, [], prog_name="fzlog")
    assert r.output.splitlines()[0].split("\t")[:2] == ["plain", "study"]


def test_edit_new_date_carries_attached_evidence(run, ledger_dir, editor, tmp_path):
    photo = tmp_path / "签到表.jpg"
    photo.write_bytes(b"photo")
    rid = add(run, "publicity", "-t", "宪法日", "-d", "2024-12-04", "--attach", str(photo))
    editor(lambda s: s.replace("2024-12-04", "2024-12-05"))
    assert run("edit", rid).exit_code == 0
    new_id = rid.replace("2024-12-04", "2024-12-05")
    rec = json.loads(run("show", new_id, "--json").stdout)
    [ref] = rec["evidence"]
    assert (ledger_dir / "2024" / "2024-12-05" / ref).read_bytes() == b"photo"
    assert not (ledger_dir / "2024" / "2024-12-04").exists()
    assert "文件缺失" not in run("show", new_id).output


def test_tag_completion_counts_every_year(run, ledger_dir, monkeypatch):
    """Tags are offered most used first, counted over the whole ledger (read a year at a time)."""
    for day, tag in [("2022-05-01", "普法"), ("2023-05-01", "普法"), ("2024-05-01", "普法"), ("2024-06-01", "普查")]:
        add(run, "publicity", "-t", "宣传", "-d", day, "--tag", tag)
    assert complete(monkeypatch, "fzlog list --tag 普") == ["普法", "普查"]
