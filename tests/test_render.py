"""Tables: plain text into files and pipes, rich at a terminal (fzlog/cli/render.py)."""

from __future__ import annotations

from fzlog.cli import render


def test_plain_table_aligns_by_display_width():
    text = render.plain_table("标题", ["类型", "数量", "数据"],
                              [["集中学习", "12次", "参加人数 179"], ["study", "3次", ""], None,
                               ["法治宣传活动", "12场/次", "发放宣传资料 2030份"]],
                              caption="27 条记录", justify={1: "right"})
    assert text == (
        "标题\n"
        "\n"
        "类型" + " " * 13 + "数量  数据\n"
        + "━" * 42 + "\n"
        "集中学习" + " " * 9 + "12次  参加人数 179\n"
        "study" + " " * 13 + "3次\n"
        + "─" * 42 + "\n"
        "法治宣传活动  12场/次  发放宣传资料 2030份\n"
        "\n"
        "27 条记录\n")
    assert not any(line.endswith(" ") for line in text.splitlines())


def test_plain_table_cell_with_line_breaks_spans_lines():
    text = render.plain_table(None, ["a", "b"], [["x\ny", "1"], ["z", "2\n3"]])
    assert text.splitlines() == ["a  b", "━━━━", "x  1", "y", "z  2", "   3"]


def test_display_width():
    assert render.display_width("abc") == 3
    assert render.display_width("集中学习") == 8
    assert render.display_width("ｆｚ（）") == 8  # full-width forms
    assert render.display_width("e\u0301") == 1  # a combining accent takes no column


def test_table_into_a_pipe_is_plain_and_at_a_terminal_rich(run, sample, monkeypatch):
    plain = run("--ledger", str(sample), "summary", "2024").stdout
    assert "集中学习" in plain and "12次" in plain and not any(line.endswith(" ") for line in plain.splitlines())
    monkeypatch.setattr(render, "to_terminal", lambda: True)
    fancy = run("--ledger", str(sample), "summary", "2024").stdout
    assert "集中学习" in fancy and "12次" in fancy
    assert fancy != plain and any(line.endswith(" ") for line in fancy.splitlines())  # rich pads its cells


def test_hostile_text_is_escaped_in_plain_tables():
    text = render.plain_table(None, ["t"], [[render.safe("a\x1b[2Jb\u202e")]])
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b" in text
