"""The record cache: what reading each record file gave, kept between commands, so that a ledger
of 100,000 records answers without parsing 100,000 files each time.

Where
    ``<ledger>/.fzlog-cache/<YYYY>.cache``, one shard per year directory, so ``summary 2024``
    reads only the 2024 shard. The directory is outside git (the ledger's ``.gitignore`` names it,
    and it holds its own ``.gitignore`` and a ``CACHEDIR.TAG`` for backup tools). Deleting it is
    always safe.

What an entry holds
    For one record file: the stat signature it had when it was read — size, mtime_ns, ctime_ns,
    inode — and what :meth:`fzlog.store.ledger.Ledger.read` gave: the record, or the problems that kept
    it out. Problems are cached too: a broken file stays reported until it changes.

When an entry is used
    Only for a file that exists now (the directory scan decides which files there are: deleted
    and renamed files simply have no entry used) and whose signature is exactly the one
    remembered. Any change to a file — an edit, even one of the same size with its mtime put back
    by ``os.utime``; a rename over it; a ``git checkout`` — changes its ctime, which no program can
    set back, or its inode, and the file is read again. A file changed less than ``RACY_NS`` (two
    seconds) before it was read is not cached at all: file-system clocks tick coarsely, and a
    second change within the same tick could keep the signature (git's "racily clean" files).
    (On Windows st_ctime is the creation time: there only an edit that also puts back the size
    and the mtime would go unseen.)
    Unlike black's cache no content hash is kept: reading a file is most of the cost of parsing
    it, so a hash check when only the times differ would save little.

Keys
    A shard is used only if it was written for the same cache format, Python (marshal's format),
    fzlog version, fzlog source (name, size and mtime of the core modules, so a development
    checkout's change is seen) and kind registry (the ledger's ``fzlog.toml`` kinds decide what is
    valid) — the whole key is stored and compared, not a hash of it; otherwise the shard is
    ignored and rewritten. Problems are remembered in the language they were worded in; under
    ``--lang`` another language the file is read again.

Format and safety
    ``marshal`` of plain tuples, dicts, strings and numbers: fast, and, unlike pickle, reading it
    cannot run code, so a cache copied in with a ledger can at worst hold wrong data. A CRC-32
    over each shard catches damage (a truncated or altered file); a shard that cannot be
    read, fails its checksum or has an unexpected shape is ignored and rebuilt silently. Data
    forged on purpose is not defended against: whoever can write the ledger directory can as well
    edit the records. A shard is written to a temporary file and moved into place with
    ``os.replace``, so readers see the old shard or the new one, never half of one; when the
    ledger is read-only nothing is written and the ledger works uncached.

Using both cores
    On Linux, with several cores and from a single-threaded process (fork and threads do not
    mix). A first read of a big period — nothing cached for it, at least ``PARALLEL_MIN_DAYS``
    day directories — is done by worker processes, one per core, each listing and reading every
    n-th day directory and sending plain data back through a pipe; this process merges their days
    in date order, decodes and writes each year's shard. Later, when at least ``PARALLEL_MIN``
    changed files must be read, workers read every n-th chunk of them; and when the cache holds
    at least ``SCAN_APART_MIN`` bytes for the period, one forked process lists and stats the
    files while this one decodes what the cache holds. Whatever fails there is done in this
    process instead. A load that has taken more than ``PROGRESS_AFTER`` (a second) reports
    ``progress(done, total)`` (files, or day directories in a first read); the CLI draws a bar.

Everything here happens with the cyclic garbage collector paused: a load makes hundreds of
thousands of small objects without cycles, and the collector would walk them again and again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import heapq
import marshal
import os
import struct
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from fzlog import __version__
from fzlog.errors import Problem
from fzlog.store.ledger import child_path, misplaced_order, read_file
from fzlog.messages import get_lang
from fzlog.record import Brief, Record

if TYPE_CHECKING:
    from fzlog.kinds import Registry
    from fzlog.store.ledger import Ledger
    from fzlog.period import Period

FORMAT = 2
CACHE_DIR = ".fzlog-cache"
SUFFIX = ".cache"
RACY_NS = 2_000_000_000
PARALLEL_MIN = 2000  # files worth reading in worker processes
PARALLEL_MIN_DAYS = 400  # day directories worth listing and reading in worker processes (a first read)
PROGRESS_AFTER = 1.0  # seconds a load runs before it reports progress
SCAN_APART_MIN = 400_000  # bytes of shards (about 2,000 records) worth scanning in another process
CHUNK = 500  # files per progress step and per piece of a worker process's work
PIPE_SIZE = 1 << 20  # bytes a child process may send ahead of this one's reading

Progress = Callable[[int, int], None]
DayDirs = Sequence[tuple[Path, list[str]]]  # day directories with their record files, as Ledger.iter_days gives
Sig = bytes  # size, mtime_ns, ctime_ns and inode, packed (_SIG): one object, not five
# An entry: (signature, encoded record or None, encoded problems, language of the problems).
Entry = tuple[Sig, Any, tuple, str]

_MAGIC = b"fzlog-cache\n"  # then the key (with FORMAT), a CRC-32, the marshalled shard
_RECORD_FIELDS = ("kind", "date", "title", "place", "tags", "note", "evidence", "fields", "id", "path")
_PROBLEM_FIELDS = tuple(f.name for f in dataclasses.fields(Problem))
#: The cache stores records and problems of exactly these shapes; should record.py or errors.py
#: change them, the cache steps aside (every file is read) until this module is taught the new shape.
ENABLED = (tuple(f.name for f in dataclasses.fields(Record)) == _RECORD_FIELDS
           and _PROBLEM_FIELDS[0] == "path")
# What a shard with an unexpected shape raises while it is used.
_DAMAGE = (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError)

_SIG = struct.Struct("<qqqQ")
_pack = _SIG.pack
_fromordinal = dt.date.fromordinal
_intern = sys.intern
_now = time.time_ns  # the clock files are compared with (tests move it)


def read_files(ledger: Ledger, period: Period | None = None, misplaced: list[Path] | None = None, *,
               progress: Progress | None = None, days: list[tuple[str, list[str]]] | None = None,
               listing: DayDirs | None = None, apart: bool = True,
               brief: bool = False) -> list[tuple[Record | Brief | None, Sequence[Problem]]]:
    """``ledger.read(path)`` for every file of ``ledger.iter_files(period, misplaced)``, in that
    order — taken from the cache for files that have not changed since they were read. ``days``,
    when given, is filled with each day directory's name and its file names, in the same order.
    ``listing``: what ``ledger.iter_days(period)`` gives, when the caller has listed the day
    directories itself (``misplaced`` is then not filled). ``apart=False``: no work goes to
    forked processes (the caller has shared it out already). ``brief``: a good file gives a
    :class:`~fzlog.record.Brief` of its record rather than the record (``fzlog validate``)."""
    if days is None:
        days = []
    if not ENABLED:
        out = []
        for ddir, names in ledger.iter_days(period, misplaced) if listing is None else listing:
            days.append((ddir.name, names))
            out += [ledger.read(ddir / name) for name in names]
        return out
    directory = ledger.root / CACHE_DIR
    key = cache_key(ledger.registry)
    decode = _brief if brief else _decode
    # (the collector tripled the time of a warm load: see the module's docstring)
    collecting = gc.isenabled()
    gc.disable()
    try:
        found: list[Path] = []
        try:
            out = _read(ledger, period, found, progress, Store(directory, key), days, listing, apart, decode)
        except ChildFailed:  # the scanning process died: scan here
            found.clear()
            days.clear()
            out = _read(ledger, period, found, progress, Store(directory, key), days, listing, False, decode)
        except _DAMAGE:  # a shard of the wrong shape (the checksum was right): start afresh
            found.clear()
            days.clear()
            out = _read(ledger, period, found, progress, Store(directory, key, fresh=True), days, listing, apart,
                        decode)
        if misplaced is not None:
            misplaced.extend(found)
        return out
    finally:
        if collecting:
            gc.enable()


def read_named(ledger: Ledger, period: Period | None = None, *, progress: Progress | None = None,
               listing: DayDirs | None = None, apart: bool = True,
               brief: bool = False) -> dict[tuple[str, str], tuple[Record | Brief | None, Sequence[Problem]]]:
    """What :func:`read_files` gives, by each file's day directory and name
    (``("2024-03-15", "study-3f9a.toml")``): for a caller that walks the ledger itself
    (``fzlog validate``, which hands over its ``listing``)."""
    days: list[tuple[str, list[str]]] = []
    results = iter(read_files(ledger, period, progress=progress, days=days, listing=listing, apart=apart,
                              brief=brief))
    return {(day, name): next(results) for day, names in days for name in names}


def shard_sizes(ledger: Ledger, years: list[str]) -> list[int]:
    """Bytes the cache holds for each of ``years`` (0 where nothing): how much a command reading
    them has to do, known before anything is listed."""
    store = Store(ledger.root / CACHE_DIR, b"")
    return [store.size([year]) for year in years]


def _read(ledger: Ledger, period: Period | None, misplaced: list[Path], progress: Progress | None, store: Store,
          listed: list[tuple[str, list[str]]], listing: DayDirs | None = None, apart: bool = True,
          decode_entry: Callable | None = None):
    decode_entry = decode_entry or _decode
    lang = get_lang()
    horizon = _now() - RACY_NS
    lo = period.start.isoformat() if period else ""
    hi = period.end.isoformat() if period else "9999"
    cached_years = store.years(period)
    dates: dict[int, dt.date] = {}
    if not cached_years and apart:  # a first read: worker processes list the days as well as read them
        days = _count_days(ledger, period)
        workers = _Child.start_many(_scan_and_read, ledger, period, horizon) if days >= PARALLEL_MIN_DAYS else []
        if workers:
            return _read_apart(ledger, misplaced, progress, store, workers, days, lang, dates, listed, decode_entry)

    def decode(year: str) -> dict[str, dict[str, tuple]]:
        """What the cache holds for the days of ``year`` in the period, decoded (before it is known
        whether the files are unchanged: the decoding overlaps the scan)."""
        ready = {}
        for day, entries in store.shard(year).items():
            if lo <= day <= hi:
                child = child_path(ledger.day_path(day))
                ready[day] = {name: decode_entry(e, child, name, dates) for name, e in entries.items()}
        return ready

    # Which files there are, with their signatures, a year at a time: listed and stat-ed by another
    # process while this one decodes what the cache holds, when that is worth it.
    scanner = None
    if apart and store.size(cached_years) >= SCAN_APART_MIN:
        scanner = _Child.start(_scan_years, ledger, period, True, listing)
    scan = scanner.results() if scanner else _scan_years(ledger, period, stat=bool(cached_years), listing=listing)
    later = iter(cached_years)
    ahead = next(later, None)
    ready_years = {ahead: decode(ahead)} if ahead else {}

    out: list = []  # (record or None, problems) per file in order; None while still to be read
    todo: list[tuple[int, str, str]] = []  # (place in out, day, name)
    # per year, the days whose entries must be written anew, with the entries kept so far
    rewrite: dict[str, dict[str, dict[str, Entry]]] = {}
    try:
        for year, days in scan:
            if not year:  # the scan's last word: record-like files where no command reads them
                misplaced += [Path(p) for p in days]
                continue
            while ahead is not None and ahead <= year:
                if ahead not in ready_years:
                    ready_years[ahead] = decode(ahead)
                ahead = next(later, None)
            ready = ready_years.pop(year, {})
            shard = store.shard(year) if ready else {}
            changes: dict[str, dict[str, Entry]] = {}
            for day, names, sigs in days:
                listed.append((day, names))
                decoded = ready.pop(day, None)
                known = shard.get(day) or {} if decoded is not None else {}
                kept: dict[str, Entry] = {}
                misses = len(todo)
                for name, sig in zip(names, sigs):
                    entry = known.get(name)
                    if entry is not None and sig is not None and entry[0] == sig and not (
                            entry[2] and entry[3] != lang):
                        kept[name] = entry
                        out.append(decoded[name])
                    else:
                        todo.append((len(out), day, name))
                        out.append(None)
                if len(todo) > misses or len(kept) != len(known):
                    changes[day] = kept
            for day in ready:  # day directories removed
                changes[day] = {}
            if changes:
                rewrite[year] = changes
            else:
                store.drop(year)  # nothing to write: free its memory now
            if ahead is not None and ahead not in ready_years:
                ready_years[ahead] = decode(ahead)  # while the scanner goes on with the next year
    finally:
        if scanner:
            scanner.close()
    for year in [ahead, *later] if ahead else []:
        ready_years.setdefault(year, {day: None for day in store.shard(year) if lo <= day <= hi})
    for year, ready in ready_years.items():  # year directories removed
        if ready:
            rewrite[year] = {day: {} for day in ready}

    # Read what must be read, in order; write each year's shard as soon as its files are read.
    paths = {day: ledger.day_path(day) for day in dict.fromkeys(day for _, day, _ in todo)}
    results = _parse(ledger, [(paths[day], name) for _, day, name in todo], progress) if todo else iter(())
    for k, ((i, day, name), (sig, rec, problems)) in enumerate(zip(todo, results)):
        entry = (sig, rec, problems, lang)
        out[i] = decode_entry(entry, child_path(paths[day]), name, dates)
        year = day[:4]
        # only what was read from a file at rest: see RACY_NS
        if sig is not None and _at_rest(sig, horizon):
            rewrite.setdefault(year, {}).setdefault(day, {})[name] = entry
        if k + 1 == len(todo) or todo[k + 1][1][:4] != year:
            store.write(year, rewrite.pop(year, {}))
    for year, changes in rewrite.items():  # years where files were only removed
        store.write(year, changes)
    return out


def _read_apart(ledger: Ledger, misplaced: list[Path], progress: Progress | None, store: Store,
                workers: list[_Child], days: int, lang: str, dates: dict[int, dt.date],
                listed: list[tuple[str, list[str]]], decode_entry: Callable) -> list:
    """What :func:`_read` gives when nothing is cached for the period, from ``workers`` that each
    list and read every n-th day directory (:func:`_scan_and_read`); merged here in date order,
    each year's shard written as soon as its days are in."""
    out: list = []
    found: dict[str, None] = {}  # misplaced files (every worker reports those outside day folders)
    report = _Report(progress, days)  # (in day directories: how many files there are is not known yet)
    done = 0
    year, kept_year = "", {}
    try:
        merged = heapq.merge(*(_days_of(w.results(), found) for w in workers), key=_first)
        for day, names, results in merged:
            listed.append((day, names))
            if day[:4] != year:
                if year:
                    store.write(year, kept_year)
                year, kept_year = day[:4], {}
            child = child_path(ledger.day_path(day))
            kept = {}
            for name, (sig, rec, problems) in zip(names, results):
                entry = (sig, rec, problems, lang)
                out.append(decode_entry(entry, child, name, dates))
                if sig is not None:  # (the worker sent none for a file not at rest)
                    kept[name] = entry
            if kept:
                kept_year[day] = kept
            done += 1
            report(done)
        if year:
            store.write(year, kept_year)
    finally:
        for w in workers:
            w.close()
        report.close()
    misplaced += sorted(map(Path, found), key=misplaced_order(ledger.root))
    return out


def _first(item: tuple) -> Any:
    return item[0]


def _days_of(batches: Iterator[list], misplaced: dict[str, None]) -> Iterator[tuple]:
    """The ``(day, names, results)`` of a worker's batches; the misplaced files it ends with go
    to ``misplaced``."""
    for batch in batches:
        for item in batch:
            if item[0]:
                yield item
            else:
                misplaced.update(dict.fromkeys(item[1]))


def _scan_and_read(ledger: Ledger, period: Period | None, horizon: int, w: int, n: int) -> Iterator[list]:
    """In worker ``w`` of ``n``: every n-th day directory of the period listed and its files read,
    ``(day, names, [(signature, encoded record, encoded problems), …])`` in batches of about
    ``CHUNK`` files, the signature None for a file changed after ``horizon`` (not to be cached:
    see RACY_NS); last ``("", misplaced paths, None)``."""
    memo: dict[str, str] = {}
    misplaced: list[Path] = []
    batch: list[tuple] = []
    size = 0
    for ddir, names in ledger.iter_days(period, misplaced, share=(w, n)):
        day = ddir.name
        child = child_path(ddir)
        results = [_read_one(ledger, day, child(name), memo) for name in names]
        for k, result in enumerate(results):
            sig = result[0]
            if sig is not None and not _at_rest(sig, horizon):
                results[k] = (None, *result[1:])
        batch.append((day, names, results))
        size += len(names)
        if size >= CHUNK:
            yield batch
            batch, size = [], 0
    batch.append(("", [os.fspath(p) for p in misplaced], None))
    yield batch


def _count_days(ledger: Ledger, period: Period | None) -> int:
    """How many day directories a period has (for a progress bar): one listing per year."""
    lo = period.start.isoformat() if period else ""
    hi = period.end.isoformat() if period else "9999"
    total = 0
    for year in _listdir(ledger.root):
        if len(year) == 4 and year.isdigit() and lo[:4] <= year <= hi[:4]:
            total += sum(1 for d in _listdir(ledger.root / year) if lo <= d <= hi and d[:4] == year)
    return total


def _listdir(path: Path) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _scan_years(ledger: Ledger, period: Period | None, stat: bool = True,
                listing: DayDirs | None = None) -> Iterator[tuple[str, list]]:
    """``(year, [(day, file names, their signatures), …])`` for each year of ``period`` with
    records, in order (signatures None without ``stat``), then ``("", misplaced paths)``. The stat
    comes before any read of the file, so a file changed meanwhile shows another signature next
    time."""
    misplaced: list[Path] = []
    year, days = None, []
    top = os.path.join(ledger.root, "")  # (day folders as strings: making each Path one costs 3 µs)
    for ddir, names in ledger.iter_days(period, misplaced) if listing is None else listing:
        day = ddir.name
        if day[:4] != year:
            if days:
                yield year, days
            year, days = day[:4], []
        if stat:
            sigs = _signatures(f"{top}{year}{os.sep}{day}{os.sep}", names)
        else:
            sigs = [None] * len(names)
        days.append((day, names, sigs))
    if days:
        yield year, days
    yield "", [os.fspath(p) for p in misplaced]


def _at_rest(sig: Sig, horizon: int) -> bool:
    """Whether the file was last changed (mtime and ctime) before ``horizon``: only then may what
    was read from it be cached (see RACY_NS)."""
    return max(_SIG.unpack(sig)[1:3]) < horizon


def _signatures(base: str, names: list[str]) -> list[Sig | None]:
    """The signature of each file ``names`` of the directory ``base`` (a string ending in a
    separator; None where it cannot be had). (Looking each up from the open directory, with
    dir_fd, saved less than opening it cost.)"""
    out: list[Sig | None] = []
    for name in names:
        try:
            st = os.stat(base + name)
            out.append(_pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        except OSError:
            out.append(None)
    return out


_NO_PROBLEMS: tuple = ()


def _decode(entry: Entry, child: Callable[[str], Path], name: str,
            dates: dict[int, dt.date]) -> tuple[Record | None, Sequence[Problem]]:
    """What an entry holds for the file ``child(name)``: its record and problems."""
    _, rec, problems, _ = entry
    path = child(name)
    return (_record(rec, path, dates) if rec is not None else None,
            [_problem(p, path) for p in problems] if problems else _NO_PROBLEMS)


def _brief(entry: Entry, child: Callable[[str], Path], name: str,
           dates: dict[int, dt.date]) -> tuple[Brief | None, Sequence[Problem]]:
    """:func:`_decode` with a Brief of the record: no Path is made unless for a problem."""
    _, rec, problems, _ = entry
    brief = None
    if rec is not None:
        kind, day, title, _, _, _, evidence = rec[:7]
        date = dates.get(day)
        if date is None:
            date = dates[day] = _fromordinal(day)
        brief = Brief(kind, date, title, evidence)
    if not problems:
        return brief, _NO_PROBLEMS
    path = child(name)
    return brief, [_problem(p, path) for p in problems]


# --- reading files (in worker processes when there are many) ---------------------------------

def _parse(ledger: Ledger, items: list[tuple[Path, str]], progress: Progress | None) -> Iterator[tuple]:
    """``(signature, encoded record, encoded problems)`` of each file of ``items`` (day directory,
    name), in order, as they are read."""
    total = len(items)
    chunks = [items[k:k + CHUNK] for k in range(0, total, CHUNK)]
    workers = _Child.start_many(_read_chunks, ledger, chunks) if total >= PARALLEL_MIN else []
    streams = [w.results() for w in workers]
    report = _Report(progress, total)  # after the fork: a progress bar may start a thread
    try:
        memo: dict[str, str] = {}
        done = 0
        for k, chunk in enumerate(chunks):
            part = None
            if streams:
                try:
                    part = next(streams[k % len(streams)], None)
                except ChildFailed:
                    pass
            if part is None:  # no workers, or one failed: read here (and meet its error, if any)
                for w in workers:
                    w.close()
                streams = []
                part = [_read_one(ledger, ddir.name, child_path(ddir)(name), memo) for ddir, name in chunk]
            yield from part
            done += len(chunk)
            report(done)
    finally:
        for w in workers:
            w.close()
        report.close()


def _read_chunks(ledger: Ledger, chunks: list, w: int, n: int) -> Iterator[list]:
    """In worker ``w`` of ``n``: what reading each file of every n-th chunk gives."""
    memo: dict[str, str] = {}
    for chunk in chunks[w::n]:
        yield [_read_one(ledger, ddir.name, child_path(ddir)(name), memo) for ddir, name in chunk]


class _Report:
    """Passes ``(done, total)`` on to ``progress`` once the work has taken ``PROGRESS_AFTER``
    seconds (a quick load shows no bar), and the end of it if it did."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress = progress
        self.total = total
        self.start = time.monotonic()
        self.started = False

    def __call__(self, done: int) -> None:
        if self.progress is None:
            return
        if not self.started:
            if done >= self.total or time.monotonic() - self.start < PROGRESS_AFTER:
                return
            self.started = True
        self.progress(done, self.total)

    def close(self) -> None:
        if self.started:
            self.progress(self.total, self.total)
            self.started = False


def _read_one(ledger: Ledger, day: str, path: Path, memo: dict[str, str]) -> tuple:
    """Read and encode a file, with the signature it had when it was opened."""
    text, problems, st = read_file(path)
    sig = None if st is None else _pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return (sig, *encode(*ledger.check_text(path, text, problems, day), path, memo))


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _can_fork() -> bool:
    """Whether work may go to forked processes: Linux, several cores, and a single-threaded
    process (fork and threads do not mix)."""
    threading = sys.modules.get("threading")
    return _cpus() >= 2 and sys.platform.startswith("linux") and not (threading and threading.active_count() > 1)


class _Child:
    """A forked process that runs a generator and sends each item it yields (marshalled) back
    through a pipe as it comes."""

    _open: set = set()  # this process's ends of its children's pipes: none may leak into a child

    def __init__(self, pid: int, pipe):
        self.pid: int | None = pid
        self.pipe = pipe
        self.status = 0
        _Child._open.add(pipe)

    @classmethod
    def start_many(cls, fn: Callable[..., Iterator], *args) -> list[_Child]:
        """``fn(*args, w, n)`` in each of n children, one per core; none if that cannot be."""
        n = min(_cpus(), 8)
        children: list[_Child] = []
        for w in range(n):
            child = cls.start(fn, *args, w, n)
            if child is None:
                for c in children:
                    c.close()
                return []
            children.append(child)
        return children

    @classmethod
    def start(cls, fn: Callable[..., Iterator], *args) -> _Child | None:
        if not _can_fork():
            return None
        try:
            r, w = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child
            code = 1
            try:
                os.close(r)
                for other in cls._open:  # else a sibling left blocked on a full pipe never sees it closed
                    other.close()
                with os.fdopen(w, "wb") as out:
                    for item in fn(*args):
                        blob = marshal.dumps(item, 4)
                        out.write(len(blob).to_bytes(8, "little") + blob)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        try:  # room for a year's scan in the pipe, so the child need not wait for this process
            import fcntl

            fcntl.fcntl(r, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_SIZE)
        except (ImportError, OSError):
            pass
        return cls(pid, os.fdopen(r, "rb"))

    def results(self) -> Iterator:
        """What the generator yielded, in order; :class:`ChildFailed` if the child did not finish."""
        while True:
            head = self.pipe.read(8)
            if not head:
                break
            blob = self.pipe.read(int.from_bytes(head, "little")) if len(head) == 8 else b""
            try:
                yield marshal.loads(blob)
            except (EOFError, ValueError, TypeError):
                raise ChildFailed from None
        if self.close() != 0:
            raise ChildFailed

    def close(self) -> int:
        """End the child (a broken pipe stops it if it is still writing); its exit status."""
        if self.pid is None:
            return self.status
        self.pipe.close()
        _Child._open.discard(self.pipe)
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = 1
        self.pid, self.status = None, status
        return status


def forked(fn: Callable[..., Iterator], *args) -> _Child | None:
    """``fn(*args)``, a generator of plain (marshal-able) data, run in a forked process (read its
    items with ``.results()``, then ``.close()``); None where work cannot go to another process."""
    return _Child.start(fn, *args)


class ChildFailed(Exception):
    """A forked helper process did not deliver."""


# --- encoding records and problems as plain data ---------------------------------------------

def encode(rec: Record | None, problems: list[Problem], path: Path, memo: dict[str, str]) -> tuple:
    """``(record, problems)`` as marshal-able tuples. Equal strings become one object (``memo``)
    so that marshal stores them once and a warm load shares them."""
    enc = None
    if rec is not None:
        share = memo.setdefault
        fields: dict[str, Any] = {}
        dates = []
        for k, v in rec.fields.items():
            k = _intern(k)
            if isinstance(v, dt.date):
                v = v.toordinal()
                dates.append(k)
            elif type(v) is str:
                v = share(v, v)
            fields[k] = v
        enc = (_intern(rec.kind), rec.date.toordinal(), share(rec.title, rec.title), share(rec.place, rec.place),
               tuple(share(x, x) for x in rec.tags), share(rec.note, rec.note),
               tuple(share(x, x) for x in rec.evidence), fields, tuple(dates), rec.id)
    if not problems:
        return enc, ()
    return enc, tuple((None if p.path == path else os.fspath(p.path),
                       *(getattr(p, name) for name in _PROBLEM_FIELDS[1:])) for p in problems)


def _record(enc: tuple, path: Path, dates: dict[int, dt.date]) -> Record:
    kind, day, title, place, tags, note, evidence, fields, date_keys, rid = enc
    date = dates.get(day)
    if date is None:
        date = dates[day] = _fromordinal(day)
    if date_keys:
        fields = dict(fields)
        for k in date_keys:
            fields[k] = _fromordinal(fields[k])
    if not _PLAIN_RECORD:
        return Record(kind, date, title, place, tags, note, evidence, fields, rid, path)
    # What Record's generated __init__ does, without its ten object.__setattr__ calls: a fifth of
    # a warm load of 100,000 records. Only while Record is a plain dataclass (see _PLAIN_RECORD).
    rec = _new(Record)
    _setattr(rec, "__dict__", {"kind": kind, "date": date, "title": title, "place": place, "tags": tags,
                               "note": note, "evidence": evidence, "fields": fields, "id": rid, "path": path})
    return rec


_new = object.__new__
_setattr = object.__setattr__
#: Record's __init__ only stores its arguments: no __post_init__, no slots, no init=False fields.
_PLAIN_RECORD = (ENABLED and not hasattr(Record, "__post_init__") and "__slots__" not in vars(Record)
                 and all(f.init for f in dataclasses.fields(Record)))


def _problem(enc: tuple, path: Path) -> Problem:
    return Problem(path if enc[0] is None else Path(enc[0]), *enc[1:])


# --- keys -------------------------------------------------------------------------------------

_source: tuple | None = None


def _source_fingerprint() -> tuple:
    """Name, size and mtime of fzlog's core modules (what decides how a file reads): a changed
    module in a development checkout, or another installed build, makes another key."""
    global _source
    if _source is None:
        found = []
        try:
            with os.scandir(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) as it:
                for e in it:
                    if e.name.endswith(".py"):
                        st = e.stat()
                        found.append((e.name, st.st_size, st.st_mtime_ns))
        except OSError:
            pass
        _source = tuple(sorted(found))
    return _source


def cache_key(registry: Registry) -> bytes:
    """What a shard must have been written for to be used (compared whole, not hashed)."""
    text = repr((FORMAT, sys.implementation.cache_tag, __version__, _source_fingerprint(), _PROBLEM_FIELDS,
                 registry))
    return text.encode("utf-8")  # repr() escapes line breaks: the key is one line


# --- the shards on disk -----------------------------------------------------------------------

class Store:
    """The year shards of one ledger's cache: ``{day: {file name: entry}}`` per year."""

    def __init__(self, directory: Path, key: bytes, *, fresh: bool = False):
        self.directory = directory
        self.key = key
        self.fresh = fresh  # ignore what is on disk (it was damaged)
        self._shards: dict[str, dict[str, dict[str, Entry]]] = {}

    def shard(self, year: str) -> dict[str, dict[str, Entry]]:
        """``{day: {file name: entry}}`` of a year (read on first use)."""
        shard = self._shards.get(year)
        if shard is None:
            shard = self._shards[year] = {} if self.fresh else self._load(year)
        return shard

    def years(self, period: Period | None) -> list[str]:
        """The years of ``period`` that have a shard on disk."""
        if self.fresh:
            return []
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        found = sorted(n[:-len(SUFFIX)] for n in names if n.endswith(SUFFIX) and n[:-len(SUFFIX)].isdigit())
        if period is not None:
            found = [y for y in found if period.start.year <= int(y) <= period.end.year]
        return [y for y in found if self._written_for_key(y)]

    def _written_for_key(self, year: str) -> bool:
        head = self._header()
        try:
            with open(self.directory / f"{year}{SUFFIX}", "rb") as fh:
                return fh.read(len(head)) == head
        except OSError:
            return False

    def size(self, years: list[str]) -> int:
        """Bytes of those years' shards (to judge how long decoding them takes)."""
        total = 0
        for year in years:
            try:
                total += os.stat(self.directory / f"{year}{SUFFIX}").st_size
            except OSError:
                pass
        return total

    def drop(self, year: str) -> None:
        """Let go of a year's shard (it is read again if needed)."""
        self._shards.pop(year, None)

    def write(self, year: str, changes: dict[str, dict[str, Entry]]) -> None:
        """Replace the entries of the days in ``changes`` and write the year's shard (silently
        nothing where the ledger cannot be written); then let go of it."""
        shard = self.shard(year)
        for day, entries in changes.items():
            if entries:
                shard[day] = entries
            else:
                shard.pop(day, None)
        self.drop(year)
        try:
            payload = marshal.dumps(shard, 4)
        except ValueError:  # a value marshal cannot hold: leave this year uncached
            return
        try:
            self._ensure_directory()
        except OSError:
            return
        _replace(self.directory / f"{year}{SUFFIX}", self._header() + b"%08x\n" % zlib.crc32(payload) + payload)

    def _header(self) -> bytes:
        return _MAGIC + self.key + b"\n"

    def _load(self, year: str) -> dict:
        try:
            data = (self.directory / f"{year}{SUFFIX}").read_bytes()
        except OSError:
            return {}
        head = self._header()
        if not data.startswith(head):
            return {}
        view = memoryview(data)[len(head):]
        checksum, payload = bytes(view[:9]), view[9:]
        if checksum != b"%08x\n" % zlib.crc32(payload):
            return {}
        try:
            shard = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}
        return shard if isinstance(shard, dict) else {}

    def _ensure_directory(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(exist_ok=True)
        _replace(self.directory / ".gitignore", b"# fzlog's cache: never committed\n*\n")
        _replace(self.directory / "CACHEDIR.TAG",
                 b"Signature: 8a477f597d28d172789f06886806bc55\n"
                 b"# This file is a cache directory tag created by fzlog (https://bford.info/cachedir/).\n")


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (temporary file, then os.replace); give up
    silently on failure — a cache that cannot be written is only a slower ledger."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
