"""The checklist loader: shipped profiles, windows, fzlog.toml overrides, and error messages that
name the file, the line and the target."""

import datetime as dt
from pathlib import Path

import pytest

from fzlog import config as config_mod
from fzlog.errors import FzlogError, UsageError
from fzlog.kinds import default_registry
from fzlog.targets import load_checklist
from fzlog.targets.loader import find_line

REG = default_registry()
NATIONAL = [
    "annual-report-submitted",
    "annual-report-published",
    "normative-doc-review",
    "major-decision-procedure",
    "legal-counsel",
    "frp-meeting",
    "leaders-law-lectures",
    "law-study-plan",
    "constitution-day",
    "litigation-appearance",
    "year-end-shufa",
    "leaders-study-in-review",
]


def ledger_config(tmp_path: Path, body: str, profile: str = "national") -> config_mod.Config:
    path = tmp_path / "fzlog.toml"
    path.write_text(f'org = "测试局"\nprofile = "{profile}"\n' + body, "utf-8")
    return config_mod.load(path)


def load(tmp_path, body="", profile="national", **kw):
    return load_checklist(REG, ledger_config(tmp_path, body, profile), **kw)


def error_of(tmp_path, body, **kw) -> str:
    with pytest.raises(FzlogError) as e:
        load(tmp_path, body, **kw)
    return str(e.value)


def test_shipped_profiles(tmp_path):
    national = load(tmp_path)
    assert national.profile == "national" and national.ids() == NATIONAL
    xinjiang = load(tmp_path, profile="xinjiang")
    assert xinjiang.ids() == NATIONAL + ["cpc-group-study-quarterly"]
    by_id = {x.id: x for x in xinjiang.targets}
    # only the targets resting wholly on texts read in the original count as verified
    assert {x.id for x in xinjiang.targets if x.verified} == {"major-decision-procedure", "litigation-appearance"}
    assert {x.id for x in xinjiang.targets if x.local} == {
        "frp-meeting",
        "leaders-law-lectures",
        "year-end-shufa",
        "cpc-group-study-quarterly",
    }
    assert by_id["leaders-law-lectures"].state == "not-found"
    assert by_id["annual-report-submitted"].state == "secondary"
    assert "条款号未找到" in by_id["annual-report-submitted"].basis
    assert all(x.title and x.source and x.short for x in xinjiang.targets)
    assert by_id["frp-meeting"].rule.min == 1


def test_explicit_profile_wins_over_the_ledgers(tmp_path):
    checklist = load_checklist(REG, ledger_config(tmp_path, "", "xinjiang"), profile="national")
    assert checklist.ids() == NATIONAL
    with pytest.raises(UsageError) as e:
        load_checklist(REG, ledger_config(tmp_path, ""), profile="beijing")
    assert "national、xinjiang" in str(e.value)


def test_windows_are_data(tmp_path):
    windows = load(tmp_path).windows
    assert windows["sci-tech-week"].days(2024) == (dt.date(2024, 5, 25), dt.date(2024, 6, 1))
    assert windows["sci-tech-week"].days(2025) is None
    assert windows["ip-week"].days(2025) == (dt.date(2025, 4, 20), dt.date(2025, 4, 26))
    assert windows["science-month"].days(2024) == (dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    # a ledger adds next year's dates in its fzlog.toml
    windows = load(tmp_path, '[windows.sci-tech-week.years]\n2025 = "05-17..05-24"\n').windows
    assert windows["sci-tech-week"].days(2025) == (dt.date(2025, 5, 17), dt.date(2025, 5, 24))
    assert windows["sci-tech-week"].days(2024) == (dt.date(2024, 5, 25), dt.date(2024, 6, 1))


# --- overrides -------------------------------------------------------------------------------------


def test_override_threshold(tmp_path):
    checklist = load(tmp_path, "[targets.frp-meeting]\nmin = 2\n")
    frp = {x.id: x for x in checklist.targets}["frp-meeting"]
    assert frp.rule.min == 2
    assert frp.rule.selector.where == {"chaired_by_principal": True}  # the rest of the rule stays
    checklist = load(tmp_path, "[targets.frp-meeting.rule]\nmin = 3\n")
    assert {x.id: x for x in checklist.targets}["frp-meeting"].rule.min == 3


def test_switch_off_and_on(tmp_path):
    checklist = load(
        tmp_path, "[targets.year-end-shufa]\nenabled = false\n[targets.cpc-group-study-quarterly]\nenabled = true\n"
    )
    assert "year-end-shufa" not in checklist.ids()
    assert checklist.ids()[-1] == "cpc-group-study-quarterly"


def test_own_target(tmp_path):
    body = """
[targets.enforcement-training]
title = "执法人员每人每年法治培训不少于40学时"
source = "于田县2024年法治政府建设工作要点"
rule = { type = "sum", kinds = ["training"], field = "hours", min = 40 }
"""
    checklist = load(tmp_path, body)
    own = checklist.targets[-1]
    assert own.id == "enforcement-training" and own.rule.type == "sum"
    # its own document, cited as text, in no state until the ledger says which
    assert own.source == "于田县2024年法治政府建设工作要点" and own.state is None and not own.verified


def test_replacing_the_rule_type(tmp_path):
    body = '[targets.leaders-law-lectures]\nrule = { type = "per-quarter", kinds = ["lecture"] }\n'
    lectures = {x.id: x for x in load(tmp_path, body).targets}["leaders-law-lectures"]
    assert lectures.rule.type == "per-quarter" and lectures.rule.min == 1


def test_targets_file_without_profiles(tmp_path):
    f = tmp_path / "地区指标.toml"
    f.write_text(
        '[targets.lectures]\ntitle = "讲座"\nsource = "地区文件"\nverified = false\n'
        'rule = { type = "count", kinds = ["lecture"], min = 4 }\n',
        "utf-8",
    )
    checklist = load(tmp_path, targets_file=f)
    assert checklist.ids() == ["lectures"] and checklist.profile == "地区指标.toml"
    assert checklist.source == str(f)


# --- errors name file, line and target ------------------------------------------------------------


def test_error_unknown_rule_type(tmp_path):
    body = '\n[targets.own]\ntitle = "x"\nsource = "y"\nrule = { type = "cnt", kinds = ["lecture"], min = 1 }\n'
    msg = error_of(tmp_path, body)
    assert msg.startswith(f"{tmp_path / 'fzlog.toml'}:7: 指标“own”：未知的规则类型“cnt”")
    assert "count" in msg and "deadline" in msg


def test_error_missing_min(tmp_path):
    body = '[targets.own]\ntitle = "x"\nsource = "y"\nrule = { type = "count", kinds = ["lecture"] }\n'
    assert error_of(tmp_path, body).endswith("fzlog.toml:6: 指标“own”：缺少 min。")


def test_error_unknown_kind(tmp_path):
    body = (
        '[targets.own]\ntitle = "x"\nsource = "y"\n\n[targets.own.rule]\ntype = "count"\nkinds = ["lectur"]\nmin = 1\n'
    )
    msg = error_of(tmp_path, body)
    assert "fzlog.toml:9: 指标“own”：未知的记录类型“lectur”" in msg and "lecture" in msg


def test_error_bad_override_value_points_at_its_line(tmp_path):
    msg = error_of(tmp_path, "[targets.frp-meeting]\n# 本县要求两次\nmin = -2\n")
    assert msg.endswith("fzlog.toml:5: 指标“frp-meeting”：min 无效：应为非负整数")


def test_error_override_of_unknown_target(tmp_path):
    msg = error_of(tmp_path, "[targets.frp-meetng]\nmin = 2\n")
    assert "fzlog.toml:3: 指标“frp-meetng”：缺少 rule" in msg and "frp-meeting" in msg


def test_error_empty_target_table(tmp_path):
    msg = error_of(tmp_path, "[targets.lectures]\n")
    assert "fzlog.toml:3: 指标“lectures”：缺少 rule" in msg and "leaders-law-lectures" in msg
    msg = error_of(tmp_path, "[targets]\nlectures = 2\n")
    assert "fzlog.toml:4: 指标“lectures”：应为表" in msg


def test_error_new_target_without_source(tmp_path):
    msg = error_of(tmp_path, '[targets.own]\ntitle = "x"\nrule = { type = "exists", kinds = ["shufa"] }\n')
    assert "fzlog.toml:3: 指标“own”：缺少 source" in msg


def test_error_bad_verified(tmp_path):
    msg = error_of(tmp_path, '[targets.frp-meeting]\nverified = "yes"\n')
    assert "fzlog.toml:4: 指标“frp-meeting”：verified 无效" in msg


def test_error_unknown_profile_in_config(tmp_path):
    msg = error_of(tmp_path, "", profile="beijing")
    assert "fzlog.toml:2:" in msg and "beijing" in msg and "national、xinjiang" in msg


def test_error_bad_window(tmp_path):
    msg = error_of(tmp_path, '[windows.ip-week]\ndates = "04-26..04-20"\n')
    assert "fzlog.toml:4:" in msg and "ip-week" in msg and "月-日..月-日" in msg


def test_error_in_a_targets_file(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text(
        '[targets.a]\ntitle = "讲座"\nsource = "s"\nrule = { type = "count", kinds = ["lecture"], min = 2 }\n\n'
        '[targets.b]\ntitle = "述法"\nsource = "s"\nrule = { type = "exists", kinds = ["shufa"], min = 1 }\n',
        "utf-8",
    )
    msg = error_of(tmp_path, "", targets_file=f)
    assert msg.startswith(f"{f}:9: 指标“b”：规则“exists”没有参数 min")


def test_error_toml_syntax_in_a_targets_file(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('[targets.a]\ntitle = "讲座\n', "utf-8")
    msg = error_of(tmp_path, "", targets_file=f)
    assert f"{f}:2:" in msg


def test_find_line():
    text = (
        'org = "x"\n[targets]\ninline = { min = 2 }\n[targets."quoted-id"]\n'
        'title = "t"\n  min = 3 # comment\n[targets.other.rule]\nmin = 1\n'
    )
    assert find_line(text, ("targets", "inline", "min")) == 3
    assert find_line(text, ("targets", "quoted-id")) == 4
    assert find_line(text, ("targets", "quoted-id", "min")) == 6
    assert find_line(text, ("targets", "quoted-id", "rule", "kinds")) == 4
    assert find_line(text, ("targets", "other", "rule", "min")) == 8
    assert find_line(text, ("org",)) == 1
    assert find_line(text, ("nothing",)) is None
