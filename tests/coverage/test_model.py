"""The model on hand-built cases whose answers are worked out by hand."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from coverage_planner.coverage.engine import run
from coverage_planner.coverage.footprints import footprints
from coverage_planner.coverage.population import population_sums
from coverage_planner.io.inputs import Inputs
from coverage_planner.io.rasters import load_raster
from coverage_planner.params import Parameters

CRS = 32648


def polygon_circle_area(r, quad_segs=16):
    n = 4 * quad_segs
    return 0.5 * n * r * r * math.sin(2 * math.pi / n)


def make_sites(rows):
    base = {
        "serves_2g": False,
        "serves_3g": False,
        "serves_4g": False,
        "serves_5g": False,
        "radius_km": np.nan,
        "azimuths": "",
        "beamwidth_deg": np.nan,
    }
    data = [{**base, **r} for r in rows]
    s = gpd.GeoDataFrame(data, geometry=[shapely.Point(r["xy"]) for r in rows], crs=CRS).drop(
        columns="xy"
    )
    s["site_id"] = s["site_id"].astype(object)
    return s


def make_inputs(villages, sites, communes=None, backbone=None):
    v = gpd.GeoDataFrame(villages, crs=CRS)
    v["village_id"] = v["village_id"].astype(object)
    c = (
        communes
        if communes is not None
        else gpd.GeoDataFrame(
            {
                "commune_id": ["C1"],
                "commune_name": ["Xã Một"],
                "district": [None],
                "population": [np.nan],
            },
            geometry=[shapely.box(-50_000, -50_000, 50_000, 50_000)],
            crs=CRS,
        )
    )
    return Inputs(communes=c, villages=v, sites=sites, crs=c.crs, backbone=backbone)


def test_disk_footprint_area_is_the_16_segment_polygon():
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_3g": True}])
    fp = footprints(sites, "3G", Parameters())
    assert fp.geometry.area.iloc[0] == pytest.approx(polygon_circle_area(3500), rel=1e-12)


def test_sector_footprint_is_wedge_plus_mast_disk():
    sites = make_sites(
        [{"site_id": "A", "xy": (0, 0), "serves_4g": True, "azimuths": "90", "beamwidth_deg": 90.0}]
    )
    fp = footprints(sites, "4G", Parameters()).geometry.iloc[0]
    r, mast = 3000, 500
    wedge = (
        polygon_circle_area(r) / 4
    )  # a quarter of the disk polygon (sector edges on its vertices)
    mast_rest = polygon_circle_area(mast) * 3 / 4
    assert fp.area == pytest.approx(wedge + mast_rest, rel=1e-9)
    assert fp.contains(shapely.Point(2900, 0)) and not fp.contains(shapely.Point(-2900, 0))
    assert fp.contains(shapely.Point(0, 400))  # the mast disk


def test_three_120_degree_sectors_are_a_disk():
    sites = make_sites(
        [
            {
                "site_id": "A",
                "xy": (0, 0),
                "serves_2g": True,
                "azimuths": "10/130/250",
                "beamwidth_deg": 120.0,
            }
        ]
    )
    fp = footprints(sites, "2G", Parameters())
    assert fp["kind"].iloc[0] == "disk"
    assert fp.geometry.area.iloc[0] == pytest.approx(polygon_circle_area(7000))


def test_site_radius_overrides_default():
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_4g": True, "radius_km": 1.0}])
    assert footprints(sites, "4G", Parameters()).geometry.area.iloc[0] == pytest.approx(
        polygon_circle_area(1000)
    )


def test_reasons_and_upgrade_site():
    # A 2G/3G/4G site at the origin; a 2G-only site at (20 km, 0); villages:
    #  V1 at the origin (covered by all), V2 at 20 km (2G only, a 4G upgrade of B
    #  covers it), V3 a large square half reached by A's 4G disk (partial), V4 far away.
    sites = make_sites(
        [
            {"site_id": "A", "xy": (0, 0), "serves_2g": True, "serves_3g": True, "serves_4g": True},
            {"site_id": "B", "xy": (20_000, 0), "serves_2g": True},
        ]
    )
    villages = {
        "village_id": ["V1", "V2", "V3", "V4"],
        "village_name": ["Bản Một", "Bản Hai", "Bản Ba", "Bản Bốn"],
        "population": [500.0, 300.0, 200.0, 100.0],
        "commune_id": "C1",
        "geometry": [
            shapely.box(-500, -500, 500, 500),
            shapely.box(19_500, -500, 20_500, 500),
            shapely.box(2_000, -3_000, 8_000, 3_000),
            shapely.box(40_000, 40_000, 41_000, 41_000),
        ],
    }
    result = run(make_inputs(villages, sites), params=Parameters())
    v = result.villages.set_index("village_id")
    assert v.loc["V1", ["covered_2g", "covered_3g", "covered_4g"]].all()
    assert v.loc["V2", "covered_2g"] and not v.loc["V2", "covered_4g"]
    assert v.loc["V2", "reason_4g"] == "upgrade" and v.loc["V2", "upgrade_site_4g"] == "B"
    assert v.loc["V3", "reason_4g"] == "partial" and 0 < v.loc["V3", "share_4g"] < 0.5
    assert v.loc["V4", "reason_4g"] == "out_of_range" and v.loc["V4", "reason_2g"] == "out_of_range"
    assert v.loc["V2", "nearest_site_4g"] == "A" and v.loc["V2", "nearest_km_4g"] == pytest.approx(
        20.0, abs=0.51
    )
    up = result.uncovered[result.uncovered["technology"] == "4G"]
    assert up["village_id"].tolist() == ["V2", "V3", "V4"]  # by population
    assert up.iloc[0]["action"] == "upgrade site B to 4G"


def test_point_villages_by_their_point():
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_4g": True}])
    villages = {
        "village_id": ["P1", "P2"],
        "village_name": ["Bản Gần", "Bản Xa"],
        "population": [10.0, 20.0],
        "commune_id": "C1",
        "geometry": [shapely.Point(2999, 0), shapely.Point(3100, 0)],
    }
    result = run(make_inputs(villages, sites), params=Parameters())
    assert result.villages["covered_4g"].tolist() == [True, False]
    assert result.villages["share_4g"].tolist() == [1.0, 0.0]


def test_ranking_population_then_distance():
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_2g": True}])
    far = [shapely.box(x, 30_000, x + 100, 30_100) for x in (0, 5_000, 10_000)]
    villages = {
        "village_id": ["X", "Y", "Z"],
        "village_name": ["X", "Y", "Z"],
        "population": [100.0, 100.0, 900.0],
        "commune_id": "C1",
        "geometry": [far[2], far[0], far[1]],
    }
    result = run(make_inputs(villages, sites), params=Parameters())
    ranked = result.uncovered[result.uncovered["technology"] == "2G"]["village_id"].tolist()
    assert ranked == ["Z", "Y", "X"]  # Z most people; Y nearer than X


def test_commune_and_province_figures_by_hand():
    # Two communes of 10 × 10 km; a 2G site covering all of C1's single village.
    communes = gpd.GeoDataFrame(
        {
            "commune_id": ["C1", "C2"],
            "commune_name": ["Xã Một", "Xã Hai"],
            "district": [None, None],
            "population": [np.nan, np.nan],
        },
        geometry=[shapely.box(0, 0, 10_000, 10_000), shapely.box(10_000, 0, 20_000, 10_000)],
        crs=CRS,
    )
    sites = make_sites(
        [{"site_id": "A", "xy": (5_000, 5_000), "serves_2g": True, "radius_km": 1.0}]
    )
    villages = {
        "village_id": ["V1", "V2", "V3"],
        "village_name": ["a", "b", "c"],
        "population": [600.0, 300.0, 100.0],
        "commune_id": ["C1", "C2", "C2"],
        "geometry": [
            shapely.box(4_500, 4_500, 5_500, 5_500),
            shapely.box(12_000, 1_000, 13_000, 2_000),
            shapely.box(15_000, 1_000, 16_000, 2_000),
        ],
    }
    result = run(make_inputs(villages, sites, communes=communes), params=Parameters())
    s = result.summary
    assert s["villages_covered_pct"]["2G"] == pytest.approx(100 / 3)
    assert s["population_covered_pct"]["2G"] == pytest.approx(60.0)
    assert s["area_covered_pct"]["2G"] == pytest.approx(100 * polygon_circle_area(1000) / 2e8)
    assert s["communes_with_mobile_pct"] == 50.0
    assert s["uncovered_villages"] == {"2G": 2, "3G": 3, "4G": 3}
    assert s["sites_by_technology"] == {"2G": 1, "3G": 0, "4G": 0}
    c = result.communes.set_index("commune_id")
    assert (
        c.loc["C1", "villages_covered_2g_pct"] == 100.0
        and c.loc["C2", "villages_covered_2g_pct"] == 0.0
    )
    assert c.loc["C2", "villages"] == 2


def test_broadband_access_point_or_route_within_reach():
    communes = gpd.GeoDataFrame(
        {
            "commune_id": ["C1", "C2", "C3"],
            "commune_name": ["a", "b", "c"],
            "district": None,
            "population": np.nan,
        },
        geometry=[
            shapely.box(0, 0, 10_000, 10_000),
            shapely.box(10_000, 0, 20_000, 10_000),
            shapely.box(20_000, 0, 30_000, 10_000),
        ],
        crs=CRS,
    )
    villages = {
        "village_id": ["V1", "V2", "V3"],
        "village_name": ["a", "b", "c"],
        "population": [1.0, 1.0, 1.0],
        "commune_id": ["C1", "C2", "C3"],
        "geometry": [
            shapely.box(1_000, 1_000, 2_000, 2_000),
            shapely.box(11_000, 1_000, 12_000, 2_000),
            shapely.box(21_000, 1_000, 22_000, 2_000),
        ],
    }
    backbone = gpd.GeoDataFrame(
        {"kind": ["access_point", "route"]},
        geometry=[
            shapely.Point(1_500, 1_500),
            shapely.LineString([(11_500, 3_900), (11_500, 9_000)]),
        ],
        crs=CRS,
    )
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_2g": True}])
    result = run(
        make_inputs(villages, sites, communes=communes, backbone=backbone), params=Parameters()
    )
    v = result.villages.set_index("village_id")
    assert v["has_broadband"].tolist() == [True, True, False]  # V2: route 1.9 km away, within 2 km
    assert v.loc["V2", "fibre_km"] == pytest.approx(1.9)
    c = result.communes.set_index("commune_id")
    assert c["has_broadband"].tolist() == [True, True, False]
    assert c.loc["C3", "fibre_km"] == pytest.approx(8.5)  # from x = 20 km to the route at 11.5 km
    assert result.summary["communes_with_broadband_pct"] == pytest.approx(200 / 3)
    narrow = run(
        make_inputs(villages, sites, communes=communes, backbone=backbone),
        params=Parameters(broadband_reach_km=1.0),
    )
    assert narrow.villages["has_broadband"].tolist() == [True, False, False]


def test_population_raster_sums(tmp_path):
    # 4 × 4 cells of 1 km holding 1..16 people; a polygon over the top-left 2 × 2
    # cells holds 1+2+5+6 = 14; one over half a cell holds half its count.
    values = np.arange(1, 17, dtype=np.float32).reshape(4, 4)
    path = tmp_path / "pop.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=4,
        height=4,
        count=1,
        dtype="float32",
        crs=f"EPSG:{CRS}",
        transform=from_origin(0, 4000, 1000, 1000),
        nodata=-1,
    ) as dst:
        dst.write(values, 1)
    polys = gpd.GeoDataFrame(
        geometry=[shapely.box(0, 2000, 2000, 4000), shapely.box(3000, 0, 3500, 1000)], crs=CRS
    )
    sums = population_sums(polys, load_raster(path, role="population"))
    assert sums == pytest.approx([14.0, 8.0])


def test_population_from_raster_when_villages_have_none(tmp_path):
    values = np.full((10, 10), 10.0, dtype=np.float32)
    path = tmp_path / "pop.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=10,
        height=10,
        count=1,
        dtype="float32",
        crs=f"EPSG:{CRS}",
        transform=from_origin(0, 10_000, 1000, 1000),
    ) as dst:
        dst.write(values, 1)
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_2g": True}])
    villages = {
        "village_id": ["V1"],
        "village_name": ["a"],
        "population": [np.nan],
        "commune_id": "C1",
        "geometry": [shapely.box(0, 0, 3_000, 2_000)],
    }
    inputs = make_inputs(villages, sites)
    inputs.population = load_raster(path, role="population")
    result = run(inputs, params=Parameters())
    assert result.villages["population"].iloc[0] == pytest.approx(60.0)
    assert any("summed from pop.tif" in (f.repair or "") for f in result.findings)


def test_no_sites_of_a_technology_means_every_village_uncovered():
    sites = make_sites([{"site_id": "A", "xy": (0, 0), "serves_2g": True}])
    villages = {
        "village_id": ["V1"],
        "village_name": ["a"],
        "population": [1.0],
        "commune_id": "C1",
        "geometry": [shapely.box(0, 0, 100, 100)],
    }
    result = run(make_inputs(villages, sites), params=Parameters())
    assert result.summary["villages_covered_pct"]["4G"] == 0.0
    assert pd.isna(result.villages["nearest_site_4g"].iloc[0])


def test_sector_footprints_equal_the_geos_union_of_their_pieces():
    """Random sector sites: the coordinate-built footprint equals mast ∪ (disk ∩ cone_i),
    computed here with GEOS overlays."""
    import math

    from coverage_planner.coverage.sectors import sector_footprints

    rng = np.random.default_rng(7)
    n = 200
    x, y = rng.uniform(0, 1e5, n), rng.uniform(0, 1e5, n)
    r = rng.uniform(800, 8000, n)
    mast = np.minimum(500.0, r)
    per_site = rng.integers(1, 4, n)
    owner = np.repeat(np.arange(n), per_site)
    azimuth = rng.integers(0, 360, len(owner)).astype(float)
    keep = ~pd.DataFrame({"o": owner, "a": azimuth}).duplicated().to_numpy()
    owner, azimuth = owner[keep], azimuth[keep]
    beam = rng.choice([60.0, 90.0, 120.0, 65.0], n)
    built = sector_footprints(x, y, r, mast, owner, azimuth, beam[owner], quad_segs=16)
    assert shapely.is_valid(built).all()
    for i in range(n):
        disk = shapely.Point(x[i], y[i]).buffer(r[i], quad_segs=16)
        pieces = [shapely.Point(x[i], y[i]).buffer(mast[i], quad_segs=16)]
        for a in azimuth[owner == i]:
            ring = [(x[i], y[i])] + [
                (
                    x[i] + 2 * r[i] * math.sin(math.radians(a - beam[i] / 2 + beam[i] * k / 8)),
                    y[i] + 2 * r[i] * math.cos(math.radians(a - beam[i] / 2 + beam[i] * k / 8)),
                )
                for k in range(9)
            ]
            pieces.append(disk.intersection(shapely.Polygon(ring)))
        expected = shapely.union_all(pieces)
        assert shapely.area(shapely.symmetric_difference(built[i], expected)) < 1e-4
