"""fzlog validate through the CLI: a ledger seeded with one of each problem, the JSON contract,
periods, --strict, --fix-encoding, and the skip warnings of the other commands."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, snapshot

OK = 'kind = "study"\ndate = {day}\ntitle = "学习{law}"\nparticipants = 20\n'


def _write(root: Path, rel: str, content, encoding: str = "utf-8") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))


# (file, code, line) for every error the seeded ledger holds; line None = the whole file
SEEDED_ERRORS = [
    ("2024/2024-03-01/study-0a01.toml", "toml-syntax", 3),
    ("2024/2024-03-01/study-0a02.toml", "unknown-kind", 1),
    ("2024/2024-03-01/publicity-0a03.toml", "unknown-field", 4),
    ("2024/2024-03-01/publicity-0a04.toml", "bad-type", 4),
    ("2024/2024-03-01/study-0a05.toml", "date-mismatch", 2),
    ("2024/2024-03-01/study-0a06.toml", "empty-title", 3),
    ("2024/2024-03-01/study-0a07.toml", "missing-key", 1),
    ("2024/2024-03-01/study-0a08.toml", "encoding", None),  # GBK
    ("2024/2024-03-01/study-0a09.toml", "encoding", None),  # UTF-16
    ("2024/2024-03-01/study-0a10.toml", "encoding", 3),  # a damaged byte
    ("2024/2024-03-01/study-0a11.toml", "too-large", None),
    ("2024/2024-03-01/study-0a12.toml", "evidence-outside", 4),
    ("2024/2024-03-01/学习记录.toml", "bad-name", None),
    ("2024/2024-03-01/study-0a13 - 副本.toml", "bad-name", None),
    ("2024/2024-03-01/study-0a19.TOML", "bad-ext", None),
    ("2024/study-0a15.toml", "bad-path", None),
    ("2023/2024-05-01/study-0a16.toml", "year-mismatch", None),
    ("2024/2024-06-01/study-0a17.toml", "duplicate-id", None),
    ("2024/2024-06-01/备份/study-0a17.toml", "bad-path", None),
    ("2024/2024-06-01/备份/study-0a17.toml", "duplicate-id", None),
]
SEEDED_WARNINGS = [
    ("2024/2024-03-01/.study-0a14.toml.4242.9f3c1a2b.tmp", "leftover-temp"),
    ("2024/2024-03-01/签到表.jpg", "stray-file"),
    ("2024/2024-03-01/study-0a13.toml", "ambiguous-id"),
    ("2024/2024-07-01/seminar-0a13.toml", "ambiguous-id"),
    ("2024/2024-03-01/study-0a13 - 副本.toml", "duplicate-record"),
]


def seed_every_problem(root: Path) -> None:
    """One of each problem fzlog validate knows, plus files that are fine (BOM + CRLF, evidence,
    README, .git) and must not be reported."""
    w = lambda rel, content, enc="utf-8": _write(root, rel, content, enc)  # noqa: E731
    w("2024/2024-03-01/study-0a01.toml", 'kind = "study"\ndate = 2024-03-01\ntitle = "学习宪法\nparticipants = 20\n')
    w("2024/2024-03-01/study-0a02.toml", 'kind = "studdy"\ndate = 2024-03-01\ntitle = "学习民法典"\n')
    w(
        "2024/2024-03-01/publicity-0a03.toml",
        'kind = "publicity"\ndate = 2024-03-01\ntitle = "普法宣传"\nmatrials = 300\n',
    )
    w(
        "2024/2024-03-01/publicity-0a04.toml",
        'kind = "publicity"\ndate = 2024-03-01\ntitle = "普法宣传"\nmaterials = "很多"\n',
    )
    w("2024/2024-03-01/study-0a05.toml", OK.format(day="2024-03-02", law="宪法"))
    w("2024/2024-03-01/study-0a06.toml", 'kind = "study"\ndate = 2024-03-01\ntitle = "  "\n')
    w("2024/2024-03-01/study-0a07.toml", 'kind = "study"\ndate = 2024-03-01\n')
    w("2024/2024-03-01/study-0a08.toml", OK.format(day="2024-03-01", law="行政复议法"), "gbk")
    w("2024/2024-03-01/study-0a09.toml", OK.format(day="2024-03-01", law="档案法"), "utf-16")
    w(
        "2024/2024-03-01/study-0a10.toml",
        'kind = "study"\ndate = 2024-03-01\ntitle = "学习'.encode() + b"\xff" + '宪法"\n'.encode(),
    )
    w(
        "2024/2024-03-01/study-0a11.toml",
        'kind = "study"\ndate = 2024-03-01\ntitle = "x"\nnote = "' + "长" * 400_000 + '"\n',
    )
    w(
        "2024/2024-03-01/study-0a12.toml",
        'kind = "study"\ndate = 2024-03-01\ntitle = "学习保密法"\nevidence = ["../../../etc/passwd"]\n',
    )
    w("2024/2024-03-01/学习记录.toml", OK.format(day="2024-03-01", law="监察法"))
    w("2024/2024-03-01/study-0a13 - 副本.toml", OK.format(day="2024-03-01", law="国家安全法"))
    w("2024/2024-03-01/study-0a13.toml", OK.format(day="2024-03-01", law="国家安全法"))
    w("2024/2024-03-01/study-0a19.TOML", OK.format(day="2024-03-01", law="统计法"))
    w("2024/2024-03-01/签到表.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    w("2024/2024-03-01/.study-0a14.toml.4242.9f3c1a2b.tmp", 'kind = "study"\ndate = 2024-03-01\nti')
    w("2024/study-0a15.toml", OK.format(day="2024-04-01", law="宪法"))
    w("2023/2024-05-01/study-0a16.toml", OK.format(day="2024-05-01", law="宪法"))
    w("2024/2024-06-01/study-0a17.toml", OK.format(day="2024-06-01", law="预算法"))
    w("2024/2024-06-01/备份/study-0a17.toml", OK.format(day="2024-06-01", law="预算法"))
    w("2024/2024-07-01/seminar-0a13.toml", 'kind = "seminar"\ndate = 2024-07-01\ntitle = "专题研讨"\n')
    # fine: a Notepad file (BOM, CRLF), evidence, the ledger's own files, git's folder
    w(
        "2024/2024-08-01/study-0a18.toml",
        '\ufeffkind = "study"\r\ndate = 2024-08-01\r\ntitle = "BOM 与 CRLF"\r\nevidence = ["evidence/签到表.jpg"]\r\n',
    )
    w("evidence/签到表.jpg", b"\xff\xd8")
    w("README.md", "# 台账\n")
    w(".git/config", "[core]\n")
    w(".fzlog-cache/index.bin", b"\x00\x01")


@pytest.fixture
def seeded(ledger_dir):
    seed_every_problem(ledger_dir)
    return ledger_dir


def test_seeded_ledger_lists_every_problem_with_file_and_line(run, seeded):
    before = snapshot(seeded)
    r = run("validate", "--json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert set(out) == {"errors", "warnings", "files"}
    got = {(e["path"], e["code"], e["line"]) for e in out["errors"]}
    expected = {(f"data/{f}", code, line) for f, code, line in SEEDED_ERRORS}
    assert got == expected
    assert {(w["path"], w["code"]) for w in out["warnings"]} == {(f"data/{f}", c) for f, c in SEEDED_WARNINGS}
    for e in out["errors"] + out["warnings"]:
        assert set(e) == {"path", "line", "column", "code", "message", "hint"}
        assert e["message"] and e["hint"]
    assert out["files"] == 21
    assert snapshot(seeded) == before  # validate only reads


def test_text_report_shows_location_line_and_hint(run, seeded):
    r = run("validate")
    assert r.exit_code == 1
    text = r.stdout
    for f, _, line in SEEDED_ERRORS:
        assert f"data/{f}" + (f":{line}" if line else "") in text
    # the offending line, a caret under the column, and a hint
    assert "data/2024/2024-03-01/study-0a01.toml:3:14: 错误：TOML 格式错误" in text
    assert '    3 | title = "学习宪法' in text
    assert "      |                  ^" in text
    assert "提示：运行 `fzlog kinds` 查看该类型的字段" in text
    assert "您是不是要输入“materials”" in text  # nearest field suggested
    assert "您是不是要输入“study”" in text  # nearest kind suggested
    assert "GBK" in text and "UTF-16" in text and "fzlog validate --fix-encoding" in text
    assert text.rstrip().endswith(f"检查了 21 个记录文件：{len(SEEDED_ERRORS)} 个错误，{len(SEEDED_WARNINGS)} 个警告。")


def test_report_matches_golden_file(run, seeded):
    golden = REPO / "tests" / "golden" / "validate_seeded.txt"
    assert run("validate").stdout == golden.read_text("utf-8")


def test_clean_sample_ledger(run, sample):
    r = run("--ledger", str(sample), "validate")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "台账无问题：检查了 108 个记录文件。"
    out = json.loads(run("--ledger", str(sample), "validate", "--json").stdout)
    assert out == {"errors": [], "warnings": [], "files": 108}


def test_period_limits_the_check(run, seeded):
    out = json.loads(run("validate", "2024-07..2024-08", "--json").stdout)
    assert out["errors"] == [] and out["files"] == 2
    assert out["warnings"] == []  # the other 0a13 lies outside the period
    out = json.loads(run("validate", "2024-06", "--json").stdout)
    assert {(e["path"].split("/", 3)[-1], e["code"]) for e in out["errors"]} == {
        ("study-0a17.toml", "duplicate-id"),
        ("备份/study-0a17.toml", "bad-path"),
        ("备份/study-0a17.toml", "duplicate-id"),
    }
    out = json.loads(run("validate", "2024-04", "--json").stdout)  # a misplaced file counts by its date
    assert [(e["path"], e["code"]) for e in out["errors"]] == [("data/2024/study-0a15.toml", "bad-path")]
    assert run("validate", "2024q9").exit_code == 2


def test_warnings_alone_exit_0_unless_strict(run, ledger_dir):
    _write(ledger_dir, "2024/2024-03-01/notes.txt", "随手记")
    _write(ledger_dir, "2024/2024-03-01/~WRL0001.tmp", "Word")  # not ours: a stray file, not a leftover add
    r = run("validate")
    assert r.exit_code == 0 and "警告" in r.stdout and r.stdout.count("不是记录文件") == 2
    assert run("validate", "--strict").exit_code == 1


def test_help_has_examples(run):
    r = run("validate", "--help")
    assert r.exit_code == 0 and "示例" in r.output and "--fix-encoding" in r.output


def test_english(run, seeded):
    r = run("--lang", "en", "validate")
    assert r.exit_code == 1
    assert "data/2024/2024-03-01/study-0a05.toml:2: error: record date 2024-03-02 disagrees" in r.stdout
    assert "hint: " in r.stdout


def test_fix_encoding_converts_only_on_request_and_keeps_content(run, ledger_dir):
    gbk = OK.format(day="2024-03-01", law="行政复议法").replace("\n", "\r\n")
    _write(ledger_dir, "2024/2024-03-01/study-0b01.toml", gbk, "gbk")
    _write(ledger_dir, "2024/2024-03-01/study-0b02.toml", OK.format(day="2024-03-01", law="㐀字"), "gb18030")
    _write(ledger_dir, "2024/2024-03-01/study-0b03.toml", OK.format(day="2024-03-01", law="档案法"), "utf-16")
    bom = "\ufeff" + OK.format(day="2024-03-01", law="宪法").replace("\n", "\r\n")
    _write(ledger_dir, "2024/2024-03-01/study-0b04.toml", bom)
    damaged = OK.format(day="2024-03-01", law="民法典").encode().replace("民".encode(), b"\xe6\xb0")
    _write(ledger_dir, "2024/2024-03-01/study-0b05.toml", damaged)
    before = snapshot(ledger_dir)

    assert run("list", "2024", "--json").exit_code == 0
    assert run("validate").exit_code == 1
    assert snapshot(ledger_dir) == before  # nothing rewritten behind the user's back

    r = run("validate", "--fix-encoding")
    assert r.stdout.count("已转换为 UTF-8") == 3
    assert "study-0b01.toml（原为 GBK 编码，内容不变）" in r.stdout
    assert "study-0b02.toml（原为 GB18030 编码" in r.stdout
    assert "study-0b03.toml（原为 UTF-16 编码" in r.stdout
    after = snapshot(ledger_dir)
    day = "2024/2024-03-01/"
    assert after[day + "study-0b01.toml"].decode("utf-8") == gbk  # CRLF kept, text identical
    assert after[day + "study-0b02.toml"].decode("utf-8") == OK.format(day="2024-03-01", law="㐀字")
    assert after[day + "study-0b03.toml"].decode("utf-8") == OK.format(day="2024-03-01", law="档案法")
    assert after[day + "study-0b04.toml"] == before[day + "study-0b04.toml"]  # UTF-8 with BOM: untouched
    assert after[day + "study-0b05.toml"] == before[day + "study-0b05.toml"]  # damaged: not guessed at
    assert not [n for n in after if n.endswith(".tmp")]
    errors = json.loads(run("validate", "--json").stdout)["errors"]
    assert [(e["path"].rsplit("/", 1)[-1], e["code"]) for e in errors] == [("study-0b05.toml", "encoding")]
    titles = {x["title"] for x in json.loads(run("list", "2024", "--json").stdout)}
    assert titles == {"学习行政复议法", "学习㐀字", "学习档案法", "学习宪法"}
    r = run("validate", "--fix-encoding", "--json")
    assert json.loads(r.stdout)["fixed"] == []


def test_bom_and_crlf_are_read_everywhere(run, ledger_dir):
    text = '\ufeffkind = "publicity"\r\ndate = 2024-12-04\r\ntitle = "宪法日宣传"\r\nmaterials = 300\r\n'
    _write(ledger_dir, "2024/2024-12-04/publicity-0c01.toml", text)
    assert run("validate").exit_code == 0
    rec = json.loads(run("show", "0c01", "--json").stdout)
    assert rec["title"] == "宪法日宣传" and rec["fields"] == {"materials": 300}
    s = json.loads(run("summary", "2024", "--json").stdout)
    assert s["kinds"]["publicity"]["fields"]["materials"] == 300


def test_other_commands_skip_bad_files_one_line_each(run, seeded):
    before = snapshot(seeded)
    for args in (["list", "2024"], ["summary", "2024"], ["list", "2024", "--json"], ["summary", "2024", "--csv"]):
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
        lines = r.stderr.splitlines()
        skipped = [x for x in lines if x.startswith("警告：已跳过 ")]
        assert len(skipped) == 15  # the files Ledger.read refuses and the misplaced ones (a sub-folder too)
        assert lines[-1] == "警告：共跳过 15 个有问题的记录文件，其中的记录未计入结果。运行 `fzlog validate` 查看详情。"
        assert "data/2024/2024-03-01/study-0a05.toml:2：记录日期 2024-03-02 与所在目录 2024-03-01 不一致。" in r.stderr
    assert snapshot(seeded) == before


def test_many_skipped_files_are_summarised(run, ledger_dir):
    for i in range(25):
        _write(ledger_dir, f"2024/2024-01-01/study-{i:04d}.toml", "kind = \n")
    r = run("list", "2024")
    assert r.exit_code == 0
    assert r.stderr.count("警告：已跳过 ") == 20
    assert "另有 5 个有问题的文件" in r.stderr and "共跳过 25 个" in r.stderr


def test_broken_config_is_reported_and_records_still_checked(run, ledger_dir):
    (ledger_dir / "fzlog.toml").write_text('org = "x\n', encoding="utf-8")
    _write(ledger_dir, "2024/2024-03-01/study-0d01.toml", 'kind = "study"\ndate = 2024-03-01\ntitle = ""\n')
    out = json.loads(run("validate", "--json").stdout)
    assert [(e["path"], e["code"], e["line"]) for e in out["errors"]] == [
        ("data/2024/2024-03-01/study-0d01.toml", "empty-title", 3),
        ("data/fzlog.toml", "config", 1),
    ]


def test_symlink_out_of_the_ledger_is_reported_not_followed(run, ledger_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.toml").write_text('kind = "study"\ndate = 2024-03-01\ntitle = "x"\n', encoding="utf-8")
    day = ledger_dir / "2024" / "2024-03-01"
    day.mkdir(parents=True)
    try:
        os.symlink(outside / "secret.toml", day / "study-0e01.toml")
        os.symlink(outside, ledger_dir / "2024" / "2024-03-02", target_is_directory=True)
        os.symlink(ledger_dir / "2024", day / "loop", target_is_directory=True)  # a loop inside
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    out = json.loads(run("validate", "--json").stdout)
    codes = {(e["path"].split("/", 1)[1], e["code"]) for e in out["errors"]}
    assert ("2024/2024-03-01/study-0e01.toml", "outside-ledger") in codes
    assert ("2024/2024-03-02", "outside-ledger") in codes
    r = run("show", "2024-03-01/study-0e01")
    assert r.exit_code == 2 and "台账之外" in r.output


def test_non_utf8_terminal_never_crashes(seeded, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZLOG")}
    for enc in ("ascii", "cp1252", "gbk"):
        for args in (["validate"], ["list", "2024"], ["summary", "2024"], ["--lang", "en", "validate"]):
            p = subprocess.run(
                [sys.executable, "-m", "fzlog", *args],
                cwd=tmp_path,
                capture_output=True,
                env={**env, "PYTHONIOENCODING": enc, "PYTHONPATH": str(REPO)},
                timeout=60,
            )
            assert b"Traceback" not in p.stderr, (enc, args, p.stderr.decode("utf-8", "replace"))
            assert p.returncode == (1 if args[-1] == "validate" else 0), (enc, args)
            assert b"study-0a05.toml:2" in p.stdout + p.stderr


def test_unreadable_directory_is_an_error_never_silently_skipped(run, ledger_dir, monkeypatch):
    _write(ledger_dir, "2024/2024-03-01/study-0f01.toml", OK.format(day="2024-03-01", law="宪法"))
    real = os.scandir
    locked = ledger_dir / "2024" / "2024-03-01"

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("summary", "2024")
    assert r.exit_code == 1 and "无法读取目录" in r.output and "权限不足" in r.output
    assert "Traceback" not in r.output
    errors = json.loads(run("validate", "--json").stdout)["errors"]
    assert [(e["path"], e["code"]) for e in errors] == [("data/2024/2024-03-01", "unreadable")]


# validate reads fzlog.toml's feature sections only when there are any: safe because the shipped
# checklist and report settings read without a problem for every shipped profile.
def test_a_config_without_feature_sections_has_nothing_for_validate_to_read(tmp_path):
    from fzlog.config import PROFILES, Config
    from fzlog.kinds import default_registry
    from fzlog.report import settings as report_settings
    from fzlog.targets import load_checklist
    from fzlog.targets.loader import Layer

    assert set(PROFILES) == set(Layer.package().table("profiles"))
    for profile in PROFILES:
        assert load_checklist(default_registry(), Config(profile=profile)).targets
    report_settings.load({}, default_registry())


def test_a_bad_profile_or_windows_section_is_still_reported(run, sample):
    cfg = sample / "fzlog.toml"
    original = cfg.read_text("utf-8")
    cfg.write_text(original.replace('profile = "xinjiang"', 'profile = "xinjang"'), "utf-8")
    r = run("--ledger", str(sample), "validate", "--json")
    assert r.exit_code == 1 and "xinjang" in json.loads(r.stdout)["errors"][0]["message"]
    cfg.write_text(original + "\n[windows.sci-tech-week]\nfrom = 5\n", "utf-8")
    r = run("--ledger", str(sample), "validate", "--json")
    assert r.exit_code == 1 and json.loads(r.stdout)["errors"][0]["code"] == "config-section"


def test_an_empty_short_id_shared_is_reported(run, ledger_dir):
    """A file named "<kind>-.toml" has the empty short id: two of them cannot be told apart either."""
    _write(ledger_dir, "2024/2024-03-01/study-.toml", OK.format(day="2024-03-01", law="宪法"))
    _write(ledger_dir, "2024/2024-03-02/study-.toml", OK.format(day="2024-03-02", law="民法典"))
    out = json.loads(run("validate", "--json").stdout)
    assert sorted(w["path"] for w in out["warnings"] if w["code"] == "ambiguous-id") == [
        "data/2024/2024-03-01/study-.toml",
        "data/2024/2024-03-02/study-.toml",
    ]


def test_doubles_are_found_across_the_layout_a_day_at_a_time(run, ledger_dir):
    """Duplicates are counted a day at a time: a copy out of the layout joins the day of its record
    (a day folder in another year's folder, even one whose record is of another day; a file in
    the root), and two names of one folder differing in case are one id."""
    files = {
        "2024/2024-03-01/study-1a01.toml": ("2024-03-01", "宪法"),
        "2023/2024-03-01/study-1a02.toml": ("2024-03-01", "宪法"),
        "2024/2024-05-01/study-1a04.toml": ("2024-05-01", "民法典"),
        "study-1a03.toml": ("2024-05-01", "民法典"),
        "2024/2024-06-02/study-1a06.toml": ("2024-06-02", "行政法"),
        "2023/2024-06-01/study-1a05.toml": ("2024-06-02", "行政法"),
        "2024/2024-07-01/study-1a07.toml": ("2024-07-01", "刑法"),
        "2024/2024-07-01/Study-1A07.toml": ("2024-07-01", "刑法典"),
        "2024/study-1a08.toml": ("2024-08-01", "宪法"),
        "2024/2024-08-01/study-1a08.toml": ("2024-08-01", "税法"),
    }
    for rel, (day, law) in files.items():
        _write(ledger_dir, rel, OK.format(day=day, law=law))
    out = json.loads(run("validate", "--json").stdout)
    found = sorted((p["code"], p["path"]) for p in out["errors"] + out["warnings"] if p["code"].startswith("duplicate"))
    assert found == [
        ("duplicate-id", "data/2024/2024-07-01/Study-1A07.toml"),
        ("duplicate-id", "data/2024/2024-07-01/study-1a07.toml"),
        ("duplicate-id", "data/2024/2024-08-01/study-1a08.toml"),
        ("duplicate-id", "data/2024/study-1a08.toml"),
        ("duplicate-record", "data/2024/2024-03-01/study-1a01.toml"),
        ("duplicate-record", "data/2024/2024-06-02/study-1a06.toml"),
        ("duplicate-record", "data/study-1a03.toml"),
    ]
    record = next(p for p in out["warnings"] if p["path"] == "data/2024/2024-06-02/study-1a06.toml")
    assert "2023/2024-06-01/study-1a05.toml" in record["message"]


def test_the_text_report_shows_ten_problems_a_file_and_the_offending_line(run, ledger_dir):
    """Each file's problems are counted on their own (at most MAX_PER_FILE shown), and the line
    of each missing evidence reference is read back from the file and shown."""
    refs = ", ".join(f'"evidence/缺{i:02d}.jpg"' for i in range(12))
    for day, name in (("2024-03-01", "study-2a01"), ("2024-03-02", "study-2a02")):
        _write(ledger_dir, f"2024/{day}/{name}.toml", OK.format(day=day, law="宪法") + f"evidence = [{refs}]\n")
    r = run("validate")
    for name in ("study-2a01", "study-2a02"):
        lines = [x for x in r.stdout.splitlines() if f"{name}.toml:5: 警告" in x]
        assert len(lines) == 10, r.stdout
    assert r.stdout.count("……此文件另有 2 个问题") == 2
    assert r.stdout.count('    5 | evidence = ["evidence/缺00.jpg"') == 20


def test_the_problems_of_one_file_share_its_path(ledger_dir):
    """A report of an old ledger names most files twice (a shared 4-hex id, evidence missing): the
    problems of one file hold one Path."""
    from fzlog.checks.validate import validate
    from fzlog.store.ledger import Ledger

    for day in ("2024-03-01", "2024-03-02"):
        text = OK.format(day=day, law="宪法") + 'evidence = ["evidence/缺.jpg"]\n'
        _write(ledger_dir, f"2024/{day}/study-3a01.toml", text)
    report = validate(Ledger(ledger_dir))
    by_file: dict[str, list] = {}
    for p in report.problems:
        by_file.setdefault(str(p.path), []).append(p)
    assert len(by_file) == 2
    for found in by_file.values():
        assert sorted(p.code for p in found) == ["ambiguous-id", "evidence-missing"]
        assert found[0].path is found[1].path
