"""Where things are in a ledger: the path grammar, the one walker, and confinement.

Layout (this module is the only one that knows it)::

    <root>/fzlog.toml
    <root>/<YYYY>/<YYYY-MM-DD>/<kind>-<id>.toml      a record (YYYY is 0001–9999: a year a date can have)
    <root>/<YYYY>/<YYYY-MM-DD>/evidence/<file>       its evidence (fzlog add --attach)
    <root>/notes/<YYYY>.toml                         the year's report notes
    <root>/.fzlog-cache/                             the record cache and the ledger lock

:func:`walk` lists what is inside the ledger, and every reader and writer goes by it: the day
folders with their record files, and everything else it meets — record files where no command
reads them (with the reason), symbolic links that lead outside the ledger (never followed),
special files (FIFOs, devices, sockets: never opened), stray and temporary files.

Confinement: a reference written into a record (an ``evidence`` path) or built from user input
(a record id) must name something inside the ledger, never outside it. One rule, used by ``fzlog
add`` (refuses the reference), ``Ledger.get`` and ``fzlog validate`` (reports it): a reference is
a relative path, ``/`` or ``\\`` separated, without ``..`` parts, drive letters or UNC prefixes,
that does not leave the ledger through a symbolic link. A plain description ("签到表存档于办公室")
is a harmless relative path and passes; ``http(s)://`` links are not paths and pass as they are.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import final

from fzlog.errors import UsageError
from fzlog.messages import t
from fzlog.store.fsio import os_reason

_DRIVE = re.compile(r"^[A-Za-z]:")
_SEPARATORS = re.compile(r"[\\/]")
_URL = re.compile(r"^https?://", re.IGNORECASE)


class OutsideLedger(UsageError):
    """A reference that would reach outside the ledger (exit code 2 when it comes from the user)."""


def is_link(ref: str) -> bool:
    return bool(_URL.match(ref.strip()))


def _real(root: str) -> Path:
    return _real_abs(os.path.abspath(root))


@functools.lru_cache(maxsize=8)
def _real_abs(root: str) -> Path:
    return Path(os.path.realpath(root))


def confine(root: Path, ref: str) -> Path:
    """The path ``ref`` names inside the ledger ``root``; raises :class:`OutsideLedger` saying
    why if it would name something outside (even through a symlink), or is not a usable path."""
    ref = ref.strip()
    if not ref or "\x00" in ref:
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_empty")))
    if ref[:5].lower() == "file:":
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
    parts = _SEPARATORS.split(ref)
    if ref[0] in "/\\" or _DRIVE.match(ref) or ref[0] == "~":
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
    if ".." in parts:
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_parent")))
    target = Path(os.path.realpath(Path(root).joinpath(*[p for p in parts if p not in ("", ".")])))
    if not inside(root, target):
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_symlink", target=target)))
    return target


def inside(root: Path, real: Path | str) -> bool:
    """Whether the real path ``real`` (symlinks resolved) is the ledger ``root`` or below it."""
    base = os.path.normcase(str(_real(str(root))))
    folded = os.path.normcase(os.fspath(real))
    return folded == base or folded.startswith(base if base.endswith(os.sep) else base + os.sep)


def refuse_outside(root: Path, path: Path, *, reading: bool = False) -> None:
    """Raise :class:`OutsideLedger` if ``path`` leads outside the ledger through a symbolic link:
    for a writer, a file or folder about to be made (checked before anything is created); with
    ``reading``, a file that is no record but is read from the ledger (``fzlog.toml``, notes)."""
    real = os.path.realpath(path)
    if not inside(root, real):
        raise OutsideLedger(t("io.outside_read" if reading else "io.outside", path=path, target=real))


def check_evidence(root: Path, refs) -> None:
    """Refuse evidence references that reach outside the ledger (links are allowed)."""
    for ref in refs:
        if not is_link(ref):
            confine(root, ref)


class Listing:
    """What folders hold, each listed once, for a run over thousands of paths (``fzlog validate``
    checks every record's evidence): whether a name is there, and whether it is a symlink, a
    folder or a file, without a system call per name. A folder is listed when first asked
    about; the file system is taken to stay as it is while a Listing is in use."""

    def __init__(self) -> None:
        self._folders: dict[str, dict[str, os.DirEntry] | None] = {}
        self._loose: dict[str, set[str]] = {}  # a folder's names as a system might compare them

    def _loose_names(self, folder: str, entries: dict) -> set[str]:
        names = self._loose.get(folder)
        if names is None:
            names = self._loose[folder] = {_loose(n) for n in entries}
        return names

    def forget_below(self, folder: str) -> None:
        """Let go of what was listed of ``folder`` and the folders below it (a run over a
        ledger's years holds one year's folders at a time)."""
        below = folder.rstrip(os.sep) + os.sep
        for name in [f for f in self._folders if f == folder or f.startswith(below)]:
            del self._folders[name]
            self._loose.pop(name, None)

    def kind(self, path: str) -> str | None:
        """What is at ``path`` without following a symlink there: "link", "dir", "file",
        "other", or None for nothing."""
        if os.sep == "/":  # (os.path.split, faster)
            folder, _, name = path.rpartition("/")
            folder = folder or "/"
        else:
            folder, name = os.path.split(path)
        if folder not in self._folders:
            try:
                with os.scandir(folder) as it:
                    self._folders[folder] = {e.name: e for e in it}
            except OSError:  # not there, or not to be listed (but perhaps to be looked into)
                self._folders[folder] = None
        entries = self._folders[folder]
        entry = entries.get(name) if entries is not None else None
        if entry is None and entries is not None and _loose(name) not in self._loose_names(folder, entries):
            return None  # not there, however the system compares names
        if entry is None:  # an unlisted folder, or a name spelt otherwise (a case-insensitive system)
            return kind_of(path)
        try:
            if entry.is_symlink():
                return "link"
            return (
                "dir"
                if entry.is_dir(follow_symlinks=False)
                else "file"
                if entry.is_file(follow_symlinks=False)
                else "other"
            )
        except (OSError, ValueError):
            return None


def kind_of(path: str) -> str | None:
    """What is at ``path`` without following a symlink there, asking the system: "link", "dir",
    "file", "other", or None for nothing (see :meth:`Listing.kind`)."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    return "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _loose(name: str) -> str:
    """A name as a case-insensitive, normalising file system (Windows, macOS) compares it."""
    return name.lower() if name.isascii() else unicodedata.normalize("NFC", name).casefold()


# --- the path grammar ------------------------------------------------------------------------------
CONFIG_NAME = "fzlog.toml"
CACHE_DIR = ".fzlog-cache"
EVIDENCE_DIR = "evidence"  # beside records: <YYYY>/<YYYY-MM-DD>/evidence/ (fzlog add --attach)
NOTES_DIR = "notes"
#: a year folder's name: four digits of a year a date can have (0000 is none: no date is in it)
YEAR_DIR = re.compile(r"^(?!0000)\d{4}$")
DAY_DIR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TEMP_FILE = re.compile(r"^\..+\.\d+\.[0-9a-f]+\.tmp$")  # fsio's temporary files
ROOT_FILES = frozenset({CONFIG_NAME, ".gitignore", ".gitattributes", "README.md"})
ROOT_DIRS = frozenset({EVIDENCE_DIR, NOTES_DIR})  # evidence files; report notes (checked on their own)
OS_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def is_year(name: str) -> bool:
    return bool(YEAR_DIR.match(name))


def record_like(name: str) -> bool:
    """A name a record file could have (``.toml`` in any case, not hidden)."""
    return name.lower().endswith(".toml") and not name.startswith(".")


def day_dir(root: Path, day) -> Path:
    """The folder of the date ``day``."""
    return Path(root) / f"{day.year:04d}" / day.isoformat()


@dataclass(frozen=True)
class Place:
    """Where a file sits relative to the dated layout ``<YYYY>/<YYYY-MM-DD>/<file>``."""

    status: str  # "record": where records are read; "wrong-year": a day folder in another year's; "outside"
    year: str = ""  # the year folder it is under, if any
    day: str = ""  # the day folder it is in, if any


def place_of(parts: tuple[str, ...]) -> Place:
    """Classify a file by its path below the ledger's root, given as parts."""
    year = parts[0] if len(parts) > 1 and is_year(parts[0]) else ""
    day = parts[1] if year and len(parts) > 2 and DAY_DIR.match(parts[1]) else ""
    if len(parts) == 3 and day:
        return Place("record" if day[:4] == year else "wrong-year", year, day)
    return Place("outside", year, day)


# --- the walker ------------------------------------------------------------------------------------
@final  # (walk's readers tell a Day from a Found by `type(item) is Day`)
@dataclass(frozen=True)
class Day:
    """A day folder where it belongs (``<YYYY>/<YYYY-MM-DD>``) with its record files: regular
    ``*.toml`` files (or symlinks to such inside the ledger), not hidden, sorted by name."""

    path: Path
    name: str
    files: list[str]
    evidence: bool = False  # the folder holds something named ``evidence`` (in any case)


@final
@dataclass(frozen=True)
class Found:
    """Anything else the walk met that is not a good record file in a day folder.

    ``what``: "misplaced" (a record-like file where no command reads it), "wrong-year" (in a day
    folder under another year's folder), "bad-ext" (``.TOML``), "link-out" (a symbolic link that
    leads outside the ledger: never followed), "special" (a FIFO, device or socket: never opened),
    "temp" (a temporary file left by an interrupted write), "hidden", "stray" (a file that is no
    record), "broken" (a dangling or looping link), "unreadable" (a folder that could not be
    listed); ``reason`` says why for the last two."""

    path: Path
    what: str
    place: Place
    target: Path | None = None  # where a link-out leads
    reason: str = ""

    @property
    def skipped(self) -> bool:
        """A file a reader leaves out of its totals and must say so (see :func:`skipped_reason`)."""
        if self.what in ("misplaced", "wrong-year", "bad-ext"):
            return True
        if self.what in ("link-out", "special", "broken"):
            return record_like(self.path.name) or self.place.status != "record" and not self.place.day
        return False


def skipped_reason(found: Found) -> str:
    """Why a reader left ``found`` out, in a sentence (a reader's "已跳过" line)."""
    if found.what == "link-out":
        return t("validate.outside_ledger", target=found.target)
    if found.what == "special":
        return t("layout.special")
    if found.what == "broken":
        return t("record.unreadable", reason=found.reason)
    if found.what == "bad-ext":
        return t("validate.bad_ext")
    parts = found.place
    if found.what == "wrong-year":
        return t("validate.year_mismatch", day=parts.day, year=parts.year, expected=f"{parts.day[:4]}/{parts.day}")
    if parts.day:  # below a day folder, in a sub-folder of it
        return t("layout.subfolder")
    if parts.year and found.path.parent.name != parts.year:  # in a folder of a year not named as a day
        return t("layout.bad_day")
    return t("record.bad_path")


def walk(root: Path, years: tuple[int, int] | None = None, *, own: bool = False) -> Iterator[Day | Found]:
    """What is inside the ledger ``root``, in path order: a :class:`Day` for each day folder where
    it belongs, a :class:`Found` for everything else worth a word (see there). Skipped quietly:
    the root's own files (fzlog.toml, .gitignore, …), hidden folders (.git, .fzlog-cache),
    evidence and notes folders (their own modules look at them), operating-system litter.

    A symbolic link is followed only where it resolves inside the ledger (each folder is walked
    once however many ways lead into it); special files are reported, never opened. ``years``
    (first, last): only the year folders of those years are walked (a reader of one period), and
    the other years' folders only for day folders of the period filed there; with ``own``, not
    even those (a question about the year folders themselves, such as which hold days)."""
    root = Path(root)
    base = str(_real(str(root)))
    top = os.path.normcase(base)
    below = top if top.endswith(os.sep) else top + os.sep
    seen = {top}
    yield from _walk_folder(root, base, (), years, seen, below, top, own and years is not None)


def _walk_folder(
    folder: Path, real_dir: str, rel: tuple[str, ...], years, seen: set, below: str, top: str, own: bool = False
) -> Iterator[Day | Found]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=_name)
    except OSError as exc:
        yield Found(folder, "unreadable", place_of(rel + ("",)), reason=os_reason(exc))
        return
    depth = len(rel)
    if own and depth == 0:  # (see walk: the period's own year folders, nothing else)
        entries = [e for e in entries if is_year(e.name) and years[0] <= int(e.name) <= years[1]]
    if years is not None and depth == 1 and is_year(rel[0]) and not years[0] <= int(rel[0]) <= years[1]:
        # (see walk: its files are not the period's, nor its plain folders of days of other years)
        entries = [
            e
            for e in entries
            if DAY_DIR.match(e.name) and (years[0] <= int(e.name[:4]) <= years[1] or _not_plain_dir(e))
        ]
    day_here = depth == 2 and rel[1][:4] == rel[0] and DAY_DIR.match(rel[1]) and is_year(rel[0])
    files: list[str] = []
    has_evidence = False
    pl: Place | None = None  # the same for every file of a folder
    folders: list[tuple[Path, str, tuple[str, ...]]] = []
    for entry in entries:
        name = entry.name
        if name in OS_JUNK or (depth == 0 and name in ROOT_FILES):
            continue
        if day_here and name.endswith(".toml") and name[0] != "." and entry.is_file(follow_symlinks=False):
            files.append(name)  # (the common case, first: a record file where it belongs)
            continue
        if day_here and name.lower() == EVIDENCE_DIR:
            has_evidence = True  # (whatever it is: evidence.py looks into it)
        path = folder / name
        try:
            link = entry.is_symlink()
            if link and name.startswith(".") and entry.is_dir():
                continue  # a hidden folder (.git, .fzlog-cache) is no part of the records, linked or not
            if link:
                real = os.path.realpath(path)
                folded = os.path.normcase(real)
                if folded != top and not folded.startswith(below):
                    yield Found(path, "link-out", pl or place_of(rel + (name,)), target=Path(real))
                    continue
                mode = os.stat(path).st_mode
            else:
                real = ""
                mode = 0 if entry.is_dir(follow_symlinks=False) else -1
        except OSError as exc:  # a dangling or looping link, or an entry gone meanwhile
            yield Found(path, "broken", pl or place_of(rel + (name,)), reason=os_reason(exc))
            continue
        is_dir = (mode == 0) if not link else stat.S_ISDIR(mode)
        if is_dir:
            if name.startswith(".") or name == EVIDENCE_DIR or (depth == 0 and name in ROOT_DIRS):
                continue
            if record_like(name):  # a folder named like a record file: not read, and said so
                yield Found(path, "special", pl or place_of(rel + (name,)))
                continue
            # in a year folder out of the period only a day folder of the period matters
            if (
                years is not None
                and depth == 1
                and is_year(rel[0] if rel else name)
                and not (years[0] <= int(rel[0] if rel else name) <= years[1])
                and not (DAY_DIR.match(name) and years[0] <= int(name[:4]) <= years[1])
            ):
                continue
            if not real:  # not a link: its real path is its real parent's and its name
                real = (real_dir if real_dir.endswith(os.sep) else real_dir + os.sep) + name
            folded = os.path.normcase(real)
            if folded not in seen:  # a link back into the ledger: visit each folder once
                seen.add(folded)
                folders.append((path, real, rel + (name,)))
            continue
        regular = entry.is_file(follow_symlinks=False) if not link else stat.S_ISREG(mode)
        pl = pl or place_of(rel + (name,))
        if not regular:
            yield Found(path, "special", pl)
        elif name.startswith("."):
            yield Found(path, "temp" if TEMP_FILE.match(name) else "hidden", pl)
        elif day_here and name.endswith(".toml"):
            files.append(name)
        elif name.endswith(".toml"):
            yield Found(path, "wrong-year" if pl.status == "wrong-year" else "misplaced", pl)
        elif name.lower().endswith(".toml"):
            yield Found(path, "bad-ext", pl)
        else:
            yield Found(path, "stray", pl)
    if files:
        yield Day(folder, rel[1], files, has_evidence)
    for path, real, below_rel in folders:
        yield from _walk_folder(path, real, below_rel, years, seen, below, top, own)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _not_plain_dir(entry: os.DirEntry) -> bool:
    """Anything but a folder that is no link (what cannot be told is looked at as before)."""
    try:
        return not entry.is_dir(follow_symlinks=False)
    except OSError:
        return True


def years_with_days(root: Path) -> list[int]:
    """The years whose folder holds at least one day folder with records, oldest first. Each
    year is walked (by :func:`walk`) only as far as its first such day folder."""
    try:
        with os.scandir(root) as it:
            names = sorted(e.name for e in it if is_year(e.name))
    except OSError:
        return []
    out = []
    for name in names:
        year = int(name)
        if any(type(item) is Day for item in walk(root, (year, year), own=True)):
            out.append(year)
    return out


def days(root: Path, years: tuple[int, int] | None = None) -> tuple[list[Day], list[Found]]:
    """:func:`walk`'s days, and what readers skipped (``Found.skipped``) or could not list."""
    found_days: list[Day] = []
    skipped: list[Found] = []
    for item in walk(root, years):
        if type(item) is Day:
            found_days.append(item)
        elif item.skipped or item.what == "unreadable":
            skipped.append(item)
    return found_days, skipped
