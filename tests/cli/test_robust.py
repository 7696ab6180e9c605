"""Tests that try to break the ledger: round-trips of every field type, thousands of mutated
record files, concurrent clerks, an add killed mid-write, a full or read-only disk."""

import datetime as dt
import errno
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fzlog import encoding, record
from fzlog.checks.validate import SKIPPING_CODES
from fzlog.kinds import Field, Kind, Registry, default_registry
from fzlog.limits import BAD_CHARS, MAX_FLOAT, MAX_INT
from fzlog.record import Record
from fzlog.store.ledger import Ledger
from tests.conftest import REPO

# round-trips --------------------------------------------------------------------------------
ALL_TYPES = Kind(
    slug="all-types",
    label="全类型",
    unit="次",
    fields=(
        Field("n", "int"),
        Field("x", "float"),
        Field("b", "bool"),
        Field("d", "date"),
        Field("s", "text"),
        Field("l", "list"),
    ),
)
REG = Registry({"all-types": ALL_TYPES})
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))
field_values = {
    "n": st.integers(min_value=0, max_value=MAX_INT - 1),
    "x": st.floats(min_value=0, max_value=MAX_FLOAT, exclude_max=True, allow_nan=False, allow_infinity=False),
    "b": st.booleans(),
    "d": days,
    "s": st.text(min_size=1).map(lambda s: BAD_CHARS.sub("", s) or "s"),
    "l": st.lists(st.text().map(lambda s: BAD_CHARS.sub("", s)), min_size=1, max_size=5),
}
safe_ref = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00~:."), min_size=1, max_size=20
)
records = st.builds(
    lambda title, day, tags, note, place, evidence, fields: Record(
        kind="all-types",
        date=day,
        title=title,
        tags=tuple(tags),
        note=note,
        place=place,
        evidence=tuple(f"evidence/{e}" for e in evidence),
        fields=fields,
    ),
    title=st.text(min_size=1).map(lambda s: BAD_CHARS.sub("", s)).filter(str.strip),
    day=days,
    tags=st.lists(st.text(min_size=1).map(lambda s: BAD_CHARS.sub("", s) or "t"), max_size=4),
    note=st.text().map(lambda s: BAD_CHARS.sub("", s)),
    place=st.text().map(lambda s: BAD_CHARS.sub("", s)),
    evidence=st.lists(safe_ref.map(lambda s: BAD_CHARS.sub("", s) or "e"), max_size=3),
    fields=st.fixed_dictionaries({}, optional=field_values),
)


@settings(max_examples=400)
@given(records)
def test_every_field_type_round_trips_exactly(rec):
    text = record.to_toml(rec, REG)
    back, problems = record.parse(text, REG, Path("x.toml"))
    assert problems == []
    assert back == rec and back.fields == rec.fields
    assert record.to_toml(back, REG) == text


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(records)
def test_records_round_trip_through_the_ledger_on_disk(rec):
    with tempfile.TemporaryDirectory() as d:
        lg = Ledger(Path(d), registry=REG)
        added = lg.add(rec)
        assert added.path.read_bytes() == record.to_toml(rec, REG).encode("utf-8")
        back, problems = lg.read(added.path)
        assert problems == [] and back == added
        assert (back.kind, back.date, back.title, back.tags, back.note, back.place, back.evidence, back.fields) == (
            rec.kind,
            rec.date,
            rec.title,
            rec.tags,
            rec.note,
            rec.place,
            rec.evidence,
            rec.fields,
        )
        assert lg.get(added.id) == back


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_record_or_problems_never_an_exception(raw):
    text, found = encoding.decode(raw)
    if text is not None:
        rec, problems = record.parse(text, default_registry(), Path("x.toml"))
        assert (rec is None) == bool(problems)


# fuzzing ------------------------------------------------------------------------------------
WRONG = {  # values of the wrong type for each field type (each one an error)
    "int": ['"很多"', "-1", "1.5", "true", "[1]"],
    "float": ['"两小时"', "-2.0", "true", "nan", "inf"],
    "bool": ['"是"', "1", '"true"'],
    "date": ['"2024-03-01"', "1", "2024-03-01T09:00:00", "09:00:00"],
    "text": ["1", "true", '["甲"]', "2024-03-01"],
    "list": ['"甲"', "[1, 2]", "1"],
}
COMMON_TYPES = {"date": "date", "title": "text", "place": "text", "note": "text", "tags": "list", "evidence": "list"}
CODECS = ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
# how many mutants of each class; "broken" classes must each give a validate error
PLAN = {
    "truncate": 500,
    "flip": 900,
    "insert-junk": 300,  # may or may not break a file
    "wrong-type": 500,
    "structure": 300,
    "encoding": 300,
    "junk": 300,
    "hostile": 40,  # always break it
    "benign": 120,
}  # never break it: BOM + CRLF, escapes and bidi characters in text
BROKEN = {"wrong-type", "structure", "encoding", "junk", "hostile"}
FUZZED = sum(PLAN.values())


def _key_type(key: str, kind: str) -> str | None:
    if key in COMMON_TYPES:
        return COMMON_TYPES[key]
    f = default_registry().get(kind).field(key)
    return f.type if f else None


def mutate(cls: str, text: str, kind: str, day: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    lines = text.rstrip("\n").split("\n")
    if cls == "truncate":
        return raw[: rng.randrange(1, len(raw) - 1)]
    if cls == "flip":
        b = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] ^= rng.randrange(1, 256)
        return bytes(b)
    if cls == "insert-junk":
        i = rng.randrange(len(raw))
        return raw[:i] + rng.randbytes(rng.randint(1, 8)) + raw[i:]
    if cls == "wrong-type":
        i = rng.randrange(len(lines))
        key = lines[i].split(" = ", 1)[0]
        if key == "kind":
            lines[i] = "kind = " + rng.choice(['"no-such-kind"', "1", '""', '"Study"'])
        else:
            choices = WRONG[_key_type(key, kind)] + (['""', '"   "'] if key == "title" else [])
            lines[i] = f"{key} = {rng.choice(choices)}"
        return ("\n".join(lines) + "\n").encode()
    if cls == "structure":
        op = rng.randrange(6)
        if op == 0:  # a required key missing
            gone = rng.choice(["kind ", "date ", "title "])
            lines = [x for x in lines if not x.startswith(gone)]
        elif op == 1:  # a key twice
            lines.append(rng.choice(lines))
        elif op == 2:  # a field the kind does not have
            lines.append(f"{rng.choice(['matrials', 'participant', '人数', 'x'])} = 3")
        elif op == 3:  # a date that disagrees with the directory
            other = dt.date.fromisoformat(day) + dt.timedelta(days=rng.randint(1, 400))
            lines = [f"date = {other}" if x.startswith("date ") else x for x in lines]
        elif op == 4:  # a table
            lines.append("[extra]\nx = 1")
        else:  # an unterminated string
            i = rng.randrange(len(lines))
            lines[i] = lines[i].rstrip('"') if lines[i].endswith('"') else lines[i] + ' "'
        return ("\n".join(lines) + "\n").encode()
    if cls == "encoding":
        return text.encode(rng.choice(CODECS))
    if cls == "junk":
        return rng.randbytes(rng.randint(8, 4000))
    if cls == "hostile":
        op = rng.randrange(5)
        if op == 0:
            return f'kind = "{kind}"\ndate = {day}\ntitle = "x"\nnote = '.encode() + b"[" * 50_000
        if op == 1:
            return raw[:10] + b"\x00" + raw[10:]
        if op == 2:
            return text.replace('title = "', 'title = "\x1b[2J\x1b[31m').encode()
        if op == 3:
            return (text + "".join(f"k{i} = {i}\n" for i in range(20_000))).encode()
        return text.encode() + b"# " + b"x" * (1024 * 1024)
    if cls == "benign":
        op = rng.randrange(3)
        if op == 0:
            return ("\ufeff" + text.replace("\n", "\r\n")).encode()
        if op == 1:
            return text.replace('title = "', 'title = "\\u202e[31m').encode()  # (an escaped \\u001b is refused: limits)
        return text.replace('title = "', 'title = "' + "长" * 5000).encode()
    raise ValueError(cls)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    """A copy of the sample ledger plus FUZZED mutated record files, each beside its original."""
    import shutil

    base = tmp_path_factory.mktemp("fuzz")
    root = base / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(".fzlog-cache"))
    sources = sorted(p for p in root.glob("*/*/*.toml"))
    rng = random.Random(20240304)
    mutants: dict[str, tuple[str, Path]] = {}
    n = 0
    for cls, count in PLAN.items():
        for _ in range(count):
            src = rng.choice(sources)
            text = src.read_text("utf-8")
            kind = text.split('"', 2)[1]
            data = mutate(cls, text, kind, src.parent.name, rng)
            path = src.parent / f"{kind}-z{n:05d}.toml"
            path.write_bytes(data)
            mutants[f"{src.parent.name}/{path.stem}"] = (cls, src)
            n += 1
    assert n == FUZZED >= 3000
    return base, root, mutants


def test_fuzzed_files_are_reported_or_read_never_lost_never_a_traceback(fuzzed, monkeypatch):
    from click.testing import CliRunner

    from fzlog.cli import cli

    base, root, mutants = fuzzed
    monkeypatch.chdir(base)

    def run(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)  # an exception fails the test

    r = run("validate", "--json")
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    skipped = {e["path"] for e in report["errors"] if e["code"] in SKIPPING_CODES}
    flagged = {e["path"] for e in report["errors"]}

    r = run("list", "1990..2100", "--json")
    assert r.exit_code == 0
    listing = {x["id"]: x for x in json.loads(r.stdout)}
    listed = set(listing)
    assert f"警告：共跳过 {len(skipped)} 个有问题的记录文件" in r.stderr

    counts = dict.fromkeys(PLAN, 0)
    for rid, (cls, _src) in mutants.items():
        path = f"data/{rid[:4]}/{rid}.toml"
        # every file is either read by the other commands or reported by validate — never both, never neither
        assert (path in skipped) != (rid in listed), (cls, rid, path in skipped, rid in listed)
        if cls in BROKEN:
            assert path in flagged, (cls, rid)
        if cls == "benign":
            assert rid in listed and path not in flagged, rid
        counts[cls] += path in skipped
    assert all(counts[c] == PLAN[c] for c in BROKEN)
    assert counts["benign"] == 0
    assert counts["truncate"] > 0 and counts["flip"] > 0  # most, not all, such damage is fatal

    # a BOM + CRLF copy reads as exactly the record it copies
    for rid, (cls, src) in mutants.items():
        if cls == "benign" and (root / rid[:4] / f"{rid}.toml").read_bytes().startswith(b"\xef\xbb\xbf"):
            a, b = listing[rid], listing[f"{src.parent.name}/{src.stem}"]
            assert {**a, "id": "", "path": ""} == {**b, "id": "", "path": ""}

    for args in (
        ["validate"],
        ["list", "2024"],
        ["summary", "1990..2100", "--by", "month"],
        ["--lang", "en", "validate", "2024"],
        ["summary", "2024", "--json"],
        ["list", "2023", "--csv"],
    ):
        r = run(*args)
        assert r.exit_code in (0, 1), args
        assert "\x1b" not in r.stdout + r.stderr or args[-1] == "--csv"  # control characters shown escaped
    for rid in sorted(mutants)[::100]:
        assert run("show", rid).exit_code in (0, 1)


def test_fuzzed_ledger_on_a_cp1252_terminal(fuzzed):
    base, _, _ = fuzzed
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZLOG")}
    p = subprocess.run(
        [sys.executable, "-m", "fzlog", "validate"],
        cwd=base,
        capture_output=True,
        env={**env, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert p.returncode == 1 and b"Traceback" not in p.stderr
    assert p.stdout.count(b"\n") > 3000


# concurrent clerks ----------------------------------------------------------------------------
WORKER = r"""
import datetime as dt, json, sys, time
from pathlib import Path
from fzlog.store.ledger import Ledger
from fzlog.record import Record
root, proc, n, go = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
lg = Ledger(root)
lg.registry
while not go.exists():
    time.sleep(0.001)
ids = []
for i in range(n):
    rec = Record(kind="study", date=dt.date(2024, 3, 15), title=f"并发记录 p{proc} #{i}",
                 fields={"participants": i, "topic": f"进程{proc}"})
    ids.append(lg.add(rec).id)
print(json.dumps(ids))
"""
PROCESSES, ADDS = 4, 250


def _env():
    return {**{k: v for k, v in os.environ.items() if not k.startswith("FZLOG")}, "PYTHONPATH": str(REPO)}


def test_concurrent_adds_same_kind_same_day(ledger_dir, tmp_path):
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ledger_dir), str(p), str(ADDS), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for p in range(PROCESSES)
    ]
    go.touch()  # all start adding at the same moment
    ids: list[str] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode("utf-8", "replace")
        ids += json.loads(out)
    assert len(ids) == len(set(ids)) == PROCESSES * ADDS
    lg = Ledger(ledger_dir)
    loaded = lg.load()
    assert loaded.problems == []
    assert sorted(r.id for r in loaded.records) == sorted(ids)
    reg = lg.registry
    seen = set()
    for rec in loaded.records:
        proc, i = rec.title.removeprefix("并发记录 p").split(" #")
        expected = Record(
            kind="study",
            date=dt.date(2024, 3, 15),
            title=rec.title,
            fields={"participants": int(i), "topic": f"进程{proc}"},
        )
        assert rec.path.read_bytes() == record.to_toml(expected, reg).encode("utf-8")  # intact
        seen.add((int(proc), int(i)))
    assert seen == {(p, i) for p in range(PROCESSES) for i in range(ADDS)}  # each add exactly once
    assert not list(ledger_dir.rglob("*.tmp"))


# interrupted adds -----------------------------------------------------------------------------
KILLED = r"""
import datetime as dt, os, sys, time
from pathlib import Path
import fzlog.store.ledger as L
from fzlog.record import Record
root, mode, ready = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
real_write = os.write
def hang():
    ready.write_text("now")
    time.sleep(120)
if mode == "write":  # killed with half the record written to the temporary file
    def write(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        hang()
    os.write = write
else:  # killed with the temporary file complete, before it is linked into place
    os.link = lambda src, dst: hang()
L.Ledger(root).add(Record(kind="study", date=dt.date(2024, 3, 15), title="中断的记录", fields={"participants": 5}))
"""


@pytest.mark.parametrize("mode", ["write", "link"])
def test_add_killed_mid_write_leaves_no_visible_record(run, ledger_dir, tmp_path, mode):
    ready = tmp_path / "ready"
    p = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(ledger_dir), mode, str(ready)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert p.poll() is None and time.monotonic() < deadline, "child did not reach the write"
            time.sleep(0.01)
    finally:
        p.kill()  # SIGKILL / TerminateProcess: no cleanup runs
        p.wait()
    day = ledger_dir / "2024" / "2024-03-15"
    left = list(day.iterdir())
    assert [x.suffix for x in left] == [".tmp"] and left[0].name.startswith(".")  # only the hidden temp file
    assert json.loads(run("list", "2024", "--json").stdout) == []
    assert json.loads(run("summary", "2024", "--json").stdout)["records"] == 0
    r = run("validate", "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["errors"] == [] and [w["code"] for w in out["warnings"]] == ["leftover-temp"]
    assert run("add", "study", "-t", "重新记录", "-d", "2024-03-15").exit_code == 0
    assert [x["title"] for x in json.loads(run("list", "2024", "--json").stdout)] == ["重新记录"]


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every file and directory under root (directories as None): to show nothing was left behind."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def test_interrupt_between_write_and_link_leaves_nothing(ledger_dir, monkeypatch):
    before = _tree(ledger_dir)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Ledger(ledger_dir).add(Record(kind="study", date=dt.date(2024, 3, 15), title="x"))
    assert _tree(ledger_dir) == before


# a full or read-only disk ---------------------------------------------------------------------
def _fail(err, *, when=lambda *a: True, real=None):
    def fake(*args, **kwargs):
        if when(*args):
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)

    return fake


FAULTS = [
    ("write", errno.ENOSPC, "磁盘空间已满"),
    ("fsync", errno.ENOSPC, "磁盘空间已满"),
    ("link", errno.ENOSPC, "磁盘空间已满"),
    ("fsync", errno.EIO, "磁盘读写错误"),
    ("open", errno.EROFS, "只读"),
    ("mkdir", errno.EROFS, "只读"),
    ("open", errno.EACCES, "权限不足"),
]


@pytest.mark.parametrize(
    "target, err, message, day_exists",
    [
        (*fault, day_exists)
        for fault in FAULTS
        for day_exists in (False, True)
        if not (fault[0] == "mkdir" and day_exists)
    ],
)  # an existing day directory is not made again
def test_disk_full_or_read_only_gives_a_clear_error_and_leaves_nothing(
    run, ledger_dir, monkeypatch, target, err, message, day_exists
):
    if day_exists:
        assert run("add", "study", "-t", "已有记录", "-d", "2024-03-15").exit_code == 0
    before = _tree(ledger_dir)
    real = getattr(os, target)
    when = (lambda path, flags, *a: bool(flags & os.O_CREAT)) if target == "open" else (lambda *a: True)
    monkeypatch.setattr(os, target, _fail(err, when=when, real=real))
    r = run("add", "study", "-t", "新记录", "-d", "2024-03-15", "-s", "participants=3")
    monkeypatch.undo()
    assert r.exit_code == 1, r.output
    assert r.output.startswith("错误：无法写入记录文件") and message in r.output and "台账未作改动" in r.output
    assert "Traceback" not in r.output
    assert _tree(ledger_dir) == before


@pytest.mark.skipif(
    os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions that bind the user",
)
def test_really_read_only_directory(run, ledger_dir):
    day = ledger_dir / "2024" / "2024-03-15"
    day.mkdir(parents=True)
    before = _tree(ledger_dir)
    day.chmod(0o555)
    try:
        r = run("add", "study", "-t", "x", "-d", "2024-03-15")
    finally:
        day.chmod(0o755)
    assert r.exit_code == 1 and "权限不足" in r.output
    assert _tree(ledger_dir) == before


# an output file written as it is made ------------------------------------------------------------
def test_an_output_written_in_pieces_is_whole_or_not_there(tmp_path, monkeypatch):
    """``output.save`` writes pieces as they are made (a long export) into a temporary file: the
    file appears whole, also where the file system has no hard links, and not at all when making
    the pieces fails."""
    from fzlog.errors import FzlogError
    from fzlog.store import output

    pieces = [f"第{i}行\n".encode() for i in range(5000)]
    output.save(tmp_path / "a.csv", iter(pieces))
    assert (tmp_path / "a.csv").read_bytes() == b"".join(pieces)

    monkeypatch.setattr(os, "link", _fail(errno.EPERM))  # (a FAT stick: the temporary file is copied)
    output.save(tmp_path / "b.csv", iter(pieces))
    monkeypatch.undo()
    assert (tmp_path / "b.csv").read_bytes() == b"".join(pieces)

    def failing():
        yield b"half"
        raise FzlogError("坏了")

    with pytest.raises(FzlogError):
        output.save(tmp_path / "c.csv", failing())
    with pytest.raises(FzlogError):
        output.save(tmp_path / "a.csv", failing(), force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]  # no c.csv, no temporary file
    assert (tmp_path / "a.csv").read_bytes() == b"".join(pieces)  # the old file kept


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX")
def test_a_terminated_export_leaves_no_temporary_file(tmp_path):
    """SIGTERM while an output file is being written unwinds like Ctrl-C: no file, no temporary
    file (fzlog's main installs the handler)."""
    import subprocess
    import sys

    script = f"""
import os, signal, sys
from pathlib import Path
from fzlog.cli import main
from fzlog.store import output

def pieces():
    yield b"x" * 1000
    os.kill(os.getpid(), signal.SIGTERM)
    yield b"never"

sys.argv = ["fzlog", "--version"]
try:
    main()  # (installs the handler, prints the version)
except SystemExit:
    pass
output.save(Path({str(tmp_path / "out.csv")!r}), pieces())
"""
    r = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
    )
    assert r.returncode == 128 + 15, r.stderr
    assert list(tmp_path.iterdir()) == []
