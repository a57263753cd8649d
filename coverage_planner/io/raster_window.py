"""Reading a large raster (a national DEM mosaic) for one area only, with a memory bound.

The terrain model needs the ground heights on its grid, never the whole file: only the
window of the raster that covers the grid is read, and a window larger than
``MAX_WINDOW_CELLS`` (a grid as wide as a region at a coarse tier) is read decimated —
by averaging blocks of cells, from the file's overviews where it has them — to no more
cells than the bound, and never coarser than the grid it feeds.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine
from rasterio.enums import Resampling
from rasterio.warp import reproject, transform_bounds
from rasterio.windows import Window, from_bounds

MAX_WINDOW_CELLS = 50_000_000
"""At most this many raster cells are held at once (200 MB as float32)."""
GDAL_CACHE_MB = 64
"""GDAL's block cache while a window is read (MB)."""


def window_for(src, src_crs_wkt: str, dst_crs_wkt: str, bounds) -> Window | None:
    """The window of the open raster ``src`` that covers ``bounds`` (in the destination
    CRS) plus a cell on each side, clipped to the raster; None when they do not meet."""
    left, bottom, right, top = transform_bounds(dst_crs_wkt, src_crs_wkt, *bounds, densify_pts=21)
    window = from_bounds(left, bottom, right, top, transform=src.transform)
    col0, row0 = int(np.floor(window.col_off)) - 1, int(np.floor(window.row_off)) - 1
    window = Window(col0, row0, int(np.ceil(window.width)) + 3, int(np.ceil(window.height)) + 3)
    try:
        window = window.intersection(Window(0, 0, src.width, src.height))
    except rasterio.errors.WindowError:
        return None
    return window if window.width > 0 and window.height > 0 else None


def decimation(window: Window, dst_shape: tuple[int, int], *, max_cells: int) -> int:
    """The step (1 = every cell) a window is read at: 1 when it fits the bound, else the
    smallest step that fits and divides the ratio of the grid's cells to the raster's,
    never more than that ratio (a decimated read keeps at least the grid's resolution,
    and whole raster cells per grid cell keep the bilinear resampling unbiased)."""
    cells = window.width * window.height
    if cells <= max_cells:
        return 1
    need = math.ceil(math.sqrt(cells / max_cells))
    ratio = max(1, round(math.sqrt(cells / max(dst_shape[0] * dst_shape[1], 1))))
    return next((d for d in range(need, ratio + 1) if ratio % d == 0), ratio)


def _whole_steps(window: Window, step: int, *, width: int, height: int) -> Window:
    """The window widened (or, at the raster's edge, moved) to whole blocks of ``step``
    cells, so that each averaged cell is exactly ``step`` × ``step`` cells."""

    def fit(off: int, size: int, limit: int) -> tuple[int, int]:
        size = -(-size // step) * step
        if size > limit:
            size = limit // step * step
        return max(0, min(off, limit - size)), size

    col, w = fit(int(window.col_off), int(window.width), width)
    row, h = fit(int(window.row_off), int(window.height), height)
    return Window(col, row, w, h)


def read_on_grid(
    path: str | Path,
    src_crs,
    *,
    dst_crs,
    dst_transform: Affine,
    dst_shape: tuple[int, int],
    max_cells: int | None = None,
) -> np.ndarray:
    """Band 1 of the raster resampled (bilinear) onto a grid, NaN where it has no value.

    Parameters
    ----------
    src_crs, dst_crs
        The raster's CRS and the grid's (pyproj or rasterio CRS objects).
    dst_transform, dst_shape
        The grid: its affine transform and (rows, columns).
    max_cells
        The memory bound (default :data:`MAX_WINDOW_CELLS`).
    """
    from pyproj import CRS

    max_cells = MAX_WINDOW_CELLS if max_cells is None else max_cells
    height, width = dst_shape
    out = np.full((height, width), np.nan, dtype=np.float32)
    dst_wkt = CRS.from_user_input(dst_crs).to_wkt()
    src_wkt = CRS.from_user_input(src_crs).to_wkt()
    t = dst_transform
    bounds = (t.c, t.f + t.e * height, t.c + t.a * width, t.f)
    # GDAL's block cache would otherwise keep up to 5 % of the machine's memory of
    # decompressed blocks (1.2 GB on 24 GB): bound it too.
    with rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB), rasterio.open(path) as src:
        window = window_for(src, src_wkt, dst_wkt, bounds)
        if window is None:
            return out
        step = decimation(window, dst_shape, max_cells=max_cells)
        if step > 1:
            window = _whole_steps(window, step, width=src.width, height=src.height)
        shape = (int(window.height) // step, int(window.width) // step)
        data = src.read(
            1,
            window=window,
            out_shape=shape,
            out_dtype="float32",
            masked=True,
            resampling=Resampling.average,
        ).filled(np.nan)
        transform = src.window_transform(window) * Affine.scale(
            window.width / shape[1], window.height / shape[0]
        )
    reproject(
        source=data,
        destination=out,
        src_transform=transform,
        src_crs=src_wkt,
        dst_crs=dst_wkt,
        dst_transform=dst_transform,
        resampling=Resampling.bilinear,
        src_nodata=np.nan,
        dst_nodata=np.nan,
    )
    return out
