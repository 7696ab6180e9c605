"""The record cache: what reading each record file gave, kept between commands, so that a ledger
of 100,000 records answers without parsing 100,000 files each time.

Where
    ``<ledger>/.fzlog-cache/<YYYY>.cache``, one shard per year folder, so ``summary 2024`` reads
    only the 2024 shard. The folder is outside git (the ledger's ``.gitignore`` names it, and it
    holds its own ``.gitignore`` and a ``CACHEDIR.TAG`` for backup tools). Deleting it is always
    safe. ``FZLOG_NO_CACHE=1`` switches the cache off; so does a ``.fzlog-cache`` that is a
    symbolic link or no folder (the cache would write where it points: refused, said once).

What it knows
    Nothing of ledgers: it is given the day folders the walker found
    (:class:`fzlog.store.layout.Day`), a key, and the function that reads one file. For each
    record file it keeps the stat signature the file had before it was read — size, mtime_ns,
    ctime_ns, inode — and what the read gave: the record, or the problems that kept it out.

When an entry is used
    Only for a file that exists now and whose signature is exactly the one remembered. Any change
    to a file — an edit, even one of the same size with its mtime put back by ``os.utime``; a
    rename over it; a ``git checkout`` — changes its ctime, which no program can set back, or its
    inode, and the file is read again. A file changed less than ``RACY_NS`` (two seconds) before
    it was read is not cached at all: file-system clocks tick coarsely (git's "racily clean"
    files). Problems are remembered in the language they were worded in.

Tallies
    Beside each year's shard, ``<YYYY>.tally`` keeps what a summary needs of the year without
    its records: per day folder its file names and their signatures, the problems of the files
    that were not read, and what ``summarize`` made of the day's records (the kinds' tally
    partials, :mod:`fzlog.tally`); and the year's days joined. :func:`tallies` gives them, reading
    only the days whose files changed (through :func:`read`); the joined year stands for all its
    days when a period covers the whole year and none of them changed.

Keys
    A shard is used only if it was written for the same cache format, Python, fzlog version and
    source, and kind registry (the whole key is stored and compared).

Format and safety
    ``marshal`` of plain tuples, dicts, strings and numbers: unlike pickle, reading it cannot run
    code. A CRC-32 over each shard catches damage; a shard that cannot be read, fails its checksum
    or has an unexpected shape is ignored and rebuilt. A shard is written to a temporary file and
    moved into place, so readers see the old shard or the new one; when the ledger is read-only
    nothing is written and the ledger works uncached.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import marshal
import os
import struct
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fzlog import __version__
from fzlog.errors import Problem
from fzlog.messages import get_lang, t
from fzlog.record import Record
from fzlog.store import fsio
from fzlog.store.layout import CACHE_DIR, Day

if TYPE_CHECKING:
    from fzlog.kinds import Registry

FORMAT = 3
SUFFIX = ".cache"
RACY_NS = 2_000_000_000
PROGRESS_AFTER = 1.0  # seconds a load runs before it reports progress
CHUNK = 500  # files per progress step

Progress = Callable[[int, int], None]
# (file, its day) -> what reading gives, and the file's status as it was opened (None: it was not)
Read = Callable[[Path, str], "tuple[Record | None, list[Problem], os.stat_result | None]"]
Result = tuple["Record | None", Sequence[Problem]]
Sig = bytes  # size, mtime_ns, ctime_ns and inode, packed (_SIG)
Entry = tuple[Sig, Any, tuple, str]  # (signature, encoded record or None, encoded problems, language)

_MAGIC = b"fzlog-cache\n"  # then the key (with FORMAT), a CRC-32, the marshalled shard
_PROBLEM_FIELDS = tuple(f.name for f in dataclasses.fields(Problem))
_DAMAGE = (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError, EOFError)
_SIG = struct.Struct("<qqqQ")
_announced: set[str] = set()  # ledgers whose cache was refused, said once per process
now = time.time_ns  # the clock files are compared with (tests move it)


def enabled(root: Path) -> bool | str:
    """True when the cache may be used for the ledger ``root``; False when switched off
    (``FZLOG_NO_CACHE``); else why not (a sentence, to be said once)."""
    if os.environ.get("FZLOG_NO_CACHE", "") not in ("", "0"):
        return False
    folder = Path(root) / CACHE_DIR
    try:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return t("cache.off", path=folder)
    except OSError:
        return False
    return True


def read(
    root: Path,
    days: Sequence[Day],
    key: bytes,
    read_one: Read,
    progress: Progress | None = None,
    span: tuple[str, str] | None = ("", "9999"),
    shape: Callable[[Result], Any] | None = None,
) -> tuple[list[Any], str]:
    """``read_one(path, day)`` for every file of ``days``, in order — taken from the cache for files
    that have not changed since they were read. ``span``: the first and last day the listing
    covered (a day folder of the cache in it that is not among ``days`` is gone; None: days were
    picked, none is gone). ``shape``: what to keep of each result, applied as it is produced (so
    a caller that needs little of each record does not hold them all). Also returns a
    notice to show once ("" if none): the cache was refused."""
    state = enabled(root)
    notice = ""
    with bulk():
        if state is not True:
            if isinstance(state, str) and str(root) not in _announced:
                _announced.add(str(root))
                notice = state
            return [(shape or _same)(read_one(d.path / name, d.name)[:2]) for d in days for name in d.files], notice
        return _read_signed(root, days, key, read_one, progress, span, shape or _same)[0], notice


def _read_signed(
    root: Path,
    days: Sequence[Day],
    key: bytes,
    read_one: Read,
    progress: Progress | None,
    span: tuple[str, str] | None,
    shape: Callable[[Result], Any],
) -> tuple[list[Any], list[Sig | None]]:
    """:func:`read` with the cache on, and the signature of every file (None: not there)."""
    store = Store(Path(root) / CACHE_DIR, key)
    try:
        return _read(store, days, read_one, progress, span, shape)
    except _DAMAGE:  # a shard of the wrong shape (its checksum was right): start afresh
        return _read(Store(store.directory, key, fresh=True), days, read_one, progress, span, shape)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """The cyclic garbage collector paused: a load makes hundreds of thousands of small objects
    without cycles, which it would walk again and again (a cold load of 100,000 records took
    about twice as long with it running)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _same(result: Result) -> Result:
    return result


def _read(
    store: Store,
    days: Sequence[Day],
    read_one: Read,
    progress: Progress | None,
    span: tuple[str, str] | None,
    shape: Callable[[Result], Any],
) -> tuple[list[Any], list[Sig | None]]:
    lang = get_lang()
    horizon = now() - RACY_NS
    out: list[Any] = []
    sigs: list[Sig | None] = []
    todo: list[tuple[int, Path, str, str]] = []  # (place in out, file, day, name)
    changed: dict[str, dict[str, dict[str, Entry]]] = {}  # year -> day -> entries to keep
    seen_years: dict[str, set[str]] = {}
    shard_days: dict[str, set[str]] = {}  # the days each shard had when loaded
    for day in days:
        year = day.name[:4]
        if year not in store.loaded():  # a year's entries are held only while its days are looked up
            store.forget()
        shard = store.shard(year)
        if year not in shard_days:
            shard_days[year] = set(shard)
        seen_years.setdefault(year, set()).add(day.name)
        known = shard.get(day.name) or {}
        kept: dict[str, Entry] = {}
        base = os.path.join(day.path, "")
        for name in day.files:
            entry = known.get(name)
            if entry is not None:  # (a file never read is not looked at twice: see below)
                sig = _signature(base + name)
                if sig is not None and entry[0] == sig and not (entry[2] and entry[3] != lang):
                    kept[name] = entry
                    out.append(shape(_decode(entry, day.path / name)))
                    sigs.append(sig)
                    continue
            todo.append((len(out), day.path / name, day.name, name))
            out.append((None, ()))
            sigs.append(None)
        if len(kept) != len(known) or len(kept) != len(day.files):
            changed.setdefault(year, {})[day.name] = kept
    store.forget()
    for year in store.years(span) if span else ():  # day folders gone
        names = seen_years.get(year, set())
        known_days = shard_days[year] if year in shard_days else set(store.shard(year))
        store.forget()
        for gone in known_days - names:
            if span[0] <= gone <= span[1]:  # type: ignore[index]
                changed.setdefault(year, {})[gone] = {}
    start = time.monotonic()
    reporting = False
    year = ""
    for k, (i, path, day_name, name) in enumerate(todo):
        if day_name[:4] != year:  # a year read: its entries are written, not held to the end
            if year in changed:
                store.write(year, changed.pop(year))
                store.forget()
            year = day_name[:4]
        rec, problems, st = read_one(path, day_name)
        out[i] = shape((rec, problems))
        sig = sigs[i] = _signature_of(st) if st is not None else None  # (as the file was opened)
        if sig is not None and max(_SIG.unpack(sig)[1:3]) < horizon:  # only a file at rest: see RACY_NS
            changed.setdefault(day_name[:4], {}).setdefault(day_name, {})[name] = (
                sig,
                *encode(rec, problems, path),
                lang,
            )
        if progress is not None and (k + 1) % CHUNK == 0:
            reporting = reporting or time.monotonic() - start > PROGRESS_AFTER
            if reporting:
                progress(k + 1, len(todo))
    if reporting and progress is not None:
        progress(len(todo), len(todo))
    for year, days_changed in changed.items():
        store.write(year, days_changed)
        store.forget()
    return out, sigs


def _signature(path: str) -> Sig | None:
    try:
        return _signature_of(os.stat(path))
    except OSError:
        return None


def _signature_of(st: os.stat_result) -> Sig:
    return _SIG.pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


# --- encoding records and problems as plain data ---------------------------------------------
def encode(rec: Record | None, problems: Sequence[Problem], path: Path) -> tuple:
    """``(record, problems)`` as marshal-able tuples."""
    enc = None
    if rec is not None:
        # the values records repeat — places, tags, a kind's text fields (an enterprise, a type of
        # matter) — as the one string object of their value (sys.intern): marshal writes a
        # repeated object once, and a load holds it once, not once per record
        shared = sys.intern
        fields: dict[str, Any] = {}
        dates = []
        for k, v in rec.fields.items():
            of = type(v)
            if of is str:
                v = shared(v)
            elif of is tuple:
                v = tuple(shared(x) if type(x) is str else x for x in v)
            elif isinstance(v, dt.date):
                v = v.toordinal()
                dates.append(k)
            fields[k] = v
        enc = (
            rec.kind,
            rec.date.toordinal(),
            rec.title,
            shared(rec.place),
            tuple(map(shared, rec.tags)),
            rec.note,
            tuple(rec.evidence),
            fields,
            tuple(dates),
            rec.id,
        )
    if not problems:
        return enc, ()
    return enc, tuple(
        (None if p.path == path else os.fspath(p.path), *(getattr(p, name) for name in _PROBLEM_FIELDS[1:]))
        for p in problems
    )


def _decode(entry: Entry, path: Path) -> Result:
    _, rec, problems, _ = entry
    record = None
    if rec is not None:
        kind, day, title, place, tags, note, evidence, fields, date_keys, rid = rec
        if date_keys:
            fields = dict(fields)
            for k in date_keys:
                fields[k] = dt.date.fromordinal(fields[k])
        record = Record(kind, dt.date.fromordinal(day), title, place, tags, note, evidence, fields, rid, path)
    return record, [Problem(path if p[0] is None else Path(p[0]), *p[1:]) for p in problems]


# --- keys -------------------------------------------------------------------------------------
_source: tuple | None = None


def _source_fingerprint() -> tuple:
    """Name, size and mtime of fzlog's core modules (what decides how a file reads)."""
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
    fields = tuple(f.name for f in dataclasses.fields(Record))
    text = repr(
        (FORMAT, sys.implementation.cache_tag, __version__, _source_fingerprint(), _PROBLEM_FIELDS, fields, registry)
    )
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
        shard = self._shards.get(year)
        if shard is None:
            shard = self._shards[year] = {} if self.fresh else self._load(year)
        return shard

    def loaded(self) -> Iterable[str]:
        """The years whose shards are held."""
        return self._shards.keys()

    def forget(self) -> None:
        """Let go of the shards held (a shard asked for again is read again)."""
        self._shards.clear()

    def years(self, span: tuple[str, str]) -> list[str]:
        """The years of ``span`` (first and last day) that have a shard on disk."""
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        return sorted(
            y
            for y in (n[: -len(SUFFIX)] for n in names if n.endswith(SUFFIX))
            if y.isdigit() and span[0][:4] <= y <= span[1][:4]
        )

    def write(self, year: str, changes: dict[str, dict[str, Entry]]) -> None:
        """Replace the entries of the days in ``changes`` and write the year's shard (silently
        nothing where the ledger cannot be written)."""
        shard = self.shard(year)
        for day, entries in changes.items():
            if entries:
                shard[day] = entries
            else:
                shard.pop(day, None)
        try:
            payload = marshal.dumps(shard, 4)
        except ValueError:  # a value marshal cannot hold: leave this year uncached
            return
        try:
            self._ensure_directory()
            fsio.replace_file(
                self.directory / f"{year}{SUFFIX}", self._header() + b"%08x\n" % zlib.crc32(payload) + payload
            )
        except OSError:  # a cache that cannot be written is only a slower ledger
            pass

    def _header(self) -> bytes:
        return _MAGIC + self.key + b"\n"

    def _load(self, year: str) -> dict:
        try:
            data = fsio.read_bytes(self.directory / f"{year}{SUFFIX}", 1 << 31)
        except (OSError, fsio.TooLarge):
            return {}
        head = self._header()
        if not data.startswith(head):
            return {}
        view = memoryview(data)[len(head) :]
        checksum, payload = bytes(view[:9]), view[9:]
        if checksum != b"%08x\n" % zlib.crc32(payload):
            return {}
        try:
            shard = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}
        return shard if isinstance(shard, dict) else {}

    def _ensure_directory(self) -> None:
        if self.directory.is_dir() and not self.directory.is_symlink():
            return
        self.directory.mkdir(exist_ok=True)
        for name, data in (
            (".gitignore", b"# fzlog's cache: never committed\n*\n"),
            (
                "CACHEDIR.TAG",
                b"Signature: 8a477f597d28d172789f06886806bc55\n"
                b"# This file is a cache directory tag created by fzlog (https://bford.info/cachedir/).\n",
            ),
        ):
            try:
                fsio.write_new(self.directory / name, data)
            except FileExistsError:
                pass


# --- tallies: what a day's records add up to, kept without the records -----------------------
TALLY_SUFFIX = ".tally"
Summarize = Callable[[list[Record]], Any]  # a day's records -> their tallies, as plain data
Join = Callable[[list[Any]], Any]  # tallies of consecutive days -> theirs together
DayIndex = tuple[tuple[str, ...], tuple["Sig | None", ...], tuple, str]  # (names, signatures, problems, language)


def tallies(
    root: Path,
    days: Sequence[Day],
    key: bytes,
    read_one: Read,
    summarize: Summarize,
    join: Join,
    progress: Progress | None = None,
    span: tuple[str, str] = ("", "9999"),
) -> tuple[list[Any], list[Problem], str]:
    """``summarize`` of the records of each day of ``days`` in order — a year's days joined into
    one where ``span`` covers the whole year — with the problems of the files that were not read
    and :func:`read`'s notice. Only the days whose files changed are read (through :func:`read`)."""
    if enabled(root) is not True:
        results, notice = read(root, days, key, read_one, progress, span)
        return [summarize([r for r, _ in results if r is not None])], _problems(results), notice
    directory = Path(root) / CACHE_DIR
    with bulk():
        try:
            return (*_tallies(directory, days, key, read_one, summarize, join, progress, span, False), "")
        except _DAMAGE:  # a tally shard of the wrong shape (its checksums were right): start afresh
            return (*_tallies(directory, days, key, read_one, summarize, join, progress, span, True), "")


def _tallies(
    directory: Path,
    days: Sequence[Day],
    key: bytes,
    read_one: Read,
    summarize: Summarize,
    join: Join,
    progress: Progress | None,
    span: tuple[str, str],
    fresh: bool,
) -> tuple[list[Any], list[Problem]]:
    lang = get_lang()
    by_year: dict[str, list[Day]] = {}
    for day in days:
        by_year.setdefault(day.name[:4], []).append(day)
    problems: list[Problem] = []
    shards: dict[str, tuple[TallyShard, list[Any]]] = {}  # per year: its shard and its days' tallies
    todo: list[tuple[TallyShard, list[Any], int, Day]] = []  # days to read
    for year in sorted(set(by_year) | set(_tally_years(directory, span))):
        shard = TallyShard(year, key) if fresh else TallyShard.load(directory, year, key)
        listed = by_year.get(year, [])
        names = {d.name for d in listed}
        for gone in [name for name in shard.index if span[0] <= name <= span[1] and name not in names]:
            shard.drop(gone)
        parts: list[Any] = []
        for day in listed:
            files = tuple(day.files)
            known = shard.index.get(day.name)
            if known is not None and known[0] == files and not (known[2] and known[3] != lang):
                base = os.path.join(day.path, "")
                if known[1] == tuple(_signature(base + name) for name in files):
                    if known[2]:
                        problems += _decode((b"", None, known[2], lang), day.path)[1]
                    parts.append(day.name)  # (its tallies are taken from the shard if needed)
                    continue
            todo.append((shard, parts, len(parts), day))
            parts.append(None)
        shards[year] = (shard, parts)
    # the days that changed, read a year at a time (only one year's records are held at once)
    horizon, files_done, files_todo = now() - RACY_NS, 0, sum(len(job[3].files) for job in todo)
    for year in dict.fromkeys(job[0].year for job in todo):
        batch = [job for job in todo if job[0].year == year]

        def step(done: int, _: int, before: int = files_done) -> None:
            progress(before + done, files_todo)  # type: ignore[misc]

        results, signatures = _read_signed(
            directory.parent, [job[3] for job in batch], key, read_one, step if progress else None, None, _same
        )
        at = 0
        for shard, parts, i, day in batch:
            files = tuple(day.files)
            mine, sigs = results[at : at + len(files)], tuple(signatures[at : at + len(files)])
            at += len(files)
            files_done += len(files)
            parts[i] = summarize([r for r, _ in mine if r is not None])
            bad = _problems(mine)
            problems += bad
            if all(sig is not None and max(_SIG.unpack(sig)[1:3]) < horizon for sig in sigs):  # at rest
                shard.put(day.name, (files, sigs, encode(None, bad, day.path)[1], lang), parts[i])
            else:
                shard.drop(day.name)
    out: list[Any] = []
    for year, (shard, parts) in shards.items():
        whole = span[0] <= f"{year}-01-01" and f"{year}-12-31" <= span[1]
        if whole and shard.whole is not None:
            out.append(shard.whole)
        else:
            parts = [shard.days()[p] if isinstance(p, str) else p for p in parts]
            if not whole:
                out += parts
            elif all(d.name in shard.index for d in by_year.get(year, ())):
                shard.set_whole(join(parts))
                out.append(shard.whole)
            else:  # a day not kept (its files were not at rest): nor is the year's total, which a
                out.append(join(parts))  # change to that day could not clear once it is gone
        shard.save(directory)
    return out, problems


def _problems(results: Sequence[Result]) -> list[Problem]:
    return [p for rec, found in results if rec is None for p in found]


def _tally_years(directory: Path, span: tuple[str, str]) -> list[str]:
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [
        y
        for y in (n[: -len(TALLY_SUFFIX)] for n in names if n.endswith(TALLY_SUFFIX))
        if y.isdigit() and span[0][:4] <= y <= span[1][:4]
    ]


class TallyShard:
    """A year's ``.tally`` file: the index (per day: file names, signatures, problems, language)
    and the year's days joined, read at once; the days' tallies, read when a day is needed."""

    def __init__(
        self, year: str, key: bytes, index: dict[str, DayIndex] | None = None, whole: Any = None, days_blob: bytes = b""
    ):
        self.year, self.key = year, key
        self.index: dict[str, DayIndex] = index or {}
        self.whole = whole  # None: not known (a day changed since)
        self._blob = days_blob
        self._days: dict[str, Any] | None = None if days_blob else {}
        self.dirty = False

    @classmethod
    def load(cls, directory: Path, year: str, key: bytes) -> TallyShard:
        try:
            data = fsio.read_bytes(directory / f"{year}{TALLY_SUFFIX}", 1 << 31)
        except (OSError, fsio.TooLarge):
            return cls(year, key)
        head = _MAGIC + key + b"\n"
        if not data.startswith(head):
            return cls(year, key)
        line, _, rest = data[len(head) :].partition(b"\n")
        try:
            crc_index, crc_days, size = line.split()
            index_blob, days_blob = rest[: int(size)], rest[int(size) :]
            if (b"%08x" % zlib.crc32(index_blob), b"%08x" % zlib.crc32(days_blob)) != (crc_index, crc_days):
                return cls(year, key)
            index, whole = marshal.loads(index_blob)
        except (ValueError, EOFError, TypeError):
            return cls(year, key)
        return cls(year, key, index, whole, days_blob) if isinstance(index, dict) else cls(year, key)

    def days(self) -> dict[str, Any]:
        """The tallies of each day (read from the file on first use)."""
        if self._days is None:
            try:
                days = marshal.loads(self._blob)
            except (EOFError, ValueError, TypeError):
                days = {}
            self._days = days if isinstance(days, dict) else {}
        return self._days

    def put(self, name: str, entry: DayIndex, tallied: Any) -> None:
        self.days()[name] = tallied
        self.index[name] = entry
        self.whole, self.dirty = None, True

    def drop(self, name: str) -> None:
        self.days().pop(name, None)
        self.index.pop(name, None)
        self.whole, self.dirty = None, True

    def set_whole(self, whole: Any) -> None:
        self.whole, self.dirty = whole, True

    def save(self, directory: Path) -> None:
        """Write the shard if it changed (silently nothing where the ledger cannot be written)."""
        if not self.dirty:
            return
        try:
            index_blob = marshal.dumps((self.index, self.whole), 4)
            days_blob = marshal.dumps(self.days(), 4)
        except ValueError:
            return
        line = b"%08x %08x %d\n" % (zlib.crc32(index_blob), zlib.crc32(days_blob), len(index_blob))
        try:
            Store(directory, self.key)._ensure_directory()
            fsio.replace_file(
                directory / f"{self.year}{TALLY_SUFFIX}", _MAGIC + self.key + b"\n" + line + index_blob + days_blob
            )
        except OSError:
            pass
