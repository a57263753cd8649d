"""Terrain deliverables kept light without changing what they show: a page draws the
covered cells of its view only, and the traced footprints are simplified to the grid."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from matplotlib.image import AxesImage
from rasterio.windows import Window, from_bounds

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import load_inputs
from coverage_planner.maps.layout import MapSpec, map_figure
from coverage_planner.params import Parameters, TerrainParams
from tests.reports.studies import small_study


@pytest.fixture(scope="module")
def terrain_result(tmp_path_factory):
    files = small_study(tmp_path_factory.mktemp("pages"), dem=True)
    params = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    return run(load_inputs(files), params=params)


def test_a_commune_page_draws_exactly_the_covered_cells_of_its_view(terrain_result):
    result = terrain_result
    row = result.communes.iloc[1]
    spec = MapSpec(bounds=tuple(row.geometry.bounds), layout="atlas", orientation="portrait")
    fig = map_figure(result, spec)
    (image,) = [a for a in fig.axes[0].get_children() if isinstance(a, AxesImage)]
    x0, x1, y0, y1 = image.get_extent()
    vx0, vx1 = fig.axes[0].get_xlim()
    vy0, vy1 = fig.axes[0].get_ylim()
    g = result.grid.transform
    grid_box = shapely.box(g.c, g.f + g.e * result.grid.height, g.c + g.a * result.grid.width, g.f)
    shown = shapely.box(vx0, vy0, vx1, vy1).intersection(grid_box)
    assert shapely.box(x0, y0, x1, y1).contains(shown)  # all the grid the view shows
    # the same cells, read through rasterio's own window arithmetic
    w = from_bounds(x0, y0, x1, y1, transform=result.grid.transform).round_offsets().round_lengths()
    assert isinstance(w, Window)
    r0, c0 = int(w.row_off), int(w.col_off)
    cells = result.rasters["4G"].covered[r0 : r0 + int(w.height), c0 : c0 + int(w.width)]
    assert np.array_equal(np.asarray(image.get_array()).astype(bool), cells)
    assert cells.size < result.rasters["4G"].covered.size  # a window, not the province


def test_the_province_map_draws_every_covered_cell(terrain_result):
    fig = map_figure(terrain_result, MapSpec())
    (image,) = [a for a in fig.axes[0].get_children() if isinstance(a, AxesImage)]
    covered = terrain_result.rasters["4G"].covered
    drawn = np.asarray(image.get_array()).astype(bool)
    assert drawn.sum() == covered.sum() and shapely.box(*image.get_extent()).area > 0
