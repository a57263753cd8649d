"""The terrain model's per-site windows and their cache: composed grids equal the
uncached computation bit for bit, an edited site recomputes exactly its own windows,
and a cache file truncated or written by another version is rebuilt."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import shapely

from coverage_planner.coverage.terrain import windows
from coverage_planner.coverage.terrain.model import best_server_grids, terrain_grids
from coverage_planner.coverage.terrain.windows import WindowCache
from coverage_planner.params import Parameters, TerrainParams
from tests.coverage.test_terrain import CRS, X0, Y0, write_dem

TECHS = ["2G", "3G", "4G"]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    rng = np.random.default_rng(11)
    z = 400 + np.cumsum(np.cumsum(rng.normal(0, 1, (270, 270)), axis=0), axis=1) * 0.25
    dem = write_dem(tmp_path_factory.mktemp("dem") / "rough.tif", z)
    p = Parameters(
        model="terrain", terrain=TerrainParams(workers=1, near_range_km=2.0, mid_range_km=4.0)
    )
    techs = {t: replace(tp, max_range_km=6.0) for t, tp in p.technologies.items()}
    p = replace(p, technologies=techs)
    bounds = (X0 + 600, Y0 + 600, X0 + 7500, Y0 + 7500)
    terrain = terrain_grids(dem, bounds, CRS, p, TECHS)
    pts = rng.uniform([X0 + 900, Y0 + 900], [X0 + 7200, Y0 + 7200], (14, 2))
    sites = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i}" for i in range(14)],
            "serves_2g": True,
            "serves_3g": rng.random(14) < 0.6,
            "serves_4g": rng.random(14) < 0.5,
            "serves_5g": False,
            "radius_km": np.nan,
            "antenna_height_m": rng.choice([20.0, 30.0, 40.0], 14),
            "azimuths": ["0/120/240" if i % 3 else "" for i in range(14)],
            "beamwidth_deg": 65.0,
        },
        geometry=shapely.points(pts),
        crs=CRS,
    )
    return sites, terrain, p


def assert_same(a, b):
    for tech in a:
        np.testing.assert_array_equal(a[tech].level, b[tech].level)
        np.testing.assert_array_equal(a[tech].server, b[tech].server)
        np.testing.assert_array_equal(a[tech].servers, b[tech].servers)


def test_cached_equals_uncached_and_an_edit_recomputes_one_site(case, tmp_path):
    sites, terrain, p = case
    uncached = best_server_grids(sites, terrain, p, TECHS, workers=1)
    cache = WindowCache(tmp_path / "cache")
    first = best_server_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    assert cache.computed == len(sites)
    assert_same(first, uncached)
    # a second run in a fresh process's cache (disk only) computes nothing
    again = WindowCache(tmp_path / "cache")
    second = best_server_grids(sites, terrain, p, TECHS, workers=2, cache=again)
    assert again.computed == 0
    assert_same(second, uncached)
    # edit one site's height: exactly that site is computed again
    edited = sites.copy()
    edited.loc[5, "antenna_height_m"] = 55.0
    third = best_server_grids(edited, terrain, p, TECHS, workers=1, cache=again)
    assert again.computed == 1
    assert_same(third, best_server_grids(edited, terrain, p, TECHS, workers=1))
    # ... and so does a moved one, and a changed parameter of one technology recomputes
    # the sites serving it
    moved = sites.copy()
    moved.loc[2, "geometry"] = shapely.Point(sites.geometry[2].x + 300.0, sites.geometry[2].y)
    best_server_grids(moved, terrain, p, TECHS, workers=1, cache=again)
    assert again.computed == 1
    techs = dict(p.technologies)
    techs["4G"] = replace(techs["4G"], tx_power_dbm=15.0)
    best_server_grids(sites, terrain, replace(p, technologies=techs), TECHS, workers=1, cache=again)
    assert again.computed == int(sites["serves_4g"].sum())


def test_a_truncated_or_foreign_cache_file_is_rebuilt(case, tmp_path):
    sites, terrain, p = case
    reference = best_server_grids(sites, terrain, p, TECHS, workers=1)
    cache = WindowCache(tmp_path / "cache")
    best_server_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    files = sorted((tmp_path / "cache").glob("*.win"))
    assert len(files) == len(sites)
    data = files[0].read_bytes()
    files[0].write_bytes(data[: len(data) // 2])  # truncated
    files[1].write_bytes(files[2].read_bytes())  # another site's file under this key
    version = windows.FORMAT_VERSION
    fresh = WindowCache(tmp_path / "cache")
    grids = best_server_grids(sites, terrain, p, TECHS, workers=1, cache=fresh)
    assert fresh.rejected == 2 and fresh.computed == 2
    assert_same(grids, reference)
    # a cache written by another version of the format is never read
    try:
        windows.FORMAT_VERSION = version + 1
        other = WindowCache(tmp_path / "cache")
        best_server_grids(sites, terrain, p, TECHS, workers=1, cache=other)
        assert other.computed == len(sites)
    finally:
        windows.FORMAT_VERSION = version


def test_the_disk_cache_stays_within_its_size(case, tmp_path):
    sites, terrain, p = case
    cache = WindowCache(tmp_path / "cache")
    best_server_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    sizes = [f.stat().st_size for f in (tmp_path / "cache").glob("*.win")]
    bounded = WindowCache(tmp_path / "small", disk_bytes=sum(sizes) // 2, memory_bytes=1)
    best_server_grids(sites, terrain, p, TECHS, workers=1, cache=bounded)
    kept = sum(f.stat().st_size for f in (tmp_path / "small").glob("*.win"))
    assert 0 < kept <= sum(sizes) // 2


def test_audit_with_the_cache_equals_no_cache_bit_for_bit(tmp_path):
    import rasterio

    from tests.coverage.test_terrain import audit_small_study_with_dem

    plain = audit_small_study_with_dem(tmp_path / "a", "--no-cache")
    first = audit_small_study_with_dem(tmp_path / "b", "--cache", str(tmp_path / "cache"))
    second = audit_small_study_with_dem(tmp_path / "c", "--cache", str(tmp_path / "cache"))
    assert list((tmp_path / "cache").glob("*.win"))
    tifs = sorted(p.name for p in plain.glob("*.tif"))
    assert tifs
    for name in tifs:
        with rasterio.open(plain / name) as a:
            reference = a.read()
        for other in (first, second):
            with rasterio.open(other / name) as b:
                np.testing.assert_array_equal(b.read(), reference)
    for name in ("villages.csv", "communes.csv", "summary.json", "uncovered_villages.csv"):
        assert (first / name).read_bytes() == (plain / name).read_bytes()
        assert (second / name).read_bytes() == (plain / name).read_bytes()


def test_a_candidate_sites_coverage_is_what_the_audit_grids_give_it(case):
    from coverage_planner.coverage.terrain.model import candidate_coverage

    sites, terrain, p = case
    one = sites.iloc[[3]].assign(serves_2g=False, serves_3g=False, serves_4g=True)
    grids = best_server_grids(one, terrain, p, ["4G"], workers=1)
    x, y = one.geometry.iloc[0].x, one.geometry.iloc[0].y
    got = candidate_coverage(
        terrain,
        x=x,
        y=y,
        technology="4G",
        params=p,
        antenna_height_m=float(one["antenna_height_m"].iloc[0]),
        azimuths=tuple(float(a) for a in str(one["azimuths"].iloc[0]).split("/") if a),
        beamwidth_deg=65.0,
    )
    expected = np.flatnonzero(grids["4G"].covered.ravel())
    assert len(expected) > 100
    np.testing.assert_array_equal(got.covered_cells, expected)
