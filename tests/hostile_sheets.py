"""Hostile spreadsheets, written byte by byte (issue 13, defect 15): zip bombs, a one-cell sheet
claiming XFD1048576, a million rows, billion laughs, external entities, truncated XML, text in a
number cell. Used by tests/cli/test_import_hardening.py (small sizes) and
benchmarks/hostile_import.py (the sizes of the issue)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c><c r="B1" t="inlineStr"><is><t>标题</t></is></c></row>'
)
EMPTY_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


def _row(n: int) -> str:
    return (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>2024-03-01</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>活动{n}</t></is></c></row>'
    )


def write_xlsx(
    path: Path,
    sheet_parts: Iterable[str],
    strings: Iterable[str] = (EMPTY_STRINGS,),
    extra: dict[str, str] | None = None,
) -> Path:
    """A minimal workbook whose sheet XML and shared strings are the given pieces, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, text in (extra or {}).items():
            zf.writestr(name, text)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            for piece in strings:
                part.write(piece.encode())
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for piece in sheet_parts:
                part.write(piece.encode())
    return path


def _sheet(rows: Iterable[str], dimension: str = "A1:B2") -> Iterator[str]:
    yield SHEET_HEAD + f'<dimension ref="{dimension}"/><sheetData>'
    yield from rows
    yield "</sheetData></worksheet>"


def zip_bomb(path: Path, size: int = 1500 * 1024 * 1024) -> Path:
    """One shared string of ``size`` characters (1.5 GB: a 1.5 MB file)."""

    def strings() -> Iterator[str]:
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        )
        block = "A" * (1024 * 1024)
        for _ in range(size // len(block)):
            yield block
        yield "</t></si></sst>"

    return write_xlsx(path, _sheet([HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']), strings())


def far_cell(path: Path) -> Path:
    """One cell at XFD1048576, with a dimension claiming the whole grid (1.6 KB)."""
    return write_xlsx(
        path, _sheet([HEADER_ROW, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'], dimension="A1:XFD1048576")
    )


def many_rows(path: Path, rows: int = 1_048_575) -> Path:
    return write_xlsx(path, _sheet([HEADER_ROW, *(_row(n) for n in range(2, rows + 2))], dimension=f"A1:B{rows + 1}"))


def billion_laughs(path: Path) -> Path:
    lol = ['<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">']
    lol += [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    lol.append(
        ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return write_xlsx(path, ["".join(lol)])


def external_entity(path: Path) -> Path:
    xxe = (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
    )
    return write_xlsx(path, [xxe])


def truncated(path: Path) -> Path:
    return write_xlsx(path, [SHEET_HEAD + "<sheetData>" + HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>20'])


def text_in_number(path: Path) -> Path:
    return write_xlsx(path, _sheet([HEADER_ROW, '<row r="2"><c r="A2" t="n"><v>abc</v></c></row>']))


def huge_csv(path: Path, fields: int = 50_000_000) -> Path:
    """One line of ``fields`` empty fields (100 MB for 50 million)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("日期,标题\n")
        block = "," * (1024 * 1024)
        for _ in range(fields // len(block)):
            fh.write(block)
        fh.write("\n")
    return path


def many_rows_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("日期,标题\n")
        for n in range(rows):
            fh.write(f"2024-03-01,活动{n}\n")
    return path
