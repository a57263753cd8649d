"""The small reporter protocol that long work reports to.

The GUI adapts it to Qt signals, the CLI to a terminal progress bar, tests pass a fake.
"""

from __future__ import annotations

from typing import Protocol

from coverage_planner.errors import Cancelled


class Reporter(Protocol):
    def progress(self, done: int, total: int) -> None: ...

    def status(self, text: str) -> None: ...

    def cancelled(self) -> bool: ...


class NullReporter:
    """A reporter that ignores everything and never cancels."""

    def progress(self, done: int, total: int) -> None:
        pass

    def status(self, text: str) -> None:
        pass

    def cancelled(self) -> bool:
        return False


def checkpoint(reporter: Reporter, done: int, total: int, text: str | None = None) -> None:
    """Report a step and stop with :class:`Cancelled` if the user asked to."""
    if reporter.cancelled():
        raise Cancelled()
    if text is not None:
        reporter.status(text)
    reporter.progress(done, total)
