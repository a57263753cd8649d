"""The cursor's coordinates and a measure tool (distance along a line, area inside it).

Coordinates are shown in longitude/latitude and VN-2000 / UTM 48N while the mouse
moves over the map. With **Measure** on, each click adds a point: the status shows
the length of the line so far and, from three points, the area of the polygon they
close, measured in the study's metric CRS; a right click or Escape starts again.
"""

from __future__ import annotations

import numpy as np
import shapely
from PyQt6.QtCore import QCoreApplication, QObject, pyqtSignal
from PyQt6.QtWidgets import QLabel

from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.coordinates import CoordinateReadout


def tr(text: str) -> str:
    return QCoreApplication.translate("Measure", text)


def line_length_m(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    xy = np.asarray(points, dtype=float)
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


def polygon_area_m2(points: list[tuple[float, float]]) -> float:
    if len(points) < 3:
        return 0.0
    return float(shapely.Polygon(points).area)


class CursorReadout(QLabel):
    """A status-bar label with the cursor's position in both coordinate systems."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("cursor_position")
        self._readout: CoordinateReadout | None = None

    def set_crs(self, crs) -> None:
        self._readout = CoordinateReadout(crs) if crs is not None else None

    def show_position(self, x: float | None, y: float | None) -> None:
        if self._readout is None or x is None or y is None:
            self.clear()
            return
        lon, lat = self._readout.lonlat(x, y)
        vx, vy = self._readout.vn2000(x, y)
        self.setText(
            f"{fmt.number(lon, 5)}; {fmt.number(lat, 5)}   VN-2000 "
            f"{fmt.number(vx, 0)}; {fmt.number(vy, 0)}"
        )


class MeasureTool(QObject):
    """Collects clicked points on the map and says their length and area."""

    measured = pyqtSignal(str)

    def __init__(self, canvas, parent=None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.active = False
        self.points: list[tuple[float, float]] = []
        self._artist = None

    def set_active(self, on: bool) -> None:
        self.active = on
        self.reset()
        if on:
            self.measured.emit(tr("Measure: click points on the map; right-click starts again."))

    def reset(self) -> None:
        self.points = []
        self._draw()

    def add_point(self, x: float, y: float) -> None:
        self.points.append((x, y))
        self._draw()
        self.measured.emit(self.text())

    def text(self) -> str:
        length = line_length_m(self.points)
        out = tr("Distance: {0}").format(fmt.km(length / 1000, 2))
        if len(self.points) >= 3:
            out += "   " + tr("Area: {0} km²").format(
                fmt.number(polygon_area_m2(self.points) / 1e6, 2)
            )
        return out

    def _draw(self) -> None:
        if self._artist is not None:
            if self._artist.axes is not None:  # not already cleared with a new study
                self._artist.remove()
            self._artist = None
        if self.points:
            xy = np.asarray(self.points)
            (self._artist,) = self.canvas.ax.plot(
                xy[:, 0], xy[:, 1], "-o", color="#D55E00", lw=1.5, ms=3, zorder=20
            )
        self.canvas.canvas.draw_idle()
