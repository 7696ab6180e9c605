"""Defects found by exploratory testing, each held by a test."""

import datetime as dt
import json
import shutil

import pytest

from tests.conftest import SAMPLE


def test_misplaced_record_files_are_warned_by_reading_commands(run, sample):
    src = next((sample / "2024" / "2024-03-20").glob("study-*.toml"))
    shutil.copy(src, sample / "2024" / "study-aaaa.toml")  # no day folder
    (sample / "2023" / "2024-01-05").mkdir()
    shutil.copy(src, sample / "2023" / "2024-01-05" / "study-bbbb.toml")  # day folder under the wrong year
    shutil.copy(src, src.with_name("study-cccc.TOML"))
    r = run("--ledger", str(sample), "summary", "2024")
    assert r.exit_code == 0
    assert "共跳过 3 个有问题的记录文件" in r.stderr
    for name in ("study-aaaa.toml", "study-bbbb.toml", "study-cccc.TOML"):
        assert name in r.stderr


def test_compare_prev_on_29_february(run, sample):
    r = run("--ledger", str(sample), "summary", "2024-01-01..2024-02-29", "--compare", "prev", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["compare"]["period"] == {"from": "2023-01-01", "to": "2023-02-28"}


def test_by_and_compare_together_is_a_usage_error(run, sample):
    r = run("--ledger", str(sample), "summary", "2024", "--by", "quarter", "--compare", "2023")
    assert r.exit_code == 2 and "--compare" in r.stderr


def test_csv_compare_has_change_rows(run, sample):
    rows = run("--ledger", str(sample), "summary", "2024", "--compare", "2023", "--csv").stdout.splitlines()
    assert "增减,study,集中学习,count,数量,3,次" in rows


@pytest.mark.parametrize(
    "args",
    [
        ["check", "0001"],
        ["check", "9999"],
        ["report", "9999"],
        ["summary", "0001", "--compare", "prev"],
        ["list", "0001..2024"],
    ],
)
def test_out_of_range_years_are_usage_errors(run, sample, args):
    r = run("--ledger", str(sample), *args)
    assert r.exit_code == 2 and "1949 到 2999" in r.stderr


def test_out_of_range_dates_are_refused(run, ledger_dir):
    assert run("add", "study", "-t", "x", "-d", "0001-01-01").exit_code == 2


def test_init_on_a_file_is_an_error_not_a_traceback(run, tmp_path):
    (tmp_path / "taken").write_text("x")
    r = run("init", "taken", "--org", "局")
    assert r.exit_code == 1 and "taken" in r.stderr


def test_ledger_option_accepts_a_project_folder(run, tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(SAMPLE, project / "data")
    r = run("--ledger", str(project), "list", "2024-12")
    assert r.exit_code == 0 and "国家宪法日" in r.stdout
    r = run("--ledger", str(project), "summary", "2024")
    assert "全县汇总" not in r.stdout


def test_rollup_counts_each_ledger_once_and_warns_about_folders_without_one(run, tmp_path):
    county = tmp_path / "county"
    shutil.copytree(SAMPLE, county / "科技局")
    (county / "空部门").mkdir()
    r = run("--ledger", str(county), "summary", "2024", "--json")
    assert "空部门" in r.stderr and "未计入" in r.stderr
    r = run("--ledger", str(county / "科技局"), "--ledger", str(county / "科技局"), "summary", "2024", "--json")
    data = json.loads(r.stdout)
    assert data["total"]["kinds"]["enterprise-visit"]["count"] == 22


def test_validate_checks_the_targets_section(run, sample):
    with open(sample / "fzlog.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[targets.leaders-law-lectures]\nmni = 2\n")
    r = run("--ledger", str(sample), "validate", "--json")
    assert r.exit_code == 1
    [err] = json.loads(r.stdout)["errors"]
    assert err["code"] == "config-section" and "min" in err["message"]


def test_gbk_config_names_the_encoding_and_the_fix(run, sample):
    cfg = sample / "fzlog.toml"
    cfg.write_bytes(cfg.read_text("utf-8").encode("gbk"))
    r = run("--ledger", str(sample), "summary", "2024")
    assert r.exit_code == 1 and "GBK" in r.stderr and "UTF-8" in r.stderr


def test_record_file_messages_for_common_hand_edits(run, ledger_dir):
    day = ledger_dir / "2024" / "2024-03-15"
    day.mkdir(parents=True)
    (day / "publicity-aaaa.toml").write_text('kind = "宣传"\ndate = 2024-03-15\ntitle = "x"\n', "utf-8")
    (day / "study-bbbb.toml").write_text('kind = "study"\ndate = "2024-03-15"\ntitle = "x"\n', "utf-8")
    out = run("validate").stdout
    assert 'kind = "publicity"' in out
    assert "不加引号" in out


def test_a_number_where_a_unit_belongs_is_a_config_error(run, sample):
    with open(sample / "fzlog.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[kinds.publicity]\nunit = 5\n")
    r = run("--ledger", str(sample), "summary", "2024")
    assert r.exit_code == 1 and "kinds.publicity.unit" in r.stderr


def test_future_date_is_noted(run, ledger_dir):
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    r = run("add", "study", "-t", "x", "-d", future)
    assert r.exit_code == 0 and "在今天之后" in r.stderr


def test_common_keys_in_set_name_the_right_option(run, ledger_dir):
    assert "--tag" in run("add", "study", "-t", "x", "-s", "tags=a").stderr
    assert "--tags" not in run("add", "study", "-t", "x", "-s", "tags=a").stderr


@pytest.mark.parametrize("ref", ["C44C", "2024-12-04/c44c", "2024/2024-12-04/publicity-c44c.toml"])
def test_show_accepts_the_forms_users_copy(run, ref):
    r = run("--ledger", str(SAMPLE), "show", ref, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["id"] == "2024-12-04/publicity-c44c"


def test_check_as_of_without_year_uses_that_year(run, sample):
    r = run("--ledger", str(sample), "check", "--as-of", "2024-06-30", "--json")
    assert json.loads(r.stdout)["year"] == 2024
