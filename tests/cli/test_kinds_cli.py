"""The kind registry through the CLI: summary figures by rule, groups, ratios, quantity records."""

from __future__ import annotations

import json


def summary_json(run, *args):
    r = run("summary", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_summary_groups_ratios_and_rules(run, ledger_dir):
    for args in (
        ["study", "-t", "中心组学法", "-d", "2024-03-01", "-s", "body=中心组", "-s", "count=3"],
        ["study", "-t", "常务会学法", "-d", "2024-06-01", "-s", "学法主体=常务会", "-s", "count=4"],
        ["exam", "-t", "学法考试", "-d", "2024-05-01", "-s", "required=53", "-s", "sat=53", "-s", "passed=53"],
        ["exam", "-t", "学法考试", "-d", "2023-05-01", "-s", "sat=10", "-s", "passed=8"],
    ):
        assert run("add", *args).exit_code == 0
    s = summary_json(run, "2024")
    study = s["kinds"]["study"]
    assert study["count"] == 7
    assert {k: v["count"] for k, v in study["groups"]["body"].items()} == {"常务会": 4, "中心组": 3}
    assert study["rules"]["body"] == "group" and study["rules"]["headcount"] == "max"
    exam = s["kinds"]["exam"]
    assert exam["ratios"]["pass_rate"]["percent"] == 100.0 and exam["ratios"]["attendance_rate"]["of"] == "sat/required"

    text = run("summary", "2024").stdout
    assert "学法主体：常务会 4次、中心组 3次" in text and "合格率 100%" in text
    rows = run("summary", "2024", "--csv").stdout.splitlines()
    assert "2024,study,集中学习,body=中心组,学法主体：中心组,3,次" in rows
    assert "2024,exam,学法考试,ratio:pass_rate,合格率,100.0,%" in rows
    s = summary_json(run, "2024", "--compare", "2023")
    assert s["kinds"]["exam"]["change"]["ratios"]["pass_rate"] == 20.0
    s = summary_json(run, "2024", "--by", "quarter")
    assert s["groups"][0]["kinds"]["study"]["groups"]["body"]["中心组"]["count"] == 3


def test_count_of_one_is_not_written_and_old_files_are_unchanged(run, ledger_dir):
    assert run("add", "publicity", "-t", "宣传", "-d", "2024-03-01", "-s", "count=1").exit_code == 0
    assert run("add", "permit", "-t", "3月执业注册", "-d", "2024-03-31", "-s", "count=55").exit_code == 0
    texts = {p.name.split("-")[0]: p.read_text("utf-8") for p in (ledger_dir / "2024").rglob("*.toml")}
    assert "count" not in texts["publicity"]
    assert "count = 55\n" in texts["permit"]
    assert summary_json(run, "2024")["kinds"]["permit"]["count"] == 55


def test_add_and_import_share_the_value_grammar(run, ledger_dir, tmp_path):
    r = run(
        "add",
        "publicity",
        "-t",
        "宪法日",
        "-d",
        "2024-12-04",
        "-s",
        "materials=2000余份",
        "-s",
        "咨询人次=三百",
        "-s",
        "participants=两万余人次",
    )
    assert r.exit_code == 0, r.output
    (tmp_path / "t.csv").write_text(
        "日期,类型,标题,发放宣传资料（份）,接受群众咨询,罚没款（万元）\n"
        "2024-05-01,法治宣传活动,宣传月,300份,80余,\n"
        "2024-06-01,行政处罚案件,处罚案件,,,2.2\n",
        encoding="utf-8",
    )
    r = run("import", "t.csv", "--yes")
    assert r.exit_code == 0, r.output
    files = {p.read_text("utf-8") for p in (ledger_dir / "2024").rglob("*.toml")}
    assert any('at_least = ["materials", "participants"]' in f and "consultations = 300" in f for f in files)
    s = summary_json(run, "2024")["kinds"]
    assert s["publicity"]["fields"]["materials"] == 2300 and s["publicity"]["at_least"]["materials"] == "余"
    assert s["publicity"]["fields"]["consultations"] == 380 and s["publicity"]["at_least"]["consultations"] == "余"
    assert s["enforcement-case"]["fields"]["fines"] == 22000.0
    assert "罚没款 2.2万元" in run("summary", "2024").stdout
    assert "发放宣传资料 2300余份" in run("summary", "2024").stdout


def test_import_knows_every_label_alias_and_unit_header(run, ledger_dir, tmp_path):
    (tmp_path / "counsel.csv").write_text(
        "日期,类型,事项,出具法律意见（条）\n2024-03-01,法律顾问,审查采购合同,3\n", encoding="utf-8"
    )
    (tmp_path / "mixed.csv").write_text(
        "日期,类型,标题,咨询人次,参训人次,应持证人数（人）,已持证人数,岗位,数量（件）,罚没款（万元）\n"
        "2024-04-01,宣传,普法宣传月,380余,,,,,,\n"
        "2024-05-01,培训,执法人员培训,,40,,,,,\n"
        "2024-12-31,执法人员持证,年末持证情况,,,84,83,执法人员,,\n"
        "2024-06-30,行政处罚案件,二季度处罚案件,,,,,,100,1.5\n",
        encoding="utf-8",
    )
    for name in ("counsel.csv", "mixed.csv"):
        r = run("import", name, "--yes")
        assert r.exit_code == 0, r.output
    rec = next(x for x in json.loads(run("list", "2024", "--json").stdout) if x["kind"] == "counsel")
    assert rec["title"] == "审查采购合同" and rec["fields"]["opinions"] == 3
    k = summary_json(run, "2024")["kinds"]
    assert k["publicity"]["fields"]["consultations"] == 380
    assert k["training"]["fields"]["participants"] == 40
    assert k["roster"]["ratios"]["certified_rate"]["percent"] == 98.81
    assert k["enforcement-case"]["count"] == 100 and k["enforcement-case"]["fields"]["fines"] == 15000.0
    # and an export of the quantity record imports back the same
    assert run("export", "2024", "--kind", "enforcement-case", "-o", "back.csv").exit_code == 0
    assert "数量（件）" in (tmp_path / "back.csv").read_text("utf-8-sig").splitlines()[0]


CUSTOM = """
[kinds.safety-check]
label = "安全生产检查"
unit = "次"
aliases = ["安全检查"]
zero_reported = true
fields = [
  { name = "enterprises", type = "int", label = "检查企业", unit = "家" },
  { name = "hazards", type = "int", label = "排查隐患", unit = "处" },
  { name = "fixed", type = "int", label = "整改隐患", unit = "处" },
  { name = "area", type = "text", label = "行业", aggregate = "group" },
]
ratios = [{ name = "fixed_rate", label = "隐患整改率", of = "fixed/hazards" }]

[targets.safety-checks]
title = "每年开展安全生产检查不少于4次"
source = "本县文件"
rule = { type = "count", kinds = ["safety-check"], min = 4 }
"""


def test_custom_kind_works_everywhere(run, ledger_dir, tmp_path):
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + CUSTOM, "utf-8")
    assert summary_json(run, "2024")["kinds"]["safety-check"]["count"] == 0  # zero_reported: a figure
    r = run(
        "add",
        "安全检查",
        "-t",
        "春节前安全检查",
        "-d",
        "2024-01-20",
        "-s",
        "检查企业=12家",
        "-s",
        "hazards=8",
        "-s",
        "fixed=6",
        "-s",
        "行业=化工",
    )
    assert r.exit_code == 0, r.output
    (tmp_path / "s.csv").write_text(
        "日期,类型,标题,检查企业（家）,排查隐患,整改隐患（处）,行业\n"
        "2024-06-01,安全生产检查,安全生产月检查,20余,12,12,烟花爆竹\n",
        encoding="utf-8",
    )
    r = run("import", "s.csv", "--yes")
    assert r.exit_code == 0, r.output
    k = summary_json(run, "2024")["kinds"]["safety-check"]
    assert k["count"] == 2 and k["fields"]["enterprises"] == 32 and k["at_least"] == {"enterprises": "余"}
    assert k["ratios"]["fixed_rate"]["percent"] == 90.0
    assert set(k["groups"]["area"]) == {"化工", "烟花爆竹"}
    r = run("check", "2024", "--json")
    found = {x["id"]: x for x in json.loads(r.stdout)["targets"]}["safety-checks"]
    assert found["status"] == "unmet" and found["actual"] == "2 次"
    assert run("export", "2024", "-o", "all.xlsx").exit_code == 0
    from openpyxl import load_workbook

    assert "安全生产检查" in load_workbook(tmp_path / "all.xlsx").sheetnames
    text = run("kinds", "安全生产检查").stdout
    assert "隐患整改率 = fixed/hazards" in text and "本台账自定义" in text


def test_unknown_kind_and_field_say_how_to_declare(run, ledger_dir):
    r = run("add", "qwerty", "-t", "x")
    assert r.exit_code == 2 and "[kinds.qwerty]" in r.output and "fzlog kinds --new qwerty" in r.output
    r = run("add", "other", "-t", "x", "-s", "zzz=1")
    assert r.exit_code == 2 and "[kinds.other]" in r.output and 'name = "zzz"' in r.output
    r = run("add", "studdy", "-t", "x")
    assert "您是不是要输入“study”" in r.output and "fzlog kinds --new studdy" in r.output


def test_kinds_new_writes_a_stub_that_loads(run, ledger_dir):
    before = (ledger_dir / "fzlog.toml").read_text("utf-8")
    r = run("kinds", "--new", "safety-check", "--label", "安全生产检查", "--unit", "次")
    assert r.exit_code == 0, r.output
    after = (ledger_dir / "fzlog.toml").read_text("utf-8")
    assert after.startswith(before.rstrip("\n")) and "[kinds.safety-check]" in after
    assert run("add", "安全生产检查", "-t", "x", "-d", "2024-01-01").exit_code == 0
    assert run("kinds", "--new", "safety-check").exit_code == 2  # exists: nothing changed
    assert run("kinds", "--new", "study").exit_code == 2
    assert (ledger_dir / "fzlog.toml").read_text("utf-8") == after


def test_init_type_puts_the_department_kinds_first(run, tmp_path):
    r = run("init", "ws", "--org", "某卫健局", "--type", "卫生健康局")
    assert r.exit_code == 0 and 'preset = "health"' in (tmp_path / "ws" / "fzlog.toml").read_text("utf-8")
    listed = json.loads(run("--ledger", "ws", "kinds", "--json").stdout)
    assert list(listed)[:3] == ["study", "training", "exam"] and "catalog" in listed  # all kinds stay
    assert run("init", "x", "--org", "某局", "--type", "外星局").exit_code == 2
    s = json.loads(run("--ledger", "ws", "summary", "2024", "--json").stdout)["kinds"]
    assert s["normative-doc"]["count"] == 0 and "reconsideration" in s


def test_a_record_with_a_former_field_name_still_loads(run, ledger_dir):
    cfg = ledger_dir / "fzlog.toml"
    cfg.write_text(
        cfg.read_text("utf-8") + '\n[kinds.drill]\nlabel = "演练"\nfields = [{ name = "attendees", '
        'type = "int", label = "参加人数", aliases = ["participants"] }]\n',
        "utf-8",
    )
    day = ledger_dir / "2024" / "2024-05-01"
    day.mkdir(parents=True)
    (day / "drill-0a01.toml").write_text(
        'kind = "drill"\ndate = 2024-05-01\ntitle = "演练"\nparticipants = 5\n', "utf-8"
    )
    assert run("validate").exit_code == 0
    assert summary_json(run, "2024")["kinds"]["drill"]["fields"]["attendees"] == 5


def test_zero_figures_are_the_years_not_a_filters(run, ledger_dir):
    assert run("add", "study", "-t", "宪法学习", "-d", "2024-03-01", "--tag", "宪法").exit_code == 0
    assert summary_json(run, "2024")["kinds"]["litigation"]["count"] == 0
    assert "litigation" not in summary_json(run, "2024", "--tag", "宪法")["kinds"]
    assert list(summary_json(run, "2024", "--kind", "study")["kinds"]) == ["study"]


def test_show_writes_lower_bounds_and_money_as_reports_do(run, ledger_dir):
    r = run(
        "add",
        "行政处罚案件",
        "-t",
        "二季度案件",
        "-d",
        "2024-06-30",
        "-s",
        "数量=400余件次",
        "-s",
        "罚没款=22000余元",
        "--json",
    )
    rid = json.loads(r.stdout)["id"]
    out = run("show", rid).stdout
    assert "400余件" in out and "2.2万余元" in out and "at_least" not in out and "下限" not in out


def test_summed_attendance_is_written_in_person_times(run, sample):
    # participants of several events added up count attendances (人次), as the survey's registry and
    # the draft sentences word them; the sample's summary said 625人 for 法治宣传活动 and gave
    # 集中学习 and 专题研讨 no unit at all
    text = run("--ledger", str(sample), "summary", "2024").stdout
    assert "参加人数 179人次" in text and "参加人数 32人次" in text and "参与人数 625人次" in text
    assert "625人；" not in text and "625人\n" not in text
    # a figure written with 人 is still taken (reports write both)
    assert (
        run(
            "--ledger", str(sample), "add", "publicity", "-t", "宣传", "-d", "2024-03-01", "-s", "participants=300人"
        ).exit_code
        == 0
    )
    assert "参与人数 925人次" in run("--ledger", str(sample), "summary", "2024").stdout
