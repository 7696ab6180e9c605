import datetime as dt
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog import record
from fzlog.kinds import default_registry
from fzlog.limits import BAD_CHARS
from fzlog.record import Record

REG = default_registry()
P = Path("x.toml")

CONTRACT = """kind = "publicity"
date = 2024-12-04
title = "国家宪法日法治宣传活动"
place = "于田县巴扎"
tags = ["国家宪法日", "巴扎日"]
note = "联合县司法局设点宣传科技法律法规"
evidence = ["evidence/2024-12-04-签到表.jpg"]
materials = 300
consultations = 45
theme = "国家宪法日"
"""


def test_contract_example_round_trips_byte_for_byte():
    rec, problems = record.parse(CONTRACT, REG, P)
    assert problems == []
    assert rec.fields == {"materials": 300, "consultations": 45, "theme": "国家宪法日"}
    assert record.to_toml(rec, REG) == CONTRACT


def test_key_order_is_fixed_whatever_the_input_order():
    rec = Record(
        kind="publicity",
        date=dt.date(2024, 12, 4),
        title="t",
        fields={"theme": "宪法", "materials": 3},
        tags=("a",),
        note="n",
        place="p",
    )
    keys = [line.split(" = ")[0] for line in record.to_toml(rec, REG).splitlines()]
    assert keys == ["kind", "date", "title", "place", "tags", "note", "materials", "theme"]


def test_problems_name_their_line():
    text = 'kind = "publicity"\ndate = 2024-12-04\ntitle = "t"\nmatrials = 3\nconsultations = "many"\n'
    rec, problems = record.parse(text, REG, P)
    assert rec is None
    by_code = {p.code: p for p in problems}
    assert by_code["unknown-field"].line == 4 and "materials" in by_code["unknown-field"].message
    assert by_code["bad-type"].line == 5


def test_syntax_error_has_line_and_column():
    rec, problems = record.parse('kind = "study"\ndate = 2024-01-01\ntitle = "x\n', REG, P)
    assert rec is None and problems[0].code == "toml-syntax" and problems[0].line == 3


def test_unknown_kind_suggests():
    _, problems = record.parse('kind = "studdy"\ndate = 2024-01-01\ntitle = "x"\n', REG, P)
    assert problems[0].code == "unknown-kind" and "study" in problems[0].message


text_st = st.text(min_size=0, max_size=40).map(lambda s: BAD_CHARS.sub("", s))  # (limits)
field_values = {
    "participants": st.integers(min_value=0, max_value=10**9),
    "hours": st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    "topic": text_st,
}


@settings(max_examples=300)
@given(
    title=st.text(min_size=1, max_size=60).map(lambda s: BAD_CHARS.sub("", s)).filter(str.strip),
    tags=st.lists(st.text(min_size=1, max_size=10).map(lambda s: BAD_CHARS.sub("", s) or "t"), max_size=4),
    note=text_st,
    place=text_st,
    evidence=st.lists(st.text(min_size=1, max_size=20).map(lambda s: BAD_CHARS.sub("", s) or "e"), max_size=3),
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
    fields=st.fixed_dictionaries({}, optional=field_values),
)
def test_any_record_round_trips(title, tags, note, place, evidence, day, fields):
    fields = {k: v for k, v in fields.items() if v != ""}
    rec = Record(
        kind="study",
        date=day,
        title=title,
        tags=tuple(tags),
        note=note,
        place=place,
        evidence=tuple(evidence),
        fields=fields,
    )
    text = record.to_toml(rec, REG)
    assert text.endswith("\n") and "\r" not in text.replace("\\r", "")
    assert tomllib.loads(text)["title"] == title
    back, problems = record.parse(text, REG, P)
    assert problems == []
    assert back == rec
    assert record.to_toml(back, REG) == text


key_line_st = st.lists(
    st.one_of(
        st.sampled_from(
            [
                'evidence = ["a.jpg"]',
                "  evidence= []",
                '"evidence" = 1',
                "'evidence' = 1",
                "evidence.x = 1",
                "[evidence]",
                "[[evidence]]",
                "evidence_x = 1",
                'x = "evidence"',
                "# evidence = 1",
                "evidence",
                "date = 2024-01-01",
                '"evi\\"dence" = 1',
                "\r",
                "evidence = 1\r",
                '"" = 1',
            ]
        ),
        st.text(alphabet="evidnc =\"'[].#_\r\t-x", max_size=20),
    ),
    max_size=8,
)


@settings(max_examples=500)
@given(lines=key_line_st, key=st.sampled_from(["evidence", "date", "x", "evidence_x", "", 'evi\\"dence']))
def test_key_line_is_the_first_line_key_lines_gives(lines, key):
    text = "\n".join(lines)
    assert record.key_line(text, key) == record.key_lines(text).get(key)


tricky_values = st.one_of(
    st.sampled_from([0, 1, 2.0, -0.0, True, "", "1", "true", [], [1], ("1",), dt.date(2024, 1, 1), None]),
    st.integers(min_value=0, max_value=3),
    st.text(alphabet='ab"\\\n ', max_size=3),
    st.lists(st.sampled_from(["a", 1, 1.0, True]), max_size=2),
)
# values that compare equal in Python, or look alike, but are written differently (or alike)
LOOKALIKES = [
    (1, True),
    (0, False),
    (2, 2.0),
    (0.0, -0.0),
    ("true", True),
    ("1", 1),
    ([1], (1,)),
    ([1], ["1"]),
    ((1,), "[1]"),
    ("2024-01-01", dt.date(2024, 1, 1)),
    ([], ""),
    ("", None),
    ([1.0], [1]),
    ([True], [1]),
    ([[1]], [(1,)]),
    ("a", "a"),
]


@settings(max_examples=300)
@given(
    fields=st.dictionaries(st.sampled_from(["participants", "hours", "topic", "extra"]), tricky_values, max_size=3),
    pair=st.sampled_from(LOOKALIKES),
    key=st.sampled_from(["participants", "topic", "extra"]),
    tags=st.lists(st.sampled_from(["", "a", "1"]), max_size=2),
    note=st.sampled_from(["", "x"]),
    other=st.dictionaries(st.sampled_from(["participants", "hours"]), tricky_values, max_size=2),
)
def test_identity_is_equal_exactly_when_to_toml_is(fields, pair, key, tags, note, other):
    """validate's double entries: the cheap key must agree with comparing the written files."""
    day = dt.date(2024, 3, 1)
    a, b = {**fields, key: pair[0]}, {**fields, key: pair[1]}
    for fa, fb in ((a, b), (a, {**other, **b}), (fields, other)):
        ra = Record(kind="study", date=day, title="t", tags=tuple(tags), note=note, fields=fa)
        rb = Record(kind="study", date=day, title="t", tags=tuple(tags), note=note, fields=fb)
        same_text = record.to_toml(ra, REG) == record.to_toml(rb, REG)
        assert (record.identity(ra, REG) == record.identity(rb, REG)) == same_text, (fa, fb)
