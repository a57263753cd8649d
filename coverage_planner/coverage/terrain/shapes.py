"""The terrain model's coverage as polygons, for the layers and maps that draw it: the
cells whose level clears the threshold, traced cell edge by cell edge
(``rasterio.features.shapes``), so a GeoPackage or KMZ shows the coverage the figures
were computed from — not the disks of the simple model.

Before tracing, specks of fewer than :data:`SPECK_CELLS` cells (a covered cell alone in
a shadow, a one-cell shadow hole, a site's few cells inside its neighbour's area) are
given to their largest neighbour (``rasterio.features.sieve``); after tracing, the
staircases of cell edges are straightened to within one cell (``shapely.simplify``,
Douglas–Peucker at the grid's resolution, topology kept): a diagonal edge of a hundred
cells is two vertices instead of two hundred, and no edge moves by more than a cell. The
GeoPackage's footprint layers hold one dissolved shape per technology
(:func:`coverage_frame`): the borders between best servers, ragged as the terrain, were
nine tenths of the vertices (figures in ``benchmarks/README.md``). The figures do not
come from the polygons: the area attributes are cell counts, and the polygons' area
stays within a fraction of a percent of the grid's (tests in ``tests/reports/``)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from rasterio.features import shapes, sieve
from shapely.geometry import shape

from coverage_planner.coverage.terrain.model import Grid, TechnologyRasters

SPECK_CELLS = 9
"""Connected areas (4-connected) smaller than this, in cells, join their largest
neighbour before tracing: under 0.81 ha at 30 m."""


SIMPLIFY_CELLS = 1.0
"""Douglas–Peucker tolerance, in cells: a 45° staircase's corners lie 0.71 cell off the
line through its ends, so a tolerance of one cell straightens it."""


def _traced(labels: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Polygons of the connected areas of equal positive label, and their labels."""
    labels = sieve(labels, SPECK_CELLS, connectivity=4)
    geoms, values = [], []
    for geojson, value in shapes(labels, mask=labels > 0, connectivity=4, transform=grid.transform):
        geoms.append(shape(geojson))
        values.append(int(value))
    simple = shapely.simplify(np.array(geoms, dtype=object), SIMPLIFY_CELLS * grid.res)
    return simple, np.array(values, dtype=np.int64)


def covered_polygons(rasters: TechnologyRasters, grid: Grid) -> np.ndarray:
    """The covered cells as disjoint polygons (with holes where the terrain hides)."""
    geoms, _ = _traced(rasters.covered.astype(np.uint8), grid)
    return geoms


def coverage_frame(
    parts: np.ndarray, rasters: TechnologyRasters, grid: Grid, tech: str
) -> gpd.GeoDataFrame:
    """The technology's coverage as one feature: the (multi)polygon of the covered cells
    (``parts``, from :func:`covered_polygons`) and their area from the count of covered
    cells. The GeoPackage's footprint layer of a terrain run: one dissolved shape per
    technology, without the borders between sites, which were most of the vertices."""
    area = int(np.count_nonzero(rasters.covered)) * grid.res * grid.res / 1e6
    geom = shapely.multipolygons(list(parts)) if len(parts) else shapely.MultiPolygon()
    return gpd.GeoDataFrame(
        {"technology": [tech], "kind": ["terrain"], "area_km2": [area]},
        geometry=gpd.GeoSeries([geom], crs=grid.crs),
    )


def served_km2(rasters: TechnologyRasters, grid: Grid, n_sites: int) -> np.ndarray:
    """Per site (row of the sites table), the area of the covered cells it serves best."""
    served = rasters.server[rasters.covered]
    return np.bincount(served[served >= 0], minlength=n_sites) * grid.res * grid.res / 1e6


def served_areas(
    rasters: TechnologyRasters, grid: Grid, sites: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """One row per site that is the best server somewhere above the threshold: the
    (multi)polygon of those cells, the cells' area, and the site (row number and id)."""
    served = np.where(rasters.covered, rasters.server, -1)
    counts = np.bincount(served[served >= 0].ravel(), minlength=len(sites))
    site = np.flatnonzero(counts)
    geoms, values = _traced((served + 1).astype(np.int32), grid)
    # A site whose every cell was a speck has no polygon left: an empty one keeps its row.
    index = np.searchsorted(site, values - 1)
    merged = np.full(len(site), shapely.Polygon(), dtype=object)
    if len(geoms):
        order = np.argsort(index, kind="stable")
        drawn, at = np.unique(index[order], return_inverse=True)
        merged[drawn] = shapely.multipolygons(geoms[order], indices=at)
    return gpd.GeoDataFrame(
        {
            "site": site,
            "site_id": sites["site_id"].to_numpy(dtype=object)[site],
            "kind": "terrain",
            "area_km2": counts[site] * grid.res * grid.res / 1e6,
        },
        geometry=gpd.GeoSeries(merged, crs=grid.crs),
    )
