"""A candidate's levels computed only at the cells that decide, against the audit's own
per-site computation (``site_levels``) cell by cell: the same int16 levels to the bit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from coverage_planner.coverage.engine import run
from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
from coverage_planner.coverage.terrain.los import EMPTY
from coverage_planner.coverage.terrain.model import SiteJob, site_jobs
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.planning.terrain_sites import (
    KeptCells,
    TargetCells,
    kept_covered,
    targeted_covered,
)
from coverage_planner.planning.terrain_targets import levels_at

from .study import write_study


@pytest.fixture(scope="module", params=[30.0, 60.0])
def audit(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("targets_study")
    inputs = load_inputs(InputFiles.of(**write_study(folder)))
    params = Parameters(
        model="terrain", terrain=TerrainParams(resolution_m=request.param, workers=1)
    )
    return inputs, params, run(inputs, params=params)


def jobs_of(audit) -> list[SiteJob]:
    """4G jobs of the study's sites, and hand-made ones: sectored with their own tilt and
    budget, at the edge of the area and outside it."""
    inputs, params, today = audit
    grid = today.terrain.grid
    jobs = [
        replace(j, radius_m={"4G": j.radius_m["4G"]})
        for j in site_jobs(inputs.sites, grid, params, list(today.technologies))
        if "4G" in j.radius_m
    ]
    rng = np.random.default_rng(3)
    for k in range(6):
        jobs.append(
            SiteJob(
                1000 + k,
                int(rng.integers(0, grid.height)),
                int(rng.integers(0, grid.width)),
                float(rng.uniform(15, 60)),
                (float(rng.uniform(0, 360)), float(rng.uniform(0, 360))) if k % 2 else (),
                65.0 if k % 2 else 360.0,
                {"4G": np.nan},
                (float(rng.uniform(38, 46)), np.nan, float(rng.uniform(0, 3))),
                float(rng.uniform(0, 8)) if k % 3 else np.nan,
            )
        )
    jobs.append(SiteJob(2000, 0, grid.width - 1, np.nan, (), 360.0, {"4G": np.nan}))
    jobs.append(SiteJob(2001, -40, grid.width // 2, 40.0, (), 360.0, {"4G": np.nan}))
    return jobs


def every_cell(step, row0, col0, size):
    a, b = np.divmod(np.arange(size * size), size)
    return a, b


def model_windows(job, params, terrain) -> dict[int, object]:
    return {w.tier: w for w in site_levels(job, params, terrain).get("4G", [])}


def placed(window, row0: int, col0: int, size: int) -> np.ndarray:
    """A model window on the (size × size) canvas of its tier's full window."""
    canvas = np.full((size, size), EMPTY, dtype=np.int16)
    r, c = window.row0 - row0, window.col0 - col0
    canvas[r : r + window.levels.shape[0], c : c + window.levels.shape[1]] = window.levels
    return canvas


def with_clutter(terrain, params):
    rng = np.random.default_rng(11)
    sizes = tier_sizes(params)
    g = terrain.grid
    losses = [rng.uniform(0, 18, (g.height // c, g.width // c)).astype(np.float32) for c in sizes]
    return replace(terrain, clutter=losses)


@pytest.mark.parametrize("clutter", [False, True])
def test_levels_at_every_cell_equal_the_model_windows(audit, clutter):
    inputs, params, today = audit
    terrain = with_clutter(today.terrain, params) if clutter else today.terrain
    checked = 0
    for job in jobs_of(audit):
        ours = levels_at(job, "4G", params, terrain, every_cell)
        model = model_windows(job, params, terrain)
        reached = {o[0] for o in ours if (o[-1] != EMPTY).any()}
        assert reached == set(model), job
        for tier, row0, col0, a, b, levels in ours:
            size = int(np.sqrt(len(a)))
            grid_of = np.full((size, size), EMPTY, dtype=np.int16)
            grid_of[a, b] = levels
            expected = (
                placed(model[tier], row0, col0, size)
                if tier in model
                else np.full((size, size), EMPTY, np.int16)
            )
            np.testing.assert_array_equal(grid_of, expected)
            checked += int((levels != EMPTY).sum())
    assert checked > 10_000


def test_a_few_cells_alone_give_the_levels_of_the_whole_window(audit):
    """Fewer radials, each walked only as far as a chosen cell reads: the same levels."""
    inputs, params, today = audit
    terrain = today.terrain
    rng = np.random.default_rng(5)
    for job in jobs_of(audit)[::2]:
        full = {
            t: (a, b, lv) for t, _, _, a, b, lv in levels_at(job, "4G", params, terrain, every_cell)
        }

        def some(step, row0, col0, size):
            a, b = every_cell(step, row0, col0, size)
            pick = rng.random(len(a)) < 0.01
            return a[pick], b[pick]

        for tier, _, _, a, b, levels in levels_at(job, "4G", params, terrain, some):
            fa, fb, fl = full[tier]
            size = int(np.sqrt(len(fa)))
            np.testing.assert_array_equal(levels, fl.reshape(size, size)[a, b])


def test_targeted_cells_equal_the_full_windows_filtered(audit):
    """The covered target cells from the targeted levels against the model's whole
    windows, thresholded and expanded to their fine cells (``kept_covered``), for
    target sets from every village cell down to a few scattered ones."""
    inputs, params, today = audit
    terrain = today.terrain
    grid = terrain.grid
    sizes = tier_sizes(params)
    rng = np.random.default_rng(9)
    masks = [np.ones(grid.height * grid.width, bool)]
    for share in (0.2, 0.002):
        masks.append(rng.random(grid.height * grid.width) < share)
    jobs = jobs_of(audit)
    total = 0
    for keep in masks:
        kept, targets = KeptCells(keep, grid, sizes), TargetCells(keep, grid, sizes)
        for job in jobs:
            expected = kept_covered(job, "4G", params, terrain, kept)
            np.testing.assert_array_equal(
                targeted_covered(job, "4G", params, terrain, targets), expected
            )
            total += len(expected)
    assert total > 1000
