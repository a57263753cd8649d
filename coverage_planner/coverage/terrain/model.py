"""The terrain model: received level of every site on a working grid, best server.

For each site and technology, every grid cell within the site's radius gets the
level a receiver 1.5 m above ground would see:

    level = tx power + antenna gain − feeder loss − Hata/COST-231 loss
            − knife-edge loss over the dominant obstacle + sector pattern gain

The dominant obstacle is the terrain horizon seen from the antenna (see ``los``): its
height above the direct ray and its distance give the knife-edge parameter ν. Per
technology the grids keep the best level, the best server and the number of servers
above the threshold. Sites are shared among worker processes; each keeps whole grids
for its sites and the parent merges them (max, argmax with the lower site winning a
tie, sum), so one and two workers give identical grids.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

import numpy as np
import pandas as pd
import rasterio
from affine import Affine
from pyproj import CRS
from rasterio.enums import Resampling
from rasterio.warp import reproject

from coverage_planner.coverage.footprints import serving, site_radius_m
from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.los import (
    EMPTY,
    cell_terms,
    compose_tier,
    diffraction_table,
    fold_window,
    sector_gain,
    window_geometry,
    window_levels,
)
from coverage_planner.coverage.terrain.profiles import radial_count, radial_map, radial_terms
from coverage_planner.coverage.terrain.windows import (
    SiteLevels,
    WindowCache,
    crop_window,
    terrain_digest,
    window_key,
)
from coverage_planner.io.rasters import RasterSource
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.runtime import process_context

NO_LEVEL = np.float32(-999.0)


@dataclass
class Grid:
    """The working grid: north-up, square cells, in the working CRS."""

    transform: Affine
    width: int
    height: int
    crs: object

    @property
    def res(self) -> float:
        return float(self.transform.a)

    @classmethod
    def covering(cls, bounds, res: float, crs) -> Grid:
        minx, miny, maxx, maxy = bounds
        west, north = np.floor(minx / res) * res, np.ceil(maxy / res) * res
        width = int(np.ceil((maxx - west) / res))
        height = int(np.ceil((north - miny) / res))
        return cls(Affine(res, 0, west, 0, -res, north), width, height, crs)

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        col = np.floor((np.asarray(x) - self.transform.c) / self.res).astype(int)
        row = np.floor((self.transform.f - np.asarray(y)) / self.res).astype(int)
        return row, col


@dataclass
class TechnologyRasters:
    """Per-technology grids of the terrain model."""

    level: np.ndarray  # float32 dBm, NO_LEVEL where no site reaches
    server: np.ndarray  # int32 row of the best site in the sites table, -1 where none
    servers: np.ndarray  # uint16 number of sites above the threshold
    threshold: float  # the level a cell needs: the technology's threshold + margin_db
    margin_db: float = 0.0  # location-probability margin + indoor loss in ``threshold``

    @property
    def covered(self) -> np.ndarray:
        # compared in float64, as the kernels count servers
        return self.level >= np.float64(self.threshold)


def read_dem(dem: RasterSource, grid: Grid) -> np.ndarray:
    """The DEM on the working grid (bilinear), read for the grid's area only.

    Only the window of the DEM that covers the grid (plus a cell) is read, so a national
    SRTM mosaic costs no more than the province's part of it.
    """
    from rasterio.warp import transform_bounds
    from rasterio.windows import Window, from_bounds

    out = np.full((grid.height, grid.width), np.nan, dtype=np.float32)
    dst_crs = CRS.from_user_input(grid.crs).to_wkt()
    t = grid.transform
    bounds = (t.c, t.f + t.e * grid.height, t.c + t.a * grid.width, t.f)
    with rasterio.open(dem.path) as src:
        left, bottom, right, top = transform_bounds(
            dst_crs, dem.crs.to_wkt(), *bounds, densify_pts=21
        )
        window = from_bounds(left, bottom, right, top, transform=src.transform)
        col0, row0 = int(np.floor(window.col_off)) - 1, int(np.floor(window.row_off)) - 1
        window = Window(col0, row0, int(np.ceil(window.width)) + 3, int(np.ceil(window.height)) + 3)
        window = window.intersection(Window(0, 0, src.width, src.height))
        data = src.read(1, window=window, out_dtype="float32", masked=True).filled(np.nan)
        reproject(
            source=data,
            destination=out,
            src_transform=src.window_transform(window),
            src_crs=dem.crs.to_wkt(),
            dst_crs=dst_crs,
            dst_transform=grid.transform,
            resampling=Resampling.bilinear,
            src_nodata=np.nan,
            dst_nodata=np.nan,
        )
    if np.isnan(out).all():
        from coverage_planner.errors import InputFileError

        raise InputFileError(f"{dem.path}: the terrain model does not cover the communes.")
    # Outside the DEM (sea, a neighbouring country) the ground is taken as the lowest
    # known height, so it never blocks a signal.
    out[np.isnan(out)] = np.nanmin(out)
    return out


@dataclass(frozen=True)
class SiteJob:
    """What a worker needs to know of one site."""

    index: int
    row: int
    col: int
    height_m: float
    azimuths: tuple[float, ...]
    beamwidth: float
    radius_m: dict[str, float]  # per technology served
    budget: tuple[float, float, float] = (np.nan, np.nan, np.nan)  # own power, gain, loss
    tilt_deg: float = np.nan  # own downtilt (electrical + mechanical), else the technology's


def site_jobs(
    sites: pd.DataFrame, grid: Grid, params: Parameters, techs: list[str]
) -> list[SiteJob]:
    xy = np.column_stack([sites.geometry.x, sites.geometry.y])
    rows, cols = grid.cell_of(xy[:, 0], xy[:, 1])
    radius = {t: site_radius_m(sites, t, params) for t in techs}
    serves = {t: serving(sites, t) for t in techs}
    heights = (
        sites["antenna_height_m"].to_numpy(dtype=float)
        if "antenna_height_m" in sites
        else np.full(len(sites), np.nan)
    )
    az = (
        sites["azimuths"].to_numpy(dtype=object) if "azimuths" in sites else np.full(len(sites), "")
    )
    beam = (
        sites["beamwidth_deg"].to_numpy(dtype=float)
        if "beamwidth_deg" in sites
        else np.full(len(sites), np.nan)
    )
    budget = {
        c: sites[c].to_numpy(dtype=float) if c in sites else np.full(len(sites), np.nan)
        for c in ("tx_power_dbm", "antenna_gain_dbi", "feeder_loss_db")
    }
    tilt = _site_tilt(sites)
    jobs = []
    for i in range(len(sites)):
        techs_here = {t: float(radius[t][i]) for t in techs if serves[t][i]}
        if not techs_here:
            continue
        azimuths = (
            tuple(float(a) for a in str(az[i]).split("/") if a)
            if az[i] and np.isfinite(beam[i])
            else ()
        )
        jobs.append(
            SiteJob(
                i,
                int(rows[i]),
                int(cols[i]),
                float(heights[i]),
                azimuths,
                float(beam[i]) if np.isfinite(beam[i]) else 360.0,
                techs_here,
                tuple(
                    float(budget[c][i])
                    for c in ("tx_power_dbm", "antenna_gain_dbi", "feeder_loss_db")
                ),
                float(tilt[i]),
            )
        )
    return jobs


def _site_tilt(sites: pd.DataFrame) -> np.ndarray:
    """Each site's downtilt: ``downtilt_deg``, or ``electrical_tilt_deg`` +
    ``mechanical_tilt_deg`` where the list gives them apart; NaN where it gives none."""
    n = len(sites)

    def col(name: str) -> np.ndarray:
        return sites[name].to_numpy(dtype=float) if name in sites else np.full(n, np.nan)

    total = col("downtilt_deg")
    parts = np.nansum(np.column_stack([col("electrical_tilt_deg"), col("mechanical_tilt_deg")]), 1)
    given = np.isfinite(col("electrical_tilt_deg")) | np.isfinite(col("mechanical_tilt_deg"))
    return np.where(np.isfinite(total), total, np.where(given, parts, np.nan))


def tilt_of(job: SiteJob, tp) -> float:
    return float(job.tilt_deg) if np.isfinite(job.tilt_deg) else float(tp.downtilt_deg)


def eirp_dbm(job: SiteJob, tp) -> float:
    """Transmit power + antenna gain - feeder loss: the site's own values where the list
    gives them, else the technology's defaults."""
    power, gain, loss = job.budget
    return (
        (power if np.isfinite(power) else tp.tx_power_dbm)
        + (gain if np.isfinite(gain) else tp.antenna_gain_dbi)
        - (loss if np.isfinite(loss) else tp.feeder_loss_db)
    )


@dataclass
class Terrain:
    """The ground heights the model reads, on two aligned grids.

    ``grid`` is the output grid (where levels are kept, 30 m by default). ``fine`` is the
    DEM on that grid widened by ``fine_pad`` cells on each side (the near range of the
    sites at its edge); ``coarse`` the DEM on the grid of ``factor`` × larger cells,
    widened by ``coarse_pad`` of them (the computation horizon). The output grid's width
    and height are multiples of ``factor``², so the cells of the three tiers (see
    :func:`compute_sites`) nest.
    """

    grid: Grid
    factor: int
    fine: np.ndarray
    fine_pad: int
    coarse: np.ndarray
    coarse_pad: int
    # loss (dB) at a receiver per tier cell, from a land-cover raster; None without one
    clutter: list | None = None
    clutter_unknown: int = 0  # cells of classes the loss table does not know


def _pads(params: Parameters, techs: list[str], res: float, factor: int) -> tuple[int, int]:
    reach = max(params.technologies[t].max_range_km for t in techs) * 1000.0
    near = min(params.terrain.near_range_km * 1000.0, reach)
    pad_c = factor * (int(np.ceil(reach / (res * factor * factor))) + 2)
    pad_f = factor * factor * (int(np.ceil(near / (res * factor * factor))) + 2)
    return pad_f, pad_c


def terrain_grids(
    dem: RasterSource, bounds, crs, params: Parameters, techs: list[str], *, clutter=None
) -> Terrain:
    """Read the DEM for an area (working-CRS bounds) on the model's two grids, and the
    land-cover raster ``clutter`` (a path) on the output grid when given."""
    grid = output_grid(bounds, crs, params)
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    terrain = Terrain(
        grid=grid,
        factor=factor,
        fine=read_dem(dem, _widened(grid, pad_f, 1)),
        fine_pad=pad_f,
        coarse=read_dem(dem, _widened(grid, pad_c, factor)),
        coarse_pad=pad_c,
    )
    if clutter is not None:
        from coverage_planner.coverage.terrain.clutter import read_classes

        with_clutter(terrain, read_classes(clutter, grid), params)
    return terrain


def with_clutter(terrain: Terrain, classes: np.ndarray, params: Parameters) -> Terrain:
    """Attach the losses of a land-cover class grid (on the output grid) to ``terrain``."""
    from coverage_planner.coverage.terrain.clutter import block_mean, class_losses, loss_table

    table = loss_table(dict(params.terrain.clutter_loss_db) or None)
    losses, unknown = class_losses(classes, table)
    f = terrain.factor
    terrain.clutter = [losses, block_mean(losses, f), block_mean(losses, f * f)]
    terrain.clutter_unknown = unknown
    return terrain


def output_grid(bounds, crs, params: Parameters) -> Grid:
    """The grid of the model's results over ``bounds``: square cells of
    ``resolution_m``, its sides whole blocks of far_factor² cells."""
    res = params.terrain.resolution_m
    factor = int(params.terrain.far_factor)
    block = res * factor * factor
    minx, miny, maxx, maxy = bounds
    west, north = np.floor(minx / block) * block, np.ceil(maxy / block) * block
    width = int(np.ceil((maxx - west) / block)) * factor * factor
    height = int(np.ceil((north - miny) / block)) * factor * factor
    return Grid(Affine(res, 0, west, 0, -res, north), width, height, crs)


def _widened(grid: Grid, pad: int, factor: int) -> Grid:
    res = grid.res * factor
    return Grid(
        Affine(res, 0, grid.transform.c - pad * res, 0, -res, grid.transform.f + pad * res),
        grid.width // factor + 2 * pad,
        grid.height // factor + 2 * pad,
        grid.crs,
    )


def flat_terrain(bounds, crs, height_m: float, params: Parameters, techs: list[str]) -> Terrain:
    """Flat ground of constant height over ``bounds`` (tests and analytic checks)."""
    grid = output_grid(bounds, crs, params)
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    return Terrain(
        grid,
        factor,
        np.full((grid.height + 2 * pad_f, grid.width + 2 * pad_f), height_m, np.float32),
        pad_f,
        np.full(
            (grid.height // factor + 2 * pad_c, grid.width // factor + 2 * pad_c),
            height_m,
            np.float32,
        ),
        pad_c,
    )


def terrain_from_array(
    dem: np.ndarray, grid: Grid, params: Parameters, techs: list[str]
) -> Terrain:
    """A Terrain from the DEM already on an output grid (sides whole blocks of
    far_factor² cells): the coarse grid by block means, the ground beyond the grid
    taken as its edge."""
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    h, w = dem.shape
    if h % (factor * factor) or w % (factor * factor):
        raise ValueError("the grid's sides must be whole blocks of far_factor² cells")
    coarse = dem.reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))
    return Terrain(
        grid,
        factor,
        np.pad(dem.astype(np.float32), pad_f, mode="edge"),
        pad_f,
        np.pad(coarse.astype(np.float32), pad_c, mode="edge"),
        pad_c,
    )


_TERRAIN: Terrain | None = None


def _init_worker(terrain: Terrain) -> None:
    global _TERRAIN
    _TERRAIN = terrain


def _window(dem: np.ndarray, row: int, col: int, n: int) -> np.ndarray | None:
    """The (2n+1)² window of ``dem`` centred on (row, col), edges repeated outside."""
    height, width = dem.shape
    r0, c0 = row - n, col - n
    rows = slice(max(r0, 0), min(row + n + 1, height))
    cols = slice(max(c0, 0), min(col + n + 1, width))
    if rows.start >= rows.stop or cols.start >= cols.stop:
        return None
    return np.pad(
        dem[rows, cols].astype(np.float64),
        (
            (rows.start - r0, r0 + 2 * n + 1 - rows.stop),
            (cols.start - c0, c0 + 2 * n + 1 - cols.stop),
        ),
        mode="edge",
    )


def site_reach_m(job: SiteJob, tech: str, params: Parameters, relief_m: float) -> float:
    """How far the model can reach for a site and technology: the technology's
    computation horizon, or nearer where even the most favourable effective height
    (the antenna above the lowest ground around it, ``relief_m``) and no diffraction
    leave the level under the threshold (the free-space floor only adds loss)."""
    tp = params.technologies[tech]
    budget = eirp_dbm(job, tp) - tp.threshold_dbm - params.terrain.margin_db()
    k = tp.spm_k(params.terrain.environment)
    if k[1] + k[4] * np.log10(max(relief_m, 1.0)) <= 0:  # a fitted law that does not fall
        return tp.max_range_km * 1000.0
    # the sector pattern never adds gain; 1 % of distance for rounding
    reach = 1010.0 * radio.spm_range_km(budget, max(relief_m, 1.0), k)
    return float(min(tp.max_range_km * 1000.0, reach))


def flat_reach_m(sites: pd.DataFrame, tech: str, params: Parameters) -> np.ndarray:
    """Per site, the distance its level would reach on flat ground (effective height =
    mast height, no diffraction, margin included), within the computation horizon:
    inside it an uncovered village is in terrain shadow, beyond it out of range."""
    tp = params.technologies[tech]
    k = tp.spm_k(params.terrain.environment)

    def column(name: str, default: float) -> np.ndarray:
        values = sites[name].to_numpy(dtype=float) if name in sites else np.full(len(sites), np.nan)
        return np.where(np.isfinite(values), values, default)

    eirp = (
        column("tx_power_dbm", tp.tx_power_dbm)
        + column("antenna_gain_dbi", tp.antenna_gain_dbi)
        - column("feeder_loss_db", tp.feeder_loss_db)
    )
    height = column("antenna_height_m", tp.antenna_height_m)
    budget = eirp - tp.threshold_dbm - params.terrain.margin_db()
    reach = np.array(
        [
            1000.0 * radio.spm_range_km(b, max(h, params.terrain.min_effective_height_m), k)
            for b, h in zip(budget, height, strict=True)
        ]
    )
    return np.minimum(reach, tp.max_range_km * 1000.0)


TIERS = 3


def tier_sizes(params: Parameters) -> list[int]:
    """Cell side of each tier in output cells: 1, far_factor, far_factor²."""
    f = int(params.terrain.far_factor)
    return [f**t for t in range(TIERS)]


def tier_terms(job: SiteJob, params: Parameters, terrain: Terrain):
    """The terrain terms of one site, tier by tier: yields ``(tier, row0, col0, terms,
    gain, reach)`` with ``terms`` from ``cell_terms`` for the window whose top-left cell
    is ``row0``, ``col0`` of the tier's grid, the sector gain of its cells, and the
    reach (m) per technology. Shared by the levels and by measurements/calibration.
    """
    grid, f = terrain.grid, terrain.factor
    res = grid.res
    ter = params.terrain
    sizes = tier_sizes(params)
    bounds = [-1.0, ter.near_range_km * 1000.0, ter.mid_range_km * 1000.0, np.inf]
    k_radius = ter.k_factor * radio.EARTH_RADIUS_M
    furthest = max(params.technologies[t].max_range_km for t in job.radius_m) * 1000.0
    crow, ccol = job.row // f + terrain.coarse_pad, job.col // f + terrain.coarse_pad
    coarse_win = _window(terrain.coarse, crow, ccol, int(np.ceil(furthest / (res * f))) + 1)
    if coarse_win is None:
        return
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
    relief = fine_ground + tx_h - float(coarse_win.min())
    reach = {t: site_reach_m(job, t, params, relief) for t in job.radius_m}
    far = max(reach.values())
    azimuths = np.array(job.azimuths if job.beamwidth < 360.0 else (), dtype=np.float64)
    walks: dict = {}  # DEM (fine 0 / coarse 1) -> radial profiles of the tiers on it
    plan = []
    for tier, cells in enumerate(sizes):
        if far <= bounds[tier]:
            break
        step = res * cells  # the tier's cell size
        extent = min(far, bounds[tier + 1] + 2 * step * f)
        n = int(np.ceil(extent / step)) + 1
        ratio = 1 if tier == 0 else cells // f
        plan.append((tier, cells, step, n, ratio))
        source = min(tier, 1)
        walks[source] = (
            max(walks.get(source, (0, 0))[0], n * ratio),
            max(walks.get(source, (0, 0))[1], radial_count(n)),
        )
    profiles = {}
    for source, (size, n_radials) in walks.items():
        dem, wrow, wcol = (
            (terrain.fine, frow, fcol) if source == 0 else (terrain.coarse, crow, ccol)
        )
        window = _window(dem, wrow, wcol, size)
        if window is None:  # a site far outside the area: nothing of it reaches in
            continue
        window[size, size] = fine_ground  # the mast's own ground on either DEM
        profiles[source] = (
            radial_terms(
                window,
                res * (1 if source == 0 else f),
                tx_h,
                ter.receiver_height_m,
                k_radius,
                ter.min_effective_height_m,
                n_radials,
            ),
            n_radials,
        )
    for tier, cells, step, n, ratio in plan:
        if min(tier, 1) not in profiles:
            continue
        orow, ocol = job.row // cells, job.col // cells
        offset = (0, 0)
        if tier > 0:
            # centre of the site's cell of this tier from that of its DEM cell
            offset = (
                (orow * cells * 2 + cells - (job.row // f) * f * 2 - f) // (2 * f),
                (ocol * cells * 2 + cells - (job.col // f) * f * 2 - f) // (2 * f),
            )
        (g_r, h_r, z_r), n_radials = profiles[min(tier, 1)]
        _, bearing = window_geometry(n, step)[::2]
        log_d = _log_distance(n, step, offset[0] * res * f, offset[1] * res * f)
        gain = sector_gain(bearing, azimuths, job.beamwidth, ter.front_to_back_db)
        up = min(tier + 1, TIERS - 1)
        terms = cell_terms(
            g_r,
            h_r,
            z_r,
            *radial_map(n, ratio, offset, n_radials),
            log_d,
            fine_ground + tx_h,
            ter.receiver_height_m,
            far,
            step,
            offset[0] * res * f,
            offset[1] * res * f,
            bounds[tier],
            f,
            orow,
            ocol,
            job.row // sizes[up],
            job.col // sizes[up],
            res * sizes[up],
            bounds[tier + 1] if tier < TIERS - 1 else np.inf,
            grid.height // cells,
            grid.width // cells,
            terrain.clutter[tier] if terrain.clutter is not None else _NO_CLUTTER,
        )
        yield tier, orow - n, ocol - n, terms, gain, reach


def site_levels(job: SiteJob, params: Parameters, terrain: Terrain) -> SiteLevels:
    """Level windows of one site, per technology it serves and per tier.

    Each site is computed on three tiers of cells, each ``far_factor`` × coarser than the
    one before (30, 90, 270 m by default): up to ``near_range_km``, up to
    ``mid_range_km``, and up to its reach. The profiles of the two outer tiers are
    sampled from the coarse DEM (90 m, the resolution of SRTM-class DEMs) every 90 m, so
    the outer tier's larger cells lose no ridge; only where a cell takes its value
    changes. A fine cell is reached through exactly one tier (see ``cell_terms``).
    Levels are kept in 0.01 dB steps (int16), the same whether they come from the
    cache or not.
    """
    ter = params.terrain
    out: SiteLevels = {t: [] for t in job.radius_m}
    for tier, row0, col0, terms, gain, reach in tier_terms(job, params, terrain):
        for tech in job.radius_m:
            tp = params.technologies[tech]
            levels = window_levels(
                terms,
                gain,
                eirp_dbm(job, tp),
                np.array(tp.spm_k(ter.environment)),
                ter.receiver_height_m,
                tp.frequency_mhz,
                reach[tech] / 1000.0,
                _TABLE,
                tilt_of(job, tp),
                ter.vertical_beamwidth_deg,
                ter.vertical_sla_db,
                ter.front_to_back_db,
            )
            window = crop_window(tier, row0, col0, levels)
            if window is not None:
                out[tech].append(window)
    return out


def compute_windows(
    jobs: list[SiteJob], params: Parameters, terrain: Terrain | None = None
) -> list[tuple[int, SiteLevels]]:
    """Level windows of ``jobs`` (a worker's task; the terrain set by its initializer)."""
    terrain = _TERRAIN if terrain is None else terrain
    assert terrain is not None
    return [(job.index, site_levels(job, params, terrain)) for job in jobs]


def compute_sites(
    jobs: list[SiteJob],
    techs: list[str],
    params: Parameters,
    terrain: Terrain,
    reporter: Reporter | None = None,
) -> dict[str, TechnologyRasters]:
    """Best-server grids of ``jobs`` in this process, without a cache."""
    grids = empty_tiers(terrain, params, techs)
    reporter = reporter or NullReporter()
    for done, job in enumerate(jobs):
        if done % 16 == 0:
            checkpoint(reporter, done, len(jobs))
        fold_site(grids, job.index, site_levels(job, params, terrain))
    return {t: compose(tiers, tier_sizes(params)) for t, tiers in grids.items()}


def _empty_rasters(shape, threshold: float, margin: float) -> TechnologyRasters:
    return TechnologyRasters(
        np.full(shape, NO_LEVEL, dtype=np.float32),
        np.full(shape, -1, np.int32),
        np.zeros(shape, np.uint16),
        threshold + margin,
        margin,
    )


def empty_tiers(
    terrain: Terrain, params: Parameters, techs: list[str]
) -> dict[str, list[TechnologyRasters]]:
    grid = terrain.grid
    margin = params.terrain.margin_db()
    return {
        t: [
            _empty_rasters(
                (grid.height // c, grid.width // c), params.technologies[t].threshold_dbm, margin
            )
            for c in tier_sizes(params)
        ]
        for t in techs
    }


def fold_site(grids: dict[str, list[TechnologyRasters]], site: int, levels: SiteLevels) -> None:
    """Fold one site's windows into the tiers' grids (best level, a tie keeps the lower
    site row whatever the order; servers above the threshold counted)."""
    for tech, windows in levels.items():
        if tech not in grids:
            continue
        for w in windows:
            g = grids[tech][w.tier]
            fold_window(g.level, g.server, g.servers, w.row0, w.col0, w.levels, g.threshold, site)


_LOG_D: dict = {}


def _log_distance(n: int, step: float, off_r: float, off_c: float) -> np.ndarray:
    """log10 of the distance in km (at least 10 m) of a window's cells from the mast."""
    key = (n, step, off_r, off_c)
    if key not in _LOG_D:
        di, dj = np.mgrid[-n : n + 1, -n : n + 1].astype(np.float64)
        d = np.hypot(di * step + off_r, dj * step + off_c)
        if len(_LOG_D) > 24:
            _LOG_D.clear()
        _LOG_D[key] = np.log10(np.maximum(d / 1000.0, 0.01)).astype(np.float32)
    return _LOG_D[key]


def compose(tiers: list[TechnologyRasters], sizes: list[int]) -> TechnologyRasters:
    """One grid from the tiers: each site reaches a fine cell through exactly one of
    them, so levels take the best, counts add; a tie keeps the lower site row."""
    fine = tiers[0]
    for coarse, c in zip(tiers[1:], sizes[1:], strict=True):
        if (
            coarse.level.shape[0] * c != fine.level.shape[0]
            or coarse.level.shape[1] * c != fine.level.shape[1]
        ):
            raise ValueError("the output grid's sides must be whole blocks of far_factor² cells")
        compose_tier(
            fine.level, fine.server, fine.servers, coarse.level, coarse.server, coarse.servers, c
        )
    return fine


_TABLE = diffraction_table()
_NO_CLUTTER = np.zeros((0, 0), dtype=np.float32)


def best_server_grids(
    sites: pd.DataFrame,
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    *,
    workers: int = 2,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
) -> dict[str, TechnologyRasters]:
    """Per technology: best level, best server, servers above threshold, on the terrain's
    output grid, composed from every site's level windows.

    Windows found in ``cache`` (keyed by everything they depend on) are not computed
    again; the others are computed in ``workers`` processes, which return windows, not
    grids. Progress counts sites done of all sites.
    """
    reporter = reporter or NullReporter()
    jobs = site_jobs(sites, terrain.grid, params, techs)
    grids = empty_tiers(terrain, params, techs)
    total = len(jobs)
    missing = []
    keys: dict[int, str] = {}
    if cache is not None:
        digest = terrain_digest(terrain)
        for job in jobs:
            keys[job.index] = window_key(job, params, terrain, digest)
            found = cache.get(keys[job.index])
            if found is None:
                missing.append(job)
            else:
                fold_site(grids, job.index, found)
    else:
        missing = jobs
    done = total - len(missing)
    checkpoint(reporter, done, total)
    if cache is not None:
        cache.computed = len(missing)

    def take(index: int, levels: SiteLevels) -> None:
        fold_site(grids, index, levels)
        if cache is not None:
            cache.put(keys[index], levels)

    # Small tasks: progress and cancel respond within a task, windows flow back steadily.
    chunks = [missing[i : i + TASK_SITES] for i in range(0, len(missing), TASK_SITES)]
    if workers <= 1 or len(missing) < 8:
        for chunk in chunks:
            for index, levels in compute_windows(chunk, params, terrain):
                take(index, levels)
            done += len(chunk)
            checkpoint(reporter, done, total)
    else:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=process_context(),
            initializer=_init_worker,
            initargs=(terrain,),
        ) as pool:
            # A few tasks in flight: results are folded and dropped as they come, so the
            # parent never holds more than a few sites' windows.
            queue = iter(chunks)
            running = set()
            try:
                while True:
                    while len(running) < 2 * workers:
                        chunk = next(queue, None)
                        if chunk is None:
                            break
                        running.add(pool.submit(compute_windows, chunk, params))
                    if not running:
                        break
                    finished, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        result = future.result()
                        for index, levels in result:
                            take(index, levels)
                        done += len(result)
                    del finished, result
                    checkpoint(reporter, done, total)
            except BaseException:
                for future in running:
                    future.cancel()
                raise
    return {t: compose(tiers, tier_sizes(params)) for t, tiers in grids.items()}


TASK_SITES = 8


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
