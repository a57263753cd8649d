"""The terrain model's prediction against independent computations: the range on flat
ground from the Hata formula solved for the link budget, the location-probability
margin, ITU-R P.526 Bullington diffraction computed by hand on 1-, 2- and 3-edge
profiles, and the effective antenna height of hand-built profiles."""

from __future__ import annotations

import math
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine

from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.model import best_server_grids, flat_terrain
from coverage_planner.coverage.terrain.profiles import profile_terms
from coverage_planner.params import Parameters, TerrainParams

CRS = 32648
X0, Y0, RES = 400_000.0, 2_450_000.0, 30.0
K_RADIUS = 4.0 / 3.0 * 6_371_000.0


def untilted(p: Parameters) -> Parameters:
    """The parameters with no downtilt: the antenna's vertical pattern is checked on its
    own (test_terrain_antenna); here the path loss alone."""
    techs = {t: replace(tp, downtilt_deg=0.0) for t, tp in p.technologies.items()}
    return replace(p, technologies=techs)


def one_site(x, y, tech="4G", height=30.0):
    return gpd.GeoDataFrame(
        {
            "site_id": ["A"],
            "serves_2g": [tech == "2G"],
            "serves_3g": [tech == "3G"],
            "serves_4g": [tech == "4G"],
            "serves_5g": [False],
            "radius_km": [np.nan],
            "antenna_height_m": [height],
            "azimuths": [""],
            "beamwidth_deg": [np.nan],
        },
        geometry=[shapely.Point(x, y)],
        crs=CRS,
    )


def covered_range_m(tech: str, params: Parameters, half_cells: int) -> tuple[float, float]:
    """Furthest covered cell centre from a site on flat ground, and the cell there."""
    side = 2 * half_cells * RES
    bounds = (X0, Y0, X0 + side, Y0 + side)
    terrain = flat_terrain(bounds, CRS, 400.0, params, [tech])
    grid = terrain.grid
    row, col = terrain.grid.height // 2, terrain.grid.width // 2
    cx, cy = grid.transform.c + (col + 0.5) * RES, grid.transform.f - (row + 0.5) * RES
    grids = best_server_grids(one_site(cx, cy, tech), terrain, params, [tech], workers=1)
    rows, cols = np.nonzero(grids[tech].covered)
    d = np.hypot(rows - row, cols - col) * RES
    # The edge of coverage as a tier's cell sees it: the furthest covered cell centre, of
    # the tier holding that distance.
    cell = RES if d.max() <= params.terrain.near_range_km * 1000 else 3 * RES
    return float(d.max()), cell


def hata_range_m(tech: str, params: Parameters, margin_db: float = 0.0) -> float:
    tp = params.technologies[tech]
    budget = tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db - tp.threshold_dbm
    return 1000.0 * radio.hata_range_km(budget - margin_db, tp.frequency_mhz, 30.0)


@pytest.mark.parametrize(("tech", "near_km"), [("4G", 10.0), ("4G", 4.0), ("3G", 4.0)])
def test_flat_ground_reaches_where_hata_meets_the_link_budget(tech, near_km):
    p = untilted(
        Parameters(
            model="terrain",
            terrain=TerrainParams(workers=1, near_range_km=near_km, mid_range_km=20.0),
        )
    )
    expected = hata_range_m(tech, p)
    assert expected > 2 * 1000 * p.technologies[tech].radius_km  # far beyond the disk radius
    measured, cell = covered_range_m(tech, p, int(expected / RES) + 40)
    assert measured == pytest.approx(expected, abs=cell)


def test_coverage_probability_shrinks_the_range_by_the_margin():
    base = TerrainParams(workers=1, near_range_km=10.0, mid_range_km=20.0)
    p50 = untilted(Parameters(model="terrain", terrain=base))
    p90 = untilted(
        Parameters(
            model="terrain", terrain=replace(base, coverage_probability=0.9, location_sigma_db=8.0)
        )
    )
    margin = 8.0 * 1.2815515655446004  # σ·Q⁻¹(0.1), from tables of the normal law
    assert p90.terrain.margin_db() == pytest.approx(margin, abs=1e-9)
    # Hata's distance slope at 30 m: the range shrinks by 10^(-margin / slope).
    slope = 44.9 - 6.55 * math.log10(30.0)
    expected = hata_range_m("4G", p50) * 10 ** (-margin / slope)
    assert expected == pytest.approx(hata_range_m("4G", p90, margin), rel=1e-9)
    measured, cell = covered_range_m("4G", p90, int(hata_range_m("4G", p50) / RES) + 20)
    assert measured == pytest.approx(expected, abs=cell)
    assert measured < covered_range_m("4G", p50, int(hata_range_m("4G", p50) / RES) + 20)[0]


def test_indoor_loss_adds_to_the_threshold():
    p = Parameters(
        model="terrain",
        technologies={
            t: replace(tp, downtilt_deg=0.0) for t, tp in Parameters().technologies.items()
        },
        terrain=TerrainParams(
            workers=1, near_range_km=10.0, mid_range_km=20.0, indoor_loss_db=12.0
        ),
    )
    expected = hata_range_m("4G", p, margin_db=12.0)
    measured, cell = covered_range_m("4G", p, int(expected / RES) + 20)
    assert measured == pytest.approx(expected, abs=cell)


# --- ITU-R P.526-15 §4.5.1 (Bullington), computed by hand ---------------------------


def p526_bullington(d_km, h_km_profile, hts, hrs, f_mhz):
    """The Bullington loss of P.526-15 §4.5.1 written out as the Recommendation states
    it: distances in km, heights in m, C_e = 1/r_e, intermediate points i = 1..n-2."""
    lam = 299.792458 / f_mhz
    ce = 1.0 / (K_RADIUS / 1000.0)
    d = d_km[-1]
    inner = range(1, len(d_km) - 1)
    stim = max(
        (h_km_profile[i] + 500 * ce * d_km[i] * (d - d_km[i]) - hts) / d_km[i] for i in inner
    )
    str_ = (hrs - hts) / d
    if stim < str_:
        return None  # line of sight
    srim = max(
        (h_km_profile[i] + 500 * ce * d_km[i] * (d - d_km[i]) - hrs) / (d - d_km[i]) for i in inner
    )
    dbp = (hrs - hts + srim * d) / (stim + srim)
    nub = (hts + stim * dbp - (hts * (d - dbp) + hrs * dbp) / d) * math.sqrt(
        0.002 * d / (lam * dbp * (d - dbp))
    )
    luc = 6.9 + 20 * math.log10(math.sqrt((nub - 0.1) ** 2 + 1) + nub - 0.1) if nub > -0.78 else 0
    return luc + (1 - math.exp(-luc / 6)) * (10 + 0.02 * d)


def model_bullington(ground, step, mast, f_mhz):
    g, _ = profile_terms(ground, step, mast, receiver_m=1.5, k_radius_m=K_RADIUS)
    nu = g[-1] / math.sqrt(299.792458 / f_mhz)
    return float(radio.bullington_loss(np.array([nu]), (len(ground) - 1) * step / 1000)[0])


@pytest.mark.parametrize(
    "edges",
    [
        [(100, 80.0)],  # one ridge 80 m up, 3 km out (of 6 km)
        [(60, 60.0), (140, 50.0)],  # two ridges
        [(40, 45.0), (100, 70.0), (160, 40.0)],  # three
    ],
)
@pytest.mark.parametrize("f_mhz", [900.0, 1800.0])
def test_bullington_equals_p526_by_hand(edges, f_mhz):
    step = 30.0
    ground = np.full(201, 300.0)  # 6 km, every 30 m
    for i, h in edges:
        ground[i - 1 : i + 2] = 300.0 + h  # 90 m wide crests
    d_km = np.arange(len(ground)) * step / 1000
    expected = p526_bullington(d_km, ground, 300.0 + 30.0, 300.0 + 1.5, f_mhz)
    assert expected is not None and expected > 10
    assert model_bullington(ground, step, 30.0, f_mhz) == pytest.approx(expected, abs=1e-6)


def test_single_knife_edge_is_the_textbook_value():
    # A thin edge 50 m above the ground midway on 4 km, antenna and receiver at the same
    # height above flat ground, earth flat (huge k): ν = h √(2d / λ d1 d2), h above the ray.
    ground = np.full(401, 0.0)
    ground[200] = 50.0
    step, mast, f = 10.0, 20.0, 900.0
    lam = 299.792458 / f
    h = 50.0 - (20.0 + (1.5 - 20.0) * 0.5)
    nu = h * math.sqrt(2 * 4000 / (lam * 2000 * 2000))
    g, _ = profile_terms(ground, step, mast, receiver_m=1.5, k_radius_m=1e15)
    assert g[-1] / math.sqrt(lam) == pytest.approx(nu, rel=1e-9)


def test_line_of_sight_has_no_diffraction():
    ground = np.linspace(300.0, 200.0, 101)  # falling away from the mast
    g, _ = profile_terms(ground, 30.0, 30.0)
    assert np.all(np.isneginf(g[1:]))


# --- effective height: the antenna above the average profile -----------------------


def test_effective_height_on_hand_built_profiles():
    ridge = np.array([900.0, 850.0, 700.0, 500.0, 400.0])  # a ridge-top mast, valley below
    _, heff = profile_terms(ridge, 100.0, 30.0, min_effective_height_m=10.0)
    top = 930.0
    assert heff.tolist() == pytest.approx(
        [30.0, top - 875.0, top - 2450.0 / 3, top - 737.5, top - 670.0]
    )
    flat = np.full(50, 123.0)
    assert profile_terms(flat, 30.0, 25.0)[1] == pytest.approx(np.full(50, 25.0))
    valley = np.array([100.0, 200.0, 400.0])  # mast in a valley, slopes above it
    _, heff = profile_terms(valley, 100.0, 30.0, min_effective_height_m=10.0)
    assert heff.tolist() == pytest.approx([30.0, 10.0, 10.0])  # floored


def test_effective_height_is_capped_at_the_laws_range():
    """A ridge-top mast above a deep valley: the average-profile height exceeds 200 m,
    the top of the range Hata/COST-231 were fitted on; the model caps it there (by
    default) instead of extrapolating the law's height gain."""
    ridge = np.array([1500.0, 1200.0, 900.0, 700.0, 600.0])
    _, raw = profile_terms(ridge, 100.0, 30.0, min_effective_height_m=10.0)
    assert raw[-1] == pytest.approx(1530.0 - 4900.0 / 5)  # uncapped, by hand: 550 m
    _, heff = profile_terms(
        ridge, 100.0, 30.0, min_effective_height_m=10.0, max_effective_height_m=200.0
    )
    assert heff.tolist() == pytest.approx(np.minimum(raw, 200.0).tolist())
    assert TerrainParams().max_effective_height_m == 200.0


def test_the_free_space_floor_holds_near_the_mast():
    # Hata at 100 m falls under free space: the model never predicts less loss.
    p = untilted(Parameters(model="terrain", terrain=TerrainParams(workers=1)))
    tp = p.technologies["4G"]
    a, b = radio.hata_terms(tp.frequency_mhz, 30.0)
    assert a + b * math.log10(0.1) < radio.free_space_loss(0.1, tp.frequency_mhz)
    side = 60 * RES
    terrain = flat_terrain((X0, Y0, X0 + side, Y0 + side), CRS, 400.0, p, ["4G"])
    grid = terrain.grid
    row, col = grid.height // 2, grid.width // 2
    cx, cy = grid.transform.c + (col + 0.5) * RES, grid.transform.f - (row + 0.5) * RES
    level = best_server_grids(one_site(cx, cy), terrain, p, ["4G"], workers=1)["4G"].level
    eirp = tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db
    for k in (1, 2, 4):
        d = k * RES
        slant_km = math.hypot(d, 30.0 - 1.5) / 1000
        fs = radio.free_space_loss(slant_km, tp.frequency_mhz)
        hata = a + b * math.log10(max(d / 1000, 0.01))
        # the antenna's vertical pattern toward a cell this close (no downtilt here)
        vertical = min(12 * (math.degrees(math.atan2(30.0 - 1.5, d)) / 10.0) ** 2, 20.0)
        # levels are kept in 0.01 dB steps
        assert level[row, col + k] == pytest.approx(eirp - max(fs, hata) - vertical, abs=0.0051)


def test_extrapolations_are_counted_findings():
    from coverage_planner.coverage.terrain.validity import validity_findings

    p = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    side = 2 * 300 * RES
    terrain = flat_terrain((X0, Y0, X0 + side, Y0 + side), CRS, 400.0, p, ["3G"])
    grid = terrain.grid
    row, col = grid.height // 2, grid.width // 2
    cx, cy = grid.transform.c + (col + 0.5) * RES, grid.transform.f - (row + 0.5) * RES
    sites = one_site(cx, cy, "3G", height=20.0)
    rasters = best_server_grids(sites, terrain, p, ["3G"], workers=1)
    found = validity_findings(sites, rasters, grid, p, ["3G"])
    text = " | ".join(f.message for f in found)
    assert "2100 MHz" in text  # COST-231 is fitted up to 2000 MHz
    assert "1 of 1 sites have antennas outside 30-200 m" in text
    # covered cells under 1 km, counted against a plain distance computation
    covered = rasters["3G"].covered
    rows, cols = np.nonzero(covered)
    near = int((np.hypot(rows - row, cols - col) * RES < 1000).sum())
    assert f"{near:,} covered cells" in text
    assert len(found) == 3  # nothing beyond 20 km: the site reaches about 12 km


def two_sites(points, tech="4G", height=30.0):
    sites = pd.concat([one_site(x, y, tech, height) for x, y in points], ignore_index=True)
    sites["site_id"] = [f"S{i}" for i in range(len(sites))]
    return gpd.GeoDataFrame(sites, geometry="geometry", crs=CRS)


def test_sites_where_the_effective_height_cap_can_apply_are_counted_in_both_languages():
    """A site 30 m high on a 400 m plain with a valley at 150 m 4.5 km away stands 280 m
    above the lowest ground within its 15 km horizon: over the 200 m cap, counted. A
    site 27 km from the valley (beyond the horizon's square, 15 km half-side) is not.
    The expected counts come from the hand-built heights, not from the model."""
    from coverage_planner.coverage.terrain.model import Grid, terrain_from_array
    from coverage_planner.coverage.terrain.validity import capped_sites, validity_findings

    p = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    cells = 1296  # 38.9 km, whole blocks of 9 cells
    dem = np.full((cells, cells), 400.0, dtype=np.float32)
    dem[600:630, 150:180] = 150.0  # the valley, around x = 4.95 km, y = 18.45 km down
    grid = Grid(Affine(RES, 0, X0, 0, -RES, Y0), cells, cells, CRS)
    terrain = terrain_from_array(dem, grid, p, ["4G"])
    valley_x, valley_y = X0 + 165 * RES, Y0 - 615 * RES
    near = (valley_x + 4500.0, valley_y)  # 4.5 km east of it
    far = (valley_x + 27_000.0, valley_y)  # 27 km east: no lower ground within 15 km
    sites = two_sites([near, far])
    assert capped_sites(sites, terrain, p, "4G") == (1, 2)
    # with the cap above the 280 m relief, no site counts
    higher = replace(p, terrain=replace(p.terrain, max_effective_height_m=300.0))
    assert capped_sites(sites, terrain, higher, "4G") == (0, 2)
    # a taller mast on the far site does not reach the cap either: 60 m above the plain
    assert capped_sites(two_sites([far], height=60.0), terrain, p, "4G") == (0, 1)

    found = [
        f
        for f in validity_findings(sites, {}, grid, p, ["4G"], terrain)
        if f.key == "terrain.heff_capped"
    ]
    assert len(found) == 1
    assert found[0].text("en").startswith("4G: 1 of 2 sites stand more than 200 m above")
    assert "1/2 trạm cao hơn điểm thấp nhất của địa hình" in found[0].text("vi")
    assert "200 m" in found[0].text("vi") and "15 km" in found[0].text("vi")
    # without the terrain (callers that have none) the finding is left out, not guessed
    assert not [
        f for f in validity_findings(sites, {}, grid, p, ["4G"]) if f.key == "terrain.heff_capped"
    ]
