"""A seeded fuzz of hostile ledgers (issue 13, "Also"): random bytes, special files, symbolic links
in every position (out of the ledger, back into it, dangling, looping), misplaced and oddly named
record files. Every reading command must end without a traceback, within a timeout, and never
count a record that lies outside the ledger. FZLOG_FUZZ=N runs N ledgers (default 1; more for a slow run).

(Huge numbers and control characters in values are the intake limits' to bound; not fuzzed here.)
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = (["summary", "2024", "--json"], ["list", "2024"], ["validate"], ["check", "2024"],
            ["report", "2024"], ["export", "2024", "-o", "out.csv", "--force"], ["show", "0001"])
GOOD = 'kind = "study"\ndate = {day}\ntitle = "学习"\nparticipants = {n}\n'
OUTSIDE_N = 777_777


def _hostile_ledger(root: Path, outside: Path, seed: int) -> int:
    """A ledger at ``root`` made hostile by ``seed``; returns the participants it really holds."""
    r = random.Random(seed)
    subprocess.run([sys.executable, "-m", "fzlog", "init", str(root), "--org", "x"], check=True, capture_output=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "study-0999.toml").write_text(GOOD.format(day="2024-03-01", n=OUTSIDE_N), "utf-8")
    (outside / "2024-03-02").mkdir(exist_ok=True)
    (outside / "2024-03-02" / "study-0998.toml").write_text(GOOD.format(day="2024-03-02", n=OUTSIDE_N), "utf-8")
    total = 0
    folders = [root, root / "2024", root / "2024" / "2024-03-01", root / "2024" / "2024-3-1",
               root / "2024" / "2024-03-01" / "sub", root / "2023" / "2024-03-01", root / "0000" / "0000-01-01"]
    for k in range(r.randint(5, 25)):
        folder = r.choice(folders)
        folder.mkdir(parents=True, exist_ok=True)
        name = r.choice([f"study-{k:04x}.toml", f"study-{k:04x}.TOML", f".study-{k:04x}.toml", f"x{k}.txt",
                         f"study-{k:04x}.toml.1.ab.tmp"])
        path = folder / name
        what = r.choice(["good", "bytes", "fifo", "link-out", "link-in", "dangling", "loop", "dir-link-out"])
        try:
            if what == "good":
                path.write_text(GOOD.format(day="2024-03-01", n=k + 1), "utf-8")
                if folder == root / "2024" / "2024-03-01" and name.endswith(".toml") and not name.startswith("."):
                    total += k + 1
            elif what == "bytes":
                path.write_bytes(r.randbytes(r.randint(0, 300)))
            elif what == "fifo" and hasattr(os, "mkfifo"):
                os.mkfifo(path)
            elif what == "link-out":
                os.symlink(outside / "study-0999.toml", path)
            elif what == "link-in":
                os.symlink(root / "fzlog.toml", path)
            elif what == "dangling":
                os.symlink(root / "nowhere.toml", path)
            elif what == "loop":
                os.symlink(path.name, path)
            elif what == "dir-link-out":
                os.symlink(outside / "2024-03-02", folder / "2024-03-02")
        except (FileExistsError, NotImplementedError, OSError):
            pass
    return total


@pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs")
@pytest.mark.parametrize("seed", range(int(os.environ.get("FZLOG_FUZZ", "1"))))
def test_hostile_ledgers_never_crash_hang_or_count_outside(tmp_path, seed):
    root = tmp_path / "L"
    total = _hostile_ledger(root, tmp_path / "outside", seed)
    for args in COMMANDS:
        p = subprocess.run([sys.executable, "-m", "fzlog", "--ledger", str(root), *args], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
        assert "Traceback" not in p.stderr, (seed, args, p.stderr)
        assert p.returncode in (0, 1, 2), (seed, args, p.returncode)
        if args[0] == "summary":
            study = json.loads(p.stdout)["kinds"].get("study", {}).get("fields", {})
            assert study.get("participants", 0) == total, (seed, p.stderr)
