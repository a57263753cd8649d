"""What the terrain model needs to know of each site (``SiteJob``), read from the
sites table once: its cell, antenna height, sectors, own link budget and tilt; and the
distance each site can reach by the link budget.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coverage_planner.coverage.footprints import serving, site_radius_m
from coverage_planner.coverage.terrain import radio
from coverage_planner.coverage.terrain.grid import Grid
from coverage_planner.params import Parameters


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
    tilt = site_tilt(sites)
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


def site_tilt(sites: pd.DataFrame) -> np.ndarray:
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


def site_reach_m(job: SiteJob, tech: str, params: Parameters, relief_m: float) -> float:
    """How far the model can reach for a site and technology: the technology's
    computation horizon, or nearer where even the most favourable effective height
    (the antenna above the lowest ground around it, ``relief_m``) and no diffraction
    leave the level under the threshold (the free-space floor only adds loss)."""
    tp = params.technologies[tech]
    ter = params.terrain
    budget = eirp_dbm(job, tp) - tp.threshold_dbm - ter.margin_db()
    k = tp.spm_k(ter.environment)
    # H_eff lies between the floor and min(relief, cap); the loss is linear in log H_eff
    # at every distance, so the least loss is at one end of that range: the reach is the
    # further of the two ends' (a calibrated K5 may make a lower antenna carry further).
    low = max(ter.min_effective_height_m, 1.0)
    high = max(min(relief_m, ter.max_effective_height_m), low)
    reach = 0.0
    for h in (low, high):
        if k[1] + k[4] * np.log10(h) <= 0:  # a fitted law that does not fall
            return tp.max_range_km * 1000.0
        # the sector pattern never adds gain; 1 % of distance for rounding
        reach = max(reach, 1010.0 * radio.spm_range_km(budget, h, k))
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
