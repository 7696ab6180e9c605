import datetime as dt

import pytest

from fzlog import values
from fzlog.errors import ValueProblem
from fzlog.kinds import Field

TODAY = dt.date(2024, 6, 10)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2024-03-15", dt.date(2024, 3, 15)),
        ("2024/3/15", dt.date(2024, 3, 15)),
        ("2024年3月15日", dt.date(2024, 3, 15)),
        ("2024.3.5", dt.date(2024, 3, 5)),
        ("3月15日", dt.date(2024, 3, 15)),
        ("today", TODAY),
        ("今天", TODAY),
        ("yesterday", dt.date(2024, 6, 9)),
        ("昨天", dt.date(2024, 6, 9)),
    ],
)
def test_dates_as_people_write_them(text, expected):
    assert values.parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["2024-02-30", "15/3/2024", "明天见", "", "2024"])
def test_bad_dates(text):
    with pytest.raises(ValueProblem):
        values.parse_date(text, today=TODAY)


@pytest.mark.parametrize(
    "text,expected",
    [("true", True), ("是", True), ("1", True), ("YES", True), ("false", False), ("否", False), ("0", False)],
)
def test_booleans(text, expected):
    assert values.coerce(Field("x", "bool"), text) is expected


def test_int_rejects_negative_and_words():
    f = Field("materials", "int")
    assert values.coerce(f, "2,030") == 2030
    with pytest.raises(ValueProblem, match="负数"):
        values.coerce(f, "-1")
    assert values.coerce(f, "三百") == 300  # Chinese numerals are numbers (docs/kinds.md)
    with pytest.raises(ValueProblem, match="整数"):
        values.coerce(f, "很多")
    with pytest.raises(ValueProblem):
        values.coerce(f, "1.5")


def test_float_and_checks():
    f = Field("hours", "float")
    assert values.coerce(f, "1.5") == 1.5
    with pytest.raises(ValueProblem):
        values.coerce(f, "nan")
    assert values.check(f, 2) == 2
    with pytest.raises(ValueProblem):
        values.check(f, True)
    with pytest.raises(ValueProblem):
        values.check(Field("n", "int"), "3")
    with pytest.raises(ValueProblem):
        values.check(Field("d", "date"), "2024-01-01")
