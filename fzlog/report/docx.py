"""The report as a Word file laid out as an official document (GB/T 9704-2012 党政机关公文格式).

- A4; margins top 37 mm (天头), bottom 35 mm, left 28 mm (订口), right 26 mm: a 156 × 225 mm
  版心.
- 22 lines a page, 28 characters a line (GB/T 9704-2012 7.1 “一般每面排22行，每行排28个字”):
  225 mm = 637.8 pt, / 22 = 28.99 pt, so every body line is set at a fixed 28.95 pt (579 twips,
  the figure official templates use; 23 lines would need 665.9 pt). 156 mm = 442.2 pt holds 27
  三号 (16 pt) characters; set 0.3 pt closer (15.7 pt) 28 fit (439.6 pt, 29 would not), with a
  little room for a line-end “，” (at 0.25 pt LibreOffice hangs such a comma into the margin and
  does not print it). No snapping document grid (w:docGrid linesAndChars): LibreOffice spreads the
  characters of such a grid over two cells each; the fixed line spacing and the character spacing
  give the same page in Word, WPS and LibreOffice. (report.md's “28–29 lines a page” is GB/T
  9704's 28 characters a line.)
- Title 方正小标宋简体 二号 (22 pt) centred; body 仿宋_GB2312 三号 (16 pt), first line indented
  two characters; 一级标题 “一、” 黑体, 二级标题 “（一）” 楷体_GB2312, both 三号 and in the body's
  indent; third-level items “1.” in the body font.
- Page numbers 宋体 四号 (14 pt), half-width digits between 一字线: “— 1 —”, a PAGE field; odd
  pages at the right, even pages at the left, one character in from the edge of the 版心, the
  line about 7 mm below the 版心 (footer distance 25.5 mm).
- 附件说明 after the closing, 署名 and 成文日期 (7.3.5.2, 不加盖印章): 署名 two characters in from
  the right, the date's first character two characters right of the 署名's.
- Appendices on new pages: “附件1” 黑体 at the top left, the title 小标宋 centred on the third
  line, then the table (仿宋 五号, header row repeated on each page).

Fonts are set on every run with ``w:rFonts`` ``w:eastAsia`` (the Chinese font), ``w:ascii`` /
``w:hAnsi`` (Times New Roman, for digits and Latin letters, as official templates do) and
``w:hint="eastAsia"`` (so “”、— use the Chinese font), so Word and WPS show them; where the fonts
are missing the reader substitutes its own.

python-docx is imported here only, when a Word file is asked for.
"""

from __future__ import annotations

import io

from fzlog.outtext import display_width, guard_formula, visible
from fzlog.report.model import (
    PLACEHOLDER,
    Appendix,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"

SIZE_TITLE = 22  # 二号
SIZE_BODY = 16  # 三号
SIZE_PAGE_NUMBER = 14  # 四号
SIZE_TABLE = 10.5  # 五号

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH_PT = 28.95
CHAR_SQUEEZE = -6  # twentieths of a point: 三号 characters 0.3 pt closer, so 28 fit a 156 mm line
FOOTER_DISTANCE_MM = 25.5
TWIPS_PER_CHAR = SIZE_BODY * 20  # a 三号 character, for indents in characters

# w:pPr children that come after w:snapToGrid (schema order).
_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


# w:rPr children that come after w:spacing (schema order).
_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def render(doc: Document) -> bytes:
    """The .docx file's bytes."""
    from docx import Document as new_document

    word = new_document()
    _page_setup(word)
    _defaults(word)
    _title(word, doc.title, doc.signature)
    word.add_paragraph()  # 标题下空一行
    for block in doc.body:
        _block(word, block)
    _appendix_note(word, doc.appendices)
    _signature(word, doc.signature, doc.date_text)
    for appendix in doc.appendices:
        _appendix(word, appendix)
    props = word.core_properties
    props.title = visible(doc.title)
    props.author = visible(doc.signature)
    props.last_modified_by = visible(doc.signature)
    props.comments = "fzlog report 根据工作台账生成的草稿"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# page and defaults ---------------------------------------------------------------------------
def _page_setup(word) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for name in ("w:type", "w:charSpace"):  # no snapping grid: the fixed line spacing gives 22 lines
        grid.attrib.pop(qn(name), None)
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    word.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _defaults(word) -> None:
    """Document defaults and the Normal style: 仿宋_GB2312 三号, fixed 28.95 pt lines, Chinese."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = word.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, FONT_BODY)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    size = rpr.find(qn("w:sz"))
    if size is not None:  # text typed into the draft, and empty lines, in 三号
        size.set(qn("w:val"), str(SIZE_BODY * 2))
        rpr.find(qn("w:szCs")).set(qn("w:val"), str(SIZE_BODY * 2))
    _font_table(word)
    normal = word.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), FONT_BODY)
    normal.font.size = _pt(SIZE_BODY)
    _spacing(normal.paragraph_format)
    _heading_styles(word)
    _table_styles(word)


# 标题 1/2/3 as GB/T 9704 habits set them: 黑体, 楷体_GB2312, 仿宋_GB2312, all 三号, black, not bold.
HEADING_FONTS = {1: FONT_HEADING_1, 2: FONT_HEADING_2, 3: FONT_BODY}


def _heading_styles(word) -> None:
    from docx.shared import RGBColor

    for level, font in HEADING_FONTS.items():
        style = word.styles[f"Heading {level}"]
        _fonts(style.element.get_or_add_rPr(), font)
        style.font.size = _pt(SIZE_BODY)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _spacing(style.paragraph_format)


# The Chinese fonts, with the name a reader may use when it lacks them (Windows has 仿宋 and 楷体
# but not the _GB2312 versions), the GB2312 charset (86) and their PANOSE classes.
FONT_TABLE = (
    (FONT_BODY, "仿宋", "02010609030101010101", "modern", "fixed"),
    (FONT_HEADING_2, "楷体", "02010609030101010101", "modern", "fixed"),
    (FONT_HEADING_1, "SimHei", "02010609060101010101", "modern", "fixed"),
    (FONT_TITLE, "宋体", "02000000000000000000", "roman", "variable"),
    (FONT_PAGE_NUMBER, "SimSun", "02010600030101010101", "auto", "variable"),
)


def _font_table(word) -> None:
    """Declare the Chinese fonts in word/fontTable.xml so readers can substitute sensibly: the
    part is replaced by one with the fonts added (python-docx reads it as plain bytes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

    old = word.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(old.blob)
    for name, alt, panose, family, pitch in FONT_TABLE:
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
                f'<w:pitch w:val="{pitch}"/></w:font>'
            )
        )
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for r_id, rel in list(word.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            word.part.drop_rel(r_id)
    word.part.relate_to(Part(old.partname, old.content_type, blob, old.package), RT.FONT_TABLE)


def _pt(size):
    from docx.shared import Pt

    return Pt(size)


def _spacing(fmt, exact: float | None = LINE_PITCH_PT) -> None:
    from docx.enum.text import WD_LINE_SPACING

    fmt.space_before = _pt(0)
    fmt.space_after = _pt(0)
    if exact is None:
        fmt.line_spacing = 1.0
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = _pt(exact)


def _fonts(rpr, east_asian: str, latin: str = FONT_LATIN) -> None:
    """Set ``w:rFonts`` so every reader uses the Chinese font for Chinese text."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


# paragraphs ----------------------------------------------------------------------------------
def _paragraph(
    word_or_cell,
    *,
    align: str = "justify",
    first_line_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    exact: float | None = LINE_PITCH_PT,
    snap: bool = True,
    style: str | None = None,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = word_or_cell.add_paragraph()
    if style is not None:  # by the id python-docx gives the style (see _cell_style)
        p._p.style = style.replace(" ", "")
    fmt = p.paragraph_format
    fmt.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    _spacing(fmt, exact)
    pPr = p._p.get_or_add_pPr()
    if first_line_chars or left_chars or right_chars:
        ind = pPr.get_or_add_ind()
        for name, chars in (("firstLine", first_line_chars), ("left", left_chars), ("right", right_chars)):
            if chars:  # both: characters for Word/WPS, twips for readers without character units
                ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
                ind.set(qn(f"w:{name}"), str(round(chars * TWIPS_PER_CHAR)))
    if not snap:
        el = OxmlElement("w:snapToGrid")
        el.set(qn("w:val"), "0")
        pPr.insert_element_before(el, *_AFTER_SNAP)
    return p


def _run(p, text: str, font: str, size: float, *, bold: bool = False, highlight: bool = False):
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = p.add_run(visible(text))  # (Word cannot hold control characters: shown as ␁)
    rpr = run._r.get_or_add_rPr()
    _fonts(rpr, font)
    run.font.size = _pt(size)
    if size == SIZE_BODY:  # 28 characters a line
        squeeze = OxmlElement("w:spacing")
        squeeze.set(qn("w:val"), str(CHAR_SQUEEZE))
        rpr.insert_element_before(squeeze, *_AFTER_SPACING)
    if bold:
        run.font.bold = True
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _runs(p, text: str, font: str, size: float) -> None:
    """Text with its 【待补充】 placeholders highlighted, so the drafter cannot miss them."""
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > pos:
            _run(p, text[pos : m.start()], font, size)
        _run(p, m[0], font, size, highlight=True)
        pos = m.end()
    if pos < len(text):
        _run(p, text[pos:], font, size)


def title_lines(title: str, org: str) -> list[str]:
    """The title's lines: a title too long for one line of 二号 characters breaks after the
    机关名称 rather than wherever the line ends (“于田县科学技术局 / 2024年法治政府建设工作报告”)."""
    per_line = CHARS_PER_LINE * SIZE_BODY / SIZE_TITLE
    if _width(title) > per_line and org and title.startswith(org) and title != org:
        return [org, title[len(org) :]]
    return [title]


def _title(word, text: str, org: str) -> None:
    from docx.enum.text import WD_BREAK

    p = _paragraph(word, align="center")
    p.paragraph_format.keep_with_next = True
    run = None
    for line in title_lines(text, org):
        if run is not None:
            run.add_break(WD_BREAK.LINE)
        run = _run(p, line, FONT_TITLE, SIZE_TITLE)


def _block(word, block: Block) -> None:
    if isinstance(block, Heading):
        font = FONT_HEADING_1 if block.level == 1 else FONT_HEADING_2
        # Word's own heading styles (标题 1/2, restyled in _defaults): the navigation pane and a
        # table of contents find them
        p = _paragraph(word, first_line_chars=2, style=f"Heading {min(block.level, 3)}")
        p.paragraph_format.keep_with_next = True
        _run(p, block.full_text, font, SIZE_BODY)
    elif isinstance(block, Paragraph):
        p = _paragraph(word, first_line_chars=2)
        _runs(p, block.full_text, FONT_BODY, SIZE_BODY)
    elif isinstance(block, Table):
        _table(word, block)
    else:
        raise TypeError(block)


def _appendix_note(word, appendices: tuple[Appendix, ...]) -> None:
    """附件说明: 正文下空一行左空二字“附件：1. …”, later names aligned with the first."""
    if not appendices:
        return
    word.add_paragraph()
    for i, a in enumerate(appendices, 1):
        if i == 1:
            p = _paragraph(word, align="left", first_line_chars=2)
            _run(p, f"附件：{i}. {a.title}", FONT_BODY, SIZE_BODY)
        else:
            p = _paragraph(word, align="left", left_chars=5)
            _run(p, f"{i}. {a.title}", FONT_BODY, SIZE_BODY)


def _width(text: str) -> float:
    """A text's width in characters: full-width 1, half-width ½."""
    return display_width(text) / 2


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents in characters of 署名 and 成文日期 (GB/T 9704-2012 7.3.5.2): the 署名 two
    characters in from the right, the date's first character two right of the 署名's first; a date
    longer than the 署名 stands two characters in from the right and pushes the 署名 left."""
    sig, day = _width(signature), _width(date)
    if day <= sig:
        return 2.0, sig - day
    return 4 + day - sig, 2.0


def _signature(word, signature: str, date: str) -> None:
    word.add_paragraph()  # 正文（或附件说明）下空一行
    sig_right, date_right = signature_indents(signature, date)
    p = _paragraph(word, align="right", right_chars=sig_right)
    _run(p, signature, FONT_BODY, SIZE_BODY)
    p = _paragraph(word, align="right", right_chars=date_right)
    _run(p, date, FONT_BODY, SIZE_BODY)


def _page_number(p, *, odd: bool) -> None:
    """“— 1 —”: 宋体 四号, a PAGE field between 一字线, one character in at the outer edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fmt = p.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    _spacing(fmt, exact=None)
    fmt.first_line_indent = _pt(0)
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    side = "right" if odd else "left"
    ind.set(qn(f"w:{side}"), str(SIZE_PAGE_NUMBER * 20))
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")
    _run(p, "— ", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(p, "", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    _run(p, " —", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)


# appendices ----------------------------------------------------------------------------------
def _appendix(word, appendix: Appendix) -> None:
    from docx.enum.text import WD_BREAK

    p = _paragraph(word, align="left")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.paragraph_format.keep_with_next = True
    _run(p, appendix.label, FONT_HEADING_1, SIZE_BODY)
    word.add_paragraph()
    p = _paragraph(word, align="center")  # 附件标题 on the 版心's third line
    p.paragraph_format.keep_with_next = True
    _run(p, appendix.title, FONT_TITLE, SIZE_TITLE)
    word.add_paragraph()
    for block in appendix.blocks:
        _block(word, block)


def _table(word, table: Table) -> None:
    """A table across the 版心, its header row repeated on every page and no row split across
    pages. The first body row is made empty with python-docx's own ``add_row`` (each cell its
    column's width, its paragraph's style and alignment); every row is a copy of it, filled in."""
    from copy import deepcopy

    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    total = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    weights = table.widths or (1,) * len(table.columns)
    widths = [Mm(total * w / sum(weights)) for w in weights]
    t = word.add_table(rows=1, cols=len(table.columns))
    t.style = word.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width  # the grid: add_row gives each new cell its column's width
    header = t.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cell, text, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        _cell_style(cell.paragraphs[0], FONT_HEADING_1, align="center")
        _fill(t, cell._tc, text, FONT_HEADING_1)
    _cant_split(header)
    if not table.rows:
        return
    blank = t.add_row()
    for i, cell in enumerate(blank.cells):
        _cell_style(cell.paragraphs[0], FONT_BODY, align="center" if i == 0 else "left")
    _cant_split(blank)
    tbl, empty = t._tbl, blank._tr
    tbl.remove(empty)
    for values in table.rows:
        tr = deepcopy(empty)
        tbl.append(tr)
        for tc, text in zip(tr.tc_lst, values, strict=False):
            _fill(t, tc, text, FONT_BODY)


def _cant_split(row) -> None:
    """A row stays on one page."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _cell_style(p, font: str, *, align: str) -> None:
    """A cell's paragraph in the table style (仿宋 or 黑体 五号, set once in _table_styles)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    # by the id python-docx gives the style: Paragraph.style looks the name up among all styles
    p._p.style = TABLE_STYLES[font].replace(" ", "")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT


def _fill(table, tc, text: str, font: str) -> None:
    """The lines of a cell (``tc``, of ``table``) whose one paragraph is styled and empty, each
    in a copy of it; placeholders highlighted."""
    from copy import deepcopy

    from docx.text.paragraph import Paragraph

    lines = guard_formula(text).split("\n")  # a table pasted into Excel must not run "=…"
    first = tc.p_lst[0]
    paragraphs = [first]
    for _ in lines[1:]:
        paragraphs.append(deepcopy(first))
        tc.append(paragraphs[-1])
    for p, line in zip(paragraphs, lines, strict=True):
        if PLACEHOLDER.search(line):
            _runs(Paragraph(p, table), line, font, SIZE_TABLE)
        else:
            Paragraph(p, table).add_run(visible(line))


# The paragraph styles of table cells, by their font.
TABLE_STYLES = {FONT_BODY: "fzlog 表格", FONT_HEADING_1: "fzlog 表头"}


def _table_styles(word) -> None:
    """Table text: 五号, single spaced, off the grid, in 仿宋 (cells) or 黑体 (header)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for font, name in TABLE_STYLES.items():
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = word.styles["Normal"]
        _fonts(style.element.get_or_add_rPr(), font)
        style.font.size = _pt(SIZE_TABLE)
        _spacing(style.paragraph_format, exact=None)
        ppr = style.element.get_or_add_pPr()
        el = OxmlElement("w:snapToGrid")
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, *_AFTER_SNAP)
