"""fzlog import / export through the CLI, as an office uses them: its own Excel 台账 in, what
superiors ask for out, and back again."""

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import snapshot

HEADER = [
    "序号",
    "活动日期",
    "活动名称",
    "类型",
    "地点",
    "发放宣传资料（份）",
    "接受群众咨询(人/次)",
    "参加人数（人）",
    "标签",
    "备注",
    "佐证材料",
]
ROWS = [
    [
        1,
        dt.datetime(2024, 4, 24),
        "知识产权宣传周法治宣传",
        "法治宣传活动",
        "于田县巴扎",
        200,
        34,
        None,
        "知识产权宣传周、巴扎日",
        "",
        "evidence/照片.jpg",
    ],
    [2, "2024年5月28日", "科技活动周法律法规宣传", "普法宣传", "人民广场", "320份", 52, 260, "科技活动周", None, None],
    [
        3,
        "2024/12/4",
        "国家宪法日法治宣传活动",
        "publicity",
        "于田县巴扎",
        300,
        45,
        None,
        "国家宪法日",
        "联合县司法局",
        None,
    ],
    [None] * 11,  # an empty row: skipped
    [4, dt.datetime(2024, 3, 15), "集中学习《行政复议法》", "集中学习", "局会议室", None, None, 18, None, None, None],
    ["合计", None, None, None, None, 820, 131, 278, None, None, None],  # a totals row: skipped
]


def make_xlsx(path, rows, header=HEADER, title="于田县科学技术局2024年法治工作台账", sheet="Sheet1"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def listed(run, period="2024"):
    r = run("list", period, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_xlsx_with_chinese_headers_imports_cleanly(run, ledger_dir, tmp_path):
    src = make_xlsx(tmp_path / "台账.xlsx", ROWS)
    r = run("import", str(src), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "表头在第 2 行" in r.output  # the title row above the header is recognised as such
    assert "materials" in r.output and "consultations" in r.output and "不导入" in r.output  # 序号
    assert "新记录 4 条" in r.output and "空行 1 行" in r.output and "合计行 1 行" in r.output
    assert "试运行" in r.output
    assert listed(run) == []  # a dry run writes nothing

    r = run("import", str(src), input="y\n")
    assert r.exit_code == 0, r.output
    assert "已导入 4 条记录" in r.output
    recs = {x["title"]: x for x in listed(run)}
    assert len(recs) == 4
    ip = recs["知识产权宣传周法治宣传"]
    assert (ip["kind"], ip["date"], ip["place"]) == ("publicity", "2024-04-24", "于田县巴扎")
    assert ip["tags"] == ["知识产权宣传周", "巴扎日"] and ip["evidence"] == ["evidence/照片.jpg"]
    assert ip["fields"] == {"materials": 200, "consultations": 34}
    week = recs["科技活动周法律法规宣传"]
    assert week["date"] == "2024-05-28" and week["fields"] == {
        "materials": 320,
        "consultations": 52,
        "participants": 260,
    }
    assert recs["国家宪法日法治宣传活动"]["note"] == "联合县司法局"
    study = recs["集中学习《行政复议法》"]
    assert study["kind"] == "study" and study["fields"] == {"participants": 18}

    s = json.loads(run("summary", "2024", "--json").stdout)
    assert s["kinds"]["publicity"]["fields"]["materials"] == 820


def test_reimport_creates_nothing_twice(run, ledger_dir, tmp_path):
    src = make_xlsx(tmp_path / "台账.xlsx", ROWS)
    assert run("import", str(src), "--yes").exit_code == 0
    before = snapshot(ledger_dir)
    r = run("import", str(src), "--yes")
    assert r.exit_code == 0, r.output
    assert "新记录 0 条，已导入过 4 条" in r.output and "没有需要导入的新记录" in r.output
    assert snapshot(ledger_dir) == before

    # the file grew by a row, and a figure was corrected in another: the added row is new, the
    # corrected one is new too but flagged as resembling the record imported from it before
    grown = ROWS[:2] + [
        [
            3,
            "2024/12/4",
            "国家宪法日法治宣传活动",
            "publicity",
            "于田县巴扎",
            310,
            45,
            None,
            "国家宪法日",
            "联合县司法局",
            None,
        ],
        [4, "2024-06-01", "新增一场宣传", "宣传", "", 10, 1, None, None, None, None],
    ]
    make_xlsx(tmp_path / "台账2.xlsx", grown)
    r = run("import", str(tmp_path / "台账2.xlsx"), "--yes", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert [n["row"] for n in out["new"]] == [5, 6] and len(out["existing"]) == 2
    assert any("第 5 行" in note and "内容不同" in note for note in out["notes"])
    assert len(out["imported"]) == 2 and len(listed(run)) == 6


def test_identical_rows_in_one_file_each_become_a_record_once(run, ledger_dir, tmp_path):
    row = [1, "2024-03-01", "巴扎日宣传", "宣传", "兰干乡", 100, 10, None, None, None, None]
    src = make_xlsx(tmp_path / "t.xlsx", [row, row], title=None)
    r = run("import", str(src), "--yes")
    assert r.exit_code == 0 and "内容完全相同" in r.output
    assert len(listed(run)) == 2
    r = run("import", str(src), "--yes")
    assert "新记录 0 条" in r.output and len(listed(run)) == 2


def test_a_bad_row_stops_the_whole_import(run, ledger_dir, tmp_path):
    bad = ROWS[:2] + [
        [3, "2024-02-30", "日期错", "宣传", "", 1, 1, None, None, None, None],  # row 5: no such day
        [4, "2024-03-01", "数量错", "宣传", "", "很多", -3, None, None, None, None],  # row 6: two bad cells
        [5, "2024-03-02", "类型错", "宣传活动x", "", 1, 1, None, None, None, None],  # row 7
        [6, "2024-03-03", "", "集中学习", "", 5, None, None, None, None, None],  # row 8: no title, no materials field
    ]
    src = make_xlsx(tmp_path / "坏.xlsx", bad)
    before = snapshot(ledger_dir)
    r = run("import", str(src), "--yes")
    assert r.exit_code == 1, r.output
    out = r.output
    assert "第 5 行 B 列" in out and "2024-02-30" in out
    assert "第 6 行 F 列" in out and "很多" in out
    assert "第 6 行 G 列" in out and "负数" in out
    assert "第 7 行 D 列" in out and "宣传活动x" in out
    assert "第 8 行 C 列" in out and "第 8 行 F 列" in out and "没有“发放宣传资料（份）”" in out
    assert "4 行有错" in out and "未导入任何记录" in out
    assert "Traceback" not in out
    assert snapshot(ledger_dir) == before

    r = run("import", str(src), "--json")
    assert r.exit_code == 1
    errors = json.loads(r.stdout)["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(5, "B"), (6, "F"), (6, "G"), (7, "D"), (8, "C"), (8, "F")}
    assert snapshot(ledger_dir) == before


def test_csv_encodings_and_kind_option(run, ledger_dir, tmp_path):
    text = "日期,标题,参加人数,学时\n2024-03-15,学习宪法,20,2\n2024-04-12,学习民法典,18,1.5\n"
    (tmp_path / "gbk.csv").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.csv").write_bytes(text.replace("学习", "研读").encode("utf-8-sig"))
    r = run("import", "gbk.csv", "--yes")
    assert r.exit_code == 2 and "--kind" in r.output  # no kind column and no --kind
    r = run("import", "gbk.csv", "--kind", "集中学习", "--yes")
    assert r.exit_code == 0, r.output
    r = run("import", "bom.csv", "--kind", "study", "--yes")
    assert r.exit_code == 0, r.output
    titles = sorted(x["title"] for x in listed(run))
    assert titles == ["学习宪法", "学习民法典", "研读宪法", "研读民法典"]
    assert {x["fields"]["hours"] for x in listed(run)} == {2.0, 1.5}

    r = run("import", "gbk.csv", "--kind", "study", "--encoding", "gb18030", "--dry-run")
    assert r.exit_code == 0 and "已导入过 2 条" in r.output
    r = run("import", "gbk.csv", "--kind", "study", "--encoding", "utf-8")
    assert r.exit_code == 1 and "不是 utf-8 编码" in r.output
    r = run("import", "gbk.csv", "--kind", "study", "--encoding", "klingon")
    assert r.exit_code == 2 and "未知的编码" in r.output


def test_map_option_and_close_matches(run, ledger_dir, tmp_path):
    (tmp_path / "a.csv").write_text(
        "时间,主题,发放资料(份),群众咨询,负责人\n2024-05-01,劳动法宣传,50,7,张三\n", "utf-8"
    )
    r = run("import", "a.csv", "--kind", "宣传", "--dry-run")
    assert r.exit_code == 0, r.output
    assert "近似匹配" in r.output  # 发放资料 ≈ 发放宣传资料
    assert "不认识" in r.output  # 负责人
    r = run(
        "import", "a.csv", "--kind", "宣传", "--map", "群众咨询=接受群众咨询", "--map", "C=materials", "--json", "--yes"
    )
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)["new"][0]["record"]
    assert rec["title"] == "劳动法宣传"  # 主题 stands in for the missing title column
    assert rec["fields"] == {"materials": 50, "consultations": 7}
    for args, needle in [
        (["--map", "无此列=date"], "找不到"),
        (["--map", "时间=不存在"], "不认识字段"),
        (["--map", "时间"], "列名=字段"),
        (["--map", "时间=-"], "日期"),
        (["--map", "Z=note"], "找不到"),
    ]:
        r = run("import", "a.csv", "--kind", "宣传", *args)
        assert r.exit_code == 2 and needle in r.output, (args, r.output)


def test_import_usage_errors(run, ledger_dir, tmp_path):
    (tmp_path / "x.xls").write_bytes(b"old")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    cases = [
        (["import", "nope.csv"], 2, "找不到文件"),
        (["import", "x.xls"], 2, ".xlsx"),
        (["import", "broken.xlsx"], 1, "无法读取 Excel"),
        (["import", "nope.csv", "--kind", "无此类"], 2, "未知"),
    ]
    for args, code, needle in cases:
        r = run(*args)
        assert r.exit_code == code and needle in r.output and "Traceback" not in r.output, (args, r.output)


def test_export_xlsx(run, sample, tmp_path):
    r = run("--ledger", str(sample), "export", "2024", "-o", "2024.xlsx")
    assert r.exit_code == 0 and "已导出 60 条" in r.output, r.output
    wb = load_workbook(tmp_path / "2024.xlsx")
    assert wb.sheetnames[:2] == ["集中学习", "专题研讨"] and "法治宣传活动" in wb.sheetnames
    ws = wb["法治宣传活动"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "日期",
        "标题",
        "地点",
        "标签",
        "备注",
        "佐证材料",
        "发放宣传资料（份）",
        "接受群众咨询（人/次）",
        "参与人数（人次）",
        "主题",
        "活动形式",
        "悬挂横幅（条）",
        "张贴海报（张）",
        "编号",
    )
    assert len(rows) == 1 + 12 + 1
    assert isinstance(rows[1][0], dt.datetime) and ws["A2"].number_format == "yyyy-mm-dd"
    assert rows[-1][:2] == ("合计", "共 12 场/次")
    assert rows[-1][6] == sum(r[6] or 0 for r in rows[1:-1]) == 2030
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width > 20
    sized = load_workbook(tmp_path / "2024.xlsx", read_only=True)["法治宣传活动"]  # each sheet says its size
    assert sized.calculate_dimension() == "A1:N14" and sized.max_row == 14
    meeting = list(wb["法治建设专题会议"].iter_rows(values_only=True))
    assert meeting[1][6] == "是" and meeting[-1][6] == 1  # booleans: 是/否, totals count the 是

    r = run("--ledger", str(sample), "export", "2024", "-o", "2024.xlsx")
    assert r.exit_code == 2 and "--force" in r.output
    r = run("--ledger", str(sample), "export", "2024", "--kind", "宣传", "-o", "2024.xlsx", "--force")
    assert r.exit_code == 0 and load_workbook(tmp_path / "2024.xlsx").sheetnames == ["法治宣传活动"]

    r = run("--ledger", str(sample), "export", "2030", "--kind", "集中学习", "-o", "模板.xlsx")
    assert r.exit_code == 0
    rows = list(load_workbook(tmp_path / "模板.xlsx")["集中学习"].iter_rows(values_only=True))
    assert rows[0][6] == "参加人数（人次）" and rows[1][:2] == ("合计", "共 0 次")


def test_export_csv_and_jsonl(run, sample, tmp_path):
    assert run("--ledger", str(sample), "export", "2024", "-o", "2024.csv").exit_code == 0
    raw = (tmp_path / "2024.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:7] == ["日期", "类型", "标题", "地点", "标签", "备注", "佐证材料"] and rows[0][-1] == "编号"
    assert "发放宣传资料（份）" in rows[0] and len(rows) == 61

    assert run("--ledger", str(sample), "export", "2024", "-o", "2024.jsonl").exit_code == 0
    lines = (tmp_path / "2024.jsonl").read_text("utf-8").splitlines()
    objs = [json.loads(line) for line in lines]
    listed_json = json.loads(run("--ledger", str(sample), "list", "2024", "--json").stdout)
    assert objs == listed_json

    r = run("--ledger", str(sample), "export", "2024", "-o", "2024.pdf")
    assert r.exit_code == 2 and ".jsonl" in r.output


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_into_a_fresh_ledger(run, sample, tmp_path, suffix):
    out = f"all.{suffix}"
    assert run("--ledger", str(sample), "export", "2020..2025", "-o", out).exit_code == 0
    assert run("init", "fresh", "--org", "新台账").exit_code == 0
    r = run("--ledger", "fresh", "import", out, "--yes")
    assert r.exit_code == 0, r.output

    def content(ledger):
        rows = json.loads(run("--ledger", str(ledger), "list", "2020..2025", "--json").stdout)
        return sorted(
            json.dumps({k: v for k, v in x.items() if k not in ("id", "path")}, ensure_ascii=False, sort_keys=True)
            for x in rows
        )

    assert content(tmp_path / "fresh") == content(sample)
    r = run("--ledger", "fresh", "import", out, "--yes")
    assert "新记录 0 条" in r.output
