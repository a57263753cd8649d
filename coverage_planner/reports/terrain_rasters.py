"""The terrain model's grids as tiled, compressed GeoTIFFs that QGIS opens.

Per technology ``t``: ``level_t.tif`` (best-server level, dBm, float32, nodata -999),
``server_t.tif`` (the best server: its row in ``sites.csv``, from 1; 0 where none),
``servers_t.tif`` (number of sites above the threshold) and ``covered_t.tif``
(1 where the best level reaches the threshold).

Each file has overviews (QGIS draws a whole province without reading every cell), a
band description and its unit in the metadata (``dBm``, ``site row``, ``sites``,
``0/1``); ``reports/qgis_project.py`` gives each its colours in a ``.qml`` beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path, write_geotiff

UNITS = {
    "level": ("dBm", "best-server level"),
    "server": ("site row", "best server: its row in sites.csv, from 1; 0 where none"),
    "servers": ("sites", "number of sites above the threshold"),
    "covered": ("0/1", "1 where the best level reaches the threshold"),
}
OVERVIEWS = (2, 4, 8, 16, 32)


def write_grid(
    path: Path, array: np.ndarray, grid, *, nodata: float | None, kind: str | None = None
) -> None:
    """The grid as a GeoTIFF with overviews, and, for a ``kind``, its unit and
    description, written atomically (overviews included)."""
    with atomic_path(path) as tmp:
        write_geotiff(tmp, array, transform=grid.transform, crs=grid.crs, nodata=nodata, block=512)
        _finish(tmp, array, kind)


def _finish(path: Path, array: np.ndarray, kind: str | None) -> None:
    """Overviews, and for a ``kind`` its unit and description, into the written file."""
    import rasterio
    from rasterio.enums import Resampling

    with rasterio.open(path, "r+") as dst:
        # Categories (server, covered) must not be averaged into values that mean nothing.
        resampling = Resampling.average if kind == "level" else Resampling.nearest
        factors = [f for f in OVERVIEWS if min(array.shape) // f >= 64]
        if factors:
            dst.build_overviews(factors, resampling)
        if kind in UNITS:
            unit, description = UNITS[kind]
            dst.set_band_unit(1, unit)
            dst.set_band_description(1, description)
            dst.update_tags(1, units=unit)


def terrain_writers(result: CoverageResult) -> dict[str, Callable[[Path], None]]:
    """``{file name: writer}`` for every technology's grids (empty for the disk model)."""
    if result.rasters is None:
        return {}
    writers: dict[str, Callable[[Path], None]] = {}
    for tech, grids in result.rasters.items():
        t = tech.lower()
        writers[f"level_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.level, result.grid, nodata=-999.0, kind="level"
        )
        writers[f"server_{t}.tif"] = lambda p, g=grids: write_grid(
            p, (g.server + 1).astype(np.int32), result.grid, nodata=0, kind="server"
        )
        writers[f"servers_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.servers, result.grid, nodata=None, kind="servers"
        )
        writers[f"covered_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.covered.astype(np.uint8), result.grid, nodata=None, kind="covered"
        )
    return writers
