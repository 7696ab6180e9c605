#!/usr/bin/env python3
"""Peak memory and time of ``fzlog import --dry-run`` on hostile and on the largest accepted
spreadsheets (issue 13, defect 15) — not part of the test suite.

Each file is made by tests/hostile_sheets.py in ``benchmarks/out/hostile/`` (git-ignored) and
imported by a fresh process under ``/usr/bin/time -v``; the table gives the exit code, the
wall time, the maximum resident set size and the first line of the message. Every import must
stay under 300 MB and none may print a traceback.

    python benchmarks/hostile_import.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile_sheets as h  # noqa: E402  (after the path to the checkout is set)

OUT = ROOT / "benchmarks" / "out" / "hostile"
LIMIT_KB = 300 * 1024


def _compact_rows(path: Path, rows: int) -> Path:
    """A million short rows: small enough to pass the size limits, stopped by the row limit."""
    return h.write_xlsx(
        path,
        h._sheet(
            [h.HEADER_ROW, *(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, rows + 2))],
            dimension=f"A1:A{rows + 1}",
        ),
    )


def _shared_strings(path: Path, strings: int, rows: int) -> Path:
    def sst():
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        )
        for i in range(strings):
            yield f"<si><t>{i}</t></si>"
        yield "</sst>"

    def sheet_rows():
        yield h.HEADER_ROW
        for n in range(2, rows + 2):
            cells = f'<c r="A{n}" t="inlineStr"><is><t>2024-03-01</t></is></c>' + "".join(
                f'<c r="{chr(65 + i)}{n}" t="s"><v>{(n * 20 + i) % strings}</v></c>' for i in range(1, 20)
            )
            yield f'<row r="{n}">{cells}</row>'

    return h.write_xlsx(path, h._sheet(sheet_rows(), dimension=f"A1:T{rows + 1}"), sst())


def _largest_xlsx(path: Path) -> Path:
    def sheet_rows():
        head = "".join(
            f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{("日期", "标题")[i] if i < 2 else f"列{i}"}</t></is></c>'
            for i in range(20)
        )
        yield f'<row r="1">{head}</row>'
        for n in range(2, 50_001):
            cells = f'<c r="A{n}" t="inlineStr"><is><t>2024-03-01</t></is></c>' + "".join(
                f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>法治宣传活动内容法治宣传{n}{i}</t></is></c>'
                for i in range(1, 20)
            )
            yield f'<row r="{n}">{cells}</row>'

    return h.write_xlsx(path, h._sheet(sheet_rows(), dimension="A1:T50000"))


def _largest_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("日期,标题," + ",".join(f"列{i}" for i in range(2, 20)) + "\n")
        for n in range(49_999):
            fh.write("2024-03-01," + ",".join(f"法治宣传活动内容法治宣传{n}{i}" for i in range(1, 20)) + "\n")
    return path


CASES = {
    "zip bomb (1.5 GB shared string)": ("bomb.xlsx", h.zip_bomb),
    "one cell at XFD1048576": ("far.xlsx", h.far_cell),
    "1,048,575 rows (142 MB sheet XML)": ("rows.xlsx", h.many_rows),
    "1,000,000 short rows (39 MB sheet XML)": ("compact.xlsx", lambda p: _compact_rows(p, 1_000_000)),
    "billion laughs": ("lol.xlsx", h.billion_laughs),
    "external entity (XXE)": ("xxe.xlsx", h.external_entity),
    "truncated XML": ("trunc.xlsx", h.truncated),
    "<v>abc</v> in a number cell": ("abc.xlsx", h.text_in_number),
    "CSV, 50 M fields on one line (49 MB)": ("fields.csv", h.huge_csv),
    "CSV, 100 M fields (98 MB)": ("fields100.csv", lambda p: h.huge_csv(p, 100_000_000)),
    "CSV, 1,000,000 rows": ("rows.csv", lambda p: h.many_rows_csv(p, 1_000_000)),
    "largest accepted CSV (49,999 rows x 20 columns)": ("largest.csv", _largest_csv),
    "largest accepted xlsx (49,999 rows x 20 text columns)": ("largest.xlsx", _largest_xlsx),
    "largest accepted xlsx strings (1.07 M shared strings, 1 M cells)": (
        "strings.xlsx",
        lambda p: _shared_strings(p, 1_070_000, 49_999),
    ),
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ledger = OUT / "ledger"
    if not (ledger / "fzlog.toml").exists():
        subprocess.run(
            [sys.executable, "-m", "fzlog", "init", str(ledger), "--org", "x"], check=True, capture_output=True
        )
    worst = 0
    print(f"{'case':58} {'exit':>4} {'seconds':>8} {'max RSS MB':>10}  message")
    for label, (name, make) in CASES.items():
        path = OUT / name
        if not path.exists():
            make(path)
        run = subprocess.run(
            [
                "/usr/bin/time",
                "-v",
                sys.executable,
                "-m",
                "fzlog",
                "--ledger",
                str(ledger),
                "import",
                str(path),
                "--kind",
                "study",
                "--dry-run",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)[1])
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", run.stderr)[1]
        minutes, _, seconds = wall.rpartition(":")
        secs = float(seconds) + 60 * float(minutes or 0)
        message = next(
            (line for line in run.stderr.splitlines() if line.startswith("错误")),
            run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "",
        )
        worst = max(worst, rss)
        assert "Traceback" not in run.stderr, run.stderr
        print(f"{label:58} {run.returncode:>4} {secs:>8.2f} {rss / 1024:>10.0f}  {message[:70]}")
    print(f"peak of all: {worst / 1024:.0f} MB ({'PASS' if worst < LIMIT_KB else 'FAIL'}: < 300 MB)")
    return 0 if worst < LIMIT_KB else 1


if __name__ == "__main__":
    sys.exit(main())
