#!/usr/bin/env python3
"""Where a first read (no cache) of a large ledger spends its time, stage by stage, in one process.

``fzlog summary`` with no cache walks the ledger, opens and reads every record file, decodes and
parses it, checks it against the kinds, makes its Record, tallies it and writes the cache. This
script times each stage on its own over the same files (CPU time of this process, best of
``--repeats``), then reading each file as the cache does, ``Ledger.tallies`` with the cache
off, and the whole cold ``Ledger.tallies`` as the command runs it, and prints each in microseconds
per record: what a cold read costs at the least, and what goes on around the stages. Run it on the ledger ``benchmarks/bench.py`` generates (it is not part of the test suite):

    python benchmarks/bench.py -n 100000 --no-bureau -r 1      # makes benchmarks/out/ledger-100000
    python benchmarks/cold_stages.py benchmarks/out/ledger-100000
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fzlog import fasttoml, tally  # noqa: E402
from fzlog.store import fsio, layout  # noqa: E402
from fzlog.store.ledger import Ledger  # noqa: E402


def best(repeats: int, run) -> float:
    """The least CPU time of ``repeats`` runs of ``run()`` (the garbage collector paused, as a
    bulk load pauses it)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
        gc.enable()
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ledger", type=Path, help="a ledger (the folder holding fzlog.toml)")
    ap.add_argument("-r", "--repeats", type=int, default=3)
    args = ap.parse_args()
    lg = Ledger(args.ledger)
    reg = lg.registry
    days = layout.days(lg.root)[0]
    files = [(d.path / name, d.name) for d in days for name in d.files]
    n = len(files)
    if not n:
        print("no record files", file=sys.stderr)
        return 2
    texts = [fsio.read_text(path)[0] or "" for path, _ in files]
    records = [
        r for r in (lg.check_text(p, x, [], day)[0] for (p, day), x in zip(files, texts, strict=True)) if r is not None
    ]

    def read_each() -> None:
        for path, day in files:
            lg.read_in(path, day)

    def uncached() -> None:
        os.environ["FZLOG_NO_CACHE"] = "1"
        try:
            Ledger(args.ledger).tallies(None)
        finally:
            del os.environ["FZLOG_NO_CACHE"]

    def cold() -> None:
        shutil.rmtree(lg.root / layout.CACHE_DIR, ignore_errors=True)
        Ledger(args.ledger).tallies(None)

    stages = [
        ("walk the ledger (layout.days)", lambda: layout.days(lg.root)),
        ("open, fstat, read, close each file", lambda: [fsio.read_bytes_stat(p, 1 << 20) for p, _ in files]),
        (
            "parse and check each text, make its Record",
            lambda: [lg.check_text(p, x, [], day) for (p, day), x in zip(files, texts, strict=True)],
        ),
        ("tally partials of the records", lambda: tally.partials(records, reg)),
    ]
    wholes = [
        ("  of the parse: the TOML alone (fasttoml.loads)", lambda: [fasttoml.loads(x) for x in texts]),
        ("each file as the cache reads it (read_in)", read_each),
        ("Ledger.tallies with no cache (FZLOG_NO_CACHE=1)", uncached),
        ("Ledger.tallies, cold: the cache written", cold),
    ]
    print(f"{n:,} record files in {args.ledger}; CPU time, best of {args.repeats}")
    total = 0.0
    for label, run in stages:
        seconds = best(args.repeats, run)
        total += seconds
        print(f"  {label:<50} {seconds:7.3f} s  {seconds / n * 1e6:6.1f} µs a record")
    print(f"  {'the stages added up':<50} {total:7.3f} s  {total / n * 1e6:6.1f} µs a record")
    for label, run in wholes:
        seconds = best(args.repeats, run)
        print(f"  {label:<50} {seconds:7.3f} s  {seconds / n * 1e6:6.1f} µs a record")
    print("  (the interpreter starting and importing fzlog comes on top: python -X importtime -m fzlog --help)")
    shutil.rmtree(lg.root / layout.CACHE_DIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
