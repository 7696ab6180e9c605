"""County roll-up: one summary over several department ledgers."""

import json
import shutil

from tests.conftest import SAMPLE


def make_county(run, tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    shutil.copytree(SAMPLE, county / "kejiju")
    assert run("init", str(county / "sifaju"), "--org", "于田县司法局").exit_code == 0
    assert run("init", str(county / "jiaoyu" / "data"), "--org", "于田县教育局").exit_code == 0
    assert (
        run(
            "--ledger", str(county / "sifaju"), "add", "宣传", "-t", "宪法日", "-d", "2024-12-04", "-s", "materials=500"
        ).exit_code
        == 0
    )
    assert (
        run("--ledger", str(county / "jiaoyu" / "data"), "add", "study", "-t", "学法", "-d", "2024-03-01").exit_code
        == 0
    )
    return county


def test_rollup_over_a_folder(run, tmp_path):
    county = make_county(run, tmp_path)
    data = json.loads(run("--ledger", str(county), "summary", "2024", "--json").stdout)
    orgs = [x["org"] for x in data["ledgers"]]
    assert sorted(orgs) == ["于田县司法局", "于田县教育局", "于田县科学技术局"]
    by_org = {x["org"]: x for x in data["ledgers"]}
    assert by_org["于田县司法局"]["kinds"]["publicity"]["fields"]["materials"] == 500
    assert data["total"]["kinds"]["publicity"]["count"] == 13
    assert data["total"]["kinds"]["publicity"]["fields"]["materials"] == 2030 + 500
    assert data["total"]["kinds"]["study"]["count"] == 13
    assert data["total"]["records"] == sum(x["records"] for x in data["ledgers"])


def test_rollup_table_and_repeated_option(run, tmp_path):
    county = make_county(run, tmp_path)
    r = run("--ledger", str(county / "kejiju"), "--ledger", str(county / "sifaju"), "summary", "2024")
    assert r.exit_code == 0
    assert "于田县科学技术局" in r.output and "于田县司法局" in r.output and "全县合计" in r.output
    assert "13场/次" in r.output


def test_rollup_refused_where_it_makes_no_sense(run, tmp_path):
    county = make_county(run, tmp_path)
    r = run("--ledger", str(county), "list")
    assert r.exit_code == 2 and "一个台账" in r.output
    r = run("--ledger", str(county), "summary", "2024", "--compare", "2023")
    assert r.exit_code == 2
    r = run("--ledger", str(tmp_path / "empty-folder-that-does-not-exist"), "summary")
    assert r.exit_code == 2


def test_check_matrix(run, tmp_path):
    county = make_county(run, tmp_path)
    r = run("--ledger", str(county), "check", "2024", "--as-of", "2024-12-31")
    assert r.exit_code == 1  # departments miss targets
    assert "leaders-law-lectures" in r.output and "于田县司法局" in r.output and "于田县科学技术局" in r.output
    data = json.loads(run("--ledger", str(county), "check", "2024", "--json").stdout)
    assert data["ok"] is False
    by_org = {x["org"]: {t["id"]: t["status"] for t in x["targets"]} for x in data["ledgers"]}
    assert by_org["于田县科学技术局"]["frp-meeting"] == "met"
    assert by_org["于田县司法局"]["frp-meeting"] == "unmet"
    assert by_org["于田县司法局"]["constitution-day"] == "met"
