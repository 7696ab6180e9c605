"""Sources and periods of the checklist: parsing, which targets are in force in a year, and the
loader's errors for [sources] tables."""

import datetime as dt
from pathlib import Path

import pytest

from fzlog import config as config_mod
from fzlog.errors import FzlogError
from fzlog.kinds import default_registry
from fzlog.targets import load_checklist
from fzlog.targets.sources import Span, parse_day, weakest

REG = default_registry()


def load(tmp_path: Path, body: str = "", **kw):
    path = tmp_path / "fzlog.toml"
    path.write_text('org = "测试局"\nprofile = "national"\n' + body, "utf-8")
    return load_checklist(REG, config_mod.load(path), **kw)


@pytest.mark.parametrize(
    "text, end, day",
    [
        ("2019-09-01", False, dt.date(2019, 9, 1)),
        ("2021-02", False, dt.date(2021, 2, 1)),
        ("2021-02", True, dt.date(2021, 2, 28)),
        ("2024-12", True, dt.date(2024, 12, 31)),
        ("2026", False, dt.date(2026, 1, 1)),
        ("2025", True, dt.date(2025, 12, 31)),
        ("2025-13-01", False, None),
        ("二〇二五", False, None),
    ],
)
def test_parse_day(text, end, day):
    assert parse_day(text, end=end) == day


def test_span_covers_the_years_it_touches():
    gangyao = Span(dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert [y for y in range(2019, 2028) if gangyao.covers(y)] == [2021, 2022, 2023, 2024, 2025]
    assert gangyao.ended_before(2026) and not gangyao.ended_before(2025)
    law = Span(dt.date(2025, 11, 1))
    assert law.covers(2025) and law.covers(2040) and law.starts_after(2024) and not law.starts_after(2025)


def test_weakest_state():
    assert weakest(["original", "secondary"]) == "secondary"
    assert weakest(["original", "not-found", "secondary"]) == "not-found"
    assert weakest([]) is None


def test_year_picks_the_targets_in_force(tmp_path):
    ids = lambda cl: [x.id for x in cl.targets]  # noqa: E731
    assert "leaders-study-in-review" not in ids(load(tmp_path, year=2025))
    assert "leaders-study-in-review" in ids(load(tmp_path, year=2026))
    c2026 = load(tmp_path, year=2026)
    assert [s.id for s in c2026.expired_sources()][0] == "gangyao-2021"
    assert load(tmp_path, year=2024).expired_sources() == []
    # a target whose every source has expired is not in force (local practice excepted)
    body = """
[sources.county-plan]
title = "某县2021－2023年工作规划"
state = "secondary"
where = "县政府网站"
from = "2021"
until = "2023"
[targets.county-target]
title = "县规划指标"
sources = ["county-plan"]
rule = { type = "exists", kinds = ["plan"] }
"""
    assert "county-target" in ids(load(tmp_path, body, year=2023))
    c2024 = load(tmp_path, body, year=2024)
    assert "county-target" not in ids(c2024) and "county-target" in [x.id for x in c2024.not_in_force]
    local = body + "local = true\n"
    assert "county-target" in ids(load(tmp_path, local, year=2024))


@pytest.mark.parametrize(
    "body, needle",
    [
        ('[sources.x]\ntitle = "x"\nstate = "verified"\nwhere = "w"\n', "state 无效"),
        ('[sources.x]\ntitle = "x"\nstate = "original"\nwhere = "w"\n', "quote"),
        ('[sources.x]\ntitle = "x"\nstate = "secondary"\nfrom = "2025"\nuntil = "2020"\n', "until 早于 from"),
        ('[sources.x]\ntitle = "x"\nstate = "secondary"\nfrom = "去年"\n', "from 无效"),
        ('[sources.x]\ntitle = "x"\nstate = "secondary"\nverified = true\n', "未知的键"),
        ('[targets.frp-meeting]\nstate = "read"\n', "state 无效"),
    ],
)
def test_source_errors_name_the_line(tmp_path, body, needle):
    with pytest.raises(FzlogError) as e:
        load(tmp_path, body)
    msg = str(e.value)
    assert f"{tmp_path / 'fzlog.toml'}:" in msg and needle in msg


def test_a_ledger_can_add_and_cite_its_own_source(tmp_path):
    body = """
[sources.county-rules]
title = "于田县法治建设考核办法（2024年）"
state = "original"
where = "县司法局印发文件"
quote = ["各部门每年举办法治讲座不少于4期"]
from = "2024"
[targets.leaders-law-lectures]
sources = ["county-rules"]
min = 4
"""
    lectures = {x.id: x for x in load(tmp_path, body, year=2024).targets}["leaders-law-lectures"]
    assert lectures.state == "original" and lectures.rule.min == 4 and lectures.local
    assert lectures.source.startswith("于田县法治建设考核办法（2024年）")


def test_old_verified_flag_of_a_ledgers_target_reads_as_a_state(tmp_path):
    body = (
        '[targets.own]\ntitle = "讲座"\nsource = "县文件"\nverified = false\n'
        'rule = { type = "count", kinds = ["lecture"], min = 1 }\n'
    )
    own = {x.id: x for x in load(tmp_path, body).targets}["own"]
    assert own.state == "not-found" and not own.verified
