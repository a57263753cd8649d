"""An edit's box counted again in one pass (counts.retally_box), checked against a
plain numpy count of the box before and after."""

from __future__ import annotations

import numpy as np
from affine import Affine

from coverage_planner.coverage.terrain.counts import FAR_KM, NEAR_KM, new_tally, retally_box
from coverage_planner.coverage.terrain.grid import Grid, TechnologyRasters

RES = 30.0


def brute(rasters, labels, xy, grid, box):
    """Covered cells per village and commune label, and (near, far, total) by their
    server's distance, counted with numpy."""
    r0, c0, r1, c1 = box
    level = rasters.level[r0:r1, c0:c1]
    server = rasters.server[r0:r1, c0:c1]
    cov = level.astype(np.float64) >= rasters.threshold
    vlab, clab = (lab[r0:r1, c0:c1] for lab in labels)
    vh = np.bincount(vlab[cov], minlength=labels[0].max() + 1)
    ch = np.bincount(clab[cov], minlength=labels[1].max() + 1)
    rows, cols = np.nonzero(cov & (server >= 0))
    s = server[rows, cols]
    cx = grid.transform.c + (c0 + cols + 0.5) * RES
    cy = grid.transform.f - (r0 + rows + 0.5) * RES
    d = np.hypot(cx - xy[s, 0], cy - xy[s, 1]) / 1000.0
    return vh, ch, (int((d < NEAR_KM).sum()), int((d > FAR_KM).sum()), len(d))


def test_an_edit_with_a_removed_row_and_a_moved_site_counts_as_numpy_does():
    rng = np.random.default_rng(4)
    rows, cols, n_sites = 700, 900, 12
    grid = Grid(Affine(RES, 0, 400_000.0, 0, -RES, 1_200_000.0), cols, rows, "EPSG:32648")
    xy_before = np.column_stack(
        [rng.uniform(400_000, 427_000, n_sites), rng.uniform(1_179_000, 1_200_000, n_sites)]
    )
    level = rng.normal(-100, 8, (rows, cols)).astype(np.float32)
    server = rng.integers(-1, n_sites, (rows, cols)).astype(np.int32)
    before = TechnologyRasters(level, server, np.zeros((rows, cols), np.uint8), -100.0, 0.0)
    # row 3 removed (rows above it shift down), site 5 (row 4 after) moved 2 km, and
    # the cells of the box changed: half of them keep their level and server
    removed = 3
    xy_after = np.delete(xy_before, removed, axis=0)
    xy_after[4] += (2000.0, 0.0)
    box = (100, 150, 520, 760)
    after_level, after_server = level.copy(), server.copy()
    after_server = np.where(after_server > removed, after_server - 1, after_server)
    after_server[after_server == removed] = -1
    r0, c0, r1, c1 = box
    change = rng.random((r1 - r0, c1 - c0)) < 0.5
    after_level[r0:r1, c0:c1] = np.where(
        change, rng.normal(-100, 8, change.shape), after_level[r0:r1, c0:c1]
    )
    after_server[r0:r1, c0:c1] = np.where(
        change, rng.integers(-1, n_sites - 1, change.shape), after_server[r0:r1, c0:c1]
    )
    after = TechnologyRasters(after_level, after_server, before.servers, -100.0, 0.0)
    labels = (
        rng.integers(0, 40, (rows, cols)).astype(np.int32),
        rng.integers(0, 9, (rows, cols)).astype(np.int32),
    )
    t = new_tally(39, 8)
    t.village_hits += 1000
    t.commune_hits += 1000
    t.near, t.far, t.total = 5000, 5000, 5000
    retally_box(t, before, after, labels, xy_before, xy_after, grid, box)
    vb, cb, (nb, fb, tb) = brute(before, labels, xy_before, grid, box)
    va, ca, (na, fa, ta) = brute(after, labels, xy_after, grid, box)
    assert np.array_equal(t.village_hits, 1000 - vb + va)
    assert np.array_equal(t.commune_hits, 1000 - cb + ca)
    assert (t.near, t.far, t.total) == (5000 - nb + na, 5000 - fb + fa, 5000 - tb + ta)
    assert (nb, fb) != (na, fa)  # the moved site's distances count
