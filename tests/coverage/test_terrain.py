"""The terrain model against analytic cases, hand-built walls and slopes, GDAL's
viewshed, and itself with one and two worker processes."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from coverage_planner.coverage.engine import run
from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.los import line_of_sight, sector_gain, window_geometry
from coverage_planner.coverage.terrain.model import (
    Grid,
    best_server_grids,
    flat_terrain,
    terrain_grids,
)
from coverage_planner.io.inputs import Inputs
from coverage_planner.io.rasters import load_raster
from coverage_planner.params import Parameters, TerrainParams

CRS = 32648
TECHS = ["2G", "3G", "4G"]
X0, Y0, RES = 400_000.0, 2_450_000.0, 30.0


def write_dem(path, z):
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=z.shape[1],
        height=z.shape[0],
        count=1,
        dtype="float32",
        crs=f"EPSG:{CRS}",
        transform=from_origin(X0, Y0 + z.shape[0] * RES, RES, RES),
    ) as dst:
        dst.write(z.astype(np.float32), 1)
    return load_raster(path, role="DEM")


def site_frame(x, y, *, height=30.0, radius_km=20.0, tech="4G"):
    s = gpd.GeoDataFrame(
        {
            "site_id": ["A"],
            "serves_2g": [tech == "2G"],
            "serves_3g": [tech == "3G"],
            "serves_4g": [tech == "4G"],
            "serves_5g": [False],
            "radius_km": [radius_km],
            "antenna_height_m": [height],
            "azimuths": [""],
            "beamwidth_deg": [np.nan],
        },
        geometry=[shapely.Point(x, y)],
        crs=CRS,
    )
    s["site_id"] = s["site_id"].astype(object)
    return s


def params(**tech):
    p = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    techs = dict(p.technologies)
    techs["4G"] = replace(techs["4G"], **tech)
    return replace(p, technologies=techs)


def _wall_case(tmp_path, antenna_height):
    z = np.full((200, 300), 300.0)
    z[:, 65:68] = 420.0  # a 120 m wall, 90 m thick, north-south, 1.5 km east of the site
    dem = write_dem(tmp_path / "wall.tif", z)
    sx, sy = X0 + 15 * RES + RES / 2, Y0 + 100 * RES + RES / 2
    villages = gpd.GeoDataFrame(
        {
            "village_id": ["behind", "front"],
            "village_name": ["Bản Sau Núi", "Bản Trước"],
            "population": [100.0, 100.0],
            "commune_id": "C1",
        },
        geometry=[
            shapely.box(X0 + 170 * RES, Y0 + 95 * RES, X0 + 180 * RES, Y0 + 105 * RES),
            shapely.box(X0 + 30 * RES, Y0 + 95 * RES, X0 + 40 * RES, Y0 + 105 * RES),
        ],
        crs=CRS,
    )
    villages["village_id"] = villages["village_id"].astype(object)
    communes = gpd.GeoDataFrame(
        {
            "commune_id": ["C1"],
            "commune_name": ["Xã Một"],
            "district": [None],
            "population": [np.nan],
        },
        geometry=[shapely.box(X0, Y0, X0 + 300 * RES, Y0 + 200 * RES)],
        crs=CRS,
    )
    inputs = Inputs(
        communes=communes,
        villages=villages,
        sites=site_frame(sx, sy, height=antenna_height, radius_km=8.0),
        crs=communes.crs,
        dem=dem,
    )
    return run(inputs, params=params()).villages.set_index("village_id")


def test_a_wall_blocks_and_a_higher_antenna_clears_it(tmp_path):
    low = _wall_case(tmp_path, 30.0)
    assert low.loc["front", "covered_4g"]
    assert not low.loc["behind", "covered_4g"]
    assert (
        low.loc["behind", "reason_4g"] == "terrain_shadow"
        and low.loc["behind", "blocking_site_4g"] == "A"
    )
    # From 200 m up, the ray to the village (4.7-5 km) passes the wall with about 18 m to spare.
    high = _wall_case(tmp_path, 200.0)
    assert high.loc["behind", "covered_4g"]


def test_far_slope_facing_the_site_is_seen():
    # Flat 300 m for 3 km, then a slope rising 100 m per km away from the site: its face
    # looks at the antenna, so every cell of it is in sight; a ridge beyond hides its back.
    n = 200
    di, dj = np.mgrid[-n : n + 1, -n : n + 1]
    dist = RES * np.hypot(di, dj)
    z = 300.0 + np.clip(dist - 3000.0, 0, None) * 0.1
    z[dist > 5000] = 300.0 + 200.0 - (dist[dist > 5000] - 5000.0) * 0.1  # the back slope
    visible = line_of_sight(z, RES, 30.0)
    slope = (dist > 3000) & (dist < 4900)
    back = (dist > 5300) & (dist < 5900)
    assert visible[slope].mean() > 0.99
    assert visible[back].mean() < 0.01


def test_sector_gain_equals_the_numpy_pattern():
    _, _, bearing = window_geometry(50, RES)
    az = np.array([15.0, 135.0, 255.0])
    np.testing.assert_allclose(
        sector_gain(bearing, az, 65.0, 25.0),
        radio.sector_gain_db(bearing, az, 65.0, front_to_back_db=25.0),
        atol=1e-9,
    )


def test_knife_edge_matches_p526_values():
    # ITU-R P.526: J(0) ≈ 6 dB, J(-0.78) ≈ 0, J(1) ≈ 13.9 dB, J(2.4) ≈ 20.6 dB
    assert radio.knife_edge_loss(np.array([0.0]))[0] == pytest.approx(6.0, abs=0.1)
    assert radio.knife_edge_loss(np.array([-1.0]))[0] == 0.0
    assert radio.knife_edge_loss(np.array([1.0]))[0] == pytest.approx(13.9, abs=0.2)
    assert radio.knife_edge_loss(np.array([2.4]))[0] == pytest.approx(20.6, abs=0.3)


@pytest.mark.skipif(
    shutil.which("gdal_viewshed") is None, reason="gdal_viewshed (Debian gdal-bin) is not installed"
)
def test_line_of_sight_agrees_with_gdal_viewshed_on_the_demo_dem(tmp_path, demo_inputs):
    from coverage_planner.coverage.terrain.model import read_dem
    from coverage_planner.demo import demo_files

    dem_src = load_raster(demo_files().dem.path, role="DEM")
    sites = demo_inputs.sites.iloc[::200].head(8)
    agreement = []
    for _, site in sites.iterrows():
        n = 120  # 3.6 km at 30 m
        x, y = site.geometry.x, site.geometry.y
        grid = Grid.covering(
            (x - n * RES, y - n * RES, x + n * RES, y + n * RES), RES, demo_inputs.crs
        )
        z = read_dem(dem_src, grid)
        row, col = grid.cell_of(np.array([x]), np.array([y]))
        row, col = int(row[0]), int(col[0])
        m = min(row, col, z.shape[0] - 1 - row, z.shape[1] - 1 - col, n)
        window = z[row - m : row + m + 1, col - m : col + m + 1].astype(np.float64)
        h = float(site["antenna_height_m"])
        mine = line_of_sight(window, RES, h)
        path = tmp_path / "w.tif"
        ox = grid.transform.c + (col - m + m + 0.5) * RES
        oy = grid.transform.f - (row - m + m + 0.5) * RES
        with rasterio.open(
            path,
            "w",
            driver="GTiff",
            width=window.shape[1],
            height=window.shape[0],
            count=1,
            dtype="float32",
            crs=demo_inputs.crs.to_wkt(),
            transform=from_origin(
                grid.transform.c + (col - m) * RES, grid.transform.f - (row - m) * RES, RES, RES
            ),
        ) as dst:
            dst.write(window.astype(np.float32), 1)
        out = tmp_path / "vs.tif"
        subprocess.run(
            [
                "gdal_viewshed",
                "-q",
                "-ox",
                str(ox),
                "-oy",
                str(oy),
                "-oz",
                str(h),
                "-tz",
                "1.5",
                "-cc",
                str(1 / (4 / 3)),
                "-vv",
                "255",
                "-iv",
                "0",
                "-ov",
                "0",
                str(path),
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        with rasterio.open(out) as src:
            theirs = src.read(1) == 255
        di, dj = np.mgrid[-m : m + 1, -m : m + 1]
        within = np.hypot(di, dj) <= m
        agreement.append((mine[within] == theirs[within]).mean())
    assert np.mean(agreement) >= 0.98, agreement


def test_one_and_two_workers_give_identical_grids(tmp_path):
    rng = np.random.default_rng(3)
    z = 400 + np.cumsum(np.cumsum(rng.normal(0, 1, (220, 220)), axis=0), axis=1) * 0.3
    dem = write_dem(tmp_path / "rough.tif", z)
    p = Parameters(model="terrain")
    terrain = terrain_grids(dem, (X0, Y0, X0 + 220 * RES, Y0 + 220 * RES), CRS, p, TECHS)
    pts = rng.uniform([X0 + 300, Y0 + 300], [X0 + 6300, Y0 + 6300], (12, 2))
    sites = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i}" for i in range(12)],
            "serves_2g": True,
            "serves_3g": rng.random(12) < 0.6,
            "serves_4g": rng.random(12) < 0.5,
            "serves_5g": False,
            "radius_km": np.nan,
            "antenna_height_m": rng.choice([20.0, 30.0, 40.0], 12),
            "azimuths": ["0/120/240" if i % 3 else "" for i in range(12)],
            "beamwidth_deg": 65.0,
        },
        geometry=shapely.points(pts),
        crs=CRS,
    )
    one = best_server_grids(sites, terrain, p, TECHS, workers=1)
    two = best_server_grids(sites, terrain, p, TECHS, workers=2)
    for tech in one:
        np.testing.assert_array_equal(one[tech].level, two[tech].level)
        np.testing.assert_array_equal(one[tech].server, two[tech].server)
        np.testing.assert_array_equal(one[tech].servers, two[tech].servers)


def audit_small_study_with_dem(tmp_path, *extra):
    tmp_path.mkdir(parents=True, exist_ok=True)
    """The three-commune study of tests/io with a DEM, through the audit command."""
    from coverage_planner import cli
    from tests.io.helpers import communes_utm, site_rows, villages_utm

    communes_utm().to_file(tmp_path / "xa.gpkg")
    villages_utm().to_file(tmp_path / "ban.gpkg")
    site_rows().to_csv(tmp_path / "bts.csv", index=False)
    z = 300 + 50 * np.sin(np.linspace(0, 6, 500))[None, :] * np.ones((400, 1))
    with rasterio.open(
        tmp_path / "dem.tif",
        "w",
        driver="GTiff",
        width=500,
        height=400,
        count=1,
        dtype="float32",
        crs="EPSG:32648",
        transform=from_origin(300_000, 2_475_000, 100, 100),
    ) as dst:
        dst.write(z.astype(np.float32), 1)
    out = tmp_path / "out"
    args = [
        "audit",
        "--communes",
        str(tmp_path / "xa.gpkg"),
        "--villages",
        str(tmp_path / "ban.gpkg"),
        "--sites",
        str(tmp_path / "bts.csv"),
        "--dem",
        str(tmp_path / "dem.tif"),
        "--out",
        str(out),
        "--quiet",
        "--no-maps",
        "--no-atlas",
        "--no-kmz",
        "--no-workbook",
        *extra,
    ]
    assert cli.main(args) == 0
    return out


def test_audit_with_a_dem_writes_the_grids(tmp_path):
    out = audit_small_study_with_dem(tmp_path)
    with (
        rasterio.open(out / "level_4g.tif") as lv,
        rasterio.open(out / "covered_4g.tif") as cv,
        rasterio.open(out / "server_4g.tif") as sv,
    ):
        assert lv.crs.to_epsg() == 32648 and lv.res == (30.0, 30.0) and lv.profile["tiled"]
        level, covered, server = lv.read(1), cv.read(1), sv.read(1)
    np.testing.assert_array_equal(
        covered == 1, level >= Parameters().technologies["4G"].threshold_dbm
    )
    assert set(np.unique(server)) <= {0, 1, 2, 3}  # rows of sites.csv, 0 = none
    assert ((server > 0) == (level > -999)).all()


def test_a_sites_own_power_overrides_the_default():
    p = params(tx_power_dbm=-5.0, downtilt_deg=0.0)
    tp = p.technologies["4G"]
    cx, cy = X0 + 198 * RES + RES / 2, Y0 + 198 * RES + RES / 2
    sites = site_frame(cx, cy).assign(tx_power_dbm=-12.0)  # 7 dB below the technology's default
    terrain = flat_terrain((X0, Y0, X0 + 396 * RES, Y0 + 396 * RES), CRS, 500.0, p, ["4G"])
    grids = best_server_grids(sites, terrain, p, ["4G"], workers=1)
    expected = 1000 * radio.hata_range_km(
        -12.0 + tp.antenna_gain_dbi - tp.feeder_loss_db - tp.threshold_dbm, tp.frequency_mhz, 30.0
    )
    area = grids["4G"].covered.sum() * RES * RES
    assert area == pytest.approx(np.pi * expected**2, rel=0.04)


def test_audit_model_switch_keeps_the_disk_model(tmp_path):
    out = audit_small_study_with_dem(tmp_path, "--model", "disk")
    assert not list(out.glob("*.tif"))
