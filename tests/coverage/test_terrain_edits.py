"""One site edited in the kept terrain model gives the grids a full run on the edited
site list gives, bit for bit: height, power, azimuths, tilt, position, an added and a
removed site, one after another; and only the edited site is computed."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.terrain.edits import apply_site_edit, editable_grids
from coverage_planner.coverage.terrain.kept import kept_figures
from coverage_planner.coverage.terrain.model import best_server_grids
from coverage_planner.coverage.terrain.status import technology_status_terrain
from coverage_planner.coverage.terrain.validity import validity_findings
from coverage_planner.coverage.terrain.windows import WindowCache
from tests.coverage.test_terrain_cache import TECHS, assert_same, case  # noqa: F401


def polygons(terrain, seed=5):
    """Villages (small squares and points) and communes (four quarters) over the grid."""
    rng = np.random.default_rng(seed)
    g = terrain.grid
    x0, y1 = g.transform.c, g.transform.f
    x1, y0 = x0 + g.width * g.res, y1 - g.height * g.res
    xy = rng.uniform([x0, y0], [x1, y1], (60, 2))
    side = rng.uniform(20, 900, 60)
    geoms = [
        shapely.Point(x, y) if i % 4 == 0 else shapely.box(x, y, x + s, y + s)
        for i, ((x, y), s) in enumerate(zip(xy, side, strict=True))
    ]
    villages = gpd.GeoDataFrame({"village_id": range(60)}, geometry=geoms, crs=g.crs)
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    quarters = [
        shapely.box(a, b, c, d) for a, c in ((x0, xm), (xm, x1)) for b, d in ((y0, ym), (ym, y1))
    ]
    communes = gpd.GeoDataFrame({"commune_id": range(4)}, geometry=quarters, crs=g.crs)
    return villages, communes


def assert_kept_figures(state, sites, villages, communes, p):
    """The tallies an edit kept up to date equal a count over the grids as they are now
    (plain numpy: bincount of the labels of covered cells, distances cell by cell), and
    the status and findings made from them equal those made from the grids."""
    fig = state.figures
    g = state.terrain.grid
    xy = np.column_stack([sites.geometry.x, sites.geometry.y])
    for tech in TECHS:
        r, t = state.rasters[tech], fig.tallies[tech]
        covered = r.level.astype(np.float64) >= np.float64(r.threshold)
        np.testing.assert_array_equal(
            t.village_hits, np.bincount(fig.village_labels[covered], minlength=len(villages) + 1)
        )
        np.testing.assert_array_equal(
            t.commune_hits, np.bincount(fig.commune_labels[covered], minlength=len(communes) + 1)
        )
        rows, cols = np.nonzero(covered & (r.server >= 0))
        s = r.server[rows, cols]
        d = np.hypot(
            g.transform.c + (cols + 0.5) * g.res - xy[s, 0],
            g.transform.f - (rows + 0.5) * g.res - xy[s, 1],
        )
        assert (t.near, t.far, t.total) == ((d < 1000).sum(), (d > 20000).sum(), len(rows))
        labels = (fig.village_labels, fig.village_refs)
        kept = technology_status_terrain(
            villages, sites, tech, r, labels, p,
            counts=(fig.village_cells, t.village_hits[1:]),
        )  # fmt: skip
        pd.testing.assert_frame_equal(
            kept, technology_status_terrain(villages, sites, tech, r, labels, p)
        )
    assert validity_findings(
        sites, state.rasters, g, p, TECHS, state.terrain, tallies=fig.tallies
    ) == validity_findings(sites, state.rasters, g, p, TECHS, state.terrain)


def test_each_edit_equals_a_full_run(case):  # noqa: F811
    sites, terrain, p = case
    sites = sites.copy()
    sites["tx_power_dbm"] = np.nan
    sites["downtilt_deg"] = np.nan
    cache = WindowCache(None)
    state = editable_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    assert_same(state.rasters, best_server_grids(sites, terrain, p, TECHS, workers=1))
    villages, communes = polygons(terrain)
    kept_figures(state, villages, communes, sites, p)

    def check(current):
        assert_same(state.rasters, best_server_grids(current, terrain, p, TECHS, workers=1))
        assert_kept_figures(state, current, villages, communes, p)

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


def test_a_reopened_study_reads_its_composed_grids_from_one_file(case, tmp_path):  # noqa: F811
    from coverage_planner.coverage.terrain.composed import SUFFIX

    sites, terrain, p = case
    folder = tmp_path / "cache"
    first = editable_grids(sites, terrain, p, TECHS, workers=1, cache=WindowCache(folder))
    (composed,) = folder.glob(f"*{SUFFIX}")
    # reopened: nothing computed, no site's windows read, the same grids
    cache = WindowCache(folder)
    again = editable_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    assert cache.computed == 0 and again.windows == {}
    assert_same(again.rasters, first.rasters)
    # an edit after reopening reads the windows it needs and equals a full run
    edited = sites.copy()
    edited.loc[2, "antenna_height_m"] = 70.0
    apply_site_edit(again, edited, changed=2, cache=cache)
    assert_same(again.rasters, best_server_grids(edited, terrain, p, TECHS, workers=1))
    assert again.windows  # read from the window cache
    # another site list has another file; a truncated or foreign file is rebuilt
    other = sites.copy()
    other.loc[0, "antenna_height_m"] = 55.0
    editable_grids(other, terrain, p, TECHS, workers=1, cache=WindowCache(folder))
    assert len(list(folder.glob(f"*{SUFFIX}"))) == 2
    data = composed.read_bytes()
    composed.write_bytes(data[: len(data) // 2])
    cache = WindowCache(folder)
    rebuilt = editable_grids(sites, terrain, p, TECHS, workers=1, cache=cache)
    assert cache.computed == 0  # its windows were still in the cache
    assert_same(rebuilt.rasters, first.rasters)
    assert composed.read_bytes() == data  # written whole again
    foreign = next(f for f in folder.glob(f"*{SUFFIX}") if f != composed)
    foreign.replace(composed)  # another study's grids under this study's key
    rebuilt = editable_grids(sites, terrain, p, TECHS, workers=1, cache=WindowCache(folder))
    assert_same(rebuilt.rasters, first.rasters)
