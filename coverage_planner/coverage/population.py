"""Population from a raster (e.g. WorldPop) summed per polygon with rasterio."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import rasterio
import shapely
from rasterio.features import rasterize
from rasterio.windows import from_bounds

from coverage_planner.io.rasters import RasterSource

SUPERSAMPLE = 4
"""Each raster cell is split into 4 × 4 sub-cells, so polygons smaller than a cell
(a village in a 1 km WorldPop cell) still get their share of its people."""


def population_sums(polygons: gpd.GeoDataFrame, raster: RasterSource) -> np.ndarray:
    """People in each polygon: the raster read for their extent only, each cell's count
    shared equally among its sub-cells, sub-cells given to the polygon holding their
    centre. Polygons that overlap each other share nothing twice: the later one wins.
    """
    shapes = polygons.to_crs(raster.crs).geometry.to_numpy()
    out = np.zeros(len(shapes))
    if len(shapes) == 0:
        return out
    with rasterio.open(raster.path) as src:
        window = (
            from_bounds(*shapely.total_bounds(shapes), transform=src.transform)
            .round_offsets()
            .round_lengths()
        )
        window = window.intersection(rasterio.windows.Window(0, 0, src.width, src.height))
        values = src.read(1, window=window, masked=True).filled(0).astype(float)
        transform = src.window_transform(window)
    values[~np.isfinite(values) | (values < 0)] = 0
    fine = np.repeat(np.repeat(values, SUPERSAMPLE, axis=0), SUPERSAMPLE, axis=1) / SUPERSAMPLE**2
    fine_transform = transform @ rasterio.Affine.scale(1 / SUPERSAMPLE)
    labels = rasterize(
        zip(shapes, range(1, len(shapes) + 1), strict=True),
        out_shape=fine.shape,
        transform=fine_transform,
        fill=0,
        dtype="int32",
    )
    sums = np.bincount(labels.ravel(), weights=fine.ravel(), minlength=len(shapes) + 1)
    out[:] = sums[1:]
    return out
