"""fzlog report through the CLI: the sample's report against its golden file, options, errors.

The golden file tests/golden/report-2024.md is the Markdown of the shipped sample with a pinned
date and the check appendix from tests/report_fakes.py. After an intended change of wording,
regenerate it with

    FZLOG_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_report_cli.py

and read the diff before committing it.
"""

import json
import os
import sys
import types
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, snapshot
from tests.report_fakes import fake_checks

GOLDEN = Path(__file__).parents[1] / "golden" / "report-2024.md"


@pytest.fixture
def checks(monkeypatch):
    monkeypatch.setattr("fzlog.report.checks.year_checks", fake_checks)


def test_sample_report_matches_golden(run, checks):
    r = run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-02-28")
    assert r.exit_code == 0, r.output
    if os.environ.get("FZLOG_UPDATE_GOLDEN"):
        GOLDEN.write_text(r.stdout, "utf-8")
    assert r.stdout == GOLDEN.read_text("utf-8")


def _part(text, start, end):
    return text[text.index(start) : text.index(end)]


def test_sample_report_has_every_seed_figure_in_its_part(run):
    r = run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-02-28")
    text = r.stdout
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads[:4] == [
        "## 一、2024年法治政府建设情况",
        "## 二、存在的问题",
        "## 三、党政主要负责人履行法治建设第一责任人职责情况",
        "## 四、2025年推进法治政府建设的主要安排",
    ]
    part1 = _part(text, "## 一、", "## 二、")
    for figure in (
        "组织集中学习12次",
        "专题研讨4次",
        "2020年至今，共制定规范性文件1件，备案率100%，公开征求意见、合法性审查",
        "通过法治宣传栏发布政策解读信息4条",
        "走访调研企业22家/次",
        "协调解决问题6个",
        "共开展各类法治宣传活动12场/次",
        "发放宣传资料2030份",
        "接受群众咨询312人/次",
        "制定印发《于田县科学技术局2024年普法工作计划》",
        "科技活动周",
        "知识产权宣传周",
        "国家宪法日",
    ):
        assert figure in part1, figure
    part2 = _part(text, "## 二、", "## 三、")
    assert "### （一）法治意识有待进一步提高" in part2 and "### （二）法治宣传效果有待进一步增强" in part2
    part3 = _part(text, "## 三、", "## 四、")
    assert "召开法治建设专题会议1次，主要负责人主持" in part3
    assert "【待补充：年终述法情况" in part3 and "【待补充：法治专题讲座情况" in part3
    part4 = _part(text, "## 四、", "附件：")
    assert [line for line in part4.splitlines() if line.startswith("### ")] == [
        "### （一）持续加强法治思想学习",
        "### （二）创新法治宣传教育方式",
        "### （三）加强法治队伍建设",
    ]
    assert "\n\n于田县科学技术局\n\n2025年2月28日\n\n" in text
    rounded = run("--ledger", str(SAMPLE), "report", "2024", "--round").stdout
    assert "发放宣传资料2000余份" in rounded and "接受群众咨询300余人/次" in rounded
    assert "法治宣传活动12场/次" in rounded


def test_output_file_never_overwritten_without_force(run, tmp_path):
    out = tmp_path / "报告.md"
    r = run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-02-28", "-o", str(out))
    assert r.exit_code == 0 and "已生成" in r.output
    first = out.read_bytes()
    assert first.decode("utf-8") == run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-02-28").stdout
    r = run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-03-01", "-o", str(out))
    assert r.exit_code == 2 and "已存在" in r.output and "--force" in r.output
    assert out.read_bytes() == first
    r = run("--ledger", str(SAMPLE), "report", "2024", "--date", "2025-03-01", "-o", str(out), "--force")
    assert r.exit_code == 0 and "2025年3月1日" in out.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_format_from_suffix_and_errors(run, tmp_path):
    before = snapshot(SAMPLE)
    r = run("--ledger", str(SAMPLE), "report", "2024", "-o", str(tmp_path / "r.docx"))
    assert r.exit_code == 0 and (tmp_path / "r.docx").read_bytes()[:2] == b"PK"
    r = run("--ledger", str(SAMPLE), "report", "2024", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["title"] == "于田县科学技术局2024年法治政府建设工作报告" and doc["body"][1]["type"] == "heading"
    for args, code, needle in [
        (("-o", str(tmp_path / "r.txt")), 2, ".docx"),
        (("--format", "docx"), 2, "-o"),
        (("--date", "2025-02-30"), 2, "--date"),
        (("--format", "pdf"), 2, "--format"),
    ]:
        r = run("--ledger", str(SAMPLE), "report", "2024", *args)
        assert r.exit_code == code and needle in r.output and "Traceback" not in r.output, (args, r.output)
    r = run("--ledger", str(SAMPLE), "report", "24")
    assert r.exit_code == 2 and "四位数年份" in r.output
    assert snapshot(SAMPLE) == before


def test_org_option_and_missing_org(run, ledger_dir):
    r = run("report", "2024", "--org", "某某县司法局", "--date", "2025-01-10")
    assert r.stdout.startswith("# 某某县司法局2024年法治政府建设工作报告")
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8").replace('org = "测试局"', 'org = ""'), "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 2 and "--org" in r.output


def test_config_and_notes_mistakes_are_reported_with_file(run, ledger_dir):
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + '\n[[report.parts]]\ntitle = "情况"\ncontent = ["achievments"]\n', "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 1 and "fzlog.toml" in r.output and "report.parts[0].content" in r.output
    cfg.write_text(cfg.read_text("utf-8").replace("achievments", "achievements"), "utf-8")
    (ledger_dir / "notes").mkdir()
    (ledger_dir / "notes" / "2024.toml").write_text('[[plans]]\ntext = "甲"\n', "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 0 and "[[plans]]" in r.stderr and "警告" in r.stderr
    (ledger_dir / "notes" / "2024.toml").write_text('[[plans]]\ntitel = "甲"\n', "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 1 and "2024.toml:1" in r.output


def test_unreadable_record_is_skipped_with_a_warning(run, ledger_dir):
    run("add", "study", "-t", "学法", "-d", "2024-03-01")
    bad = ledger_dir / "2024" / "2024-03-02"
    bad.mkdir(parents=True)
    (bad / "study-dead.toml").write_text('kind = "study"\ndate = 2024-03-02\n', "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 0 and "全年组织集中学习1次" in r.stdout and "跳过" in r.stderr


def test_report_and_its_check_read_the_ledger_once(run, sample, loads):
    r = run("--ledger", str(sample), "report", "2024")
    assert r.exit_code == 0 and "附件" in r.stdout
    assert len(loads) == 1


def test_check_adapter(monkeypatch):
    from fzlog.report.checks import year_checks
    from fzlog.store.ledger import Ledger

    monkeypatch.setitem(sys.modules, "fzlog.targets", None)  # fzlog without the check feature
    assert year_checks(Ledger(SAMPLE), 2024) is None
    fake = types.ModuleType("fzlog.targets")
    fake.check_year = lambda ledger, year, **kw: types.SimpleNamespace(results=fake_checks(ledger, year))
    monkeypatch.setitem(sys.modules, "fzlog.targets", fake)
    results = year_checks(Ledger(SAMPLE), 2024)
    assert [r.target.id for r in results][:2] == ["cpc-group-study-quarterly", "frp-meeting"]


@pytest.mark.parametrize("rows, listed", [(2, False), (3, True)])
def test_a_big_year_points_to_export_instead_of_listing_every_record(run, ledger_dir, rows, listed):
    for day in ("2024-03-01", "2024-03-02", "2024-03-03"):
        assert run("add", "study", "-t", f"学法{day}", "-d", day).exit_code == 0
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + f"\n[report]\nledger_rows = {rows}\n", "utf-8")
    r = run("report", "2024")
    assert r.exit_code == 0, r.output
    appendix = r.stdout[r.stdout.index("2024年法治政府建设工作台账") :]
    assert ("学法2024-03-02" in appendix) is listed
    assert ("共有记录3条" in appendix and "fzlog export 2024" in appendix) is not listed


def test_a_bad_ledger_rows_is_named(run, ledger_dir):
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + '\n[report]\nledger_rows = "many"\n', "utf-8")
    r = run("report", "2024")
    assert r.exit_code != 0 and "ledger_rows" in r.output and "Traceback" not in r.output
