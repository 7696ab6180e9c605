"""``fzlog validate``: every problem of a whole ledger, not the first (bean-check style).

Whether one record file is good is decided where it always is — ``Ledger.read`` (encoding, size,
TOML, kinds, fields, types, the date against its folder). Validation adds what only a look at the
whole ledger can see. It is a flat list of checks (:data:`CHECKS`, the shape of beancount's
``ops/validation.py``): each a small function from what the walker found (:class:`Facts`) to
problems — layout, records, names, duplicates, evidence, notes. The configuration is checked
first (:func:`check_config`): a broken ``fzlog.toml`` still leaves every other problem visible.

It returns :class:`Problem` records (errors and warnings) and never prints. It changes no file,
except :func:`fix_encodings`, which converts legacy-encoded record files to UTF-8 when asked.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from fzlog import encoding
from fzlog import record as record_mod
from fzlog.config import PROFILES
from fzlog.errors import FzlogError, Problem
from fzlog.kinds import default_registry
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.store import fsio
from fzlog.store import layout as paths
from fzlog.store.evidence import Finder
from fzlog.store.layout import CONFIG_NAME, Day, Found, Place
from fzlog.store.ledger import Ledger

# Problems that make every command skip the file (decided by Ledger.read).
SKIPPING_CODES = frozenset(
    {
        "toml-syntax",
        "missing-key",
        "unknown-kind",
        "unknown-field",
        "bad-type",
        "empty-title",
        "date-mismatch",
        "encoding",
        "too-large",
        "unreadable",
    }
)
# The sections of fzlog.toml that `check` and `report` read (see check_config).
FEATURE_SECTIONS = ("targets", "windows", "report")
_SHORT_ID = re.compile(r"^[a-z0-9]+$")


@dataclass
class Report:
    """What ``fzlog validate`` found: every problem, and how many record files were examined."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


@dataclass(frozen=True)
class Fixed:
    path: Path
    encoding: str  # the encoding it was in ("GBK", "UTF-16", …)
    error: str = ""  # why it was left alone, if it was


def hint(problem: Problem) -> str:
    """A short how-to-fix for a problem's code ("" if none)."""
    key = f"hint.{problem.code}"
    try:
        return t(key)
    except KeyError:
        return ""


def validate(lg: Ledger, period: Period | None = None) -> Report:
    """Check every file of the ledger (or those whose folder falls in ``period``)."""
    report = Report()
    lg = check_config(lg, report)
    facts = Facts.gather(lg, period)
    report.files = facts.record_files
    for check in CHECKS:
        check(facts, report)
    report.problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0, p.code))
    return report


class Brief(NamedTuple):
    """What the checks need of a good record: a whole ledger's records are not held at once."""

    kind: str
    date: dt.date
    title: str
    evidence: tuple[str, ...]

    @classmethod
    def of(cls, rec: Record) -> Brief:
        return cls(rec.kind, rec.date, rec.title, tuple(rec.evidence))


#: the brief of a good record once the briefs are let go (Facts.drop_briefs)
GOOD = Brief("", dt.date.min, "", ())


def _brief(result: tuple[Record | None, Sequence[Problem]]) -> Brief | Sequence[Problem]:
    """What validation keeps of reading one record file: the record's brief, or the problems that
    kept it out (no path: the file's folder and name say it, and a path is made only for a problem)."""
    rec, problems = result
    return problems if rec is None else Brief.of(rec)


class Entry(NamedTuple):
    """One record file as the checks go through them (see Facts.entries)."""

    folder: Path
    name: str
    day: str  # the day it is of: its day folder's, else its record's date ("" if not known)
    in_layout: bool  # in a day folder where it belongs
    brief: Brief | None  # None: the file holds no good record

    @property
    def path(self) -> Path:
        return self.folder / self.name


@dataclass
class Facts:
    """What the walker found in the ledger (in the period), and what reading its record files gave."""

    ledger: Ledger
    period: Period | None
    days: list[Day] = field(default_factory=list)  # day folders where they belong
    found: list[Found] = field(default_factory=list)  # everything else the walk met
    #: what reading each record file of the day folders gave, in their order: the record's brief,
    #: or the problems that kept it out
    read: list[Brief | Sequence[Problem]] = field(default_factory=list)
    #: record files out of the layout (misplaced, in another year's folder): (file, where it
    #: sits, its record's brief or None); see check_records
    outside: list[tuple[Path, Place, Brief | None]] = field(default_factory=list)
    #: the files of an id that two files stand for (os.fspath), found by check_duplicate_ids: the
    #: checks after it leave them out
    doubled: set[str] = field(default_factory=set)

    @property
    def record_files(self) -> int:
        return sum(len(d.files) for d in self.days) + sum(
            1 for f in self.found if f.what in ("misplaced", "wrong-year")
        )

    #: entries() as last made, and how many files out of the layout it has (check_records adds them)
    _entries: tuple[int, list[Entry]] | None = field(default=None, repr=False)

    def entries(self) -> list[Entry]:
        """Every record file read: those of the day folders in order, then those out of the layout
        (made once for the checks that go through them, small tuples of what is held already)."""
        if self._entries is not None and self._entries[0] == len(self.outside):
            return self._entries[1]
        out: list[Entry] = []
        results = iter(self.read)
        for day in self.days:
            for name in day.files:
                result = next(results)
                out.append(Entry(day.path, name, day.name, True, result if type(result) is Brief else None))
        for path, pl, brief in self.outside:
            known = pl.day or (brief.date.isoformat() if brief is not None else "")
            out.append(Entry(path.parent, path.name, known, False, brief))
        self._entries = (len(self.outside), out)
        return out

    def is_doubled(self, e: Entry) -> bool:
        return bool(self.doubled) and os.fspath(e.path) in self.doubled

    def drop_briefs(self) -> None:
        """Keep of each good record of the day folders only that it is one (its brief becomes
        :data:`GOOD`), for a check that needs no more and makes much of its own."""
        self.read = [GOOD if type(r) is Brief else r for r in self.read]
        self._entries = None  # (the entries held the briefs too)

    @classmethod
    def gather(cls, lg: Ledger, period: Period | None) -> Facts:
        facts = cls(lg, period)
        for item in paths.walk(lg.root):
            if type(item) is Day:
                if period is None or period.start.isoformat() <= item.name <= period.end.isoformat():
                    facts.days.append(item)
            elif _in_period(item, period, lg):
                facts.found.append(item)
        facts.days.sort(key=lambda d: d.name)
        try:
            span = (period.start.isoformat(), period.end.isoformat()) if period else ("", "9999")
            facts.read = []
            for results, _ in lg.read_years(facts.days, span, _brief):  # (a cold read: a year's work held)
                facts.read += results
        except FzlogError:
            facts.read = [_brief(lg.read_in(d.path / name, d.name)[:2]) for d in facts.days for name in d.files]
        return facts


def _in_period(found: Found, period: Period | None, lg: Ledger | None = None) -> bool:
    """Whether a file concerns ``period``: by its day folder; a record file outside the layout by
    its own date; anything else by its year folder (files in the root: no period)."""
    if period is None:
        return True
    pl = found.place
    if pl.day:
        return period.start.isoformat() <= pl.day <= period.end.isoformat()
    if lg is not None and found.what in ("misplaced", "wrong-year"):
        rec = lg.parse_file(found.path)[0]
        if rec is not None:
            return rec.date in period
    if pl.year:
        return period.start.year <= int(pl.year) <= period.end.year
    return False


# the checks -----------------------------------------------------------------------------------
def check_layout(facts: Facts, report: Report) -> None:
    """What stands where no command reads it: links out, special files, temporary, hidden and
    stray files, unreadable folders, ``.TOML`` files. (Record files out of place: check_records.)"""
    for f in facts.found:
        if f.what == "link-out":
            report.problems.append(_error(f.path, t("validate.outside_ledger", target=f.target), "outside-ledger"))
        elif f.what == "special":
            report.problems.append(_error(f.path, t("layout.special"), "special-file"))
        elif f.what == "temp":
            report.problems.append(_warning(f.path, t("validate.temp"), "leftover-temp"))
        elif f.what == "hidden":
            report.problems.append(_warning(f.path, t("validate.hidden"), "stray-file"))
        elif f.what == "bad-ext":
            report.problems.append(_error(f.path, t("validate.bad_ext"), "bad-ext"))
        elif f.what == "broken" and paths.record_like(f.path.name):
            report.problems.append(_error(f.path, t("record.unreadable", reason=f.reason), "unreadable"))
        elif f.what in ("stray", "broken"):
            report.problems.append(_warning(f.path, t("validate.stray"), "stray-file"))
        elif f.what == "unreadable":
            report.problems.append(
                _error(f.path, t("ledger.unreadable_dir", path=f.path.name, reason=f.reason), "unreadable")
            )


def check_records(facts: Facts, report: Report) -> None:
    """Each record file: what reading it gave; one out of the layout is read and reported too."""
    lg = facts.ledger
    for result in facts.read:
        if not isinstance(result, Brief):
            report.problems.extend(result)
    for f in facts.found:
        if f.what not in ("misplaced", "wrong-year"):
            continue
        rec, problems = lg.parse_file(f.path)
        pl = f.place
        if pl.status == "wrong-year":
            message = t("validate.year_mismatch", day=pl.day, year=pl.year, expected=f"{pl.day[:4]}/{pl.day}")
            report.problems.append(_error(f.path, message, "year-mismatch"))
        else:
            expected = f"{rec.date.year:04d}/{rec.date.isoformat()}" if rec is not None else ""
            message = t("record.bad_path") + (t("validate.move_to", expected=expected) if expected else "")
            report.problems.append(_error(f.path, message, "bad-path"))
        report.problems.extend(problems)
        facts.outside.append((f.path, pl, Brief.of(rec) if rec is not None else None))


def check_names(facts: Facts, report: Report) -> None:
    """A file name that disagrees with the kind inside."""
    for e in facts.entries():
        if e.brief is not None and not _is_record_stem(e.name[:-5], e.brief.kind):
            report.problems.append(_error(e.path, t("record.bad_name", kind=e.brief.kind), "bad-name"))


def check_evidence(facts: Facts, report: Report) -> None:
    """Evidence references that leave the ledger, or name a file that is not there."""
    lg = facts.ledger
    listing = paths.Listing()
    finder, above = Finder(lg, listing), ""
    folders: dict[str, bool] = {}  # a reference's folder: inside the ledger (confined once)
    bare = {os.fspath(d.path) for d in facts.days if not d.evidence}  # day folders without evidence/
    root = os.fspath(lg.root)

    def confine(ref: str) -> None:
        head, _, tail = ref.strip().replace("\\", "/").rpartition("/")
        if head and tail not in ("", ".", ".."):
            inside = folders.get(head)
            if inside is None:
                try:
                    paths.confine(lg.root, head)
                    inside = True
                except paths.OutsideLedger:
                    inside = False
                folders[head] = inside
            if inside and listing.kind(os.path.join(root, head, tail)) != "link":
                return
        paths.confine(lg.root, ref)

    for e in facts.entries():
        rec = e.brief
        if rec is None or not rec.evidence:
            continue
        folder = os.fspath(e.folder)
        year = os.path.dirname(folder)
        if year != above:  # a new year: what was listed of the last one is let go
            if above:
                listing.forget_below(above)
            finder, above = Finder(lg, listing), year
        if folder in bare:
            finder.absent(os.path.join(folder, paths.EVIDENCE_DIR))
        found: list[tuple[str, str, str]] = []
        for ref in rec.evidence:
            if "://" in ref and paths.is_link(ref):
                continue
            try:
                confine(ref)
            except paths.OutsideLedger as exc:
                found.append((exc.message, "evidence-outside", "error"))
        for ref in finder.missing_refs(rec.evidence, folder):
            found.append((t("validate.evidence_missing", ref=ref), "evidence-missing", "warning"))
        if found:
            path = e.path
            line = record_mod.key_line(fsio.read_text(path)[0] or "", "evidence")
            report.problems.extend(
                Problem(path, message, code, line, severity=severity) for message, code, severity in found
            )


def check_duplicate_ids(facts: Facts, report: Report) -> None:
    """One id, two files: the same <day>/<kind>-<id> in and out of the layout, or differing in
    case. (Each group's files are put in path order: the order "others" are named in.)"""
    by_id: dict[str, list[Path]] = defaultdict(list)
    doubled_ids = _twice_a_day(facts, _named_id, _day_of)
    for e in facts.entries() if doubled_ids else ():
        rid = _named_id(e)
        if rid is not None and rid in doubled_ids:
            by_id[rid].append(e.path)
    for rid, files in by_id.items():
        files.sort(key=_in_order)
        for p in files:
            others = "、".join(_rel(facts, o) for o in files if o != p)
            report.problems.append(_error(p, t("validate.duplicate_id", other=others, id=rid), "duplicate-id"))
        facts.doubled.update(map(os.fspath, files))


def check_duplicate_records(facts: Facts, report: Report) -> None:
    """The same activity twice: identical content in two files (counted twice in every summary).
    Records written alike have the same kind, date and title: only those are read again and
    compared in full. (Files of a doubled id are left to check_duplicate_ids.)"""
    lg = facts.ledger
    alike_keys = _twice_a_day(facts, _alike_key, _record_day)
    alike: dict[tuple, list[Path]] = defaultdict(list)
    for e in facts.entries() if alike_keys else ():
        key = _alike_key(e)
        if key is not None and key in alike_keys and not facts.is_doubled(e):
            alike[key].append(e.path)
    for candidates in alike.values():  # (one group's records read at a time)
        by_content: dict[tuple, list[Path]] = defaultdict(list)
        for path in candidates:
            rec = lg.parse_file(path)[0]
            if rec is not None:
                by_content[record_mod.identity(rec, lg.registry)].append(path)
        for found in by_content.values():
            if len(found) < 2:
                continue
            files = sorted(found, key=lambda p: (not _well_named(p), _in_order(p)))  # the copy is the odd-named one
            for p in files[1:]:
                other = _rel(facts, files[0])
                report.problems.append(_warning(p, t("validate.duplicate_record", other=other), "duplicate-record"))


def check_ambiguous_ids(facts: Facts, report: Report) -> None:
    """One short id, two records: `fzlog show <short>` cannot tell them apart. An old ledger of
    4-hex ids has many (one warning per record of a shared id): the briefs are let go first, no
    check after this one needing them."""
    facts.drop_briefs()
    shared = {key for key, n in Counter(map(_short_id, facts.entries())).items() if n > 1 and key is not None}
    by_short: dict[str, list[tuple[Path, str]]] = defaultdict(list)
    for e in facts.entries() if shared else ():
        short = _short_id(e)
        if short is not None and short in shared and not facts.is_doubled(e):
            by_short[short].append((e.folder, e.name))
    # (a file another problem names already is named by the same Path: with its evidence missing
    # too, most files of an old ledger are)
    named = {os.fspath(p.path): p.path for p in report.problems} if by_short else {}
    for short, group in by_short.items():
        if len(group) > 1:
            group.sort(key=_file_order)
            ids = [f"{folder.name}/{name[:-5]}" for folder, name in group]  # (Ledger.id_for of each file)
            for i, (folder, name) in enumerate(group):
                others = "、".join(rid for j, rid in enumerate(ids) if j != i)
                path = named.get(os.path.join(folder, name)) or folder / name
                report.problems.append(
                    _warning(path, t("validate.ambiguous_id", short=short, others=others), "ambiguous-id")
                )


def check_notes(facts: Facts, report: Report) -> None:
    _check_notes(facts.ledger, facts.period, report)


#: every check, in the order they run (each adds problems to the report)
CHECKS: list[Callable[[Facts, Report], None]] = [
    check_layout,
    check_records,
    check_names,
    check_evidence,
    check_duplicate_ids,
    check_duplicate_records,
    check_notes,
    check_ambiguous_ids,  # (last: it lets go of the briefs, see Facts.drop_briefs)
]


# the checks -----------------------------------------------------------------------------------
def check_config(lg: Ledger, report: Report) -> Ledger:
    """The ledger itself if its config is readable; else report why and check the records
    against the default kinds, so one broken config still leaves every other problem visible."""
    try:
        _ = lg.registry  # read for its error: a broken config raises here
    except FzlogError as exc:
        report.problems.append(_config_problem(lg, exc))
        return Ledger(lg.root, registry=default_registry())
    # the feature sections of fzlog.toml: the same readers `check` and `report` use (with none of
    # them and a shipped profile there is nothing of the ledger's own to read)
    raw = lg.config.raw
    if not any(key in raw for key in FEATURE_SECTIONS) and lg.config.profile in PROFILES:
        return lg
    from fzlog.report import settings as report_settings
    from fzlog.targets import load_checklist

    for load in (
        lambda: load_checklist(lg.registry, lg.config),
        lambda: report_settings.load(lg.config.raw, lg.registry, str(lg.root / CONFIG_NAME)),
    ):
        try:
            load()
        except FzlogError as exc:
            report.problems.append(_config_problem(lg, exc, "config-section"))
    return lg


def _config_problem(lg: Ledger, exc: FzlogError, code: str = "config") -> Problem:
    cfg = lg.root / CONFIG_NAME
    message, line = exc.message, exc.line
    m = re.match(rf"^{re.escape(str(cfg))}:(\d+|\?): ", message)
    if m:
        message, line = message[m.end() :], int(m[1]) if m[1].isdigit() else None
    return Problem(cfg, message, code, line)


def _well_named(path: Path, kind: str | None = None) -> bool:
    """``<kind>-<short id>.toml`` (for the given kind, or for any kind-like prefix)."""
    return _is_record_stem(path.stem, kind)


def _is_record_stem(stem: str, kind: str | None = None) -> bool:
    prefix, sep, short = stem.rpartition("-")
    return bool(sep and _SHORT_ID.match(short) and (prefix == kind if kind else re.match(r"^[a-z0-9-]+$", prefix)))


def _check_notes(lg: Ledger, period: Period | None, report: Report) -> None:
    """The report's notes files (notes/<year>.toml, read by `fzlog report`)."""
    folder = lg.root / "notes"
    if not folder.is_dir() or not paths.inside(lg.root, os.path.realpath(folder)):
        return  # (a notes folder linked out of the ledger: the walk reports it, nothing is read)
    from fzlog.report import notes

    for path in sorted(folder.iterdir()):
        year = path.stem
        if period is not None and not (year.isdigit() and period.start.year <= int(year) <= period.end.year):
            continue
        if path.is_dir() or path.name.startswith(".") or not path.name.endswith(".toml") or not year.isdigit():
            report.problems.append(_warning(path, t("validate.notes_stray"), "stray-file"))
            continue
        try:
            paths.refuse_outside(lg.root, path, reading=True)
            notes.load(path)
        except FzlogError as exc:
            report.problems.append(_error(path, exc.message, "notes", exc.line))


def _twice_a_day(facts: Facts, key: Callable[[Entry], Hashable | None], day: Callable[[Entry], str]) -> set:
    """The keys ``key`` gives more than one record file (None: no key), for keys two files can
    share only if ``day`` gives them the same day: counted a day at a time (the files of the day
    folders, with those out of the layout of that day), not all at once."""
    outside: dict[str, list[Entry]] = defaultdict(list)
    for e in facts.entries():
        if not e.in_layout:
            outside[day(e)].append(e)
    found: set = set()

    def count(group: Iterable[Entry]) -> None:
        found.update(k for k, n in Counter(map(key, group)).items() if n > 1 and k is not None)

    for name, same_day in groupby((e for e in facts.entries() if e.in_layout), key=_day_of):
        count([*same_day, *outside.pop(name, ())])
    for rest in outside.values():
        count(rest)
    return found


def _named_id(e: Entry) -> str | None:
    """The id a record file stands for, in lower case ("<day>/<kind>-<id>"; None: its day is not known)."""
    return f"{e.day}/{e.name[:-5].lower()}" if e.day else None


def _alike_key(e: Entry) -> tuple | None:
    return None if e.brief is None else (e.brief.kind, e.brief.date, e.brief.title)


def _short_id(e: Entry) -> str | None:
    """A good record's short id in lower case (None outside the layout, where `show` does not look)."""
    return e.name[:-5].rpartition("-")[2].lower() if e.in_layout and e.brief is not None else None


def _record_day(e: Entry) -> str:
    """The day of a record file's record (a record in a day folder is of that day: Ledger.read)."""
    return e.brief.date.isoformat() if e.brief is not None and not e.in_layout else e.day


_day_of = operator.attrgetter("day")


def _file_order(file: tuple[Path, str]) -> str:
    return _in_order(os.path.join(*file))


def _rel(facts: Facts, path: Path) -> str:
    return path.relative_to(facts.ledger.root).as_posix()


def _in_order(path: Path | str) -> str:
    """A key that sorts paths as their parts do (the separator sorts before any character), without
    the parts: a Path keeps the tuple it makes."""
    return os.fspath(path).replace(os.sep, "\0")


def _error(path: Path, message: str, code: str, line: int | None = None) -> Problem:
    return Problem(path, message, code, line)


def _warning(path: Path, message: str, code: str, line: int | None = None) -> Problem:
    return Problem(path, message, code, line, severity="warning")


def fix_encodings(lg: Ledger, period: Period | None = None) -> list[Fixed]:
    """Convert record files in GBK/GB18030/UTF-16/UTF-32 to UTF-8, atomically, each only if the
    conversion is exactly reversible (the text is identical; line ends are kept). Never touches a
    UTF-8 file, a damaged file, or anything that is not a ``.toml`` record file."""
    out: list[Fixed] = []
    files = [(d.path / name, Place("record", d.name[:4], d.name)) for d in _days_in(lg, period) for name in d.files]
    for path in sorted(path for path, _ in files):
        try:
            raw = fsio.read_bytes(path, fsio.MAX_RECORD_BYTES)
        except (OSError, fsio.TooLarge):
            continue
        if encoding.decode(raw)[0] is not None:
            continue
        found = encoding.detect_legacy(raw)
        if found is None:
            continue
        converted = encoding.to_utf8(raw)
        if converted is None:
            out.append(Fixed(path, found.label, t("validate.fix_lossy")))
            continue
        try:
            if fsio.read_bytes(path, fsio.MAX_RECORD_BYTES) != raw:
                out.append(Fixed(path, found.label, t("validate.fix_changed")))
                continue
            fsio.replace_file(path, converted[0])
        except OSError as exc:
            out.append(Fixed(path, found.label, fsio.os_reason(exc)))
            continue
        out.append(Fixed(path, found.label))
    return out


def _days_in(lg: Ledger, period: Period | None) -> list[Day]:
    """The day folders of ``period`` (record files out of the layout included as their own)."""
    days = []
    for item in paths.walk(lg.root):
        if type(item) is Day and (period is None or period.start.isoformat() <= item.name <= period.end.isoformat()):
            days.append(item)
        elif type(item) is Found and item.what in ("misplaced", "wrong-year") and _in_period(item, period):
            days.append(Day(item.path.parent, "", [item.path.name]))
    return days
