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
- the cells' levels by the same arithmetic as the model's ``tier_levels`` (its own
  compiled ``_level`` and ``walk_profile`` are called), so a level here equals the
  audit's to the bit (tested against ``site_levels`` cell by cell).

The tier plan (window sizes, offsets, radial counts, the tier boundaries) is the one
``levels._tier_setups`` builds; :func:`tier_plan` mirrors it, and a test compares every
level with the model's own windows on several studies, so a change of the model that
is not followed here fails there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.grid import Terrain, dem_lowest, dem_window
from coverage_planner.coverage.terrain.jobs import SiteJob, eirp_dbm, site_reach_m, tilt_of
from coverage_planner.coverage.terrain.levels import TIERS, _log_distance, tier_sizes
from coverage_planner.coverage.terrain.los import (
    EMPTY,
    _level,
    diffraction_table,
    sector_gain,
    window_geometry,
)
from coverage_planner.coverage.terrain.profiles import (
    _bilinear,
    radial_count,
    radial_map,
    walk_profile,
)
from coverage_planner.params import Parameters

_TABLE = diffraction_table()


@dataclass(frozen=True)
class TierStep:
    """One tier of a site's computation, as the model lays it out."""

    tier: int
    cells: int  # the tier's cell side in output cells
    step: float  # the tier's cell size (m)
    n: int  # the window is (2n + 1)² tier cells centred on the site's cell
    ratio: int  # tier cells per DEM cell of the profiles it reads
    orow: int  # the site's cell on the tier's grid
    ocol: int
    offset: tuple[int, int]  # the tier cell's centre from the mast's DEM cell


@dataclass(frozen=True)
class SitePlan:
    """A site's tiers, profiles' sources and radio terms, as ``site_levels`` takes them."""

    steps: list[TierStep]
    walks: dict[int, tuple[int, int]]  # DEM source (0 fine, 1 coarse) -> (size, radials)
    frow: int
    fcol: int
    crow: int
    ccol: int
    fine_ground: float
    tx_h: float
    far: float  # the furthest reach of the site's technologies (m)
    reach: dict[str, float]


def tier_plan(job: SiteJob, params: Parameters, terrain: Terrain) -> SitePlan | None:
    """The tiers and profiles ``site_levels`` computes for ``job`` (None where the
    DEM has no ground around the site: the model computes nothing there)."""
    grid, f = terrain.grid, terrain.factor
    res = grid.res
    ter = params.terrain
    sizes = tier_sizes(params)
    bounds = _bounds(params)
    furthest = max(params.technologies[t].max_range_km for t in job.radius_m) * 1000.0
    crow, ccol = job.row // f + terrain.coarse_pad, job.col // f + terrain.coarse_pad
    lowest = dem_lowest(terrain.coarse, crow, ccol, int(np.ceil(furthest / (res * f))) + 1)
    if lowest is None:
        return None
    frow, fcol = job.row + terrain.fine_pad, job.col + terrain.fine_pad
    fine_ground = float(
        terrain.fine[
            min(max(frow, 0), terrain.fine.shape[0] - 1),
            min(max(fcol, 0), terrain.fine.shape[1] - 1),
        ]
    )
    tx_h = (
        job.height_m
        if np.isfinite(job.height_m)
        else max(params.technologies[t].antenna_height_m for t in job.radius_m)
    )
    relief = fine_ground + tx_h - lowest
    reach = {t: site_reach_m(job, t, params, relief) for t in job.radius_m}
    far = max(reach.values())
    steps: list[TierStep] = []
    walks: dict[int, tuple[int, int]] = {}
    for tier, cells in enumerate(sizes):
        if far <= bounds[tier]:
            break
        step = res * cells
        extent = min(far, bounds[tier + 1] + 2 * step * f)
        n = int(np.ceil(extent / step)) + 1
        ratio = 1 if tier == 0 else cells // f
        orow, ocol = job.row // cells, job.col // cells
        offset = (0, 0)
        if tier > 0:
            offset = (
                (orow * cells * 2 + cells - (job.row // f) * f * 2 - f) // (2 * f),
                (ocol * cells * 2 + cells - (job.col // f) * f * 2 - f) // (2 * f),
            )
        steps.append(TierStep(tier, cells, step, n, ratio, orow, ocol, offset))
        source = min(tier, 1)
        size, count = walks.get(source, (0, 0))
        walks[source] = (max(size, n * ratio), max(count, radial_count(n)))
    del ter
    return SitePlan(steps, walks, frow, fcol, crow, ccol, fine_ground, tx_h, far, reach)


def _bounds(params: Parameters) -> list[float]:
    ter = params.terrain
    return [-1.0, ter.near_range_km * 1000.0, ter.mid_range_km * 1000.0, np.inf]


@njit(cache=True)
def walk_radials(
    z, step, mast_m, rx_m, k_radius, min_heff, n_radials, needed, last, max_heff, g_r, h_r, z_r
):  # pragma: no cover - compiled
    """The model's ``radial_terms`` for the radials ``k`` with ``last[k] >= 0`` only,
    each walked up to sample ``last[k]``: the same profile samples (bilinear on the
    window ``z`` centred on the mast) and the same walk, so the terms of those samples
    equal the full walk's."""
    n = z.shape[0] // 2
    prof = np.empty(n + 1)
    g = np.empty(n + 1)
    h = np.empty(n + 1)
    for k in range(n_radials):
        m = last[k]
        if m < 0:
            continue
        theta = 2.0 * np.pi * k / n_radials  # bearing from north, clockwise
        dy = -np.cos(theta)
        dx = np.sin(theta)
        prof[0] = z[n, n]
        for j in range(1, m + 1):
            prof[j] = _bilinear(z, n + j * dy, n + j * dx)
        walk_profile(
            prof[: m + 1],
            step,
            mast_m,
            rx_m,
            k_radius,
            min_heff,
            g[: m + 1],
            h[: m + 1],
            needed[k, : m + 1],
            max_heff,
        )
        for j in range(m + 1):
            g_r[k, j] = max(g[j], -3.0e38)
            h_r[k, j] = h[j]
            z_r[k, j] = prof[j]


@njit(cache=True)
def cell_levels(
    cell_a,
    cell_b,
    g_r,
    h_r,
    z_r,
    cell_radial,
    cell_sample,
    log_d,
    z_tx,
    rx_h,
    reach,
    step,
    offset_r,
    offset_c,
    lower,
    factor,
    row,
    col,
    prow,
    pcol,
    parent_res,
    upper,
    height,
    width,
    clutter,
    gain,
    eirp,
    k,
    f_mhz,
    reach_km,
    tilt,
    table,
    v_beam,
    v_sla,
    front_to_back,
):  # pragma: no cover - compiled
    """The model's ``tier_levels`` (one technology) at the window cells
    ``(cell_a[i], cell_b[i])`` only: the same tier test, terms and level; ``EMPTY``
    where the tier does not reach the cell. ``gain[i]`` is the sector gain there."""
    size = cell_radial.shape[0]
    n = size // 2
    last = g_r.shape[1] - 1
    out = np.full(cell_a.shape[0], EMPTY, dtype=np.int16)
    has_clutter = clutter.shape[0] > 0
    base = k[0] + k[5] * rx_h
    fs_const = 32.45 + 20.0 * np.log10(f_mhz)
    inv_sqrt_lambda = 1.0 / np.sqrt(299_792_458.0 / (f_mhz * 1e6))
    for i in range(cell_a.shape[0]):
        a = cell_a[i]
        b = cell_b[i]
        gi = row - n + a
        if gi < 0 or gi >= height:
            continue
        gj = col - n + b
        if gj < 0 or gj >= width:
            continue
        if step * np.sqrt((a - n) ** 2 + (b - n) ** 2) <= lower:
            continue
        if upper < np.inf:
            pr = gi // factor - prow
            pc = gj // factor - pcol
            if parent_res * np.sqrt(pr * pr + pc * pc) > upper:
                continue
        y = (a - n) * step + offset_r
        x = (b - n) * step + offset_c
        d = np.sqrt(x * x + y * y)
        if d > reach:
            continue
        kk = cell_radial[a, b]
        j = min(cell_sample[a, b], last)
        d_km = np.float32(max(d / 1000.0, 0.01))
        if d_km > reach_km:
            continue
        ld = log_d[a, b]
        lh = np.float32(np.log10(max(h_r[kk, j], 1.0)))
        slope = np.float32((z_tx - z_r[kk, j] - rx_h) / max(d, 1.0))
        gg = g_r[kk, j]
        clutter_db = np.float32(clutter[gi, gj] if has_clutter else 0.0)
        theta_deg = np.degrees(np.arctan(slope))
        out[i] = _level(
            ld,
            lh,
            slope,
            theta_deg,
            d_km,
            gg,
            clutter_db,
            gain[i],
            eirp,
            k[1],
            k[2],
            k[3],
            k[4],
            base,
            fs_const,
            inv_sqrt_lambda,
            table,
            tilt,
            v_beam,
            v_sla,
            front_to_back,
        )
    return out


_NO_CLUTTER = np.zeros((0, 0), dtype=np.float32)


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
    grid, f = terrain.grid, terrain.factor
    res = grid.res
    sizes = tier_sizes(params)
    bounds = _bounds(params)
    chosen = []
    for st in plan.steps:
        size = 2 * st.n + 1
        a, b = cells_of_tier(st, st.orow - st.n, st.ocol - st.n, size)
        if len(a):
            chosen.append((st, np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)))
    if not chosen:
        return []
    k_radius = ter.k_factor * radio.EARTH_RADIUS_M
    # Per DEM source: which samples of which radials the chosen cells read.
    profiles = {}
    for source, (size, n_radials) in plan.walks.items():
        uses = [(st, a, b) for st, a, b in chosen if min(st.tier, 1) == source]
        if not uses:
            continue
        needed = np.zeros((n_radials, size + 1), dtype=np.uint8)
        last = np.full(n_radials, -1, dtype=np.int64)
        for st, a, b in uses:
            radial, sample = radial_map(st.n, st.ratio, st.offset, n_radials)
            r, s = radial[a, b], np.minimum(sample[a, b], size)
            needed[r, s] = 1
            np.maximum.at(last, r, s)
        dem, wrow, wcol = (
            (terrain.fine, plan.frow, plan.fcol)
            if source == 0
            else (terrain.coarse, plan.crow, plan.ccol)
        )
        window = dem_window(dem, wrow, wcol, size)
        if window is None:
            continue
        window[size, size] = plan.fine_ground
        g_r = np.empty((n_radials, size + 1), dtype=np.float32)
        h_r = np.empty((n_radials, size + 1), dtype=np.float32)
        z_r = np.empty((n_radials, size + 1), dtype=np.float32)
        walk_radials(
            window,
            res * (1 if source == 0 else f),
            plan.tx_h,
            ter.receiver_height_m,
            k_radius,
            ter.min_effective_height_m,
            n_radials,
            needed,
            last,
            ter.max_effective_height_m,
            g_r,
            h_r,
            z_r,
        )
        profiles[source] = (g_r, h_r, z_r, n_radials)
    azimuths = np.array(job.azimuths if job.beamwidth < 360.0 else (), dtype=np.float64)
    eirp = eirp_dbm(job, tp)
    kk = np.array(tp.spm_k(ter.environment), dtype=np.float64)
    out = []
    for st, a, b in chosen:
        source = min(st.tier, 1)
        if source not in profiles:
            continue
        g_r, h_r, z_r, n_radials = profiles[source]
        _, bearing = window_geometry(st.n, st.step)[::2]
        off_r, off_c = st.offset[0] * res * f, st.offset[1] * res * f
        log_d = _log_distance(st.n, st.step, off_r, off_c)
        gain = sector_gain(
            np.ascontiguousarray(bearing[a, b].reshape(1, -1)),
            azimuths,
            job.beamwidth,
            ter.front_to_back_db,
        ).ravel()
        up = min(st.tier + 1, TIERS - 1)
        levels = cell_levels(
            a,
            b,
            g_r,
            h_r,
            z_r,
            *radial_map(st.n, st.ratio, st.offset, n_radials),
            log_d,
            plan.fine_ground + plan.tx_h,
            ter.receiver_height_m,
            plan.far,
            st.step,
            off_r,
            off_c,
            bounds[st.tier],
            f,
            st.orow,
            st.ocol,
            job.row // sizes[up],
            job.col // sizes[up],
            res * sizes[up],
            bounds[st.tier + 1] if st.tier < TIERS - 1 else np.inf,
            grid.height // st.cells,
            grid.width // st.cells,
            terrain.clutter[st.tier] if terrain.clutter is not None else _NO_CLUTTER,
            gain,
            eirp,
            kk,
            float(tp.frequency_mhz),
            plan.reach[tech] / 1000.0,
            tilt_of(job, tp),
            _TABLE,
            ter.vertical_beamwidth_deg,
            ter.vertical_sla_db,
            ter.front_to_back_db,
        )
        out.append((st.tier, st.orow - st.n, st.ocol - st.n, a, b, levels))
    return out
