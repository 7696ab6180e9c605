"""The report's content: sentences from tallies, 同比, placeholders, parts config, notes, appendices."""

import datetime as dt
import itertools

import pytest

from fzlog.errors import FzlogError
from fzlog.kinds import default_registry
from fzlog.record import Record
from fzlog.report import markdown
from fzlog.report import notes as notes_mod
from fzlog.report import settings as settings_mod
from fzlog.report.content import build_report
from fzlog.report.model import Heading, Paragraph, Table, chinese_number
from fzlog.report.notes import Note, Notes
from tests.report_fakes import FakeResult, FakeTarget

REG = default_registry()
_ids = itertools.count(1)


def rec(kind, date, title="活动", tags=(), **fields):
    return Record(
        kind=kind,
        date=dt.date.fromisoformat(date),
        title=title,
        tags=tuple(tags),
        fields=fields,
        id=f"{date}/{kind}-{next(_ids):04x}",
    )


def build(records, config=None, notes=None, checks=None, rounded=False, registry=REG):
    settings = settings_mod.load(config or {}, registry)
    return build_report(
        records,
        registry,
        2024,
        org="测试局",
        date=dt.date(2025, 2, 28),
        settings=settings,
        notes=notes,
        checks=checks,
        rounded=rounded,
    )


def texts(doc):
    return [b.full_text for b in doc.body if isinstance(b, (Paragraph, Heading))]


def paragraph_with(doc, needle):
    found = [t for t in texts(doc) if needle in t]
    assert found, (needle, texts(doc))
    return found[0]


def many(kind, n, year, **fields):
    return [rec(kind, f"{year}-{1 + i % 12:02d}-1{i % 9}", **fields) for i in range(n)]


def test_study_sentence_with_units_and_change():
    doc = build(many("study", 12, 2024) + many("study", 9, 2023) + many("seminar", 4, 2024) + many("seminar", 3, 2023))
    assert (
        paragraph_with(doc, "加强理论学习")
        == "1. 加强理论学习：全年组织集中学习12次（较上年增加3次）。开展专题研讨4次（较上年增加1次）。"
    )
    assert ("（一）加强学法用法，提升法治素养") in texts(doc)


def test_no_change_without_previous_records_of_the_kind():
    doc = build(
        many("study", 5, 2024)
        + many("study", 7, 2023)
        + many("seminar", 4, 2024)
        + many("seminar", 4, 2023)
        + many("enterprise-visit", 3, 2024)
    )
    assert "全年组织集中学习5次（较上年减少2次）。开展专题研讨4次（与上年持平）。" in paragraph_with(doc, "集中学习")
    assert "2024年，走访调研企业3家/次。" in paragraph_with(doc, "走访调研企业")


def test_publicity_fields_units_and_notable_titles():
    records = [
        rec(
            "publicity",
            "2024-04-24",
            "知识产权宣传周法治宣传活动",
            tags=["知识产权宣传周"],
            materials=2000,
            consultations=300,
        ),
        rec("publicity", "2024-07-19", "巴扎日科技政策法规宣传", tags=["巴扎日"], materials=30, consultations=12),
        rec("publicity", "2024-12-04", "国家宪法日法治宣传活动", theme="国家宪法日"),
    ]
    p = paragraph_with(doc := build(records), "开展主题宣传活动")
    assert "2024年，共开展各类法治宣传活动3场/次，发放宣传资料2030份，接受群众咨询312人/次。" in p
    assert p.endswith("其中，重点开展了知识产权宣传周法治宣传活动、国家宪法日法治宣传活动等活动。")
    assert "巴扎日科技政策法规宣传" not in p
    rounded = paragraph_with(build(records, rounded=True), "开展主题宣传活动")
    assert "3场/次，发放宣传资料2000余份，接受群众咨询300余人/次" in rounded
    assert any(t.endswith("）加强法治宣传，增强法治意识") for t in texts(doc))


def test_normative_documents_since_a_year():
    doc_2021 = rec(
        "normative-doc",
        "2021-06-18",
        "管理办法",
        public_comment=True,
        legality_review=True,
        filed=True,
        fair_competition_review=False,
    )
    doc = build([doc_2021], config={"report": {"since": {"normative-doc": 2020}}})
    assert (
        paragraph_with(doc, "规范性文件")
        == "1. 加强规范性文件管理：2020年至今，共制定规范性文件1件，备案率100%，公开征求意见、合法性审查和备案。"
    )
    # without `since` only the year counts, and a year without documents says nothing of them
    assert not [t for t in texts(build([doc_2021])) if "规范性文件" in t]


def test_steps_some_and_none():
    records = [
        rec("normative-doc", "2024-03-01", legality_review=True, filed=True),
        rec("normative-doc", "2024-05-01", legality_review=False, filed=True),
    ]
    p = paragraph_with(build(records), "规范性文件")
    assert "共制定规范性文件2件，备案率100%，其中合法性审查1件，均备案" in p
    assert "公开征求意见" not in p  # no record has it: nothing claimed


def test_notable_records_are_named_once_and_at_most_ten():
    records = [
        rec("publicity", f"2024-{m:02d}-{d:02d}", f"主题宣传{m}", theme="禁毒宣传")
        for m in range(1, 13)
        for d in range(1, 21)
    ]
    p = paragraph_with(build(records), "其中，重点开展了")
    named = p.split("其中，重点开展了")[1].removesuffix("等活动。").split("、")
    assert named == [f"主题宣传{m}" for m in range(1, 11)]


def test_plans_are_named_by_their_type():
    records = [rec("plan", "2024-01-10", "2024年度测试局学法计划", plan_type="学法计划", for_year=2024)]
    p = paragraph_with(build(records), "学法计划》")
    assert "制定印发《2024年度测试局学法计划》等学法计划1件" in p and "普法计划" not in p


def test_titles_mode_and_via():
    records = [
        rec("plan", "2024-02-28", "测试局2024年普法工作计划", plan_type="普法计划", for_year=2024),
        rec("policy-notice", "2024-03-15", channel="法治宣传栏"),
        rec("policy-notice", "2024-05-15", channel="政府网站"),
    ]
    assert "2024年，制定印发《测试局2024年普法工作计划》等普法计划1件（普法计划1件），计划年度2024。" in paragraph_with(
        build(records), "制定工作计划"
    )
    assert "通过法治宣传栏、政府网站发布政策解读信息2条" in paragraph_with(build(records), "政策解读")


def test_principal_part_from_meetings_lectures_counsel_shufa():
    doc = build([])
    part3 = [t for t in texts(doc) if "待补充" in t and "记录" in t]
    for label in ("法治建设专题会议", "法治专题讲座", "法律顾问服务", "年终述法"):
        assert any(f"台账中2024年没有{label}记录" in t for t in part3), label
    doc = build(
        [
            rec("meeting", "2024-02-22", "专题会议甲", chaired_by_principal=True),
            rec("counsel", "2024-04-09", opinion_adopted=True),
            rec("counsel", "2024-07-09", opinion_adopted=False),
            rec("shufa", "2024-12-20", "主要负责人年终述法"),
        ]
    )
    assert "2024年，召开法治建设专题会议1次，主要负责人主持。" in texts(doc)
    assert (
        "2024年，法律顾问提供法律服务2次，其中意见被采纳1次。【待补充：法治专题讲座情况，台账中2024年没有法治专题讲座记录】"
        in texts(doc)
    )
    assert "2024年，召开党政主要负责人述法专题会议1次。" in texts(doc)
    two = build([rec("meeting", "2024-02-22", "甲", chaired_by_principal=True), rec("meeting", "2024-06-22", "乙")])
    assert "2024年，召开法治建设专题会议2次，其中主要负责人主持1次。" in texts(two)


def test_parts_without_notes_are_placeholders_pointing_to_the_notes_file():
    doc = build(many("study", 2, 2024))
    body = texts(doc)
    assert body[1] == "一、2024年推进法治政府建设的主要举措和成效"
    assert "【待补充：2024年推进法治政府建设存在的不足和原因（可写入 notes/2024.toml 的 [[shortcomings]]）】" in body
    assert "【待补充：2025年推进法治政府建设的主要安排（可写入 notes/2024.toml 的 [[plans]]）】" in body
    assert "五、其他需要报告的情况" in body
    assert body[0].startswith("2024年，测试局坚持以习近平新时代中国特色社会主义思想为指导")
    assert body[-1] == "特此报告。"


def test_empty_year_says_so_instead_of_inventing():
    part1 = texts(build([]))[2]
    assert part1.startswith("【待补充：2024年推进法治政府建设的主要举措和成效")


def test_notes_fill_parts_2_and_4_and_replace_opening_closing():
    notes = Notes(
        sections={
            "shortcomings": (Note(("甲不足。",), "问题一"), Note(("乙不足。", "乙原因。"), "问题二")),
            "plans": (Note(("明年安排。",)),),
        },
        opening="开头。",
        closing="结尾。",
    )
    body = texts(build([], notes=notes))
    i = body.index("二、2024年推进法治政府建设存在的不足和原因")
    assert body[i + 1 : i + 6] == ["（一）问题一", "甲不足。", "（二）问题二", "乙不足。", "乙原因。"]
    assert body[body.index("四、2025年推进法治政府建设的主要安排") + 1] == "明年安排。"
    assert body[0] == "开头。" and body[-1] == "结尾。"


def test_parts_config_renames_reorders_merges():
    config = {
        "report": {
            "short_name": "测试",
            "parts": [
                {"title": "{short_name}主要负责人履职情况", "content": ["principal"]},
                {"title": "{year}年工作情况", "content": ["achievements"]},
                {"title": "{next_year}年安排及其他", "content": ["plans", "other"]},
            ],
        }
    }
    notes = Notes(sections={"plans": (Note(("甲",), "安排一"),), "other": (Note(("乙",), "其他一"),)})
    body = texts(build(many("study", 1, 2024), config=config, notes=notes))
    heads = [t for t in body if t[:2] in ("一、", "二、", "三、", "四、")]
    assert heads == ["一、测试主要负责人履职情况", "二、2024年工作情况", "三、2025年安排及其他"]
    assert body[-6:] == ["三、2025年安排及其他", "（一）安排一", "甲", "（二）其他一", "乙", "特此报告。"]


def test_notes_for_a_part_the_config_leaves_out_are_warned_about():
    config = {"report": {"parts": [{"title": "情况", "content": "achievements"}]}}
    doc = build([], config=config, notes=Notes(sections={"plans": (Note(("甲",)),)}))
    assert len(doc.warnings) == 1 and "[[plans]]" in doc.warnings[0]
    assert "甲" not in texts(doc)


@pytest.mark.parametrize(
    "report, key",
    [
        ({"partz": []}, "report.partz"),
        ({"parts": [{"title": "x", "content": ["achievement"]}]}, "report.parts[0].content"),
        (
            {"parts": [{"title": "x", "content": ["plans"]}, {"title": "y", "content": ["plans"]}]},
            "report.parts[1].content",
        ),
        ({"parts": [{"content": ["plans"]}]}, "report.parts[0]"),
        ({"since": {"normative-doc": "2020"}}, "report.since.normative-doc"),
        ({"since": {"nope": 2020}}, "report.since.nope"),
        ({"kinds": {"study": {"theme": "不存在"}}}, "report.kinds.study.theme"),
        ({"kinds": {"study": {"fields": ["nope"]}}}, "report.kinds.study"),
        ({"kinds": {"study": {"verbb": "x"}}}, "report.kinds.study.verbb"),
        ({"opening": 3}, "report.opening"),
    ],
)
def test_config_mistakes_name_the_key(report, key):
    with pytest.raises(FzlogError) as exc:
        settings_mod.load({"report": report}, REG, "data/fzlog.toml")
    assert "data/fzlog.toml" in str(exc.value) and key in str(exc.value)


def test_a_ledgers_own_kind_and_theme():
    reg = REG.merged({"volunteer": {"label": "志愿服务", "unit": "次"}})
    doc = build([rec("volunteer", "2024-03-05"), rec("volunteer", "2024-04-05")], registry=reg)
    assert any(t.endswith("）扎实开展其他法治工作") for t in texts(doc))
    assert "2024年，开展志愿服务2次。" in texts(doc)
    config = {
        "report": {
            "themes": [{"name": "志愿", "heading": "开展普法志愿服务"}],
            "kinds": {"volunteer": {"theme": "志愿", "item": "志愿服务", "sentence": "组织志愿服务{count}次。"}},
        }
    }
    doc = build([rec("volunteer", "2024-03-05")], config=config, registry=reg)
    assert "（三）开展普法志愿服务" in texts(doc) and "1. 志愿服务：2024年，组织志愿服务1次。" in texts(doc)


# --- the check appendix, from objects shaped like fzlog.targets.check_year(...).results -----
def test_check_appendix_table():
    checks = [
        FakeResult(
            FakeTarget("frp-meeting", "主要负责人主持召开法治建设专题会议", "《规定》第四条"),
            "met",
            "≥1次",
            "1次",
            ["2024-02-22/meeting-9e7a"],
        ),
        FakeResult(
            FakeTarget("leaders-law-lectures", "领导班子每年举办两期以上法治专题讲座", "纲要 十(三十四)", False),
            "unmet",
            "≥2期",
            "0期",
        ),
        FakeResult(
            FakeTarget("legal-counsel", "聘请法律顾问", "中办国办意见"),
            "met",
            "",
            "",
            ["a", "b"],
            missing_evidence=True,
        ),
        FakeResult(FakeTarget("litigation-appearance", "负责人出庭应诉", "行政诉讼法"), "n/a"),
    ]
    appendix = build([], checks=checks).appendices[0]
    assert appendix.label == "附件1" and appendix.title == "2024年法治政府建设指标核对表"
    table = appendix.blocks[0]
    assert isinstance(table, Table) and table.columns == ("序号", "指标", "依据", "结果", "佐证记录")
    assert table.rows[0] == (
        "1",
        "主要负责人主持召开法治建设专题会议",
        "《规定》第四条",
        "达标（要求≥1次；实际1次）",
        "2024-02-22/meeting-9e7a",
    )
    assert table.rows[1][2:4] == ("纲要 十(三十四)（依据待核实）", "未达标（要求≥2期；实际0期）")
    assert table.rows[1][4] == "—"
    assert table.rows[2][3:] == ("达标", "a、b（记录未附佐证材料）")
    assert table.rows[3][3] == "不适用"
    assert "| 2 | 领导班子每年举办两期以上法治专题讲座 |" in markdown.render(build([], checks=checks))


def test_check_appendix_without_the_check_feature():
    appendix = build([], checks=None).appendices[0]
    assert appendix.blocks == (Paragraph("【待补充：指标核对】"),)


def test_ledger_appendix_lists_the_years_records_with_figures():
    records = [
        rec("publicity", "2024-12-04", "宪法日", materials=300, consultations=45),
        rec("meeting", "2024-02-22", "会", chaired_by_principal=True),
        rec("study", "2023-05-01", "去年的"),
    ]
    table = build(sorted(records, key=lambda r: r.date)).appendices[1].blocks[0]
    assert [r[1:5] for r in table.rows] == [
        ("2024-02-22", "法治建设专题会议", "会", "主要负责人主持"),
        ("2024-12-04", "法治宣传活动", "宪法日", "发放宣传资料300份；接受群众咨询45人/次"),
    ]


def test_notes_file_mistakes_name_file_and_line(tmp_path):
    path = tmp_path / "2024.toml"
    path.write_text('[[shortcomings]]\ntitle = "a"\ntext = "b"\n\n[[shortcomings]]\ntitle = "c"\n', "utf-8")
    with pytest.raises(FzlogError) as exc:
        notes_mod.load(path)
    assert exc.value.line == 5 and "text" in exc.value.message
    path.write_text('openning = "x"\n', "utf-8")
    with pytest.raises(FzlogError) as exc:
        notes_mod.load(path)
    assert exc.value.line == 1 and "openning" in exc.value.message
    path.write_text("[[plans]\n", "utf-8")
    with pytest.raises(FzlogError) as exc:
        notes_mod.load(path)
    assert "2024.toml:1" in str(exc.value)
    assert notes_mod.load(tmp_path / "none.toml").sections == {}


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 5, 10, 11, 20, 23)] == ["一", "五", "十", "十一", "二十", "二十三"]


def test_a_targets_row_names_three_records_and_counts_the_rest():
    ids = [f"2024-01-{d:02d}/counsel-{d:04x}" for d in range(1, 29)]
    checks = [FakeResult(FakeTarget("legal-counsel", "聘请法律顾问", "中办国办意见"), "met", "", "", ids)]
    cell = build([], checks=checks).appendices[0].blocks[0].rows[0][4]
    assert cell == "2024-01-01/counsel-0001、2024-01-02/counsel-0002、2024-01-03/counsel-0003等28条"
