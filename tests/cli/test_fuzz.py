"""Fuzzing every reading command with hostile ledgers (issue 13, "Also"): a seeded generator
writes random bytes, records with huge values and control characters, deep nesting, special
files and symlinks in every position; each reading command then runs in its own process under a
timeout. None may print a traceback, hang, or show anything read from outside the ledger (a
canary record lies next to it, reachable only through the symlinks).

A few examples a category run by default (CI); ``pytest --slow`` runs many more.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from fzlog import record
from fzlog.kinds import default_registry

REG = default_registry()
CANARY = "CANARY-OUTSIDE-THE-LEDGER"
COMMANDS = [
    ["validate"], ["list", "2024", "--json"], ["summary", "2024", "--json"], ["show", "2024-03-01/study-0001"],
    ["check", "2024"], ["export", "2024", "-o", "{out}/x.xlsx", "--force"],
    ["export", "2024", "-o", "{out}/x.csv", "--force"], ["report", "2024", "-o", "{out}/r.docx", "--force"],
    ["report", "2024"],
]
TIMEOUT = 60
DAYS = [dt.date(2024, 3, 1) + dt.timedelta(days=i * 17) for i in range(8)]


def _good_text(rng: random.Random, day: dt.date) -> str:
    kind = rng.choice(["study", "publicity", "training", "normative-doc"])
    k = REG.get(kind)
    fields = {}
    for f in k.fields:
        if rng.random() < 0.5:
            fields[f.name] = {"int": rng.randint(0, 500), "float": round(rng.random() * 100, 2), "bool": rng.random() < .5,
                              "date": day, "list": ["甲", "乙"]}.get(f.type, "文字")
    rec = record.Record(kind=kind, date=day, title=f"活动{rng.randint(0, 9999)}", fields=fields)
    return record.to_toml(rec, REG)


def _hostile_text(rng: random.Random, day: dt.date) -> bytes:
    head = f'kind = "study"\ndate = {day.isoformat()}\ntitle = "t"\n'
    choice = rng.randrange(12)
    if choice == 0:
        return rng.randbytes(rng.randint(1, 3000))
    if choice == 1:
        return (head + "participants = " + "9" * rng.choice([13, 40, 4300, 5000, 20000]) + "\n").encode()
    if choice == 2:
        return (head + "hours = " + rng.choice(["inf", "nan", "-inf", "1e308", "1e400", "-0.0"]) + "\n").encode()
    if choice == 3:
        char = rng.choice(["\\u0000", "\\u0001", "\\u000b", "\\u001b", "\\u007f", "\\uffff", "\\ufffe"])
        return (head + f'note = "a{char}b"\n').encode()
    if choice == 4:
        return (head + "note = " + "[" * rng.choice([100, 5000, 100000]) + "\n").encode()
    if choice == 5:
        return (head + 'note = "' + "长" * rng.choice([20_001, 400_000]) + '"\n').encode()
    if choice == 6:
        return (head + "tags = [" + ", ".join(f'"t{i}"' for i in range(rng.choice([501, 20000]))) + "]\n").encode()
    if choice == 7:
        return head.encode() + bytes([rng.randrange(256)]) + rng.randbytes(20)
    if choice == 8:
        return (head + "".join(f"k{i} = {i}\n" for i in range(rng.choice([50, 30000])))).encode()
    if choice == 9:
        return (head + 'evidence = ["../../../etc/passwd", "/etc/shadow", "~/.ssh/id_rsa"]\n').encode()
    if choice == 10:
        return (head.replace('"t"', '"' + "=SUM(1,1)\\n## 注入<script>" + '"')).encode()
    return _good_text(rng, day).encode("utf-16")


def _canary(outside: Path) -> None:
    day = outside / "2024" / "2024-03-01"
    day.mkdir(parents=True)
    rec = record.Record(kind="study", date=dt.date(2024, 3, 1), title=CANARY, fields={"participants": 7})
    text = record.to_toml(rec, REG)
    (day / "study-cafe.toml").write_text(text, "utf-8")
    (outside / "study-beef.toml").write_text(text, "utf-8")
    (outside / "evidence.txt").write_text(CANARY, "utf-8")


def _ledger(tmp: Path, seed: int, category: str) -> Path:
    rng = random.Random(f"{category}-{seed}")
    subprocess.run([sys.executable, "-m", "fzlog", "init", str(tmp / "L"), "--org", "测试局"], check=True,
                   capture_output=True)
    root = tmp / "L"
    outside = tmp / "outside"
    _canary(outside)
    first = root / "2024" / "2024-03-01"
    first.mkdir(parents=True)
    (first / "study-0001.toml").write_text(_good_text(rng, DAYS[0]), "utf-8")
    for day in DAYS[1:]:
        folder = root / "2024" / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(rng.randint(1, 4)):
            name = f"{rng.choice(['study', 'publicity'])}-{rng.randrange(16 ** 4):04x}.toml"
            if category == "files":
                (folder / name).write_bytes(_hostile_text(rng, day))
            else:
                (folder / name).write_text(_good_text(rng, day), "utf-8")
    if category == "symlinks":
        links = [
            (first / "study-0002.toml", outside / "study-beef.toml"),  # a record file
            (root / "2024" / "2024-03-02", outside / "2024" / "2024-03-01"),  # a day folder
            (root / "2023", outside / "2024"),  # a year folder
            (first / "evidence", outside),  # an evidence folder
            (root / ".fzlog-cache", outside),  # the cache
            (root / "notes", outside),  # the notes folder
            (first / "study-0003.toml", first / "study-0003.toml"),  # a loop
            (first / "study-0004.toml", tmp / "nowhere.toml"),  # dangling
        ]
        for link, target in rng.sample(links, rng.randint(3, len(links))):
            if not link.exists() and not link.is_symlink():
                link.symlink_to(target)
    if category == "special":
        for path in rng.sample([first / "study-000f.toml", root / "stray.toml", root / "2024" / "2024-03-02.toml",
                                root / "notes" / "2024.toml"], 2):
            path.parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(path)
    return root


def _run(root: Path, out: Path, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    args = [a.replace("{out}", str(out)) for a in args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZLOG_")}
    return subprocess.run([sys.executable, "-m", "fzlog", "--ledger", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=out, stdin=subprocess.DEVNULL, check=False)


CATEGORIES = [
    pytest.param("files", id="hostile-files"),
    pytest.param("symlinks", id="symlinks", marks=pytest.mark.xfail(
        strict=False, reason="symlinks out of the ledger: one walker for every command comes with the store branch "
                             "(issue 13, defects 10 and 13)")),
    pytest.param("special", id="fifos", marks=pytest.mark.xfail(
        strict=False, reason="FIFOs and other special files: never opened once the store branch is merged "
                             "(issue 13, defect 14)")),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX symlinks and FIFOs")
@pytest.mark.parametrize("category", CATEGORIES)
def test_reading_commands_survive_hostile_ledgers(tmp_path, category, slow):
    seeds = range(12) if slow else range(1)
    for seed in seeds:
        case = tmp_path / f"{category}-{seed}"
        out = case / "out"
        out.mkdir(parents=True)
        root = _ledger(case, seed, category)
        for args in COMMANDS:
            try:
                r = _run(root, out, args, TIMEOUT if category != "special" else 15)
            except subprocess.TimeoutExpired:
                pytest.fail(f"seed {seed}: `fzlog {' '.join(args)}` did not finish (hang)")
            where = f"seed {seed}: fzlog {' '.join(args)}"
            assert "Traceback" not in r.stderr, f"{where}\n{r.stderr[-3000:]}"
            assert r.returncode in (0, 1, 2), f"{where}: exit {r.returncode}\n{r.stderr[-2000:]}"
            assert CANARY not in r.stdout and CANARY not in r.stderr, f"{where}: read outside the ledger"
        for made in out.iterdir():
            data = made.read_bytes()
            assert CANARY.encode() not in data, f"seed {seed}: {made.name} holds a record from outside"
            if made.suffix in (".xlsx", ".docx"):
                import zipfile

                with zipfile.ZipFile(made) as zf:
                    assert not any(CANARY.encode() in zf.read(n) for n in zf.namelist()), made.name
