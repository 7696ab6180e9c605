"""The core commands through the public CLI, as a clerk uses them."""

import json
import tomllib

from tests.conftest import snapshot


def test_init_add_list_summary(run, ledger_dir):
    r = run(
        "add",
        "集中学习",
        "--title",
        "学习宪法",
        "--date",
        "2024-03-15",
        "--set",
        "participants=20",
        "--set",
        "学时=2",
        "--tag",
        "宪法",
        "--json",
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["id"].startswith("2024-03-15/study-")
    path = ledger_dir / "2024" / "2024-03-15" / (out["id"].split("/")[1] + ".toml")
    assert path.is_file() and out["path"] == path.as_posix()
    data = tomllib.loads(path.read_text("utf-8"))
    assert data == {
        "kind": "study",
        "date": __import__("datetime").date(2024, 3, 15),
        "title": "学习宪法",
        "tags": ["宪法"],
        "participants": 20,
        "hours": 2.0,
    }

    r = run(
        "add",
        "publicity",
        "-t",
        "国家宪法日宣传",
        "-d",
        "2024年12月4日",
        "-s",
        "materials=300",
        "-s",
        "consultations=45",
        "--place",
        "于田县巴扎",
        "--evidence",
        "签到表.jpg",
    )
    assert r.exit_code == 0, r.output
    assert "2024-12-04/publicity-" in r.output

    r = run("list", "2024", "--json")
    rows = json.loads(r.output)
    assert [x["kind"] for x in rows] == ["study", "publicity"]
    assert set(rows[0]) == {"id", "path", "kind", "date", "title", "tags", "note", "place", "evidence", "fields"}

    r = run("summary", "2024", "--json")
    s = json.loads(r.output)
    assert s["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert s["records"] == 2
    study = s["kinds"]["study"]
    assert {k: study[k] for k in ("label", "unit", "count")} == {"label": "集中学习", "unit": "次", "count": 1}
    assert {k: study["fields"][k] for k in ("participants", "hours")} == {"participants": 20, "hours": 2.0}
    assert study["rules"]["participants"] == "sum" and study["rules"]["count"] == "sum"
    assert study["groups"] == {} and study["at_least"] == {}
    assert s["kinds"]["publicity"]["fields"]["materials"] == 300

    r = run("summary", "2024")
    assert r.exit_code == 0 and "集中学习" in r.output and "1次" in r.output


def test_add_rejects_bad_input_and_leaves_ledger_unchanged(run, ledger_dir):
    before = snapshot(ledger_dir)
    cases = [
        (["add", "publicty", "-t", "x"], "publicity"),  # unknown kind, suggestion
        (["add", "publicity", "-t", "x", "-s", "matrials=3"], "materials"),  # unknown field
        (["add", "publicity", "-t", "x", "-s", "materials=-3"], "负数"),
        (["add", "publicity", "-t", "x", "-s", "materials=很多"], "整数"),
        (["add", "meeting", "-t", "x", "-s", "chaired_by_principal=maybe"], "是/否"),
        (["add", "publicity", "-t", "x", "-d", "2024-02-30"], "日期"),
        (["add", "publicity", "-t", "  "], "标题"),
        (["add", "publicity", "-t", "x", "-s", "materials"], "字段=值"),
        (["add", "publicity", "-t", "x", "-s", "title=y"], "--title"),
        (["add", "publicity"], "--title"),
    ]
    for args, needle in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert needle in r.output, (args, r.output)
        assert "Traceback" not in r.output
    assert snapshot(ledger_dir) == before


def test_unknown_kind_lists_kinds(run, ledger_dir):
    r = run("add", "宣传活动x", "-t", "x")
    assert r.exit_code == 2
    assert "study（集中学习）" in r.output


def test_boolean_words(run, ledger_dir):
    for word, expected in [("是", True), ("否", False), ("1", True), ("false", False)]:
        r = run("add", "meeting", "-t", "会", "-d", "2024-01-02", "-s", f"chaired_by_principal={word}", "--json")
        rec = json.loads(run("show", json.loads(r.output)["id"], "--json").output)
        assert rec["fields"]["chaired_by_principal"] is expected


def test_show_by_suffix_and_full_id(run, ledger_dir):
    rid = json.loads(run("add", "study", "-t", "学法", "-d", "2024-05-05", "--json").output)["id"]
    short = rid.rsplit("-", 1)[1]
    assert json.loads(run("show", short, "--json").output)["id"] == rid
    r = run("show", rid)
    assert r.exit_code == 0 and "学法" in r.output
    r = run("show", "ffffffff")
    assert r.exit_code == 1 and "找不到记录" in r.output
    r = run("show", "../../etc/passwd")
    assert r.exit_code == 2 and "编号" in r.output


def test_list_filters(run, ledger_dir):
    run("add", "publicity", "-t", "宪法日宣传", "-d", "2024-12-04", "--tag", "国家宪法日", "--tag", "巴扎日")
    run("add", "publicity", "-t", "科技活动周", "-d", "2024-05-28", "--tag", "巴扎日")
    run("add", "study", "-t", "学习民法典", "-d", "2024-05-01")
    titles = lambda r: [x["title"] for x in json.loads(r.output)]
    assert titles(run("list", "2024", "--kind", "法治宣传活动", "--json")) == ["科技活动周", "宪法日宣传"]
    assert titles(run("list", "2024", "--tag", "巴扎日", "--tag", "国家宪法日", "--json")) == ["宪法日宣传"]
    assert titles(run("list", "2024-Q2", "--json")) == ["学习民法典", "科技活动周"]
    assert titles(run("list", "2024", "--grep", "民法", "--json")) == ["学习民法典"]
    r = run("list", "2024", "--csv")
    assert r.output.splitlines()[0].startswith("id,date,kind,label,title")
    assert len(r.output.splitlines()) == 4
    r = run("list", "2024q9")
    assert r.exit_code == 2 and "2024-Q3" in r.output
    r = run("list", "2024", "--json", "--csv")
    assert r.exit_code == 2


def test_summary_by_and_compare(run, ledger_dir):
    run("add", "study", "-t", "a", "-d", "2023-03-01")
    for d in ("2024-01-10", "2024-02-10", "2024-07-10"):
        run("add", "study", "-t", "b", "-d", d)
    s = json.loads(run("summary", "2024", "--by", "quarter", "--json").output)
    assert [g["key"] for g in s["groups"]] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert [g["kinds"].get("study", {}).get("count", 0) for g in s["groups"]] == [2, 0, 1, 0]
    s = json.loads(run("summary", "2024", "--compare", "2023", "--json").output)
    assert s["compare"]["kinds"]["study"]["count"] == 1
    assert s["kinds"]["study"]["change"]["count"] == 2
    r = run("summary", "2024", "--compare", "prev")
    assert r.exit_code == 0 and "+2" in r.output
    r = run("summary", "2024", "--csv")
    assert "study" in r.output and r.output.startswith("group,kind")


def test_no_ledger_tells_user_to_init(run):
    r = run("summary", "2024")
    assert r.exit_code == 2
    assert "fzlog init" in r.output


def test_ledger_option_and_env(run, tmp_path, monkeypatch):
    run("init", "elsewhere", "--org", "某局")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert run("--ledger", str(tmp_path / "elsewhere"), "summary").exit_code == 0
    monkeypatch.setenv("FZLOG_LEDGER", str(tmp_path / "elsewhere"))
    assert run("summary").exit_code == 0
    r = run("--ledger", str(tmp_path / "nope"), "summary")
    assert r.exit_code == 2 and "fzlog init" in r.output


def test_ledger_found_walking_up(run, ledger_dir, tmp_path, monkeypatch):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert run("add", "study", "-t", "x", "-d", "2024-01-01").exit_code == 0
    assert list((ledger_dir / "2024").rglob("study-*.toml"))


def test_init_never_overwrites(run, ledger_dir):
    before = (ledger_dir / "fzlog.toml").read_bytes()
    r = run("init", "--org", "别的局")
    assert r.exit_code == 1 and "已经是台账" in r.output
    assert (ledger_dir / "fzlog.toml").read_bytes() == before


def test_ledger_extra_kinds_and_fields(run, ledger_dir):
    with open(ledger_dir / "fzlog.toml", "a", encoding="utf-8") as fh:
        fh.write(
            '\n[kinds.volunteer]\nlabel = "志愿服务"\nunit = "次"\n'
            'fields = [{ name = "hours", type = "float", label = "服务时长" }]\n'
            '\n[[kinds.publicity.fields]]\nname = "volunteers"\ntype = "int"\nlabel = "志愿者人数"\n'
        )
    assert run("add", "志愿服务", "-t", "普法志愿", "-d", "2024-03-05", "-s", "hours=3").exit_code == 0
    assert (
        run("add", "publicity", "-t", "宣传", "-d", "2024-03-05", "-s", "volunteers=4", "-s", "materials=10").exit_code
        == 0
    )
    s = json.loads(run("summary", "2024", "--json").output)
    assert s["kinds"]["volunteer"]["fields"] == {"hours": 3.0}
    assert s["kinds"]["publicity"]["fields"]["volunteers"] == 4
    assert "volunteer" in run("kinds").output


def test_broken_config_is_an_error_not_a_traceback(run, ledger_dir):
    (ledger_dir / "fzlog.toml").write_text('org = "x\n', encoding="utf-8")
    r = run("summary")
    assert r.exit_code == 1 and "fzlog.toml" in r.output and "Traceback" not in r.output


def test_help_shows_examples(run):
    for cmd in ("init", "add", "list", "show", "summary", "kinds"):
        r = run(cmd, "--help")
        assert r.exit_code == 0 and "示例" in r.output, cmd


def test_version(run):
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("fzlog ")


def test_interactive_add_prompts_for_title_and_fields(run, ledger_dir):
    r = run("add", "publicity", "-i", "-d", "2024-04-26", input="知识产权宣传周\n200\nabc\n30\n\n知识产权\n\n\n\n")
    assert r.exit_code == 0, r.output
    rec = json.loads(run("list", "2024", "--json").output)[0]
    assert rec["title"] == "知识产权宣传周"
    assert rec["fields"] == {"materials": 200, "consultations": 30, "theme": "知识产权"}


def test_english_on_request(run, ledger_dir, monkeypatch):
    run("add", "publicity", "-t", "Constitution Day", "-d", "2024-12-04", "-s", "materials=300")
    r = run("--lang", "en", "summary", "2024")
    assert "Law publicity" in r.output and "300 copies" in r.output and "法治宣传活动" not in r.output
    r = run("--lang", "en", "add", "publicty", "-t", "x")
    assert r.exit_code == 2 and "Did you mean 'publicity'" in r.output
    monkeypatch.setenv("FZLOG_LANG", "en")
    from fzlog.messages import set_lang

    set_lang("en")
    r = run("list", "2024q9")
    assert r.exit_code == 2 and "Unrecognised period" in r.output


def test_every_command_is_found_by_its_name():
    """The group names its commands before importing them: each name must be the command's own."""
    import click

    from fzlog.cli import COMMANDS, cli

    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name in COMMANDS:
        assert cli.get_command(ctx, name).name == name
    assert cli.get_command(ctx, "nosuch") is None
