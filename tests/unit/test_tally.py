"""Each aggregation rule of fzlog/tally.py, ratios, quantity records, lower bounds and zeros."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog.kinds import default_registry
from fzlog.record import Record
from fzlog.tally import change, combine, figure, tally

REG = default_registry()
D = dt.date


def rec(kind, date, i=0, **fields):
    return Record(kind=kind, date=date, title="t", fields=fields, id=f"{date.isoformat()}/{kind}-{i:04x}")


def kt_of(records, kind):
    return tally(records, REG).get(kind)


def test_sum_and_count_true():
    kt = kt_of([rec("publicity", D(2024, 1, 1), 1, materials=300), rec("publicity", D(2024, 2, 1), 2, materials=150),
                rec("publicity", D(2024, 3, 1), 3)], "publicity")
    assert kt.count == 3 and kt.fields["materials"] == 450 and kt.fields["consultations"] == 0
    kt = kt_of([rec("meeting", D(2024, 1, 1), 1, chaired_by_principal=True),
                rec("meeting", D(2024, 2, 1), 2, chaired_by_principal=False), rec("meeting", D(2024, 3, 1), 3)],
               "meeting")
    assert kt.fields["chaired_by_principal"] == 1
    assert kt.rules["chaired_by_principal"] == "count-true" and kt.rules["count"] == "sum"


def test_latest_takes_the_last_record_of_the_period_not_the_last_read():
    recs = [rec("roster", D(2024, 12, 1), 2, role="执法人员", required=84, certified=83),
            rec("roster", D(2024, 3, 1), 1, role="执法人员", required=80, certified=70)]
    kt = kt_of(recs, "roster")
    assert (kt.fields["required"], kt.fields["certified"]) == (84, 83)
    assert kt.ratios["certified_rate"]["percent"] == 98.81


def test_latest_per_snapshot_key_adds_up_the_roles():
    recs = [rec("roster", D(2024, 6, 1), 1, role="执法人员", headcount=4),
            rec("roster", D(2024, 12, 1), 2, role="执法人员", headcount=5),
            rec("roster", D(2024, 2, 1), 3, role="法律顾问", headcount=2)]
    kt = kt_of(recs, "roster")
    assert kt.fields["headcount"] == 7  # 5 of the latest 执法人员 snapshot + 2 法律顾问
    assert kt.part("role", "执法人员").fields["headcount"] == 5


def test_max_mean_distinct_as_reported():
    kt = kt_of([rec("study", D(2024, 1, 1), 1, headcount=40, laws=["《宪法》", "民法典"]),
                rec("study", D(2024, 2, 1), 2, headcount=47, laws=["宪法", "《信访工作条例》"])], "study")
    assert kt.fields["headcount"] == 47 and kt.rules["headcount"] == "max"
    assert kt.fields["laws"] == 3  # 《宪法》 and 宪法 are one law
    kt = kt_of([rec("training", D(2024, 1, 1), 1, hours=16.5), rec("training", D(2024, 2, 1), 2, hours=24)],
               "training")
    assert kt.fields["hours"] == 20.25 and kt.rules["hours"] == "mean"
    kt = kt_of([rec("permit", D(2024, 6, 1), 1, satisfaction=99.5), rec("permit", D(2024, 12, 1), 2, satisfaction=100.0)],
               "permit")
    assert kt.fields["satisfaction"] == 100.0 and kt.rules["satisfaction"] == "as-reported"


def test_group_splits_the_count_and_its_parts_carry_figures():
    recs = [rec("study", D(2024, 1, 1), 1, body="中心组", count=3),
            rec("study", D(2024, 2, 1), 2, body="常务会", count=4, participants=60),
            rec("study", D(2024, 3, 1), 3)]
    kt = kt_of(recs, "study")
    assert kt.count == 8
    assert kt.groups["body"] == {"常务会": 4, "中心组": 3}
    assert kt.part("body", "常务会").fields["participants"] == 60
    d = kt.to_dict()
    assert d["groups"]["body"]["中心组"]["count"] == 3 and d["rules"]["body"] == "group"


def test_ratios_come_from_totals_never_from_averaged_rates():
    recs = [rec("exam", D(2024, 3, 1), 1, required=10, sat=10, passed=5),
            rec("exam", D(2024, 9, 1), 2, required=90, sat=90, passed=90)]
    r = kt_of(recs, "exam").ratios
    assert r["pass_rate"]["percent"] == 95.0  # 95/100, not the mean of 50% and 100%
    assert (r["pass_rate"]["numerator"], r["pass_rate"]["denominator"], r["pass_rate"]["of"]) == (95, 100, "passed/sat")
    assert r["excellence_rate"]["percent"] == 0.0
    assert kt_of([rec("exam", D(2024, 3, 1), 1)], "exam").ratios["pass_rate"]["value"] is None  # 0/0: no rate


def test_ratio_over_count_of_quantity_records():
    recs = [rec("normative-doc", D(2024, 3, 1), 1, filed=True, count=3), rec("normative-doc", D(2024, 5, 1), 2)]
    kt = kt_of(recs, "normative-doc")
    assert kt.count == 4 and kt.fields["filed"] == 3 and kt.ratios["filed_rate"]["percent"] == 75.0


def test_lower_bounds_carry_into_the_totals():
    recs = [rec("publicity", D(2024, 1, 1), 1, materials=2000, at_least=["materials"]),
            rec("publicity", D(2024, 2, 1), 2, materials=30, consultations=12),
            rec("training", D(2024, 2, 1), 3, hours=60.0, at_least=["hours:超", "count:不少于"], count=2)]
    t = tally(recs, REG)
    assert t.get("publicity").fields["materials"] == 2030 and t.get("publicity").at_least == {"materials": "余"}
    assert t.get("training").at_least == {"count": "不少于", "hours": "超"}


def test_zero_reported_kinds_are_figures():
    t = tally([rec("study", D(2024, 1, 1))], REG)
    assert t.get("normative-doc").count == 0 and t.get("litigation").fields["lost"] == 0
    assert "lecture" not in t.kinds
    t = tally([rec("study", D(2024, 1, 1))], REG, kinds=["study"])  # kinds asked for: only those
    assert list(t.kinds) == ["study"]
    preset = REG.with_preset("science")
    assert "litigation" in tally([], preset).kinds
    assert "reconsideration" in tally([], REG.with_preset("township")).kinds


def test_figure_of_one_field_follows_its_rule():
    recs = [rec("training", D(2024, 1, 1), 1, hours=10.0), rec("training", D(2024, 2, 1), 2, hours=20.0)]
    assert figure(REG.get("training").field("hours"), recs) == 15.0
    assert figure(REG.get("training").field("participants"), recs) == 0


def test_combine_adds_snapshots_of_offices_and_reweights_means():
    a = tally([rec("roster", D(2024, 12, 1), 1, role="执法人员", certified=4, required=4),
               rec("training", D(2024, 1, 1), 2, hours=10.0)], REG)
    b = tally([rec("roster", D(2024, 11, 1), 3, role="执法人员", certified=6, required=8),
               rec("training", D(2024, 1, 1), 4, hours=20.0), rec("training", D(2024, 1, 1), 5, hours=30.0)], REG)
    total = combine([a, b])
    assert total.get("roster").fields["certified"] == 10 and total.get("roster").ratios["certified_rate"]["percent"] == 83.33
    assert total.get("training").fields["hours"] == 20.0


def test_change_compares_figures_and_ratios():
    cur = tally([rec("exam", D(2024, 1, 1), 1, sat=10, passed=10)], REG)
    prev = tally([rec("exam", D(2023, 1, 1), 2, sat=10, passed=8)], REG)
    ch = change(cur, prev)["exam"]
    assert ch["count"] == 0 and ch["fields"]["passed"] == 2 and ch["ratios"]["pass_rate"] == 20.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 500)), min_size=1, max_size=8))
def test_quantity_records_tally_like_single_ones(rows):
    """A record with count = n tallies like n records (count, sums and count-true alike)."""
    batched = [rec("permit", D(2024, 1, 1 + i % 28), i, count=n, accepted=a) for i, (n, a) in enumerate(rows)]
    single = []
    for i, (n, a) in enumerate(rows):
        single += [rec("permit", D(2024, 1, 1 + i % 28), 1000 * i + j, accepted=a if j == 0 else 0) for j in range(n)]
    x, y = kt_of(batched, "permit"), kt_of(single, "permit")
    assert (x.count, x.fields["accepted"]) == (y.count, y.fields["accepted"])
