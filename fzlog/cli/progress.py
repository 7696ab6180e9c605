"""The one progress bar: for a long load (the first read of a big ledger, before its cache exists)
and for a long import, drawn on stderr, and only at a terminal (scripts and pipes see nothing)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from fzlog.messages import t

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """A ``progress(done, total)`` callback for :attr:`fzlog.store.ledger.Ledger.progress` (units of
    work: files or day directories, so the bar shows a percentage). The core calls it only for a
    load that has already taken a second; rich is imported only then."""

    def __init__(self, label: str = "") -> None:
        self.label = label
        self._bar: Progress | None = None
        self._task: TaskID  # the bar's one task, added with the bar

    def __call__(self, done: int, total: int) -> None:
        bar = self._bar
        if bar is None:
            if done >= total or not sys.stderr.isatty():
                return
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

            from fzlog.cli.render import console

            bar = self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=console(stderr=True),
                transient=True,
            )
            bar.start()
            self._task = bar.add_task(self.label or t("perf.reading"), total=total)
        bar.update(self._task, completed=done)
        if done >= total:
            bar.stop()
            self._bar = None

    def close(self) -> None:
        """Take the bar away, finished or not (an import stopped by an error)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
