"""git for the ledger: commit a record file right after it was added, edited or removed.

Uses the ``git`` command (the one the clerk already has); no library needed for add + commit.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from fzlog.errors import FzlogError
from fzlog.messages import t


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("git")
    if exe is None:
        raise FzlogError(t("git.missing"))
    return subprocess.run([exe, "-C", str(root), *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace")


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Stage ``paths`` (added, changed or deleted) and commit only them. Returns the short hash."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise FzlogError(t("git.not_repo", path=root))
    rel = [str(p.resolve().relative_to(root.resolve())) if p.is_absolute() else str(p) for p in paths]
    staged = _git(root, "add", "-A", "--", *rel)
    if staged.returncode != 0:
        raise FzlogError(t("git.failed", reason=staged.stderr.strip()))
    done = _git(root, "commit", "-q", "-m", message, "--", *rel)
    if done.returncode != 0:
        raise FzlogError(t("git.failed", reason=(done.stderr or done.stdout).strip()))
    return _git(root, "rev-parse", "--short", "HEAD").stdout.strip()
