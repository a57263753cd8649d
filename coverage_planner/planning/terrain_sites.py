"""The one place where planning calls the terrain model per site.

The terrain model composes its grids from per-site level windows; planning needs, for
each candidate alone, the cells where its level clears the threshold. This adapter
calls the model's own per-site function
(:func:`coverage_planner.coverage.terrain.model.site_levels`, the one an audit uses
for every site), so a candidate's cells are those an audit with that site added would
count.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain.los import EMPTY
from coverage_planner.coverage.terrain.model import (
    Grid,
    Terrain,
    site_jobs,
    site_levels,
    terrain_from_array,
    tier_sizes,
)
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.runtime import process_context


def covered_window(job, tech: str, params: Parameters, terrain: Terrain):
    """Cells of the output grid where one site's level of ``tech`` clears the threshold
    (with the location-probability margin), as (rows, cols)."""
    grid = terrain.grid
    threshold = params.technologies[tech].threshold_dbm + params.terrain.margin_db()
    sizes = tier_sizes(params)
    rows_out, cols_out = [], []
    for w in site_levels(job, params, terrain).get(tech, []):
        c = sizes[w.tier]
        level = (w.levels.astype(np.float32) / np.float32(100.0)).astype(np.float64)
        r, k = np.nonzero((w.levels != EMPTY) & (level >= threshold))
        dr, dk = np.divmod(np.arange(c * c), c)
        rows_out.append(((w.row0 + r)[:, None] * c + dr[None, :]).ravel())
        cols_out.append(((w.col0 + k)[:, None] * c + dk[None, :]).ravel())
    if not rows_out:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    gr, gc = np.concatenate(rows_out), np.concatenate(cols_out)
    inside = (gr >= 0) & (gr < grid.height) & (gc >= 0) & (gc < grid.width)
    return gr[inside].astype(np.int64), gc[inside].astype(np.int64)


_STATE: dict = {}


def _init(terrain: Terrain, keep: np.ndarray) -> None:
    _STATE["terrain"], _STATE["keep"] = terrain, keep


def _cells_of(jobs, tech, params, terrain=None, keep=None, reporter=None):
    terrain = _STATE["terrain"] if terrain is None else terrain
    keep = _STATE["keep"] if keep is None else keep
    reporter = reporter or NullReporter()
    width = terrain.grid.width
    out = []
    for k, job in enumerate(jobs):
        if k % 32 == 0:
            checkpoint(reporter, k, len(jobs))
        r, c = covered_window(job, tech, params, terrain)
        flat = np.unique(r * width + c)
        out.append((job.index, flat[keep[flat]]))
    return out


def candidate_cells(
    candidate_sites: pd.DataFrame,
    dem,
    grid: Grid,
    params: Parameters,
    tech: str,
    techs: list[str],
    *,
    keep: np.ndarray,
    workers: int = 2,
    reporter: Reporter | None = None,
) -> list[np.ndarray]:
    """For each candidate (a row of a site table), the flat grid cells it covers for
    ``tech`` among those ``keep`` marks (the cells that count for villages).

    ``dem`` is the audit's :class:`~coverage_planner.coverage.terrain.model.Terrain`
    (``CoverageResult.terrain``), or the DEM on ``grid`` as an array (then the ground
    beyond the grid is taken as its edge). ``techs`` are the technologies of the audit:
    the antenna height of a site without one comes from the technologies it serves, as
    in the audit.
    """
    reporter = reporter or NullReporter()
    terrain = dem if isinstance(dem, Terrain) else terrain_from_array(dem, grid, params, techs)
    jobs = [
        j for j in site_jobs(candidate_sites, terrain.grid, params, techs) if tech in j.radius_m
    ]
    keep = np.ascontiguousarray(keep.ravel())
    out = [np.empty(0, dtype=np.int64) for _ in range(len(candidate_sites))]
    if workers <= 1 or len(jobs) < 16:
        pairs = _cells_of(jobs, tech, params, terrain, keep, reporter)
    else:
        blocks = [list(b) for b in np.array_split(np.array(jobs, dtype=object), 4 * workers)]
        pairs = []
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=process_context(),
            initializer=_init,
            initargs=(terrain, keep),
        ) as pool:
            futures = [pool.submit(_cells_of, b, tech, params) for b in blocks if b]
            for k, f in enumerate(futures):
                pairs.extend(f.result())
                checkpoint(reporter, k + 1, len(futures))
    for index, flat in pairs:
        out[index] = flat
    return out
