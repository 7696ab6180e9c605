"""Tables: plain text into files and pipes, rich at a terminal (fzlog/cli/render.py)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fzlog.cli import render


def test_plain_table_aligns_by_display_width():
    text = render.plain_table(
        "标题",
        ["类型", "数量", "数据"],
        [
            ["集中学习", "12次", "参加人数 179"],
            ["study", "3次", ""],
            None,
            ["法治宣传活动", "12场/次", "发放宣传资料 2030份"],
        ],
        caption="27 条记录",
        justify={1: "right"},
    )
    assert text == (
        "标题\n"
        "\n"
        "类型" + " " * 13 + "数量  数据\n" + "━" * 42 + "\n"
        "集中学习" + " " * 9 + "12次  参加人数 179\n"
        "study" + " " * 13 + "3次\n" + "─" * 42 + "\n"
        "法治宣传活动  12场/次  发放宣传资料 2030份\n"
        "\n"
        "27 条记录\n"
    )
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


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text()
    | st.dates()
    | st.builds(Path, st.text(alphabet="ab/。", max_size=5)),
    lambda inner: (
        st.lists(inner, max_size=70)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4) | st.integers() | st.booleans() | st.none(), inner, max_size=70)
    ),
    max_leaves=200,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_is_written_as_json_dumps_writes_it(value):
    """emit_json_items streams a list an item at a time; it must write what emit_json (json.dumps)
    writes for the whole list, byte for byte."""
    want = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
    assert _captured(render.emit_json, value) == want
    if isinstance(value, list):
        assert _captured(render.emit_json_items, iter(value)) == want


def test_a_long_listing_is_written_as_one_json_array():
    items = [
        {"id": f"2024-01-01/study-{i:04x}", "title": "学习\n宪法", "tags": ["a", "b"], "fields": {"n": i}}
        for i in range(2500)
    ]
    want = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    assert _captured(render.emit_json_items, (dict(i) for i in items)) == want
    assert (
        _captured(render.emit_json, {"errors": [], "warnings": items, "files": 3})
        == json.dumps({"errors": [], "warnings": items, "files": 3}, ensure_ascii=False, indent=2) + "\n"
    )


def test_csv_and_tables_written_in_pieces_are_whole():
    rows = [[f"r{i}", '中文,引号"', i] for i in range(2500)]
    out = _captured(render.emit_csv, ["a", "b", "c"], iter(rows))
    assert out.count("\n") == 2501 and out.splitlines()[2500] == 'r2499,"中文,引号""",2499'
    lines = _captured(render.table, None, ["a", "b"], [[f"行{i}", str(i)] for i in range(2500)], caption="共")
    assert lines == render.plain_table(None, ["a", "b"], [[f"行{i}", str(i)] for i in range(2500)], caption="共")


def _captured(fn, *args, **kwargs) -> str:
    import click.testing

    runner = click.testing.CliRunner()

    @click.command()
    def cmd():
        fn(*args, **kwargs)

    result = runner.invoke(cmd, catch_exceptions=False)
    return result.stdout
