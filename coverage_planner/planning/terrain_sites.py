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
from dataclasses import replace

import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.terrain.grid import dem_lowest
from coverage_planner.coverage.terrain.jobs import site_reach_m
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
from coverage_planner.planning.terrain_targets import levels_at
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.runtime import process_context


def _clearing(window, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Cells of a level window (its own tier's rows and columns) clearing ``threshold``,
    compared as the model composes them (0.01 dB steps read back in float64)."""
    level = (window.levels.astype(np.float32) / np.float32(100.0)).astype(np.float64)
    return np.nonzero((window.levels != EMPTY) & (level >= threshold))


def sorted_unique(parts: list[np.ndarray]) -> np.ndarray:
    """The cells of ``parts`` sorted, each once (``np.unique``'s result, by one sort:
    its hashing cost a tenth of a candidate's time on the demo)."""
    if not parts:
        return np.empty(0, dtype=np.int64)
    cells = np.concatenate(parts)
    cells.sort()
    return cells[np.r_[True, cells[1:] != cells[:-1]]] if len(cells) else cells


class KeptCells:
    """The output cells that count for villages (``keep``), found from a tier's cell
    without expanding it into its fine cells: for each coarse cell of a tier, the
    kept fine cells inside it (sorted by coarse cell, with offsets)."""

    def __init__(self, keep: np.ndarray, grid, sizes: list[int]) -> None:
        self.keep = keep
        self.height, self.width = grid.height, grid.width
        flat = np.flatnonzero(keep)
        fr, fc = np.divmod(flat, self.width)
        self.tiers: dict[int, tuple[int, int, np.ndarray, np.ndarray]] = {}
        for c in sorted(set(sizes) - {1}):
            hc, wc = -(-self.height // c), -(-self.width // c)
            coarse = (fr // c) * wc + fc // c
            order = np.argsort(coarse, kind="stable")
            start = np.searchsorted(coarse[order], np.arange(hc * wc + 1))
            self.tiers[c] = (hc, wc, flat[order], start)

    def of_window(self, row0: int, col0: int, r: np.ndarray, k: np.ndarray, c: int) -> np.ndarray:
        """Kept output cells inside cells (row0 + r, col0 + k) of the tier of side ``c``."""
        rr, kk = row0 + r, col0 + k
        if c == 1:
            inside = (rr >= 0) & (rr < self.height) & (kk >= 0) & (kk < self.width)
            flat = rr[inside].astype(np.int64) * self.width + kk[inside]
            return flat[self.keep[flat]]
        hc, wc, cells, start = self.tiers[c]
        inside = (rr >= 0) & (rr < hc) & (kk >= 0) & (kk < wc)
        coarse = rr[inside].astype(np.int64) * wc + kk[inside]
        lo, n = start[coarse], start[coarse + 1] - start[coarse]
        if not n.any():
            return np.empty(0, dtype=np.int64)
        return cells[np.repeat(lo - np.cumsum(n) + n, n) + np.arange(n.sum())]


def kept_covered(job, tech: str, params: Parameters, terrain: Terrain, kept: KeptCells):
    """The kept output cells one site covers for ``tech`` (sorted, unique): every fine
    cell of each tier cell whose level clears the threshold plus margin, among those
    ``keep`` marks."""
    threshold = params.technologies[tech].threshold_dbm + params.terrain.margin_db()
    sizes = tier_sizes(params)
    parts = [
        kept.of_window(w.row0, w.col0, *_clearing(w, threshold), sizes[w.tier])
        for w in site_levels(job, params, terrain).get(tech, [])
    ]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)


class TargetCells:
    """The cells that decide what candidates bring (``keep``: the cells of the villages
    left uncovered today), indexed for :func:`targeted_covered`: per tier, the tier
    cells holding one, listed row by row (so a window finds its own without scanning
    its whole area: targets are few, windows up to 50,000 cells), and the fine cells
    inside each."""

    def __init__(self, keep: np.ndarray, grid, sizes: list[int]) -> None:
        self.kept = KeptCells(keep, grid, sizes)
        mask = keep.reshape(grid.height, grid.width)
        marks = {1: mask}
        for c in sorted(set(sizes) - {1}):
            h, w = grid.height // c, grid.width // c
            marks[c] = mask[: h * c, : w * c].reshape(h, c, w, c).any(axis=(1, 3))
        self.lists: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, int]] = {}
        for c, mark in marks.items():
            rows, cols = np.nonzero(mark)
            start = np.searchsorted(rows, np.arange(mark.shape[0] + 1))
            self.lists[c] = (rows, cols, start, mark.shape[1])

    def in_window(self, step, row0: int, col0: int, size: int):
        """Window cells (rows, columns from its top-left ``row0``, ``col0``) of the
        tier of ``step`` holding a target cell, in row-major order."""
        rows, cols, start, width = self.lists[step.cells]
        rs, cs = max(row0, 0), max(col0, 0)
        re, ce = min(row0 + size, len(start) - 1), min(col0 + size, width)
        if re <= rs or ce <= cs:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        r, c = rows[start[rs] : start[re]], cols[start[rs] : start[re]]
        inside = (c >= cs) & (c < ce)
        return r[inside] - row0, c[inside] - col0


def targeted_covered(job, tech: str, params: Parameters, terrain: Terrain, targets: TargetCells):
    """The target cells one site covers for ``tech`` (sorted, unique): the same cells
    as :func:`kept_covered` with ``keep`` the targets, computed only at the tier cells
    holding a target (:func:`~.terrain_targets.levels_at`)."""
    threshold = params.technologies[tech].threshold_dbm + params.terrain.margin_db()
    sizes = tier_sizes(params)
    parts = []
    for tier, row0, col0, a, b, levels in levels_at(job, tech, params, terrain, targets.in_window):
        level = (levels.astype(np.float32) / np.float32(100.0)).astype(np.float64)
        ok = (levels != EMPTY) & (level >= threshold)
        if ok.any():
            parts.append(targets.kept.of_window(row0, col0, a[ok], b[ok], sizes[tier]))
    return sorted_unique(parts)


_STATE: dict = {}


def _init(terrain: Terrain, keep: np.ndarray) -> None:
    _STATE["terrain"], _STATE["keep"] = terrain, keep
    _STATE.pop("targets", None)


def _cells_of(jobs, tech, params, terrain=None, keep=None, reporter=None):
    terrain = _STATE["terrain"] if terrain is None else terrain
    if keep is None:  # in a worker: the index of target cells built once
        if "targets" not in _STATE:
            _STATE["targets"] = TargetCells(_STATE["keep"], terrain.grid, tier_sizes(params))
        targets = _STATE["targets"]
    else:
        targets = TargetCells(keep, terrain.grid, tier_sizes(params))
    reporter = reporter or NullReporter()
    out = []
    for k, job in enumerate(jobs):
        if k % 32 == 0:
            checkpoint(reporter, k, len(jobs))
        out.append((job.index, targeted_covered(job, tech, params, terrain, targets)))
    return out


def reach_bound_m(job, tech: str, params: Parameters, terrain: Terrain) -> float:
    """How far the model reaches for this site: its link-budget reach
    (:func:`~coverage_planner.coverage.terrain.jobs.site_reach_m`) with the antenna
    above the lowest ground within the technology's horizon, as the model takes it,
    plus the diagonal of the coarsest tier's cell; the horizon where the DEM has no
    ground around the site."""
    tp = params.technologies[tech]
    f, res = terrain.factor, terrain.grid.res
    horizon = tp.max_range_km * 1000.0
    crow, ccol = job.row // f + terrain.coarse_pad, job.col // f + terrain.coarse_pad
    lowest = dem_lowest(terrain.coarse, crow, ccol, int(np.ceil(horizon / (res * f))) + 1)
    cell = max(tier_sizes(params)) * res
    if lowest is None:
        return horizon + 1.5 * cell
    row = min(max(job.row + terrain.fine_pad, 0), terrain.fine.shape[0] - 1)
    col = min(max(job.col + terrain.fine_pad, 0), terrain.fine.shape[1] - 1)
    height = job.height_m if np.isfinite(job.height_m) else tp.antenna_height_m
    relief = float(terrain.fine[row, col]) + height - lowest
    return site_reach_m(job, tech, params, relief) + 1.5 * cell


def within_reach(jobs, candidate_sites, near, tech: str, params: Parameters, terrain: Terrain):
    """Whether each job's site can reach one of the geometries ``near``."""
    if len(jobs) == 0:
        return np.zeros(0, dtype=bool)
    near = np.asarray(near)
    if len(near) == 0:
        return np.zeros(len(jobs), dtype=bool)
    reach = np.array([reach_bound_m(j, tech, params, terrain) for j in jobs])
    points = candidate_sites.geometry.to_numpy()[[j.index for j in jobs]]
    tree = shapely.STRtree(near)
    hit, _ = tree.query(points, predicate="dwithin", distance=reach)
    out = np.zeros(len(jobs), dtype=bool)
    out[hit] = True
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
    near=None,
    workers: int = 2,
    reporter: Reporter | None = None,
) -> list[np.ndarray]:
    """For each candidate (a row of a site table), the flat grid cells it covers for
    ``tech`` among those ``keep`` marks (the cells that count for villages).

    ``near``: the geometries of the villages a candidate could bring (those uncovered
    today); a candidate farther from all of them than it can reach is not computed
    (it brings nothing: its list of cells stays empty).

    ``dem`` is the audit's :class:`~coverage_planner.coverage.terrain.model.Terrain`
    (``CoverageResult.terrain``), or the DEM on ``grid`` as an array (then the ground
    beyond the grid is taken as its edge). ``techs`` are the technologies of the audit:
    the antenna height of a site without one comes from the technologies it serves, as
    in the audit.
    """
    reporter = reporter or NullReporter()
    terrain = dem if isinstance(dem, Terrain) else terrain_from_array(dem, grid, params, techs)
    # Only the planned technology: an upgraded site serves others too, and their
    # reach (2G's is the longest) would size every window and its profiles.
    jobs = [
        replace(j, radius_m={tech: j.radius_m[tech]})
        for j in site_jobs(candidate_sites, terrain.grid, params, techs)
        if tech in j.radius_m
    ]
    if near is not None:
        jobs = [
            j
            for j, ok in zip(
                jobs, within_reach(jobs, candidate_sites, near, tech, params, terrain), strict=True
            )
            if ok
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
