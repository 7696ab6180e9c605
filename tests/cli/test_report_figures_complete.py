"""Every non-zero figure of `fzlog summary --json` reaches the drafted report: each kind's count,
each field's figure, each group value's count and each ratio, written with its lower-bound word
(2000余, 超60) in a sentence about its kind — except what [report.kinds.X] `internal` hides. Run
on the seed sample, the three replayed reports of issue 14 and a ledger with its own kind."""

from __future__ import annotations

import json
import shutil

import pytest

from fzlog.report import settings as settings_mod
from fzlog.store.ledger import Ledger
from tests.cli.replay import figure_words, in_draft, replay
from tests.cli.test_replay_reports import REPORTS
from tests.conftest import SAMPLE


def summary_figures(kinds: dict, internal: dict) -> list[tuple[str, str, object, str | None, bool]]:
    """(kind, path, value, bound, percent) of every figure a draft must write."""
    out = []
    for slug, k in kinds.items():
        hidden = internal.get(slug, ())
        if k["count"] and "count" not in hidden:
            out.append((slug, slug, k["count"], k["at_least"].get("count"), False))
        for name, value in k["fields"].items():
            if name in hidden or isinstance(value, bool) or value in (0, None, "", []):
                continue
            if k["rules"].get(name) == "count-true" and value == k["count"]:
                continue  # all of them: written 均…, not as a number
            out.append((slug, f"{slug}.{name}", value, k["at_least"].get(name), False))
        for name, shares in k["groups"].items():
            if name in hidden or "count" in hidden:
                continue
            for value, part in shares.items():
                if part["count"] != k["count"] or len(shares) > 1:
                    out.append((slug, f"{slug}[{name}={value}]", part["count"], None, False))
        for name, r in k["ratios"].items():
            if r["percent"] is not None:
                out.append((slug, f"{slug}%{name}", r["percent"], None, True))
    return out


def missing_figures(run, ledger_dir, year: int) -> list[str]:
    r = run("summary", str(year), "--json")
    assert r.exit_code == 0, r.output
    kinds = json.loads(r.stdout)["kinds"]
    r = run("report", str(year), "--format", "json", "--org", "测试局")
    assert r.exit_code == 0, r.output
    paragraphs = [b["text"] for b in json.loads(r.stdout)["body"] if b["type"] == "paragraph"]
    ledger = Ledger(ledger_dir)
    settings = settings_mod.load(ledger.config.raw, ledger.registry)
    internal = {slug: p.internal for slug, p in settings.phrases.items()}
    out = []
    for slug, path, value, bound, percent in summary_figures(kinds, internal):
        kind = ledger.registry.get(slug)
        f = kind.field(path.split(".", 1)[1]) if "." in path else None
        words = figure_words(value, bound, percent=percent, scale=f.scale if f else 1)
        context = (
            kind.label,
            *kind.aliases,
            *(w for w in kind.sentence.replace("{", " ").replace("}", " ").split() if len(w) > 1),
        )
        if "[" in path:
            context += (path.split("=", 1)[1].rstrip("]"),)
        if f is not None:
            context += (f.label,)
        context = tuple(w for w in context if len(w) >= 2) + tuple(
            seg for seg in _words(kind.sentence) if len(seg) >= 2
        )
        if words and not in_draft(paragraphs, words, context):
            out.append(f"{path} = {words}")
    return out


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[\u4e00-\u9fff]{2,}", text)


def test_the_seed_samples_figures_are_all_in_its_draft(run, tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "data")
    run_in = tmp_path / "data"
    import os

    os.chdir(run_in)
    assert missing_figures(run, run_in, 2024) == []
    assert missing_figures(run, run_in, 2023) == []


@pytest.mark.parametrize("case", REPORTS, ids=lambda c: c.slug)
def test_a_replayed_reports_figures_are_all_in_its_draft(run, tmp_path, case):
    replay(run, tmp_path, case)
    assert missing_figures(run, tmp_path / "data", case.year) == []


CUSTOM = """
[kinds.volunteer]
label = "普法志愿服务"
unit = "次"
fields = [
  { name = "volunteers", type = "int", label = "志愿者", unit = "人" },
  { name = "hours", type = "float", label = "服务时长", unit = "小时" },
  { name = "village", type = "text", label = "村社区", aggregate = "group" },
]
"""


def test_a_custom_kind_and_other_records_reach_the_draft(run, tmp_path):
    assert run("init", "data", "--org", "测试局").exit_code == 0
    cfg = tmp_path / "data" / "fzlog.toml"
    cfg.write_text(cfg.read_text("utf-8") + CUSTOM, "utf-8")
    for args in (
        (
            "volunteer",
            "-t",
            "进村普法",
            "-d",
            "2024-03-01",
            "-s",
            "volunteers=12",
            "-s",
            "hours=30",
            "-s",
            "village=东村",
        ),
        ("volunteer", "-t", "进社区普法", "-d", "2024-05-01", "-s", "volunteers=8", "-s", "village=西社区"),
        ("other", "-t", "组织党员干部参加普法建档考试，通过率100%", "-d", "2024-06-01"),
        ("other", "-t", "《法治建设工作责任清单》", "-d", "2024-07-01"),
    ):
        r = run("add", *args)
        assert r.exit_code == 0, r.output
    assert missing_figures(run, tmp_path / "data", 2024) == []
    text = run("report", "2024", "--org", "测试局").stdout
    assert (
        "开展普法志愿服务2次，志愿者20人，服务时长30小时，其中东村1次（志愿者12人，服务时长30小时）、西社区1次（志愿者8人）。"
        in text
    )
    assert "开展了组织党员干部参加普法建档考试，通过率100%、《法治建设工作责任清单》等工作。" in text
    assert "《组织党员干部" not in text and "其他法治工作2次" not in text
    # the ledger's own template
    cfg.write_text(
        cfg.read_text("utf-8")
        + '\n[report.kinds.volunteer]\nsentence = "组织志愿者{volunteers}人次进村入户普法{count}次。"\n',
        "utf-8",
    )
    text = run("report", "2024", "--org", "测试局").stdout
    assert (
        "组织志愿者20人次进村入户普法2次，服务时长30小时，其中东村1次（志愿者12人，服务时长30小时）、西社区1次（志愿者8人）。"
        in text
    )
