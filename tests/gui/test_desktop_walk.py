"""Defects found walking the app under Xvfb (openbox, 1366 × 768) in both languages."""

from __future__ import annotations

import pytest
from PyQt6.QtWidgets import QStyle

from coverage_planner.gui.app import create_window


@pytest.fixture
def empty_window(qtbot, settings):
    """A window per language without a study: the layouts, not the figures."""
    made = []

    def make(language: str):
        settings.setValue("language", language)
        w = create_window(settings=settings, demo=False)
        made.append(w)
        w.resize(1366, 728)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make
    for w in made:
        w.languages.set("en")  # its translator off the application, for the next tests
        w.close()
        w.deleteLater()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_site_panel_fits_the_right_column(qtbot, empty_window, language):
    """The Edit site panel needed 409 px in Vietnamese (351 in English) in a 359-px
    column: it scrolled sideways and cut its boxes ("technology defaul…")."""
    w = empty_window(language)
    w.docks["site"].raise_()
    qtbot.wait(50)
    bar = w.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    assert w.site_editor.minimumSizeHint().width() + bar <= w.docks["site"].width()
    assert w.docks["site"].widget().horizontalScrollBar().maximum() == 0
    editor = w.site_editor
    for box in (editor.lon, editor.lat, editor.height, editor.power, editor.tilt):
        assert box.width() >= box.minimumSizeHint().width(), box.specialValueText()
