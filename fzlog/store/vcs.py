"""git for the ledger: commit a record file right after it was added, edited or removed.

Uses the ``git`` command (the one the clerk already has); no library needed for add + commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fzlog.errors import FzlogError
from fzlog.messages import t


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("git")
    if exe is None:
        raise FzlogError(t("git.missing"))
    return subprocess.run(
        [exe, "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", errors="replace"
    )


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Stage ``paths`` (added, changed or deleted) and commit only them. Returns the short hash."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise FzlogError(t("git.not_repo", path=root))
    rel = list(dict.fromkeys(_relative(root, p) for p in paths))
    # a path that is gone and was never committed (evidence a move removed before any commit)
    # is no change to git; naming it would fail the commit
    tracked = set(_git(root, "ls-files", "-z", "--", *rel).stdout.split("\0")) if rel else set()
    rel = [r for r in rel if os.path.lexists(root / r) or Path(r).as_posix() in tracked]
    staged = _git(root, "add", "-A", "--", *rel)
    if staged.returncode != 0:
        raise FzlogError(t("git.failed", reason=staged.stderr.strip()))
    done = _git(root, "commit", "-q", "--only", "-m", message, "--", *rel)
    if done.returncode != 0:
        raise FzlogError(t("git.failed", reason=(done.stderr or done.stdout).strip()))
    return _git(root, "rev-parse", "--short", "HEAD").stdout.strip()


def _relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` (its folder resolved, not the file: it may be gone)."""
    if not path.is_absolute():
        return str(path)
    return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
