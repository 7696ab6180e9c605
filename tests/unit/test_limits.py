"""fzlog.limits: one set of limits, and what writers accept is exactly what readers accept
(issue 13, defects 2, 3 and 17)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog import limits, record, values
from fzlog.errors import UsageError, ValueProblem
from fzlog.kinds import default_registry
from fzlog.record import Record

REG = default_registry()
STUDY = REG.get("study")
DAY = dt.date(2024, 3, 1)


def _rec(**kw) -> Record:
    base = {"kind": "study", "date": DAY, "title": "学习"}
    base.update(kw)
    return Record(**base)


def _written_then_read(rec: Record):
    """to_toml then parse: the record read back, or the writer's refusal."""
    text = record.to_toml(rec, REG)
    return record.parse(text, REG, Path("x.toml"))


@pytest.mark.parametrize(
    "rec",
    [
        _rec(title="长" * (limits.MAX_TEXT_CHARS + 1)),
        _rec(note="x" * (limits.MAX_TEXT_CHARS + 1)),
        _rec(place="x" * (limits.MAX_TEXT_CHARS + 1)),
        _rec(tags=tuple(f"t{i}" for i in range(limits.MAX_LIST_ITEMS + 1))),
        _rec(tags=("x" * (limits.MAX_ITEM_CHARS + 1),)),
        _rec(fields={"participants": limits.MAX_INT}),
        _rec(fields={"participants": 10**4000}),
        _rec(fields={"hours": float("inf")}),
        _rec(fields={"hours": float("nan")}),
        _rec(fields={"hours": 1e300}),
        _rec(title="ctl\x01"),
        _rec(note="a\x1bb"),
        _rec(place="\x00"),
        _rec(title="x\uffff"),
        _rec(title="x\ud800"),
        _rec(tags=("a\x7f",)),
        _rec(fields={"laws": ["ok", "bad\x0b"]}),
    ],
)
def test_writer_refuses_what_readers_refuse_naming_the_field(rec):
    with pytest.raises(UsageError) as err:
        record.to_toml(rec, REG)
    assert "“" in err.value.message  # the field, quoted, is named
    # and a file with the same values, written by hand, is a bad-type problem every reader skips
    text = "".join(f"{k} = {record.toml_value(v)}\n" for k, v in record.ordered_items(rec, REG))
    back, problems = record.parse(text, REG, Path("x.toml"))
    assert back is None and [p.code for p in problems] == ["bad-type"] and problems[0].line, problems


def test_control_character_message_names_the_position():
    with pytest.raises(UsageError) as err:
        record.to_toml(_rec(title="abc\x01"), REG)
    assert "第 4 个字符" in err.value.message and "U+0001" in err.value.message


def test_record_file_over_the_size_limit_is_refused_by_the_writer():
    many = tuple("长" * (limits.MAX_ITEM_CHARS - 4) + f"{i:04d}" for i in range(limits.MAX_LIST_ITEMS))
    with pytest.raises(UsageError) as err:
        record.to_toml(_rec(tags=many), REG)
    assert str(limits.MAX_RECORD_BYTES) in err.value.message


@pytest.mark.parametrize(
    "line,expect",
    [
        ("participants = " + "9" * 5000, "5000 位"),
        ("participants = " + "9" * 40, "超出范围"),
        ("participants = 1_000_000_000_000", "超出范围"),
        ("hours = inf", "超出范围"),
        ("hours = nan", "超出范围"),
        ("hours = 1e300", "超出范围"),
        ('title2 = "x"\nnote = "a\\u0001b"', "U+0001"),
        ('note = "a\\u001bb"', "U+001B"),
        ('note = "a\\uffffb"', "U+FFFF"),
        ('place = "\\u0000"', "U+0000"),
        ('tags = ["a\\u007f"]', "U+007F"),
        ('note = "a\ufffeb"', "U+FFFE"),  # (unescaped, in a short file, a basic string …)
        ("tags = ['x', 'a\uffffb']", "U+FFFF"),  # (… and a literal one)
        ('note = "' + "x" * (limits.MAX_TEXT_CHARS + 1) + '"', str(limits.MAX_TEXT_CHARS)),
    ],
)
def test_reader_reports_a_value_beyond_a_limit_as_bad_type_with_its_line(line, expect):
    text = 'kind = "study"\ndate = 2024-03-01\ntitle = "t"\n' + line.replace("title2", "place") + "\n"
    rec, problems = record.parse(text, REG, Path("x.toml"))
    assert rec is None
    bad = [p for p in problems if p.code == "bad-type"]
    assert bad and expect in bad[0].message and bad[0].line and bad[0].line >= 4, problems


@pytest.mark.parametrize("text", ["9" * 5000, "9" * 4300, "1" + "0" * 12, "99999999999999.5", "1e400"])
def test_typed_numbers_beyond_the_range_are_a_value_problem_never_valueerror(text):
    with pytest.raises(ValueProblem):
        values.parse(STUDY.field("participants"), text)


def test_limits_are_exactly_the_bounds():
    assert values.parse(STUDY.field("participants"), str(limits.MAX_INT - 1)).value == limits.MAX_INT - 1
    rec = _rec(title="长" * limits.MAX_TEXT_CHARS, fields={"participants": limits.MAX_INT - 1}, note="a\tb\nc\r")
    back, problems = _written_then_read(rec)
    assert problems == [] and back.title == rec.title and back.fields["participants"] == limits.MAX_INT - 1


any_text = st.text(max_size=30)


@settings(max_examples=200)
@given(
    title=any_text.filter(str.strip),
    note=any_text,
    tags=st.lists(any_text.filter(str.strip), max_size=3),
    participants=st.one_of(st.integers(min_value=0, max_value=10**14), st.just(10**12 - 1)),
    hours=st.one_of(st.floats(min_value=0), st.just(float("nan"))),
)
def test_what_the_writer_accepts_the_reader_reads_back_unchanged(title, note, tags, participants, hours):
    rec = _rec(title=title, note=note, tags=tuple(tags), fields={"participants": participants, "hours": hours})
    try:
        text = record.to_toml(rec, REG)
    except UsageError:
        assert limits.record_problems(rec, STUDY)  # refused only for a named limit
        return
    back, problems = record.parse(text, REG, Path("x.toml"))
    assert problems == [] and back.title == title and back.note == note and back.fields["participants"] == participants
