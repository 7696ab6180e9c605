"""Issue 13: outputs never crash on control characters (defect 17, output side) and never carry a
live formula or Markdown/HTML from record or configuration text (defect 18)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from fzlog import outtext
from fzlog.exchange import exporter
from fzlog.kinds import default_registry
from fzlog.record import Record

REG = default_registry()
FORMULAS = ["=SUM(1,1)", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "'=1"]

KIND_WITH_FORMULA_LABEL = """
[kinds.volunteer]
label = "志愿服务"
unit = "次"
fields = [
  { name = "hours", type = "float", label = "=SUM(1,1)" },
  { name = "topic", type = "text", label = "+cmd|' /C calc'!A0" },
]
"""


@pytest.fixture
def guarded_ledger(run, ledger_dir):
    with (ledger_dir / "fzlog.toml").open("a", encoding="utf-8") as fh:
        fh.write(KIND_WITH_FORMULA_LABEL)
    for i, value in enumerate(FORMULAS):
        r = run("add", "volunteer", "-t", f"活动{i}", "-d", "2024-03-01", "-s", f"topic={value}", "-s", "hours=1")
        assert r.exit_code == 0, r.output
    return ledger_dir


def test_xlsx_headers_and_cells_from_configuration_and_records_are_text(run, guarded_ledger):
    from openpyxl import load_workbook

    r = run("export", "2024", "-o", "x.xlsx")
    assert r.exit_code == 0, r.output
    ws = load_workbook("x.xlsx")["志愿服务"]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    headers = [c.value for c in ws[1]]
    assert any(str(h).startswith("=SUM(1,1)") for h in headers)


def test_csv_guards_every_header_and_cell_including_tab_and_cr(run, guarded_ledger):
    r = run("export", "2024", "-o", "x.csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO((guarded_ledger.parent / "x.csv").read_text("utf-8-sig"), newline="")))
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", (row, cell)
    assert any(h.startswith("'=SUM(1,1)") for h in rows[0])


def test_guarded_csv_imports_back_to_the_same_values(run, guarded_ledger, tmp_path):
    assert run("export", "2024", "-o", "x.csv").exit_code == 0
    other = tmp_path / "other"
    assert run("init", str(other), "--org", "x").exit_code == 0
    with (other / "fzlog.toml").open("a", encoding="utf-8") as fh:
        fh.write(KIND_WITH_FORMULA_LABEL)
    r = run("--ledger", str(other), "import", "x.csv", "--yes")
    assert r.exit_code == 0, r.output
    import json

    listed = json.loads(run("--ledger", str(other), "list", "2024", "--json").stdout)
    assert sorted(x["fields"]["topic"] for x in listed) == sorted(v.strip() for v in FORMULAS)  # (import strips)


@pytest.mark.parametrize(
    "s,want", [("=1", "'=1"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=1", "a=1"), ("'=1", "''=1"), ("", "")]
)
def test_guard_formula(s, want):
    assert outtext.guard_formula(s) == want


def test_one_display_width():
    assert outtext.display_width("中文ab") == 6
    assert outtext.display_width("ab\n中文中") == 6
    assert outtext.display_width("e\u0301") == 1


# control characters on the way out ------------------------------------------------------------
BAD = "标题\x01\x0b\x1b\x00\x7f\uffff结束"


def _hostile_record() -> Record:
    """A record with characters no reader lets through: as an older fzlog might have written."""
    return Record(kind="study", date=dt.date(2024, 3, 1), title=BAD, note=BAD, id="2024-03-01/study-0001")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_replaces_control_characters_with_visible_marks_and_counts_them(fmt):
    shown = outtext.Visible()
    data = exporter.render(fmt, [_hostile_record()], REG, shown=shown)
    assert data and shown.replaced == 12
    if fmt == "csv":
        assert "标题␁␋␛␀␡�结束" in data.decode("utf-8-sig")


def test_word_report_never_crashes_on_control_characters():
    from fzlog.report import docx
    from fzlog.report.model import Document, Paragraph, Table

    doc = Document(
        title=BAD,
        body=(Paragraph(BAD), Table(("列",), ((BAD,), ("=SUM(1,1)",)))),
        signature=BAD,
        date=dt.date(2025, 1, 1),
    )
    data = docx.render(doc)
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "␁" in xml and "'=SUM(1,1)" in xml


# Markdown -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title", ["学习\n## 注入的标题", "<script>alert(1)</script>", "# 开头", "- 列表", "a | b", "[链接](http://x)"]
)
def test_markdown_report_keeps_record_text_literal(run, ledger_dir, title):
    r = run("add", "study", "-t", title, "-d", "2024-03-01", "-s", "participants=5")
    assert r.exit_code == 0, r.output
    r = run("report", "2024", "--date", "2025-01-10")
    assert r.exit_code == 0, r.output
    lines = r.stdout.split("\n")
    assert not any(line.startswith("## 注入") for line in lines)
    assert "<script>" not in r.stdout
    assert not any(line.startswith(("# 开头", "- 列表")) for line in lines)
    assert "[链接](http://x)" not in r.stdout


@pytest.mark.parametrize("s", ["## x", "<b>", "a\nb", "* x", "1. x", "`x`", "a|b", "&lt;"])
def test_escape_md_leaves_no_markup(s):
    out = outtext.escape_md(s)
    assert "\n" not in out and "<b>" not in out and not out.startswith(("#", "*", "1.", "`"))
