"""Each rule type of the target checklist on its own, with records built in memory."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog.kinds import default_registry
from fzlog.record import Record
from fzlog.targets.evaluate import evaluate
from fzlog.targets.loader import Layer, _merge_windows
from fzlog.targets.model import Target
from fzlog.targets.rules import RULES, Context, Rule, RuleError, parse_rule, rule_type
from fzlog.targets.rules.base import Outcome

D = dt.date
REG = default_registry()
WINDOWS = _merge_windows([Layer.package()])


def rec(kind, day, evidence=("签到表.jpg",), tags=(), **fields):
    return Record(
        kind=kind,
        date=day,
        title=f"{kind} {day}",
        tags=tuple(tags),
        evidence=tuple(evidence),
        fields=fields,
        id=f"{day.isoformat()}/{kind}-{day:%m%d}",
    )


def rule(**spec):
    return parse_rule(spec, REG, WINDOWS)


def run(r, records, year=2024, as_of=None, clock=None):
    as_of = as_of or D(year, 12, 31)
    records = tuple(x for x in records if x.date <= (clock or as_of))
    return r.evaluate(Context(year, as_of, clock or as_of, records, REG))


# --- count -----------------------------------------------------------------------------------------


def test_count_met_and_unmet_at_year_end():
    r = rule(type="count", kinds=["lecture"], min=2)
    two = [rec("lecture", D(2024, 3, 1)), rec("lecture", D(2024, 9, 1)), rec("lecture", D(2023, 9, 1))]
    out = run(r, two)
    assert (out.status, out.required, out.actual) == ("met", "≥ 2 期", "2 期")
    assert out.evidence == ("2024-03-01/lecture-0301", "2024-09-01/lecture-0901")  # 2023 not counted
    out = run(r, two[:1])
    assert (out.status, out.actual) == ("unmet", "1 期")


def test_count_pro_rata_in_a_running_year():
    r = rule(type="count", kinds=["讲座"], min=2)  # a Chinese alias names the kind too
    one = [rec("lecture", D(2024, 5, 10))]
    assert run(r, one, as_of=D(2024, 6, 30)).status == "on-track"
    behind = run(r, [], as_of=D(2024, 6, 30))
    assert behind.status == "behind" and behind.note == "截至 2024-06-30 应达 1 期"
    assert run(r, [], as_of=D(2024, 6, 29)).status == "on-track"  # June not over yet: 0 due
    assert run(r, one, as_of=D(2024, 12, 30)).status == "on-track"  # 11 months: 2 × 11/12 → 1 due
    assert run(r, one, as_of=D(2024, 12, 31)).status == "unmet"  # the year is over
    early = [rec("lecture", D(2024, 1, 10)), rec("lecture", D(2024, 2, 20))]
    assert run(r, early, as_of=D(2024, 3, 1)).status == "met"  # the full year's minimum, early


def test_count_where_and_tags():
    r = rule(type="count", kinds=["meeting"], where={"chaired_by_principal": True}, tags=["第一责任人"], min=1)
    records = [
        rec("meeting", D(2024, 2, 1), tags=["第一责任人"], chaired_by_principal=False),
        rec("meeting", D(2024, 3, 1), chaired_by_principal=True),
    ]
    assert run(r, records).status == "unmet"
    records.append(rec("meeting", D(2024, 4, 1), tags=["第一责任人", "x"], chaired_by_principal=True))
    out = run(r, records)
    assert out.status == "met" and out.evidence == ("2024-04-01/meeting-0401",)


# --- per-quarter / per-month -------------------------------------------------------------------------


def test_per_quarter():
    r = rule(type="per-quarter", kinds=["study"], min=1)
    q123 = [rec("study", D(2024, m, 10)) for m in (1, 5, 8)]
    out = run(r, q123)
    assert (out.status, out.actual, out.note) == ("unmet", "1/1/1/0 次", "未达要求：2024-Q4")
    out = run(r, q123 + [rec("study", D(2024, 12, 3))])
    assert (out.status, out.required, out.actual) == ("met", "每季度 ≥ 1 次", "1/1/1/1 次")
    out = run(r, q123[:2], as_of=D(2024, 6, 30))
    assert (out.status, out.actual) == ("on-track", "1/1/–/– 次")
    assert run(r, q123[:2], as_of=D(2024, 8, 1)).status == "on-track"  # Q3 still running
    # Q2 (over on 06-30) had no study: a quarter that is over cannot be made up
    out = run(r, q123[:1], as_of=D(2024, 8, 1))
    assert (out.status, out.note) == ("unmet", "未达要求：2024-Q2")


def test_per_month():
    r = rule(type="per-month", kinds=["study"], min=1)
    monthly = [rec("study", D(2024, m, 15)) for m in range(1, 13)]
    assert run(r, monthly).status == "met"
    out = run(r, monthly[:5] + monthly[6:])
    assert out.status == "unmet" and "2024-06" in out.note
    assert out.required == "每月 ≥ 1 次"


# --- sum -------------------------------------------------------------------------------------------


def test_sum_follows_the_fields_rule():
    """training.hours is 人均学时: its figure is the average, never the sum of the averages."""
    r = rule(type="sum", kinds=["training"], field="hours", min=20)
    records = [rec("training", D(2024, 3, 1), hours=16.5), rec("training", D(2024, 9, 1), hours=24)]
    out = run(r, records)
    assert (out.status, out.actual) == ("met", "人均学时 20.25学时")
    assert run(rule(type="sum", kinds=["training"], field="hours", min=40), records).status == "unmet"


def test_sum():
    r = rule(type="sum", kinds=["study"], field="hours", min=40)
    records = [
        rec("study", D(2024, 3, 1), hours=16.5),
        rec("study", D(2024, 9, 1), hours=24),
        rec("study", D(2024, 10, 1)),
    ]  # no hours given: not counted
    out = run(r, records)
    assert (out.status, out.required, out.actual) == ("met", "学时 ≥ 40", "学时 40.5")
    assert len(out.evidence) == 2
    assert run(r, records[:1]).status == "unmet"
    assert run(r, records[:1], as_of=D(2024, 3, 31)).status == "on-track"  # 40 × 3/12 = 10 due
    with pytest.raises(RuleError) as e:
        rule(type="sum", kinds=["training"], field="audience", min=1)
    assert e.value.key == "field"


# --- exists ----------------------------------------------------------------------------------------


def test_exists_with_year_field():
    r = rule(type="exists", kinds=["plan"], where={"plan_type": "普法计划"}, year_field="for_year")
    plan = rec("plan", D(2023, 12, 20), plan_type="普法计划", for_year=2024)  # drafted the year before
    assert r.span(2024).start == D(2023, 1, 1)
    assert run(r, [plan]).status == "met"
    assert run(r, [plan], year=2023).status == "unmet"  # it is not 2023's plan
    other = rec("plan", D(2024, 2, 1), plan_type="法治政府建设工作要点", for_year=2024)
    assert run(r, [other]).status == "unmet"
    assert run(r, [], as_of=D(2024, 6, 30)).status == "on-track"


def test_exists_counsel():
    r = rule(type="exists", kinds=["counsel"])
    out = run(r, [rec("counsel", D(2024, 4, 9))])
    assert (out.status, out.required, out.actual) == ("met", "≥ 1 次", "1 次")


# --- all -------------------------------------------------------------------------------------------


def test_all_not_applicable_without_records():
    r = rule(type="all", kinds=["normative-doc"], fields=["legality_review", "filed"])
    doc = rec("normative-doc", D(2021, 6, 18), legality_review=True, filed=True)
    out = run(r, [doc])
    assert (out.status, out.actual) == ("n/a", "0 件")


def test_all_names_the_records_that_fall_short():
    r = rule(type="all", kinds=["normative-doc"], fields=["legality_review", "filed"])
    good = rec("normative-doc", D(2024, 3, 1), legality_review=True, filed=True)
    bad = rec("normative-doc", D(2024, 5, 1), legality_review=True)
    out = run(r, [good, bad])
    assert out.status == "unmet" and out.failing == (bad.id,) and out.evidence == (good.id,)
    assert out.actual == "2 件，其中 1 件缺备案"
    assert run(r, [good]).status == "met"
    assert run(r, [good], as_of=D(2024, 6, 30)).status == "on-track"


def test_all_when():
    r = rule(type="all", kinds=["decision"], fields=["legality_review"], when={"expert_review": "technical"})
    plain = rec("decision", D(2024, 3, 1), legality_review=True)
    technical = rec("decision", D(2024, 4, 1), legality_review=True, technical=True)
    assert run(r, [plain]).status == "met"
    out = run(r, [plain, technical])
    assert out.status == "unmet" and out.failing == (technical.id,) and "专家论证" in out.actual
    reviewed = rec("decision", D(2024, 4, 1), legality_review=True, technical=True, expert_review=True)
    assert run(r, [plain, reviewed]).status == "met"
    assert "专业性技术性较强的须专家论证" in out.required


# --- window ----------------------------------------------------------------------------------------


def test_window_by_date_or_theme():
    r = rule(type="window", kinds=["publicity"], window="constitution-week")
    in_window = rec("publicity", D(2024, 12, 4))
    out = run(r, [in_window])
    assert out.status == "met" and out.evidence == (in_window.id,)
    assert out.required.startswith("12-01～12-10 或 主题“国家宪法日")
    themed = rec("publicity", D(2024, 11, 20), theme="宪法宣传周")
    assert run(r, [themed]).status == "met"
    tagged = rec("publicity", D(2024, 11, 20), tags=["国家宪法日"])
    assert run(r, [tagged]).status == "met"
    assert run(r, [rec("publicity", D(2024, 11, 20), theme="科技活动周")]).status == "unmet"


def test_window_pending_until_it_has_passed():
    r = rule(type="window", kinds=["publicity"], window="constitution-week")
    assert run(r, [], as_of=D(2024, 6, 30)).status == "pending"
    assert run(r, [], as_of=D(2024, 12, 5)).status == "pending"
    assert run(r, [], as_of=D(2024, 12, 10)).status == "unmet"


def test_window_dates_vary_by_year():
    r = rule(type="window", kinds=["publicity"], window="sci-tech-week")
    may = rec("publicity", D(2024, 5, 28))
    assert run(r, [may]).status == "met"  # 2024: 05-25..06-01 (data, not code)
    assert run(r, [rec("publicity", D(2025, 5, 28))], year=2025).status == "unmet"  # 2025 dates unknown
    assert run(r, [rec("publicity", D(2025, 5, 20), theme="科技活动周")], year=2025).status == "met"
    inline = rule(type="window", kinds=["publicity"], dates="04-20..04-26")
    assert run(inline, [rec("publicity", D(2024, 4, 24))]).status == "met"


# --- deadline --------------------------------------------------------------------------------------


def report(day, **fields):
    return rec("annual-report", day, **{"for_year": 2024, **fields})


def test_deadline():
    r = rule(type="deadline", kinds=["annual-report"], field="submitted", by="03-01")
    on_time = report(D(2025, 2, 28), submitted=D(2025, 2, 28))
    out = run(r, [on_time], clock=D(2026, 1, 1))
    assert (out.status, out.required, out.actual) == ("met", "报送日期 ≤ 2025-03-01", "报送日期 2025-02-28")
    late = report(D(2025, 3, 5), submitted=D(2025, 3, 5))
    out = run(r, [late], clock=D(2026, 1, 1))
    assert (out.status, out.failing) == ("unmet", (late.id,)) and "逾期" in out.actual
    # not yet due: pending, whatever the ledger holds
    assert run(r, [], clock=D(2025, 2, 1)).status == "pending"
    assert run(r, [report(D(2025, 2, 28))], clock=D(2025, 2, 28)).status == "pending"
    # due and nothing (or no date) on file: unmet
    out = run(r, [], clock=D(2025, 3, 2))
    assert (out.status, out.actual) == ("unmet", "无 2024 年度法治政府建设年度报告记录")
    out = run(r, [report(D(2025, 2, 28))], clock=D(2025, 3, 2))
    assert (out.status, out.actual) == ("unmet", "未填报送日期")


def test_deadline_record_without_for_year_is_about_the_year_before_its_date():
    r = rule(type="deadline", kinds=["annual-report"], field="submitted", by="03-01")
    bare = rec("annual-report", D(2025, 2, 20), submitted=D(2025, 2, 20))
    assert run(r, [bare], clock=D(2025, 12, 31)).status == "met"
    assert run(r, [bare], year=2025, clock=D(2026, 12, 31)).status == "unmet"


# --- parameters and the registry of rule types -------------------------------------------------------


@pytest.mark.parametrize(
    "spec, key, needle",
    [
        ({"type": "count", "kinds": ["lecture"]}, "min", "缺少 min"),
        ({"type": "count", "kinds": ["lecture"], "min": -1}, "min", "非负整数"),
        ({"type": "count", "kinds": ["lecture"], "min": 1.5}, "min", "非负整数"),
        ({"type": "count", "kinds": ["lecturer"], "min": 2}, "kinds", "未知的记录类型“lecturer”"),
        ({"type": "count", "kinds": [], "min": 2}, "kinds", "缺少 kinds"),
        ({"type": "window", "kinds": ["publicity"], "window": ["constitution-week"]}, "window", "应为文字"),
        ({"type": "count", "kinds": ["lecture"], "mni": 2, "min": 2}, "mni", "您是不是要输入“min”"),
        (
            {"type": "count", "kinds": ["meeting"], "where": {"chaired": True}, "min": 1},
            "where",
            "chaired_by_principal",
        ),
        ({"type": "count", "kinds": ["meeting"], "where": {"chaired_by_principal": "yes"}, "min": 1}, "where", "是/否"),
        ({"type": "counts", "kinds": ["lecture"]}, "type", "未知的规则类型“counts”"),
        ({"type": "deadline", "kinds": ["annual-report"], "field": "submitted", "by": "02-30"}, "by", "月-日"),
        ({"type": "deadline", "kinds": ["annual-report"], "field": "for_year", "by": "03-01"}, "field", "日期"),
        ({"type": "window", "kinds": ["publicity"], "window": "christmas"}, "window", "constitution-week"),
        ({"type": "all", "kinds": ["decision"]}, "fields", "缺少 fields"),
    ],
)
def test_bad_parameters_name_the_key(spec, key, needle):
    with pytest.raises(RuleError) as e:
        parse_rule(spec, REG, WINDOWS)
    assert e.value.key == key
    assert needle in e.value.message


def test_a_new_rule_type_is_one_registered_class():
    @rule_type("never")
    class Never(Rule):
        @classmethod
        def parse(cls, p):
            p.kinds()
            return cls()

        def span(self, year):
            from fzlog.period import year as whole_year

            return whole_year(year)

        def evaluate(self, ctx):
            return Outcome("unmet", "—", "—")

    try:
        assert run(parse_rule({"type": "never", "kinds": ["other"]}, REG, WINDOWS), []).status == "unmet"
    finally:
        del RULES["never"]


def test_missing_evidence_is_flagged_when_only_unevidenced_records_meet_the_target():
    target = Target("t", "讲座", rule(type="count", kinds=["lecture"], min=2), source_text="src")
    with_proof = rec("lecture", D(2024, 3, 1))
    without = rec("lecture", D(2024, 4, 1), evidence=())
    res = evaluate(target, 2024, D(2024, 12, 31), D(2024, 12, 31), [with_proof, without], REG)
    assert res.status == "met" and res.missing_evidence
    res = evaluate(target, 2024, D(2024, 12, 31), D(2024, 12, 31), [with_proof, with_proof], REG)
    assert res.status == "met" and not res.missing_evidence


def test_a_rule_sees_only_the_records_of_its_kinds_and_dates():
    seen = []

    @rule_type("seeing")
    class Seeing(Rule):
        selector: object

        def __init__(self, selector):
            self.selector = selector

        @classmethod
        def parse(cls, p):
            from fzlog.targets.rules.base import Selector

            return cls(Selector.parse(p, by_year_field=False))

        def span(self, year):
            return self.selector.span(year)

        def evaluate(self, ctx):
            seen.append(ctx.records)
            return Outcome("met", "—", "—")

    try:
        target = Target("t", "讲座", rule(type="seeing", kinds=["lecture", "publicity"]), source_text="src")
        mine = [rec("lecture", D(2024, 1, 1)), rec("publicity", D(2024, 6, 1)), rec("lecture", D(2024, 9, 30))]
        others = [rec("study", D(2024, 3, 1)), rec("lecture", D(2023, 12, 31)), rec("lecture", D(2024, 10, 2))]
        records = sorted(mine + others, key=lambda r: r.date)
        evaluate(target, 2024, D(2024, 9, 30), D(2024, 9, 30), records, REG)
        assert seen[0] == tuple(mine)
    finally:
        del RULES["seeing"]


# --- adding a record never makes a verdict worse -----------------------------------------------------

RANK = {"unmet": 0, "behind": 1, "pending": 2, "on-track": 2, "met": 3}
RULES_TO_TRY = [
    dict(type="count", kinds=["publicity"], min=3),
    dict(type="exists", kinds=["publicity"]),
    dict(type="per-quarter", kinds=["publicity"], min=1),
    dict(type="window", kinds=["publicity"], window="constitution-week"),
]
days = st.dates(D(2024, 1, 1), D(2024, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(days, max_size=8), days, days, st.sampled_from(range(len(RULES_TO_TRY))))
def test_adding_a_record_never_worsens_the_verdict(dates, extra, as_of, which):
    r = rule(**RULES_TO_TRY[which])
    before = [rec("publicity", d) for d in dates]
    after = before + [rec("publicity", extra)]
    assert RANK[run(r, after, as_of=as_of).status] >= RANK[run(r, before, as_of=as_of).status]


# --- where with a list, deadline boundary, appearance ------------------------------------------------


def test_where_list_takes_any_of_its_values():
    r = rule(type="exists", kinds=["plan"], where={"plan_type": ["普法计划", "普法责任清单"]})
    assert run(r, [rec("plan", D(2024, 2, 1), plan_type="普法责任清单")]).status == "met"
    assert run(r, [rec("plan", D(2024, 2, 1), plan_type="工作要点")]).status == "unmet"
    with pytest.raises(RuleError):
        rule(type="exists", kinds=["plan"], where={"for_year": ["二〇二四"]})


@pytest.mark.parametrize(
    "boundary, day, status",
    [
        ("inclusive", D(2025, 3, 1), "met"),
        ("exclusive", D(2025, 3, 1), "unmet"),
        ("exclusive", D(2025, 2, 28), "met"),
        ("inclusive", D(2025, 3, 2), "unmet"),
    ],
)
def test_deadline_boundary(boundary, day, status):
    r = rule(type="deadline", kinds=["annual-report"], field="submitted", by="03-01", boundary=boundary)
    out = run(r, [rec("annual-report", day, for_year=2024, submitted=day)], clock=D(2025, 6, 1))
    assert out.status == status
    assert ("当天" in out.note) == (day == D(2025, 3, 1))


def test_appearance_rule():
    r = rule(type="appearance", kinds=["litigation"])  # the field names default to the litigation kind's
    head = rec("litigation", D(2024, 3, 1), appeared_role="正职")
    deputy = rec("litigation", D(2024, 4, 1), appeared_role="分管负责人")
    old_style = rec("litigation", D(2024, 5, 1), principal_appeared=True)
    staff = rec("litigation", D(2024, 6, 1), entrusted=True, absence_reason="意外事件")
    assert run(r, []).status == "n/a"
    out = run(r, [head, deputy, old_style])
    assert out.status == "met" and len(out.evidence) == 3 and "正职 1、分管负责人 1" in out.actual
    out = run(r, [head, staff])
    assert out.status == "entrusted" and staff.id in out.note and "意外事件" in out.note
    out = run(r, [head, rec("litigation", D(2024, 7, 1), entrusted=True)])
    assert out.status == "unmet" and "事由" in out.note
    # a running year with every case appeared: on track, not yet met
    assert run(r, [head], as_of=D(2024, 6, 30)).status == "on-track"
