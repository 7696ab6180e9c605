"""How the report writes figures: exact, or rounded as reports do (--round)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fzlog.report import figures


@pytest.mark.parametrize(
    "n, shown",
    [
        (0, "0"),
        (12, "12"),
        (99, "99"),  # below 100: exact
        (100, "100"),
        (150, "150"),
        (2000, "2000"),  # round already: no 余
        (105, "100余"),
        (312, "300余"),
        (2030, "2000余"),
        (1980, "1900余"),
        (199, "190余"),
        (12345, "12000余"),
        (1050, "1000余"),
    ],
)
def test_rounding_rule(n, shown):
    assert figures.number(n, rounded=True) == shown
    assert figures.number(n) == str(n)


def test_seed_figures_round_as_the_seed_writes_them():
    assert figures.quantity(2030, "份", rounded=True) == "2000余份"
    assert figures.quantity(312, "人/次", rounded=True) == "300余人/次"
    assert figures.quantity(12, "场/次", rounded=True) == "12场/次"


@given(st.integers(min_value=0, max_value=10**9))
def test_rounded_never_overstates_nor_loses_more_than_a_tenth(n):
    shown, more = figures.approx(n)
    assert shown <= n
    assert 10 * (n - shown) <= n
    assert more == (shown != n)
    if n < 100:
        assert (shown, more) == (n, False)


def test_decimals_are_never_rounded():
    assert figures.number(1.5, rounded=True) == "1.5"
    assert figures.number(2.0) == "2"


def test_change():
    assert figures.change(3, "次") == "较上年增加3次"
    assert figures.change(-2, "场/次") == "较上年减少2场/次"
    assert figures.change(0, "次") == "与上年持平"
    assert figures.change(530, "份", rounded=True) == "较上年增加500余份"


def test_a_mean_is_written_with_two_decimals_at_most():
    from fzlog.report.figures import number

    assert number(4.863636) == "4.86"
    assert number(60.0) == "60"
    assert number(2.5) == "2.5"
