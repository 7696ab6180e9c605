"""Issue 13: what writers accept is what readers accept (defect 2), numbers beyond any count
(defect 3), every import check before the first write (defect 12), control characters refused
on input (defect 17), hostile spreadsheets (defect 15) and guessed encodings (defect 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fzlog import limits
from tests import hostile_sheets as hs
from tests.conftest import snapshot


def _records(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.toml") if p.name != "fzlog.toml")


def _write_csv(path: Path, rows: list[list[str]], header=("日期", "标题", "佐证材料")) -> Path:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# defect 2 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("option", ["--title", "--note", "--place", "--tag"])
def test_add_refuses_text_readers_would_skip_and_writes_nothing(run, ledger_dir, option):
    big = "长" * 43_000  # ~129 KB, as in the issue
    args = ["add", "study", "-d", "2024-03-01", option, big]
    if option != "--title":
        args += ["--title", "学习"]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert str(limits.MAX_TEXT_CHARS if option != "--tag" else limits.MAX_ITEM_CHARS) in r.output
    assert _records(ledger_dir) == []


def test_import_of_a_huge_cell_imports_nothing_and_names_row_and_column(run, ledger_dir, tmp_path):
    src = _write_csv(tmp_path / "a.csv", [["2024-03-01", "正常", ""], ["2024-03-02", "x" * 30_000, ""]])
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code != 0
    assert "第 3 行 B 列" in r.output and str(limits.MAX_TEXT_CHARS) in r.output
    assert _records(ledger_dir) == []


def test_every_record_written_is_read_back(run, ledger_dir):
    big = "长" * limits.MAX_TEXT_CHARS
    r = run(
        "add",
        "study",
        "-d",
        "2024-03-01",
        "--title",
        big,
        "--note",
        big,
        "--place",
        big,
        "-s",
        f"participants={limits.MAX_INT - 1}",
    )
    assert r.exit_code == 0, r.output
    r = run("list", "2024", "--json")
    assert r.exit_code == 0 and "跳过" not in r.stderr
    assert json.loads(r.stdout)[0]["fields"]["participants"] == limits.MAX_INT - 1


# defect 3 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("digits", [4300, 5000])
def test_add_refuses_a_count_of_thousands_of_digits(run, ledger_dir, digits):
    r = run("add", "study", "-t", "学习", "-d", "2024-03-01", "-s", "participants=" + "9" * digits)
    assert r.exit_code == 2 and "participants" in r.output
    assert len(r.output) < 1000  # the number is not echoed whole
    assert _records(ledger_dir) == []


HOSTILE_NUMBERS = {
    "0001": "participants = " + "9" * 5000,
    "0002": "participants = " + "9" * 4000,
    "0003": "hours = inf",
    "0004": "hours = 1e308",
    "0005": "hours = nan",
}


@pytest.fixture
def numbers_ledger(ledger_dir):
    day = ledger_dir / "2024" / "2024-03-01"
    day.mkdir(parents=True)
    for short, line in HOSTILE_NUMBERS.items():
        (day / f"study-{short}.toml").write_text(
            f'kind = "study"\ndate = 2024-03-01\ntitle = "t"\n{line}\n', encoding="utf-8"
        )
    (day / "study-0009.toml").write_text(
        'kind = "study"\ndate = 2024-03-01\ntitle = "好"\nparticipants = 7\n', encoding="utf-8"
    )
    return ledger_dir


def test_validate_calls_numbers_beyond_the_bound_bad_type_with_file_and_line(run, numbers_ledger):
    r = run("validate", "--json")
    assert r.exit_code == 1
    errors = json.loads(r.stdout)["errors"]
    found = {Path(e["path"]).name: (e["code"], e["line"]) for e in errors}
    assert found == {f"study-{s}.toml": ("bad-type", 4) for s in HOSTILE_NUMBERS}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "2024"],
        ["summary", "2024"],
        ["summary", "2024", "--json"],
        ["check", "2024"],
        ["show", "0009"],
        ["export", "2024", "-o", "x.xlsx"],
        ["export", "2024", "-o", "x.csv"],
        ["report", "2024"],
    ],
)
def test_readers_skip_them_with_a_word_never_a_traceback(run, numbers_ledger, args):
    r = run(*args)
    assert r.exit_code in (0, 1), r.output
    if args[0] != "show":
        assert "已跳过" in r.stderr
    assert "Infinity" not in r.stdout and "NaN" not in r.stdout and "Traceback" not in r.output


# defect 12 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["../../../etc/passwd", "/etc/passwd", "~/x.jpg", "evidence/../../x"])
def test_import_checks_evidence_paths_before_the_first_write(run, ledger_dir, tmp_path, bad):
    rows = [[f"2024-04-{i:02d}", f"活动{i}", bad if i == 11 else ""] for i in range(1, 17)]
    src = _write_csv(tmp_path / "a.csv", rows)
    before = snapshot(ledger_dir)
    r = run("import", str(src), "--kind", "study", "--dry-run")
    assert r.exit_code != 0 and "第 12 行 C 列" in r.output
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code != 0 and "第 12 行 C 列" in r.output and "已导入" not in r.output
    assert snapshot(ledger_dir) == before


# defect 17 (input) ------------------------------------------------------------------------------
@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x00", "\x7f", "\uffff"])
def test_add_refuses_control_characters_naming_the_position(run, ledger_dir, char):
    r = run("add", "study", "-d", "2024-03-01", "-t", f"ctl{char}x")
    assert r.exit_code == 2 and "第 4 个字符" in r.output
    assert _records(ledger_dir) == []


def test_import_refuses_control_characters_in_a_cell(run, ledger_dir, tmp_path):
    src = _write_csv(tmp_path / "a.csv", [["2024-03-01", "好", ""], ["2024-03-02", "坏\x1b[31m", ""]])
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code != 0 and "第 3 行 B 列" in r.output and "U+001B" in r.output
    assert _records(ledger_dir) == []


@pytest.mark.parametrize("escape", ["\\u0001", "\\u000b", "\\u001b", "\\u0000", "\\uffff", "\\u007f"])
def test_validate_reports_control_characters_in_hand_written_files(run, ledger_dir, escape):
    day = ledger_dir / "2024" / "2024-03-01"
    day.mkdir(parents=True)
    (day / "study-0001.toml").write_text(f'kind = "study"\ndate = 2024-03-01\ntitle = "a{escape}"\n', encoding="utf-8")
    r = run("validate", "--json")
    assert r.exit_code == 1
    errors = json.loads(r.stdout)["errors"]
    assert [(e["code"], e["line"]) for e in errors] == [("bad-type", 3)] and "第 2 个字符" in errors[0]["message"]


# defect 15 --------------------------------------------------------------------------------------
def _refused(run, path, *more):
    r = run("import", str(path), "--kind", "study", "--dry-run", *more)
    assert r.exit_code == 1, r.output
    assert r.output.startswith("错误：") and "Traceback" not in r.output
    return r.output


def test_a_zip_bomb_is_refused_before_it_is_unpacked(run, ledger_dir, tmp_path):
    out = _refused(run, hs.zip_bomb(tmp_path / "bomb.xlsx", size=limits.MAX_STRINGS_PART_BYTES + 1024 * 1024))
    assert "sharedStrings.xml" in out and "上限" in out and "拆成" in out


def test_a_sheet_claiming_the_whole_grid_is_not_believed(run, ledger_dir, tmp_path):
    out = _refused(run, hs.far_cell(tmp_path / "far.xlsx"))
    assert f"超过 {limits.MAX_ROWS} 行" in out and "第 1048576 行" in out and "拆成" in out


def test_too_many_rows_stop_the_stream(run, ledger_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    out = _refused(run, hs.many_rows(tmp_path / "rows.xlsx", rows=300))
    assert "超过 100 行" in out and "第 101 行" in out
    out = _refused(run, hs.many_rows_csv(tmp_path / "rows.csv", rows=300))
    assert "超过 100 行" in out


@pytest.mark.parametrize(
    "make,words",
    [
        (hs.billion_laughs, "DTD"),
        (hs.external_entity, "DTD"),
        (hs.truncated, "无法读取 Excel 文件"),
        (hs.text_in_number, "无法读取 Excel 文件"),
    ],
)
def test_hostile_xml_is_a_clear_error(run, ledger_dir, tmp_path, make, words):
    out = _refused(run, make(tmp_path / "x.xlsx"))
    assert words in out and "passwd" not in out.replace("etc/passwd", "")


def test_csv_rows_cells_and_size_have_limits(run, ledger_dir, tmp_path, monkeypatch):
    out = _refused(run, hs.huge_csv(tmp_path / "fields.csv", fields=3 * limits.MAX_ROW_CHARS))
    assert "第 2 行过长" in out and str(limits.MAX_ROW_CHARS) in out
    src = _write_csv(tmp_path / "cell.csv", [["2024-03-01", "x" * (limits.MAX_CELL_CHARS + 1), ""]])
    assert str(limits.MAX_CELL_CHARS) in _refused(run, src)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 5)
    src = _write_csv(tmp_path / "wide.csv", [["2024-03-01", "好"] + ["x"] * 10])
    assert "超过 5 列" in _refused(run, src)
    monkeypatch.setattr(limits, "MAX_SHEET_FILE_BYTES", 10)
    assert "文件过大" in _refused(run, src) and "拆成" in _refused(run, src)


def test_reading_stops_after_the_time_limit(run, ledger_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_READ_SECONDS", -1)
    out = _refused(run, hs.many_rows_csv(tmp_path / "rows.csv", rows=3000))
    assert "秒" in out and "拆成" in out


# defect 16 --------------------------------------------------------------------------------------
TRADITIONAL = "日期,標題\n2024-03-01,國家憲法日法治宣傳活動\n2024-03-02,學習《行政復議法》專題講座\n"
JAPANESE = "日期,標題\n2024-03-01,法令の研修会を開催しました\n2024-03-02,行政手続法の勉強会\n"


@pytest.mark.parametrize("text,codec", [(TRADITIONAL, "big5"), (JAPANESE, "shift_jis")])
def test_a_csv_in_another_encoding_is_not_guessed_as_gb18030(run, ledger_dir, tmp_path, text, codec):
    src = tmp_path / "a.csv"
    src.write_bytes(text.encode(codec))
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code == 1 and "--encoding" in r.output and "乱码" in r.output
    assert _records(ledger_dir) == []
    r = run("import", str(src), "--kind", "study", "--yes", "--encoding", codec, "--map", "標題=title")
    assert r.exit_code == 0, r.output
    titles = {x["title"] for x in json.loads(run("list", "2024", "--json").stdout)}
    assert titles == {line.split(",")[1] for line in text.splitlines()[1:]}


def test_replacement_characters_stop_the_import(run, ledger_dir, tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("日期,标题\n2024-03-01,\ufffd\ufffd活动\n", encoding="utf-8")
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code == 1 and "--encoding" in r.output
    assert _records(ledger_dir) == []


def test_simplified_chinese_in_gb18030_still_imports_without_asking(run, ledger_dir, tmp_path):
    src = tmp_path / "a.csv"
    src.write_bytes("日期,标题\n2024-03-01,国家宪法日法治宣传活动\n".encode("gb18030"))
    r = run("import", str(src), "--kind", "study", "--yes")
    assert r.exit_code == 0, r.output


def test_a_big5_record_file_is_not_taken_for_gbk():
    from fzlog import encoding

    raw = 'kind = "study"\ndate = 2024-03-01\ntitle = "國家憲法日法治宣傳活動學習專題講座"\n'.encode("big5")
    assert encoding.detect_legacy(raw) is None
    gbk = 'kind = "study"\ndate = 2024-03-01\ntitle = "国家宪法日法治宣传活动学习专题讲座"\n'.encode("gbk")
    assert encoding.detect_legacy(gbk) is not None


# defect 19 (and 17 for configuration) ------------------------------------------------------------
@pytest.mark.parametrize(
    "table,key",
    [
        ("[report.kinds.study]\nfields = 5\n", "report.kinds.study.fields"),
        ("[report.kinds.study]\nstep_text = 5\n", "report.kinds.study.step_text"),
        ("[report.kinds.study]\nfield_text = { participants = 5 }\n", "report.kinds.study.field_text.participants"),
        ("[report.kinds.study]\nsteps = [1, 2]\n", "report.kinds.study.steps[0]"),
        ('[report]\nnotable_tags = "宪法日"\n', "report.notable_tags"),
        ("[report.since]\nstudy = 99999\n", "report.since.study"),
        ('[report]\nopening = "a\\u0001b"\n', "report.opening"),
        ("[web]\npassword_hash = 5\n", "web.password_hash"),
        ('[kinds.volunteer]\nlabel = "志愿\\u001b"\nunit = "次"\n', "kinds.volunteer.label"),
    ],
)
@pytest.mark.parametrize("command", [["validate"], ["report", "2024"]])
def test_wrong_configuration_values_are_named_never_a_traceback(run, ledger_dir, table, key, command):
    with (ledger_dir / "fzlog.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n" + table)
    r = run(*command)
    assert r.exit_code in (1, 2), r.output
    assert key in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("value", ["99999", "-1", "1.5", '"1"'])
def test_a_targets_file_with_a_bad_year_offset_exits_2_naming_the_key(run, ledger_dir, tmp_path, value):
    from importlib import resources

    text = resources.files("fzlog").joinpath("data/targets.toml").read_text("utf-8")
    line = next(x for x in text.splitlines() if 'type = "deadline"' in x)
    (tmp_path / "t.toml").write_text(text.replace(line, line.replace(" }", f", year_offset = {value} }}")), "utf-8")
    r = run("check", "2024", "--targets", str(tmp_path / "t.toml"))
    assert r.exit_code == 2, r.output
    assert "year_offset" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("escape", ["\\u0001", "\\u001b", "\\uffff"])
def test_report_notes_refuse_control_characters_naming_file_and_position(run, ledger_dir, escape):
    (ledger_dir / "notes").mkdir(exist_ok=True)
    (ledger_dir / "notes" / "2024.toml").write_text(f'opening = "开头{escape}"\n', "utf-8")
    r = run("report", "2024", "-o", "r.docx")
    assert r.exit_code == 1, r.output
    assert "2024.toml:1" in r.output and "第 3 个字符" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda s: s.replace('title = "学法"', 'title = "学\\u0001法"'), "U+0001"),
        (lambda s: s + "participants = " + "9" * 5000 + "\n", "5000 位"),
        (lambda s: s + 'note = "' + "长" * (limits.MAX_TEXT_CHARS + 1) + '"\n', str(limits.MAX_TEXT_CHARS)),
    ],
)
def test_edit_refuses_what_readers_would_skip(run, ledger_dir, editor, change, words):
    r = run("add", "study", "-t", "学法", "-d", "2024-03-01", "--json")
    rid = json.loads(r.stdout)["id"]
    before = snapshot(ledger_dir)
    shown = editor(change, None)
    r = run("edit", rid)
    assert r.exit_code == 0 and "Traceback" not in r.output
    assert words in shown[1]  # reopened with the error on top
    assert snapshot(ledger_dir) == before
