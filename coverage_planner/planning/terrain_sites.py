"""The one place where planning calls the terrain model per site.

The terrain model computes whole best-server grids; planning needs, for each
candidate alone, the cells where its level clears the threshold. This adapter does
exactly what :func:`coverage_planner.coverage.terrain.model.compute_sites` does for
one site and one technology — same job, same window, same horizon, same level
kernel — into a window of the site's own, so a candidate's cells are those an audit
with that site added would count. When the terrain model exposes its own per-site
function, only this module changes.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.los import (
    accumulate_levels,
    horizon,
    sector_gain,
    window_geometry,
)
from coverage_planner.coverage.terrain.model import NO_LEVEL, Grid, eirp_dbm, site_jobs
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.runtime import process_context


def covered_window(job, tech: str, params: Parameters, dem: np.ndarray, res: float):
    """Cells of the grid where one site's level of ``tech`` clears the threshold.

    Returns
    -------
    (rows, cols)
        Grid rows and columns of the covered cells (inside the grid).
    """
    height, width = dem.shape
    radius = job.radius_m[tech]
    n = int(np.ceil(radius / res))
    if not (0 <= job.row < height and 0 <= job.col < width):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    r0, c0 = job.row - n, job.col - n
    rows = slice(max(r0, 0), min(job.row + n + 1, height))
    cols = slice(max(c0, 0), min(job.col + n + 1, width))
    # The same edge padding as the model's; the horizon out to this radius does not
    # depend on how far the window goes beyond it.
    window = np.pad(
        dem[rows, cols],
        (
            (rows.start - r0, r0 + 2 * n + 1 - rows.stop),
            (cols.start - c0, c0 + 2 * n + 1 - cols.stop),
        ),
        mode="edge",
    )
    k_radius = params.terrain.k_factor * radio.EARTH_RADIUS_M
    rx = params.terrain.receiver_height_m
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
    tp = params.technologies[tech]
    hata_a, hata_b = radio.hata_terms(
        tp.frequency_mhz, tx_h, environment=params.terrain.environment
    )
    size = 2 * n + 1
    level = np.full((size, size), NO_LEVEL, dtype=np.float32)
    server = np.full((size, size), -1, np.int32)
    count = np.zeros((size, size), np.uint16)
    accumulate_levels(
        level,
        server,
        count,
        n,
        n,
        n,
        n,
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
        tp.threshold_dbm,
        job.index,
    )
    a, b = np.nonzero(level >= tp.threshold_dbm)
    gr, gc = a + r0, b + c0
    inside = (gr >= 0) & (gr < height) & (gc >= 0) & (gc < width)
    return gr[inside].astype(np.int64), gc[inside].astype(np.int64)


_STATE: dict = {}


def _init(dem: np.ndarray, keep: np.ndarray) -> None:
    _STATE["dem"], _STATE["keep"] = dem, keep


def _cells_of(jobs, tech, params, res, dem=None, keep=None, reporter=None):
    dem = _STATE["dem"] if dem is None else dem
    keep = _STATE["keep"] if keep is None else keep
    reporter = reporter or NullReporter()
    width = dem.shape[1]
    out = []
    for k, job in enumerate(jobs):
        if k % 32 == 0:
            checkpoint(reporter, k, len(jobs))
        r, c = covered_window(job, tech, params, dem, res)
        flat = r * width + c
        out.append((job.index, flat[keep[flat]]))
    return out


def candidate_cells(
    candidate_sites: pd.DataFrame,
    dem: np.ndarray,
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

    ``techs`` are the technologies of the audit: the antenna height of a site without
    one comes from the technologies it serves, as in the audit.
    """
    reporter = reporter or NullReporter()
    jobs = [j for j in site_jobs(candidate_sites, grid, params, techs) if tech in j.radius_m]
    keep = np.ascontiguousarray(keep.ravel())
    out = [np.empty(0, dtype=np.int64) for _ in range(len(candidate_sites))]
    if workers <= 1 or len(jobs) < 16:
        pairs = _cells_of(jobs, tech, params, grid.res, dem, keep, reporter)
    else:
        blocks = [list(b) for b in np.array_split(np.array(jobs, dtype=object), 4 * workers)]
        pairs = []
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=process_context(),
            initializer=_init,
            initargs=(dem, keep),
        ) as pool:
            futures = [pool.submit(_cells_of, b, tech, params, grid.res) for b in blocks if b]
            for k, f in enumerate(futures):
                pairs.extend(f.result())
                checkpoint(reporter, k + 1, len(futures))
    for index, flat in pairs:
        out[index] = flat
    return out
