"""What the map shows beside the coverage: hillshade, village names, suggested-action lines.

- **Hillshade**: when the study has a DEM, a grey relief under the map (the DEM read
  once, decimated to a screen's size and warped to the study's CRS).
- **Village names** at large scales: shown when few enough villages are in view to be
  read (the commune names follow the same rule at smaller scales).
- **Suggested actions**: for each uncovered village of the technology, a dashed line
  to the site its action names (the site to upgrade or the one hidden by terrain, else
  the nearest site the action speaks of); the selected village's line is drawn bold.

The artists live in the canvas's layers ``hillshade`` and ``actions`` (the Layers
panel's visibility and opacity apply), the names follow the ``villages`` layer.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import LineCollection

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui.study import Selection

if TYPE_CHECKING:
    from coverage_planner.gui.map_canvas import MapCanvas
    from coverage_planner.io.rasters import RasterSource

MAX_VILLAGE_LABELS = 80
"""Village names are drawn when at most this many villages are in view."""
HILLSHADE_PIXELS = 900
"""The hillshade's long side in pixels: a screen's worth, read once per DEM."""


def hillshade(
    elevation: np.ndarray,
    *,
    cell_x: float,
    cell_y: float,
    azimuth_deg: float = 315.0,
    altitude_deg: float = 45.0,
) -> np.ndarray:
    """Lambertian relief shading of a north-up elevation grid, 0 (dark) to 1 (lit).

    Rows run north to south (as a GeoTIFF's), ``cell_x`` / ``cell_y`` are the cell sizes
    in the units of the elevations (metres). The sun comes from ``azimuth_deg``
    (clockwise from north) at ``altitude_deg`` above the horizon. Cells without an
    elevation (NaN) stay NaN.
    """
    z = np.asarray(elevation, dtype=float)
    # Gradients towards east and towards north (rows grow southwards).
    dz_dy_rows, dz_dx = np.gradient(z, cell_y, cell_x)
    dz_dy = -dz_dy_rows
    # The surface normal (-dz/dx, -dz/dy, 1), normalised; the sun's unit vector.
    norm = np.sqrt(dz_dx**2 + dz_dy**2 + 1.0)
    az, alt = np.radians(azimuth_deg), np.radians(altitude_deg)
    sun = (np.sin(az) * np.cos(alt), np.cos(az) * np.cos(alt), np.sin(alt))
    shade = (-dz_dx * sun[0] - dz_dy * sun[1] + sun[2]) / norm
    return np.clip(shade, 0.0, 1.0)


def dem_on_study_grid(
    dem: RasterSource, crs, bounds: tuple[float, float, float, float]
) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The DEM over ``bounds`` (in ``crs``), at most :data:`HILLSHADE_PIXELS` on a side.

    Returns the elevations (NaN where the DEM has none) and the extent
    ``(left, right, bottom, top)`` for ``imshow``.
    """
    import rasterio
    from rasterio.crs import CRS as RioCRS
    from rasterio.transform import from_bounds
    from rasterio.warp import Resampling, reproject

    x0, y0, x1, y1 = bounds
    w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    scale = HILLSHADE_PIXELS / max(w, h)
    cols, rows = max(int(round(w * scale)), 2), max(int(round(h * scale)), 2)
    out = np.full((rows, cols), np.nan, dtype="float32")
    with rasterio.open(dem.path) as src:
        src_crs = src.crs or RioCRS.from_wkt(dem.crs.to_wkt())
        # Read from an overview-sized window of the file, not its full resolution.
        reproject(
            source=rasterio.band(src, 1),
            destination=out,
            src_crs=src_crs,
            src_nodata=src.nodata if src.nodata is not None else dem.nodata,
            dst_transform=from_bounds(x0, y0, x1, y1, cols, rows),
            dst_crs=RioCRS.from_wkt(crs.to_wkt()),
            dst_nodata=np.nan,
            resampling=Resampling.bilinear,
        )
    return out, (x0, x1, y0, y1)


def action_sites(result: CoverageResult, tech: str) -> pd.DataFrame:
    """For each uncovered village of ``tech``: the site its suggested action names.

    The site to upgrade or the site hidden by terrain where the action names one,
    else the nearest site (the action "add a sector towards the village" speaks of
    it). Columns ``village_id`` and ``site_id``; villages with no site named are left out.
    """
    u = result.uncovered
    u = u[u["technology"] == tech]
    named = u["site"].where(u["site"].notna() & (u["site"].astype(str) != ""), u["nearest_site"])
    frame = pd.DataFrame({"village_id": u["village_id"].astype(str), "site_id": named})
    frame = frame[frame["site_id"].notna()]
    frame["site_id"] = frame["site_id"].astype(str)
    return frame.reset_index(drop=True)


def action_segments(result: CoverageResult, tech: str) -> tuple[np.ndarray, list[str]]:
    """Line segments ``(n, 2, 2)`` from each uncovered village's point to its site."""
    pairs = action_sites(result, tech)
    villages = result.villages.set_index(result.villages["village_id"].astype(str))
    sites = result.sites.drop_duplicates("site_id").set_index(
        result.sites["site_id"].drop_duplicates().astype(str)
    )
    pairs = pairs[pairs["village_id"].isin(villages.index) & pairs["site_id"].isin(sites.index)]
    if pairs.empty:
        return np.zeros((0, 2, 2)), []
    start = shapely.get_coordinates(
        shapely.point_on_surface(villages.geometry.loc[pairs["village_id"]].to_numpy())
    )
    end = shapely.get_coordinates(sites.geometry.loc[pairs["site_id"]].to_numpy())
    return np.stack([start, end], axis=1), list(pairs["village_id"])


def _remove(artist) -> None:
    """Take ``artist`` off its axes; one already gone with a cleared axes is left."""
    with contextlib.suppress(ValueError, NotImplementedError, AttributeError):
        artist.remove()


class MapExtras:
    """Hillshade, village names and action lines on a :class:`MapCanvas`."""

    def __init__(self, canvas: MapCanvas) -> None:
        self.canvas = canvas
        self._dem_key = None
        self._shade: tuple[np.ndarray, tuple] | None = None
        self._label_points: np.ndarray = np.zeros((0, 2))
        self._label_names: np.ndarray = np.array([], dtype=object)
        self._labels: list = []
        self._action_ids: list[str] = []
        self._selected: str | None = None
        self._registry = None

    # ---- hillshade

    def set_dem(self, dem: RasterSource | None, crs, bounds) -> None:
        """Use ``dem`` for the hillshade (None: none); read only when it changes."""
        key = None if dem is None else (str(dem.path), str(crs), tuple(np.round(bounds, 1)))
        if key == self._dem_key:
            return
        self._dem_key, self._shade = key, None
        if dem is None:
            return
        try:
            z, extent = dem_on_study_grid(dem, crs, tuple(bounds))
        except Exception:  # noqa: BLE001 - relief is a backdrop: a DEM it cannot read is no error
            return
        (x0, x1, y0, y1), (rows, cols) = extent, z.shape
        shade = hillshade(z, cell_x=(x1 - x0) / cols, cell_y=(y1 - y0) / rows)
        self._shade = (shade, extent)

    @property
    def has_hillshade(self) -> bool:
        return self._shade is not None

    # ---- drawing, after each redraw of the result

    def redraw(self, result: CoverageResult | None, tech: str, sites) -> None:
        """Put the extras on the canvas's axes for ``result`` and ``tech``.

        ``sites``: the sites the map shows (the operator filter applies).
        """
        c = self.canvas
        for name in ("hillshade", "actions"):
            for artist in c._artists.get(name, []):
                _remove(artist)
            c._artists[name] = []
        self._clear_labels()
        if result is None:
            return
        if self._shade is not None:
            shade, extent = self._shade
            c._artists["hillshade"] = [
                c.ax.imshow(
                    shade,
                    extent=extent,
                    origin="upper",
                    cmap="gray",
                    vmin=0.0,
                    vmax=1.0,
                    interpolation="bilinear",
                    zorder=0.5,
                )
            ]
        segments, ids = action_segments(result, tech)
        if len(ids) and sites is not None:
            shown = set(sites["site_id"].astype(str))
            named = action_sites(result, tech).set_index("village_id")["site_id"]
            keep = np.array([named.get(v) in shown for v in ids], dtype=bool)
            segments, ids = segments[keep], [v for v, k in zip(ids, keep, strict=True) if k]
        self._action_ids = ids
        widths = [2.2 if v == self._selected else 0.7 for v in ids]
        lines = LineCollection(
            segments,
            colors="#CC3311",
            linewidths=widths,
            linestyles="dashed",
            zorder=5.5,
            label="actions",
        )
        c.ax.add_collection(lines, autolim=False)
        c._artists["actions"] = [lines]
        villages = result.villages
        self._label_points = shapely.get_coordinates(
            shapely.point_on_surface(villages.geometry.to_numpy())
        )
        self._label_names = villages["village_name"].astype(str).to_numpy(dtype=object)
        self._connect()

    def select(self, selection: Selection | None) -> None:
        """Draw the line of the selected village bold."""
        self._selected = (
            selection.feature_id if selection and selection.layer == "villages" else None
        )
        lines = self.canvas._artists.get("actions") or []
        if lines:
            lines[0].set_linewidths([2.2 if v == self._selected else 0.7 for v in self._action_ids])

    def action_line_of(self, village_id: str) -> np.ndarray | None:
        """The segment drawn for ``village_id`` ((2, 2): village point, site), or None."""
        lines = self.canvas._artists.get("actions") or []
        if not lines or village_id not in self._action_ids:
            return None
        return np.asarray(lines[0].get_segments()[self._action_ids.index(village_id)])

    # ---- village names at large scales

    def _connect(self) -> None:
        registry = self.canvas.ax.callbacks
        if registry is not self._registry:  # a cleared axes has a new registry
            registry.connect("xlim_changed", self.update_labels)
            registry.connect("ylim_changed", self.update_labels)
            self._registry = registry
        self.update_labels()

    def _clear_labels(self) -> None:
        for text in self._labels:
            _remove(text)
        self._labels = []

    def update_labels(self, _ax=None) -> None:
        """Name the villages in view when there are few enough of them to read."""
        self._clear_labels()
        c = self.canvas
        if not len(self._label_points) or not c.layers["villages"].visible:
            return
        (x0, x1), (y0, y1) = c.ax.get_xlim(), c.ax.get_ylim()
        xy = self._label_points
        inside = np.flatnonzero(
            (xy[:, 0] >= min(x0, x1))
            & (xy[:, 0] <= max(x0, x1))
            & (xy[:, 1] >= min(y0, y1))
            & (xy[:, 1] <= max(y0, y1))
        )
        if len(inside) == 0 or len(inside) > MAX_VILLAGE_LABELS:
            return
        self._labels = [
            c.ax.text(
                xy[i, 0],
                xy[i, 1],
                self._label_names[i],
                fontsize=7,
                ha="center",
                va="center",
                color="#1A1A1A",
                zorder=8,
                clip_on=True,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6},
            )
            for i in inside
        ]

    def label_texts(self) -> list[str]:
        """The village names drawn now."""
        return [t.get_text() for t in self._labels]
