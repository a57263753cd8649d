"""Microwave line of sight and Fresnel clearance against a hand computation on
hand-built profiles."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coverage_planner.coverage.terrain.model import Grid
from coverage_planner.planning.profile import analyse_profile, links_clear, profile_between

C = 299_792_458.0
R = 6_371_000.0 * 4.0 / 3.0


def by_hand(d_obstacle, total, h_ground, tx_asl, rx_asl, f_mhz):
    """Clearance of one point of the path over the first Fresnel radius, written out
    from the textbook definitions (no code shared with the module)."""
    lam = C / (f_mhz * 1e6)
    d1, d2 = d_obstacle, total - d_obstacle
    ray = tx_asl + (rx_asl - tx_asl) * d1 / total
    bulge = d1 * d2 / (2 * R)
    f1 = math.sqrt(lam * d1 * d2 / total)
    return (ray - h_ground - bulge) / f1


def knife_edge_profile(total=12_000.0, at=4_000.0, peak=0.0, base=200.0, n=241):
    d = np.linspace(0, total, n)
    z = np.full(n, base)
    z[np.argmin(abs(d - at))] = base + peak
    return d, z


def test_flat_ground_is_clear_and_its_margin_is_the_hand_one():
    d, z = knife_edge_profile()
    p = analyse_profile(d, z, tx_height_m=30, rx_height_m=30, frequency_mhz=7000)
    mid = len(d) // 2
    assert p.clearance[mid] == pytest.approx(by_hand(d[mid], d[-1], 200, 230, 230, 7000))
    # Flat ground: the least clearance is at the middle (the bulge and the zone peak there).
    assert abs(p.obstacle - mid) <= 1
    assert p.line_of_sight and p.fresnel_clear


@pytest.mark.parametrize("share", [0.3, 0.55, 0.65, 1.2])
def test_a_knife_edge_clears_sixty_percent_exactly_when_the_hand_computation_says(share):
    total, at = 12_000.0, 4_000.0
    lam = C / 7e9
    f1 = math.sqrt(lam * at * (total - at) / total)
    bulge = at * (total - at) / (2 * R)
    # Obstacle top placed so that the clearance is `share` of the Fresnel radius.
    peak = 30.0 - bulge - share * f1
    d, z = knife_edge_profile(total, at, peak)
    p = analyse_profile(d, z, tx_height_m=30, rx_height_m=30, frequency_mhz=7000)
    expected = by_hand(at, total, 200 + peak, 230, 230, 7000)
    assert expected == pytest.approx(share)
    assert p.clearance.min() == pytest.approx(expected, rel=1e-9)
    assert d[p.obstacle] == pytest.approx(at)
    assert p.fresnel_clear == (share >= 0.6)
    assert p.line_of_sight


def test_an_obstacle_above_the_ray_blocks_the_line_of_sight():
    d, z = knife_edge_profile(peak=45.0)
    p = analyse_profile(d, z, tx_height_m=30, rx_height_m=30, frequency_mhz=7000)
    assert not p.line_of_sight and not p.fresnel_clear
    assert p.nu > 0  # the obstacle stands above the ray: knife-edge loss above 6 dB


def test_the_earth_bulge_alone_blocks_a_long_low_hop():
    # 60 km over flat ground with 10 m masts: the bulge at mid-path is ~53 m.
    d = np.linspace(0, 60_000, 601)
    p = analyse_profile(d, np.zeros_like(d), tx_height_m=10, rx_height_m=10, frequency_mhz=7000)
    assert p.bulge_m[300] == pytest.approx(30_000**2 / (2 * R))
    assert not p.line_of_sight


def test_many_links_agree_with_one_profile_each_over_a_dem():
    rng = np.random.default_rng(3)
    res = 30.0
    size = 600
    yy, xx = np.mgrid[0:size, 0:size]
    dem = (300 + 250 * np.sin(xx / 40.0) * np.cos(yy / 55.0)).astype(np.float64)
    grid = Grid.covering((0, 0, size * res, size * res), res, "EPSG:32648")
    a = rng.uniform(500, size * res - 500, (40, 2))
    b = rng.uniform(500, size * res - 500, (40, 2))
    h = rng.uniform(20, 60, 40)
    fast = links_clear(dem, grid, a, b, height_a=h, height_b=h, frequency_mhz=7000, samples=2048)
    one = [
        profile_between(
            dem,
            grid,
            tuple(a[i]),
            tuple(b[i]),
            tx_height_m=h[i],
            rx_height_m=h[i],
            frequency_mhz=7000,
        ).fresnel_clear
        for i in range(40)
    ]
    assert 0 < fast.sum() < 40  # some clear, some not: the comparison means something
    agree = np.mean(fast == np.array(one))
    assert agree >= 0.95  # sampling differs (2048 points vs every half cell)
