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

from concurrent.futures import ProcessPoolExecutor
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
    accumulate_levels,
    horizon,
    sector_gain,
    window_geometry,
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
    threshold: float

    @property
    def covered(self) -> np.ndarray:
        return self.level >= self.threshold


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
            )
        )
    return jobs


def eirp_dbm(job: SiteJob, tp) -> float:
    """Transmit power + antenna gain - feeder loss: the site's own values where the list
    gives them, else the technology's defaults."""
    power, gain, loss = job.budget
    return (
        (power if np.isfinite(power) else tp.tx_power_dbm)
        + (gain if np.isfinite(gain) else tp.antenna_gain_dbi)
        - (loss if np.isfinite(loss) else tp.feeder_loss_db)
    )


_DEM: np.ndarray | None = None


def _init_worker(dem: np.ndarray) -> None:
    global _DEM
    _DEM = dem


def compute_sites(
    jobs: list[SiteJob],
    techs: list[str],
    params: Parameters,
    res: float,
    dem: np.ndarray | None = None,
    reporter: Reporter | None = None,
) -> dict[str, TechnologyRasters]:
    """Best-server grids of ``jobs`` alone (one worker's share)."""
    dem = _DEM if dem is None else dem
    reporter = reporter or NullReporter()
    assert dem is not None
    height, width = dem.shape
    k_radius = params.terrain.k_factor * radio.EARTH_RADIUS_M
    rx = params.terrain.receiver_height_m
    out = {
        t: TechnologyRasters(
            np.full(dem.shape, NO_LEVEL, dtype=np.float32),
            np.full(dem.shape, -1, np.int32),
            np.zeros(dem.shape, np.uint16),
            params.technologies[t].threshold_dbm,
        )
        for t in techs
    }
    for done, job in enumerate(jobs):
        if done % 16 == 0:
            checkpoint(reporter, done, len(jobs))
        n = int(np.ceil(max(job.radius_m.values()) / res))
        r0, c0 = job.row - n, job.col - n
        rows = slice(max(r0, 0), min(job.row + n + 1, height))
        cols = slice(max(c0, 0), min(job.col + n + 1, width))
        if (
            rows.start >= rows.stop
            or cols.start >= cols.stop
            or not (0 <= job.row < height and 0 <= job.col < width)
        ):
            continue
        window = np.pad(
            dem[rows, cols],
            (
                (rows.start - r0, r0 + 2 * n + 1 - rows.stop),
                (cols.start - c0, c0 + 2 * n + 1 - cols.stop),
            ),
            mode="edge",
        )
        tx_h = (
            job.height_m
            if np.isfinite(job.height_m)
            else max(params.technologies[t].antenna_height_m for t in job.radius_m)
        )
        z_tx = float(window[n, n]) + tx_h
        dist, logd, bearing = window_geometry(n, res)
        hor, hdist = horizon(window.astype(np.float64), dist, z_tx, k_radius)
        bulge = dist**2 / (2.0 * k_radius)
        with np.errstate(invalid="ignore", divide="ignore"):
            slope_t = (window + rx - bulge - z_tx) / dist
        slope_t[n, n] = np.inf
        azimuths = np.array(job.azimuths if job.beamwidth < 360.0 else (), dtype=np.float64)
        gain = sector_gain(bearing, azimuths, job.beamwidth, params.terrain.front_to_back_db)
        for tech, radius in job.radius_m.items():
            tp = params.technologies[tech]
            hata_a, hata_b = radio.hata_terms(
                tp.frequency_mhz, tx_h, environment=params.terrain.environment
            )
            grids = out[tech]
            accumulate_levels(
                grids.level,
                grids.server,
                grids.servers,
                job.row,
                job.col,
                n,
                int(np.ceil(radius / res)),
                hor,
                hdist,
                slope_t,
                dist,
                logd,
                gain,
                eirp_dbm(job, tp),
                float(hata_a),
                float(hata_b),
                radio.wavelength_m(tp.frequency_mhz),
                radius,
                grids.threshold,
                job.index,
            )
    return out


def merge(parts: list[dict[str, TechnologyRasters]]) -> dict[str, TechnologyRasters]:
    """Grids of several workers as one; the first part wins ties (lower site rows)."""
    merged = parts[0]
    for part in parts[1:]:
        for tech, grids in part.items():
            into = merged[tech]
            better = grids.level > into.level
            into.level[better] = grids.level[better]
            into.server[better] = grids.server[better]
            into.servers += grids.servers
    return merged


def best_server_grids(
    sites: pd.DataFrame,
    dem: np.ndarray,
    grid: Grid,
    params: Parameters,
    techs: list[str],
    *,
    workers: int = 2,
    reporter: Reporter | None = None,
) -> dict[str, TechnologyRasters]:
    """Per technology: best level, best server, servers above threshold, on ``grid``."""
    reporter = reporter or NullReporter()
    jobs = site_jobs(sites, grid, params, techs)
    if workers <= 1 or len(jobs) < 8:
        return compute_sites(jobs, techs, params, grid.res, dem, reporter)
    # Sites in contiguous blocks of rows, so "lower row wins a tie" holds across workers.
    blocks = [list(b) for b in np.array_split(np.array(jobs, dtype=object), workers) if len(b)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=process_context(),
        initializer=_init_worker,
        initargs=(dem,),
    ) as pool:
        futures = [pool.submit(compute_sites, block, techs, params, grid.res) for block in blocks]
        parts = [f.result() for f in futures]
    checkpoint(reporter, len(jobs), len(jobs))
    return merge(parts)
