import datetime as dt

import pytest

from fzlog import period
from fzlog.errors import UsageError

D = dt.date


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
        ("2024q1", D(2024, 1, 1), D(2024, 3, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2024-12", D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-03-15", D(2024, 3, 15), D(2024, 3, 15)),
        ("2020..2024", D(2020, 1, 1), D(2024, 12, 31)),
        ("2024-01-01..2024-06-30", D(2024, 1, 1), D(2024, 6, 30)),
        ("2024-Q1..2024-Q2", D(2024, 1, 1), D(2024, 6, 30)),
        (" 2024 ", D(2024, 1, 1), D(2024, 12, 31)),
    ],
)
def test_grammar(text, start, end):
    p = period.parse(text)
    assert (p.start, p.end) == (start, end)


def test_default_is_current_year():
    p = period.parse(None, today=D(2026, 11, 28))
    assert (p.start, p.end) == (D(2026, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize("text", ["24", "2024-Q5", "2024-13", "2024-02-30", "last year", "2024..", "2025..2024", "abc"])
def test_bad_periods_name_the_accepted_forms(text):
    with pytest.raises(UsageError) as exc:
        period.parse(text)
    assert "2024-Q3" in str(exc.value) or "起点晚于终点" in str(exc.value)


def test_contains_and_quarters():
    p = period.parse("2024")
    assert D(2024, 6, 30) in p and D(2025, 1, 1) not in p
    assert [q.text for q in p.quarters()] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert len(list(period.parse("2024-Q2").months())) == 3


def test_shift_years_keeps_shape():
    p = period.parse("2024-Q1").shifted_years(-1)
    assert (p.start, p.end, p.text) == (D(2023, 1, 1), D(2023, 3, 31), "2023-Q1")
    leap = period.parse("2024-02-29").shifted_years(-1)
    assert leap.start == D(2023, 2, 28)


def test_shifting_a_period_keeps_month_ends_and_29_february():
    import datetime as dt

    from fzlog import period as period_mod

    leap = period_mod.parse("2024-02")
    assert leap.shifted_years(-1).start == dt.date(2023, 2, 1) and leap.shifted_years(-1).end == dt.date(2023, 2, 28)
    assert period_mod.parse("2023-02").shifted_years(1).end == dt.date(2024, 2, 29)
    day = period_mod.parse("2024-02-29").shifted_years(-1)
    assert day.start == day.end == dt.date(2023, 2, 28)
    q = period_mod.parse("2024-Q1").shifted_years(-1)
    assert (q.start, q.end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert period_mod.parse("2024-Q4").shifted_years(-4).end == dt.date(2020, 12, 31)


def test_compare_period_names_the_previous_span_or_a_period():
    import datetime as dt

    from fzlog import period as period_mod
    from fzlog.query import compare_period

    q = period_mod.parse("2024-Q1")
    for word in ("prev", "上年", "去年", " PREV "):
        assert compare_period(q, word).start == dt.date(2023, 1, 1)
    assert compare_period(q, "2020").end == dt.date(2020, 12, 31)
