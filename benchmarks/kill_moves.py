#!/usr/bin/env python3
"""kill -9 during date moves (issue 13, defect 6) — a stress run, not part of the test suite.

Two records on one day share an evidence file; the second is moved to another day and back with
``fzlog edit`` again and again, each run killed (SIGKILL) 0-4 ms after its move's journal appeared. After each kill,
``fzlog validate`` runs (which recovers) and the ledger must hold exactly two records, every
evidence reference must find its file, and no editor file may be left in the system temp folder.

    python benchmarks/kill_moves.py -n 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOGGLE = r"""
import os, sys
p = sys.argv[-1]; a, b = "2024-03-01", "2024-03-09"
t = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(t.replace(a, "\0").replace(b, a).replace("\0", b))
"""


def fz(root: Path, *args: str, env=None, **kw):
    return subprocess.Popen(
        [sys.executable, "-m", "fzlog", "--ledger", str(root), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


def out(root: Path, *args: str) -> tuple[int, str]:
    p = fz(root, *args)
    o, e = p.communicate(timeout=120)
    return p.returncode, o.decode() + e.decode()


def records(root: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "fzlog", "--ledger", str(root), "list", "2024", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fzlog-kill-"))
    root, systmp = work / "L", work / "tmp"
    systmp.mkdir()
    subprocess.run([sys.executable, "-m", "fzlog", "init", str(root), "--org", "x"], check=True, capture_output=True)
    (work / "p.jpg").write_bytes(b"photo")
    (work / "t.py").write_text(TOGGLE, encoding="utf-8")
    for title in ("甲", "乙"):
        assert out(root, "add", "study", "-t", title, "-d", "2024-03-01", "--attach", str(work / "p.jpg"))[0] == 0
    env = {**os.environ, "EDITOR": f'"{sys.executable}" "{work / "t.py"}"', "TMPDIR": str(systmp)}
    env.pop("VISUAL", None)
    outcomes: dict[str, int] = {}
    for i in range(args.n):
        target = next(r for r in records(root) if r["title"] == "乙")
        p = fz(root, "edit", target["id"], env=env)
        moves = root / ".fzlog-tmp" / "moves"
        while p.poll() is None and not (moves.is_dir() and any(moves.iterdir())):
            time.sleep(0.0005)  # the move has begun once its journal is there
        time.sleep(rnd.uniform(0, 0.004))  # then a kill at any point of it (or after it)
        p.send_signal(signal.SIGKILL)
        p.wait()
        rc, said = out(root, "validate", "--json")
        key = (
            "recovery finished the move"
            if "已完成一次中断" in said
            else "recovery undid the move"
            if "已撤销一次中断" in said
            else "the move was done before the kill"
            if p.returncode == 0 or next(r for r in records(root) if r["title"] == "乙")["date"] != target["date"]
            else "killed before the move"
        )
        outcomes[key] = outcomes.get(key, 0) + 1
        recs = records(root)
        report = json.loads(out(root, "validate", "--json")[1])
        bad = [w for w in report["warnings"] + report["errors"] if w["code"].startswith("evidence")]
        if sorted(r["title"] for r in recs) != ["乙", "甲"] or bad or report["errors"] or list(systmp.iterdir()):
            print(f"run {i}: FAILED", recs, bad, report["errors"], list(systmp.iterdir()))
            return 1
    print(
        f"{args.n} kills: every time 2 records, no dangling evidence, nothing in the system temp; "
        + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
