"""The link profile in the app: the plot beside the map, and the clicks that make it.

:class:`ProfilePanel` is the plot (a dock of the main window). :class:`ProfileClicks`
is a mixin of :class:`~coverage_planner.gui.plan_panel.PlanPanel`: in profile mode,
the first click snaps to a site's antenna (or a mast of the panel's height), the
second to a village's reference point, and the profile over the DEM is drawn with
its line of sight, first Fresnel zone, obstacle and predicted level. Its texts keep
the panel's translation context.
"""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget


def tr(text: str) -> str:
    """The Plan panel's translation of ``text``."""
    return QCoreApplication.translate("PlanPanel", text)


class ProfilePanel(QWidget):
    """The link profile of the last two points clicked in profile mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(5, 2.6))
        self.canvas = FigureCanvasQTAgg(self.figure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(self.canvas)
        self.profile = None
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr("Choose Profile in the Plan panel, then click two points on the map.")
        )

    def show_profile(self, profile, language: str) -> None:
        from coverage_planner.maps.plan_map import profile_figure

        self.profile = profile
        profile_figure(profile, language=language, fig=self.figure)
        self.canvas.draw_idle()


class ProfileClicks:
    """Profile mode of the Plan panel: two clicks, one link profile."""

    def _profile_click(self, x: float, y: float) -> None:
        from coverage_planner.planning.profile import predicted_level, profile_between

        if self._profile_from is None:
            self._profile_from = self._snap_to_site(x, y)
            self.status.setText(tr("Click the other end of the link."))
            return
        (ax_, ay_, tx_height), self._profile_from = self._profile_from, None
        a = (ax_, ay_)
        x, y = self._snap_to_village(x, y)
        terrain = self.context.terrain if self.context is not None else None
        if terrain is None:
            terrain = self._load_terrain()
        if terrain is None:
            self.status.setText(tr("The study has no terrain model (DEM): no profile."))
            return
        dem, grid = terrain
        params = self.study.params
        tp = params.technologies[self.tech.currentData()]
        prof = profile_between(
            dem,
            grid,
            a,
            (x, y),
            tx_height_m=tx_height,
            rx_height_m=params.terrain.receiver_height_m,
            frequency_mhz=tp.frequency_mhz,
            k_factor=params.terrain.k_factor,
        )
        prof.level_dbm = predicted_level(
            prof,
            eirp_dbm=tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db,
            tx_height_m=tx_height,
            frequency_mhz=tp.frequency_mhz,
            environment=params.terrain.environment,
        )
        if self.profile_panel is not None:
            self.profile_panel.show_profile(prof, self.language)
            dock = self.profile_panel.parentWidget()
            if dock is not None:
                dock.show()
                dock.raise_()  # the profile's dock shares a tab with the tables
        self.status.setText(
            tr("Profile: {0:.2f} km, line of sight {1}, predicted level {2:.1f} dBm").format(
                prof.length_m / 1000,
                tr("yes") if prof.line_of_sight else tr("no"),
                prof.level_dbm,
            )
        )

    def _snap_to_site(self, x: float, y: float) -> tuple[float, float, float]:
        """A click near a site (existing, or chosen in the plan) starts at its antenna;
        elsewhere at a mast of the panel's height."""
        result = self.study.result
        best = (x, y, self.height.value())
        tolerance = self._tolerance()
        pts = []
        if result is not None and len(result.sites):
            h = result.sites["antenna_height_m"].to_numpy(dtype=float)
            default = self.study.params.technologies[self.tech.currentData()].antenna_height_m
            xy = shapely.get_coordinates(result.sites.geometry.to_numpy())
            pts.append((xy, np.where(np.isfinite(h), h, default)))
        if self.context is not None and self.chosen:
            cand = self.context.candidates.iloc[self.chosen]
            xy = shapely.get_coordinates(cand.geometry.to_numpy())
            h = cand["height_m"].to_numpy(dtype=float)
            pts.append((xy, np.where(np.isfinite(h), h, self.height.value())))
        for xy, h in pts:
            d = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
            k = int(np.argmin(d))
            if d[k] <= tolerance:
                tolerance = d[k]
                best = (float(xy[k, 0]), float(xy[k, 1]), float(h[k]))
        return best

    def _snap_to_village(self, x: float, y: float) -> tuple[float, float]:
        """A click inside a village ends at the village's reference point."""
        result = self.study.result
        if result is None:
            return x, y
        geoms = result.villages.geometry.to_numpy()
        hit = np.flatnonzero(shapely.contains_xy(geoms, x, y))
        if len(hit):
            p = shapely.point_on_surface(geoms[hit[0]])
            return float(p.x), float(p.y)
        return x, y

    def _tolerance(self) -> float:
        """About eight pixels of the map, in metres."""
        x0, x1 = self.map.ax.get_xlim()
        width = max(self.map.canvas.width(), 1)
        return abs(x1 - x0) / width * 8.0

    def _load_terrain(self):
        from coverage_planner.planning.plan import terrain_of

        if self.study.inputs is None or self.study.result is None:
            return None
        if getattr(self, "_terrain", None) is None:
            self._terrain = terrain_of(self.study.inputs, self.study.result, self.study.params)
        return self._terrain
