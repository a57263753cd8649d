"""The map's own navigation toolbar: full extent, back, forward, pan, zoom.

matplotlib's toolbar also offers its developer dialogs (the axis, curve and image
editor, the subplot configuration) and its own figure save; a planner setting the axis
to a log scale there crashed the app (issue 11, defect 1). This toolbar keeps only the
navigation, with translated texts, and "home" goes to the province's extent.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import NavigationToolbar2QT
from PyQt6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("MapToolbar", text)


class MapToolbar(NavigationToolbar2QT):
    """Navigation only; ``home`` calls ``full_extent`` (the province, not the first view)."""

    toolitems = [
        item
        for item in NavigationToolbar2QT.toolitems
        if item[3] in (None, "home", "back", "forward", "pan", "zoom")
    ]
    # matplotlib's items end with a separator before the (removed) save button.
    while toolitems and toolitems[-1][0] is None:
        toolitems.pop()

    def __init__(self, canvas, parent=None, *, full_extent: Callable[[], None] | None = None):
        super().__init__(canvas, parent, coordinates=False)
        self.setObjectName("map_toolbar")
        self._full_extent = full_extent
        self.retranslate()

    def home(self, *args) -> None:
        if self._full_extent is not None:
            self._full_extent()
            self.push_current()
        else:
            super().home(*args)

    def retranslate(self) -> None:
        texts = {
            "home": (tr("Full extent"), tr("Show the whole province")),
            "back": (tr("Back"), tr("Back to the previous view")),
            "forward": (tr("Forward"), tr("Forward to the next view")),
            "pan": (tr("Pan"), tr("Drag the map with the left button")),
            "zoom": (tr("Zoom"), tr("Draw a rectangle to zoom in")),
        }
        for key, (text, tip) in texts.items():
            action = self._actions.get(key)
            if action is not None:
                action.setText(text)
                action.setToolTip(tip)

    def set_message(self, s: str) -> None:
        # matplotlib's hints ("pan/zoom", "x=… y=…") are English and in data units;
        # the status bar shows the cursor's coordinates instead.
        pass
