"""The one progress bar: for a long load (the first read of a big ledger, before its cache exists)
and for a long import, drawn on stderr, and only at a terminal (scripts and pipes see nothing)."""

from __future__ import annotations

import sys

from fzlog.messages import t


class ProgressBar:
    """A ``progress(done, total)`` callback for :attr:`fzlog.store.ledger.Ledger.progress` (units of
    work: files or day directories, so the bar shows a percentage). The core calls it only for a
    load that has already taken a second; rich is imported only then."""

    def __init__(self, label: str = "") -> None:
        self.label = label
        self._bar = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total or not sys.stderr.isatty():
                return
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

            from fzlog.cli.render import console

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                                 TimeRemainingColumn(), console=console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label or t("perf.reading"), total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self._bar.stop()
            self._bar = None

    def close(self) -> None:
        """Take the bar away, finished or not (an import stopped by an error)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
