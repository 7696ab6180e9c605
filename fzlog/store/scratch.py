"""The ledger's own temporary area, ``<ledger>/.fzlog-tmp/``: what fzlog writes for a moment
(an editor's copy of a record, the journal of a date move, see :mod:`fzlog.store.moves`) and what
it keeps for the user when it cannot save their text (drafts).

It lives inside the ledger, never in the system's temp folder: record text does not leak to a
shared folder, and a move's journal is on the same file system as the files it moves. The area
ignores itself in git (its own ``.gitignore`` says ``*``), and readers skip it (a hidden folder).

    .fzlog-tmp/edit-<pid>-<random>.toml   a file open in the user's editor (removed afterwards)
    .fzlog-tmp/moves/<random>.json        the journal of a move under way (see moves.py)
    .fzlog-tmp/drafts/<name>.toml         text fzlog could not save, kept for the user
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

AREA = ".fzlog-tmp"
DRAFTS = "drafts"
_EDIT = re.compile(r"^edit-(\d+)-[0-9a-f]+\.toml$")


def area(root: Path) -> Path:
    """The temporary area of the ledger ``root``, made if needed (with its ``.gitignore``).
    Refuses (OSError) an area that is not a real folder inside the ledger (a symlink out)."""
    path = _made(Path(root) / AREA)
    ignore = path / ".gitignore"
    if not ignore.exists():
        from fzlog.store.fsio import write_new

        try:
            write_new(ignore, b"# fzlog's temporary area: never committed\n*\n")
        except FileExistsError:
            pass
    return path


def folder(root: Path, name: str) -> Path:
    """A sub-folder of the temporary area (made if needed, never a symlink)."""
    return _made(area(root) / name)


def _made(path: Path) -> Path:
    """The folder ``path``, made if needed; a symlink or a file there is refused."""
    try:
        path.mkdir()
    except FileExistsError:
        pass
    if path.is_symlink() or not path.is_dir():
        raise NotADirectoryError(f"{path}: not a folder of the ledger")
    return path


def editor_file(root: Path, data: bytes, suffix: str = ".toml") -> Path:
    """A new private file in the area holding ``data``, for the user's editor. The caller
    removes it (:func:`remove`); one left by a process that was killed is kept as a draft by
    :func:`sweep`."""
    base = area(root)
    while True:
        path = base / f"edit-{os.getpid()}-{os.urandom(4).hex()}{suffix}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return path


def pending(root: Path) -> bool:
    """Whether the area holds anything a command must look at first (see moves.recover): a
    move's journal, or an editor's file (cheap: at most two folder listings)."""
    try:
        with os.scandir(os.path.join(root, AREA)) as it:
            names = [e.name for e in it]
    except OSError:
        return False
    if any(n.startswith(("edit-", ".journal-")) for n in names):
        return True
    if "moves" in names:
        try:
            with os.scandir(os.path.join(root, AREA, "moves")) as it:
                return any(True for _ in it)
        except OSError:
            return False
    return False


def remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def save_draft(root: Path, data: bytes, name: str) -> Path:
    """Keep text the user typed that could not be saved as a record; returns where it is."""
    from fzlog.store.fsio import write_new

    base = folder(root, DRAFTS)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = re.sub(r"[^0-9A-Za-z._-]+", "_", name).strip("._") or "record"
    for n in range(1000):
        path = base / (f"{safe}-{stamp}.toml" if n == 0 else f"{safe}-{stamp}-{n}.toml")
        try:
            write_new(path, data)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(base)


def sweep(root: Path) -> list[Path]:
    """Editor files of fzlog processes that are gone (killed while the editor was open) become
    drafts: the text is kept, out of the way. Returns the drafts made. POSIX only (elsewhere
    whether a process lives cannot be asked safely)."""
    if os.name != "posix":
        return []
    base = Path(root) / AREA
    try:
        with os.scandir(base) as it:
            found = [(e.name, m) for e in it if (m := _EDIT.match(e.name))]
    except OSError:
        return []
    kept = []
    for name, m in found:
        if _alive(int(m[1])):
            continue
        path = base / name
        try:
            data = path.read_bytes()
            kept.append(save_draft(root, data, "edit"))
            path.unlink()
        except OSError:
            continue
    return kept


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True
