"""Terrain model in pieces: per-polygon counts without temporaries, and the output
grids processed in tiles equal to the whole grid, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from coverage_planner.coverage.terrain.counts import label_counts
from tests.coverage.test_terrain_cache import TECHS, assert_same, case  # noqa: F401 - fixture


def test_label_counts_equal_bincount_brute_force():
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 40, size=(57, 91)).astype(np.int32)
    covered = rng.random((57, 91)) < 0.37
    cells, hits = label_counts(labels, covered, 45)
    # brute force: one polygon at a time
    for k in range(1, 46):
        assert cells[k - 1] == int((labels == k).sum())
        assert hits[k - 1] == int(((labels == k) & covered).sum())


def test_label_counts_refuse_labels_out_of_range():
    with pytest.raises(ValueError):
        label_counts(np.array([[0, 5]], np.int32), np.array([[True, False]]), 4)


def test_at_least_compares_in_float64_like_numpy():
    from coverage_planner.coverage.terrain.counts import at_least

    level = np.array([[-90.0, -90.000001, -89.99]], dtype=np.float32)
    threshold = float(np.float32(-90.0)) - 1e-9
    assert at_least(level, threshold).tolist() == (level >= np.float64(threshold)).tolist()
    rng = np.random.default_rng(0)
    grid = rng.normal(-95, 10, size=(33, 47)).astype(np.float32)
    np.testing.assert_array_equal(at_least(grid, -95.3), grid >= np.float64(-95.3))


def test_tiled_grids_equal_the_whole_grid_bit_for_bit(case, tmp_path):  # noqa: F811 - fixture
    """Tiles of 45 cells (5 blocks of 9) on a 234-cell grid with rough terrain, sector
    and omni sites of three technologies: the assembled tiles equal the whole grid."""
    from coverage_planner.coverage.terrain.model import best_server_grids
    from coverage_planner.coverage.terrain.tiles import (
        assemble,
        disk_rasters,
        tile_spans,
        tiled_grids,
    )
    from coverage_planner.coverage.terrain.windows import WindowCache

    sites, terrain, p = case
    whole = best_server_grids(sites, terrain, p, TECHS, workers=1)
    spans = tile_spans(terrain.grid.height, 50, 9)
    assert len(spans) > 4 and all((b - a) % 9 == 0 or b == terrain.grid.height for a, b in spans)
    tiles = tiled_grids(sites, terrain, p, TECHS, tile_cells=50, workers=1)
    on_disk = assemble(tiles, disk_rasters(terrain, p, TECHS))
    assert isinstance(on_disk["2G"].level, np.memmap)
    assert_same(on_disk, whole)
    # from a disk cache filled by an earlier run, with two workers: the same
    cache = WindowCache(tmp_path / "c")
    best_server_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    again = assemble(
        tiled_grids(sites, terrain, p, TECHS, tile_cells=100, workers=2, cache=cache),
        disk_rasters(terrain, p, TECHS),
    )
    assert cache.computed == 0
    assert_same(again, whole)
    for tech in TECHS:  # a case where tiles matter: many servers, overlapping sites
        assert len(np.unique(whole[tech].server)) > 3 and whole[tech].servers.max() > 1


def test_an_audit_in_tiles_equals_the_whole_grid_audit(tmp_path):
    """A province grid over ``max_grid_mcells`` is computed in tiles kept on disk: the
    GeoTIFFs and every table equal those of the whole-grid audit."""
    import json

    import rasterio

    from tests.coverage.test_terrain import audit_small_study_with_dem

    config = tmp_path / "tiles.toml"
    config.write_text("[terrain]\nmax_grid_mcells = 0.005\ntile_km = 2.5\n", encoding="utf-8")
    plain = audit_small_study_with_dem(tmp_path / "a", "--no-cache")
    tiled = audit_small_study_with_dem(tmp_path / "b", "--no-cache", "--config", str(config))
    assert "tiles" in (tiled / "audit.log").read_text(encoding="utf-8")
    tifs = sorted(p.name for p in plain.glob("*.tif"))
    assert tifs
    for name in tifs:
        with rasterio.open(plain / name) as a, rasterio.open(tiled / name) as b:
            np.testing.assert_array_equal(b.read(), a.read())
    for name in ("villages.csv", "communes.csv", "uncovered_villages.csv"):
        assert (tiled / name).read_bytes() == (plain / name).read_bytes()
    a = json.loads((plain / "summary.json").read_text(encoding="utf-8"))
    b = json.loads((tiled / "summary.json").read_text(encoding="utf-8"))
    for key in ("villages_covered_pct", "area_covered_pct"):
        assert a[key] == b[key]
