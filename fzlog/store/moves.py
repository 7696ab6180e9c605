"""Moving a record to another path (``fzlog edit`` changed its date or kind), crash-safe.

A move touches several files: the evidence files the record's references name in its old day
folder are put in the new one, the new record file is linked in, the old one removed, and old
evidence files no record uses any more removed. Before the first of these steps a journal is
written to the ledger's temporary area (``.fzlog-tmp/moves/``, see :mod:`fzlog.store.scratch`),
and it is removed after the last; the process that moves holds a lock on it all the while.

**Recovery** (:func:`recover`, which every command runs first through ``Ledger.recover``): a
journal nobody holds is that of a move that was killed. If the new record file is there with
the journal's bytes, the move is finished (old file removed, unused old evidence removed);
otherwise it is undone (evidence copies it made that no record uses removed): either way
exactly one copy of the record remains and every reference it has still finds its file.

**Evidence** is content-addressed and stored once per day folder, so one file may serve several
records. A file is copied (hard-linked when it is about to lose its last other user) to the new
day; the old one is removed only when no record of the ledger refers to it any more (a record
that cannot be read but names the file keeps it too). Destinations are confined: a year, day or
``evidence`` folder that is a symlink leading out of the ledger is refused before anything is
touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
from dataclasses import dataclass, field, replace
from pathlib import Path

from fzlog.errors import FzlogError
from fzlog.messages import t
from fzlog.record import Record
from fzlog.store import scratch

#: for tests: the name of a step after which the moving process kills itself (as kill -9 would):
#: "journal", "evidence", "linked", "unlinked", "dropped"
CRASH_ENV = "FZLOG_TEST_CRASH"
MOVES = "moves"


class RecordGone(FzlogError):
    """The record file that was read is no longer there (removed while it was being edited)."""


class RecordChanged(FzlogError):
    """The record file is not what was read any more (changed while it was being edited)."""


def fingerprint(data: bytes) -> str:
    """What ``Ledger.replace(..., was=)`` compares: the SHA-256 of the bytes that were read."""
    return hashlib.sha256(data).hexdigest()


def _file(rec: Record) -> Path:
    if rec.path is None:
        raise ValueError(f"{rec.id}: a record read from a file is needed")
    return Path(rec.path)


def fingerprint_of(rec: Record) -> str | None:
    """The fingerprint of ``rec``'s file as it is now (None: it cannot be read), to be given back
    as ``was=`` when the edit is saved (the web form carries it)."""
    return _sha_of(_file(rec))


def check_was(rec: Record, was: str) -> None:
    """Raise RecordGone / RecordChanged unless ``rec``'s file still holds what was read."""
    try:
        data = _file(rec).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise RecordGone(t("edit.gone", id=rec.id)) from None
    except OSError:
        raise RecordChanged(t("edit.changed", id=rec.id)) from None
    if fingerprint(data) != was:
        raise RecordChanged(t("edit.changed", id=rec.id))


@dataclass
class Copy:
    src: str  # paths relative to the ledger root, "/"-separated
    dst: str
    created: bool = True  # the destination was not there before
    link: bool = False  # hard-link (the source is then removed)


@dataclass
class Plan:
    old: str
    new: str
    old_sha: str
    new_sha: str
    copies: list[Copy] = field(default_factory=list)
    drops: list[str] = field(default_factory=list)  # old evidence files no record will use
    dirs: list[str] = field(default_factory=list)  # folders the move made (deepest last)

    def to_json(self) -> bytes:
        d = {
            "version": 1,
            "old": self.old,
            "new": self.new,
            "old_sha": self.old_sha,
            "new_sha": self.new_sha,
            "copies": [vars(c) for c in self.copies],
            "drops": self.drops,
            "dirs": self.dirs,
        }
        return json.dumps(d, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Plan:
        d = json.loads(data.decode("utf-8"))
        return cls(
            d["old"],
            d["new"],
            d["old_sha"],
            d["new_sha"],
            [Copy(**c) for c in d["copies"]],
            list(d["drops"]),
            list(d["dirs"]),
        )


def _crash_point(step: str) -> None:
    if os.environ.get(CRASH_ENV) == step:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _rel(root: Path, path: Path | str) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (there or not) stays inside ``root`` after every symlink is followed."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _sha_of(path: Path) -> str | None:
    try:
        return fingerprint(path.read_bytes())
    except OSError:
        return None


# planning ----------------------------------------------------------------------------------------
def _evidence_copies(lg, old: Record, new: Record, new_dir: Path) -> list[Copy]:
    """The evidence files ``new``'s references name in the old record's folder, to be put beside
    the record in ``new_dir``. Refuses a destination outside the ledger or taken by other bytes."""
    from fzlog.store.evidence import is_file_ref
    from fzlog.store.layout import is_link

    root = lg.root
    old_dir = _file(old).parent
    copies = []
    for ref in dict.fromkeys(new.evidence):
        if not is_file_ref(ref) or is_link(ref):
            continue
        parts = [p for p in ref.strip().replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts or ref.strip()[:1] in "/\\" or ":" in parts[0]:
            continue  # not a path below the record's folder (validate reports it)
        src = old_dir.joinpath(*parts)
        if not src.is_file() or src.is_symlink() or not _inside(root, src):
            continue  # not there (perhaps relative to the ledger root): nothing to carry
        dst = new_dir.joinpath(*parts)
        if not _inside(root, dst):
            raise FzlogError(t("move.outside", path=dst, root=root))
        created = not os.path.lexists(dst)
        if not created and (dst.is_symlink() or not dst.is_file() or dst.read_bytes() != src.read_bytes()):
            raise FzlogError(t("move.clash", path=dst))
        copies.append(Copy(_rel(root, src), _rel(root, dst), created))
    return copies


def _norm(path: str) -> str:
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


def unused(
    lg, candidates: list[str], *, skip: str | None = None, extra: tuple[Record, Path] | None = None
) -> list[str]:
    """Of ``candidates`` (evidence files, relative to the ledger root), those no record of the
    ledger refers to, leaving out the record file ``skip`` and adding the record ``extra`` (as it
    will be, in its folder). A file that cannot be read as a record but names a candidate keeps it."""
    from fzlog.store.evidence import is_file_ref

    if not candidates:
        return []
    root = str(lg.root)
    wanted = {_norm(os.path.join(root, c)): c for c in candidates}
    tails = {c.rpartition("/")[2] for c in candidates}  # (a reference to one ends in its name)
    used: set[str] = set()
    skip_n = _norm(os.path.join(root, skip)) if skip else None

    def note(rec: Record, folder: str) -> None:
        for ref in rec.evidence:
            rel = ref.strip().replace("\\", "/")
            if rel.rpartition("/")[2] in tails and is_file_ref(ref):
                for base in (folder, root):
                    p = _norm(os.path.join(base, rel))
                    if p in wanted and (skip_n is None or _norm(os.fspath(_file(rec))) != skip_n):
                        used.add(p)

    years, problems = lg.load_years()
    for year in years:  # (a year of records held at a time)
        for rec in year:
            if rec.path is not None:
                note(rec, os.path.dirname(os.fspath(rec.path)))
    if extra is not None:
        note(extra[0], os.fspath(extra[1]))
    names = {p: os.path.basename(p).encode("utf-8") for p in wanted}
    for path in {p.path for p in problems}:
        if skip_n is not None and _norm(path) == skip_n:
            continue
        try:
            if os.path.islink(path) or not os.path.isfile(path) or os.path.getsize(path) > 4 * 1024 * 1024:
                continue
            raw = Path(path).read_bytes()
        except OSError:
            continue
        used.update(p for p, name in names.items() if name in raw)
    return [c for p, c in wanted.items() if p not in used]


def _free_path(lg, new: Record, old: Record, new_dir: Path) -> Path:
    path = new_dir / f"{new.kind}-{old.short_id}.toml"
    while os.path.lexists(path):
        path = new_dir / f"{new.kind}-{os.urandom(2).hex()}.toml"
    return path


# moving ------------------------------------------------------------------------------------------
def move(lg, old: Record, new: Record, data: bytes, changed: list[Path] | None = None) -> Record:
    """Save the edited record ``new`` (bytes ``data``) at its new path and remove ``old``; see the
    module's docstring. Returns the saved record. ``changed`` gets every path the move changed
    (for a git commit). Holds the ledger lock: an import checking for duplicates never sees the
    record twice, and no writer that takes the lock adds a reference to old evidence meanwhile."""
    from fzlog.store.fsio import ledger_lock

    with ledger_lock(lg.root):
        return _move(lg, old, new, data, changed)


def _move(lg, old: Record, new: Record, data: bytes, changed: list[Path] | None) -> Record:
    from fzlog.store.fsio import os_reason

    root = Path(lg.root)
    new_dir = lg.day_dir(new.date)
    old_path = _file(old)
    old_dir = old_path.parent
    for folder in (new_dir.parent, new_dir, new_dir / "evidence"):  # refused before anything is touched
        if not _inside(root, folder):
            raise FzlogError(t("move.outside", path=folder, root=root))
    try:
        old_data = old_path.read_bytes()
    except OSError as exc:
        raise FzlogError(t("ledger.write_failed", path=old.path, reason=os_reason(exc))) from None
    copies = _evidence_copies(lg, old, new, new_dir) if new_dir != old_dir else []
    path = _free_path(lg, new, old, new_dir)
    saved = replace(new, id=lg.id_for(path), path=path)
    drops = unused(lg, [c.src for c in copies], skip=_rel(root, old_path), extra=(saved, new_dir))
    for c in copies:
        c.link = c.src in drops and c.created
    plan = Plan(
        _rel(root, old_path),
        _rel(root, path),
        fingerprint(old_data),
        fingerprint(data),
        copies,
        drops,
        [_rel(root, d) for d in (new_dir.parent, new_dir, new_dir / "evidence") if not d.exists()],
    )
    try:
        journal = Journal.create(root, plan)
    except OSError as exc:
        raise FzlogError(t("ledger.write_failed", path=root / scratch.AREA, reason=os_reason(exc))) from None
    linked = False
    try:
        _crash_point("journal")
        new_dir.mkdir(parents=True, exist_ok=True)
        for c in copies:
            _put(root, c)
        _crash_point("evidence")
        _confined_write(root, path, data)
        linked = True
        _crash_point("linked")
        _unlink(old_path)
        _crash_point("unlinked")
    except BaseException as exc:
        if not linked or old_path.exists():
            _undo(root, plan, remove_new=linked)
            journal.close()
        if isinstance(exc, OSError):
            raise FzlogError(t("ledger.write_failed", path=path, reason=os_reason(exc))) from None
        raise
    _finish(lg, plan, recheck=False)
    _crash_point("dropped")
    journal.close()
    if changed is not None:
        changed.extend([old_path, path, *(root / c.dst for c in copies), *(root / d for d in drops)])
    return saved


def _confined_write(root: Path, path: Path, data: bytes) -> None:
    from fzlog.store.fsio import write_new

    if not _inside(root, path.parent):
        raise FzlogError(t("move.outside", path=path.parent, root=root))
    write_new(path, data)


def _put(root: Path, c: Copy) -> None:
    """Put the evidence file ``c.src`` at ``c.dst`` (once: it may be there already)."""
    from fzlog.store.fsio import write_new

    src, dst = root / c.src, root / c.dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not _inside(root, dst.parent):
        raise FzlogError(t("move.outside", path=dst.parent, root=root))
    if os.path.lexists(dst):
        if dst.is_symlink() or not dst.is_file() or dst.read_bytes() != src.read_bytes():
            raise FzlogError(t("move.clash", path=dst))
        return
    if c.link:
        try:
            os.link(src, dst)
            return
        except FileExistsError:
            raise
        except OSError:  # no hard links here: a copy
            pass
    write_new(dst, src.read_bytes())


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    from fzlog.store.fsio import fsync_dir

    fsync_dir(path.parent)


def _rmdirs(root: Path, rels) -> None:
    for rel in rels:
        try:
            (root / rel).rmdir()
        except OSError:
            pass


def _undo(root: Path, plan: Plan, *, remove_new: bool) -> None:
    """Take back what a move did before its old record file was removed."""
    if remove_new and _sha_of(root / plan.new) == plan.new_sha:
        _unlink(root / plan.new)
    for c in plan.copies:
        if c.created:
            _unlink(root / c.dst)
    _rmdirs(root, [*(str(Path(c.dst).parent) for c in plan.copies), *reversed(plan.dirs)])


def _finish(lg, plan: Plan, *, recheck: bool) -> None:
    """The end of a move once its new record file is in place and the old one gone: old evidence
    files no record uses removed (looked at again when ``recheck``), empty old folders removed."""
    root = Path(lg.root)
    drops = unused(lg, plan.drops) if recheck else plan.drops
    old_dir = (root / plan.old).parent
    named = _named_in(old_dir, drops)  # by a record added to the old day meanwhile (add --attach)
    drops = [rel for rel in drops if rel not in named]
    for rel in drops:
        _unlink(root / rel)
    _rmdirs(root, [*(str(Path(rel).parent) for rel in drops), _rel(root, old_dir)])


def _named_in(folder: Path, rels: list[str]) -> set[str]:
    """Those of ``rels`` whose file name some record file in ``folder`` mentions (a quick look
    just before removing them: the ledger-wide check was made before the move began)."""
    if not rels:
        return set()
    names = {rel: rel.rpartition("/")[2].encode("utf-8") for rel in rels}
    found: set[str] = set()
    try:
        with os.scandir(folder) as it:
            files = [e.path for e in it if e.name.endswith(".toml") and e.is_file(follow_symlinks=False)]
    except OSError:
        return found
    for path in files:
        try:
            with open(path, "rb") as f:
                raw = f.read(4 * 1024 * 1024)
        except OSError:
            continue
        found.update(rel for rel, name in names.items() if name in raw)
    return found


class Journal:
    """A move's journal file, locked by the moving process until the move is done."""

    def __init__(self, fd: int, path: Path):
        self.fd, self.path = fd, path

    @classmethod
    def create(cls, root: Path, plan: Plan) -> Journal:
        from fzlog.store.fsio import fsync_dir

        folder = scratch.folder(root, MOVES)
        name = os.urandom(8).hex()
        tmp = folder.parent / f".journal-{name}"
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            _lock(fd, wait=True)
            view = memoryview(plan.to_json())
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            path = folder / f"{name}.json"
            os.replace(tmp, path)  # (the lock stays: it is the file's, not the name's)
        except BaseException:
            os.close(fd)
            scratch.remove(tmp)
            raise
        fsync_dir(folder)
        return cls(fd, path)

    def close(self) -> None:
        """The move is done (or undone): the journal goes, then the lock."""
        _release(self.fd, self.path, remove=True)


def _release(fd: int, path: Path, *, remove: bool) -> None:
    """Close the locked journal ``fd``, removing its file ``path`` first when ``remove`` (after
    the close on Windows, which cannot remove a file that is open)."""
    if remove and os.name != "nt":
        scratch.remove(path)
    os.close(fd)
    if remove and os.name == "nt":
        scratch.remove(path)


def _lock(fd: int, *, wait: bool) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


# recovery ----------------------------------------------------------------------------------------
def recover(lg) -> list[str]:
    """Finish or undo every move that was killed half-way, and keep the text of edits that were
    killed as drafts; returns what was done, one sentence each (nothing when all is well). An
    area that is not a real folder of the ledger (a symlink) is not looked into."""
    root = Path(lg.root)
    base = root / scratch.AREA
    if base.is_symlink() or not _inside(root, base):
        return []
    said = [t("move.draft_kept", path=_rel(root, p)) for p in scratch.sweep(root)]
    if not any(n.startswith(".journal-") for n in _names(base)) and not _names(base / MOVES):
        return said
    from fzlog.store.fsio import ledger_lock

    with ledger_lock(root):
        return said + _recover_journals(lg, base)


def _recover_journals(lg, base: Path) -> list[str]:
    said: list[str] = []
    for name in _names(base):  # journals whose move died before they were complete: nothing done yet
        if name.startswith(".journal-"):
            _drop_if_free(base / name)
    for name in sorted(_names(base / MOVES)):
        if name.endswith(".json"):
            said.extend(_recover_one(lg, base / MOVES / name))
    return said


def _names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as it:
            return [e.name for e in it]
    except OSError:
        return []


def _drop_if_free(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return
    free = False
    try:
        free = _lock(fd, wait=False)
    finally:
        _release(fd, path, remove=free)


def _recover_one(lg, path: Path) -> list[str]:
    root = Path(lg.root)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return []  # finished meanwhile
    done = False
    try:
        if not _lock(fd, wait=False):
            return []  # a move under way
        if os.fstat(fd).st_nlink == 0:
            return []  # finished between our looking and our locking
        try:
            chunks = []  # (read through the locked handle: on Windows the lock bars any other)
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            plan = Plan.from_json(b"".join(chunks))
            _confined(root, plan)
            said = _apply(lg, plan)
            done = True
            return said
        except (OSError, ValueError, KeyError, TypeError, FzlogError) as exc:
            return [t("move.bad_journal", path=_rel(root, path), reason=getattr(exc, "message", exc))]
    finally:
        _release(fd, path, remove=done)


def _confined(root: Path, plan: Plan) -> None:
    """Refuse (ValueError) a journal naming a path outside the ledger (it was not fzlog's)."""
    for rel in (plan.old, plan.new, *plan.drops, *plan.dirs, *(x for c in plan.copies for x in (c.src, c.dst))):
        parts = rel.split("/")
        if not rel or rel.startswith("/") or ".." in parts or ":" in rel or not _inside(root, (root / rel).parent):
            raise ValueError(f"{rel}: outside the ledger")


def _apply(lg, plan: Plan) -> list[str]:
    """Finish or undo the move ``plan`` describes; what was done."""
    root = Path(lg.root)
    said = []
    new = root / plan.new
    if _sha_of(new) == plan.new_sha:  # the new file is in: go forward
        for c in plan.copies:  # (all made before the new file was linked in)
            if not os.path.lexists(root / c.dst) and (root / c.src).is_file():
                _put(root, replace(c, link=False))
        old = root / plan.old
        old_sha = _sha_of(old)
        if old_sha == plan.old_sha:
            _unlink(old)
        elif old_sha is not None:
            said.append(t("move.kept_changed", path=plan.old, new=plan.new))
        _finish(lg, plan, recheck=True)
        said.append(t("move.done_forward", old=plan.old, new=plan.new))
    else:
        _undo(
            root,
            replace(
                plan,
                copies=[
                    c
                    for c in plan.copies
                    if c.created and c.dst in unused(lg, [x.dst for x in plan.copies if x.created])
                ],
            ),
            remove_new=False,
        )
        said.append(t("move.done_back", old=plan.old))
    return said
