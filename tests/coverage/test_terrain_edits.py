"""One site edited in the kept terrain model gives the grids a full run on the edited
site list gives, bit for bit: height, power, azimuths, tilt, position, an added and a
removed site, one after another; and only the edited site is computed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.terrain.edits import apply_site_edit, editable_grids
from coverage_planner.coverage.terrain.model import best_server_grids
from coverage_planner.coverage.terrain.windows import WindowCache
from tests.coverage.test_terrain_cache import TECHS, assert_same, case  # noqa: F401


def test_each_edit_equals_a_full_run(case):  # noqa: F811
    sites, terrain, p = case
    sites = sites.copy()
    sites["tx_power_dbm"] = np.nan
    sites["downtilt_deg"] = np.nan
    cache = WindowCache(None)
    state = editable_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    assert_same(state.rasters, best_server_grids(sites, terrain, p, TECHS, workers=1))

    def check(current):
        assert_same(state.rasters, best_server_grids(current, terrain, p, TECHS, workers=1))

    edits = [
        ("antenna_height_m", 3, 60.0),
        ("tx_power_dbm", 7, 30.0),
        ("azimuths", 4, "90/200"),
        ("downtilt_deg", 1, 9.0),
        ("antenna_height_m", 3, 12.0),  # lower: cells it was best at go to others
    ]
    for column, row, value in edits:
        sites.loc[row, column] = value
        computed_before = cache.computed
        boxes = apply_site_edit(state, sites, changed=row, cache=cache)
        assert boxes  # something changed
        check(sites)
        assert cache.computed == computed_before  # the batch counter: no full run
    # moved 1.5 km east
    g = sites.geometry.to_numpy().copy()
    g[5] = shapely.Point(g[5].x + 1500, g[5].y)
    sites = sites.set_geometry(g)
    apply_site_edit(state, sites, changed=5, cache=cache)
    check(sites)
    # added at the end
    added = sites.iloc[[2]].copy()
    added["site_id"] = "NEW"
    added = added.set_geometry([shapely.Point(g[2].x - 900, g[2].y + 700)], crs=sites.crs)
    sites = pd.concat([sites, added], ignore_index=True)
    apply_site_edit(state, sites, changed=len(sites) - 1, cache=cache)
    check(sites)
    # removed from the middle: rows above it move down, as in a fresh run
    sites = sites.drop(index=6).reset_index(drop=True)
    apply_site_edit(state, sites, removed=6, cache=cache)
    check(sites)
    # an edit after the removal still lands on the right site
    sites.loc[8, "antenna_height_m"] = 45.0
    apply_site_edit(state, sites, changed=8, cache=cache)
    check(sites)


def test_a_result_on_screen_keeps_its_grids(case):  # noqa: F811
    sites, terrain, p = case
    state = editable_grids(sites, terrain, p, TECHS, workers=1)
    before = {t: r.level.copy() for t, r in state.rasters.items()}
    shown = dict(state.rasters)
    sites = sites.copy()
    sites.loc[0, "antenna_height_m"] = 80.0
    apply_site_edit(state, sites, changed=0)
    for t in TECHS:
        np.testing.assert_array_equal(shown[t].level, before[t])
    assert any(not np.array_equal(state.rasters[t].level, before[t]) for t in TECHS)
