"""The Word file, opened back with python-docx: page, fonts (with w:eastAsia), sizes, spacing,
page numbers, figures and tables. (Rendering to PDF with LibreOffice is a manual check, not a test.)"""

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from fzlog.report.docx import signature_indents, title_lines  # noqa: E402
from tests.conftest import SAMPLE  # noqa: E402
from tests.report_fakes import fake_checks  # noqa: E402


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    from click.testing import CliRunner

    from fzlog.cli import cli

    out = tmp_path_factory.mktemp("docx") / "report.docx"
    mp = pytest.MonkeyPatch()
    mp.setattr("fzlog.report.checks.year_checks", fake_checks)
    try:
        r = CliRunner().invoke(cli, ["--ledger", str(SAMPLE), "report", "2024", "--date", "2025-02-28", "-o", str(out)])
    finally:
        mp.undo()
    assert r.exit_code == 0, r.output
    return docx.Document(str(out))


def fonts(run):
    f = run._r.rPr.rFonts
    return {k: f.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi", "hint")}


def para(word, start):
    found = [p for p in word.paragraphs if p.text.startswith(start)]
    assert found, start
    return found[0]


def close(a, b, tol=Mm(0.2)):
    return abs(a - b) <= tol


def test_page_a4_and_gb_margins(word):
    s = word.sections[0]
    assert close(s.page_width, Mm(210)) and close(s.page_height, Mm(297))
    assert close(s.top_margin, Mm(37)) and close(s.bottom_margin, Mm(35))
    assert close(s.left_margin, Mm(28)) and close(s.right_margin, Mm(26))
    assert s._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"


def test_title(word):
    title = word.paragraphs[0]
    assert title.text == "于田县科学技术局\n2024年法治政府建设工作报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        assert fonts(run)["eastAsia"] == "方正小标宋简体" and run.font.size == Pt(22)
    assert word.paragraphs[1].text == ""  # 标题下空一行


def test_body_font_size_indent_and_fixed_line_spacing(word):
    p = para(word, "2024年，在县委、政府的坚强领导下")
    fmt = p.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(28.95)
    assert p._p.pPr.ind.get(qn("w:firstLineChars")) == "200" and fmt.first_line_indent == Pt(32)
    run = p.runs[0]
    assert fonts(run) == {
        "eastAsia": "仿宋_GB2312",
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "hint": "eastAsia",
    }
    assert run.font.size == Pt(16)
    pitch = 16 + int(run._r.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20  # pt per character
    line = Mm(156).pt
    assert 28 * pitch <= line < 29 * pitch  # 28 characters a line (GB/T 9704-2012 7.1)
    normal = word.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.font.size == Pt(16)


def test_font_table_names_substitutes(word):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    xml = word.part.part_related_by(RT.FONT_TABLE).blob.decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in xml
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in xml


def test_headings_use_words_heading_styles(word):
    """标题 1/2 (Heading 1/2): Word's navigation pane and a table of contents find them; the styles
    themselves are 黑体 / 楷体_GB2312 三号, black, not bold."""
    h1 = para(word, "一、2024年法治政府建设情况")
    assert fonts(h1.runs[0])["eastAsia"] == "黑体" and h1.runs[0].font.size == Pt(16)
    assert h1.style.name == "Heading 1"
    h2 = para(word, "（一）加强学法用法，提升法治素养")
    assert fonts(h2.runs[0])["eastAsia"] == "楷体_GB2312" and h2.style.name == "Heading 2"
    for level, font in ((1, "黑体"), (2, "楷体_GB2312")):
        style = word.styles[f"Heading {level}"]
        assert style.element.rPr.rFonts.get(qn("w:eastAsia")) == font
        assert style.font.size == Pt(16) and style.font.bold is False and str(style.font.color.rgb) == "000000"
    assert [p.style.name for p in word.paragraphs].count("Heading 1") == 4


def test_seed_figures_in_the_body(word):
    text = "\n".join(p.text for p in word.paragraphs)
    for figure in (
        "全年组织集中学习12次",
        "专题研讨4次",
        "走访调研企业22家/次",
        "协调解决问题6个",
        "共开展各类法治宣传活动12场/次",
        "发放宣传资料2030份",
        "接受群众咨询312人/次",
        "通过法治宣传栏发布政策解读信息4条",
        "2020年至今，共制定规范性文件1件",
        "召开法治建设专题会议1次",
    ):
        assert figure in text, figure


def test_placeholders_are_highlighted(word):
    runs = [r for p in word.paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert runs and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)


def test_signature_and_attachment_note(word):
    paragraphs = word.paragraphs
    i = [k for k, p in enumerate(paragraphs) if p.text == "于田县科学技术局"][0]
    sig, date = paragraphs[i], paragraphs[i + 1]
    assert date.text == "2025年2月28日"
    assert sig.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert sig._p.pPr.ind.get(qn("w:rightChars")) == "200" and date._p.pPr.ind.get(qn("w:rightChars")) == "150"
    assert paragraphs[i - 1].text == ""
    assert para(word, "附件：1. 2024年法治政府建设指标核对表") is not None
    assert para(word, "2. 2024年法治政府建设工作台账")._p.pPr.ind.get(qn("w:leftChars")) == "500"


def test_page_numbers_in_footers(word):
    assert word.settings.odd_and_even_pages_header_footer
    s = word.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.replace(" ", "") == "—1—"
        assert all(fonts(r)["eastAsia"] == "宋体" and r.font.size == Pt(14) for r in p.runs)


def test_appendix_tables(word):
    check, ledger = word.tables
    assert [c.text for c in check.rows[0].cells] == ["序号", "指标", "依据", "结果", "佐证记录"]
    assert check.rows[2].cells[1].text == "主要负责人主持召开法治建设专题会议（听取汇报）"
    assert check.rows[2].cells[4].text == "2024-02-22/meeting-9e7a"
    assert [c.text for c in ledger.rows[0].cells] == ["序号", "日期", "类型", "标题", "主要数据", "记录编号"]
    assert len(ledger.rows) == 1 + 60
    rows = {r.cells[5].text: r for r in ledger.rows[1:]}
    assert rows["2024-12-04/publicity-c44c"].cells[4].text == "发放宣传资料300份；接受群众咨询45人/次"
    cell = ledger.rows[1].cells[3].paragraphs[0]
    assert cell.style.name == "fzlog 表格"
    assert cell.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and cell.style.font.size == Pt(10.5)
    assert ledger.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert para(word, "附件2").runs[-1].text == "附件2"


def test_title_breaks_after_the_org_only_when_too_long():
    assert title_lines("于田县科学技术局2024年法治政府建设工作报告", "于田县科学技术局") == [
        "于田县科学技术局",
        "2024年法治政府建设工作报告",
    ]
    assert title_lines("某局2024年法治政府建设工作报告", "某局") == ["某局2024年法治政府建设工作报告"]


def test_signature_indents_follow_gb9704():
    # 署名 8 characters, date 6.5: 署名 2 in from the right, the date starting 2 right of it
    assert signature_indents("于田县科学技术局", "2025年2月28日") == (2.0, 1.5)
    # a date longer than 署名 − 2: the date keeps 2, the 署名 moves left
    assert signature_indents("某局", "2025年12月28日") == (4 + 7 - 2, 2.0)


def test_a_long_table_keeps_its_rows_escapes_and_placeholders():
    import datetime as dt
    import io

    from docx.enum.text import WD_COLOR_INDEX

    from fzlog.report import docx as render_docx
    from fzlog.report.model import Appendix, Document, Paragraph, Table

    rows = tuple(
        (
            str(i),
            "2024-03-01",
            "集中学习",
            f"学习<宪法> & “民法典” {i}",
            "参加 20 人\n时长 2 小时",
            "【待补充】" if i % 7 == 0 else f"2024-03-01/study-{i:04x}",
        )
        for i in range(1, 41)
    )
    doc = Document(
        "某局2024年法治政府建设工作报告",
        (Paragraph("正文【待补充】。"),),
        "某局",
        dt.date(2025, 2, 28),
        (
            Appendix(
                1,
                "工作台账",
                (Table(("序号", "日期", "类型", "标题", "主要数据", "记录编号"), rows, (1, 2, 2, 4, 4, 3)),),
            ),
            Appendix(2, "另表", (Table(("a", "b"), (("1", "2"),)),)),
        ),
    )
    word = docx.Document(io.BytesIO(render_docx.render(doc)))
    table = word.tables[0]
    assert len(table.rows) == 41 and len(word.tables[1].rows) == 2
    assert [c.text for c in table.rows[40].cells][3] == "学习<宪法> & “民法典” 40"
    assert [p.text for p in table.rows[1].cells[4].paragraphs] == ["参加 20 人", "时长 2 小时"]
    assert table.rows[7].cells[5].paragraphs[0].runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
