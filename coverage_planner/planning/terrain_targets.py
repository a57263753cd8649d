"""A candidate's terrain levels at the cells that decide what it brings, and nowhere else.

What a candidate brings depends only on its level at the cells of the villages left
uncovered today (``targets``). The audit's model (:func:`~coverage_planner.coverage.
terrain.levels.site_levels`) computes a site's level in every cell of three windows
(30, 90, 270 m cells, up to 15 km for 4G): about 100,000 cells and 800 radial profiles
walked to their end. Here the same model is evaluated only where it decides:

- per tier, the tier cells of the window that hold a target cell;
- the radial profiles those cells read (the nearest radial of each), walked from the
  mast up to the furthest sample a target cell reads — a walk is sequential, so its
  terms at a sample do not depend on the samples beyond it;
- the cells' levels.

The tier plan, the walks and the level kernel are the model's own
(``levels.tier_plan``, ``profiles.radial_terms``, ``cells.tier_levels``, given the
cells and radials to compute), so a level here equals the audit's to the bit (tested
against ``site_levels`` cell by cell).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from coverage_planner.coverage.terrain.cells import diffraction_table, tier_levels
from coverage_planner.coverage.terrain.grid import Terrain
from coverage_planner.coverage.terrain.jobs import SiteJob, eirp_dbm, tilt_of
from coverage_planner.coverage.terrain.levels import (
    SitePlan,
    source_window,
    step_args,
    tier_plan,
    walk_source,
)
from coverage_planner.coverage.terrain.los import sector_gain, window_geometry
from coverage_planner.coverage.terrain.profiles import radial_map
from coverage_planner.params import Parameters

_TABLE = diffraction_table()


@njit(cache=True)
def mark_reads(radial, sample, a, b, size, needed, last):  # pragma: no cover - compiled
    """The samples window cells (``a[i]``, ``b[i]``) read: ``needed[k, j] = 1`` for the
    sample ``j`` (at most ``size``) of the radial ``k`` each reads, ``last[k]`` the
    furthest sample read on radial ``k`` (left as it was where none is read further).
    One pass; ``np.maximum.at`` took a fifth of a candidate's time on the demo."""
    for i in range(a.shape[0]):
        k = radial[a[i], b[i]]
        j = min(sample[a[i], b[i]], size)
        needed[k, j] = 1
        if j > last[k]:
            last[k] = j


def levels_at(
    job: SiteJob,
    tech: str,
    params: Parameters,
    terrain: Terrain,
    cells_of_tier,
    plan: SitePlan | None = None,
) -> list[tuple[int, int, int, np.ndarray, np.ndarray, np.ndarray]]:
    """The level of ``job`` for ``tech`` (int16, 0.01 dB, ``EMPTY`` where the model
    does not reach) at the cells ``cells_of_tier(step, row0, col0, size)`` names in
    each tier's window — window rows and columns ``(a, b)`` of the (size × size)
    window whose top-left cell is ``row0``, ``col0`` of the tier's grid.

    Returns per tier ``(tier, row0, col0, a, b, levels)``; ``job`` must serve only
    ``tech`` (as planning builds its jobs), as in ``site_levels`` of that job.
    """
    plan = tier_plan(job, params, terrain) if plan is None else plan
    if plan is None:
        return []
    ter = params.terrain
    tp = params.technologies[tech]
    chosen = []
    for st in plan.steps:
        size = 2 * st.n + 1
        a, b = cells_of_tier(st, st.orow - st.n, st.ocol - st.n, size)
        if len(a):
            chosen.append((st, np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)))
    if not chosen:
        return []
    # Per DEM source: which samples of which radials the chosen cells read.
    profiles = {}
    for source, (size, n_radials) in plan.walks.items():
        uses = [(st, a, b) for st, a, b in chosen if st.source == source]
        if not uses:
            continue
        needed = np.zeros((n_radials, size + 1), dtype=np.uint8)
        last = np.full(n_radials, -1, dtype=np.int64)
        for st, a, b in uses:
            radial, sample = radial_map(st.n, st.ratio, st.offset, n_radials)
            mark_reads(radial, sample, a, b, size, needed, last)
        window = source_window(plan, source, size, terrain)
        if window is None:
            continue
        profiles[source] = (
            walk_source(plan, source, window, params, terrain, n_radials, needed, last),
            n_radials,
        )
    azimuths = np.array(job.azimuths if job.beamwidth < 360.0 else (), dtype=np.float64)
    out = []
    for st, a, b in chosen:
        if st.source not in profiles:
            continue
        _, bearing = window_geometry(st.n, st.step)[::2]
        gain = sector_gain(
            np.ascontiguousarray(bearing[a, b].reshape(1, -1)),
            azimuths,
            job.beamwidth,
            ter.front_to_back_db,
        ).ravel()
        levels = tier_levels(
            *step_args(job, params, terrain, plan, st, profiles[st.source]),
            gain,
            np.array([eirp_dbm(job, tp)]),
            np.array(tp.spm_k(ter.environment), dtype=np.float64).reshape(1, 6),
            np.array([float(tp.frequency_mhz)]),
            np.array([plan.reach[tech] / 1000.0]),
            np.array([tilt_of(job, tp)]),
            _TABLE,
            ter.vertical_beamwidth_deg,
            ter.vertical_sla_db,
            ter.front_to_back_db,
            a,
            b,
        )[0]
        out.append((st.tier, st.orow - st.n, st.ocol - st.n, a, b, levels))
    return out
