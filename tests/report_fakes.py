"""A stand-in for the check feature's result (fzlog.targets.check_year), for report tests: the
report's appendix is built from objects of exactly this shape. The statuses are those
`fzlog check 2024` gives on the sample (see docs/check.md); the evidence ids are read from the
ledger, not typed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from fzlog import period
from fzlog.targets.sources import Citation, Source


def _source(sid: str, title: str, state: str) -> Citation:
    return Citation(Source(id=sid, title=title, state=state))


@dataclass
class FakeTarget:
    id: str
    title: str
    source: str = ""  # a target of the older shape: source text and a verified flag
    verified: bool = True
    cited: tuple | None = None  # the check's shape: the sources cited, each with its state
    basis: str = ""
    local: bool = False
    region: str = ""
    source_text: str = ""
    source_state: str | None = None


@dataclass
class FakeResult:
    target: FakeTarget
    status: str
    required: str = ""
    actual: str = ""
    evidence: list = field(default_factory=list)
    missing_evidence: bool = False


def fake_checks(ledger, year, loaded=None):
    records = ledger.load(period.year(year)).records
    ids = lambda kind: [r.id for r in records if r.kind == kind]  # noqa: E731
    return [
        FakeResult(
            FakeTarget(
                "cpc-group-study-quarterly",
                "党组（党委）理论学习中心组每季度集体学法不少于1次",
                cited=(
                    _source("xinjiang-report-2023", "新疆维吾尔自治区人民政府2023年度法治政府建设情况报告", "original"),
                ),
                basis="“每季度不少于1次”为本地最低要求",
                local=True,
                region="新疆维吾尔自治区",
            ),
            "met",
            "每季度≥1次",
            f"{len(ids('study'))}次，每季度均有",
            ids("study"),
        ),
        FakeResult(
            FakeTarget(
                "frp-meeting",
                "主要负责人主持召开法治建设专题会议（听取汇报）",
                cited=(
                    _source(
                        "frp-rules-2016", "《党政主要负责人履行推进法治建设第一责任人职责规定》（2016年）", "secondary"
                    ),
                ),
                basis="第四条（亲自部署、亲自过问）",
                local=True,
                region="各省实施办法",
            ),
            "met",
            "≥1次",
            "1次",
            ids("meeting"),
        ),
        FakeResult(
            FakeTarget(
                "leaders-law-lectures",
                "领导班子每年举办法治专题讲座（本地指标）",
                cited=(
                    _source(
                        "lectures-two-a-year",
                        "《法治政府建设实施纲要（2021－2025年）》十（三十四）“两期以上”",
                        "not-found",
                    ),
                ),
                basis="无全国性依据可引",
                local=True,
            ),
            "unmet",
            "≥2期",
            "0期",
        ),
        FakeResult(
            FakeTarget(
                "normative-doc-review",
                "行政规范性文件全部经合法性审核并备案",
                cited=(
                    _source(
                        "normative-review-guidance-2018",
                        "国务院办公厅《关于全面推行行政规范性文件合法性审核机制的指导意见》（2018年）",
                        "secondary",
                    ),
                ),
            ),
            "n/a",
            "",
            "本年无规范性文件",
        ),
    ]
