"""A ledger on disk: finding it, reading and appending records (the layout is
:mod:`fzlog.store.layout`'s, the file operations :mod:`fzlog.store.fsio`'s).

A record's id is ``<YYYY-MM-DD>/<kind>-<short id>``; a new short id is 8 base32 characters
(``k7m2qx4a``), random, so that ``add`` reads nothing of the ledger and a county's 50,000
records share none; ids of older records (4 hex digits) stay as they are.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fzlog import config as config_mod
from fzlog import record as record_mod
from fzlog.errors import FzlogError, LedgerNotFound, Problem, UsageError
from fzlog.kinds import Registry, default_registry
from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.store import cache, layout
from fzlog.store.fsio import (
    MAX_RECORD_BYTES,
    fsync_dir,
    os_reason,
    read_text,
    read_text_stat,
    replace_file,
    write_new,
)
from fzlog.store.layout import check_evidence, confine

if TYPE_CHECKING:
    from fzlog import tally

__all__ = ["MAX_RECORD_BYTES", "Ledger", "Loaded", "find", "init", "read_text"]

CONFIG_NAME = config_mod.CONFIG_NAME
ID_CHARS = 8
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_ID = re.compile(r"^(?:(\d{4}-\d{2}-\d{2})/)?([a-z0-9][a-z0-9-]*)$")
GITIGNORE = "# fzlog: local cache, never committed\n.fzlog-cache/\n*.tmp\n"


def find(
    explicit: str | os.PathLike | None = None, *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """Locate the ledger root: --ledger, else $FZLOG_LEDGER, else the current directory if it is a
    ledger, else the nearest ``data/fzlog.toml`` walking up from the current directory."""
    environ: Mapping[str, str] = os.environ if env is None else env
    given = explicit or environ.get("FZLOG_LEDGER")
    if given:
        root = Path(given).expanduser()
        if not (root / CONFIG_NAME).is_file() and (root / "data" / CONFIG_NAME).is_file():
            root = root / "data"  # a project folder holding its ledger in data/
        if not (root / CONFIG_NAME).is_file():
            raise LedgerNotFound(t("ledger.not_a_ledger", path=root))
        return root
    here = (cwd or Path.cwd()).resolve()
    if (here / CONFIG_NAME).is_file():
        return here
    for d in (here, *here.parents):
        if (d / "data" / CONFIG_NAME).is_file():
            return d / "data"
    raise LedgerNotFound(t("ledger.not_found"))


def _file(rec: Record) -> Path:
    """The file of a record read from the ledger (one made in memory has none)."""
    if rec.path is None:
        raise ValueError(f"{rec.id}: a record read from a file is needed")
    return rec.path


def _ledger_in(path: Path) -> Path | None:
    """``path`` itself if it is a ledger, or its ``data/`` ledger."""
    for candidate in (path, path / "data"):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


def is_folder_of_ledgers(path: Path) -> bool:
    """A folder that is no ledger itself but holds department ledgers (a county roll-up)."""
    return (
        path.is_dir()
        and _ledger_in(path) is None
        and any(c.is_dir() and _ledger_in(c) is not None for c in path.iterdir())
    )


def find_many(options) -> tuple[list[Path], list[Path]]:
    """Ledger roots for a roll-up: each option is a ledger, or a folder whose subfolders are
    ledgers (``<dept>/fzlog.toml`` or ``<dept>/data/fzlog.toml``). Returns the roots (each
    once) and the subfolders that hold no ledger (for a warning: a department missing from
    the county total must not go unnoticed)."""
    roots: list[Path] = []
    skipped: list[Path] = []
    for option in options:
        path = Path(option).expanduser()
        own = _ledger_in(path)
        if own is not None:
            roots.append(own)
            continue
        if not is_folder_of_ledgers(path):
            raise LedgerNotFound(t("ledger.not_a_ledger", path=path))
        for child in sorted(c for c in path.iterdir() if c.is_dir() and not c.name.startswith(".")):
            found = _ledger_in(child)
            (roots if found is not None else skipped).append(found or child)
    unique = list({p.resolve(): p for p in reversed(roots)}.values())[::-1]
    return unique, skipped


def append_config(root: Path, addition: str, check: Callable[[str], None]) -> Path:
    """Add ``addition`` at the end of the ledger's fzlog.toml, atomically, once ``check`` (which
    raises to refuse) has accepted the whole new text. Returns the file's path."""
    path = root / CONFIG_NAME
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FzlogError(t("record.unreadable", reason=getattr(exc, "strerror", None) or exc), path=path) from None
    new = text.rstrip("\n") + "\n" + addition
    check(new)
    try:
        replace_file(path, new.encode("utf-8"))
    except OSError as exc:
        raise FzlogError(t("output.write_failed", path=path, reason=os_reason(exc))) from None
    return path


def init(root: Path, org: str, profile: str = "national", region: str = "", preset: str = "") -> Path:
    """Create a new ledger directory with its config and .gitignore. Never overwrites a config."""
    cfg = root / CONFIG_NAME
    if cfg.exists():
        raise FzlogError(t("ledger.exists", path=root))
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_new(cfg, config_mod.render_new(org, profile, region, preset).encode("utf-8"))
        gi = root / ".gitignore"
        if not gi.exists():
            write_new(gi, GITIGNORE.encode("utf-8"))
    except FileExistsError:
        raise FzlogError(t("ledger.exists", path=root)) from None
    except OSError as exc:
        raise FzlogError(t("ledger.init_failed", path=root, reason=os_reason(exc))) from None
    return root


@dataclass
class Loaded:
    """The result of reading a ledger: the good records in date order and every problem found."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    period: Period | None = None  # the dates read (None: the whole ledger)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def covers(self, period: Period) -> bool:
        """Whether every record of ``period`` is among those read."""
        return self.period is None or (self.period.start <= period.start and period.end <= self.period.end)


class Ledger:
    def __init__(self, root: Path, registry: Registry | None = None):
        self.root = Path(root)
        self._config: config_mod.Config | None = None
        self._registry: Registry | None = registry  # given: used instead of the config's kinds
        self._year_dirs: dict[str, Callable[[str], Path]] = {}  # see day_path

    # settings -------------------------------------------------------------------------------
    @property
    def config(self) -> config_mod.Config:
        if self._config is None:
            path = self.root / CONFIG_NAME
            layout.refuse_outside(self.root, path, reading=True)
            self._config = config_mod.load(path)
        return self._config

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = default_registry().for_ledger(
                self.config.kinds, self.config.raw.get("preset", ""), str(self.root / CONFIG_NAME)
            )
        return self._registry

    # layout -----------------------------------------------------------------------------------
    def day_dir(self, day) -> Path:
        return layout.day_dir(self.root, day)

    def notes_path(self, year: int) -> Path:
        """The year's notes file: report text no record holds (不足和原因, 下年安排), see report/notes.py."""
        path = self.root / layout.NOTES_DIR / f"{year:04d}.toml"
        layout.refuse_outside(self.root, path, reading=True)
        return path

    def years(self) -> list[int]:
        """The years that have a folder in the ledger, oldest first (a year picker's choices)."""
        return layout.years_with_days(self.root)

    def id_for(self, path: Path) -> str:
        return f"{path.parent.name}/{path.stem}"

    def iter_files(self, period: Period | None = None) -> Iterator[Path]:
        """Record files in the dated layout (as :func:`fzlog.store.layout.walk` finds them), in
        date order, in ``period``."""
        for day in self.iter_days(period):
            for name in day.files:
                yield day.path / name

    def iter_days(self, period: Period | None = None, skipped: list[layout.Found] | None = None) -> list[layout.Day]:
        """The day folders of ``period`` with their record files, in date order (the walker's);
        what a reader must say it left out goes to ``skipped`` when given."""
        years = (period.start.year, period.end.year) if period else None
        days, left_out = layout.days(self.root, years)
        if skipped is not None:
            skipped += left_out
        if period is not None:
            lo, hi = period.start.isoformat(), period.end.isoformat()
            days = [d for d in days if lo <= d.name <= hi]
        days.sort(key=_day_name)
        return days

    # reading ----------------------------------------------------------------------------------
    def parse_file(self, path: Path) -> tuple[Record | None, list[Problem]]:
        """Read one record file and check it against the registry (not against the layout)."""
        text, problems = read_text(path)
        if text is None:
            return None, problems
        return record_mod.parse(text, self.registry, path, self.id_for(path))

    def read(self, path: Path) -> tuple[Record | None, list[Problem]]:
        """Read one record file, checking it against the registry and the layout."""
        return self.check_text(path, *read_text(path))

    def check_text(
        self, path: Path, text: str | None, problems: list[Problem], day: str | None = None
    ) -> tuple[Record | None, list[Problem]]:
        """What :meth:`read` gives for the file ``path`` (in the day directory ``day``) once
        :func:`read_text` has given ``text, problems``."""
        if text is None:
            return None, problems
        if day is None:  # (a file the cache reads is a "<name>.toml" in the day directory ``day``)
            day, record_id = path.parent.name, self.id_for(path)
        else:
            record_id = f"{day}/{path.name[:-5]}"
        rec, problems = record_mod.parse(text, self.registry, path, record_id)
        if rec is None:
            return None, problems
        if rec.date.isoformat() != day:
            line = record_mod.key_line(text, "date")
            return None, [
                Problem(
                    path,
                    t(
                        "record.date_mismatch",
                        date=rec.date,
                        dir=day,
                        expected=f"{rec.date.year}/{rec.date.isoformat()}",
                    ),
                    "date-mismatch",
                    line,
                )
            ]
        return rec, []

    #: told ``(done, total)`` while :meth:`load` reads many files (a first run on a big ledger)
    progress: Callable[[int, int], None] | None = None

    def read_in(self, path: Path, day: str) -> tuple[Record | None, list[Problem], os.stat_result | None]:
        """:meth:`read` of the file ``path`` in the day folder ``day`` (what the cache calls), and
        the file's status as it was opened."""
        text, problems, st = read_text_stat(path)
        return (*self.check_text(path, text, problems, day), st)

    def load(self, period: Period | None = None) -> Loaded:
        """Every readable record in ``period`` (date order) and the problems of the rest —
        including every file the walker found where no command reads it, so that a reader can
        say what it left out.

        What reading each file gave is kept in the ledger's cache (``.fzlog-cache/``, see
        :mod:`fzlog.store.cache`) and used again only while the file is unchanged, so the result
        is always that of reading every file."""
        chunks, problems = self.load_years(period)
        records = [rec for chunk in chunks for rec in chunk]  # (the problems are complete after this)
        return Loaded(records, problems, period)

    def load_years(self, period: Period | None = None) -> tuple[Iterator[list[Record]], list[Problem]]:
        """What :meth:`load` gives, a year at a time: the iterator gives the records of each year
        of ``period`` that has any (date order) as it is consumed, so that a command going through
        a long period holds a year of records, not all of them. The problems are complete once
        the iterator is exhausted."""
        problems: list[Problem] = []
        skipped: list[Problem] = []
        days = self._days_to_read(period, skipped)
        span = (period.start.isoformat(), period.end.isoformat()) if period else ("", "9999")

        def chunks() -> Iterator[list[Record]]:
            notice = ""
            for results, said in self.read_years(days, span, _record_or_problems):
                notice = notice or said
                records: list[Record] = []
                for result in results:
                    # (a record's date is that of its day directory, in ``period``: see check_text)
                    if isinstance(result, Record):
                        records.append(result)
                    else:
                        problems.extend(result)
                del results
                if records:
                    yield records
            problems.extend(skipped)
            if notice:
                problems.append(Problem(self.root / layout.CACHE_DIR, notice, "cache-off", severity="warning"))

        return chunks(), problems

    def read_years(
        self, days: Sequence[layout.Day], span: tuple[str, str], shape: Callable[[cache.Result], Any]
    ) -> Iterator[tuple[list[Any], str]]:
        """:meth:`read_in` of every file of ``days`` (day folders in date order, whose first and
        last day a listing of ``span`` gave), through the cache (``cache.read``), a year at a time:
        ``shape`` of each file's result, in order, and the cache's notice. A cold read holds the
        work of a year, not of all of them."""
        key = cache.cache_key(self.registry)
        lo, hi = span
        by_year: dict[str, list[layout.Day]] = {}
        for day in days:
            by_year.setdefault(day.name[:4], []).append(day)
        # (a year whose folders are all gone is read too: its cache entries are dropped, as load does)
        cached = (
            cache.Store(self.root / layout.CACHE_DIR, key).years((lo, hi)) if cache.enabled(self.root) is True else []
        )
        total = sum(len(day.files) for day in days)
        before, shown = 0, False

        def step(done: int, _: int) -> None:
            nonlocal shown
            shown = True
            self.progress(before + done, total)  # type: ignore[misc]

        for year in sorted({*by_year, *cached}):
            mine = by_year.get(year, [])
            year_span = (max(lo, f"{year}-01-01"), min(hi, f"{year}-12-31"))
            yield cache.read(self.root, mine, key, self.read_in, step if self.progress else None, year_span, shape)
            before += sum(len(day.files) for day in mine)
        if shown and self.progress:
            self.progress(total, total)

    def _days_to_read(self, period: Period | None, skipped: list[Problem]) -> list[layout.Day]:
        """The day folders of ``period``; a problem in ``skipped`` for each file the walker found
        where no command reads it. A folder of records that cannot be read is an error."""
        found: list[layout.Found] = []
        days = self.iter_days(period, found)
        for f in found:
            if f.what == "unreadable":  # never leave a folder of records out silently
                raise FzlogError(t("ledger.unreadable_dir", path=f.path, reason=f.reason))
        skipped += [Problem(f.path, layout.skipped_reason(f), "misplaced") for f in found]
        return days

    def tallies(self, period: Period | None = None) -> tuple[tally.Partials, list[Problem]]:
        """The kinds' tally partials over the records of ``period`` (what :func:`fzlog.tally.partials`
        of :meth:`load`'s records gives) and the problems :meth:`load` gives. The cache keeps each
        day's partials beside its records, so an unchanged day's records are not decoded."""
        from fzlog import tally  # (here: add and most commands tally nothing)

        problems: list[Problem] = []
        days = self._days_to_read(period, problems)
        plans: dict[str, tally.Plan] = {}

        def summarize(records: list[Record]) -> dict[str, tuple]:
            return {slug: part.to_plain() for slug, part in tally.partials(records, self.registry, plans).items()}

        def join(plains: list[dict[str, tuple]]) -> dict[str, tuple]:
            return {slug: part.to_plain() for slug, part in tally.joined(map(_from_plain, plains)).items()}

        span = (period.start.isoformat(), period.end.isoformat()) if period else ("", "9999")
        plains, bad, notice = cache.tallies(
            self.root, days, cache.cache_key(self.registry), self.read_in, summarize, join, self.progress, span
        )
        if notice:
            problems.append(Problem(self.root / layout.CACHE_DIR, notice, "cache-off", severity="warning"))
        return tally.joined(map(_from_plain, plains)), bad + problems

    def get(self, ref: str) -> Record:
        """The record with id ``ref`` (full id, or a unique suffix such as ``3f9a``)."""
        typed = ref
        ref = ref.strip().replace("\\", "/").lower().removesuffix(".toml")
        ref = re.sub(r"^\d{4}/(?=\d{4}-\d{2}-\d{2}/)", "", ref)  # the file path `add` printed
        m = _ID.match(ref)
        if not m:
            raise UsageError(t("ledger.bad_id", ref=typed))
        day, name = m[1], m[2]
        if day:
            folder = self.root / day[:4] / day
            candidates = (
                [folder / f"{name}.toml"]
                if (folder / f"{name}.toml").is_file()
                else sorted(p for p in folder.glob(f"*-{name}.toml") if p.is_file())
                if folder.is_dir()
                else []
            )
            if len(candidates) != 1:
                raise FzlogError(t("ledger.no_id", ref=typed))
        else:
            candidates = [p for p in self.iter_files() if p.stem == name or p.stem.endswith("-" + name)]
            if not candidates:
                raise FzlogError(t("ledger.no_id", ref=ref))
            if len(candidates) > 1:
                raise UsageError(
                    t("ledger.ambiguous_id", ref=ref, candidates="、".join(self.id_for(p) for p in candidates[:10]))
                )
        confine(self.root, candidates[0].relative_to(self.root).as_posix())  # no symlink out
        rec, problems = self.read(candidates[0])
        if rec is None:
            p = problems[0]
            raise FzlogError(p.message, path=p.path, line=p.line)
        return rec

    # writing ----------------------------------------------------------------------------------
    def add(self, rec: Record) -> Record:
        """Append a record as a new file; returns it with its id and path. Reads nothing else of
        the ledger; never overwrites; leaves no partial file on failure."""
        check_evidence(self.root, rec.evidence)
        directory = self.day_dir(rec.date)
        try:
            data = record_mod.to_toml(rec, self.registry).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UsageError(t("value.encoding_unwritable", char=repr(exc.object[exc.start : exc.end]))) from None
        layout.refuse_outside(self.root, directory)  # a day or year folder linked out: nothing made
        created = [d for d in (directory, directory.parent) if not d.exists()]
        try:
            for attempt in range(64):
                path = directory / f"{rec.kind}-{new_id()}.toml"
                directory.mkdir(parents=True, exist_ok=True)
                try:
                    write_new(path, data)
                except FileExistsError:
                    continue
                except FileNotFoundError:  # the day directory vanished (a concurrent failed add)
                    if attempt < 3:
                        continue
                    raise
                return replace(rec, id=self.id_for(path), path=path)
            raise OSError(errno.EEXIST, "no free id")
        except BaseException as exc:  # failed or interrupted (Ctrl-C): leave nothing behind
            for d in created:  # the directories this add made, if still empty
                try:
                    d.rmdir()
                except OSError:
                    pass
            if isinstance(exc, OSError):
                raise FzlogError(t("ledger.write_failed", path=directory, reason=os_reason(exc))) from None
            raise

    def replace(self, old: Record, new: Record, *, was: str | None = None, changed: list[Path] | None = None) -> Record:
        """Save an edited record. Same date and kind: the file is rewritten atomically in place
        (temp file + fsync + rename). A new date or kind moves it to its new path, keeping the short
        id where free, with its evidence, crash-safe: see :mod:`fzlog.store.moves`.

        ``was``: the fingerprint (:func:`fzlog.store.moves.fingerprint`) of the bytes the edit
        started from; if the file is gone or holds other bytes now, nothing is written and
        RecordGone / RecordChanged is raised. ``changed`` gets every path written or removed."""
        from fzlog.store import moves

        check_evidence(self.root, new.evidence)
        try:
            data = record_mod.to_toml(new, self.registry).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UsageError(t("value.encoding_unwritable", char=repr(exc.object[exc.start : exc.end]))) from None
        if was is not None:
            moves.check_was(old, was)
        directory = self.day_dir(new.date)
        path = _file(old)
        if new.kind == old.kind and directory == path.parent:
            try:
                replace_file(path, data)
            except OSError as exc:
                raise FzlogError(t("ledger.write_failed", path=path, reason=os_reason(exc))) from None
            if changed is not None:
                changed.append(path)
            return replace(new, id=old.id, path=path)
        return moves.move(self, old, new, data, changed)

    def recover(self) -> list[str]:
        """Finish or undo a date move that was killed half-way (see :mod:`fzlog.store.moves`);
        what was done, one sentence each. Cheap when there is nothing to do."""
        from fzlog.store import scratch

        if not scratch.pending(self.root):
            return []
        from fzlog.store import moves

        return moves.recover(self)

    def remove(self, rec: Record) -> None:
        """Delete a record's file (and its day directory if that is now empty)."""
        path = _file(rec)
        try:
            path.unlink()
        except OSError as exc:
            raise FzlogError(t("ledger.write_failed", path=path, reason=os_reason(exc))) from None
        fsync_dir(path.parent)
        try:
            path.parent.rmdir()
        except OSError:
            pass


def new_id() -> str:
    """A new short id: ``ID_CHARS`` random base32 characters (lower case, no 0/1/8/9 confusion)."""
    return "".join(_BASE32[b & 31] for b in os.urandom(ID_CHARS))


def _record_or_problems(result: tuple[Record | None, Sequence[Problem]]) -> Record | Sequence[Problem]:
    """What :meth:`Ledger.load` keeps of reading one file: the record, else its problems (not a
    pair and an empty list of problems for each of 100,000 records)."""
    rec, problems = result
    return problems if rec is None else rec


def _day_name(day: layout.Day) -> str:
    return day.name


def _from_plain(plain: dict[str, tuple]) -> tally.Partials:
    from fzlog import tally

    return {slug: tally.Partial.from_plain(p) for slug, p in plain.items()}
