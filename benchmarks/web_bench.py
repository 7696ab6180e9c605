"""Server time per page of the web workbench (``fzlog serve``), on the sample ledger and on a
generated large ledger (the one ``benchmarks/bench.py`` makes, reused when present).

Each page is requested once to warm the record cache (``.fzlog-cache/``), then ``--repeats``
times through Flask's test client; the median time the application took is reported (no
network, no browser: what the server spends). The figures are reported, not asserted: the issue
asks for every page under 200 ms on the sample and under 1 s on 100,000 records, warm.

    python benchmarks/web_bench.py                 # sample + 100,000 records
    python benchmarks/web_bench.py -n 20000 -r 3   # a smaller large ledger
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from fzlog.web import create_app  # noqa: E402


def pages(year: int, rid: str) -> list[str]:
    return [
        "/",
        f"/?year={year}",
        f"/records?period={year}",
        f"/records?period={year}&kind=publicity&q=宪法",
        f"/records/{rid}",
        "/records/new?kind=publicity",
        f"/records/{rid}/edit",
        f"/check/{year}",
        f"/report/{year}",
        f"/report/{year}.md",
        f"/report/{year}.docx",
        "/import",
        f"/api/summary?period={year}",
        f"/api/records?period={year}-Q4",
    ]


def measure(root: Path, year: int, repeats: int) -> list[tuple[str, float, float, int]]:
    from fzlog.store.ledger import Ledger

    rid = Ledger(root).load(__import__("fzlog.period", fromlist=["year"]).year(year)).records[0].id
    client = create_app([root]).test_client()
    rows = []
    for url in pages(year, rid):
        first = time.perf_counter()
        r = client.get(url)
        cold = time.perf_counter() - first
        assert r.status_code == 200, (url, r.status_code)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append(time.perf_counter() - t0)
        rows.append((url, cold * 1000, statistics.median(times) * 1000, len(r.data)))
    return rows


def show(title: str, rows, limit_ms: float) -> None:
    print(f"\n{title}")
    print(f"{'page':<48} {'first ms':>9} {'warm ms':>9} {'bytes':>9}  (target < {limit_ms:.0f} ms warm)")
    for url, cold, warm, size in rows:
        flag = "" if warm < limit_ms else "  over"
        print(f"{url:<48} {cold:9.1f} {warm:9.1f} {size:9d}{flag}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--records", type=int, default=100_000, help="records in the large ledger (100,000)")
    ap.add_argument("-r", "--repeats", type=int, default=5, help="warm requests per page (median reported)")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "out", help="where generated ledgers go")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--no-large", action="store_true", help="the sample ledger only")
    args = ap.parse_args()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        shutil.copytree(REPO / "data", sample, ignore=shutil.ignore_patterns(".fzlog-cache"))
        show("sample ledger (data/)", measure(sample, 2024, args.repeats), 200)
    if not args.no_large:
        from bench import ensure_ledger

        root, _, _ = ensure_ledger(
            args.out.resolve(), f"ledger-{args.records}", args.records, 2015, 2024, args.seed, False
        )
        show(
            f"{args.records:,} records (10,000 a year)" if args.records == 100_000 else f"{args.records:,} records",
            measure(root, 2024, args.repeats),
            1000,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
