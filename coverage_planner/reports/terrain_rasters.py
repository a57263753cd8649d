"""The terrain model's grids as tiled, compressed GeoTIFFs that QGIS opens.

Per technology ``t``: ``level_t.tif`` (best-server level, dBm, float32, nodata -999),
``server_t.tif`` (the best server: its row in ``sites.csv``, from 1; 0 where none),
``servers_t.tif`` (number of sites above the threshold) and ``covered_t.tif``
(1 where the best level reaches the threshold).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import write_geotiff


def write_grid(path: Path, array: np.ndarray, grid, *, nodata: float | None) -> None:
    write_geotiff(path, array, transform=grid.transform, crs=grid.crs, nodata=nodata, block=512)


def terrain_writers(result: CoverageResult) -> dict[str, Callable[[Path], None]]:
    """``{file name: writer}`` for every technology's grids (empty for the disk model)."""
    if result.rasters is None:
        return {}
    writers: dict[str, Callable[[Path], None]] = {}
    for tech, grids in result.rasters.items():
        t = tech.lower()
        writers[f"level_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.level, result.grid, nodata=-999.0
        )
        writers[f"server_{t}.tif"] = lambda p, g=grids: write_grid(
            p, (g.server + 1).astype(np.int32), result.grid, nodata=0
        )
        writers[f"servers_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.servers, result.grid, nodata=None
        )
        writers[f"covered_{t}.tif"] = lambda p, g=grids: write_grid(
            p, g.covered.astype(np.uint8), result.grid, nodata=None
        )
    return writers
