"""fzlog list in words: each figure next to its label, lower bounds and money as reports write
them, fitted to 80/100/120 columns without breaking a record id (#15 item 5)."""

import re

import pytest

from fzlog.cli.render import display_width


def add(run, ledger, kind, day, *sets, title="测试活动"):
    args = ["--ledger", str(ledger), "add", kind, "-t", title, "-d", day]
    for s in sets:
        args += ["--set", s]
    r = run(*args)
    assert r.exit_code == 0, r.output
    return r.output.split()[1]


def test_figures_read_as_reports_write_them(run, ledger_dir):
    add(run, ledger_dir, "publicity", "2024-03-01", "materials=2000余", "participants=18")
    add(run, ledger_dir, "enforcement-case", "2024-03-02", "fines=2.2万元")
    add(run, ledger_dir, "training", "2024-03-03", "hours=超60")
    out = run("--ledger", str(ledger_dir), "list", "2024").stdout
    assert "发放宣传资料 2000余份" in out and "参与人数 18人次" in out
    assert "罚没款 2.2万元" in out and "22000" not in out
    assert "人均学时 超60学时" in out
    assert "at_least" not in out and "下限" not in out and "materials" not in out


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_list_fits_the_terminal_and_keeps_ids_whole(run, sample, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    r = run("--ledger", str(sample), "list", "2024")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(display_width(x) for x in lines) <= columns
    ids = re.findall(r"^\d{4}-\d\d-\d\d  (\S+)", r.stdout, re.M)
    whole = [
        x["id"].split("-")[-1]
        for x in __import__("json").loads(run("--ledger", str(sample), "list", "2024", "--json").stdout)
    ]
    assert ids and all(any(w.endswith(i) or i.endswith(w) for w in whole) for i in ids)
    # every figure that fits the column stays whole on one line, its label next to its value
    monkeypatch.delenv("COLUMNS")
    whole_rows = [
        x for x in run("--ledger", str(sample), "list", "2024").stdout.splitlines() if re.match(r"\d{4}-\d\d-\d\d  ", x)
    ]
    pieces = {
        p.strip() for row in whole_rows if len(row.split("  ")) > 1 for p in re.split(r"\s{2,}", row)[-1].split("；")
    }
    short = [p for p in pieces if " " in p and display_width(p) <= 16]
    assert short and all(p in r.stdout for p in short), [p for p in short if p not in r.stdout]


def test_a_pipe_gets_whole_rows(run, sample, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    r = run("--ledger", str(sample), "list", "2024")
    rows = [x for x in r.stdout.splitlines() if re.match(r"\d{4}-\d\d-\d\d  ", x)]
    assert rows and not any("…" in x for x in rows)


def test_summary_counts_of_flags_and_means_carry_units(run, ledger_dir):
    add(run, ledger_dir, "meeting", "2024-03-01", "chaired_by_principal=true")
    add(run, ledger_dir, "meeting", "2024-04-01", "chaired_by_principal=false")
    for h in ("2", "3", "3"):
        add(run, ledger_dir, "training", "2024-05-01", f"hours={h}")
    out = run("--ledger", str(ledger_dir), "summary", "2024").stdout
    assert "其中主要负责人主持 1次" in out
    assert "人均学时 2.67学时" in out and "2.66667" not in out
