"""The program's icon (resources/icons) for the window, the task bar and the dock."""

from __future__ import annotations

from pathlib import Path

from PyQt6.QtGui import QIcon


def icon_path() -> Path | None:
    here = Path(__file__).resolve().parent
    for folder in (here.parent.parent / "resources" / "icons", here.parent / "resources" / "icons"):
        if (folder / "coverage-planner.png").exists():
            return folder / "coverage-planner.png"
    return None


def app_icon() -> QIcon:
    path = icon_path()
    return QIcon(str(path)) if path else QIcon()
