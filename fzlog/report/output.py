"""Writing a rendered report to a file: atomically, and never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

from fzlog.errors import FzlogError, UsageError
from fzlog.ledger import save_file
from fzlog.messages import t


def save(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path``. A reader sees the old file or the whole new one, never half;
    an existing file is kept unless ``force``."""
    try:
        save_file(path, data, force=force)
    except FileExistsError:
        raise UsageError(t("report.exists", path=path)) from None
    except OSError as exc:
        raise FzlogError(t("report.write_failed", path=path, reason=exc.strerror or exc)) from None
