"""A ledger on disk: where it is, how its files are laid out, reading and appending records.

Layout (the only module that knows it)::

    <root>/fzlog.toml
    <root>/<YYYY>/<YYYY-MM-DD>/<kind>-<short id>.toml
    <root>/notes/<YYYY>.toml          (the year's report notes, read by fzlog.report)

A record's id is ``<YYYY-MM-DD>/<kind>-<short id>``.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from fzlog import config as config_mod
from fzlog import encoding, limits
from fzlog import record as record_mod
from fzlog.errors import FzlogError, LedgerNotFound, Problem, UsageError
from fzlog.kinds import Registry, default_registry
from fzlog.messages import t
from fzlog.store.layout import check_evidence, confine
from fzlog.period import Period
from fzlog.record import Record

CONFIG_NAME = config_mod.CONFIG_NAME
MAX_RECORD_BYTES = limits.MAX_RECORD_BYTES  # (one limit for readers and writers)
_YEAR_DIR = re.compile(r"^\d{4}$")
_DAY_DIR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ID = re.compile(r"^(?:(\d{4}-\d{2}-\d{2})/)?([a-z0-9][a-z0-9-]*)$")
GITIGNORE = "# fzlog: local cache, never committed\n.fzlog-cache/\n*.tmp\n"


def find(explicit: str | os.PathLike | None = None, *, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> Path:
    """Locate the ledger root: --ledger, else $FZLOG_LEDGER, else the current directory if it is a
    ledger, else the nearest ``data/fzlog.toml`` walking up from the current directory."""
    env = os.environ if env is None else env
    given = explicit or env.get("FZLOG_LEDGER")
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


def _ledger_in(path: Path) -> Path | None:
    """``path`` itself if it is a ledger, or its ``data/`` ledger."""
    for candidate in (path, path / "data"):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


def is_folder_of_ledgers(path: Path) -> bool:
    """A folder that is no ledger itself but holds department ledgers (a county roll-up)."""
    return path.is_dir() and _ledger_in(path) is None and any(
        c.is_dir() and _ledger_in(c) is not None for c in path.iterdir())


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


#: what is written to a file: bytes, or pieces of them as they are made (a long export)
Data = Union[bytes, bytearray, Iterable[bytes]]


def _write_all(fd: int, data: Data) -> None:
    for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view):]


def _write_temp(path: Path, data: Data) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path``, flushed and fsynced."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink()
        raise
    os.close(fd)
    return tmp


def write_new(path: Path, data: Data) -> None:
    """Write ``data`` to a new file at ``path`` atomically and exclusively.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, and the
    temporary file is then hard-linked to ``path`` — which fails if ``path`` exists, so nothing is
    ever overwritten, and a reader sees either no file or the whole file. Raises FileExistsError if
    ``path`` exists; the temporary file never outlives the call.
    """
    tmp = _write_temp(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:  # file systems without hard links (FAT/exFAT USB sticks, some shares)
            if os.name == "nt":  # Windows rename never replaces an existing file: still atomic
                os.rename(tmp, path)
            elif exc.errno in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                _write_exclusive_fallback(path, tmp)
            else:
                raise
    finally:
        try:
            os.unlink(tmp)
        except OSError:  # already renamed, or cannot be removed: never mask the outcome of the write
            pass
    _fsync_dir(path.parent)


def replace_file(path: Path, data: Data) -> None:
    """Rewrite an existing file atomically (temp file + fsync + rename): for explicit edits only."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink()
        raise
    _fsync_dir(path.parent)


def save_file(path: Path, data: Data, *, force: bool = False) -> None:
    """Write an output file (a report, an export) atomically: a new file never half-written; an
    existing file kept (FileExistsError) unless ``force``, then replaced atomically."""
    if force:
        replace_file(path, data)
    else:
        write_new(path, data)


def _write_exclusive_fallback(path: Path, tmp: Path) -> None:
    """``path`` created exclusively with what the temporary file ``tmp`` holds."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with open(tmp, "rb") as src:
            _write_all(fd, iter(lambda: src.read(1 << 20), b""))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class Loaded:
    """The result of reading a ledger: the good records in date order and every problem found."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


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
            self._config = config_mod.load(self.root / CONFIG_NAME)
        return self._config

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = default_registry().for_ledger(self.config.kinds, self.config.raw.get("preset", ""),
                                                           str(self.root / CONFIG_NAME))
        return self._registry

    # layout -----------------------------------------------------------------------------------
    def day_dir(self, day) -> Path:
        return self.root / f"{day.year:04d}" / day.isoformat()

    def notes_path(self, year: int) -> Path:
        """The year's notes file: report text no record holds (不足和原因, 下年安排), see report/notes.py."""
        return self.root / "notes" / f"{year:04d}.toml"

    def years(self) -> list[int]:
        """The years that have a folder in the ledger, oldest first (a year picker's choices)."""
        return sorted(int(e.name) for e in _scandir(self.root) if e.is_dir() and _YEAR_DIR.match(e.name))

    def id_for(self, path: Path) -> str:
        return f"{path.parent.name}/{path.stem}"

    def iter_files(self, period: Period | None = None, misplaced: list[Path] | None = None) -> Iterator[Path]:
        """Record files in the dated layout, in date order, pruned to ``period``. Record-like
        files that stand where no command reads them (a year folder, a day folder under the wrong
        year, ``.TOML``, the root) are added to ``misplaced`` when given: see :meth:`load`."""
        for ddir, names in self.iter_days(period, misplaced):
            for name in names:
                yield ddir / name

    def day_path(self, name: str) -> Path:
        """The directory of the day named ``name`` (``YYYY-MM-DD``)."""
        year = self._year_dirs.get(name[:4])
        if year is None:
            year = self._year_dirs[name[:4]] = child_path(child_path(self.root)(name[:4]))
        return year(name)

    def iter_days(self, period: Period | None = None, misplaced: list[Path] | None = None,
                  share: tuple[int, int] = (0, 1)) -> Iterator[tuple[Path, list[str]]]:
        """The files of :meth:`iter_files` a day directory at a time: each day directory with
        records, in date order, with its record file names (sorted).

        ``misplaced`` gets record-like files in the order :func:`misplaced_order` gives.
        ``share=(w, n)``: only every n-th day directory to look into, from the w-th (for work
        split between n processes; files outside day directories are reported by every share)."""
        lo = period.start.isoformat() if period else ""
        hi = period.end.isoformat() if period else "9999"
        w, n = share
        seen = -1  # day directories to look into so far
        root_entries = _scandir(self.root)
        if misplaced is not None:
            misplaced.extend(self.root / name for name in sorted(
                e.name for e in root_entries if _looks_like_record(e.name) and e.name != CONFIG_NAME and e.is_file()))
        years = sorted(e.name for e in root_entries if e.is_dir() and _YEAR_DIR.match(e.name))
        for y in years:
            in_period = not period or period.start.year <= int(y) <= period.end.year
            if not in_period and misplaced is None:
                continue
            ydir = self.root / y
            day_dir = child_path(ydir)
            entries = _scandir(ydir)
            days = sorted(e.name for e in entries if e.is_dir() and _DAY_DIR.match(e.name))
            if misplaced is not None and in_period:
                misplaced.extend(ydir / name for name in sorted(
                    e.name for e in entries if _looks_like_record(e.name) and e.is_file()))
            for d in days:
                if not (lo <= d <= hi) and not (in_period and misplaced is not None and d[:4] != y):
                    continue
                seen += 1
                if seen % n != w:
                    continue
                ddir = day_dir(d)
                names = []  # "<name>.toml" files
                odd = []  # other record-like files (".TOML"), or all of them in a day folder of another year
                wrong_year = d[:4] != y
                for e in _scandir(ddir):  # (the hot loop of a scan: 100,000 files in 3,650 folders)
                    name = e.name
                    if name.endswith(".toml") and not wrong_year:
                        if name[0] != "." and e.is_file():
                            names.append(name)
                    elif _looks_like_record(name) and e.is_file():
                        odd.append(name)
                if misplaced is not None:
                    misplaced.extend(ddir / name for name in sorted(odd))
                if names:
                    names.sort()
                    yield ddir, names

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

    def check_text(self, path: Path, text: str | None, problems: list[Problem],
                   day: str | None = None) -> tuple[Record | None, list[Problem]]:
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
            return None, [Problem(path, t("record.date_mismatch", date=rec.date, dir=day,
                                          expected=f"{rec.date.year}/{rec.date.isoformat()}"),
                                  "date-mismatch", line)]
        return rec, []

    #: told ``(done, total)`` while :meth:`load` reads many files (a first run on a big ledger)
    progress: Callable[[int, int], None] | None = None

    def load(self, period: Period | None = None) -> Loaded:
        """Every readable record in ``period`` (date order) and the problems of the rest.

        What reading each file gave is kept in the ledger's cache (``.fzlog-cache/``, see
        fzlog/cache.py) and used again only while the file is unchanged, so the result is always
        that of reading every file."""
        from fzlog.store import cache

        out = Loaded()
        misplaced: list[Path] = []
        for rec, problems in cache.read_files(self, period, misplaced, progress=self.progress):
            # (a record's date is that of its day directory, which lies in ``period``: see check_text)
            if rec is not None:
                out.records.append(rec)
            else:
                out.problems.extend(problems)
        out.problems.extend(Problem(p, t("record.bad_path"), "misplaced") for p in misplaced)
        return out

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
            candidates = [folder / f"{name}.toml"] if (folder / f"{name}.toml").is_file() else \
                sorted(p for p in folder.glob(f"*-{name}.toml") if p.is_file()) if folder.is_dir() else []
            if len(candidates) != 1:
                raise FzlogError(t("ledger.no_id", ref=typed))
        else:
            candidates = [p for p in self.iter_files()
                          if p.stem == name or p.stem.endswith("-" + name)]
            if not candidates:
                raise FzlogError(t("ledger.no_id", ref=ref))
            if len(candidates) > 1:
                raise UsageError(t("ledger.ambiguous_id", ref=ref,
                                   candidates="、".join(self.id_for(p) for p in candidates[:10])))
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
            raise UsageError(t("value.encoding_unwritable", char=repr(exc.object[exc.start:exc.end]))) from None
        created = [d for d in (directory, directory.parent) if not d.exists()]
        try:
            for attempt in range(64):  # os.urandom(n).hex() is secrets.token_hex(n), without its imports
                short = os.urandom(2 if attempt < 16 else 4).hex()
                path = directory / f"{rec.kind}-{short}.toml"
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

    def replace(self, old: Record, new: Record) -> Record:
        """Save an edited record. Same date and kind: the file is rewritten atomically in place
        (temp file + fsync + rename). A new date or kind moves it to its new path, keeping the short
        id where free; the old file is removed only after the new one is safely written."""
        check_evidence(self.root, new.evidence)
        try:
            data = record_mod.to_toml(new, self.registry).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UsageError(t("value.encoding_unwritable", char=repr(exc.object[exc.start:exc.end]))) from None
        directory = self.day_dir(new.date)
        if new.kind == old.kind and directory == old.path.parent:
            try:
                replace_file(old.path, data)
            except OSError as exc:
                raise FzlogError(t("ledger.write_failed", path=old.path, reason=os_reason(exc))) from None
            return replace(new, id=old.id, path=old.path)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"{new.kind}-{old.short_id}.toml"
            try:
                write_new(path, data)
            except FileExistsError:
                return self._moved(self.add(new), old)
        except OSError as exc:
            raise FzlogError(t("ledger.write_failed", path=directory, reason=os_reason(exc))) from None
        return self._moved(replace(new, id=self.id_for(path), path=path), old)

    def _moved(self, new: Record, old: Record) -> Record:
        """The moved record is saved: its evidence files follow it, then the old file goes."""
        from fzlog.store import evidence

        try:
            leftovers = evidence.carry(old.path.parent, new.path.parent, new.evidence)
        except BaseException:
            new.path.unlink()  # the old record stays as it was
            raise
        self.remove(old)
        evidence.drop(leftovers)
        try:
            old.path.parent.rmdir()
        except OSError:
            pass
        return new

    def remove(self, rec: Record) -> None:
        """Delete a record's file (and its day directory if that is now empty)."""
        try:
            rec.path.unlink()
        except OSError as exc:
            raise FzlogError(t("ledger.write_failed", path=rec.path, reason=os_reason(exc))) from None
        _fsync_dir(rec.path.parent)
        try:
            rec.path.parent.rmdir()
        except OSError:
            pass


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A record file's text: UTF-8 (a BOM and CRLF line ends are fine), size-limited; other
    encodings are refused naming the encoding detected (see :mod:`fzlog.encoding`)."""
    text, problems, _ = read_file(path)
    return text, problems


def read_file(path: Path | str) -> tuple[str | None, list[Problem], os.stat_result | None]:
    """:func:`read_text`, and the file's stat taken from the open file before it was read (None
    when it could not be opened): what the cache remembers the file by."""
    st = None
    try:  # one open, one fstat, one read: this runs for every file a command reads
        fd = os.open(path, os.O_RDONLY | _O_BINARY)
        try:
            st = os.fstat(fd)
            size = st.st_size
            if size > MAX_RECORD_BYTES:
                return None, [Problem(Path(path), t("record.too_large", size=size, limit=MAX_RECORD_BYTES),
                                      "too-large")], st
            raw = os.read(fd, size + 1)
            while len(raw) < size:  # a short read (a read of size + 1 bytes that gives size or more is at the end)
                more = os.read(fd, MAX_RECORD_BYTES + 1 - len(raw))
                if not more:
                    break
                raw += more
        finally:
            os.close(fd)
        if len(raw) > MAX_RECORD_BYTES:
            return None, [Problem(Path(path), t("record.too_large", size=len(raw), limit=MAX_RECORD_BYTES),
                                  "too-large")], st
    except OSError as exc:
        return None, [Problem(Path(path), t("record.unreadable", reason=os_reason(exc)), "unreadable")], st
    text, problem = encoding.decode(raw)
    if isinstance(problem, encoding.Legacy):
        return None, [Problem(Path(path), t("encoding.legacy", encoding=problem.label), "encoding")], st
    if isinstance(problem, encoding.BadBytes):
        return None, [Problem(Path(path), t("encoding.bad_bytes", byte=f"0x{problem.byte:02x}"), "encoding",
                              problem.line, problem.column)], st
    return text, [], st


_O_BINARY = getattr(os, "O_BINARY", 0)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (disk full, read-only, …)."""
    key = {errno.ENOSPC: "io.no_space", errno.EDQUOT: "io.quota", errno.EROFS: "io.read_only",
           errno.EACCES: "io.denied", errno.EPERM: "io.denied", errno.EIO: "io.io_error"}.get(exc.errno)
    detail = exc.strerror or str(exc)
    return t(key, detail=detail) if key else detail


def _scandir(path: Path):
    try:
        with os.scandir(path) as it:
            return list(it)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:  # never skip a folder of records silently
        raise FzlogError(t("ledger.unreadable_dir", path=path, reason=os_reason(exc))) from None


@dataclass(frozen=True)
class Place:
    """Where a file sits relative to the dated layout ``<YYYY>/<YYYY-MM-DD>/<file>``."""

    status: str  # "record": where iter_files reads it; "wrong-year": a day dir in another year's dir;
    #              "outside": anywhere else
    year: str = ""  # the year directory it is under, if any
    day: str = ""  # the day directory it is in, if any


def child_path(directory: Path) -> Callable[[str], Path]:
    """``directory / name`` for many plain file names. CPython's pathlib has a fast way for
    exactly this, which its own ``iterdir`` uses (``_make_child_relpath``, 3.11–3.13); the general
    ``/`` parses the name again and was half the time of a warm load of 100,000 records.
    ``tests/test_cache.py`` checks that both give equal paths."""
    return getattr(directory, "_make_child_relpath", directory.joinpath)


def _looks_like_record(name: str) -> bool:
    return name.lower().endswith(".toml") and not name.startswith(".")


def misplaced_order(root: Path) -> Callable[[Path], tuple]:
    """The order :meth:`Ledger.iter_days` reports misplaced files in (a sort key): those in the
    root, then each year's — in its own folder, then in its day folders, a day at a time — each
    group by name."""
    def key(path: Path) -> tuple:
        parts = path.relative_to(root).parts
        return (0, *parts) if len(parts) == 1 else (1, parts[0], len(parts), *parts[1:])
    return key


def place(root: Path, path: Path) -> Place:
    """Classify ``path`` (a file under ``root``) against the dated layout."""
    return place_of(path.relative_to(root).parts)


def place_of(parts: tuple[str, ...]) -> Place:
    """Classify a file by its path below the ledger's root, given as parts."""
    year = parts[0] if len(parts) > 1 and _YEAR_DIR.match(parts[0]) else ""
    day = parts[1] if year and len(parts) > 2 and _DAY_DIR.match(parts[1]) else ""
    if len(parts) == 3 and day:
        return Place("record" if day[:4] == year else "wrong-year", year, day)
    return Place("outside", year, day)
