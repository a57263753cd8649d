"""The terrain model's covered cells on the map, drawn at the screen's resolution.

The demo province's grid is 4,428 × 2,934 cells: matplotlib resamples a whole image of
that size at every draw (half a second on this machine, at every edit, pan and zoom),
while the map's widget shows under a thousand pixels across. :class:`CoverageImage`
keeps the whole grid as its source and, at each draw, hands matplotlib only the cells
in view, one cell per block of ``k × k`` cells where ``k`` cells fall on a screen pixel
(the cell at the block's centre, as nearest-neighbour resampling picks it). Zoomed in
far enough, every cell is drawn. An edit gives the artist its new grid
(:meth:`CoverageImage.set_source`); nothing else of the map is rebuilt.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.image import AxesImage

from coverage_planner.maps import style


class CoverageImage(AxesImage):
    """One technology's covered cells (``covered``: the grid's bool or uint8 array)."""

    def __init__(self, ax, grid, covered: np.ndarray, tech: str, *, zorder: int = 3) -> None:
        cmap = ListedColormap([(0, 0, 0, 0), style.TECH_COLOURS.get(tech, "#888888")])
        super().__init__(
            ax,
            cmap=cmap,
            norm=Normalize(vmin=0, vmax=1),
            interpolation="nearest",
            origin="upper",
            zorder=zorder,
            label=f"{tech} coverage",
        )
        self.tech = tech
        self.shape = (grid.height, grid.width)
        t = grid.transform
        self.transform = t
        self._origin = (t.c, t.f, t.a, t.e)  # left, top, cell width, cell height (< 0)
        full = (t.c, t.c + t.a * grid.width, t.f + t.e * grid.height, t.f)
        self._source = covered.view(np.uint8)
        self._window: tuple | None = None  # the cells last handed to matplotlib
        self._window_extent = full
        super().set_data(np.zeros((1, 1), np.uint8))
        super().set_extent(full)  # the axes' data limits: the whole grid
        ax.add_image(self)

    def set_source(self, covered: np.ndarray) -> None:
        """Show ``covered`` (a grid of the same shape) from the next draw on."""
        self._source = covered.view(np.uint8)
        self._window = None
        self.stale = True

    def get_extent(self):
        return self._window_extent

    def window(self, view: tuple[float, float, float, float], pixels: tuple[float, float]):
        """The grid's rows and columns in ``view`` (x0, x1, y0, y1) shown on ``pixels``
        (width, height): (r0, r1, c0, c1, k), or None when no cell is in view."""
        left, top, a, e = self._origin
        rows, cols = self._source.shape
        x0, x1 = sorted(view[:2])
        y0, y1 = sorted(view[2:])
        c0 = max(0, int(np.floor((x0 - left) / a)))
        c1 = min(cols, int(np.ceil((x1 - left) / a)))
        r0 = max(0, int(np.floor((y1 - top) / e)))
        r1 = min(rows, int(np.ceil((y0 - top) / e)))
        if c1 <= c0 or r1 <= r0:
            return None
        per_pixel = min((x1 - x0) / a / max(pixels[0], 1), (y1 - y0) / -e / max(pixels[1], 1))
        k = max(1, int(per_pixel))
        return r0, r1, c0, c1, k

    def _fit(self) -> bool:
        ax = self.axes
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        window = self.window((x0, x1, y0, y1), (ax.bbox.width, ax.bbox.height))
        if window is None:
            return False
        if window != self._window:
            r0, r1, c0, c1, k = window
            h = k // 2
            cells = self._source[r0 + h : r1 : k, c0 + h : c1 : k]
            if cells.size == 0:  # a window narrower than half a block
                cells = self._source[r0:r1:k, c0:c1:k]
            left, top, a, e = self._origin
            n_rows, n_cols = cells.shape
            self._window_extent = (
                left + c0 * a,
                left + (c0 + n_cols * k) * a,
                top + (r0 + n_rows * k) * e,
                top + r0 * e,
            )
            super().set_data(np.ascontiguousarray(cells))
            self._window = window
        return True

    def draw(self, renderer) -> None:
        if self.get_visible() and self._fit():
            super().draw(renderer)
