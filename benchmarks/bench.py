#!/usr/bin/env python3
"""fzlog performance benchmark (issue 6) — not part of the test suite.

Generates a synthetic ledger of N records (default 100,000 over the ten years 2015–2024, the default
kinds, realistic Chinese titles, tags and fields; every file written by ``fzlog.record.to_toml`` so
it follows the record contract exactly), the equivalent hledger/ledger journal (one transaction per
activity, per-kind counts and the figures that add up — sums and counts of yes — as virtual postings),
a second journal as a ledger-cli user would write it (one posting per activity plus one per figure
the record sets: every number and every yes, whatever its aggregation rule; ledger-cli's speed
depends on the number of postings), and times, side by side in one run:

* ``fzlog summary 2024`` and ``fzlog summary 2015..2024``, cold (no cache) and warm,
  against ``hledger bal`` and ``ledger bal`` over the same period (when installed), and
  ``ledger bal`` on the user's journal;
* a stat-scan floor (``find -printf`` stats every file) and a ``grep -r`` floor (reads every file);
* ``fzlog add`` and ``fzlog --help`` against ``python -c "import click"``; ``add`` on an empty
  ledger against ``add`` on the big one (its cost must not depend on the ledger's size);
* the peak memory (max RSS, from ``wait4``) of every command;
* a 5,000-record bureau ledger on which every command must answer in under 0.3 s.

It prints a table of medians and ratios and PASS/FAIL against each target of issue 6.

    python benchmarks/bench.py                  # N=100,000 and the 5,000-record bureau
    python benchmarks/bench.py -n 20000 -r 3    # smaller, quicker
    python benchmarks/bench.py --bureau-only

Generated ledgers go to ``benchmarks/out/`` (git-ignored) and are reused when present.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from fzlog import __version__  # noqa: E402
from fzlog.kinds import default_registry  # noqa: E402
from fzlog.record import Record, to_toml  # noqa: E402

GENERATOR_VERSION = 3
CACHE_DIR = ".fzlog-cache"

# ---------------------------------------------------------------------------------------------
# Synthetic ledger
# ---------------------------------------------------------------------------------------------

LAWS = [
    "中华人民共和国宪法",
    "中华人民共和国民法典",
    "中华人民共和国行政复议法",
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "优化营商环境条例",
    "中华人民共和国科学技术进步法",
    "中华人民共和国保守国家秘密法",
    "中华人民共和国安全生产法",
    "中华人民共和国网络安全法",
    "中华人民共和国数据安全法",
    "中华人民共和国个人信息保护法",
    "中华人民共和国国家安全法",
    "中华人民共和国反电信网络诈骗法",
    "中华人民共和国乡村振兴促进法",
    "中华人民共和国行政诉讼法",
    "中华人民共和国政府信息公开条例",
    "中华人民共和国促进科技成果转化法",
    "中华人民共和国专利法",
    "中华人民共和国种子法",
    "新疆维吾尔自治区科学技术普及条例",
    "中华人民共和国反有组织犯罪法",
    "中华人民共和国档案法",
]
THEMES = [
    "国家宪法日",
    "科技活动周",
    "知识产权宣传周",
    "全民国家安全教育日",
    "民法典宣传月",
    "防范电信网络诈骗",
    "安全生产月",
    "“八五”普法",
    "科技下乡",
    "反邪教宣传",
    "禁毒宣传",
    "法律进乡村",
]
PLACES = [
    "局会议室",
    "于田县巴扎",
    "木尕拉镇",
    "奥依托格拉克乡",
    "先拜巴扎镇",
    "加依乡",
    "县科技馆",
    "县人民广场",
    "希吾勒乡",
    "阿日希乡",
    "喀尔克乡",
    "托格日尕孜乡",
    "英巴格乡",
    "兰干乡",
]
TAGS = [
    "机关学法",
    "中心组学习",
    "八五普法",
    "国家宪法日",
    "巴扎日",
    "进企业解难题促发展",
    "政策咨询",
    "法律顾问",
    "科技活动周",
    "知识产权",
    "营商环境",
    "乡村振兴",
    "科技特派员",
    "普法责任制",
    "谁执法谁普法",
    "专题研讨",
]
COMPANIES = [
    "于田县佳禾种业有限公司",
    "于田县昆仑红枣科技有限公司",
    "于田县大芸生物科技有限公司",
    "于田县玫瑰花农业开发有限公司",
    "于田县沙漠人参种植专业合作社",
    "于田县新丝路农业科技有限公司",
    "于田县绿洲养殖专业合作社",
    "于田县克里雅河水利工程有限公司",
    "和田于田万达纺织有限公司",
    "于田县阳光光伏科技有限公司",
    "于田县艾德莱斯丝绸有限公司",
    "于田县天然气服务有限公司",
]
SPEAKERS = [
    "县司法局 阿依古丽·买买提",
    "法律顾问 王建国律师",
    "县委党校 李明",
    "局长 艾尔肯·吐尔逊",
    "县法院 张丽",
    "自治区科技厅 刘伟",
]
AUDIENCES = ["机关干部职工", "行政执法人员", "科技特派员", "乡镇科技干部", "企业负责人", "新任职干部"]
CHANNELS = ["法治宣传栏", "门户网站", "微信公众号", "政务新媒体", "村级广播"]
POLICIES = [
    "关于加快科技成果转化的若干措施",
    "科技型中小企业评价办法",
    "自治区科技计划项目管理办法",
    "高新技术企业认定管理办法",
    "研发费用加计扣除政策",
    "科技特派员制度实施方案",
    "优化营商环境若干措施",
]
MATTERS = ["合同", "规范性文件", "重大行政决策", "信访事项", "行政处罚案件", "政府信息公开申请"]
OUTCOMES = ["维持", "驳回诉讼请求", "撤诉", "调解结案", "确认违法", "撤销"]
STUDY_TITLES = [
    "集中学习《{law}》",
    "党组理论学习中心组学习《{law}》",
    "机关干部集体学法：《{law}》",
    "学习习近平法治思想及《{law}》",
]
PUBLICITY_TITLES = ["{theme}法治宣传活动", "{theme}主题宣传进{place}", "“{theme}”普法宣传活动", "开展{theme}集中宣传"]

# kind slug → relative weight (a county office's mix of activities)
WEIGHTS = {
    "study": 15,
    "seminar": 5,
    "lecture": 4,
    "training": 5,
    "meeting": 4,
    "decision": 2,
    "normative-doc": 2,
    "counsel": 6,
    "publicity": 20,
    "policy-notice": 12,
    "enterprise-visit": 15,
    "plan": 1,
    "annual-report": 0.5,
    "litigation": 1,
    "reconsideration": 1,
    "shufa": 0.5,
    "other": 6,
}


def _fields(kind: str, day: dt.date, r: random.Random) -> tuple[str, dict]:
    """A title and the kind's fields for one synthetic activity."""
    law = r.choice(LAWS)
    yes = lambda p=0.8: r.random() < p  # noqa: E731
    if kind == "study":
        return r.choice(STUDY_TITLES).format(law=law), {
            "participants": r.randint(6, 45),
            "hours": r.choice([1, 1.5, 2, 2.5, 3]),
            "topic": f"《{law}》",
        }
    if kind == "seminar":
        return f"专题研讨：深入学习贯彻《{law}》", {"participants": r.randint(5, 20)}
    if kind == "lecture":
        return f"法治专题讲座：《{law}》解读", {
            "participants": r.randint(20, 120),
            "hours": r.choice([1.5, 2, 3]),
            "speaker": r.choice(SPEAKERS),
        }
    if kind == "training":
        aud = r.choice(AUDIENCES)
        return f"{aud}法律知识培训", {
            "participants": r.randint(15, 80),
            "hours": r.choice([2, 4, 6, 8]),
            "audience": aud,
        }
    if kind == "meeting":
        return f"召开{day.year}年法治政府建设专题会议", {
            "chaired_by_principal": yes(0.9),
            "topic": f"研究部署{day.year}年法治政府建设重点工作",
        }
    if kind == "decision":
        return f"研究决定《于田县科技计划项目管理办法（{day.year}年修订）》", {
            k: yes(0.85)
            for k in (
                "public_participation",
                "expert_review",
                "risk_assessment",
                "legality_review",
                "collective_decision",
            )
        }
    if kind == "normative-doc":
        return f"印发《于田县{r.choice(POLICIES)}实施细则》", {
            "doc_number": f"于科发〔{day.year}〕{r.randint(1, 60)}号",
            **{
                k: yes(0.9)
                for k in (
                    "public_comment",
                    "legality_review",
                    "fair_competition_review",
                    "collective_decision",
                    "filed",
                    "published",
                )
            },
        }
    if kind == "counsel":
        matter = r.choice(MATTERS)
        return f"法律顾问审查{matter}", {"matter": matter, "opinion_adopted": yes(0.9)}
    if kind == "publicity":
        theme = r.choice(THEMES)
        f = {"materials": r.randint(50, 500), "consultations": r.randint(5, 80)}
        if yes(0.4):
            f["participants"] = r.randint(30, 600)
        f["theme"] = theme
        return r.choice(PUBLICITY_TITLES).format(theme=theme, place=r.choice(PLACES)), f
    if kind == "policy-notice":
        return f"解读《{r.choice(POLICIES)}》", {"channel": r.choice(CHANNELS)}
    if kind == "enterprise-visit":
        company = r.choice(COMPANIES)
        found = r.randint(0, 3)
        return f"走访服务{company}", {
            "enterprise": company,
            "problems_found": found,
            "problems_solved": r.randint(0, found),
        }
    if kind == "plan":
        return f"{day.year}年普法工作计划", {"plan_type": "普法计划", "for_year": day.year}
    if kind == "annual-report":
        return f"{day.year - 1}年法治政府建设工作报告", {
            "for_year": day.year - 1,
            "submitted": day,
            "published": day + dt.timedelta(days=r.randint(1, 20)),
        }
    if kind == "litigation":
        return "行政应诉：某公司诉本局政府信息公开案", {"principal_appeared": yes(0.7), "outcome": r.choice(OUTCOMES)}
    if kind == "reconsideration":
        return "行政复议：申请人不服行政处罚决定", {"outcome": r.choice(OUTCOMES), "corrected": yes(0.1)}
    if kind == "shufa":
        return f"{day.year}年度主要负责人述法", {"speaker": r.choice(SPEAKERS)}
    return f"其他法治工作：{r.choice(['法治建设自查', '普法责任清单更新', '执法案卷评查', '法治档案整理'])}", {}


#: The aggregation rules whose figures a journal's balances reproduce (a balance is a sum).
ADDING = ("sum", "count-true")


def journal_postings(kind, fields) -> list[tuple[str, object]]:
    """The virtual postings whose balances equal fzlog's figures: one count posting per activity,
    one per summed number, 1 per true yes/no step."""
    out: list[tuple[str, object]] = [(f"count:{kind}", 1)]
    for f in default_registry().get(kind).fields:
        v = fields.get(f.name)
        if v is None or f.aggregate not in ADDING:
            continue
        if f.type == "bool":
            if v:
                out.append((f"fields:{kind}:{f.name}", 1))
        elif v and isinstance(v, (int, float)):  # a text field that splits a count is no posting
            out.append((f"fields:{kind}:{f.name}", v))
    return out


def user_postings(kind, fields) -> list[tuple[str, object]]:
    """The postings a ledger-cli user would write for one activity: one for the activity, one
    per figure the record sets (every number and every yes, whatever fzlog's rule for it;
    texts, dates and lists are no amounts), under the kind's and the field's Chinese labels."""
    k = default_registry().get(kind)
    out: list[tuple[str, object]] = [(f"活动:{k.label}", 1)]
    for f in k.fields:
        v = fields.get(f.name)
        if f.type == "bool" and v is True:
            out.append((f"{k.label}:{f.label}", 1))
        elif f.type in ("int", "float") and v is not None:
            out.append((f"{k.label}:{f.label}", v))
    return out


def generate(root: Path, journal: Path, n: int, first_year: int, last_year: int, seed: int) -> dict:
    """Write an n-record ledger under ``root``, its journal and the user's journal (``journal``
    with the suffix ``.user.journal``); return expected totals per year."""
    t0 = time.perf_counter()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "fzlog.toml").write_text(
        'org = "于田县科学技术局（基准测试）"\nregion = "新疆维吾尔自治区和田地区于田县"\nprofile = "xinjiang"\n',
        "utf-8",
    )
    (root / ".gitignore").write_text(f"{CACHE_DIR}/\n*.tmp\n", "utf-8")
    reg = default_registry()
    r = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    start, end = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    span = (end - start).days + 1
    days = sorted(start + dt.timedelta(days=r.randrange(span)) for _ in range(n))
    expected: dict[str, dict[str, dict[str, float]]] = {}
    jlines: list[str] = []
    ulines: list[str] = []
    made_dirs: set[Path] = set()
    used: set[str] = set()
    for day in days:
        kind = r.choices(kinds, weights)[0]
        title, fields = _fields(kind, day, r)
        place = r.choice(PLACES) if r.random() < 0.6 else ""
        tags = tuple(dict.fromkeys(r.sample(TAGS, r.randint(0, 3))))
        note = "联合县司法局开展，群众反响良好" if r.random() < 0.15 else ""
        evidence = (f"evidence/{day.isoformat()}-{r.choice(['签到表.jpg', '活动照片.jpg', '会议记录.pdf'])}",)
        rec = Record(
            kind=kind, date=day, title=title, place=place, tags=tags, note=note, evidence=evidence, fields=fields
        )
        ddir = root / f"{day.year:04d}" / day.isoformat()
        if ddir not in made_dirs:
            ddir.mkdir(parents=True, exist_ok=True)
            made_dirs.add(ddir)
        while True:
            name = f"{day.isoformat()}/{kind}-{r.getrandbits(16):04x}"
            if name not in used:
                used.add(name)
                break
        with open(ddir / f"{name.split('/')[1]}.toml", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(to_toml(rec, reg))
        postings = journal_postings(kind, fields)
        jlines.append(f"{day.isoformat()} {title}\n")
        jlines.extend(f"    ({acct})  {amount}\n" for acct, amount in postings)
        jlines.append("\n")
        ulines.append(f"{day.isoformat()} {title}\n")
        ulines.extend(f"    ({acct})  {amount}\n" for acct, amount in user_postings(kind, fields))
        ulines.append("\n")
        year = expected.setdefault(str(day.year), {})
        for acct, amount in postings:
            year[acct] = round(year.get(acct, 0) + amount, 6)
    journal.write_text("".join(jlines), "utf-8")
    user_journal(journal).write_text("".join(ulines), "utf-8")
    return {
        "generator": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "years": [first_year, last_year],
        "expected": expected,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def user_journal(journal: Path) -> Path:
    return journal.with_suffix(".user.journal")


def ensure_ledger(
    out: Path, name: str, n: int, first_year: int, last_year: int, seed: int, regenerate: bool
) -> tuple[Path, Path, dict]:
    root, journal, manifest = out / name, out / f"{name}.journal", out / f"{name}.json"
    want = {"generator": GENERATOR_VERSION, "n": n, "seed": seed, "years": [first_year, last_year]}
    if (
        not regenerate
        and manifest.is_file()
        and journal.is_file()
        and user_journal(journal).is_file()
        and (root / "fzlog.toml").is_file()
    ):
        meta = json.loads(manifest.read_text("utf-8"))
        if all(meta.get(k) == v for k, v in want.items()):
            print(f"reusing {root} ({n:,} records)", flush=True)
            return root, journal, meta
    print(f"generating {root} ({n:,} records) …", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    manifest.unlink(missing_ok=True)
    # in a child process, so that this one stays small: a child's peak RSS as the kernel reports
    # it includes the memory its parent had when it forked
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--generate-into",
            str(root),
            "-n",
            str(n),
            "--seed",
            str(seed),
            "--years",
            f"{first_year}..{last_year}",
        ],
        check=True,
    )
    meta = json.loads(manifest.read_text("utf-8"))
    print(f"  done in {meta['seconds']} s", flush=True)
    return root, journal, meta


def generate_into(root: Path, n: int, seed: int, years: str) -> None:
    first, last = (int(y) for y in years.split(".."))
    meta = generate(root, root.with_name(f"{root.name}.journal"), n, first, last, seed)
    root.with_name(f"{root.name}.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    rss_mb: float


@dataclass
class Row:
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


@dataclass
class Cmd:
    """One command to time: its argv, what to do before each run, which exit codes are fine."""

    key: str
    label: str
    argv: list[str]
    env: dict | None = None
    before: object = None
    ok: tuple = (0,)
    capture: bool = False  # keep stdout (for commands whose output is needed, e.g. add --json)


def run_once(cmd: Cmd) -> tuple[Sample, bytes]:
    """Run ``cmd``; its wall time and its own peak RSS (``wait4`` rusage of that child)."""
    if cmd.before:
        cmd.before()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd.argv,
        stdout=subprocess.PIPE if cmd.capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cmd.env,
    )
    out = proc.stdout.read() if cmd.capture else b""
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()
    if proc.returncode not in cmd.ok:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd.argv)}\n{err.decode(errors='replace')}")
    rss_kb = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Sample(wall, rss_kb / 1024), out


def measure(cmds: list[Cmd], repeats: int, rows: dict[str, Row], after=None) -> None:
    """Time the commands round-robin — one run of each per round — so that whatever else the
    machine does at the time weighs on all of them alike."""
    for c in cmds:
        rows.setdefault(c.key, Row(c.label))
    for _ in range(repeats):
        for c in cmds:
            sample, out = run_once(c)
            rows[c.key].samples.append(sample)
            if after:
                after(c, out)
    for c in cmds:
        r = rows[c.key]
        print(f"  {r.label:<46} {r.median * 1000:9.1f} ms  {r.peak_mb:7.1f} MB", flush=True)


def fzlog_command() -> list[str]:
    script = Path(sys.executable).with_name("fzlog")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "fzlog"]


def drop_cache(root: Path):
    def drop():
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)

    return drop


def env_for(root: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FZLOG_LEDGER", "FZLOG_LANG")}
    if root is not None:
        env["FZLOG_LEDGER"] = str(root)
    return env


# ---------------------------------------------------------------------------------------------
# Checks: the journal really is equivalent
# ---------------------------------------------------------------------------------------------


def fzlog_totals(fz: list[str], root: Path, period: str) -> dict[str, float]:
    out = subprocess.run([*fz, "summary", period, "--json"], env=env_for(root), capture_output=True, check=True)
    data = json.loads(out.stdout)
    totals: dict[str, float] = {}
    for slug, k in data["kinds"].items():
        totals[f"count:{slug}"] = k["count"]
        for name, v in k["fields"].items():
            if v and k["rules"].get(name) in ADDING:
                totals[f"fields:{slug}:{name}"] = v
    return totals


def ledger_totals(cmd: list[str]) -> dict[str, float]:
    out = subprocess.run(cmd, capture_output=True, check=True, text=True).stdout
    totals = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and (parts[1].startswith("count:") or parts[1].startswith("fields:")):
            totals[parts[1]] = float(parts[0].replace(",", ""))
    return totals


def same(a: dict[str, float], b: dict[str, float]) -> bool:
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-6 for k in a)


def expected_totals(meta: dict, years: range) -> dict[str, float]:
    out: dict[str, float] = {}
    for y in years:
        for acct, v in meta["expected"].get(str(y), {}).items():
            out[acct] = round(out.get(acct, 0) + v, 6)
    return {k: v for k, v in out.items() if v}


# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    target: str
    measured: str
    limit: str
    ok: bool | None  # None: skipped (a tool is missing) or, with info, a figure that is no target
    info: bool = False


def ratio_verdict(target: str, a: Row | None, b: Row | None, limit: float) -> Verdict:
    if a is None or b is None:
        return Verdict(target, "— (not measured)", f"≤ {limit:g}×", None)
    r = a.median / b.median
    return Verdict(target, f"{r:.2f}× ({a.median * 1000:.0f} / {b.median * 1000:.0f} ms)", f"≤ {limit:g}×", r <= limit)


class Added:
    """Records that ``fzlog add`` wrote during the run, removed afterwards (the generated ledger
    stays as it was generated)."""

    def __init__(self):
        self.paths: list[Path] = []

    def __call__(self, cmd: Cmd, out: bytes) -> None:
        if cmd.capture and out:
            self.paths.append(Path(json.loads(out)["path"]))

    def remove(self) -> None:
        for p in self.paths:
            p.unlink(missing_ok=True)
        self.paths.clear()


def big_run(args, fz: list[str]) -> tuple[list[Row], list[Verdict]]:
    first, last = 2015, 2024
    root, journal, meta = ensure_ledger(
        args.out, f"ledger-{args.records}", args.records, first, last, args.seed, args.regenerate
    )
    env = env_for(root)
    evidence_files(root, True)
    files = provide_evidence(root)  # (as for the bureau: the files its records name are there)
    hledger, ledger = shutil.which("hledger"), shutil.which("ledger")
    rows: dict[str, Row] = {}
    verdicts: list[Verdict] = []
    reps = args.repeats
    print(
        f"\nN = {args.records:,} records ({files:,} evidence files), {first}–{last}; medians of {reps} runs, "
        "taken round-robin",
        flush=True,
    )

    # correctness first: fzlog, hledger and ledger must agree with the generator
    drop_cache(root)()
    for period, years in (("2024", range(2024, 2025)), (f"{first}..{last}", range(first, last + 1))):
        want = expected_totals(meta, years)
        checks = [("fzlog", same(fzlog_totals(fz, root, period), want))]
        lo, hi = f"{years.start}-01-01", f"{years.stop}-01-01"
        for name, tool in (("hledger", hledger), ("ledger", ledger)):
            if tool:
                got = ledger_totals([tool, "-f", str(journal), "bal", "-b", lo, "-e", hi, "--flat", "--no-total"])
                checks.append((name, same(got, want)))
        print(f"  totals for {period}: " + ", ".join(f"{n} {'agrees' if ok else 'DIFFERS'}" for n, ok in checks))
        verdicts.append(
            Verdict(
                f"same totals {period} as the generator",
                ", ".join(n for n, ok in checks if ok),
                "all agree",
                all(ok for _, ok in checks),
            )
        )

    measure(
        [
            Cmd(
                "stat",
                "floor: find -printf (stats every file)",
                ["find", str(root), "-name", "*.toml", "-printf", "%s %T@\n"],
            ),
            Cmd(
                "grep",
                "floor: grep -r (reads every file)",
                ["grep", "-r", "-F", "-q", "zzz-no-such-text", str(root)],
                ok=(1,),
            ),
        ],
        reps,
        rows,
    )
    for period, key, lo, hi in (
        ("2024", "y", "2024-01-01", "2025-01-01"),
        (f"{first}..{last}", "all", f"{first}-01-01", f"{last + 1}-01-01"),
    ):
        group = []
        if ledger:
            group.append(
                Cmd(f"ledger-{key}", f"ledger bal {period}", [ledger, "-f", str(journal), "bal", "-b", lo, "-e", hi])
            )
            group.append(
                Cmd(
                    f"uledger-{key}",
                    f"ledger bal {period} (user's journal)",
                    [ledger, "-f", str(user_journal(journal)), "bal", "-b", lo, "-e", hi],
                )
            )
        if hledger:
            group.append(
                Cmd(f"hledger-{key}", f"hledger bal {period}", [hledger, "-f", str(journal), "bal", "-b", lo, "-e", hi])
            )
        # cold drops the cache and builds it; warm then finds it
        group.append(
            Cmd(
                f"cold-{key}",
                f"fzlog summary {period} (cold: no cache)",
                [*fz, "summary", period],
                env=env,
                before=drop_cache(root),
            )
        )
        group.append(Cmd(f"warm-{key}", f"fzlog summary {period} (warm)", [*fz, "summary", period], env=env))
        measure(group, reps, rows)
    measure([Cmd("list-json", "fzlog list 2024 --json (warm)", [*fz, "list", "2024", "--json"], env=env)], reps, rows)

    empty = args.out / "ledger-empty"
    shutil.rmtree(empty, ignore_errors=True)
    empty.mkdir(parents=True)
    (empty / "fzlog.toml").write_text('org = "空台账"\n', "utf-8")
    added = Added()

    def add(target: Path) -> list[str]:
        return [
            *fz,
            "--ledger",
            str(target),
            "add",
            "publicity",
            "--title",
            "基准测试宣传活动",
            "--date",
            "2024-06-30",
            "--set",
            "materials=1",
            "--json",
        ]

    try:
        measure(
            [
                Cmd("click", 'python -c "import click"', [sys.executable, "-c", "import click"]),
                Cmd("help", "fzlog --help", [*fz, "--help"], env=env),
                Cmd("add-empty", "fzlog add (empty ledger)", add(empty), env=env_for(), capture=True),
                Cmd("add", f"fzlog add ({args.records:,}-record ledger)", add(root), env=env_for(), capture=True),
            ],
            reps,
            rows,
            after=added,
        )
    finally:
        added.remove()
        shutil.rmtree(empty, ignore_errors=True)

    sweep_memory(fz, root, env, first, last, args.out / "sweep", rows)

    g = rows.get
    verdicts += [
        ratio_verdict("summary 2024 cold ≤ 1× ledger", g("cold-y"), g("ledger-y"), 1.0),
        ratio_verdict("summary 2024 warm ≤ 0.25× ledger", g("warm-y"), g("ledger-y"), 0.25),
        ratio_verdict(f"summary {first}..{last} warm ≤ 1× ledger", g("warm-all"), g("ledger-all"), 1.0),
        ratio_verdict(f"summary {first}..{last} warm ≤ 1× ledger, user's", g("warm-all"), g("uledger-all"), 1.0),
        ratio_verdict(f"summary {first}..{last} cold ≤ 0.5× hledger", g("cold-all"), g("hledger-all"), 0.5),
        ratio_verdict("fzlog add ≤ 2× import click", g("add"), g("click"), 2.0),
        ratio_verdict("fzlog --help ≤ 2× import click", g("help"), g("click"), 2.0),
        ratio_verdict("add: big ledger / empty ledger", g("add"), g("add-empty"), 1.25),
    ]
    fz_rows = [r for k, r in rows.items() if k not in ("click", "stat", "grep", "mem-missing") and "ledger-" not in k]
    worst = max(fz_rows, key=lambda r: r.peak_mb)
    verdicts.append(
        Verdict(
            "peak memory of any fzlog command < 200 MB",
            f"{worst.peak_mb:.0f} MB ({worst.label})",
            "< 200 MB",
            worst.peak_mb < 200,
        )
    )
    if "mem-missing" in rows:
        verdicts.append(
            Verdict(
                "validate, every evidence file missing (information)",
                f"{rows['mem-missing'].peak_mb:.0f} MB, {rows['mem-missing'].median:.1f} s",
                "—",
                None,
                info=True,
            )
        )
    for name, tool in (("ledger", ledger), ("hledger", hledger)):
        if not tool:
            print(f"note: `{name}` is not installed (apt-get install {name}): the ratios against it are skipped")
    return list(rows.values()), verdicts


def sweep_memory(fz: list[str], root: Path, env: dict, first: int, last: int, out: Path, rows: dict[str, Row]) -> None:
    """Every other command once on the whole ledger, for its peak memory: the target is "any
    command", not only those timed above. Outputs go to ``out`` (removed afterwards)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    period = f"{first}..{last}"
    some = min((root / str(last)).rglob("*.toml"))
    commands = [
        ("list " + period, ["list", period]),
        (f"list {period} --json", ["list", period, "--json"]),
        (f"list {period} --csv", ["list", period, "--csv"]),
        (f"summary {period} --by month", ["summary", period, "--by", "month"]),
        (f"export {period} -o .csv", ["export", period, "-o", str(out / "all.csv")]),
        (f"export {period} -o .jsonl", ["export", period, "-o", str(out / "all.jsonl")]),
        (f"export {period} -o .xlsx", ["export", period, "-o", str(out / "all.xlsx")]),
        ("validate", ["validate"]),
        ("validate --json", ["validate", "--json"]),
        (f"check {last}", ["check", str(last)]),
        (f"report {last} (Markdown)", ["report", str(last)]),
        (f"report {last} -o .docx", ["report", str(last), "-o", str(out / "report.docx")]),
        ("show (one record)", ["show", f"{some.parent.name}/{some.stem}"]),
        ("kinds", ["kinds"]),
    ]
    available = [
        (label, argv)
        for label, argv in commands
        if subprocess.run([*fz, argv[0], "--help"], env=env, capture_output=True).returncode == 0
    ]
    print("  peak memory of the other commands on the whole ledger (one run each):", flush=True)
    cmds = [
        Cmd(f"mem{i}", f"fzlog {label} (one run)", [*fz, *argv], env=env, ok=(0, 1))
        for i, (label, argv) in enumerate(available)
    ]
    if any(argv == ["validate"] for _, argv in available):  # for information, as for the bureau
        cmds.append(
            Cmd(
                "mem-missing",
                "fzlog validate, every evidence file missing (one run)",
                [*fz, "validate"],
                env=env,
                ok=(0, 1),
                before=lambda: evidence_files(root, False),
            )
        )
    try:
        measure(cmds, 1, rows)
    finally:
        evidence_files(root, True)
        shutil.rmtree(out, ignore_errors=True)


def bureau_run(args, fz: list[str]) -> tuple[list[Row], list[Verdict]]:
    root, _, meta = ensure_ledger(
        args.out, f"bureau-{args.bureau}", args.bureau, 2015, 2024, args.seed + 1, args.regenerate
    )
    env = env_for(root)
    reps = args.repeats
    files = provide_evidence(root)
    print(f"\nbureau: {args.bureau:,} records, 2015–2024, {files:,} evidence files; medians of {reps} runs", flush=True)
    short = sorted((root / "2024").rglob("*.toml"))[0].stem.rsplit("-", 1)[-1]
    rows: dict[str, Row] = {}
    measure(
        [
            Cmd("cold-y", "summary 2024 (cold: no cache)", [*fz, "summary", "2024"], env=env, before=drop_cache(root)),
            Cmd(
                "cold-all",
                "summary 2015..2024 (cold: no cache)",
                [*fz, "summary", "2015..2024"],
                env=env,
                before=drop_cache(root),
            ),
        ],
        reps,
        rows,
    )
    subprocess.run([*fz, "summary", "2015..2024"], env=env, stdout=subprocess.DEVNULL, check=True)
    commands = [
        ("--help", ["--help"]),
        ("kinds", ["kinds"]),
        ("summary 2024", ["summary", "2024"]),
        ("summary 2024 --compare 2023", ["summary", "2024", "--compare", "2023"]),
        ("summary 2024 --by quarter", ["summary", "2024", "--by", "quarter"]),
        ("summary 2015..2024 --json", ["summary", "2015..2024", "--json"]),
        ("list 2024-Q4", ["list", "2024-Q4"]),
        ("list 2024 --json", ["list", "2024", "--json"]),
        ("list 2015..2024 --csv", ["list", "2015..2024", "--csv"]),
        (f"show {short}", ["show", short]),
    ]
    # the commands of other features, timed when this fzlog has them
    for name, argv in (
        ("check 2024", ["check", "2024"]),
        ("validate", ["validate"]),
        ("report 2024 (Markdown)", ["report", "2024"]),
    ):
        if subprocess.run([*fz, argv[0], "--help"], env=env, capture_output=True).returncode == 0:
            commands.append((name, argv))

    def evidence_there(there: bool):
        return lambda: evidence_files(root, there)

    cmds = [
        Cmd(f"w{i}", label, [*fz, *argv], env=env, ok=(0, 1), before=evidence_there(True))
        for i, (label, argv) in enumerate(commands)
    ]
    missing = None
    if any(argv[0] == "validate" for _, argv in commands):  # for information: a ledger whose evidence is gone
        missing = Cmd(
            "v-missing",
            "validate (every evidence file missing)",
            [*fz, "validate"],
            env=env,
            ok=(0, 1),
            before=evidence_there(False),
        )
        cmds.append(missing)
    added = Added()
    cmds.append(
        Cmd(
            "add",
            "add",
            [
                *fz,
                "add",
                "study",
                "--title",
                "基准测试集中学习",
                "--date",
                "2024-06-30",
                "--set",
                "participants=10",
                "--json",
            ],
            env=env,
            capture=True,
        )
    )
    try:
        measure(cmds, reps, rows, after=added)
    finally:
        added.remove()
        evidence_there(True)()
    warm = [rows[c.key] for c in cmds if c is not missing]
    slowest = max(warm, key=lambda r: r.median)
    cold = max((rows["cold-y"], rows["cold-all"]), key=lambda r: r.median)
    verdicts = [
        Verdict(
            "bureau: every command < 0.3 s (cache warm)",
            f"slowest {slowest.median * 1000:.0f} ms ({slowest.label})",
            "< 300 ms",
            slowest.median < 0.3,
        ),
        Verdict(
            "bureau: first run, no cache yet (for information)",
            f"slowest {cold.median * 1000:.0f} ms ({cold.label})",
            "—",
            None,
            info=True,
        ),
    ]
    if missing is not None:
        verdicts.append(
            Verdict(
                "bureau: validate, every evidence file missing (information)",
                f"{rows[missing.key].median * 1000:.0f} ms",
                "—",
                None,
                info=True,
            )
        )
    return list(rows.values()), verdicts


def evidence_files(root: Path, there: bool) -> None:
    """Put the ledger's evidence/ folder in place, or hide it (every evidence file missing)."""
    evidence, hidden = root / "evidence", root / ".evidence-hidden"
    src, dst = (hidden, evidence) if there else (evidence, hidden)
    if src.exists():
        src.rename(dst)


def provide_evidence(root: Path) -> int:
    """Put the evidence file each record names in place (a ledger kept with ``fzlog add --attach``
    has them; without them ``fzlog validate`` warns once per record): ``<ledger>/evidence/…``,
    a few bytes each. Returns how many there are."""
    names: set[str] = set()
    for path in root.glob("[0-9][0-9][0-9][0-9]/*/*.toml"):
        names.update(re.findall(r'"evidence/([^"/]+)"', path.read_text("utf-8")))
    folder = root / "evidence"
    folder.mkdir(exist_ok=True)
    for name in names:
        target = folder / name
        if not target.exists():
            target.write_bytes(b"evidence\n")
    return len(names)


def print_table(title: str, rows: list[Row], verdicts: list[Verdict]) -> None:
    print(f"\n## {title}\n")
    print(f"| {'command':<46} | {'median':>10} | {'peak RSS':>9} |")
    print(f"|{'-' * 48}|{'-' * 11}:|{'-' * 10}:|")
    for r in rows:
        print(f"| {r.label:<46} | {r.median * 1000:7.1f} ms | {r.peak_mb:6.1f} MB |")
    print()
    print(f"| {'target':<44} | {'measured':<56} | {'limit':<9} | result |")
    print(f"|{'-' * 46}|{'-' * 58}|{'-' * 11}|--------|")
    for v in verdicts:
        res = "info" if v.info else "SKIP" if v.ok is None else "PASS" if v.ok else "FAIL"
        print(f"| {v.target:<44} | {v.measured:<56} | {v.limit:<9} | {res:<6} |")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", "--records", type=int, default=100_000, help="records in the big ledger (100,000)")
    ap.add_argument("--bureau", type=int, default=5_000, help="records in the bureau ledger (5,000)")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "out", help="where generated ledgers go")
    ap.add_argument("-r", "--repeats", type=int, default=5, help="runs per command (median is reported)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--regenerate", action="store_true", help="write the ledgers anew even if present")
    ap.add_argument("--bureau-only", action="store_true", help="only the bureau run")
    ap.add_argument("--no-bureau", action="store_true", help="skip the bureau run")
    ap.add_argument("--generate-into", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--years", default="2015..2024", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.generate_into:
        generate_into(args.generate_into, args.records, args.seed, args.years)
        return 0
    args.out = args.out.resolve()
    fz = fzlog_command()
    # Installed packages come with compiled bytecode; a checkout may not (PYTHONDONTWRITEBYTECODE),
    # and compiling fzlog's modules anew at every start would be timed as fzlog's own.
    compileall.compile_dir(str(REPO / "fzlog"), quiet=1)
    print(
        f"fzlog {__version__} ({' '.join(fz)}), Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    failed = False
    tables = []
    if not args.bureau_only:
        tables.append((f"{args.records:,} records", *big_run(args, fz)))
    if not args.no_bureau:
        tables.append((f"bureau: {args.bureau:,} records", *bureau_run(args, fz)))
    for title, rows, verdicts in tables:
        print_table(title, rows, verdicts)
        failed |= any(v.ok is False for v in verdicts)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
