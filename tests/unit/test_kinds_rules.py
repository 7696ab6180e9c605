"""Check rules use the registry's definitions: quantity records and field rules."""

from __future__ import annotations

import datetime as dt

from tests.unit.test_targets_rules import rec, rule, run

D = dt.date


def test_count_rule_counts_the_items_of_quantity_records():
    r = rule(type="count", kinds=["lecture"], min=4)
    assert run(r, [rec("lecture", D(2024, 3, 1), count=3), rec("lecture", D(2024, 6, 1))]).status == "met"
    assert run(r, [rec("lecture", D(2024, 3, 1), count=3)]).status == "unmet"


def test_sum_rule_on_a_latest_field_takes_the_snapshot():
    r = rule(type="sum", kinds=["roster"], field="certified", min=80)
    out = run(r, [rec("roster", D(2024, 3, 1), certified=70), rec("roster", D(2024, 12, 1), certified=83)])
    assert out.status == "met" and "83" in out.actual and "153" not in out.actual
