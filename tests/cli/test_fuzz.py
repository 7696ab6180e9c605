"""Fuzzing every reading command with hostile ledgers (issue 13, "Also"): a seeded generator
writes random bytes, records with huge values and control characters, deep nesting, special
files and symlinks in every position; each reading command then runs in its own process under a
timeout. None may print a traceback, hang, or show anything read from outside the ledger (a
canary record lies next to it, reachable only through the symlinks).

A few examples a category run by default (CI); ``pytest --slow`` runs many more.
"""

from __future__ import annotations

import datetime as dt
import json
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
    ["validate"],
    ["list", "2024", "--json"],
    ["summary", "2024", "--json"],
    ["show", "2024-03-01/study-0001"],
    ["check", "2024"],
    ["export", "2024", "-o", "{out}/x.xlsx", "--force"],
    ["export", "2024", "-o", "{out}/x.csv", "--force"],
    ["report", "2024", "-o", "{out}/r.docx", "--force"],
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
            fields[f.name] = {
                "int": rng.randint(0, 500),
                "float": round(rng.random() * 100, 2),
                "bool": rng.random() < 0.5,
                "date": day,
                "list": ["甲", "乙"],
            }.get(f.type, "文字")
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
    subprocess.run(
        [sys.executable, "-m", "fzlog", "init", str(tmp / "L"), "--org", "测试局"], check=True, capture_output=True
    )
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
            name = f"{rng.choice(['study', 'publicity'])}-{rng.randrange(16**4):04x}.toml"
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
        for path in rng.sample(
            [
                first / "study-000f.toml",
                root / "stray.toml",
                root / "2024" / "2024-03-02.toml",
                root / "notes" / "2024.toml",
            ],
            2,
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(path)
    return root


def _run(root: Path, out: Path, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    args = [a.replace("{out}", str(out)) for a in args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZLOG_")}
    return subprocess.run(
        [sys.executable, "-m", "fzlog", "--ledger", str(root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=out,
        stdin=subprocess.DEVNULL,
        check=False,
    )


CATEGORIES = [
    pytest.param("files", id="hostile-files"),
    pytest.param("symlinks", id="symlinks"),
    pytest.param("special", id="fifos"),
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


# Layout fuzz: record files, links and FIFOs scattered over right and wrong folders; summary must count
# exactly the records that lie inside the ledger where they belong.
LAYOUT_COMMANDS = (
    ["summary", "2024", "--json"],
    ["list", "2024"],
    ["validate"],
    ["check", "2024"],
    ["report", "2024"],
    ["export", "2024", "-o", "out.csv", "--force"],
    ["show", "0001"],
)
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
    folders = [
        root,
        root / "2024",
        root / "2024" / "2024-03-01",
        root / "2024" / "2024-3-1",
        root / "2024" / "2024-03-01" / "sub",
        root / "2023" / "2024-03-01",
        root / "0000" / "0000-01-01",
    ]
    for k in range(r.randint(5, 25)):
        folder = r.choice(folders)
        folder.mkdir(parents=True, exist_ok=True)
        name = r.choice(
            [
                f"study-{k:04x}.toml",
                f"study-{k:04x}.TOML",
                f".study-{k:04x}.toml",
                f"x{k}.txt",
                f"study-{k:04x}.toml.1.ab.tmp",
            ]
        )
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
def test_hostile_layouts_never_crash_hang_or_count_outside(tmp_path, slow):
    for seed in range(12 if slow else 1):
        root = tmp_path / f"L{seed}"
        total = _hostile_ledger(root, tmp_path / f"outside{seed}", seed)
        for args in LAYOUT_COMMANDS:
            p = subprocess.run(
                [sys.executable, "-m", "fzlog", "--ledger", str(root), *args],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert "Traceback" not in p.stderr, (seed, args, p.stderr)
            assert p.returncode in (0, 1, 2), (seed, args, p.returncode)
            if args[0] == "summary":
                study = json.loads(p.stdout)["kinds"].get("study", {}).get("fields", {})
                assert study.get("participants", 0) == total, (seed, p.stderr)
