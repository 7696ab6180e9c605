"""fzlog check through the CLI, on a copy of the shipped sample ledger."""

import json
import os
from pathlib import Path

import pytest

from tests.conftest import snapshot

GOLDEN = Path(__file__).parents[1] / "golden"

MET = {
    "cpc-group-study-quarterly",
    "frp-meeting",
    "legal-counsel",
    "law-study-plan",
    "annual-report-submitted",
    "constitution-day",
}
UNMET = {"leaders-law-lectures", "annual-report-published", "year-end-shufa"}
NA = {"major-decision-procedure", "litigation-appearance", "normative-doc-review"}


def check_json(run, sample, *args):
    r = run("--ledger", str(sample), "check", *args, "--json")
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.stdout)


def by_status(data):
    out = {}
    for x in data["targets"]:
        out.setdefault(x["status"], set()).add(x["id"])
    return out


def add_lecture(run, sample, day, *extra):
    r = run("--ledger", str(sample), "add", "lecture", "-t", f"法治专题讲座 {day}", "-d", day, *extra)
    assert r.exit_code == 0, r.output
    return r.output.split()[1]  # "已记录 <id>"


def test_sample_2024_outcome(run, sample):
    before = snapshot(sample)
    code, data = check_json(run, sample, "2024")
    assert code == 1
    assert by_status(data) == {"met": MET, "unmet": UNMET, "n/a": NA}
    assert (data["year"], data["as_of"], data["profile"]) == (2024, "2024-12-31", "xinjiang")
    t = {x["id"]: x for x in data["targets"]}
    assert set(t["leaders-law-lectures"]) >= {
        "id",
        "title",
        "source",
        "verified",
        "status",
        "required",
        "actual",
        "evidence",
        "missing_evidence",
        "source_state",
        "sources",
        "local",
    }
    assert (t["leaders-law-lectures"]["required"], t["leaders-law-lectures"]["actual"]) == ("≥ 2 期", "0 期")
    assert t["leaders-law-lectures"]["verified"] is False
    assert (t["leaders-law-lectures"]["source_state"], t["leaders-law-lectures"]["local"]) == ("not-found", True)
    assert t["annual-report-submitted"]["evidence"] == ["2025-02-28/annual-report-f975"]
    assert t["annual-report-published"]["actual"] == "未填公开日期"
    assert len(t["cpc-group-study-quarterly"]["evidence"]) == 12
    assert t["constitution-day"]["evidence"] == ["2024-12-04/publicity-c44c"]
    assert not any(x["missing_evidence"] for x in data["targets"])
    assert snapshot(sample) == before  # checking changes nothing


def test_a_load_the_caller_has_serves_the_check_when_it_covers_the_dates(sample):
    from fzlog import period
    from fzlog.store.ledger import Ledger
    from fzlog.targets import check_period, check_year

    lg = Ledger(sample)
    alone = check_year(lg, 2024).to_dict()
    assert check_period(lg, 2024) == period.Period(period.year(2023).start, period.year(2025).end)
    assert check_year(lg, 2024, loaded=lg.load()).to_dict() == alone  # the whole ledger
    # a load of 2024 alone lacks the plans for 2024 made in 2023: the check reads its dates itself
    assert check_year(lg, 2024, loaded=lg.load(period.year(2024))).to_dict() == alone


def test_sample_table(run, sample):
    r = run("--ledger", str(sample), "check", "2024")
    assert r.exit_code == 1
    out = r.stdout
    for needle in (
        "于田县科学技术局 2024 年法治建设指标核对",
        "本地指标未达到",
        "未达标",
        "不适用",
        "达标 6 项；未达标 3 项（其中本地指标 2 项）；不适用 3 项",
        "已核对原文 3 项、据转述 8 项、未找到原文 1 项、本地做法 4 项",
    ):
        assert needle in out, needle
    r = run("--ledger", str(sample), "check", "2024", "--verbose")
    for needle in ("厅字〔2019〕28号", "2024-02-22/meeting-9e7a", "条款号未找到", "据转述", "已核对原文：法律官方文本"):
        assert needle in r.stdout, needle


def test_golden_table(run, sample, monkeypatch):
    """The rendered table at 100 columns, byte for byte (FZLOG_UPDATE_GOLDEN=1 rewrites
    tests/golden/check-2024.txt)."""
    monkeypatch.setenv("COLUMNS", "100")
    r = run("--ledger", str(sample), "check", "2024", "--as-of", "2025-06-30")
    golden = GOLDEN / "check-2024.txt"
    if os.environ.get("FZLOG_UPDATE_GOLDEN"):
        golden.write_text(r.stdout, "utf-8")
    assert r.stdout == golden.read_text("utf-8")


def test_two_lectures_turn_the_target_met(run, sample):
    ids = [
        add_lecture(run, sample, "2024-04-18", "--evidence", "签到表.jpg"),
        add_lecture(run, sample, "2024-10-22", "--evidence", "签到表.jpg"),
    ]
    code, data = check_json(run, sample, "2024", "--only", "leaders-law-lectures")
    lectures = data["targets"][0]
    assert (code, lectures["status"], lectures["actual"]) == (0, "met", "2 期")
    assert lectures["evidence"] == ids
    r = run("--ledger", str(sample), "show", ids[0])  # how a user answers an inspector
    assert r.exit_code == 0 and "法治专题讲座 2024-04-18" in r.output
    assert by_status(check_json(run, sample, "2024")[1])["unmet"] == UNMET - {"leaders-law-lectures"}


def test_lectures_without_evidence_are_flagged(run, sample):
    add_lecture(run, sample, "2024-04-18")
    add_lecture(run, sample, "2024-10-22")
    _, data = check_json(run, sample, "2024", "--only", "leaders-law-lectures")
    assert data["targets"][0]["status"] == "met" and data["targets"][0]["missing_evidence"] is True
    r = run("--ledger", str(sample), "check", "2024", "--only", "leaders-law-lectures")
    assert r.exit_code == 0 and "缺少佐证材料" in r.stdout


def test_as_of_judges_a_running_year_pro_rata(run, sample):
    code, data = check_json(run, sample, "2024", "--as-of", "2024-06-30", "--only", "leaders-law-lectures")
    assert (code, data["as_of"], data["targets"][0]["status"]) == (1, "2024-06-30", "behind")
    assert data["targets"][0]["note"] == "截至 2024-06-30 应达 1 期"
    add_lecture(run, sample, "2024-05-16", "--evidence", "讲稿.pdf")
    code, data = check_json(run, sample, "2024", "--as-of", "2024-06-30", "--only", "leaders-law-lectures")
    assert (code, data["targets"][0]["status"]) == (0, "on-track")
    # the whole sample at mid-year: deadlines and the December window are pending, not unmet
    _, data = check_json(run, sample, "2024", "--as-of", "2024-06-30")
    s = by_status(data)
    assert s["pending"] == {"annual-report-submitted", "annual-report-published", "constitution-day"}
    assert s["on-track"] == {"leaders-law-lectures", "year-end-shufa", "cpc-group-study-quarterly"}
    assert "unmet" not in s and "behind" not in s
    r = run("--ledger", str(sample), "check", "2024", "--as-of", "2024-06-30")
    assert r.exit_code == 0 and "进度正常" in r.stdout and "待到期" in r.stdout


def test_ledger_override_changes_the_verdict(run, sample):
    cfg = sample / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + "\n# 本县要求每年两次\n[targets.frp-meeting]\nmin = 2\n", "utf-8")
    _, data = check_json(run, sample, "2024", "--only", "frp-meeting")
    frp = data["targets"][0]
    assert (frp["status"], frp["required"], frp["actual"]) == ("unmet", "≥ 2 次", "1 次")
    cfg.write_text(cfg.read_text("utf-8") + "\n[targets.year-end-shufa]\nenabled = false\n", "utf-8")
    _, data = check_json(run, sample, "2024")
    assert "year-end-shufa" not in {x["id"] for x in data["targets"]}


def test_profile_option(run, sample):
    _, data = check_json(run, sample, "2024", "--profile", "national")
    assert data["profile"] == "national"
    assert "cpc-group-study-quarterly" not in {x["id"] for x in data["targets"]}


def test_broken_targets_file(run, sample, tmp_path):
    bad = tmp_path / "县指标.toml"
    bad.write_text(
        '[targets.lectures]\ntitle = "讲座"\nsource = "县文件"\n'
        'rule = { type = "count", kinds = ["lecture"], mni = 4 }\n',
        "utf-8",
    )
    r = run("--ledger", str(sample), "check", "2024", "--targets", str(bad))
    assert r.exit_code == 2
    assert f"{bad}:4: 指标“lectures”：" in r.stderr and "mni" in r.stderr and "Traceback" not in r.output
    bad.write_text("[targets.lectures\n", "utf-8")
    r = run("--ledger", str(sample), "check", "2024", "--targets", str(bad))
    assert r.exit_code == 2 and f"{bad}:1" in r.stderr


def test_broken_override_in_fzlog_toml(run, sample):
    cfg = sample / "fzlog.toml"
    text = cfg.read_text("utf-8")
    cfg.write_text(text + '[targets.frp-meeting]\nmin = "两次"\n', "utf-8")
    r = run("--ledger", str(sample), "check", "2024")
    assert r.exit_code == 2
    line = text.count("\n") + 2  # the line of `min = …`, just below the appended table header
    assert f"fzlog.toml:{line}: 指标“frp-meeting”：min 无效" in r.stderr


def test_targets_file(run, sample, tmp_path):
    f = tmp_path / "县指标.toml"
    f.write_text(
        '[targets.lectures]\ntitle = "每季度一期讲座"\nsource = "县文件"\n'
        'rule = { type = "per-quarter", kinds = ["lecture"] }\n',
        "utf-8",
    )
    code, data = check_json(run, sample, "2024", "--targets", str(f))
    assert code == 1 and [x["id"] for x in data["targets"]] == ["lectures"]
    assert data["profile"] == "县指标.toml"


@pytest.mark.parametrize(
    "args, needle",
    [
        (["2024", "--only", "lectures"], "leaders-law-lectures"),
        (["20x4"], "四位数年份"),
        (["2024", "--as-of", "2023-12-31"], "早于 2024 年年初"),
        (["2024", "--as-of", "六月底"], "不是可识别的日期"),
        (["2024", "--profile", "beijing"], "national、xinjiang"),
        (["2024", "--targets", "nowhere.toml"], "找不到指标文件"),
    ],
)
def test_usage_errors(run, sample, args, needle):
    r = run("--ledger", str(sample), "check", *args)
    assert r.exit_code == 2, r.output
    assert needle in r.stderr


def test_no_ledger_is_a_usage_error(run):
    r = run("check", "2024")
    assert r.exit_code == 2 and "fzlog init" in r.stderr


def test_skipped_record_files_are_reported(run, sample):
    (sample / "2024" / "2024-12-04" / "lecture-dead.toml").write_text('kind = "lecture"\n', "utf-8")
    r = run("--ledger", str(sample), "check", "2024", "--only", "leaders-law-lectures")
    assert r.exit_code == 1 and "共跳过 1 个有问题的记录文件" in r.stderr and "lecture-dead.toml:1" in r.stderr


def test_help_documents_exit_codes_and_examples(run):
    r = run("check", "--help")
    assert r.exit_code == 0
    for needle in (
        "退出码",
        "0  全部适用指标达标或进度正常",
        "2  用法或数据错误",
        "示例：",
        "--as-of",
        "--only",
        "--targets",
    ):
        assert needle in r.output


def test_english(run, sample):
    r = run("--lang", "en", "--ledger", str(sample), "check", "2024", "--only", "leaders-law-lectures")
    assert r.exit_code == 1 and "local target unmet" in r.stdout and "Law lectures" in r.stdout
    assert "original not found: 1" in r.stdout and "local practice: 1" in r.stdout


def test_docs_config_example_works(run, sample):
    """The fzlog.toml example of docs/check.md, appended to the sample's config."""
    page = (Path(__file__).parents[2] / "docs" / "check.md").read_text("utf-8")
    section = page.split("## 在 `fzlog.toml` 中调整指标", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    cfg = sample / "fzlog.toml"
    top, tables = example.split("\n[", 1)  # (its top-level keys first: appended, they would land in [report.since])
    cfg.write_text(top + "\n" + cfg.read_text("utf-8").replace('profile = "xinjiang"\n', "") + "\n[" + tables, "utf-8")
    _, data = check_json(run, sample, "2024")
    t = {x["id"]: x for x in data["targets"]}
    assert t["frp-meeting"]["required"] == "≥ 2 次" and "year-end-shufa" not in t
    assert t["enforcement-training"]["status"] == "unmet" and t["enforcement-training"]["local"] is True
    assert t["enforcement-training"]["source_state"] == "original"
    assert (
        "boundary" not in t["annual-report-submitted"]["required"] and t["annual-report-submitted"]["status"] == "met"
    )


@pytest.mark.parametrize("columns", ["100", "120"])
def test_many_evidence_records_stay_readable(run, ledger_dir, monkeypatch, columns):
    """A target proved by dozens of records: --verbose names three and 等N条; --target ID lists them
    all, several to a line, no record id broken across lines."""
    monkeypatch.setenv("COLUMNS", columns)
    rows = "".join(f"2024-02-{day:02d},法律顾问服务,法律顾问审查合同{day}\n" for day in range(1, 29))
    (ledger_dir.parent / "台账.csv").write_text("日期,类型,标题\n" + rows, "utf-8")
    r = run("import", "台账.csv", "--yes")
    assert r.exit_code == 0, r.output
    ids = [p.stem for p in sorted((ledger_dir / "2024").glob("*/counsel-*.toml"))]
    verbose = run("check", "2024", "--verbose").stdout
    block = verbose[verbose.index("\nlegal-counsel\n") :]
    assert "等28条（全部见 fzlog check --target legal-counsel）" in block
    assert sum(block.count(i) for i in ids) == 3
    full = run("check", "2024", "--target", "legal-counsel").stdout
    lines = full.splitlines()
    assert all(sum(line.count(i) for i in ids) <= 5 for line in lines)
    assert all(len([x for x in lines if f"/{i}" in x]) == 1 for i in ids)  # every id whole, once
    assert len([x for x in lines if "counsel-" in x]) < 28 / 2
    assert all(render_width(x) <= int(columns) for x in lines)


def render_width(text):
    from fzlog.cli.render import display_width

    return display_width(text)
