"""fzlog.fasttoml reads record files exactly as tomllib does: where it takes its fast way, the
result equals tomllib's; everything else is left to tomllib."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog import fasttoml
from fzlog.kinds import default_registry
from fzlog.limits import BAD_CHARS
from fzlog.record import Record, to_toml

REG = default_registry()
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20).map(lambda s: BAD_CHARS.sub("", s))  # (limits)


def same_as_tomllib(doc: str) -> None:
    """``fasttoml.loads`` behaves as ``tomllib.loads``: the same table, or the same error."""
    try:
        want = tomllib.loads(doc)
    except tomllib.TOMLDecodeError as exc:
        assert fasttoml._fast(doc) is None
        with pytest.raises(tomllib.TOMLDecodeError) as got:
            fasttoml.loads(doc)
        assert str(got.value) == str(exc)
        return
    fast = fasttoml._fast(doc)
    assert fast is None or (fast == want and [type(v) for v in fast.values()] == [type(v) for v in want.values()])
    assert repr(fasttoml.loads(doc)) == repr(want)  # repr: nan equals nan


@st.composite
def records(draw) -> Record:
    kind = REG.get(draw(st.sampled_from(list(REG.kinds))))
    fields = {}
    for f in kind.fields:
        if not draw(st.booleans()):
            continue
        fields[f.name] = draw(
            {
                "int": st.integers(min_value=0, max_value=10**12 - 1),
                "float": st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
                "bool": st.booleans(),
                "date": st.dates(),
                "text": text,
                "list": st.lists(text, max_size=3),
            }[f.type]
        )
    return Record(
        kind=kind.slug,
        date=draw(st.dates()),
        title=draw(text.filter(str.strip)),
        place=draw(text),
        tags=tuple(draw(st.lists(text, max_size=3))),
        note=draw(text),
        evidence=tuple(draw(st.lists(text, max_size=2))),
        fields=fields,
    )


@settings(max_examples=300, deadline=None)
@given(records())
def test_record_files_read_as_tomllib_reads_them(rec):
    doc = to_toml(rec, REG)
    same_as_tomllib(doc)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["kind", "date", "title", "tags", "x-1", "a_b", "1", "a.b", '"q"', " k"]),
            st.sampled_from(["=", " = ", "\t=\t", " ="]),
            st.one_of(
                st.sampled_from(
                    [
                        "1",
                        "-0",
                        "+7",
                        "007",
                        "1_000",
                        "0x1f",
                        "1.5",
                        "1.",
                        ".5",
                        "1e3",
                        "-2.25",
                        "inf",
                        "nan",
                        "true",
                        "false",
                        "True",
                        "2024-02-29",
                        "2023-02-29",
                        "2024-13-01",
                        "2024-1-01",
                        "2024-12-04T10:00:00",
                        "1979-05-27 07:32:00",
                        '""',
                        "[]",
                        "[ ]",
                        '["a",]',
                        '["a", 1]',
                        '[["a"]]',
                        "'lit'",
                        '"""x"""',
                        '"a" # c',
                        "{a = 1}",
                        "٢٠٢٤",
                    ]
                ),
                text.map(lambda s: '"' + s + '"'),
                st.lists(text, max_size=3).map(lambda xs: "[" + ", ".join('"' + x + '"' for x in xs) + "]"),
            ),
            st.sampled_from(["\n", "\n", "\r\n", "  \n", "\n\n", " # note\n", ""]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_document_reads_as_tomllib_reads_it(lines):
    same_as_tomllib("".join(k + eq + v + end for k, eq, v, end in lines))


@pytest.mark.parametrize(
    "doc",
    [
        'title = "a\\"b"\n',  # escapes: left to tomllib
        'title = "tab\there"\n',
        'title = "ctrl\x01"\n',
        'title = "宪法日"\r\n',
        '# comment\nkind = "study"\n',
        'kind = "study"\nkind = "seminar"\n',  # a repeated key is an error
        'kind = "study"',  # no final newline
        "[kinds]\nx = 1\n",
        "date = 2024-02-30\n",
        "n = 12345678901234567890\n",
        'tags = ["a", "b"]\n',
        "tags = []\n",
        'x = ""\n',
    ],
)
def test_edge_cases(doc):
    same_as_tomllib(doc)


def test_plain_record_takes_the_fast_way():
    doc = (
        'kind = "publicity"\ndate = 2024-12-04\ntitle = "国家宪法日法治宣传活动"\ntags = ["国家宪法日", "巴扎日"]\n'
        "materials = 300\nhours = 1.5\nchaired = true\n"
    )
    assert fasttoml._fast(doc) == {
        "kind": "publicity",
        "date": dt.date(2024, 12, 4),
        "title": "国家宪法日法治宣传活动",
        "tags": ["国家宪法日", "巴扎日"],
        "materials": 300,
        "hours": 1.5,
        "chaired": True,
    }
