"""The core's progress texts in the interface language.

The core (headless, also used by the batch audit) reports its steps in English; the
status bar shows them translated. A text the table does not know is shown as it
came; "Done" is not shown at all, because the window says itself when the figures
on screen are up to date (a "Done" could be read as being about stale figures).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PyQt6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Status", text)


_PATTERNS: list[tuple[re.Pattern[str], Callable[[], str]]] = [
    (re.compile(r"Reading communes: (.+)"), lambda: tr("Reading communes: {0}")),
    (re.compile(r"Reading villages: (.+)"), lambda: tr("Reading villages: {0}")),
    (re.compile(r"Reading sites: (.+)"), lambda: tr("Reading sites: {0}")),
    (re.compile(r"Reading fibre backbone: (.+)"), lambda: tr("Reading fibre backbone: {0}")),
    (re.compile(r"Checking layers against each other"), lambda: tr("Checking the layers")),
    (re.compile(r"Layers loaded"), lambda: tr("Layers loaded")),
    (
        re.compile(r"Summing population from the raster"),
        lambda: tr("Summing population from the raster"),
    ),
    (re.compile(r"(\w+) coverage"), lambda: tr("{0} coverage")),
    (re.compile(r"(\w+) villages"), lambda: tr("{0}: village status")),
    (re.compile(r"Commune figures"), lambda: tr("Commune figures")),
    (
        re.compile(r"Province figures and uncovered villages"),
        lambda: tr("Province figures and uncovered villages"),
    ),
    (
        re.compile(r"Terrain: reading the DEM on a (\S+) m grid \((\d+) × (\d+)\)"),
        lambda: tr("Terrain: reading the DEM on a {0} m grid ({1} × {2})"),
    ),
    (
        re.compile(r"Terrain: line of sight and path loss of every site"),
        lambda: tr("Terrain: line of sight and path loss of every site"),
    ),
    (re.compile(r"Terrain: village status"), lambda: tr("Terrain: village status")),
    (re.compile(r"Writing (.+)"), lambda: tr("Writing {0}")),
]


def translate_status(text: str) -> str | None:
    """``text`` in the interface language; None for texts the window does not show."""
    if text.strip() == "Done":
        return None
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text.strip())
        if match:
            return template().format(*match.groups())
    return text
