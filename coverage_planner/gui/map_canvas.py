"""The map: a matplotlib canvas that redraws from results (it never computes them)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import QVBoxLayout, QWidget

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui.coverage_image import CoverageImage
from coverage_planner.gui.map_extras import MapExtras
from coverage_planner.gui.measure import MeasureTool
from coverage_planner.gui.navigation import MapToolbar
from coverage_planner.gui.study import Selection
from coverage_planner.maps import draw


# With square metres kept by moving the view ("datalim"), matplotlib says it moved a
# view the user set; that is the intent here, not a problem to report on the console.
class _NoFixedLimitNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "to fulfill fixed data aspect" not in record.getMessage()


logging.getLogger("matplotlib.axes._base").addFilter(_NoFixedLimitNotice())

# Bottom to top; "hillshade" and "actions" are drawn by gui/map_extras.py.
LAYERS = ("hillshade", "coverage", "villages", "communes", "backbone", "actions", "sites")
MAX_LABELS = 60
"""Commune names are shown when the view holds at most this many (text is the
slowest thing to draw, and a hundred names at full extent overlap anyway)."""


def _same_base(old: CoverageResult, new: CoverageResult) -> bool:
    """Whether the communes and fibre drawn for ``old`` are those of ``new``: a new run
    of the same study (an edit) copies the communes to join its figures, their shapes
    the same objects and their names the same; drawing them again took a third of an
    edit's time on the GUI thread."""
    if old.communes is new.communes:
        return True
    a, b = old.communes.geometry.to_numpy(), new.communes.geometry.to_numpy()
    if len(a) != len(b) or old.backbone is not new.backbone:
        return False
    same_shapes = np.array_equal(_ids(a), _ids(b))
    return same_shapes and old.communes["commune_name"].equals(new.communes["commune_name"])


_ids = np.frompyfunc(id, 1, 1)


@dataclass
class LayerState:
    visible: bool = True
    opacity: float = 1.0


class MapCanvas(QWidget):
    """Canvas with pan/zoom toolbar; ``feature_clicked`` when the user clicks a feature."""

    feature_clicked = pyqtSignal(object)  # Selection or None
    cursor_moved = pyqtSignal(object, object)  # x, y in the study's CRS, or None, None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(8, 6))
        self.figure.subplots_adjust(left=0.005, right=0.995, bottom=0.005, top=0.995)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self.toolbar = MapToolbar(self.canvas, self, full_extent=self.full_extent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas)
        self.layers = {name: LayerState() for name in LAYERS}
        self.layers["coverage"].opacity = 0.6
        self._artists: dict[str, list] = {name: [] for name in LAYERS}
        self._highlight: list = []
        self._result: CoverageResult | None = None
        self._tech = "4G"
        self._press: tuple[float, float] | None = None
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.measure = MeasureTool(self, self)
        self.operator: str | None = None  # the sites shown: one operator's, or all
        self.extras = MapExtras(self)
        self._blank()

    def _blank(self) -> None:
        self.ax.set_axis_off()
        # "datalim": the map fills the widget; the view grows to keep metres square.
        self.ax.set_aspect("equal", adjustable="datalim")
        self.ax.callbacks.connect("xlim_changed", self._update_labels)
        self.ax.callbacks.connect("ylim_changed", self._update_labels)

    def _labels(self) -> list:
        from matplotlib.text import Text

        return [a for a in self._artists.get("communes", []) if isinstance(a, Text)]

    def _update_labels(self, _ax=None) -> None:
        labels = self._labels()
        if not labels:
            return
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        xy = np.array([t.get_position() for t in labels])
        inside = (
            (xy[:, 0] >= min(x0, x1))
            & (xy[:, 0] <= max(x0, x1))
            & (xy[:, 1] >= min(y0, y1))
            & (xy[:, 1] <= max(y0, y1))
        )
        show = self.layers["communes"].visible and inside.sum() <= MAX_LABELS
        for text, ok in zip(labels, inside, strict=True):
            text.set_visible(bool(show and ok))

    def show_result(
        self, result: CoverageResult | None, tech: str, *, keep_view: bool = True
    ) -> None:
        """Draw ``result`` for ``tech``; keep the current view unless asked not to.

        Communes and fibre are drawn once per study; coverage, villages and sites are
        replaced when the result or the technology changes.
        """
        keep = keep_view and self._result is not None
        view = (self.ax.get_xlim(), self.ax.get_ylim()) if keep else None
        same_study = (
            result is not None and self._result is not None and _same_base(self._result, result)
        )
        self._result, self._tech = result, tech
        for artist in self._highlight:
            artist.remove()
        self._highlight = []
        dynamic = ("coverage", "villages", "sites")
        # the terrain grid's image is kept and given the new grid (an edit, a new run)
        image = self._kept_image(result, tech) if same_study else None
        if same_study:
            for name in dynamic:
                if name == "coverage" and image is not None:
                    continue
                for artist in self._artists[name]:
                    artist.remove()
                self._artists[name] = []
        else:
            self.ax.clear()
            self._blank()
            self._artists = {name: [] for name in LAYERS}
        if result is None:
            self.extras.redraw(None, tech, None)
            self.canvas.draw_idle()
            return
        if result.rasters is not None and tech in result.rasters:
            covered = result.rasters[tech].covered
            if image is not None:
                image.set_source(covered)
            else:
                self._artists["coverage"] = [CoverageImage(self.ax, result.grid, covered, tech)]
        elif tech in result.coverage:
            self._artists["coverage"] = [
                draw.draw_coverage(self.ax, result.coverage[tech], tech, alpha=1.0)
            ]
        self._artists["villages"] = draw.draw_villages(self.ax, result.villages, tech, alpha=1.0)
        self._artists["sites"] = [draw.draw_sites(self.ax, self.shown_sites(), tech)]
        if not same_study:
            self._artists["communes"] = draw.draw_communes(
                self.ax, result.communes, labels=len(result.communes) <= 400, label_box=False
            )
            self._artists["backbone"] = draw.draw_backbone(self.ax, result.backbone)
        self.extras.redraw(result, tech, self.shown_sites())
        self.apply_layer_states(redraw=False)
        if view is None:
            self.zoom_to(result.communes.total_bounds)
        else:
            self.ax.set_xlim(*view[0])
            self.ax.set_ylim(*view[1])
        self.toolbar.update()
        self.canvas.draw_idle()

    def _kept_image(self, result: CoverageResult, tech: str) -> CoverageImage | None:
        """The coverage image drawn now, when it can show ``result``'s grid for ``tech``."""
        kept = self._artists["coverage"]
        rasters = result.rasters
        if len(kept) != 1 or not isinstance(kept[0], CoverageImage) or rasters is None:
            return None
        image = kept[0]
        grid = result.grid
        same = (
            image.tech == tech
            and tech in rasters
            and image.shape == (grid.height, grid.width)
            and image.transform == grid.transform
        )
        return image if same else None

    def shown_sites(self):
        """The sites the map shows: all, or those of the chosen operator."""
        sites = self._result.sites if self._result is not None else None
        if sites is None or self.operator is None or "operator" not in sites.columns:
            return sites
        return sites[sites["operator"].astype(str) == self.operator]

    def set_operator(self, operator: str | None) -> None:
        """Show only ``operator``'s sites (None: every operator's)."""
        self.operator = operator
        if self._result is not None:
            self.show_result(self._result, self._tech)

    def apply_layer_states(self, *, redraw: bool = True) -> None:
        base_alpha = {"coverage": 0.35, "villages": 0.75, "hillshade": 0.45, "actions": 0.9}
        for name, artists in self._artists.items():
            state = self.layers[name]
            for artist in artists:
                artist.set_visible(state.visible)
                artist.set_alpha(base_alpha.get(name, 1.0) * state.opacity)
        self._update_labels()
        self.extras.update_labels()
        if redraw:
            self.canvas.draw_idle()

    def zoom_to(self, bounds: np.ndarray, *, margin: float = 0.03) -> None:
        minx, miny, maxx, maxy = bounds
        w, h = (
            max(maxx - minx, 500.0) * (1 + 2 * margin),
            max(maxy - miny, 500.0) * (1 + 2 * margin),
        )
        # Grow the view to the widget's shape, so square metres need no further adjustment.
        box = self.ax.get_window_extent()
        if box.width > 1 and box.height > 1:
            if w / h < box.width / box.height:
                w = h * box.width / box.height
            else:
                h = w * box.height / box.width
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        self.ax.set_xlim(cx - w / 2, cx + w / 2)
        self.ax.set_ylim(cy - h / 2, cy + h / 2)
        self.canvas.draw_idle()

    def zoom_by(self, factor: float) -> None:
        """Zoom about the view's centre: ``factor`` < 1 zooms in."""
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * factor, (y1 - y0) * factor
        self.ax.set_xlim(cx - w / 2, cx + w / 2)
        self.ax.set_ylim(cy - h / 2, cy + h / 2)
        self.toolbar.push_current()
        self.canvas.draw_idle()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by a fraction of its width (``dx``) and height (``dy``)."""
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        sx, sy = dx * (x1 - x0), dy * (y1 - y0)
        self.ax.set_xlim(x0 + sx, x1 + sx)
        self.ax.set_ylim(y0 + sy, y1 + sy)
        self.canvas.draw_idle()

    def full_extent(self) -> None:
        if self._result is not None:
            self.zoom_to(self._result.communes.total_bounds)

    def highlight(self, selection: Selection | None, *, zoom: bool = False) -> None:
        for artist in self._highlight:
            artist.remove()
        self._highlight = []
        geom = self.geometry_of(selection)
        if geom is not None:
            self._highlight = draw.draw_highlight(self.ax, np.array([geom], dtype=object))
            if zoom:
                minx, miny, maxx, maxy = shapely.bounds(geom)
                pad = 3000.0
                self.zoom_to(np.array([minx - pad, miny - pad, maxx + pad, maxy + pad]))
        self.canvas.draw_idle()

    def geometry_of(self, selection: Selection | None):
        if selection is None or self._result is None:
            return None
        frame = {
            "communes": self._result.communes,
            "villages": self._result.villages,
            "sites": self._result.sites,
        }.get(selection.layer)
        if frame is None:
            return None
        id_col = {"communes": "commune_id", "villages": "village_id", "sites": "site_id"}[
            selection.layer
        ]
        rows = frame.index[frame[id_col].astype(str) == selection.feature_id]
        return frame.geometry.loc[rows[0]] if len(rows) else None

    def feature_at(self, x: float, y: float, *, tolerance: float) -> Selection | None:
        """The site within ``tolerance`` map units, else the village, else the commune at (x, y)."""
        r = self._result
        if r is None:
            return None
        pt = shapely.Point(x, y)
        sites = self.shown_sites()
        if self.layers["sites"].visible and len(sites):
            d = shapely.distance(sites.geometry.to_numpy(), pt)
            i = int(np.argmin(d))
            if d[i] <= tolerance:
                return Selection("sites", str(sites["site_id"].iloc[i]))
        for layer, frame, col in (
            ("villages", r.villages, "village_id"),
            ("communes", r.communes, "commune_id"),
        ):
            geoms = frame.geometry.to_numpy()
            hit = np.flatnonzero(shapely.intersects(geoms, pt.buffer(tolerance)))
            if len(hit):
                return Selection(layer, str(frame[col].iloc[hit[0]]))
        return None

    def _on_press(self, event) -> None:
        self._press = (event.x, event.y) if event.inaxes is self.ax else None

    def _on_release(self, event) -> None:
        if self._press is None or event.inaxes is not self.ax or self.toolbar.mode:
            return
        if abs(event.x - self._press[0]) > 4 or abs(event.y - self._press[1]) > 4:
            return
        if self.measure.active:
            if event.button == 3:
                self.measure.reset()
            else:
                self.measure.add_point(event.xdata, event.ydata)
            return
        x0, _ = self.ax.transData.inverted().transform((0, 0))
        x1, _ = self.ax.transData.inverted().transform((6, 0))
        self.feature_clicked.emit(self.feature_at(event.xdata, event.ydata, tolerance=abs(x1 - x0)))

    def _on_motion(self, event) -> None:
        if event.inaxes is self.ax:
            self.cursor_moved.emit(event.xdata, event.ydata)
        else:
            self.cursor_moved.emit(None, None)
