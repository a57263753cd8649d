"""File dialogs that start in the folder the planner last used for that kind of file.

Each kind ("project", "data", "export") remembers its own folder in QSettings; the
first time, dialogs start in the user's Documents folder, not the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PyQt6.QtCore import QSettings, QStandardPaths
from PyQt6.QtWidgets import QFileDialog, QWidget


def last_folder(settings: QSettings, kind: str) -> str:
    folder = settings.value(f"folders/{kind}", "")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def remember_folder(settings: QSettings, kind: str, path: str | Path) -> None:
    path = Path(path)
    settings.setValue(f"folders/{kind}", str(path if path.is_dir() else path.parent))


def start_path(settings: QSettings, kind: str, name: str = "") -> str:
    """The remembered folder, joined with a suggested file name."""
    folder = last_folder(settings, kind)
    return str(Path(folder) / name) if name else folder


def open_file(parent: QWidget, settings: QSettings, kind: str, *, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_path(settings, kind), filters)
    if path:
        remember_folder(settings, kind, path)
    return path


def save_file(
    parent: QWidget, settings: QSettings, kind: str, *, title: str, name: str, filters: str
) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, title, start_path(settings, kind, Path(name).name), filters
    )
    if path:
        remember_folder(settings, kind, path)
    return path
