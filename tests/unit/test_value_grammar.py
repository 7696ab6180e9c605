"""The value grammar of add --set, the prompts and import (fzlog/values.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog import values
from fzlog.errors import ValueProblem
from fzlog.kinds import BOUND_WORDS, default_registry

REG = default_registry()
MATERIALS = REG.get("publicity").field("materials")  # int, 份
PARTICIPANTS = REG.get("publicity").field("participants")  # int, 人 (人次 accepted)
FINES = REG.get("enforcement-case").field("fines")  # float, 元 shown in 万元
CASES = REG.get("enforcement-case").field("count")  # int, 件 (起, 件次 accepted)
HOURS = REG.get("training").field("hours")  # float, 学时
RATE = REG.get("catalog").field("time_compression")  # float, %


@pytest.mark.parametrize(
    "field,text,value,bound",
    [
        (MATERIALS, "300份", 300, None),
        (MATERIALS, "2,000", 2000, None),
        (MATERIALS, "2000余份", 2000, "余"),
        (MATERIALS, "2000多", 2000, "多"),
        (MATERIALS, "100余", 100, "余"),
        (MATERIALS, "３００份", 300, None),
        (PARTICIPANTS, "4万余人次", 40000, "余"),
        (PARTICIPANTS, "两万余", 20000, "余"),
        (PARTICIPANTS, "超2000人次", 2000, "超"),
        (CASES, "不少于2", 2, "不少于"),
        (CASES, "400余件次", 400, "余"),
        (CASES, "759起", 759, None),
        (CASES, "四", 4, None),
        (CASES, "共12件", 12, None),
        (CASES, "一百零五件", 105, None),
        (CASES, "十二", 12, None),
        (FINES, "22000余元", 22000.0, "余"),
        (FINES, "2.2万元", 22000.0, None),
        (FINES, "2.2万", 22000.0, None),
        (HOURS, "超60学时", 60.0, "超"),
        (HOURS, "60学时以上", 60.0, "以上"),
        (RATE, "94%", 94.0, None),
        (RATE, "达96.4%", 96.4, None),
    ],
)
def test_forms(field, text, value, bound):
    assert values.parse(field, text) == values.Parsed(value, bound)


@pytest.mark.parametrize(
    "field,text",
    [
        (MATERIALS, "300人"),
        (MATERIALS, "很多"),
        (MATERIALS, "1.5"),
        (MATERIALS, "-3"),
        (CASES, "二三"),
        (HOURS, "nan"),
        (MATERIALS, ""),
        (MATERIALS, "9" * 5000),
    ],
)
def test_refused(field, text):
    with pytest.raises(ValueProblem):
        values.parse(field, text)


def test_count_takes_the_kinds_other_units_and_scale_from_a_header():
    assert values.parse(CASES, "12场次", units=("场次",)).value == 12
    assert values.parse(FINES, "2.5", scale=10_000).value == 25000.0
    assert values.parse(FINES, "2.5").value == 25000.0  # a bare number is in the shown unit, 万元
    assert values.parse(FINES, "25000元").value == 25000.0
    from fzlog.exchange.columns import header_scale

    assert (
        header_scale(FINES, "罚没款（元）"),
        header_scale(FINES, "罚没款（万元）"),
        header_scale(FINES, "罚没款"),
    ) == (1, 10_000, 10_000)
    assert header_scale(MATERIALS, "发放宣传资料（份）") == 1


def test_bounds_are_kept_in_at_least():
    fields = values.with_bounds({"materials": 2000, "at_least": ["hours:超", "materials:多"]}, {"materials": "余"})
    assert fields == {"materials": 2000, "at_least": ["hours:超", "materials"]}
    assert values.with_bounds({"materials": 3}, {}) == {"materials": 3}


def _chinese(n: int) -> str:
    """n in Chinese numerals, written independently of fzlog (for the round trip below)."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def below_10k(m: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // value % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    text = (
        (below_10k(high) + "万" if high else "")
        + ("零" if high and 0 < low < 1000 else "")
        + (below_10k(low) if low else "")
    )
    return text


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 99_999_999))
def test_chinese_numerals_round_trip(n):
    assert values.chinese_number(_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["", "份"]), st.sampled_from([None, *BOUND_WORDS]), st.booleans())
def test_numbers_as_written_round_trip(n, unit, bound, grouped):
    """A figure written back the way a report writes it (values.figure_text) parses to itself."""
    number = f"{n:,}" if grouped else str(n)
    text = values.figure_text(number, unit, bound)
    assert values.parse(MATERIALS, text) == values.Parsed(n, {"以上": "以上", "多": "多", "逾": "逾"}.get(bound, bound))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 3))
def test_wan_scales(n, decimals):
    x = round(n / 10**decimals, decimals)
    parsed = values.parse(FINES, f"{x}万元")
    assert parsed.value == pytest.approx(x * 10_000)


_NUMBER_TEXT = st.builds(
    lambda n, wan, bound, unit, grouped: values.figure_text(
        (f"{n:,}" if grouped else str(n)) + ("万" if wan else ""), unit, bound
    ),
    st.integers(0, 10**6),
    st.booleans(),
    st.sampled_from([None, "余", "多", "超", "不少于"]),
    st.sampled_from(["", "份"]),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(_NUMBER_TEXT)
def test_add_and_import_read_a_cell_alike(text):
    """`add --set materials=…` and an imported 发放宣传资料（份） cell give the same value and bound."""
    from fzlog.cli.records import parse_assignments
    from fzlog.exchange import importer
    from fzlog.exchange.tabular import Sheet

    kind = REG.get("publicity")
    try:
        by_add = parse_assignments(kind, [f"materials={text}"])
    except Exception as exc:  # both refuse alike
        with pytest.raises(ValueProblem):
            importer.to_parsed(MATERIALS, text, "发放宣传资料（份）", Sheet("t", (), "csv"), kind=kind)
        assert "materials" in str(exc)
        return
    parsed = importer.to_parsed(MATERIALS, text, "发放宣传资料（份）", Sheet("t", (), "csv"), kind=kind)
    by_import = values.with_bounds({"materials": parsed.value}, {"materials": parsed.bound} if parsed.bound else {})
    assert by_add == by_import
