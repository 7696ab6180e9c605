"""The exchange core without the CLI: reading spreadsheets, recognising headers, fingerprints, and
export → import round trips over generated records."""

import codecs
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fzlog.errors import FzlogError
from fzlog.exchange import columns, exporter, importer, tabular
from fzlog.kinds import default_registry
from fzlog.record import Record

REG = default_registry()


def test_column_letters():
    assert [tabular.column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encoding_is_detected(tmp_path, encoding):
    p = tmp_path / "a.csv"
    p.write_bytes("日期,标题\n2024-03-15,学习《宪法》\n".encode(encoding))
    sheet = tabular.read_csv(p)
    assert sheet.rows[1].cells == ("2024-03-15", "学习《宪法》")
    assert sheet.encoding in (encoding, "utf-16" if encoding == "utf-16" else encoding)


def test_csv_row_numbers_are_excel_rows(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('日期,备注\n\n2024-01-01,"两行\n备注"\n2024-01-02,x\n', "utf-8")
    rows = tabular.read_csv(p).rows
    assert [(r.number, r.is_empty()) for r in rows] == [(1, False), (2, True), (3, False), (4, False)]
    assert rows[2].cells[1] == "两行\n备注"


def test_tab_separated_and_undetectable(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("日期\t标题\n2024-01-01\tx\n", "utf-8")
    assert tabular.read_csv(p).rows[1].cells == ("2024-01-01", "x")
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"a,b\n\x80\xff\n")
    with pytest.raises(FzlogError):
        tabular.read_csv(bad)


@pytest.mark.parametrize(
    "header,target",
    [
        ("发放宣传资料(份)", "materials"),
        ("发放宣传资料（份）", "materials"),
        ("参加人数（人）", "participants"),
        ("接受群众咨询(人/次)", "consultations"),
        ("活动日期", "date"),
        ("日期：", "date"),
        ("*活动名称", "title"),
        ("类别", "kind"),
        ("佐证材料", "evidence"),
        ("materials", "materials"),
        ("Date", "date"),
        ("参加人数/参与人数/参训人数（人）", "participants"),
        ("计划年度/报告年度", "for_year"),
        ("序号", None),
        ("编号", None),
        ("负责人", None),
    ],
)
def test_header_vocabulary(header, target):
    assert columns.Vocabulary(REG).guess(header).target == target


def test_vocabulary_prefers_the_sheets_kind():
    other = columns.Vocabulary(REG, first=REG.get("shufa"))
    assert other.guess("述法人").target == "speaker"
    assert columns.Vocabulary(REG).guess("结果").target == "outcome"


def test_fingerprint_ignores_spacing_width_and_number_form():
    a = Record(kind="study", date=dt.date(2024, 1, 2), title="学习 宪法", tags=("甲", "乙"), fields={"hours": 2})
    b = Record(kind="study", date=dt.date(2024, 1, 2), title=" 学习  宪法", tags=("乙", "甲"), fields={"hours": 2.0})
    c = Record(kind="study", date=dt.date(2024, 1, 2), title="学习 宪法", fields={"hours": 2.5})
    assert importer.fingerprint(a, REG) == importer.fingerprint(b, REG) != importer.fingerprint(c, REG)


def test_check_reports_progress(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("日期,标题\n" + "".join(f"2024-01-{d:02d},t{d}\n" for d in range(1, 29)) * 10, "utf-8")
    plans = importer.plan([tabular.read_csv(p)], REG, kind=REG.get("study"))
    calls = []
    checked = importer.check(plans, REG, progress=lambda done, total: calls.append((done, total)))
    assert len(checked.candidates) == 280 and calls == [(100, 280), (200, 280), (280, 280)]


# round trips ----------------------------------------------------------------------------------
_CHARS = st.sampled_from(list("法治宣传学习会议于田县ab Z09=+-@'()（）《》/.。!") + ["\u00e9", "\U00020000"])
_TEXT = st.text(_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
_WORD = _TEXT.filter(lambda s: not any(ch in s for ch in ",，、;；"))


def _value(f):
    return {
        "int": st.integers(0, 10**6),
        # Excel keeps 15 significant digits: hours and such have a few decimals, not 17 digits
        "float": st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3)),
        "bool": st.booleans(),
        "date": st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
        "text": _TEXT,
        "list": st.lists(_WORD, min_size=1, max_size=3).map(lambda xs: list(dict.fromkeys(xs))),
    }[f.type]


@st.composite
def records(draw):
    kind = draw(st.sampled_from([k for k in REG]))
    fields = {f.name: draw(_value(f)) for f in kind.fields if draw(st.booleans())}
    if draw(st.booleans()):  # a quantity record, with a lower bound on its count or a number
        fields["count"] = draw(st.integers(0, 10**4))
        numbers = [name for name, v in fields.items() if isinstance(v, int) and not isinstance(v, bool)]
        fields["at_least"] = [draw(st.sampled_from(numbers)) + draw(st.sampled_from(["", ":超", ":不少于"]))]
    return Record(
        kind=kind.slug,
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        title=draw(_TEXT),
        place=draw(st.one_of(st.just(""), _TEXT)),
        tags=tuple(dict.fromkeys(draw(st.lists(_WORD, max_size=3)))),
        note=draw(st.one_of(st.just(""), _TEXT, st.tuples(_TEXT, _TEXT).map("\n".join))),
        evidence=tuple(dict.fromkeys(draw(st.lists(_WORD, max_size=2)))),
        fields=fields,
    )


def _content(rec):
    kind = REG.get(rec.kind)
    fields = {k: float(v) if kind.field(k).type == "float" else v for k, v in rec.fields.items()}
    return repr((rec.kind, rec.date, rec.title, rec.place, rec.tags, rec.note, rec.evidence, sorted(fields.items())))


def _round_trip(recs, fmt):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"x.{fmt}"
        path.write_bytes(exporter.render(fmt, recs, REG))
        sheets = tabular.read(path, choose=lambda names: importer.choose_sheets(names, REG))
        checked = importer.check(importer.plan(sheets, REG), REG)
    assert checked.errors == []
    return [c.record for c in checked.candidates]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recs=st.lists(records(), min_size=1, max_size=6))
def test_export_then_import_gives_the_same_records(fmt, recs):
    back = _round_trip(recs, fmt)
    assert sorted(map(_content, back)) == sorted(map(_content, recs))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_that_consumes_its_records_writes_the_same_bytes(fmt):
    """``consume=True`` (fzlog export) takes each record out of the list as it is written."""
    recs = [
        Record(
            "study",
            dt.date(2024, 3, d % 28 + 1),
            f"学习{d}",
            tags=("宪法",),
            fields={"participants": d},
            id=f"2024-03-{d % 28 + 1:02d}/study-{d:04x}",
        )
        for d in range(2500)
    ]
    want = exporter.render(fmt, recs, REG)
    given = list(recs)
    pieces = list(exporter.render_pieces(fmt, given, REG, consume=True))
    assert b"".join(pieces) == want and given == [] and len(pieces) > 2  # (written a thousand at a time)
    assert b"".join(exporter.render_pieces(fmt, [], REG, consume=True)) == exporter.render(fmt, [], REG)
    if fmt == "csv":
        assert want.startswith(codecs.BOM_UTF8) and want.count(codecs.BOM_UTF8) == 1
        assert exporter.render(fmt, [], REG).decode("utf-8-sig").count("\r\n") == 1  # the header alone
