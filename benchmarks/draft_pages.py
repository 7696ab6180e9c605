#!/usr/bin/env python3
"""How long the drafted report is on a big year (issue 15): pages of the body plus appendix 1.

Generates an N-record ledger of one year with bench.py's generator, writes the Word draft with
``fzlog report``, drops everything from the 附件2 heading on (the ledger table, one row a record)
and has LibreOffice (``soffice --headless --convert-to pdf``) lay the rest out; prints the page
count from ``pdfinfo``. The goal: under 15 pages for 5,000 records.

    python benchmarks/draft_pages.py                 # 5,000 records of 2024
    python benchmarks/draft_pages.py -n 20000 --keep /tmp/pages
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cut_at_appendix_2(src: Path, dest: Path) -> bool:
    import docx

    document = docx.Document(str(src))
    body = document.element.body
    found = False
    for el in list(body.iterchildren()):
        if not found and el.tag.endswith("}p"):
            text = "".join(x.text or "" for x in el.iter() if x.tag.endswith("}t"))
            found = re.sub(r"\s", "", text).startswith("附件2")
        if found and not el.tag.endswith("}sectPr"):
            body.remove(el)
    document.save(str(dest))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--records", type=int, default=5000)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdfinfo"):
        print("needs LibreOffice (soffice) and pdfinfo (poppler-utils)", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="fzlog-pages-"))
    work.mkdir(parents=True, exist_ok=True)
    ledger = work / "ledger"
    subprocess.run(
        [
            sys.executable,
            str(HERE / "bench.py"),
            "--generate-into",
            str(ledger),
            "-n",
            str(args.records),
            "--seed",
            str(args.seed),
            "--years",
            f"{args.year}..{args.year}",
        ],
        check=True,
    )
    draft = work / "draft.docx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fzlog",
            "--ledger",
            str(ledger),
            "report",
            str(args.year),
            "--date",
            f"{args.year + 1}-02-28",
            "-o",
            str(draft),
            "--force",
        ],
        check=True,
    )
    short = work / "body-appendix1.docx"
    if not cut_at_appendix_2(draft, short):
        print("no 附件2 heading in the draft", file=sys.stderr)
        return 1
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            str(short),
            "--outdir",
            str(work),
        ],
        check=True,
        capture_output=True,
    )
    info = subprocess.run(["pdfinfo", str(work / "body-appendix1.pdf")], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])
    verdict = "PASS" if pages < 15 else "FAIL"
    print(f"{args.records:,} records of {args.year}: body + appendix 1 = {pages} pages ({verdict}, goal < 15)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if pages < 15 else 1


if __name__ == "__main__":
    sys.exit(main())
