"""Draft sentences from templates: clauses without a figure left out, defaults, lower bounds, money,
standard clauses for figures the template does not place, groups of kinds."""

import datetime as dt
import itertools

import pytest

from fzlog.errors import FzlogError
from fzlog.kinds import default_registry
from fzlog.record import Record
from fzlog.report import sentences
from fzlog.report import settings as settings_mod
from fzlog.report.content import build_report
from fzlog.report.model import Paragraph
from fzlog.tally import parse_ref, tally

REG = default_registry()
_ids = itertools.count(1)


def rec(kind, date="2024-05-01", title="活动", **fields):
    return Record(
        kind=kind,
        date=dt.date.fromisoformat(date),
        title=title,
        tags=(),
        fields=fields,
        id=f"{date}/{kind}-{next(_ids):04x}",
    )


def kt_of(records):
    return tally(records, REG).get(records[0].kind)


WORDS = sentences.Words(str)


def test_one_parser_for_placeholders():
    assert parse_ref("count[body=中心组]").key == "count[body=中心组]"
    assert parse_ref("passed/sat").denominator == "sat"
    assert parse_ref("not a placeholder") is None
    kt = kt_of([rec("exam", sat=10, passed=9, exam_type="学法考试")])
    assert kt.resolve("passed/sat") == kt.figure_of(parse_ref("passed/sat")) == (90.0, None)


def test_clauses_without_a_figure_are_left_out():
    kt = kt_of([rec("exam", sat=37, passed=37)])
    done = sentences.render(REG.get("exam").sentence, kt, WORDS)
    assert done.text == "组织学法考试1次，实考37人，合格率100%。"
    assert done.used == {"count", "sat", "passed/sat"}


def test_lower_bounds_and_money_as_reports_write_them():
    kt = kt_of([rec("enforcement-case", count=400, fines=22000.0, at_least=["count", "fines"])])
    text = sentences.render(REG.get("enforcement-case").sentence, kt, WORDS).text
    assert text.startswith("立案查处行政处罚案件400余件，罚没款2.2万余元")


def test_quoted_words_are_not_split_and_asides_fall_with_their_figures():
    kt = kt_of([rec("inspection", inspection_type="双随机", targets=5)])
    assert (
        sentences.render(REG.get("inspection").sentence, kt, WORDS).text == "完成“双随机、一公开”检查1次，检查5家次。"
    )
    kt = kt_of([rec("study")])
    assert sentences.render(REG.get("study").sentence, kt, WORDS).text == "全年组织集中学习1次。"


def test_figures_the_template_leaves_out_follow_in_standard_clauses():
    kt = kt_of(
        [
            rec("counsel", matter="合同", opinion_adopted=True, opinions=3),
            rec("counsel", matter="文件", opinion_adopted=False),
        ]
    )
    done = sentences.render("听取法律顾问意见{count}次。", kt, WORDS)
    assert sentences.extra_clauses(kt, done.used, WORDS) == [
        "其中合同1次（出具法律意见3条）、文件1次",
        "其中意见被采纳1次",
        "出具法律意见3条",
    ]


def test_bad_placeholders_in_fzlog_toml_are_named():
    with pytest.raises(FzlogError) as e:
        settings_mod.load({"report": {"kinds": {"study": {"sentence": "学法{nothing}次"}}}}, REG, "fzlog.toml")
    assert "report.kinds.study.sentence" in e.value.message and "{nothing}" in e.value.message
    with pytest.raises(FzlogError) as e:
        settings_mod.load({"report": {"kinds": {"study": {"verb": "组织"}}}}, REG, "fzlog.toml")
    assert "report.kinds.study.verb" in e.value.message and "sentence" in e.value.message
    with pytest.raises(FzlogError, match="groups"):
        settings_mod.load({"report": {"groups": [{"kinds": ["外星"], "sentence": "{count}"}]}}, REG)


def test_a_group_of_kinds_is_one_sentence_with_their_total():
    config = {
        "report": {
            "groups": [
                {
                    "name": "学习和部署",
                    "kinds": ["集中学法", "meeting"],
                    "sentence": "全年开展法治学习和工作部署共计{count}次",
                }
            ]
        }
    }
    records = [rec("study", f"2024-0{i}-01") for i in range(1, 9)] + [
        rec("meeting", f"2024-0{i}-02") for i in range(1, 4)
    ]
    settings = settings_mod.load(config, REG)
    doc = build_report(records, REG, 2024, org="测试局", date=dt.date(2025, 1, 1), settings=settings)
    text = [b.full_text for b in doc.body if isinstance(b, Paragraph) and "共计" in b.full_text]
    assert text == [
        "1. 加强理论学习：全年开展法治学习和工作部署共计11次。全年组织集中学习8次。召开法治建设专题会议3次。"
    ]
