"""The shipped registry is consistent: every draft sentence's placeholder names a figure of its
kind, every preset names kinds, every field's rule fits its type."""

from __future__ import annotations

import pytest

from fzlog.errors import FzlogError
from fzlog.kinds import AGGREGATES_OF, PARTS, default_registry
from fzlog.report.sentences import BRACES, placeholder, problems

REG = default_registry()


@pytest.mark.parametrize("kind", list(REG), ids=lambda k: k.slug)
def test_sentence_placeholders_name_the_kinds_figures(kind):
    for sentence in (kind.sentence, kind.sentence_zero):
        assert problems(sentence, kind) == [], kind.slug
        for text in BRACES.findall(sentence):
            ref = placeholder(text).ref
            if ref is not None and ref.group_field:
                assert ref.group_value in kind.field(ref.group_field).values, (kind.slug, text)


def test_a_placeholder_that_names_nothing_is_a_problem():
    study = REG.get("study")
    assert problems("学法{count}次，{nothing}人，{hours/count}，{count[topic=x]}，{titles}", study) == [
        "nothing",
        "count[topic=x]",
    ]


def test_shape_of_the_registry():
    assert len(list(REG)) >= 34
    for kind in REG:
        assert kind.part in ("", *PARTS)
        assert kind.slug == "other" or (kind.part and kind.sentence), kind.slug
        for f in kind.fields:
            assert f.aggregate in AGGREGATES_OF[f.type], (kind.slug, f.name)
    assert {p.label for p in REG.presets.values()} >= {
        "科技局",
        "司法局",
        "执法部门",
        "卫健",
        "教育",
        "人社",
        "乡镇",
        "街道",
        "县政府",
    }
    assert [k.slug for k in REG if k.zero_reported] == ["normative-doc", "litigation", "reconsideration"]


def test_fzlog_toml_mistakes_are_named():
    for spec, key in (
        ({"x": {"fields": [{"name": "n", "type": "text", "aggregate": "sum"}]}}, "aggregate"),
        ({"x": {"ratios": [{"name": "r", "of": "a/b"}]}}, "of"),
        ({"x": {"part": "nowhere"}}, "part"),
        ({"study": {"fields": [{"name": "count", "type": "int"}]}}, "count"),
    ):
        with pytest.raises(FzlogError) as e:
            REG.merged(spec, "fzlog.toml")
        assert key in e.value.message and "fzlog.toml" in e.value.message
    with pytest.raises(FzlogError, match="preset"):
        REG.for_ledger({}, "外星局")
    assert REG.for_ledger({}, "卫生健康局").preset == "health"


def test_a_renamed_field_reads_under_its_former_name():
    reg = REG.merged({"x": {"fields": [{"name": "attendees", "type": "int", "aliases": ["participants", "人数"]}]}})
    kind = reg.get("x")
    assert kind.field("participants").name == "attendees" and kind.field("人数") is None  # Chinese: a header only
