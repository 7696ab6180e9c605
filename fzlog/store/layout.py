"""Path confinement: a reference written into a record (an ``evidence`` path) or built from user
input (a record id) must name something inside the ledger, never outside it.

One rule, used by ``fzlog add`` (refuses the reference), ``Ledger.get`` and ``fzlog validate``
(reports it): a reference is a relative path, ``/`` or ``\\`` separated, without ``..`` parts,
drive letters or UNC prefixes, that does not leave the ledger through a symbolic link. A plain
description ("签到表存档于办公室") is a harmless relative path and passes; ``http(s)://`` links
are not paths and pass as they are.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Callable

from fzlog.errors import UsageError
from fzlog.messages import t

_DRIVE = re.compile(r"^[A-Za-z]:")
_SEPARATORS = re.compile(r"[\\/]")
_URL = re.compile(r"^https?://", re.IGNORECASE)


class OutsideLedger(UsageError):
    """A reference that would reach outside the ledger (exit code 2 when it comes from the user)."""


def is_link(ref: str) -> bool:
    return bool(_URL.match(ref.strip()))


@functools.lru_cache(maxsize=8)
def _real(root: str) -> Path:
    return Path(os.path.realpath(root))


def confine(root: Path, ref: str) -> Path:
    """The path ``ref`` names inside the ledger ``root``; raises :class:`OutsideLedger` saying
    why if it would name something outside (even through a symlink), or is not a usable path."""
    return Path(confiner(root)(ref))


def confiner(root: Path, listing: Listing | None = None) -> Callable[[str], str]:
    """:func:`confine` for many references under ``root`` (``fzlog validate`` checks every
    record's), giving the path as a string: the real path of each folder they name is worked out
    once (and whether a file is a symlink looked up in ``listing``, when given), so the file
    system is taken to stay as it is while the returned function is in use."""
    base = _real(str(root))
    base_s = str(base)
    folded = os.path.normcase(base_s)
    below = folded if folded.endswith(os.sep) else folded + os.sep
    folders: dict[tuple[str, ...], tuple[str, bool]] = {}  # parts -> (real path, is a directory)
    kind = listing.kind if listing is not None else kind_of

    def real(clean: list[str]) -> str:
        """``os.path.realpath(base.joinpath(*clean))``. Where the last part is no symlink, that is
        the real path of its folder and its name — and it cannot be one in a folder that is not
        there; POSIX only (Windows also resolves junctions)."""
        if not clean or os.sep != "/":
            return os.path.realpath(base.joinpath(*clean))
        key = tuple(clean[:-1])
        known = folders.get(key)
        if known is None:
            folder = os.path.realpath(os.path.join(base_s, *key)) if key else base_s
            known = folders[key] = (folder, os.path.isdir(folder))
        folder, is_dir = known
        path = folder + "/" + clean[-1] if folder != "/" else "/" + clean[-1]
        if is_dir and kind(path) == "link":
            return os.path.realpath(base.joinpath(*clean))
        return path

    known: dict[str, tuple[str, bool]] = {}  # a reference: (its path, or why it was refused; refused)

    def confine_known(ref: str) -> str:
        found = known.get(ref)
        if found is None:
            try:
                found = known[ref] = (confine_one(ref), False)
            except OutsideLedger as exc:
                found = known[ref] = (exc.message, True)
        if found[1]:
            raise OutsideLedger(found[0])
        return found[0]

    def confine_one(ref: str) -> str:
        ref = ref.strip()
        if not ref or "\x00" in ref:
            raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_empty")))
        if ref[:5].lower() == "file:":
            raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
        parts = _SEPARATORS.split(ref) if "\\" in ref else ref.split("/")
        if ref[0] in "/\\" or (ref[1:2] == ":" and _DRIVE.match(ref)) or ref[0] == "~":
            raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
        if ".." in parts:
            raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_parent")))
        if "" in parts or "." in parts:
            parts = [p for p in parts if p not in ("", ".")]
        target = real(parts)
        folded_target = os.path.normcase(target)
        if folded_target != folded and not folded_target.startswith(below):
            raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_symlink", target=Path(target))))
        return target

    return confine_known


def check_evidence(root: Path, refs) -> None:
    """Refuse evidence references that reach outside the ledger (links are allowed)."""
    for ref in refs:
        if not is_link(ref):
            confine(root, ref)


class Listing:
    """What folders hold, each listed once, for a run over thousands of paths (``fzlog validate``
    checks every record's evidence): whether a name is there, and whether it is a symlink, a
    folder or a file, without a system call per name. A walk may hand in what it listed
    (:meth:`add`); other folders are listed when first asked about. The file system is taken to
    stay as it is while a Listing is in use."""

    def __init__(self) -> None:
        self._folders: dict[str, dict[str, os.DirEntry] | None] = {}
        self._loose: dict[str, set[str]] = {}  # a folder's names as a system might compare them

    def _loose_names(self, folder: str, entries: dict) -> set[str]:
        names = self._loose.get(folder)
        if names is None:
            names = self._loose[folder] = {_loose(n) for n in entries}
        return names

    def add(self, folder: str, entries) -> None:
        """What a walk found in ``folder`` (its ``os.scandir`` entries)."""
        self._folders[folder] = {e.name: e for e in entries}

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
            return ("dir" if entry.is_dir(follow_symlinks=False)
                    else "file" if entry.is_file(follow_symlinks=False) else "other")
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
