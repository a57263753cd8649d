"""The shipped font draws every Vietnamese letter and is what maps and Qt use."""

from __future__ import annotations

import unicodedata

from matplotlib.ft2font import FT2Font

from coverage_planner.fonts import bundled_fonts

# Every letter of the Vietnamese alphabet with each of the five tone marks, built from
# base letters and combining marks (not copied from a font), upper and lower case.
BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # grave acute hook tilde dot


def vietnamese_letters() -> set[str]:
    letters = {unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES} | {"đ"}
    return letters | {c.upper() for c in letters}


def test_shipped_fonts_have_every_vietnamese_letter():
    fonts = bundled_fonts()
    assert {p.name for p in fonts} >= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}
    letters = vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 1)
    for path in fonts:
        charmap = FT2Font(str(path)).get_charmap()
        missing = sorted(c for c in letters if ord(c) not in charmap)
        assert not missing, f"{path.name} lacks {missing}"
    assert (fonts[0].parent / "LICENSE-DejaVu.txt").exists()


def test_maps_register_the_shipped_font_with_matplotlib():
    from matplotlib import font_manager

    import coverage_planner.maps  # noqa: F401 - registers on import

    registered = {f.fname for f in font_manager.fontManager.ttflist}
    assert {str(p) for p in bundled_fonts()} <= registered


def test_qt_gets_the_shipped_font(qtbot):
    from PyQt6.QtGui import QFontDatabase

    from coverage_planner.gui.fonts import register_qt_fonts

    assert "DejaVu Sans" in register_qt_fonts()
    assert "DejaVu Sans" in QFontDatabase.families()


def test_the_window_icon_is_found(qtbot):
    from coverage_planner.gui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull() and icon.pixmap(64, 64).width() == 64
