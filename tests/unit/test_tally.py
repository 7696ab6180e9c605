"""Each aggregation rule of fzlog/tally.py, ratios, quantity records, lower bounds and zeros."""

from __future__ import annotations

import datetime as dt
import marshal

from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog.kinds import default_registry
from fzlog.record import Record
from fzlog.tally import (
    Partial,
    change,
    combine,
    figure,
    group,
    joined,
    partials,
    tally,
    tally_of,
)

REG = default_registry()
D = dt.date


def rec(kind, date, i=0, **fields):
    return Record(kind=kind, date=date, title="t", fields=fields, id=f"{date.isoformat()}/{kind}-{i:04x}")


def kt_of(records, kind):
    return tally(records, REG).get(kind)


def test_sum_and_count_true():
    kt = kt_of(
        [
            rec("publicity", D(2024, 1, 1), 1, materials=300),
            rec("publicity", D(2024, 2, 1), 2, materials=150),
            rec("publicity", D(2024, 3, 1), 3),
        ],
        "publicity",
    )
    assert kt.count == 3 and kt.fields["materials"] == 450 and kt.fields["consultations"] == 0
    kt = kt_of(
        [
            rec("meeting", D(2024, 1, 1), 1, chaired_by_principal=True),
            rec("meeting", D(2024, 2, 1), 2, chaired_by_principal=False),
            rec("meeting", D(2024, 3, 1), 3),
        ],
        "meeting",
    )
    assert kt.fields["chaired_by_principal"] == 1
    assert kt.rules["chaired_by_principal"] == "count-true" and kt.rules["count"] == "sum"


def test_latest_takes_the_last_record_of_the_period_not_the_last_read():
    recs = [
        rec("roster", D(2024, 12, 1), 2, role="执法人员", required=84, certified=83),
        rec("roster", D(2024, 3, 1), 1, role="执法人员", required=80, certified=70),
    ]
    kt = kt_of(recs, "roster")
    assert (kt.fields["required"], kt.fields["certified"]) == (84, 83)
    assert kt.ratios["certified_rate"]["percent"] == 98.81


def test_latest_per_snapshot_key_adds_up_the_roles():
    recs = [
        rec("roster", D(2024, 6, 1), 1, role="执法人员", headcount=4),
        rec("roster", D(2024, 12, 1), 2, role="执法人员", headcount=5),
        rec("roster", D(2024, 2, 1), 3, role="法律顾问", headcount=2),
    ]
    kt = kt_of(recs, "roster")
    assert kt.fields["headcount"] == 7  # 5 of the latest 执法人员 snapshot + 2 法律顾问
    assert kt.part("role", "执法人员").fields["headcount"] == 5


def test_max_mean_distinct_as_reported():
    kt = kt_of(
        [
            rec("study", D(2024, 1, 1), 1, headcount=40, laws=["《宪法》", "民法典"]),
            rec("study", D(2024, 2, 1), 2, headcount=47, laws=["宪法", "《信访工作条例》"]),
        ],
        "study",
    )
    assert kt.fields["headcount"] == 47 and kt.rules["headcount"] == "max"
    assert kt.fields["laws"] == 3  # 《宪法》 and 宪法 are one law
    kt = kt_of([rec("training", D(2024, 1, 1), 1, hours=16.5), rec("training", D(2024, 2, 1), 2, hours=24)], "training")
    assert kt.fields["hours"] == 20.25 and kt.rules["hours"] == "mean"
    kt = kt_of(
        [rec("permit", D(2024, 6, 1), 1, satisfaction=99.5), rec("permit", D(2024, 12, 1), 2, satisfaction=100.0)],
        "permit",
    )
    assert kt.fields["satisfaction"] == 100.0 and kt.rules["satisfaction"] == "as-reported"


def test_group_splits_the_count_and_its_parts_carry_figures():
    recs = [
        rec("study", D(2024, 1, 1), 1, body="中心组", count=3),
        rec("study", D(2024, 2, 1), 2, body="常务会", count=4, participants=60),
        rec("study", D(2024, 3, 1), 3),
    ]
    kt = kt_of(recs, "study")
    assert kt.count == 8
    assert kt.groups["body"] == {"常务会": 4, "中心组": 3}
    assert kt.part("body", "常务会").fields["participants"] == 60
    d = kt.to_dict()
    assert d["groups"]["body"]["中心组"]["count"] == 3 and d["rules"]["body"] == "group"


@given(st.lists(st.dates(D(2023, 11, 1), D(2025, 2, 28)), max_size=40), st.sampled_from(["month", "quarter"]))
def test_group_by_month_or_quarter_puts_each_record_in_its_part(days, by):
    from fzlog.period import Period

    per = Period(D(2024, 2, 10), D(2024, 11, 20))  # (parts are whole months and quarters around it)
    recs = [rec("study", day, i) for i, day in enumerate(days)]  # in no particular order
    groups = group(recs, REG, per, by)
    parts = list(per.months() if by == "month" else per.quarters())
    assert [g.key for g in groups] == [p.text for p in parts]
    for g, p in zip(groups, parts, strict=True):
        assert g.tally.records == sum(1 for d in days if p.start <= d <= p.end)


def test_ratios_come_from_totals_never_from_averaged_rates():
    recs = [
        rec("exam", D(2024, 3, 1), 1, required=10, sat=10, passed=5),
        rec("exam", D(2024, 9, 1), 2, required=90, sat=90, passed=90),
    ]
    r = kt_of(recs, "exam").ratios
    assert r["pass_rate"]["percent"] == 95.0  # 95/100, not the mean of 50% and 100%
    assert (r["pass_rate"]["numerator"], r["pass_rate"]["denominator"], r["pass_rate"]["of"]) == (95, 100, "passed/sat")
    assert r["excellence_rate"]["percent"] is None  # no record gives excellent: no rate, not 0%
    assert kt_of([rec("exam", D(2024, 3, 1), 1)], "exam").ratios["pass_rate"]["value"] is None  # 0/0: no rate


def test_ratio_over_count_of_quantity_records():
    recs = [rec("normative-doc", D(2024, 3, 1), 1, filed=True, count=3), rec("normative-doc", D(2024, 5, 1), 2)]
    kt = kt_of(recs, "normative-doc")
    assert kt.count == 4 and kt.fields["filed"] == 3 and kt.ratios["filed_rate"]["percent"] == 75.0


def test_lower_bounds_carry_into_the_totals():
    recs = [
        rec("publicity", D(2024, 1, 1), 1, materials=2000, at_least=["materials"]),
        rec("publicity", D(2024, 2, 1), 2, materials=30, consultations=12),
        rec("training", D(2024, 2, 1), 3, hours=60.0, at_least=["hours:超", "count:不少于"], count=2),
    ]
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
    a = tally(
        [
            rec("roster", D(2024, 12, 1), 1, role="执法人员", certified=4, required=4),
            rec("training", D(2024, 1, 1), 2, hours=10.0),
        ],
        REG,
    )
    b = tally(
        [
            rec("roster", D(2024, 11, 1), 3, role="执法人员", certified=6, required=8),
            rec("training", D(2024, 1, 1), 4, hours=20.0),
            rec("training", D(2024, 1, 1), 5, hours=30.0),
        ],
        REG,
    )
    total = combine([a, b])
    assert (
        total.get("roster").fields["certified"] == 10
        and total.get("roster").ratios["certified_rate"]["percent"] == 83.33
    )
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


def test_sentence_placeholders_resolve_to_figures():
    recs = [
        rec("plan", D(2024, 1, 1), 1, plan_type="学法计划"),
        rec("plan", D(2024, 2, 1), 2, plan_type="普法计划"),
        rec("plan", D(2024, 3, 1), 3, plan_type="学法计划"),
    ]
    kt = kt_of(recs, "plan")
    assert kt.resolve("count") == (3, None) and kt.resolve("count[plan_type=学法计划]") == (2, None)
    assert kt.resolve("count[plan_type=应知应会清单]") == (0, None)
    kt = kt_of([rec("exam", D(2024, 1, 1), 1, sat=40, passed=38, at_least=["sat"])], "exam")
    assert kt.resolve("passed/sat") == (95.0, None) and kt.resolve("sat") == (40, "余")
    assert kt.resolve("excellent/required") == (None, None) and kt.resolve("nonsense") == (None, None)
    kt = kt_of([rec("roster", D(2024, 1, 1), 1, role="法治副校长", headcount=91)], "roster")
    assert kt.resolve("headcount[role=法治副校长]") == (91, None)


def test_a_rate_needs_figures_someone_gave():
    kt = kt_of([rec("enforcement-case", D(2024, 1, 1), 1, count=12)], "enforcement-case")
    assert kt.ratios["executed_rate"]["percent"] is None and kt.ratios["on_time_rate"]["percent"] is None
    assert kt.fields["executed"] == 0  # (a sum of nothing is still 0 in fields)
    kt = kt_of([rec("enforcement-case", D(2024, 1, 1), 1, count=12, on_time=False)], "enforcement-case")
    assert kt.ratios["on_time_rate"]["percent"] == 0.0


# --- partials: a period's tally is the join of its days' ---------------------------------------

KINDS = [k for k in REG]
RULES = {f.aggregate for k in KINDS for f in k.fields if f.tallied}


def _value(f, draw):
    if f.type == "int":  # (few values: equal maxima and latest values with other bounds happen)
        return draw(st.integers(0, 30) | st.integers(0, 10**9))
    if f.type == "float":
        return draw(st.integers(0, 30) | st.integers(0, 10**9)) / draw(st.sampled_from([1, 10, 100, 1000]))
    if f.type == "bool":
        return draw(st.booleans())
    if f.type == "date":
        return draw(st.dates(D(2020, 1, 1), D(2025, 12, 31)))
    words = list(f.values[:3]) or ["甲", "乙"]
    if f.type == "list":
        return draw(st.lists(st.sampled_from(["《宪法》", "宪法", "民法典", *words]), max_size=3))
    return draw(st.sampled_from(["", " 丙 ", *words]))


@st.composite
def ledgers(draw):
    """Records of every kind, each with some of its fields, counts and lower bounds, in the order a
    ledger gives them (by day, then file name)."""
    out = []
    for i in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(KINDS))
        fields = {f.name: _value(f, draw) for f in kind.fields if f.tallied and draw(st.booleans())}
        if draw(st.booleans()):
            fields["count"] = draw(st.integers(1, 5))
        names = [n for n in fields if n != "count"] + ["count"]
        bounds = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
        if bounds:
            fields["at_least"] = [f"{n}:{draw(st.sampled_from(['余', '超']))}" for n in bounds]
        out.append(rec(kind.slug, D(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 9))), i, **fields))
    return sorted(out, key=lambda r: (r.date, r.id))


def tally_days(records, registry):
    """Each day's partials, as the ledger's cache keeps them beside the day's records."""
    days: dict = {}
    for r in records:
        days.setdefault(r.date, []).append(r)
    return {day: partials(recs, registry) for day, recs in days.items()}


def test_the_generated_ledgers_cover_every_aggregation_rule():
    assert {"sum", "count-true", "latest", "max", "mean", "distinct", "as-reported", "group"} == RULES
    assert any(k.snapshot_by for k in KINDS)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data())
def test_joined_partials_of_days_tally_like_all_records_at_once(records, data):
    whole = tally(records, REG).to_dict()
    days = tally_days(records, REG)
    assert tally_of(joined(days.values()), REG).to_dict() == whole
    # any cut into stretches will do, and partials survive being stored as plain data
    cuts = sorted(data.draw(st.lists(st.integers(0, len(records)), max_size=4)))
    pieces = [records[a:b] for a, b in zip([0, *cuts], [*cuts, len(records)], strict=True)]
    stored = [
        {
            slug: Partial.from_plain(marshal.loads(marshal.dumps(p.to_plain())))
            for slug, p in partials(piece, REG).items()
        }
        for piece in pieces
    ]
    assert tally_of(joined(stored), REG).to_dict() == whole
    for piece in pieces:  # made from plain data, a partial leaves that data as it was
        plain = {slug: p.to_plain() for slug, p in partials(piece, REG).items()}
        again = {slug: Partial.from_plain(p).to_plain() for slug, p in plain.items()}
        assert marshal.dumps(plain) == marshal.dumps(again)
    assert tally_of(joined(days.values()), REG).to_dict() == whole  # joining left the days' partials alone


def test_sums_of_floats_do_not_depend_on_how_the_days_are_cut():
    recs = [rec("study", D(2024, 1, 1 + i), i, hours=h) for i, h in enumerate([0.1, 0.2, 0.7, 1e-7, 2.5, 1e-7])]
    whole = kt_of(recs, "study")
    parts = joined([partials(recs[:1], REG), partials(recs[1:3], REG), partials(recs[3:], REG)])
    assert tally_of(parts, REG).get("study").fields == whole.fields
    assert whole.fields["hours"] == 3.5 and whole.fields["participants"] == 0


def test_equal_maxima_and_bounds_keep_the_first_records_word_across_days():
    recs = [
        rec("study", D(2024, 1, 1), 1, headcount=40, participants=5, at_least=["headcount", "participants:超"]),
        rec("study", D(2024, 1, 2), 2, headcount=40, participants=5, at_least=["headcount:多", "participants"]),
    ]
    whole = kt_of(recs, "study")
    assert whole.at_least == {"headcount": "余", "participants": "超"}
    days = tally_of(joined(tally_days(recs, REG).values()), REG).get("study")
    assert days.at_least == whole.at_least and days.fields == whole.fields
