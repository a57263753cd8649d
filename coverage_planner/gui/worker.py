"""Long work off the GUI thread: a plain function, a reporter adapted to Qt signals.

Starting a new job cancels the one running; a cancelled or superseded job's result
is dropped, so the previous results stay on screen.

Jobs run in Python threads, not QThreads: pyproj 3.7 crashes when used from a
thread Python did not create (pyproj4/pyproj#1509). Signals emitted there reach the
GUI thread through queued connections, so workers never touch widgets.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from PyQt6.QtCore import QObject, pyqtSignal

from coverage_planner.errors import Cancelled, UserError


class _Signals(QObject):
    progress = pyqtSignal(int, int, int)  # job, done, total
    status = pyqtSignal(int, str)
    finished = pyqtSignal(int, object)
    failed = pyqtSignal(int, str, bool)  # job, message, is_user_error
    cancelled = pyqtSignal(int)


class QtReporter:
    """The reporter protocol for a worker thread: emits signals, reads a cancel flag."""

    def __init__(self, job: int, signals: _Signals, flag: threading.Event) -> None:
        self._job, self._signals, self._flag = job, signals, flag

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(self._job, done, total)

    def status(self, text: str) -> None:
        self._signals.status.emit(self._job, text)

    def cancelled(self) -> bool:
        return self._flag.is_set()


def user_message(exc: UserError, language: str) -> str:
    """A user error's message in the interface language (English where it has no other)."""
    from coverage_planner.gui.app_wording import for_the_app

    text = getattr(exc, "text", None)
    return for_the_app(text(language) if callable(text) else str(exc), language)


class _Job:
    def __init__(
        self,
        job: int,
        fn: Callable[..., Any],
        signals: _Signals,
        flag: threading.Event,
        language: str = "en",
    ) -> None:
        self.job, self.fn, self.signals, self.flag = job, fn, signals, flag
        self.language = language

    def run(self) -> None:
        reporter = QtReporter(self.job, self.signals, self.flag)
        try:
            result = self.fn(reporter)
        except Cancelled:
            self.signals.cancelled.emit(self.job)
        except UserError as exc:
            self.signals.failed.emit(self.job, user_message(exc, self.language), True)
        except Exception:  # an internal error: shown with its details, never a crash
            self.signals.failed.emit(self.job, traceback.format_exc(), False)
        else:
            if self.flag.is_set():
                self.signals.cancelled.emit(self.job)
            else:
                self.signals.finished.emit(self.job, result)


class Worker(QObject):
    """Runs one job at a time per worker; ``start`` cancels the previous job."""

    progress = pyqtSignal(int, int)
    status = pyqtSignal(str)
    finished = pyqtSignal(object)
    failed = pyqtSignal(str, bool)
    cancelled = pyqtSignal()
    busy_changed = pyqtSignal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coverage-worker")
        self._futures: list = []
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.status.connect(self._on_status)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._job = 0
        self._flag: threading.Event | None = None
        self.language = "en"  # of user errors' messages; the main window keeps it current

    @property
    def busy(self) -> bool:
        return self._flag is not None

    def start(self, fn: Callable[[QtReporter], Any]) -> int:
        """Run ``fn(reporter)`` in a worker thread; the previous job is cancelled.

        A superseded job is stopped quietly: ``cancelled`` is for the user's Cancel,
        after which the shown results are the previous ones.
        """
        if self._flag is not None:
            self._flag.set()
        self._job += 1
        self._flag = threading.Event()
        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(
            self._pool.submit(_Job(self._job, fn, self._signals, self._flag, self.language).run)
        )
        self.busy_changed.emit(True)
        return self._job

    def cancel(self) -> None:
        if self._flag is not None:
            self._flag.set()
            self._flag = None
            self.busy_changed.emit(False)
            self.cancelled.emit()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for running jobs (``msecs`` < 0: as long as it takes); True when none is left."""
        _, pending = wait(self._futures, timeout=None if msecs < 0 else msecs / 1000)
        return not pending

    def _current(self, job: int) -> bool:
        return job == self._job and self._flag is not None

    def _on_progress(self, job: int, done: int, total: int) -> None:
        if self._current(job):
            self.progress.emit(done, total)

    def _on_status(self, job: int, text: str) -> None:
        if self._current(job):
            self.status.emit(text)

    def _on_finished(self, job: int, result: object) -> None:
        if self._current(job):
            self._flag = None
            self.busy_changed.emit(False)
            self.finished.emit(result)

    def _on_failed(self, job: int, message: str, user: bool) -> None:
        if self._current(job):
            self._flag = None
            self.busy_changed.emit(False)
            self.failed.emit(message, user)

    def _on_cancelled(self, job: int) -> None:
        pass  # the cancel was announced when it was asked for
