"""The fonts shipped with the program (resources/fonts: DejaVu Sans, Vietnamese glyphs).

Registered with matplotlib here and with Qt in ``gui/app.py``, so screens and exported
maps draw and embed the same font on every machine, including a Windows desktop
whose own fonts matplotlib would not look for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


def fonts_dir() -> Path | None:
    """``resources/fonts`` beside the package (checkout and bundle alike)."""
    here = Path(__file__).resolve().parent
    for path in (here.parent / "resources" / "fonts", here / "resources" / "fonts"):
        if path.is_dir():
            return path
    return None


def bundled_fonts() -> list[Path]:
    folder = fonts_dir()
    return sorted(folder.glob("*.ttf")) if folder else []


@cache
def register_matplotlib_fonts() -> list[Path]:
    """Add the shipped fonts to matplotlib's font list (once per process)."""
    from matplotlib import font_manager

    fonts = bundled_fonts()
    for path in fonts:
        font_manager.fontManager.addfont(str(path))
    return fonts
