"""Writing an output file the user asked for (a report, an export): atomically, and never over an
existing file unless ``--force``. One place, so every command that writes a file behaves alike."""

from __future__ import annotations

from pathlib import Path

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t
from fzlog.store.fsio import Data, os_reason, save_file


def save(path: Path, data: Data, *, force: bool = False) -> None:
    """Write ``data`` (bytes, or pieces of them as they are made) to ``path``: a reader sees the old
    file or the whole new one, never half."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(t("output.is_dir", path=path))
    try:
        save_file(path, data, force=force)
    except FileExistsError:
        raise UsageError(t("output.exists", path=path)) from None
    except OSError as exc:
        raise FzlogError(t("output.write_failed", path=path, reason=os_reason(exc))) from None
