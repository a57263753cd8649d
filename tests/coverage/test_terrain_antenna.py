"""The antenna's vertical pattern with downtilt (3GPP TR 36.814 Table A.2.1.1-2:
A_V(θ) = −min(12((θ − θ_tilt)/θ_3dB)², SLA_V), combined with the horizontal pattern as
−min(−(A_H + A_V), A_m)), against the formula evaluated by hand on flat ground."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.model import best_server_grids, flat_terrain
from coverage_planner.params import Parameters, TerrainParams
from tests.coverage.test_terrain_prediction import CRS, RES, X0, Y0, one_site


def level_row(p, sites_kw=None, tech="4G"):
    side = 2 * 150 * RES
    terrain = flat_terrain((X0, Y0, X0 + side, Y0 + side), CRS, 400.0, p, [tech])
    grid = terrain.grid
    row, col = grid.height // 2, grid.width // 2
    cx, cy = grid.transform.c + (col + 0.5) * RES, grid.transform.f - (row + 0.5) * RES
    sites = one_site(cx, cy, tech).assign(**(sites_kw or {}))
    level = best_server_grids(sites, terrain, p, [tech], workers=1)[tech].level
    return level, row, col


def hand_level(p, d, tilt, azimuth_off=None, beamwidth=65.0):
    tp = p.technologies["4G"]
    a, b = radio.hata_terms(tp.frequency_mhz, 30.0)
    eirp = tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db
    loss = max(
        a + b * math.log10(max(d / 1000, 0.01)),
        radio.free_space_loss(math.hypot(d, 28.5) / 1000, tp.frequency_mhz),
    )
    theta = math.degrees(math.atan2(30.0 - 1.5, d))
    av = -min(12 * ((theta - tilt) / 10.0) ** 2, 20.0)
    ah = 0.0 if azimuth_off is None else -min(12 * (azimuth_off / beamwidth) ** 2, 25.0)
    return eirp - loss - min(-(ah + av), 25.0)


@pytest.mark.parametrize("tilt", [0.0, 6.0])
def test_downtilt_follows_the_vertical_pattern(tilt):
    p = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    techs = dict(p.technologies)
    techs["4G"] = replace(techs["4G"], downtilt_deg=tilt)
    p = replace(p, technologies=techs)
    level, row, col = level_row(p)
    for k in (2, 5, 10, 40, 100):
        assert level[row, col + k] == pytest.approx(hand_level(p, k * RES, tilt), abs=0.006)


def test_a_sites_own_tilt_and_sectors():
    p = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    level, row, col = level_row(p, {"downtilt_deg": 8.0, "azimuths": "90", "beamwidth_deg": 65.0})
    for k in (3, 20, 60):
        east = level[row, col + k]  # in the sector's main direction
        north = level[row - k, col]  # 90° off it
        assert east == pytest.approx(hand_level(p, k * RES, 8.0, azimuth_off=0.0), abs=0.006)
        assert north == pytest.approx(hand_level(p, k * RES, 8.0, azimuth_off=90.0), abs=0.006)
    # the whole pattern never drops below the front-to-back ratio
    assert np.nanmin(np.where(level > -999, level, np.nan)) > -200


def test_site_lists_give_tilt_in_vietnamese_or_apart(tmp_path):
    import pandas as pd

    from coverage_planner.coverage.terrain.model import site_tilt
    from coverage_planner.io.sites import load_sites

    rows = {
        "Mã trạm": ["A", "B", "C"],
        "Kinh độ": [103.1, 103.2, 103.3],
        "Vĩ độ": [22.3, 22.4, 22.5],
        "Công nghệ": ["4G", "3G", "2G"],
    }
    pd.DataFrame({**rows, "Góc ngẩng": [6, None, 2.5]}).to_csv(tmp_path / "a.csv", index=False)
    got = load_sites(tmp_path / "a.csv")
    tilt = site_tilt(got)
    assert tilt[0] == 6.0 and np.isnan(tilt[1]) and tilt[2] == 2.5
    pd.DataFrame({**rows, "etilt": [4, 2, None], "mtilt": [2, None, None]}).to_csv(
        tmp_path / "b.csv", index=False
    )
    tilt = site_tilt(load_sites(tmp_path / "b.csv"))
    assert tilt[0] == 6.0 and tilt[1] == 2.0 and np.isnan(tilt[2])
