"""Evidence files (佐证材料): photos, sign-in sheets and minutes kept beside the record they prove.

``fzlog add --attach FILE`` copies FILE to ``<ledger>/<YYYY>/<YYYY-MM-DD>/evidence/<hash>-<name>``
— the record's own day directory, a content-addressed name (the first 8 hex digits of the file's
SHA-256, then the original name) — and stores the reference ``evidence/<hash>-<name>`` in the
record's ``evidence`` list.

**References are relative to the record's directory** (the folder its ``.toml`` file is in), the
way a link in a document is relative to the document: the record and its evidence move together
and a reference stays short. A reference that is not found there is looked up relative to the
ledger root as well (for ledgers that keep all evidence in one ``<ledger>/evidence/`` folder).

An ``evidence`` entry may also be a plain description ("纸质签到表存于办公室档案柜"): only entries
that look like files — starting with ``evidence/`` or ending in a file extension such as ``.jpg``
or ``.pdf`` — are checked for a file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t
from fzlog.record import Record
from fzlog.store.layout import Listing, day_dir, inside, kind_of

EVIDENCE_DIR = "evidence"
HASH_CHARS = 8
MAX_ATTACH_BYTES = 100 * 1024 * 1024  # a ledger lives in git: scans and photos, not videos
MAX_NAME_CHARS = 100
_EXTENSION = re.compile(r"\.(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{1,8}$")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


@dataclass(frozen=True)
class EvidenceEntry:
    ref: str
    is_file: bool  # the entry names a file (else it is a description)
    path: Path | None  # where the file is (or, when missing, where it was expected)
    exists: bool
    size: int | None  # bytes, when the file exists
    inside: bool = True  # False: the reference leads out of the ledger (not looked at; validate reports it)


def _root(ledger) -> Path:
    """The root directory of ``ledger``: a Ledger, or a path (a Path has a ``root`` too: "/")."""
    return Path(ledger) if isinstance(ledger, (str, os.PathLike)) else Path(ledger.root)


def record_dir(ledger, record: Record) -> Path:
    """The directory a record's evidence references are relative to: the one its file is in."""
    if record.path is not None:
        return Path(record.path).parent
    return day_dir(_root(ledger), record.date)


def is_file_ref(ref: str) -> bool:
    """Whether an evidence entry names a file (rather than describing where paper evidence is)."""
    ref = ref.strip().replace("\\", "/")
    if not ref or "://" in ref:
        return False
    return ref.startswith(EVIDENCE_DIR + "/") or bool(_EXTENSION.search(ref))


def entries(ledger, record: Record) -> list[EvidenceEntry]:
    """Each evidence entry of a record, with whether its file exists and its size."""
    return Finder(ledger).entries(record)


def missing_evidence(ledger, record: Record) -> list[str]:
    """The record's evidence references that name a file which is not there (for ``validate``).
    ``ledger`` is a :class:`fzlog.store.ledger.Ledger` or its root directory. References that lead out
    of the ledger are not looked at (and not listed here: confining references is another check's)."""
    return Finder(ledger).missing(record)


class Finder:
    """Finds the evidence files of records of one ledger. ``fzlog validate`` keeps one for a whole
    run over thousands of records: the ledger's root is worked out once, references are joined as
    strings, and whether a folder exists is looked at once (a file cannot be in a folder that is
    not there) — so the file system is taken to stay as it is while a Finder is in use."""

    def __init__(self, ledger, listing: Listing | None = None):
        self.ledger = ledger
        self._kind = listing.kind if listing is not None else kind_of  # what is at a path (see paths)
        self.root = _root(ledger)
        self._root = os.fspath(self.root)
        self._top = os.path.normpath(os.path.abspath(self._root))
        self._below = self._top.rstrip(os.sep) + os.sep
        self._plain_root = os.sep == "/" and ".." not in self._root.split("/")  # (see _absolute_of)
        self._absolute: dict[str, str | None] = {}  # a record's folder, made absolute
        # an absolute folder: "" (not there), "there", and once a file was found in it, whether it
        # stays "inside" the ledger after symlinks or leads "outside"
        self._folders: dict[str, str] = {}
        self._real_top: str | None = None  # the root's real path
        self._real_below = ""  # the same, ending in a separator

    def entries(self, record: Record) -> list[EvidenceEntry]:
        """Each evidence entry of a record, with whether its file exists and its size."""
        out = []
        base = None
        for ref in record.evidence:
            if not is_file_ref(ref):
                out.append(EvidenceEntry(ref, False, None, False, None))
                continue
            base = base or self._base(record)
            path, exists, inside = self._find(base, ref)
            path = Path(path) if path is not None else None
            size = path.stat().st_size if exists and path is not None else None
            out.append(EvidenceEntry(ref, True, path, exists, size, inside))
        return out

    def missing(self, record: Record, folder: str | None = None) -> list[str]:
        """See :func:`missing_evidence`. ``folder``: the record's folder as a string, when the
        caller has it (making the record's Path a string is slow)."""
        if not any(is_file_ref(ref) for ref in record.evidence):
            return []
        return self.missing_refs(record.evidence, folder or self._base(record))

    def missing_refs(self, refs: Sequence[str], folder: str) -> list[str]:
        """Those of the evidence references ``refs`` of a record in the folder ``folder`` that
        name a file which is not there (see :meth:`missing`)."""
        out = []
        for ref in refs:
            if is_file_ref(ref):
                _, exists, inside = self._find(folder, ref)
                if inside and not exists:
                    out.append(ref)
        return out

    def absent(self, folder: str) -> None:
        """Take ``folder`` to hold nothing (the walker saw no such folder): no file is looked
        for in it."""
        absolute = self._absolute_of(folder)
        if absolute is not None:
            self._folders[absolute] = ""

    def _base(self, record: Record) -> str:
        if record.path is not None:
            return os.path.dirname(os.fspath(record.path))
        return os.fspath(record_dir(self.ledger, record))

    def _find(self, base: str, ref: str) -> tuple[str | Path | None, bool, bool]:
        """Where the file ``ref`` names is (or, when missing, where it was expected), whether it
        exists, and whether it stays inside the ledger: relative to the record's folder first,
        then to the ledger's root."""
        rel = ref.strip()
        if "\\" in rel:
            rel = rel.replace("\\", "/")
        absolute_base = self._absolute_of(base)
        parts = rel.split("/")
        if "" in parts or "." in parts:
            parts = [p for p in parts if p and p != "."]
        if absolute_base is None or rel.startswith("/") or ".." in parts or not parts:
            return self._find_by_path(Path(base), rel)  # the general way, with pathlib
        tail = "/".join(parts)  # what pathlib makes of it
        head = tail.rpartition("/")[0]
        top, below = self._top, self._below
        first = None  # the first candidate that stays inside the ledger
        for folder, absolute in ((base, absolute_base), (self._root, top)):
            # (what _join gives: the absolute folders are never empty, and the path is not)
            start = absolute if absolute.endswith("/") else absolute + "/"
            lexical = start + tail
            if lexical != top and not lexical.startswith(below):
                continue
            found = self._look(start + head if head else absolute, lexical)
            if found == "outside":  # there: it must stay inside after symlinks too
                continue
            path = _join(folder, tail)
            first = first or path  # (not there: without "..", no file either)
            if found == "file":
                return path, True, True
        return (None, False, False) if first is None else (first, False, True)

    def _look(self, folder: str, lexical: str) -> str | None:
        """What is at the absolute path ``lexical`` (in ``folder``): None (nothing), "outside"
        (it leads out of the ledger after symlinks), "file" or "other". One lookup in the
        listing for a file that is no symlink; whether its folder is there, and where it really
        is, is worked out once per run."""
        state = self._folders.get(folder)
        if state is None:
            state = self._folders[folder] = "there" if self._kind(folder) is not None else ""
        if not state:
            return None
        found = self._kind(lexical)
        if found is None:
            return None
        if found == "link":  # (rare: the general way)
            if not _inside(Path(lexical), self.root):
                return "outside"
            return "file" if os.path.isfile(lexical) else "other"
        if state == "there":  # where the folder really is (a file is in it)
            if self._real_top is None:
                real_top = self._real_top = os.path.realpath(self._top)
                self._real_below = real_top.rstrip(os.sep) + os.sep
            real = os.path.realpath(os.path.dirname(lexical))
            inside = real == self._real_top or real.startswith(self._real_below)
            state = self._folders[folder] = "inside" if inside else "outside"
        if state == "outside":
            return "outside"
        return "file" if found == "file" else "other"

    def _find_by_path(self, base: Path, rel: str) -> tuple[Path | None, bool, bool]:
        root = self.root
        candidates = [p for p in (base / rel, root / rel) if _inside(p, root)]
        if not candidates:
            return None, False, False
        found = next((p for p in candidates if p.is_file()), None)
        return (candidates[0], False, True) if found is None else (found, True, True)

    def _absolute_of(self, folder: str) -> str | None:
        """``folder`` made absolute; None where strings will not do: on Windows, and where the
        folder or the root has a ``..`` part (which the system resolves after symlinks)."""
        try:
            return self._absolute[folder]
        except KeyError:
            pass
        absolute: str | None
        if not self._plain_root or ".." in folder.split("/"):
            absolute = None
        elif folder.startswith(self._below) and "/." not in folder and "//" not in folder and folder[-1] != "/":
            absolute = folder  # below the root and normal already (what a walk of the root gives)
        else:
            absolute = os.path.normpath(os.path.abspath(folder))
        self._absolute[folder] = absolute
        return absolute


def _join(folder: str, name: str) -> str:
    """``os.path.join`` for a relative ``name`` (without its general checks)."""
    if not name or not folder:
        return folder or name
    return folder + name if folder.endswith("/") else folder + "/" + name


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` stays inside ``root``: lexically, and — when it exists, so that it could
    be read — also after following symlinks."""
    lexical = os.path.normpath(os.path.abspath(path))
    top = os.path.normpath(os.path.abspath(root))
    if lexical != top and not lexical.startswith(top.rstrip(os.sep) + os.sep):
        return False
    if not os.path.lexists(lexical):
        return True
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def safe_name(name: str) -> str:
    """A file name that is safe on every system and says what the file was: the original name,
    with path separators, control and Windows-reserved characters replaced, length limited."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    if not name:
        return "file"
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            name = stem[: MAX_NAME_CHARS - len(suffix) - 1] + "." + suffix
        else:
            name = name[:MAX_NAME_CHARS]
    return name


def attach(ledger, day, sources: Sequence[str | Path]) -> list[str]:
    """Copy evidence files into the day's ``evidence/`` folder and return their references.

    Every source is checked before anything is copied. Names are content-addressed, so attaching
    the same file again reuses the copy; an existing file is never overwritten, and each copy is
    written atomically. Nothing is ever written outside the ledger."""
    import hashlib  # (here: only attaching needs it)

    from fzlog.store.fsio import write_new

    blobs = []
    for src in sources:
        p = Path(src)
        if not p.is_file():
            raise UsageError(t("evidence.no_source", path=src))
        try:
            size = p.stat().st_size
            if size > MAX_ATTACH_BYTES:
                raise UsageError(
                    t(
                        "evidence.too_large",
                        path=src,
                        size=size // (1024 * 1024),
                        limit=MAX_ATTACH_BYTES // (1024 * 1024),
                    )
                )
            blobs.append((safe_name(p.name), p.read_bytes()))
        except OSError as exc:
            raise UsageError(t("evidence.unreadable", path=src, reason=exc.strerror or exc)) from None
    if not blobs:
        return []
    root = _root(ledger).resolve()
    directory = day_dir(_root(ledger), day) / EVIDENCE_DIR
    if not inside(root, os.path.realpath(directory)):  # a day, year or evidence folder linked out: before any mkdir
        raise FzlogError(t("evidence.outside", path=directory, root=root))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FzlogError(t("evidence.write_failed", path=directory, reason=exc.strerror or exc)) from None
    if not _inside(directory, root):
        raise FzlogError(t("evidence.outside", path=directory, root=root))
    refs = []
    for name, data in blobs:
        digest = hashlib.sha256(data).hexdigest()
        for chars in (HASH_CHARS, len(digest)):  # the long name only if a short one is taken by other bytes
            target = directory / f"{digest[:chars]}-{name}"
            if target.is_symlink():
                raise FzlogError(t("evidence.outside", path=target, root=root))
            try:
                write_new(target, data)
                break
            except FileExistsError:
                if target.is_file() and target.read_bytes() == data:
                    break
            except OSError as exc:
                raise FzlogError(t("evidence.write_failed", path=target, reason=exc.strerror or exc)) from None
        else:
            raise FzlogError(t("evidence.write_failed", path=target, reason="name taken"))
        refs.append(f"{EVIDENCE_DIR}/{target.name}")
    return list(dict.fromkeys(refs))
