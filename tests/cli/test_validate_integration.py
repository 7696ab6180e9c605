"""validate knows the ledger's other residents: evidence folders, report notes, missing evidence."""

import json


def test_attached_evidence_is_not_a_stray_file_and_missing_files_are_warned(run, ledger_dir, tmp_path):
    photo = tmp_path / "签到表.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    r = run(
        "add",
        "publicity",
        "-t",
        "宪法日",
        "-d",
        "2024-12-04",
        "--attach",
        str(photo),
        "--evidence",
        "evidence/会议纪要.pdf",
        "--evidence",
        "纸质签到表存档案室",
    )
    assert r.exit_code == 0, r.output
    r = run("validate", "--json")
    data = json.loads(r.stdout)
    assert data["errors"] == []
    assert [(w["code"], w["message"]) for w in data["warnings"]] == [
        ("evidence-missing", "佐证材料文件不存在：evidence/会议纪要.pdf")
    ]
    assert r.exit_code == 0
    assert run("validate", "--strict").exit_code == 1


def test_broken_notes_file_is_reported_with_its_line(run, ledger_dir):
    notes = ledger_dir / "notes"
    notes.mkdir()
    (notes / "2024.toml").write_text('[[shortcomings]]\ntitle = "宣传不够"\n', "utf-8")  # no text
    (notes / "草稿.docx").write_bytes(b"x")
    r = run("validate", "--json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1
    [err] = data["errors"]
    assert err["code"] == "notes" and err["path"].endswith("notes/2024.toml") and err["line"] == 1
    assert any(w["path"].endswith("草稿.docx") for w in data["warnings"])


def test_sample_notes_are_valid(run, sample):
    r = run("--ledger", str(sample), "validate")
    assert r.exit_code == 0, r.output
