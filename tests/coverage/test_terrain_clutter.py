"""Land cover: the loss of the receiver's class is added to the path, exactly, in the
tier's cells; a table in the configuration replaces the WorldCover defaults; unknown
classes are counted."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from coverage_planner.coverage.terrain.clutter import WORLDCOVER_LOSS_DB
from coverage_planner.coverage.terrain.model import best_server_grids, flat_terrain, with_clutter
from coverage_planner.params import Parameters
from tests.coverage.test_terrain_prediction import CRS, RES, X0, Y0, one_site


def case(params, classes_of):
    side = 2 * 135 * RES
    terrain = flat_terrain((X0, Y0, X0 + side, Y0 + side), CRS, 400.0, params, ["4G"])
    grid = terrain.grid
    row, col = grid.height // 2, grid.width // 2
    cx, cy = grid.transform.c + (col + 0.5) * RES, grid.transform.f - (row + 0.5) * RES
    plain = best_server_grids(one_site(cx, cy), terrain, params, ["4G"], workers=1)["4G"].level
    classes = classes_of(grid)
    with_clutter(terrain, classes, params)
    level = best_server_grids(one_site(cx, cy), terrain, params, ["4G"], workers=1)["4G"].level
    return plain, level, classes, terrain


def forest_east(grid):
    classes = np.full((grid.height, grid.width), 30, np.int32)  # grassland
    classes[:, grid.width // 2 + 20 :] = 10  # tree cover east of the site
    return classes


def test_the_receivers_class_adds_its_loss():
    p = Parameters(model="terrain")
    plain, level, classes, _ = case(p, forest_east)
    reached = plain > -999
    # fine cells (within 4 km): exactly the class's loss, to the stored 0.01 dB
    near = reached.copy()
    h, w = plain.shape
    rr, cc = np.mgrid[0:h, 0:w]
    near &= np.hypot(rr - h // 2, cc - w // 2) * RES < 3500
    expected = plain - np.vectorize(WORLDCOVER_LOSS_DB.get)(classes).astype(np.float32)
    np.testing.assert_allclose(level[near], expected[near], atol=0.011)
    assert (plain - level)[near & (classes == 10)].mean() == pytest.approx(12.0, abs=0.02)


def test_a_table_in_the_configuration_and_unknown_classes(tmp_path):
    path = tmp_path / "thong_so.toml"
    path.write_text("[terrain]\n[terrain.clutter]\n10 = 20.0\n30 = 0.0\n", encoding="utf-8")
    p = Parameters.from_toml(path)
    assert dict(p.terrain.clutter_loss_db) == {10: 20.0, 30: 0.0}

    def with_odd(grid):
        classes = forest_east(grid)
        classes[:5, :5] = 77  # a class the table does not know
        return classes

    plain, level, classes, terrain = case(p, with_odd)
    near = (plain > -999) & (classes == 10)
    assert (plain - level)[near].max() == pytest.approx(20.0, abs=0.02)
    assert terrain.clutter_unknown == 25


def test_audit_reads_a_worldcover_raster(tmp_path):
    from tests.coverage.test_terrain import audit_small_study_with_dem

    plain = audit_small_study_with_dem(tmp_path / "a")
    # a WorldCover-like raster in WGS 84, all tree cover, over the study
    with rasterio.open(
        tmp_path / "wc.tif",
        "w",
        driver="GTiff",
        width=400,
        height=400,
        count=1,
        dtype="uint8",
        crs="EPSG:4326",
        transform=from_origin(102.0, 23.0, 0.01, 0.01),
    ) as dst:
        dst.write(np.full((1, 400, 400), 10, np.uint8))
    forest = audit_small_study_with_dem(tmp_path / "b", "--clutter", str(tmp_path / "wc.tif"))
    with rasterio.open(plain / "level_4g.tif") as a, rasterio.open(forest / "level_4g.tif") as b:
        x, y = a.read(1), b.read(1)
    both = (x > -999) & (y > -999)
    assert both.sum() > 100
    assert np.median(x[both] - y[both]) == pytest.approx(12.0, abs=0.02)
