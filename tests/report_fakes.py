"""A stand-in for the check feature's result (fzlog.targets.check_year), for report tests: the
report's appendix is built from objects of exactly this shape. The statuses follow
/work/shared/domain/targets.md's expectations for the sample; the evidence ids are read from the
ledger, not typed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from fzlog import period


@dataclass
class FakeTarget:
    id: str
    title: str
    source: str
    verified: bool = True


@dataclass
class FakeResult:
    target: FakeTarget
    status: str
    required: str = ""
    actual: str = ""
    evidence: list = field(default_factory=list)
    missing_evidence: bool = False


def fake_checks(ledger, year):
    records = ledger.load(period.year(year)).records
    ids = lambda kind: [r.id for r in records if r.kind == kind]  # noqa: E731
    return [
        FakeResult(FakeTarget("cpc-group-study-quarterly", "党组（党委）理论学习中心组每季度集体学法不少于1次",
                              "叶城县2023年度法治政府建设工作报告（地区做法）"),
                   "met", "每季度≥1次", f"{len(ids('study'))}次，每季度均有", ids("study")),
        FakeResult(FakeTarget("frp-meeting", "主要负责人主持召开法治建设专题会议（听取汇报）",
                              "《党政主要负责人履行推进法治建设第一责任人职责规定》第四条"),
                   "met", "≥1次", "1次", ids("meeting")),
        FakeResult(FakeTarget("leaders-law-lectures", "领导班子每年举办两期以上法治专题讲座",
                              "《法治政府建设实施纲要（2021－2025年）》十(三十四)", verified=False),
                   "unmet", "≥2期", "0期"),
        FakeResult(FakeTarget("normative-doc-review", "行政规范性文件全部经合法性审核并备案",
                              "国办《关于全面推行行政规范性文件合法性审核机制的指导意见》"),
                   "n/a", "", "本年无规范性文件"),
    ]
