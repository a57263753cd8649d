"""Render resources/icons/coverage-planner.svg to the PNG (Linux menus, window icon) and
the ICO (Windows executable and installer). Run after changing the SVG:

    uv run python scripts/make_icon.py
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PyQt6.QtCore import Qt  # noqa: E402
from PyQt6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PyQt6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "coverage-planner.svg")).render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication([])
    png = ICONS / "coverage-planner.png"
    render(256).save(str(png))
    Image.open(png).save(
        ICONS / "coverage-planner.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    )
    print(png, ICONS / "coverage-planner.ico")


if __name__ == "__main__":
    main()
