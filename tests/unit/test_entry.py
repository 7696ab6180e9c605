"""fzlog.entry: a record from form texts, every problem against its field; a record's own texts
give the record back (the edit form round trip)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from fzlog.entry import build, split_list, texts_of
from fzlog.kinds import default_registry
from fzlog.store.ledger import Ledger


def test_every_sample_record_survives_the_edit_form(sample):
    lg = Ledger(sample)
    records = lg.load().records
    assert len(records) > 100
    for rec in records:
        kind = lg.registry.get(rec.kind)
        again = build(kind, texts_of(rec, kind), path=rec.path, record_id=rec.id)
        assert again.errors == {} and again.record == rec, rec.id


def test_each_bad_box_gets_its_own_message():
    kind = default_registry().resolve("法治宣传活动")
    got = build(kind, {"title": " ", "date": "2024-02-30", "materials": "很多", "consultations": "-1"})
    assert got.record is None
    assert set(got.errors) == {"title", "date", "materials", "consultations"}
    assert "标题不能为空" in got.errors["title"] and "很多" in got.errors["materials"]


def test_empty_boxes_are_left_out_and_no_date_is_today():
    kind = default_registry().resolve("publicity")
    got = build(kind, {"title": "宣传", "materials": "", "consultations": "  "}, today=dt.date(2024, 5, 6))
    assert got.record.fields == {} and got.record.date == dt.date(2024, 5, 6)


@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_characters="\n,，、;；", blacklist_categories=("Cs",)), min_size=1
        ).filter(str.strip),
        max_size=5,
    )
)
def test_tags_typed_in_one_box_come_back(tags):
    typed = "、".join(tags)
    assert split_list(typed) == tuple(dict.fromkeys(t.strip() for t in tags))


@given(st.integers(min_value=0, max_value=10**9))
def test_whole_numbers_round_trip(n):
    kind = default_registry().resolve("publicity")
    rec = build(kind, {"title": "宣传", "date": "2024-01-01", "materials": str(n)}).record
    assert rec.fields["materials"] == n
    assert build(kind, texts_of(rec, kind)).record == rec
