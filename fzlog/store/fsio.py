"""File operations of the store: atomic writes, size-limited reads that never open anything but a
regular file, and the ledger-wide lock. Every write of a ledger file goes through here.

- :func:`write_new`: a new file, atomically and exclusively (temporary file, fsync, hard link).
- :func:`replace_file`: an existing file rewritten atomically (temporary file, fsync, rename).
- :func:`read_file`: a record file's text, at most ``MAX_RECORD_BYTES``, never from a FIFO or a
  device (opened with ``O_NONBLOCK`` and checked with ``fstat``).
- :func:`ledger_lock`: an exclusive lock on ``<ledger>/.fzlog-cache/lock`` held by commands that
  check the ledger and then write many records (import), so two of them cannot both decide that
  a row is new.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from fzlog import encoding, limits
from fzlog.errors import FzlogError, Problem
from fzlog.messages import t

MAX_RECORD_BYTES = limits.MAX_RECORD_BYTES  # one limit for readers and writers (fzlog/limits.py)
LOCK_DIR = ".fzlog-cache"
LOCK_NAME = "lock"

#: what is written to a file: bytes, or pieces of them as they are made (a long export)
Data = bytes | bytearray | Iterable[bytes]

_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (disk full, read-only, …)."""
    keys = {
        errno.ENOSPC: "io.no_space",
        errno.EDQUOT: "io.quota",
        errno.EROFS: "io.read_only",
        errno.EACCES: "io.denied",
        errno.EPERM: "io.denied",
        errno.EIO: "io.io_error",
    }
    key = keys.get(exc.errno) if exc.errno is not None else None
    detail = exc.strerror or str(exc)
    return t(key, detail=detail) if key else detail


# writing ------------------------------------------------------------------------------------------
def _write_all(fd: int, data: Data) -> None:
    for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def _write_temp(path: Path, data: Data) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path``, flushed and fsynced."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o644)
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
    fsync_dir(path.parent)


def replace_file(path: Path, data: Data) -> None:
    """Rewrite an existing file atomically (temp file + fsync + rename): for explicit edits only."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink()
        raise
    fsync_dir(path.parent)


def save_file(path: Path, data: Data, *, force: bool = False) -> None:
    """Write an output file (a report, an export) atomically: a new file never half-written; an
    existing file kept (FileExistsError) unless ``force``, then replaced atomically."""
    if force:
        replace_file(path, data)
    else:
        write_new(path, data)


def _write_exclusive_fallback(path: Path, tmp: Path) -> None:
    """``path`` created exclusively with what the temporary file ``tmp`` holds."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o644)
    try:
        with open(tmp, "rb") as src:
            _write_all(fd, iter(lambda: src.read(1 << 20), b""))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def fsync_dir(directory: Path) -> None:
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


# reading ------------------------------------------------------------------------------------------
def read_bytes(path: Path | str, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file ``path`` (more raises :class:`TooLarge`).
    A FIFO, a device or a socket is never read: it is opened without blocking and refused
    (``OSError(EINVAL)``) once ``fstat`` shows it is no regular file."""
    return read_bytes_stat(path, limit)[0]


def read_bytes_stat(path: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes`, and the file's status as it was opened (what the record cache
    remembers of a file, without asking the system a second time)."""
    fd = os.open(path, os.O_RDONLY | _O_BINARY | _O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, t("io.not_regular"), os.fspath(path))
        size = st.st_size
        if size > limit:
            raise TooLarge(size)
        raw = os.read(fd, size + 1)
        # A regular file reads whole at once: exactly ``size`` bytes is the end. Fewer (a short
        # read) or more (the file grew since fstat) read on, up to the limit.
        while len(raw) != size and len(raw) <= limit:
            more = os.read(fd, limit + 1 - len(raw))
            if not more:
                break
            raw += more
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise TooLarge(len(raw))
    return raw, st


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A record file's text: UTF-8 (a BOM and CRLF line ends are fine), size-limited; other
    encodings are refused naming the encoding detected (see :mod:`fzlog.encoding`)."""
    text, problems, _ = read_text_stat(path)
    return text, problems


def read_text_stat(path: Path) -> tuple[str | None, list[Problem], os.stat_result | None]:
    """:func:`read_text`, and the file's status as it was opened (None: it could not be)."""
    try:
        raw, st = read_bytes_stat(path, MAX_RECORD_BYTES)
    except TooLarge as exc:
        too_large = t("record.too_large", size=exc.size, limit=MAX_RECORD_BYTES)
        return None, [Problem(Path(path), too_large, "too-large")], None
    except OSError as exc:
        return None, [Problem(Path(path), t("record.unreadable", reason=os_reason(exc)), "unreadable")], None
    text, problem = encoding.decode(raw)
    if isinstance(problem, encoding.Legacy):
        return None, [Problem(Path(path), t("encoding.legacy", encoding=problem.label), "encoding")], st
    if isinstance(problem, encoding.BadBytes):
        return (
            None,
            [
                Problem(
                    Path(path),
                    t("encoding.bad_bytes", byte=f"0x{problem.byte:02x}"),
                    "encoding",
                    problem.line,
                    problem.column,
                )
            ],
            st,
        )
    return text, [], st


# the ledger lock ----------------------------------------------------------------------------------
@contextlib.contextmanager
def ledger_lock(root: Path) -> Iterator[None]:
    """Hold the ledger's exclusive lock (``<root>/.fzlog-cache/lock``) while the block runs;
    another holder makes this wait. ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows; the
    lock goes with the process, so a killed holder never leaves the ledger locked. Refuses a
    cache folder that is a symbolic link (the lock file would be made outside the ledger)."""
    folder = Path(root) / LOCK_DIR
    try:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise FzlogError(t("io.lock_failed", path=folder, reason=t("cache.not_a_folder")))
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | _O_BINARY | _O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise FzlogError(t("io.lock_failed", path=folder / LOCK_NAME, reason=os_reason(exc))) from None
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows (os.name "nt"; mypy knows this test)
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after ten seconds: keep waiting
                    continue
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
