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
from pathlib import Path

from fzlog.errors import UsageError
from fzlog.messages import t

_DRIVE = re.compile(r"^[A-Za-z]:")
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
    ref = ref.strip()
    if not ref or "\x00" in ref:
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_empty")))
    if ref.lower().startswith("file:"):
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
    parts = re.split(r"[\\/]", ref)
    if ref[0] in "/\\" or _DRIVE.match(ref) or ref.startswith("~"):
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_absolute")))
    if ".." in parts:
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_parent")))
    clean = [p for p in parts if p not in ("", ".")]
    base = _real(str(root))
    target = Path(os.path.realpath(base.joinpath(*clean)))
    if target != base and base not in target.parents:
        raise OutsideLedger(t("paths.bad_ref", ref=ref, reason=t("paths.reason_symlink", target=target)))
    return target


def check_evidence(root: Path, refs) -> None:
    """Refuse evidence references that reach outside the ledger (links are allowed)."""
    for ref in refs:
        if not is_link(ref):
            confine(root, ref)
