"""Start the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from PyQt6.QtCore import QSettings
from PyQt6.QtWidgets import QApplication

from coverage_planner import __version__
from coverage_planner.gui.fonts import register_qt_fonts
from coverage_planner.gui.i18n import Languages
from coverage_planner.gui.icon import app_icon


def create_window(
    *,
    project: Path | None = None,
    demo: bool = True,
    settings: QSettings | None = None,
    recover: bool = False,
):
    """The main window on a project, the demo or nothing; ``recover``: first offer the
    study autosaved by a session that did not end cleanly."""
    from coverage_planner.demo import demo_files
    from coverage_planner.gui.main_window import MainWindow

    settings = settings or QSettings()
    languages = Languages()
    languages.set(str(settings.value("language", Languages.system_default())))
    window = MainWindow(languages, settings)
    if recover and window.offer_recovery():
        return window
    if project is not None:
        window.open_project(project)
    elif demo:
        window.open_files(demo_files())
    return window


def main(*, project: Path | None = None, demo: bool = True) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_qt_fonts()
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("coverage-planner")  # the menu entry's name, for task bars
    app.setOrganizationName("CoveragePlanner")
    app.setApplicationName("Coverage Planner")
    app.setApplicationVersion(__version__)
    window = create_window(project=project, demo=demo, recover=True)
    window.crash_guard.install()
    window.show()
    return app.exec()
