"""Generated candidates keep their spacing and exclusion zones; backhaul takes the
cheaper of fibre and a clear microwave hop."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from scipy.spatial.distance import pdist

from coverage_planner.coverage.terrain.model import Grid
from coverage_planner.planning.backhaul import backhaul
from coverage_planner.planning.candidates import generated_candidates
from coverage_planner.planning.config import PlanningParams

CRS = "EPSG:32648"


def test_generated_candidates_keep_spacing_and_stay_out_of_exclusion_zones():
    rng = np.random.default_rng(1)
    communes = gpd.GeoDataFrame(
        {"commune_id": ["X1"]}, geometry=[shapely.box(0, 0, 20_000, 20_000)], crs=CRS
    )
    pts = rng.uniform(500, 19_500, (60, 2))
    villages = gpd.GeoDataFrame(
        {
            "village_id": [f"V{i}" for i in range(60)],
            "commune_id": "X1",
            "population": rng.integers(50, 500, 60).astype(float),
            "covered_4g": False,
        },
        geometry=shapely.buffer(shapely.points(pts), 200),
        crs=CRS,
    )
    sites = gpd.GeoDataFrame(
        {"site_id": ["S1"], "serves_2g": [True], "serves_4g": [False]},
        geometry=[shapely.Point(10_000, 10_000)],
        crs=CRS,
    )
    zone = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 8_000, 8_000)], crs=CRS)
    yy, xx = np.mgrid[0:700, 0:700]
    dem = (500 + 300 * np.sin(xx / 30) * np.cos(yy / 23)).astype(np.float32)
    grid = Grid.covering((0, 0, 21_000, 21_000), 30.0, CRS)
    planning = PlanningParams(spacing_km=1.5, min_distance_to_site_km=1.0)
    cands = generated_candidates(
        villages,
        communes,
        sites,
        "4G",
        planning,
        dem=dem[: grid.height, : grid.width],
        grid=grid,
        exclusion=zone,
    )
    # The commune's centre is the existing site's place: its upgrade is the candidate.
    assert set(cands["source"]) == {"dem_high_point", "village_centre"}
    xy = shapely.get_coordinates(cands.geometry.to_numpy())
    assert pdist(xy).min() >= 1500 - 1e-6
    assert not shapely.intersects(cands.geometry.to_numpy(), zone.geometry.iloc[0]).any()
    assert (np.hypot(xy[:, 0] - 10_000, xy[:, 1] - 10_000) >= 1000).all()
    assert shapely.within(cands.geometry.to_numpy(), communes.geometry.iloc[0]).all()


def test_backhaul_takes_the_cheaper_of_fibre_and_a_clear_hop():
    res = 30.0
    grid = Grid.covering((0, 0, 30_000, 12_000), res, CRS)
    dem = np.full((grid.height, grid.width), 300.0, dtype=np.float32)
    # A ridge 200 m high across x = 20 km: hops across it are blocked.
    dem[:, int(20_000 / res) : int(20_000 / res) + 3] = 500.0
    sites = gpd.GeoDataFrame(
        {
            "site_id": ["HUB-W", "HUB-E"],
            "serves_2g": [True, True],
            "antenna_height_m": [30.0, 30.0],
        },
        geometry=[shapely.Point(5_000, 6_000), shapely.Point(25_000, 6_000)],
        crs=CRS,
    )
    backbone = gpd.GeoDataFrame(
        {"kind": ["route"]}, geometry=[shapely.LineString([(0, 11_000), (30_000, 11_000)])], crs=CRS
    )
    cands = gpd.GeoDataFrame(
        {
            "candidate_id": ["near-fibre", "near-hub", "behind-ridge", "upgrade"],
            "site_row": [-1, -1, -1, 0],
            "height_m": [30.0, 30.0, 30.0, 30.0],
        },
        geometry=[
            shapely.Point(12_000, 10_800),  # 200 m from the fibre: fibre is cheapest
            shapely.Point(9_000, 6_000),  # 4 km from HUB-W over flat ground: a hop
            shapely.Point(19_000, 2_000),  # HUB-E 6.7 km away behind the ridge; HUB-W 14.6 km
            shapely.Point(5_000, 6_000),
        ],
        crs=CRS,
    )
    planning = PlanningParams(microwave_max_km=12.0)
    out = backhaul(cands, sites, backbone, planning, dem=dem, grid=grid)
    by = out.set_index(cands["candidate_id"])
    assert by.loc["near-fibre", "backhaul"] == "fibre"
    assert by.loc["near-fibre", "backhaul_cost_vnd"] == pytest.approx(
        0.2 * planning.fibre_route_factor * planning.fibre_vnd_per_km
    )
    assert by.loc["near-hub", "backhaul"] == "microwave"
    assert by.loc["near-hub", "backhaul_to"] == "HUB-W"
    assert by.loc["near-hub", "backhaul_cost_vnd"] == planning.microwave_vnd
    # Behind the ridge the only hub in range is blocked: fibre, 9 km, dearer than a hop.
    assert by.loc["behind-ridge", "backhaul"] == "fibre"
    assert by.loc["behind-ridge", "backhaul_cost_vnd"] > planning.microwave_vnd
    assert by.loc["upgrade", "backhaul"] == "existing"
    assert by.loc["upgrade", "backhaul_cost_vnd"] == 0
    # Without a DEM no hop can be checked: fibre only.
    flat = backhaul(cands, sites, backbone, planning)
    assert set(flat["backhaul"]) == {"fibre", "existing"}
    none = backhaul(cands, sites, None, planning)
    assert (none["backhaul"].to_numpy()[:3] == "none").all()
