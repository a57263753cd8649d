"""The crash guard: an unexpected exception anywhere in the app shows a dialog, never
closes the window.

``sys.excepthook`` (exceptions in slots and event handlers) and ``threading.excepthook``
(exceptions in threads that are not the worker's jobs) both end here. The report (what
happened, the program's and libraries' versions, the traceback) is written to a log
file in the user's folder and shown in a dialog the planner can copy from, in the
interface language; the study stays open. The same dialog shows a job's internal error.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import threading
import traceback
from pathlib import Path

from PyQt6.QtCore import QCoreApplication, QObject, QUrl, pyqtSignal
from PyQt6.QtGui import QDesktopServices, QGuiApplication
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coverage_planner import __version__
from coverage_planner.errors import UserError

LOG_NAME = "coverage_planner.log"


def tr(text: str) -> str:
    return QCoreApplication.translate("ErrorReport", text)


def default_log_dir() -> Path:
    """The user's log folder for Coverage Planner (``platformdirs``' choice per system)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("CoveragePlanner", appauthor=False))


def report_text(details: str) -> str:
    """A report a developer can act on: when, which versions, and the traceback."""
    from PyQt6.QtCore import PYQT_VERSION_STR, QT_VERSION_STR

    versions = [f"Coverage Planner {__version__}", f"Python {platform.python_version()}"]
    versions.append(f"Qt {QT_VERSION_STR}, PyQt {PYQT_VERSION_STR}")
    for name in ("numpy", "pandas", "shapely", "geopandas", "pyproj", "matplotlib"):
        module = sys.modules.get(name)
        if module is not None:
            versions.append(f"{name} {getattr(module, '__version__', '?')}")
    return (
        f"Time: {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"System: {platform.platform()}\n"
        f"Versions: {', '.join(versions)}\n\n{details.rstrip()}\n"
    )


def write_log(report: str, log_dir: Path) -> Path | None:
    """Append ``report`` to the log file; None when the folder cannot be written."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_NAME
        with path.open("a", encoding="utf-8") as f:
            f.write("=" * 72 + "\n" + report + "\n")
        return path
    except OSError:
        return None


class ErrorReportDialog(QDialog):
    """What went wrong, in the interface language, with the report to copy or send."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("error_report")
        self.setWindowTitle(tr("Coverage Planner: internal error"))
        layout = QVBoxLayout(self)
        self.message = QLabel(
            tr(
                "Something went wrong inside Coverage Planner. Your data was not changed "
                "and the study stays open; you can go on working and save your project.\n"
                "Please send the report below to whoever supports the program."
            ),
            self,
        )
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(self.where.textInteractionFlags().TextSelectableByMouse)
        if log_path is not None:
            self.where.setText(tr("The report was also written to {0}").format(log_path))
        layout.addWidget(self.where)
        self.details = QPlainTextEdit(report, self)
        self.details.setReadOnly(True)
        self.details.setMinimumSize(520, 180)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.copy = QPushButton(tr("Copy report"), self)
        self.copy.clicked.connect(self.copy_report)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder = QPushButton(tr("Open log folder"), self)
        self.open_folder.setEnabled(log_path is not None)
        if log_path is not None:
            self.open_folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))
            )
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.report = report

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


class CrashGuard(QObject):
    """Installs the exception hooks and shows each unexpected exception in a dialog."""

    _from_thread = pyqtSignal(str)
    reported = pyqtSignal(object)  # the ErrorReportDialog shown

    def __init__(self, parent: QWidget, *, log_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.log_dir = log_dir or default_log_dir()
        self.dialog: ErrorReportDialog | None = None
        self._previous: tuple | None = None
        # A thread's exception is shown by the GUI thread (queued connection).
        self._from_thread.connect(self.show_report)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(self, exc_type, exc, tb) -> None:
        """``sys.excepthook``: show the exception (a user error as its message)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            error = getattr(self.window, "show_user_error", None)
            if error is not None:
                error(exc)
                return
        self.show_report("".join(traceback.format_exception(exc_type, exc, tb)))

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        details = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        name = args.thread.name if args.thread is not None else "?"
        self._from_thread.emit(f"Thread {name}:\n{details}")

    def show_report(self, details: str) -> ErrorReportDialog:
        report = report_text(details)
        sys.stderr.write(report)
        path = write_log(report, self.log_dir)
        # One dialog at a time: a burst of the same error does not stack windows.
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.details.appendPlainText("\n" + report)
            self.dialog.report += "\n" + report
            return self.dialog
        self.dialog = ErrorReportDialog(report, path, self.window)
        self.dialog.open()
        self.reported.emit(self.dialog)
        return self.dialog
