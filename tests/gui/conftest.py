"""GUI fixtures: isolated QSettings, the main window on the demo province."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("language", "en")
    # Autosaves and error reports go to the test's folder, never the user's.
    s.setValue("autosave_folder", str(tmp_path / "autosave"))
    s.setValue("log_folder", str(tmp_path / "logs"))
    # The demo opens on the disk model in the window tests (the terrain model, the app's
    # default where a DEM is loaded, is tested on a small study in test_terrain_app).
    s.setValue("terrain_by_default", False)
    return s


def wait_idle(qtbot, window, timeout=60_000):
    # (``settling``: a new study's hillshade, tables and search follow its first map)
    qtbot.waitUntil(
        lambda: (
            not window.study.worker.busy and window.study.result is not None and not window.settling
        ),
        timeout=timeout,
    )


@pytest.fixture
def window(qtbot, settings):
    from coverage_planner.gui.app import create_window

    w = create_window(settings=settings)
    w.show()
    wait_idle(qtbot, w)
    yield w
    # Closed here, not by qtbot (whose teardown runs first): no unsaved-changes
    # question after a test that changed the study.
    w.study.worker.cancel()
    w.study.worker.wait(10_000)
    w.study.mark_saved()
    w.close()
    w.languages.set("en")  # its translator leaves the application with it
    w.deleteLater()
