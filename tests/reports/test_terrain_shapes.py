"""The terrain coverage traced as polygons: specks go to their neighbour, the figures
stay the grid's. A hand-built grid whose answer is known cell by cell."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from affine import Affine

from coverage_planner.coverage.terrain.grid import Grid, TechnologyRasters
from coverage_planner.coverage.terrain.shapes import SPECK_CELLS, covered_polygons, served_areas

RES = 30.0


def hand_built():
    """20 × 20 cells: site 0 serves the left half, site 1 the right half; inside the
    left half a lone cell of site 1 and a two-cell shadow; far right two uncovered
    columns holding one covered cell of site 0. Site 2 serves nothing."""
    server = np.zeros((20, 20), dtype=np.int32)
    server[:, 10:] = 1
    level = np.full((20, 20), -80.0, dtype=np.float32)
    server[5, 3] = 1  # a speck of site 1 in site 0's area
    level[12, 4:6] = -130.0  # a two-cell shadow hole in site 0's area
    level[:, 18:] = -130.0  # two uncovered columns ...
    level[8, 19] = -80.0  # ... with a lone covered cell
    server[8, 19] = 0
    rasters = TechnologyRasters(
        level=level, server=server, servers=np.ones_like(server, dtype=np.uint16), threshold=-100.0
    )
    grid = Grid(Affine(RES, 0, 0, 0, -RES, 20 * RES), 20, 20, "EPSG:32648")
    sites = gpd.GeoDataFrame({"site_id": ["A", "B", "C"]}, geometry=[shapely.Point(0, 0)] * 3)
    return rasters, grid, sites


def box(c0, r0, c1, r1):
    """The cells of columns c0..c1-1 and rows r0..r1-1."""
    return shapely.box(c0 * RES, (20 - r1) * RES, c1 * RES, (20 - r0) * RES)


def test_specks_join_their_neighbour_and_areas_stay_the_cell_counts():
    assert SPECK_CELLS > 2  # the two-cell shadow is a speck
    rasters, grid, sites = hand_built()
    areas = served_areas(rasters, grid, sites)
    assert list(areas["site_id"]) == ["A", "B"]  # C serves no cell
    cell = RES * RES / 1e6
    # the figures: the cells each site serves above the threshold, counted by hand
    assert areas["area_km2"].tolist() == pytest.approx(
        [(200 - 1 - 2 + 1) * cell, (200 - 40 + 1) * cell]
    )
    a, b = areas.geometry
    # the shapes: the speck and the shadow filled by site 0, the lone cell dropped
    assert shapely.equals(a, box(0, 0, 10, 20))
    assert shapely.equals(b, box(10, 0, 18, 20))
    # straight edges keep their corners only
    assert shapely.get_num_coordinates(a) == 5


def test_covered_polygons_fill_shadows_drop_lone_cells():
    rasters, grid, _ = hand_built()
    parts = covered_polygons(rasters, grid)
    assert shapely.equals(shapely.union_all(parts), box(0, 0, 18, 20))


def test_staircases_are_straightened_to_within_a_cell():
    """A coverage edge along a diagonal: 40 cells of staircase traced as 80 corners,
    straightened to a few vertices, no point of the shape further than one cell from
    the cells (Hausdorff distance against the cells built box by box), the area attribute
    still the cells' count."""
    from coverage_planner.coverage.terrain.shapes import SIMPLIFY_CELLS

    n = 40
    rows, cols = np.indices((n, n))
    level = np.where(cols <= rows, -80.0, -130.0).astype(np.float32)  # the lower triangle
    server = np.zeros((n, n), dtype=np.int32)
    rasters = TechnologyRasters(
        level=level, server=server, servers=np.ones_like(server, dtype=np.uint16), threshold=-100.0
    )
    grid = Grid(Affine(RES, 0, 0, 0, -RES, n * RES), n, n, "EPSG:32648")
    sites = gpd.GeoDataFrame({"site_id": ["A"]}, geometry=[shapely.Point(0, 0)])
    areas = served_areas(rasters, grid, sites)
    r, c = np.nonzero(level > -100)
    cells = shapely.union_all(shapely.box(c * RES, (n - r - 1) * RES, (c + 1) * RES, (n - r) * RES))
    shape = areas.geometry.iloc[0]
    assert areas["area_km2"].iloc[0] == pytest.approx(len(r) * RES * RES / 1e6)
    assert shapely.get_num_coordinates(cells) > 2 * n
    assert shapely.get_num_coordinates(shape) <= 8
    assert shapely.hausdorff_distance(shape, cells) <= SIMPLIFY_CELLS * RES + 1e-6
    assert abs(shape.area - cells.area) <= n * SIMPLIFY_CELLS * RES * RES
    assert shapely.is_valid(shape)
