"""The terrain model's coverage as polygons, for the layers and maps that draw it: the
cells whose level clears the threshold, traced cell edge by cell edge
(``rasterio.features.shapes``), so a GeoPackage or KMZ shows the coverage the figures
were computed from — not the disks of the simple model."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from rasterio.features import shapes
from shapely.geometry import shape

from coverage_planner.coverage.terrain.model import Grid, TechnologyRasters


def _traced(labels: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Polygons of the connected areas of equal positive label, and their labels."""
    geoms, values = [], []
    for geojson, value in shapes(labels, mask=labels > 0, connectivity=4, transform=grid.transform):
        geoms.append(shape(geojson))
        values.append(int(value))
    return np.array(geoms, dtype=object), np.array(values, dtype=np.int64)


def covered_polygons(rasters: TechnologyRasters, grid: Grid) -> np.ndarray:
    """The covered cells as disjoint polygons (with holes where the terrain hides)."""
    geoms, _ = _traced(rasters.covered.astype(np.uint8), grid)
    return geoms


def served_areas(
    rasters: TechnologyRasters, grid: Grid, sites: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """One row per site that is the best server somewhere above the threshold: the
    (multi)polygon of those cells, its area, and the site (row number and id)."""
    labels = np.where(rasters.covered, rasters.server + 1, 0).astype(np.int32)
    geoms, values = _traced(labels, grid)
    order = np.argsort(values, kind="stable")
    geoms, values = geoms[order], values[order]
    rows, index = np.unique(values, return_inverse=True)
    merged = shapely.multipolygons(geoms, indices=index) if len(geoms) else []
    site = rows - 1
    return gpd.GeoDataFrame(
        {
            "site": site,
            "site_id": sites["site_id"].to_numpy(dtype=object)[site],
            "kind": "terrain",
            "area_km2": shapely.area(merged) / 1e6 if len(geoms) else np.zeros(0),
        },
        geometry=gpd.GeoSeries(np.asarray(merged, dtype=object), crs=grid.crs),
    )
