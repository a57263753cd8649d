"""The shipped fonts (DejaVu Sans) registered with Qt: Vietnamese text on any desktop."""

from __future__ import annotations

from PyQt6.QtGui import QFontDatabase

from coverage_planner.fonts import bundled_fonts


def register_qt_fonts() -> list[str]:
    """Add resources/fonts to the application's fonts; returns the families added."""
    families: list[str] = []
    for path in bundled_fonts():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families
