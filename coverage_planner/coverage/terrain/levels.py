"""One site's level windows on the terrain model's three tiers of cells.

``site_levels(job, params, terrain)`` is the model's unit of work: the same function
computes every site of an audit (in a worker process), a site the app's planner edits,
and each candidate of the investment plan (``candidate_coverage``). Its result depends
only on its arguments, which is what lets ``windows.WindowCache`` keep it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.cells import cell_terms, diffraction_table, tier_levels
from coverage_planner.coverage.terrain.grid import Terrain, centred, dem_lowest, dem_window
from coverage_planner.coverage.terrain.jobs import SiteJob, eirp_dbm, site_reach_m, tilt_of
from coverage_planner.coverage.terrain.los import EMPTY, sector_gain, window_geometry
from coverage_planner.coverage.terrain.profiles import (
    mark_read,
    radial_count,
    radial_map,
    radial_terms,
)
from coverage_planner.coverage.terrain.windows import SiteLevels, crop_window
from coverage_planner.params import Parameters

TIERS = 3


def tier_sizes(params: Parameters) -> list[int]:
    """Cell side of each tier in output cells: 1, far_factor, far_factor²."""
    f = int(params.terrain.far_factor)
    return [f**t for t in range(TIERS)]


def tier_terms(job: SiteJob, params: Parameters, terrain: Terrain):
    """The terrain terms of one site, tier by tier: yields ``(tier, row0, col0, terms,
    gain, reach)`` with ``terms`` from ``cell_terms`` for the window whose top-left cell
    is ``row0``, ``col0`` of the tier's grid, the sector gain of its cells, and the
    reach (m) per technology. Used by measurements and calibration; the levels
    (:func:`site_levels`) come from the same arguments through ``tier_levels``.
    """
    for tier, row0, col0, args, gain, reach in _tier_setups(job, params, terrain):
        yield tier, row0, col0, cell_terms(*args), gain, reach


@dataclass(frozen=True)
class TierStep:
    """One tier of a site's computation."""

    tier: int
    cells: int  # the tier's cell side in output cells
    step: float  # the tier's cell size (m)
    n: int  # the window is (2n + 1)² tier cells centred on the site's cell
    ratio: int  # tier cells per DEM cell of the profiles it reads
    orow: int  # the site's cell on the tier's grid
    ocol: int
    offset: tuple[int, int]  # the tier cell's centre from the mast's DEM cell (DEM cells)

    @property
    def source(self) -> int:
        """The DEM its profiles are walked on: 0 the fine one, 1 the coarse one."""
        return min(self.tier, 1)


@dataclass(frozen=True)
class SitePlan:
    """A site's tiers, the radial walks they read, and where the site stands."""

    steps: list[TierStep]
    walks: dict[int, tuple[int, int]]  # DEM source (0 fine, 1 coarse) -> (size, radials)
    frow: int  # the mast's cell on the fine DEM
    fcol: int
    crow: int  # and on the coarse one
    ccol: int
    fine_ground: float
    tx_h: float
    far: float  # the furthest reach of the site's technologies (m)
    reach: dict[str, float]  # per technology (m)


def tier_plan(job: SiteJob, params: Parameters, terrain: Terrain) -> SitePlan | None:
    """The tiers a site reaches and the radial profiles they read (the one layout of
    both the audit's windows and planning's targeted levels); None where the DEM has
    no ground around the site (nothing of it is computed)."""
    grid, f = terrain.grid, terrain.factor
    res = grid.res
    sizes = tier_sizes(params)
    bounds = tier_bounds(params)
    furthest = max(params.technologies[t].max_range_km for t in job.radius_m) * 1000.0
    crow, ccol = job.row // f + terrain.coarse_pad, job.col // f + terrain.coarse_pad
    lowest = dem_lowest(terrain.coarse, crow, ccol, horizon_cells(furthest, terrain))
    if lowest is None:
        return None
    fine_ground = mast_ground(job, terrain)
    tx_h = antenna_height(job, params)
    relief = fine_ground + tx_h - lowest  # the antenna above the lowest ground around
    reach = {t: site_reach_m(job, t, params, relief) for t in job.radius_m}
    far = max(reach.values())
    steps: list[TierStep] = []
    walks: dict[int, tuple[int, int]] = {}
    for tier, cells in enumerate(sizes):
        if far <= bounds[tier]:
            break
        step = res * cells  # the tier's cell size
        extent = min(far, bounds[tier + 1] + 2 * step * f)
        n = int(np.ceil(extent / step)) + 1
        ratio = 1 if tier == 0 else cells // f
        orow, ocol = job.row // cells, job.col // cells
        offset = (0, 0)
        if tier > 0:
            # centre of the site's cell of this tier from that of its DEM cell
            offset = (
                (orow * cells * 2 + cells - (job.row // f) * f * 2 - f) // (2 * f),
                (ocol * cells * 2 + cells - (job.col // f) * f * 2 - f) // (2 * f),
            )
        st = TierStep(tier, cells, step, n, ratio, orow, ocol, offset)
        steps.append(st)
        size, count = walks.get(st.source, (0, 0))
        walks[st.source] = (max(size, n * ratio), max(count, radial_count(n)))
    frow, fcol = job.row + terrain.fine_pad, job.col + terrain.fine_pad
    return SitePlan(steps, walks, frow, fcol, crow, ccol, fine_ground, tx_h, far, reach)


def tier_bounds(params: Parameters) -> list[float]:
    """Where each tier starts and ends (m from the site's cell)."""
    ter = params.terrain
    return [-1.0, ter.near_range_km * 1000.0, ter.mid_range_km * 1000.0, np.inf]


def source_window(plan: SitePlan, source: int, size: int, terrain: Terrain):
    """The DEM window (fine 0, coarse 1) of half-side ``size`` centred on the mast, the
    mast's own ground at its centre on either DEM; None for a site far outside."""
    dem, wrow, wcol = (
        (terrain.fine, plan.frow, plan.fcol)
        if source == 0
        else (terrain.coarse, plan.crow, plan.ccol)
    )
    window = dem_window(dem, wrow, wcol, size)
    if window is not None:
        window[size, size] = plan.fine_ground
    return window


def walk_source(plan, source, window, params, terrain, n_radials, needed, last):
    """``radial_terms`` of a site's walk on one DEM (see :func:`source_window`)."""
    ter = params.terrain
    return radial_terms(
        window,
        terrain.grid.res * (1 if source == 0 else terrain.factor),
        plan.tx_h,
        ter.receiver_height_m,
        ter.k_factor * radio.EARTH_RADIUS_M,
        ter.min_effective_height_m,
        n_radials,
        needed,
        ter.max_effective_height_m,
        last,
    )


def step_args(job, params, terrain, plan: SitePlan, st: TierStep, profiles) -> tuple:
    """The arguments of ``cell_terms`` (and the first ones of ``tier_levels``) for one
    tier of a site, its profiles ``(g_r, h_r, z_r)`` walked with ``n_radials``."""
    (g_r, h_r, z_r), n_radials = profiles
    grid, f = terrain.grid, terrain.factor
    res = grid.res
    sizes = tier_sizes(params)
    bounds = tier_bounds(params)
    off_r, off_c = st.offset[0] * res * f, st.offset[1] * res * f
    up = min(st.tier + 1, TIERS - 1)
    return (
        g_r,
        h_r,
        z_r,
        *radial_map(st.n, st.ratio, st.offset, n_radials),
        _log_distance(st.n, st.step, off_r, off_c),
        plan.fine_ground + plan.tx_h,
        params.terrain.receiver_height_m,
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
    )


def _tier_setups(job: SiteJob, params: Parameters, terrain: Terrain):
    """Per tier the site reaches: ``(tier, row0, col0, args, gain, reach)``, ``args``
    the arguments of ``cell_terms`` (and the first ones of ``tier_levels``)."""
    plan = tier_plan(job, params, terrain)
    if plan is None:
        return
    ter = params.terrain
    azimuths = np.array(job.azimuths if job.beamwidth < 360.0 else (), dtype=np.float64)
    profiles = {}
    for source, (size, n_radials) in plan.walks.items():
        window = source_window(plan, source, size, terrain)
        if window is None:  # a site far outside the area: nothing of it reaches in
            continue
        needed = _samples_read(plan, source, size, n_radials, tier_bounds(params))
        profiles[source] = (
            walk_source(plan, source, window, params, terrain, n_radials, needed, _WHOLE),
            n_radials,
        )
    for st in plan.steps:
        if st.source not in profiles:
            continue
        _, bearing = window_geometry(st.n, st.step)[::2]
        gain = sector_gain(bearing, azimuths, job.beamwidth, ter.front_to_back_db)
        args = step_args(job, params, terrain, plan, st, profiles[st.source])
        yield st.tier, st.orow - st.n, st.ocol - st.n, args, gain, plan.reach


_WHOLE = np.empty(0, dtype=np.int64)  # every radial walked to its end


def horizon_cells(reach_m: float, terrain: Terrain) -> int:
    """Half-side (coarse cells) of the square the model searches for the lowest ground
    within ``reach_m`` of a site."""
    return int(np.ceil(reach_m / (terrain.grid.res * terrain.factor))) + 1


def mast_ground(job: SiteJob, terrain: Terrain) -> float:
    """The ground under a site's mast (fine DEM; its edge for a site beyond it)."""
    frow, fcol = job.row + terrain.fine_pad, job.col + terrain.fine_pad
    return float(
        terrain.fine[
            min(max(frow, 0), terrain.fine.shape[0] - 1),
            min(max(fcol, 0), terrain.fine.shape[1] - 1),
        ]
    )


def antenna_height(job: SiteJob, params: Parameters) -> float:
    """The site's antenna height above ground, else the highest default of its
    technologies."""
    if np.isfinite(job.height_m):
        return float(job.height_m)
    return max(params.technologies[t].antenna_height_m for t in job.radius_m)


def _samples_read(
    plan: SitePlan, source: int, size: int, n_radials: int, bounds: list[float]
) -> np.ndarray:
    """Which samples of the radials on DEM ``source`` the cells of the site's tiers
    read (``bounds``: :func:`tier_bounds`): the others need no Bullington point."""
    needed = np.zeros((n_radials, size + 1), dtype=np.uint8)
    for st in plan.steps:
        if st.source == source:
            radial, sample = radial_map(st.n, st.ratio, st.offset, n_radials)
            mark_read(needed, radial, sample, st.step, bounds[st.tier])
    return needed


def site_levels(job: SiteJob, params: Parameters, terrain: Terrain) -> SiteLevels:
    """Level windows of one site, per technology it serves and per tier.

    The model's unit of work (public API: the app recomputes an edited site with it,
    the planner each candidate): its result depends only on ``job``, ``params`` and
    ``terrain``, so ``windows.window_key`` can key it.

    Each site is computed on three tiers of cells, each ``far_factor`` × coarser than the
    one before (30, 90, 270 m by default): up to ``near_range_km``, up to
    ``mid_range_km``, and up to its reach. The profiles of the two outer tiers are
    sampled from the coarse DEM (90 m, the resolution of SRTM-class DEMs) every 90 m, so
    the outer tier's larger cells lose no ridge; only where a cell takes its value
    changes. A fine cell is reached through exactly one tier (see ``cell_terms``).
    Levels are kept in 0.01 dB steps (int16), the same whether they come from the
    cache or not.

    Returns
    -------
    SiteLevels
        technology -> its :class:`~.windows.TierWindow` list (one per tier reached).
    """
    ter = params.terrain
    techs = list(job.radius_m)
    out: SiteLevels = {t: [] for t in techs}
    tps = [params.technologies[t] for t in techs]
    eirp = np.array([eirp_dbm(job, tp) for tp in tps])
    k = np.array([tp.spm_k(ter.environment) for tp in tps], dtype=np.float64).reshape(-1, 6)
    f_mhz = np.array([tp.frequency_mhz for tp in tps], dtype=np.float64)
    tilt = np.array([tilt_of(job, tp) for tp in tps], dtype=np.float64)
    for tier, row0, col0, args, gain, reach in _tier_setups(job, params, terrain):
        reach_km = np.array([reach[t] / 1000.0 for t in techs])
        levels = tier_levels(
            *args,
            gain.ravel(),
            eirp,
            k,
            f_mhz,
            reach_km,
            tilt,
            _TABLE,
            ter.vertical_beamwidth_deg,
            ter.vertical_sla_db,
            ter.front_to_back_db,
            _WHOLE,
            _WHOLE,
        )
        size = gain.shape[0]
        for i, tech in enumerate(techs):
            window = crop_window(tier, row0, col0, levels[i].reshape(size, size))
            if window is not None:
                out[tech].append(window)
    return out


_LOG_D: dict = {}


def _log_distance(n: int, step: float, off_r: float, off_c: float) -> np.ndarray:
    """log10 of the distance in km (at least 10 m) of a window's cells from the mast."""

    def build(n: int) -> tuple[np.ndarray]:
        di, dj = np.mgrid[-n : n + 1, -n : n + 1].astype(np.float64)
        d = np.hypot(di * step + off_r, dj * step + off_c)
        return (np.log10(np.maximum(d / 1000.0, 0.01)).astype(np.float32),)

    return centred(_LOG_D, (step, off_r, off_c), n, build)[0]


_TABLE = diffraction_table()
_NO_CLUTTER = np.zeros((0, 0), dtype=np.float32)


@dataclass
class CandidateCoverage:
    """What one site (an existing one or a candidate) brings on its own, for a
    technology: its level windows and the output-grid cells it covers."""

    technology: str
    windows: list
    covered_cells: np.ndarray  # flat indices (row * width + col) into terrain.grid, sorted
    threshold: float  # the level the cells clear: threshold + margin


def candidate_coverage(
    terrain: Terrain,
    *,
    x: float,
    y: float,
    technology: str,
    params: Parameters,
    antenna_height_m: float | None = None,
    azimuths: tuple[float, ...] = (),
    beamwidth_deg: float = 360.0,
    tx_power_dbm: float | None = None,
    antenna_gain_dbi: float | None = None,
    feeder_loss_db: float | None = None,
    downtilt_deg: float | None = None,
) -> CandidateCoverage:
    """Coverage of one site standing at (x, y) in the working CRS, by the terrain model.

    The same computation as every site of an audit (``site_levels``), for one site and
    one technology: a few milliseconds to tens of milliseconds, so a planner can ask it
    of thousands of candidate positions. ``terrain`` comes from :func:`terrain_grids`
    (read once for the study). Options left out take the technology's defaults.

    Returns
    -------
    CandidateCoverage
        ``covered_cells``: the cells of ``terrain.grid`` where the site's level clears
        the technology's threshold plus the location-probability and indoor margin.
    """
    grid = terrain.grid
    row, col = grid.cell_of(np.array([x]), np.array([y]))
    tp = params.technologies[technology]
    job = SiteJob(
        -1,
        int(row[0]),
        int(col[0]),
        float(antenna_height_m) if antenna_height_m is not None else tp.antenna_height_m,
        tuple(float(a) for a in azimuths) if beamwidth_deg < 360.0 else (),
        float(beamwidth_deg),
        {technology: np.nan},
        tuple(
            np.nan if v is None else float(v)
            for v in (tx_power_dbm, antenna_gain_dbi, feeder_loss_db)
        ),
        np.nan if downtilt_deg is None else float(downtilt_deg),
    )
    windows = site_levels(job, params, terrain)[technology]
    threshold = tp.threshold_dbm + params.terrain.margin_db()
    sizes = tier_sizes(params)
    cells = []
    for w in windows:
        c = sizes[w.tier]
        level = (w.levels.astype(np.float32) / np.float32(100.0)).astype(np.float64)
        r, k = np.nonzero((w.levels != EMPTY) & (level >= threshold))
        if not len(r):
            continue
        # every fine cell of each covered tier cell
        dr, dk = np.divmod(np.arange(c * c), c)
        rows = ((w.row0 + r)[:, None] * c + dr[None, :]).ravel()
        cols = ((w.col0 + k)[:, None] * c + dk[None, :]).ravel()
        inside = (rows >= 0) & (rows < grid.height) & (cols >= 0) & (cols < grid.width)
        cells.append(rows[inside].astype(np.int64) * grid.width + cols[inside])
    covered = np.unique(np.concatenate(cells)) if cells else np.empty(0, np.int64)
    return CandidateCoverage(technology, windows, covered, threshold)
