"""Encodings clerks' machines produce, and paths that must not leave the ledger."""

import json
import os
from pathlib import Path

import pytest

from fzlog import encoding
from fzlog.errors import FzlogError, UsageError
from fzlog.store import layout as paths
from fzlog.store.ledger import Ledger

TEXT = 'kind = "publicity"\ndate = 2024-12-04\ntitle = "国家宪法日法治宣传活动"\nmaterials = 300\n'


# encodings ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [TEXT, TEXT.replace("\n", "\r\n")])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_utf8_with_or_without_bom_and_crlf_is_read(text, bom):
    got, problem = encoding.decode((bom + text).encode("utf-8"))
    assert problem is None and got == text


@pytest.mark.parametrize(
    "codec, label",
    [
        ("gbk", "GBK"),
        ("gb18030", "GBK"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
    ],
)
def test_legacy_encodings_are_named_and_convert_exactly(codec, label):
    raw = TEXT.encode(codec)
    text, found = encoding.decode(raw)
    assert text is None and found.label == label
    new, found = encoding.to_utf8(raw)
    assert new == TEXT.encode("utf-8")


def test_gb18030_only_characters():
    raw = TEXT.replace("国家", "㐀䶵").encode("gb18030")  # CJK extension A: not in GBK
    assert encoding.detect_legacy(raw).label == "GB18030"
    assert encoding.to_utf8(raw)[0].decode("utf-8") == TEXT.replace("国家", "㐀䶵")


def test_ascii_utf16_without_bom_is_not_taken_for_utf8():
    raw = 'kind = "study"\n'.encode("utf-16-le")
    text, found = encoding.decode(raw)
    assert text is None and found.label == "UTF-16"


def test_damaged_utf8_is_reported_where_it_breaks_not_guessed_as_gbk():
    raw = TEXT.encode("utf-8")
    i = raw.index("宪".encode())
    damaged = raw[:i] + b"\xff" + raw[i + 1 :]
    text, found = encoding.decode(damaged)
    assert text is None and isinstance(found, encoding.BadBytes)
    assert (found.line, found.column, found.byte) == (3, 12, 0xFF)
    assert encoding.to_utf8(damaged) is None
    assert "国家" in encoding.display_text(damaged)  # an offending line can still be shown


def test_damage_after_a_bom_is_reported_where_it_is():
    raw = TEXT.encode("utf-8")
    i = raw.index("宪".encode())
    text, found = encoding.decode(b"\xef\xbb\xbf" + raw[:i] + b"\xff" + raw[i + 1 :])
    assert (found.line, found.column, found.byte) == (3, 12, 0xFF)
    assert encoding.decode(b"\xef\xbb\xbf" + raw) == (TEXT, None)


def test_one_stray_high_byte_in_ascii_is_damage_not_gbk():
    assert isinstance(encoding.decode(b'kind = "study"\xe9k\n')[1], encoding.BadBytes)


def test_short_gbk_file_is_still_recognised():
    assert encoding.decode('title = "会"\n'.encode("gbk"))[1].label == "GBK"


def test_binary_junk_is_not_a_legacy_encoding():
    assert encoding.detect_legacy(bytes(range(256)) * 4) is None


# path confinement -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ref",
    [
        "../secret.jpg",
        "evidence/../../secret.jpg",
        "..\\..\\secret.jpg",
        "/etc/passwd",
        "\\\\server\\share\\x.jpg",
        "//server/share/x.jpg",
        "C:\\Users\\x.jpg",
        "c:x.jpg",
        "D:/scans/x.jpg",
        "~/x.jpg",
        "file:///etc/passwd",
        "",
        "a\x00b",
    ],
)
def test_confine_refuses_refs_that_leave_the_ledger(tmp_path, ref):
    with pytest.raises(paths.OutsideLedger) as exc:
        paths.confine(tmp_path, ref)
    assert isinstance(exc.value, UsageError) and "台账" in exc.value.message


@pytest.mark.parametrize(
    "ref",
    [
        "evidence/2024-12-04-签到表.jpg",
        "evidence\\照片\\1.jpg",
        "签到表存档于办公室",
        "./evidence/x.pdf",
        "evidence/a..b.jpg",
    ],
)
def test_confine_accepts_paths_inside(tmp_path, ref):
    assert tmp_path.resolve() in paths.confine(tmp_path, ref).parents


def test_confine_follows_symlinks(tmp_path):
    root, outside = tmp_path / "ledger", tmp_path / "outside"
    (root / "evidence").mkdir(parents=True)
    outside.mkdir()
    (outside / "x.jpg").write_bytes(b"x")
    try:
        os.symlink(outside, root / "evidence" / "out", target_is_directory=True)
        os.symlink(outside / "x.jpg", root / "evidence" / "x.jpg")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    for ref in ("evidence/out/x.jpg", "evidence/x.jpg", "evidence/out/new.jpg"):
        with pytest.raises(paths.OutsideLedger):
            paths.confine(root, ref)


def test_add_refuses_evidence_outside_and_accepts_inside(run, ledger_dir):
    for ref in ("../台账外.jpg", "/etc/passwd", "C:\\scans\\签到表.jpg", "\\\\oa\\共享\\x.jpg"):
        r = run("add", "study", "-t", "学习", "-d", "2024-01-05", "--evidence", ref)
        assert r.exit_code == 2, (ref, r.output)
        assert "台账目录内" in r.output and "Traceback" not in r.output
    assert not (ledger_dir / "2024").exists()  # nothing was written, not even a directory
    refs = ["evidence/2024-01-05-签到表.jpg", "会议记录存档于办公室", "https://oa.example.gov.cn/doc/123"]
    args = [x for ref in refs for x in ("--evidence", ref)]
    r = run("add", "study", "-t", "学习", "-d", "2024-01-05", *args, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(run("show", json.loads(r.stdout)["id"], "--json").stdout)["evidence"] == refs


@pytest.mark.parametrize(
    "ref",
    [
        "../../etc/passwd",
        "2024-01-01/../../../etc/passwd",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "..",
        "2024-01-01/study-0001/../../x",
        "x\x00y",
        "%2e%2e%2fetc",
        "2024-01-01\\..\\..\\fzlog",
    ],
)
def test_get_cannot_escape_the_ledger(run, ledger_dir, ref):
    r = run("show", ref)
    assert r.exit_code in (1, 2) and "Traceback" not in r.output
    assert "编号" in r.output or "找不到记录" in r.output


def test_get_refuses_a_day_directory_linked_outside(tmp_path):
    root, outside = tmp_path / "ledger", tmp_path / "outside"
    (root / "2024").mkdir(parents=True)
    (root / "fzlog.toml").write_text('org = "x"\n', encoding="utf-8")
    outside.mkdir()
    (outside / "study-0001.toml").write_text('kind = "study"\ndate = 2024-01-01\ntitle = "外"\n', encoding="utf-8")
    try:
        os.symlink(outside, root / "2024" / "2024-01-01", target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    lg = Ledger(root)
    with pytest.raises(paths.OutsideLedger):
        lg.get("2024-01-01/study-0001")
    with pytest.raises(FzlogError, match="找不到记录"):  # the walker never looks outside
        lg.get("0001")


def test_record_file_size_limit(run, ledger_dir):
    from fzlog.store.ledger import MAX_RECORD_BYTES

    head = 'kind = "study"\ndate = 2024-01-02\ntitle = "大文件"\n# '  # (a comment: no value breaks a limit)
    day = ledger_dir / "2024" / "2024-01-02"
    day.mkdir(parents=True)
    fits = head + "x" * (MAX_RECORD_BYTES - len(head.encode()) - 1) + "\n"
    (day / "study-0001.toml").write_bytes(fits.encode())
    too_big = head + "x" * (MAX_RECORD_BYTES - len(head.encode())) + "\n"
    (day / "study-0002.toml").write_bytes(too_big.encode())
    assert (day / "study-0001.toml").stat().st_size == MAX_RECORD_BYTES
    r = run("list", "2024", "--json")
    assert [x["id"] for x in json.loads(r.stdout)] == ["2024-01-02/study-0001"]
    assert "study-0002.toml：文件过大（1048577 字节，上限 1048576 字节），未读取。" in r.stderr
    errors = json.loads(run("validate", "--json").stdout)["errors"]
    assert [(Path(e["path"]).name, e["code"]) for e in errors] == [("study-0002.toml", "too-large")]
    r = run("show", "0002")
    assert r.exit_code == 1 and "文件过大" in r.output


def _symlinked_ledger(tmp_path) -> Path:
    """A ledger with folders and files, links that stay inside, links that leave it, a dangling
    link and a loop."""
    root, outside = tmp_path / "ledger", tmp_path / "outside"
    for folder in (root / "evidence" / "照片", root / "2024" / "2024-03-01" / "evidence", outside / "sub"):
        folder.mkdir(parents=True)
    (root / "evidence" / "a.jpg").write_bytes(b"a")
    (outside / "x.jpg").write_bytes(b"x")
    links = {
        "evidence/out": outside,
        "evidence/in": root / "evidence" / "照片",
        "evidence/x.jpg": outside / "x.jpg",
        "evidence/same.jpg": root / "evidence" / "a.jpg",
        "evidence/gone.jpg": root / "nothing.jpg",
        "evidence/up": tmp_path,
        "evidence/loop": root / "evidence" / "loop2",
        "evidence/loop2": root / "evidence" / "loop",
        "2024/2024-03-01/evidence/out": outside / "sub",
    }
    try:
        for name, target in links.items():
            os.symlink(target, root / name, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    return root


REFS = [
    "evidence/a.jpg",
    "evidence/none.jpg",
    "evidence/照片/1.jpg",
    "evidence/out",
    "evidence/out/x.jpg",
    "evidence/out/new.jpg",
    "evidence/in/1.jpg",
    "evidence/in",
    "evidence/x.jpg",
    "evidence/same.jpg",
    "evidence/gone.jpg",
    "evidence/up/outside/x.jpg",
    "evidence/up/ledger/evidence/a.jpg",
    "evidence/loop/x.jpg",
    "evidence/loop",
    "evidence",
    ".",
    "./evidence//a.jpg/",
    "evidence\\out\\x.jpg",
    "签到表存档于办公室",
    "nowhere/deeper/x.pdf",
    "2024/2024-03-01/evidence/out/x.jpg",
    "2024/2024-03-01/evidence/y.jpg",
]


def test_evidence_finder_strings_agree_with_pathlib(tmp_path, monkeypatch):
    """The Finder joins references as strings; where it can, it must find what the general way
    (pathlib, each candidate resolved) finds — from the ledger and from a relative root with ``..``."""
    from fzlog.store import evidence

    root = _symlinked_ledger(tmp_path)
    (root / "2024" / "2024-03-01" / "evidence" / "y.jpg").write_bytes(b"y")
    monkeypatch.chdir(tmp_path)
    for given in (root, Path("ledger"), Path("ledger") / "evidence" / "in" / ".." / ".."):
        finder = evidence.Finder(given)
        for folder in (given / "2024" / "2024-03-01", given / "evidence", given):
            assert (finder._absolute_of(os.fspath(folder)) is None) == (".." in given.parts)
            for ref in REFS + [
                "evidence/../evidence/a.jpg",
                "../outside/x.jpg",
                "evidence/../../outside/x.jpg",
                "evidence/out/../x.jpg",
                "evidence/in/../a.jpg",
                "evidence/up/../ledger/evidence/a.jpg",
                str(root / "evidence" / "a.jpg"),
                str(tmp_path / "outside" / "x.jpg"),
                "a..b.jpg",
            ]:
                fast = finder._find(os.fspath(folder), ref)
                slow = finder._find_by_path(folder, ref.strip().replace("\\", "/"))
                as_paths = lambda r: (Path(r[0]) if r[0] is not None else None, *r[1:])  # noqa: E731
                assert as_paths(fast) == as_paths(slow), (given, folder, ref)
