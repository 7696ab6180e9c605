"""fzlog check and its sources: the three states, periods (2026 is not 2025), the corrected rules,
--sources, --target/--verbose, and the one-line-per-target table at 80/100/120 columns."""

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from fzlog.cli.render import display_width

REPO = Path(__file__).parents[2]
TARGETS = tomllib.loads((REPO / "fzlog" / "data" / "targets.toml").read_text("utf-8"))


def add(run, ledger, kind, day, *sets, title=None):
    args = ["--ledger", str(ledger), "add", kind, "-t", title or f"{kind} {day}", "-d", day, "--evidence", "卷宗"]
    for s in sets:
        args += ["--set", s]
    r = run(*args)
    assert r.exit_code == 0, r.output
    return r.output.split()[1]


def check(run, ledger, *args):
    r = run("--ledger", str(ledger), "check", *args, "--json")
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.stdout)


def one(run, ledger, year, tid, *args):
    code, data = check(run, ledger, year, "--only", tid, *args)
    return code, data["targets"][0]


# --- litigation: 负责人 = 正职/副职/分管; 依法委托出庭 -------------------------------------------------


def test_a_deputy_appearing_meets_the_duty(run, sample):
    case = add(run, sample, "litigation", "2024-05-10", "appeared_role=副职", title="张某诉本局行政处罚案（一审）")
    code, res = one(run, sample, "2024", "litigation-appearance")
    assert (code, res["status"], res["evidence"]) == (0, "met", [case])
    assert "副职 1" in res["actual"]


def test_a_justified_absence_with_staff_appearing_is_its_own_state(run, sample):
    add(run, sample, "litigation", "2024-05-10", "principal_appeared=true")
    entrusted = add(
        run, sample, "litigation", "2024-09-03", "entrusted=true", "absence_reason=需要履行他人不能代替的公务"
    )
    code, res = one(run, sample, "2024", "litigation-appearance")
    assert (code, res["status"]) == (0, "entrusted")  # compliant, and shown as what it is
    assert entrusted in res["evidence"] and entrusted in res["note"] and "他人不能代替的公务" in res["note"]
    r = run("--ledger", str(sample), "check", "2024", "--only", "litigation-appearance")
    assert r.exit_code == 0 and "依法委托出庭" in r.stdout


def test_staff_without_a_reason_or_no_one_is_a_failure(run, sample):
    no_reason = add(run, sample, "litigation", "2024-05-10", "entrusted=true")
    absent = add(run, sample, "litigation", "2024-06-10", "appeared_role=科长")
    code, res = one(run, sample, "2024", "litigation-appearance")
    assert (code, res["status"]) == (1, "unmet")
    assert set(res["failing"]) == {no_reason, absent}
    assert "未写明负责人不能出庭的事由" in res["note"]


# --- annual report: 1 March is borderline ---------------------------------------------------------------


def test_a_report_submitted_on_1_march_is_on_time_with_a_note(run, ledger_dir):
    rid = add(run, ledger_dir, "annual-report", "2025-03-01", "for_year=2024", "submitted=2025-03-01")
    code, res = one(run, ledger_dir, "2024", "annual-report-submitted")
    assert (code, res["status"], res["evidence"]) == (0, "met", [rid])
    assert "2025-03-01 当天" in res["note"] and "boundary" in res["note"]
    # a ledger that reads "3月1日之前" as excluding the day
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + '\n[targets.annual-report-submitted]\nboundary = "exclusive"\n', "utf-8")
    code, res = one(run, ledger_dir, "2024", "annual-report-submitted")
    assert (code, res["status"], res["failing"]) == (1, "unmet", [rid])
    assert res["required"] == "报送日期 < 2025-03-01"


def test_a_bad_boundary_names_the_line(run, ledger_dir):
    cfg = ledger_dir / "fzlog.toml"
    text = cfg.read_text("utf-8")
    cfg.write_text(text + '[targets.annual-report-submitted]\nboundary = "当天算"\n', "utf-8")
    r = run("--ledger", str(ledger_dir), "check", "2024")
    assert r.exit_code == 2 and f"fzlog.toml:{text.count(chr(10)) + 2}:" in r.stderr and "boundary" in r.stderr


# --- major decisions: 依法不予公开, no repeated risk assessment -----------------------------------------


def test_major_decision_exemptions(run, ledger_dir):
    steps = ["legality_review=true", "collective_decision=true"]
    add(run, ledger_dir, "decision", "2024-04-01", *steps, "undisclosed=true")
    add(
        run,
        ledger_dir,
        "decision",
        "2024-05-01",
        *steps,
        "public_participation=true",
        "stability_risk=true",
        "prior_risk_assessment=true",
    )
    code, res = one(run, ledger_dir, "2024", "major-decision-procedure")
    assert (code, res["status"]) == (0, "met")
    assert "依法不予公开的决策事项免公众参与" in res["required"]
    lacking = add(run, ledger_dir, "decision", "2024-06-01", *steps, "public_participation=true", "stability_risk=true")
    code, res = one(run, ledger_dir, "2024", "major-decision-procedure")
    assert (code, res["status"], res["failing"]) == (1, "unmet", [lacking]) and "风险评估" in res["actual"]


# --- local targets ------------------------------------------------------------------------------------


def test_local_targets_say_so_and_take_the_ledgers_minimum(run, sample):
    cfg = sample / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + "\n[targets.leaders-law-lectures]\nmin = 4\n", "utf-8")
    add(run, sample, "lecture", "2024-04-18")
    code, res = one(run, sample, "2024", "leaders-law-lectures")
    assert (code, res["status"], res["required"], res["local"]) == (1, "unmet", "≥ 4 期", True)
    r = run("--ledger", str(sample), "check", "2024", "--target", "leaders-law-lectures")
    assert "本地指标未达到" in r.stdout and "未找到原文" in r.stdout and "本地做法" in r.stdout
    assert "十（三十四）" not in res["source"].replace(
        "《法治政府建设实施纲要（2021－2025年）》十（三十四）“两期以上”", ""
    )


def test_xinjiang_profile_says_its_practice_is_regional_and_its_minimum_local(run, sample):
    _, res = one(run, sample, "2024", "cpc-group-study-quarterly")
    assert res["local"] is True and res["region"] == "新疆维吾尔自治区"
    assert "逢九必讲" in res["source"] and "本地最低要求" in res["source"]
    assert [s["id"] for s in res["sources"]] == ["xinjiang-report-2023"]


# --- periods: 2026 is not 2025 -------------------------------------------------------------------------


def test_check_2026_holds_what_is_in_force_in_2026(run, ledger_dir):
    add(run, ledger_dir, "plan", "2026-01-20", "plan_type=普法计划", "for_year=2026")
    add(run, ledger_dir, "shufa", "2026-12-20", "study_reported=true", "speaker=局长")
    add(run, ledger_dir, "meeting", "2026-03-05", "chaired_by_principal=true")
    add(run, ledger_dir, "lecture", "2026-04-10")
    code, data = check(run, ledger_dir, "2026", "--as-of", "2026-12-31")
    assert code == 1  # lectures 1 of 2, counsel none, …: an honest table, not an empty one
    status = {x["id"]: x["status"] for x in data["targets"]}
    assert status["law-study-plan"] == "met" and status["leaders-study-in-review"] == "met"
    assert status["year-end-shufa"] == "met" and status["frp-meeting"] == "met"
    assert status["leaders-law-lectures"] == "unmet" and status["legal-counsel"] == "unmet"
    # no target rests on the expired 纲要, and the 纲要 is shown as expired, with no successor
    for x in data["targets"]:
        in_force = [s for s in x["sources"] if s["in_force"]]
        assert x["local"] or in_force, x["id"]
        assert not any(s["id"] == "gangyao-2021" and s["in_force"] for s in x["sources"])
    assert [s["id"] for s in data["expired_sources"]][0] == "gangyao-2021"
    plan = {x["id"]: x for x in data["targets"]}["law-study-plan"]
    assert {s["id"] for s in plan["sources"]} == {"pufa-responsibility-2017", "pufa-law-2025", "jiuwu-pufa-plan"}
    r = run("--ledger", str(ledger_dir), "check", "2026", "--as-of", "2026-12-31")
    assert "《法治政府建设实施纲要（2021－2025年）》（中发〔2021〕33号） 已于 2025-12-31 到期" in r.stdout
    assert "leaders-study-in-review" in r.stdout


def test_2024_does_not_hold_2026_law(run, sample):
    _, data = check(run, sample, "2024")
    assert "leaders-study-in-review" not in {x["id"] for x in data["targets"]}
    assert [x["id"] for x in data["not_in_force"]] == ["leaders-study-in-review"]
    plan = {x["id"]: x for x in data["targets"]}["law-study-plan"]
    assert [s["id"] for s in plan["sources"]] == ["pufa-responsibility-2017"]  # the 2025 law not yet in force
    assert data["expired_sources"] == []


def test_a_target_past_its_period_is_listed_with_its_successor(run, sample):
    cfg = sample / "fzlog.toml"
    cfg.write_text(
        cfg.read_text("utf-8")
        + '\n[targets.year-end-shufa]\nuntil = "2023"\nreplaced_by = "leaders-study-in-review"\n',
        "utf-8",
    )
    _, data = check(run, sample, "2024")
    assert "year-end-shufa" not in {x["id"] for x in data["targets"]}
    assert data["not_in_force"][0]["id"] == "year-end-shufa"
    r = run("--ledger", str(sample), "check", "2024")
    assert "year-end-shufa（至 2023，由 leaders-study-in-review 接替）" in r.stdout


# --- --sources keeps the checklist true ------------------------------------------------------------------


def test_sources_lists_every_source(run, sample):
    r = run("--ledger", str(sample), "check", "--sources")
    assert r.exit_code == 0
    for sid in TARGETS["sources"]:
        assert f"\n{sid}  " in r.stdout, sid
    data = json.loads(run("--ledger", str(sample), "check", "--sources", "--json").stdout)
    by_id = {s["id"]: s for s in data["sources"]}
    assert set(by_id) == set(TARGETS["sources"])
    assert by_id["gangyao-2021"]["until"] == "2025-12-31" and by_id["gangyao-2021"]["state"] == "secondary"
    assert by_id["major-decision-regulation"]["state_label"] == "已核对原文"
    assert by_id["lectures-two-a-year"]["state_label"] == "未找到原文"
    assert set(by_id["supervision-rules-2019"]["cited_by"]) == {"annual-report-submitted", "annual-report-published"}
    # outside any ledger: the sources shipped with fzlog
    r = run("check", "--sources", "--json")
    assert r.exit_code == 0 and {s["id"] for s in json.loads(r.stdout)["sources"]} == set(TARGETS["sources"])


def test_every_cited_source_is_listed_and_every_original_quoted():
    sources = TARGETS["sources"]
    for tid, target in TARGETS["targets"].items():
        assert target.get("sources"), f"{tid} cites no source"
        assert "verified" not in target and "source" not in target, tid
        for sid in target["sources"]:
            assert sid in sources, f"{tid} cites {sid}, which is not in the source list"
    for sid, s in sources.items():
        if s["state"] == "original":
            assert s.get("quote"), f"{sid} claims original without a quotation"
        assert s.get("where") or s["state"] == "not-found", f"{sid} does not say where it was read"


def test_no_invented_article_numbers():
    """Only articles read in the original appear; the 纲要's clauses and the 28号's 3月1日 article
    were not read."""
    by_id = TARGETS["targets"]
    assert "条款号未找到" in by_id["annual-report-submitted"]["basis"]
    for tid, target in by_id.items():
        text = target.get("basis", "") + target["title"]
        assert not re.search(r"纲要.{0,6}[一二三四五六七八九十]+（[一二三四五六七八九十]+）", text), tid


def test_a_target_citing_an_unknown_source_is_an_error(run, sample):
    cfg = sample / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + '\n[targets.frp-meeting]\nsources = ["frp-rule-2016"]\n', "utf-8")
    r = run("--ledger", str(sample), "check", "2024")
    assert r.exit_code == 2 and "没有依据“frp-rule-2016”" in r.stderr and "frp-rules-2016" in r.stderr


def test_docs_record_every_source():
    text = (REPO / "docs" / "sources.md").read_text("utf-8")
    for sid in TARGETS["sources"]:
        assert f"`{sid}`" in text, sid


def test_no_absolute_paths_to_the_domain_notes():
    for rel in ("fzlog/data/targets.toml", "tests/report_fakes.py", "data/README.md"):
        text = (REPO / rel).read_text("utf-8")
        assert "/work/" not in text and "shared/" not in text, rel


# --- the table: one line per target at 80, 100 and 120 columns --------------------------------------------


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_table_fits_one_line_per_target(run, sample, monkeypatch, columns):
    add(run, sample, "litigation", "2024-05-10", "entrusted=true", "absence_reason=不可抗力")
    monkeypatch.setenv("COLUMNS", str(columns))
    r = run("--ledger", str(sample), "check", "2024")
    lines = r.stdout.splitlines()
    assert all(display_width(x) <= columns for x in lines), max(lines, key=display_width)
    _, data = check(run, sample, "2024")
    ids = [x["id"] for x in data["targets"]]
    rows = [x for x in lines if x.split(" ")[0] in ids]
    assert [x.split(" ")[0] for x in rows] == ids  # each id whole, once, one line each
    for row, target in zip(rows, data["targets"], strict=True):
        assert row.rstrip().endswith(" " + str(len(target["evidence"])))


def test_verbose_and_target_details(run, sample, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = run("--ledger", str(sample), "check", "2024", "--target", "cpc-group-study-quarterly")
    assert r.exit_code == 0
    assert all(display_width(x) <= 80 for x in r.stdout.splitlines())
    text = re.sub(r"\n +", "", r.stdout)  # continuation lines joined
    for needle in (
        "要求：每季度 ≥ 1 次",
        "本地做法（新疆维吾尔自治区）",
        "已核对原文：自治区报告原文及地州报告",
        "2024-12-03/study-78a8",
    ):
        assert needle in text, needle
    assert "━" not in r.stdout  # the details only, no table
    r = run("--ledger", str(sample), "check", "2024", "--verbose")
    assert r.stdout.count("  来源：") == 12 and "━" in r.stdout
    r = run("--ledger", str(sample), "check", "2024", "--target", "leaders-study-in-review")
    assert r.exit_code == 0 and "2024 年不适用" in r.stdout


def test_json_keeps_its_fields(run, sample):
    _, data = check(run, sample, "2024")
    old = {
        "id",
        "title",
        "source",
        "verified",
        "verified_note",
        "status",
        "required",
        "actual",
        "evidence",
        "missing_evidence",
        "failing",
        "note",
    }
    for x in data["targets"]:
        assert old <= set(x)
    assert {"year", "as_of", "checked_on", "profile", "ok", "targets"} <= set(data)


def test_county_matrix_is_one_line_per_target(run, tmp_path, monkeypatch):
    county = tmp_path / "county"
    county.mkdir()
    for name in ("kejiju", "kejiju2"):
        shutil.copytree(REPO / "data", county / name, ignore=shutil.ignore_patterns(".fzlog-cache"))
    monkeypatch.setenv("COLUMNS", "80")
    r = run("--ledger", str(county), "check", "2024")
    lines = r.stdout.splitlines()
    assert r.exit_code == 1 and all(display_width(x) <= 80 for x in lines)
    rows = [x for x in lines if x.split(" ")[0] in TARGETS["targets"]]
    assert len(rows) == 12 and all(x.count("达标") + x.count("不适用") + x.count("未达到") == 2 for x in rows)


def test_the_reports_appendix_words_the_sources_as_check_does(sample):
    from fzlog.report.checks import source_wording, year_checks
    from fzlog.store.ledger import Ledger

    cells = {r.target.id: source_wording(r.target) for r in year_checks(Ledger(sample), 2024)}
    assert "（据转述：县政府信息公开页（hnhs.gov.cn）转引第二十四条" in cells["annual-report-published"]
    assert "（已核对原文：条例官方文本）" in cells["major-decision-procedure"]
    assert (
        cells["leaders-law-lectures"].startswith("本地做法（如威海）。")
        and "（未找到原文）" in cells["leaders-law-lectures"]
    )
    assert "依据待核实" not in "".join(cells.values())
