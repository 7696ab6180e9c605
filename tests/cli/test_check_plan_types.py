"""law-study-plan counts the plan types that carry 普法 duties (普法计划, 普法责任清单), a 学法计划
only where the profile says so, and `check --target law-study-plan` says what counts (#15 item 6)."""

import json


def add_plan(run, ledger, plan_type, title):
    r = run(
        "--ledger",
        str(ledger),
        "add",
        "plan",
        "-t",
        title,
        "-d",
        "2024-01-15",
        "--evidence",
        "文件",
        "--set",
        f"plan_type={plan_type}",
        "--set",
        "for_year=2024",
    )
    assert r.exit_code == 0, r.output


def plan_status(run, ledger, *args):
    r = run("--ledger", str(ledger), "check", "2024", "--only", "law-study-plan", "--json", *args)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)["targets"][0]["status"]


def test_a_responsibility_list_meets_the_target(run, ledger_dir):
    add_plan(run, ledger_dir, "普法责任清单", "2024年测试局普法责任清单")
    assert plan_status(run, ledger_dir) == "met"


def test_a_study_plan_counts_only_where_the_profile_says_so(run, ledger_dir):
    add_plan(run, ledger_dir, "学法计划", "2024年度测试局学法计划")
    assert plan_status(run, ledger_dir) == "unmet"
    assert plan_status(run, ledger_dir, "--profile", "national-xuefa") == "met"
    (ledger_dir / "fzlog.toml").write_text('org = "测试局"\nprofile = "national-xuefa"\n', "utf-8")
    assert plan_status(run, ledger_dir) == "met"


def test_target_view_says_what_counts(run, ledger_dir):
    r = run("--ledger", str(ledger_dir), "check", "2024", "--target", "law-study-plan")
    assert "计入：plan_type 为 普法计划、普法责任清单的工作计划（plan），按 for_year（计划年度）归入年度" in r.stdout
    assert "学法计划" not in r.stdout.split("计入：")[1].splitlines()[0]
    r = run("--ledger", str(ledger_dir), "check", "2024", "--target", "law-study-plan", "--profile", "national-xuefa")
    assert "计入：plan_type 为 普法计划、普法责任清单、学法计划的工作计划（plan）" in r.stdout


def test_a_profile_overriding_an_unknown_target_is_an_error(run, ledger_dir, tmp_path):
    targets = tmp_path / "t.toml"
    targets.write_text("[profiles.p]\ntargets = []\n[profiles.p.override.nope]\nmin = 2\n", "utf-8")
    r = run("--ledger", str(ledger_dir), "check", "2024", "--targets", str(targets), "--profile", "p")
    assert r.exit_code == 2
    assert "nope" in r.output and "Traceback" not in r.output
