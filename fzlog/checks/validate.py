"""Validation of a whole ledger directory: every problem, not the first (bean-check style).

Whether one record file is good is decided where it always is — ``Ledger.read`` (encoding, size,
TOML, kinds, fields, types, the date against its directory). This module adds what only a walk over
the whole directory can see: record files outside the ``<YYYY>/<YYYY-MM-DD>/`` layout (which the
other commands never read), day directories in the wrong year, file names that disagree with the
kind inside, two files for one id, shared short ids, double entries, evidence paths that leave the
ledger, stray files and temporary files left by an interrupted add.

It returns :class:`Problem` records (errors and warnings) and never prints. It changes no file,
except :func:`fix_encodings`, which converts legacy-encoded record files to UTF-8 when asked.

On a big ledger (as its record cache shows) the checks of each file — the walk, reading each
record, its name and its evidence — of the older year folders run in a forked process while this
one does the rest; the checks that need every file (two files for one id, shared short ids,
double entries) come after, on what both found.
"""

from __future__ import annotations

import bisect
import operator
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from fzlog import encoding
from fzlog.store import layout as paths
from fzlog.store import ledger as ledger_mod
from fzlog import record as record_mod
from fzlog.config import PROFILES
from fzlog.errors import FzlogError, Problem
from fzlog.store.evidence import Finder
from fzlog.kinds import default_registry
from fzlog.store.ledger import CONFIG_NAME, MAX_RECORD_BYTES, Ledger, Place
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Brief, Record

# Problems that make every command skip the file (decided by Ledger.read).
SKIPPING_CODES = frozenset({"toml-syntax", "missing-key", "unknown-kind", "unknown-field", "bad-type",
                            "empty-title", "date-mismatch", "encoding", "too-large", "unreadable"})
# Records with evidence worth checking most of in a forked process (the checks take ~15 µs each).
EVIDENCE_APART_MIN = 1000
# Bytes of cached records (about 2,000 records) in the period worth checking the older year
# folders of in a forked process, and about what share of them goes there (this process then
# merges what both found and looks for duplicates).
SPLIT_MIN_BYTES = 400_000
SPLIT_SHARE = 0.55
# The sections of fzlog.toml that `check` and `report` read (see _usable).
FEATURE_SECTIONS = ("targets", "windows", "report")
# Files and folders that belong in a ledger without being records.
ROOT_FILES = frozenset({CONFIG_NAME, ".gitignore", ".gitattributes", "README.md"})
ROOT_DIRS = frozenset({"evidence", "notes"})  # evidence files; report notes (checked on their own)
EVIDENCE_DIR = "evidence"  # beside records too: <YYYY>/<YYYY-MM-DD>/evidence/ (fzlog add --attach)
OS_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_SHORT_ID = re.compile(r"^[a-z0-9]+$")
_YEAR = re.compile(r"^(?!0000)\d{4}$")  # a year folder's name (of a year a date can have)
_TEMP = re.compile(r"^\..+\.\d+\.[0-9a-f]+\.tmp$")  # ledger.write_new's temporary files


@dataclass
class Report:
    """What ``fzlog validate`` found: every problem, and how many record files were examined."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    #: lines of record files read here to find a problem's line, by (file, line number): showing
    #: the line need not read the file again
    lines: dict[tuple[Path, int], str] = field(default_factory=dict)

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
    """Check every file of the ledger (or those whose directory falls in ``period``)."""
    report = Report()
    progress = lg.progress
    lg = _usable(lg, report)
    files = None
    split = _split(lg, period)
    child = None
    if split is not None:  # the older year folders in another process, the rest here
        from fzlog.store import cache

        theirs, cut = split
        child = cache.forked(_share, lg, period, theirs, cut)
    if child is not None:
        try:
            files = _check_files(lg, period, progress, roots=lambda name: name not in theirs, years=(cut + 1, None))
            other = _share_from(child)
        finally:
            child.close()
        if other is None or files.linked or other.linked:  # it failed, or folders are linked: all here
            files = None
        else:
            files.take(other, lg.root, min(theirs))
    if files is None:
        files = _check_files(lg, period, progress, apart=True)
    report.problems += files.problems
    report.files = files.files
    report.lines = files.lines
    _check_duplicates(lg, files.good, files.named, report)
    _check_notes(lg, period, report)
    report.problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0, p.code))
    return report


@dataclass
class _Files:
    """What checking the files of the ledger, or of a share of its year folders, found."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0  # record files examined
    lines: dict[tuple[Path, int], str] = field(default_factory=dict)  # (see Report.lines)
    #: every .toml file that claims to be a record, with the id it stands for ("<day>/<kind>-<short
    #: id>" in lower case; None when its day is not known). Files here and in ``good`` are path
    #: strings, made Paths only to report a problem; one file's is one object in both lists.
    named: list[tuple[str, str]] = field(default_factory=list)
    #: every good record: (file, its short id in lower case — None outside the layout —, kind, date,
    #: title, and — where another record of this share has the same kind, date and title — its
    #: content's identity, else None)
    good: list[tuple] = field(default_factory=list)
    linked: bool = False  # a folder was reached through a symbolic link inside the ledger

    def take(self, other: _Files, root: Path, first: str) -> None:
        """Add what ``other`` found under the entries of the folder ``root`` from ``first`` on, a
        run of them that this one did not walk, keeping the files in path order."""
        self.problems += other.problems
        self.files += other.files
        self.lines.update(other.lines)
        prefix = len(os.path.join(root, ""))

        def entry(item: tuple) -> str:  # the entry of the root folder a file is under
            return item[0][prefix:].partition(os.sep)[0]

        for mine, theirs in ((self.named, other.named), (self.good, other.good)):
            at = bisect.bisect_left(mine, first, key=entry)
            mine[at:at] = theirs


def _check_files(lg: Ledger, period: Period | None, progress, *, roots: Callable[[str], bool] | None = None,
                 years: tuple[int | None, int | None] = (None, None), apart: bool = False) -> _Files:
    """The checks of each file: the walk, each record file, its name and its evidence. Of the
    whole ledger, or of a share of it: what the walk finds under the ``roots`` entries of the
    ledger's folder, whose records cached for the ``years`` (first, last; either open) of the
    period are the cache's to give. ``apart``: the work may go to forked processes (the cache's
    scan, most of the evidence checks); not when the ledger is shared out already."""
    out = _Files()
    report = Report(out.problems, lines=out.lines)  # (what the checks below add to)
    listing = paths.Listing()  # what the walk lists, for the evidence checks
    links: list[Path] = []
    walked = [item for item in _walk(lg.root, out.problems, listing, roots, links)
              if _in_period(item[2], period, lg, item[0])]
    out.linked = bool(links)
    cached = _read_cached(lg, _years(period, *years), walked, progress, apart)
    good = out.good
    with_evidence: list[tuple[Path, Record, str]] = []  # (file, record, its folder)
    for path, target, pl, text in walked:
        name = path.name
        if target is not None:
            out.problems.append(_error(path, t("validate.outside_ledger", target=target), "outside-ledger"))
        elif name.startswith("."):
            if _TEMP.match(name):
                out.problems.append(_warning(path, t("validate.temp"), "leftover-temp"))
            else:
                out.problems.append(_warning(path, t("validate.hidden"), "stray-file"))
        elif name.endswith(".toml"):
            out.files += 1
            rec = _check_record_file(lg, path, pl, report, cached, name)
            stem = name[:-5]
            if rec is not None:
                short = stem.rpartition("-")[2].lower() if pl.status == "record" else None
                good.append((text, short, rec.kind, rec.date, rec.title, rec))
                if rec.evidence:
                    with_evidence.append((path, rec, text.rpartition(os.sep)[0]))
                if not _is_record_stem(stem, rec.kind):
                    out.problems.append(_error(path, t("record.bad_name", kind=rec.kind), "bad-name"))
            day = pl.day or (rec.date.isoformat() if rec is not None else "")
            out.named.append((text, f"{day}/{stem.lower()}" if day else None))
        elif name.lower().endswith(".toml"):
            out.problems.append(_error(path, t("validate.bad_ext"), "bad-ext"))
        else:
            out.problems.append(_warning(path, t("validate.stray"), "stray-file"))
    confine = paths.confiner(lg.root, listing)
    finder = Finder(lg, listing)
    here, there = with_evidence, []
    child = None
    if apart and len(with_evidence) >= EVIDENCE_APART_MIN:  # most of them in another process,
        from fzlog.store import cache                            # while this one checks the rest

        cut = len(with_evidence) * 2 // 5
        child = cache.forked(_evidence_problems, with_evidence[cut:], confine, finder)
        if child is not None:
            here, there = with_evidence[:cut], with_evidence[cut:]
    try:
        for path, rec, folder in here:
            _check_evidence(path, rec, report, confine, finder, folder)
        if child is not None:
            out.problems += _problems_from(child, there, confine, finder)
    finally:
        if child is not None:
            child.close()
    # The content's identity of records that look alike here (read in full again when the cache
    # gave a Brief); _check_duplicates reads any other it needs. The records themselves go with
    # this function's other data.
    alike = {key for key, n in Counter(map(_KIND_DATE_TITLE, good)).items() if n > 1}
    out.good = [(*g[:5], _identity(lg, g[0], g[5]) if g[2:5] in alike else None) for g in good]
    return out


def _identity(lg: Ledger, path: str, rec: Record | Brief | None) -> tuple | None:
    """The identity of the record in the file ``path`` (``record.identity``), from ``rec`` when it
    is whole, else read from the file; None if it cannot be read now."""
    if type(rec) is not Record:
        rec = lg.parse_file(Path(path))[0]
    return record_mod.identity(rec, lg.registry) if rec is not None else None


def _split(lg: Ledger, period: Period | None) -> tuple[frozenset[str], int] | None:
    """The older year folders of the period to check in another process, and the last of their
    years — when the cache shows the period big enough for that to pay (``SPLIT_MIN_BYTES``):
    about ``SPLIT_SHARE`` of it, by the size of each year's cached records. They are a run of the
    root folder's entries in name order (nothing else between them), so that what the two
    processes find can be put together in path order."""
    from fzlog.store import cache

    try:
        with os.scandir(lg.root) as it:
            entries = sorted(it, key=operator.attrgetter("name"))
    except OSError:
        return None
    years: list[str] = []  # the run: plain year folders of the period
    for e in entries:
        name = e.name
        try:
            plain_year = bool(_YEAR.match(name)) and e.is_dir(follow_symlinks=False)
        except OSError:
            plain_year = False
        if plain_year and (period is None or period.start.year <= int(name) <= period.end.year):
            years.append(name)
        elif years:
            break
    sizes = cache.shard_sizes(lg, years)
    total = sum(sizes)
    if len(years) < 2 or total < SPLIT_MIN_BYTES:
        return None
    share, theirs = 0, []
    for year, size in zip(years[:-1], sizes):
        if theirs and share + size / 2 > total * SPLIT_SHARE:
            break
        share += size
        theirs.append(year)
    return frozenset(theirs), int(theirs[-1])


def _years(period: Period | None, first: int | None, last: int | None) -> Period | None:
    """``period`` cut to the years ``first`` to ``last`` (either open)."""
    if first is None and last is None:
        return period
    import datetime as dt

    start = dt.date(first, 1, 1) if first is not None else dt.date.min
    end = dt.date(last, 12, 31) if last is not None else dt.date.max
    if period is not None:
        start, end = max(start, period.start), min(end, period.end)
    return Period(start, end)


def _share(lg: Ledger, period: Period | None, theirs: frozenset[str], cut: int) -> Iterator[tuple]:
    """In a forked process: :func:`_check_files` of the year folders ``theirs``, as plain data (a
    file's path string, once in ``named`` and again in ``good``, is one object: marshal sends it
    once)."""
    files = _check_files(lg, period, None, roots=theirs.__contains__, years=(None, cut))
    yield (_plain(files.problems), files.files, files.named,
           [(path, short, kind, date.toordinal(), title, ident)
            for path, short, kind, date, title, ident in files.good],
           files.linked)


def _share_from(child) -> _Files | None:
    """What :func:`_share` found in ``child``; None if it did not finish."""
    import datetime as dt

    from fzlog.store.cache import ChildFailed

    try:
        found = list(child.results())
    except ChildFailed:
        return None
    if len(found) != 1:
        return None
    problems, count, named, good, linked = found[0]
    dates: dict[int, dt.date] = {}
    return _Files(_from_plain(problems), count, {}, named,
                  [(path, short, kind, dates.get(day) or dates.setdefault(day, dt.date.fromordinal(day)), title, ident)
                   for path, short, kind, day, title, ident in good], linked)


def fix_encodings(lg: Ledger, period: Period | None = None) -> list[Fixed]:
    """Convert record files in GBK/GB18030/UTF-16/UTF-32 to UTF-8, atomically, each only if the
    conversion is exactly reversible (the text is identical; line ends are kept). Never touches a
    UTF-8 file, a damaged file, or anything that is not a ``.toml`` record file."""
    out: list[Fixed] = []
    for path, target, pl, _ in _walk(lg.root):
        if target is not None or not path.name.endswith(".toml") or path.name.startswith("."):
            continue
        if not _in_period(pl, period):
            continue
        try:
            if path.stat().st_size > MAX_RECORD_BYTES:
                continue
            raw = path.read_bytes()
        except OSError:
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
            if path.read_bytes() != raw:
                out.append(Fixed(path, found.label, t("validate.fix_changed")))
                continue
            ledger_mod.replace_file(path, converted[0])
        except OSError as exc:
            out.append(Fixed(path, found.label, ledger_mod.os_reason(exc)))
            continue
        out.append(Fixed(path, found.label))
    return out


# the walk -------------------------------------------------------------------------------------
def _walk(root: Path, problems: list[Problem] | None = None, listing: paths.Listing | None = None,
          roots: Callable[[str], bool] | None = None,
          links: list[Path] | None = None) -> list[tuple[Path, Path | None, Place, str]]:
    """Every file under ``root`` that may matter, in path order, with the outside target of a
    symlink that leaves the ledger (such a link is not followed), where it stands in the layout
    and its path as a string (``os.fspath(root)`` and the names below it, joined as they are
    found: making a Path a string is slow). Skips hidden folders (.git, .fzlog-cache), the
    root's evidence/ folder and its own files (fzlog.toml, README.md …). A folder that cannot be
    read is added to ``problems``.

    Real paths are worked out from the parent's for plain folders; only a symlink is resolved.
    What each folder holds goes to ``listing`` (when the root is a plain absolute path, the form
    the evidence checks look folders up by). ``roots``: which entries of the root folder to walk
    (all by default). ``links`` gets each folder reached through a symlink inside the ledger."""
    from fzlog.store.ledger import child_path

    base = os.path.realpath(root)
    plain_root = root.is_absolute() and ".." not in root.parts and os.path.normpath(root) == os.fspath(root)
    top = os.path.normcase(base)
    inside = top if top.endswith(os.sep) else top + os.sep
    seen = {top}
    # Each folder's entries in name order: files, and for each folder visited its own list (read
    # out in path order at the end). Folders are visited last found first and marked seen when
    # found: of two ways into one folder (a link inside the ledger), that one is walked.
    tree: list = []
    # (folder, its real path, its path below the root as parts, its entries, its path as a string)
    stack: list[tuple[Path, str, tuple[str, ...], list, str]] = [(root, base, (), tree, os.fspath(root))]
    by_name = operator.attrgetter("name")
    while stack:
        directory, real_dir, rel, items, text = stack.pop()
        try:
            with os.scandir(text) as it:
                entries = sorted(it, key=by_name)
            if listing is not None and plain_root:
                listing.add(text, entries)
        except OSError as exc:
            if problems is not None:
                problems.append(_error(directory, t("ledger.unreadable_dir", path=directory.name,
                                                    reason=ledger_mod.os_reason(exc)), "unreadable"))
            continue
        at_root = not rel
        child = child_path(directory)
        within = text if text.endswith(os.sep) else text + os.sep
        pl: Place | None = None  # the same for every entry of a folder
        for entry in entries:
            name = entry.name
            if name in OS_JUNK or (at_root and (name in ROOT_FILES or (roots is not None and not roots(name)))):
                continue
            try:
                is_dir = entry.is_dir()
                real = None
                if entry.is_symlink():
                    real = os.path.realpath(entry.path)
                    folded = os.path.normcase(real)
                    if folded != top and not folded.startswith(inside):
                        pl = pl or ledger_mod.place_of(rel + (name,))
                        items.append((child(name), Path(real), pl, within + name))
                        continue
            except OSError:
                continue
            if is_dir:
                if name.startswith(".") or name == EVIDENCE_DIR or (at_root and name in ROOT_DIRS):
                    continue
                if real is None:  # not a link: its real path is its real parent's and its name
                    real = (real_dir if real_dir.endswith(os.sep) else real_dir + os.sep) + name
                elif links is not None:
                    links.append(child(name))
                folded = os.path.normcase(real)
                if folded not in seen:  # a link back into the ledger: visit each folder once
                    seen.add(folded)
                    below: list = []
                    items.append(below)
                    stack.append((child(name), real, rel + (name,), below, within + name))
            else:
                pl = pl or ledger_mod.place_of(rel + (name,))
                items.append((child(name), None, pl, within + name))
    found: list[tuple[Path, Path | None, Place, str]] = []  # the tree in path order
    pending = [iter(tree)]
    while pending:
        for item in pending[-1]:
            if type(item) is list:
                pending.append(iter(item))
                break
            found.append(item)
        else:
            pending.pop()
    return found


def _in_period(pl: Place, period: Period | None, lg: Ledger | None = None, path: Path | None = None) -> bool:
    """Whether a file concerns ``period``: by its day directory; a record file outside the layout
    by its own date; anything else by its year directory (files in the root: no period)."""
    if period is None:
        return True
    if pl.day:
        return period.start.isoformat() <= pl.day <= period.end.isoformat()
    if lg is not None and path is not None and path.name.endswith(".toml") and not path.name.startswith("."):
        rec = lg.parse_file(path)[0]
        if rec is not None:
            return rec.date in period
    if pl.year:
        return period.start.year <= int(pl.year) <= period.end.year
    return False


# the checks -----------------------------------------------------------------------------------
def _usable(lg: Ledger, report: Report) -> Ledger:
    """The ledger itself if its config is readable; else report why and check the records
    against the default kinds, so one broken config still leaves every other problem visible."""
    try:
        lg.registry
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

    for load in (lambda: load_checklist(lg.registry, lg.config),
                 lambda: report_settings.load(lg.config.raw, lg.registry, str(lg.root / CONFIG_NAME))):
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
        message, line = message[m.end():], int(m[1]) if m[1].isdigit() else None
    return Problem(cfg, message, code, line)


def _read_cached(lg: Ledger, period: Period | None, walked, progress, apart: bool = True) -> dict:
    """What reading each record file of the dated layout in ``period`` gives (``cache.read_named``:
    from the record cache for files unchanged since they were read), by day and file name. The
    walk has listed them: the day directories with their record files, as ``Ledger.iter_days``
    would. ``apart``: the cache may scan in a forked process."""
    from fzlog.store import cache

    lo = period.start.isoformat() if period else ""
    hi = period.end.isoformat() if period else "9999"
    day_dirs: list[tuple[Path, list[str]]] = []
    day = None
    for path, target, pl, _ in walked:
        name = path.name
        if (pl.status == "record" and target is None and name.endswith(".toml") and not name.startswith(".")
                and lo <= pl.day <= hi):
            if pl.day != day:
                day = pl.day
                day_dirs.append((path.parent, []))
            day_dirs[-1][1].append(name)
    try:
        return cache.read_named(lg, period, progress=progress, listing=day_dirs, apart=apart, brief=True)
    except FzlogError:
        return {}


def _check_record_file(lg: Ledger, path: Path, pl: Place, report: Report, cached: dict,
                       name: str) -> Record | None:
    if pl.status == "record":
        found = cached.get((pl.day, name))
        rec, problems = found if found is not None else lg.read(path)
    else:
        rec, problems = lg.parse_file(path)
        expected = f"{rec.date.year:04d}/{rec.date.isoformat()}" if rec is not None else ""
        if pl.status == "wrong-year":
            message = t("validate.year_mismatch", day=pl.day, year=pl.year, expected=f"{pl.day[:4]}/{pl.day}")
            report.problems.append(_error(path, message, "year-mismatch"))
        else:
            message = t("record.bad_path") + (t("validate.move_to", expected=expected) if expected else "")
            report.problems.append(_error(path, message, "bad-path"))
    report.problems.extend(problems)
    return rec


def _well_named(path: Path, kind: str | None = None) -> bool:
    """``<kind>-<short id>.toml`` (for the given kind, or for any kind-like prefix)."""
    return _is_record_stem(path.stem, kind)


def _is_record_stem(stem: str, kind: str | None = None) -> bool:
    prefix, sep, short = stem.rpartition("-")
    return bool(sep and _SHORT_ID.match(short) and (prefix == kind if kind else re.match(r"^[a-z0-9-]+$", prefix)))


def _check_evidence(path: Path, rec: Record, report: Report, confine, finder: Finder, folder: str) -> None:
    """The evidence references of the record in the file ``path`` (in ``folder``, a string)."""
    found: list[tuple[str, str, str]] = []
    for ref in rec.evidence:
        if "://" in ref and paths.is_link(ref):
            continue
        try:
            confine(ref)
        except paths.OutsideLedger as exc:
            found.append((exc.message, "evidence-outside", "error"))
    for ref in finder.missing(rec, folder):
        found.append((t("validate.evidence_missing", ref=ref), "evidence-missing", "warning"))
    if found:
        text = ledger_mod.read_text(path)[0] or ""
        line = record_mod.key_line(text, "evidence")
        if line:
            report.lines[path, line] = text.split("\n", line)[line - 1]
        report.problems.extend(Problem(path, message, code, line, severity=severity)
                               for message, code, severity in found)


def _evidence_report(items: list[tuple[Path, Record, str]], confine, finder: Finder) -> Report:
    """The evidence problems of ``items``."""
    part = Report()
    for path, rec, folder in items:
        _check_evidence(path, rec, part, confine, finder, folder)
    return part


def _evidence_problems(items: list[tuple[Path, Record, str]], confine, finder: Finder) -> Iterator[list]:
    """In a forked process: the evidence problems of ``items``, as plain tuples."""
    yield _plain(_evidence_report(items, confine, finder).problems)


def _problems_from(child, items: list[tuple[Path, Record, str]], confine, finder: Finder) -> list[Problem]:
    """What :func:`_evidence_problems` found in ``child``; should it fail, those of ``items`` here."""
    from fzlog.store.cache import ChildFailed

    try:
        return [p for batch in child.results() for p in _from_plain(batch)]
    except ChildFailed:
        return _evidence_report(items, confine, finder).problems


def _plain(problems: list[Problem]) -> list[tuple]:
    """Problems as plain tuples, for a forked process to send (see :func:`_from_plain`)."""
    return [(os.fspath(p.path), p.message, p.code, p.line, p.column, p.severity) for p in problems]


def _from_plain(rows: list[tuple]) -> list[Problem]:
    """The problems :func:`_plain` gave (those of one file share a Path)."""
    paths_of: dict[str, Path] = {}
    return [Problem(paths_of.get(path) or paths_of.setdefault(path, Path(path)), message, code, line, column,
                    severity) for path, message, code, line, column, severity in rows]


def _check_notes(lg: Ledger, period: Period | None, report: Report) -> None:
    """The report's notes files (notes/<year>.toml, read by `fzlog report`)."""
    folder = lg.root / "notes"
    if not folder.is_dir():
        return
    from fzlog.report import notes
    for path in sorted(folder.iterdir()):
        year = path.stem
        if period is not None and not (year.isdigit() and period.start.year <= int(year) <= period.end.year):
            continue
        if path.is_dir() or path.name.startswith(".") or not path.name.endswith(".toml") or not year.isdigit():
            report.problems.append(_warning(path, t("validate.notes_stray"), "stray-file"))
            continue
        try:
            notes.load(path)
        except FzlogError as exc:
            report.problems.append(_error(path, exc.message, "notes", exc.line))


def _check_duplicates(lg: Ledger, good: list[tuple], named: list[tuple[str, str]], report: Report) -> None:
    """Two files for one id, short ids shared, the same activity twice (see :class:`_Files` for
    ``good`` and ``named``). Each is counted first (in C), and only what comes twice is looked at."""
    def rel(p: str) -> str:
        return Path(p).relative_to(lg.root).as_posix()

    def twice(keys) -> set:
        return {key for key, n in Counter(keys).items() if n > 1 and key is not None}

    # one id, two files: the same <day>/<kind>-<id> in and out of the layout, or differing in case
    by_id: dict[str, list[str]] = defaultdict(list)
    doubled_ids = twice(map(_SECOND, named))
    for path, rid in named if doubled_ids else ():
        if rid in doubled_ids:
            by_id[rid].append(path)
    doubled: set[str] = set()
    for rid, files in by_id.items():
        for p in files:
            others = "、".join(rel(o) for o in files if o != p)
            report.problems.append(_error(Path(p), t("validate.duplicate_id", other=others, id=rid), "duplicate-id"))
        doubled.update(files)

    # one short id, two records: `fzlog show <short>` cannot tell them apart
    by_short: dict[str, list[str]] = defaultdict(list)
    shared = twice(map(_SECOND, good))
    for path, short, *_ in good if shared else ():
        if short in shared and path not in doubled:
            by_short[short].append(path)
    for short, files in by_short.items():
        if len(files) > 1:
            for p in files:
                others = "、".join(lg.id_for(Path(o)) for o in files if o != p)
                report.problems.append(_warning(Path(p), t("validate.ambiguous_id", short=short, others=others),
                                                "ambiguous-id"))

    # the same activity twice: identical content in two files (counted twice in every summary)
    # (records written alike have the same kind, date and title: only those are compared in full;
    # one whose identity was not worked out with its share's is read again here)
    alike_keys = twice(map(_KIND_DATE_TITLE, good))
    by_content: dict[tuple, list[str]] = defaultdict(list)
    for path, _, kind, date, title, ident in good if alike_keys else ():
        if (kind, date, title) in alike_keys and path not in doubled:
            if ident is None:
                ident = _identity(lg, path, None)
            if ident is not None:
                by_content[ident].append(path)
    for found in by_content.values():
        if len(found) < 2:
            continue
        files = sorted(map(Path, found), key=lambda p: (not _well_named(p), p.parts))  # the copy is the odd-named one
        for p in files[1:]:
            report.problems.append(_warning(p, t("validate.duplicate_record", other=rel(files[0])),
                                            "duplicate-record"))


_SECOND = operator.itemgetter(1)
_KIND_DATE_TITLE = operator.itemgetter(2, 3, 4)


def _error(path: Path, message: str, code: str, line: int | None = None) -> Problem:
    return Problem(path, message, code, line)


def _warning(path: Path, message: str, code: str, line: int | None = None) -> Problem:
    return Problem(path, message, code, line, severity="warning")
