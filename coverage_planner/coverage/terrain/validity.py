"""Where the terrain model's path-loss law is used outside the range it was fitted
on: one counted finding per kind of extrapolation, never one per cell.

Okumura-Hata was fitted for 150-1500 MHz and COST-231 Hata for 1500-2000 MHz, both for
base antennas 30-200 m high and distances 1-20 km (Hata 1980; COST Action 231, final
report, 1999, §4.4). Calibrated coefficients (``k1`` ... ``k6`` given) are the user's
own law: only the distances are reported then.

The effective height is capped at ``max_effective_height_m`` (200 m, the top of Hata's
range): a site whose antenna stands more than that above the lowest ground within its
computation horizon may have cells where the cap replaced its effective height; those
sites are counted per technology (the same ground the model's reach bound reads).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage_planner.coverage.footprints import serving
from coverage_planner.coverage.terrain.counts import FAR_KM, NEAR_KM
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import Phrase, count
from coverage_planner.params import Parameters

HATA_MHZ = (150.0, 2000.0)
HATA_BASE_M = (30.0, 200.0)
HATA_KM = (NEAR_KM, FAR_KM)


def capped_sites(sites: pd.DataFrame, terrain, params: Parameters, tech: str) -> tuple[int, int]:
    """Sites serving ``tech`` whose antenna stands more than the effective-height cap
    above the lowest ground within the technology's computation horizon (where the cap
    can replace an effective height), and the sites serving it."""
    from scipy.ndimage import minimum_filter

    from coverage_planner.coverage.terrain.grid import dem_lowest
    from coverage_planner.coverage.terrain.levels import horizon_cells

    # every serving site at once (as site_jobs and levels.mast_ground /
    # antenna_height read them: a loop over a province's sites cost an edit 60 ms)
    rows_of = np.flatnonzero(serving(sites, tech))
    if not len(rows_of):
        return 0, 0
    rows, cols = terrain.grid.cell_of(
        sites.geometry.x.to_numpy()[rows_of], sites.geometry.y.to_numpy()[rows_of]
    )
    rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    heights = (
        sites["antenna_height_m"].to_numpy(dtype=float)[rows_of]
        if "antenna_height_m" in sites
        else np.full(len(rows_of), np.nan)
    )
    heights = np.where(np.isfinite(heights), heights, params.technologies[tech].antenna_height_m)
    fine = terrain.fine
    ground = fine[
        np.clip(rows + terrain.fine_pad, 0, fine.shape[0] - 1),
        np.clip(cols + terrain.fine_pad, 0, fine.shape[1] - 1),
    ].astype(np.float64)
    n = horizon_cells(params.technologies[tech].max_range_km * 1000.0, terrain)
    coarse = terrain.coarse
    # the lowest ground of every square of the model's search, at once (edges repeated
    # add no lower ground, as in dem_lowest)
    lowest = _lowest_ground(terrain, n, minimum_filter)
    f, pad = terrain.factor, terrain.coarse_pad
    r, c = rows // f + pad, cols // f + pad
    inside = (r >= 0) & (r < coarse.shape[0]) & (c >= 0) & (c < coarse.shape[1])
    low = np.full(len(rows_of), np.nan)
    low[inside] = lowest[r[inside], c[inside]]
    for i in np.flatnonzero(~inside):  # a site beyond the coarse DEM: its own square
        found = dem_lowest(coarse, int(r[i]), int(c[i]), n)
        low[i] = np.nan if found is None else found
    relief = ground + heights - low
    capped = int(np.count_nonzero(relief > params.terrain.max_effective_height_m))
    return capped, len(rows_of)


def _lowest_ground(terrain, n: int, minimum_filter) -> np.ndarray:
    """The lowest coarse ground of every square of ``n`` cells around (kept on the
    terrain: an edited study asks again after every edit)."""
    kept = getattr(terrain, "_lowest", None)
    if kept is None:
        kept = {}
        object.__setattr__(terrain, "_lowest", kept)
    if n not in kept:
        kept[n] = minimum_filter(terrain.coarse, size=2 * n + 1, mode="nearest")
    return kept[n]


def _law_range_cells(grids, grid, xy: np.ndarray) -> tuple[int, int, int]:
    """Covered cells with a best server: under 1 km, over 20 km from it, and all."""
    from coverage_planner.coverage.terrain.counts import new_tally, tally

    none = np.zeros(grids.level.shape, np.uint8)  # no polygons: only the distances
    t = new_tally(0, 0)
    tally(t, grids, (none, none), xy, grid)
    return t.near, t.far, t.total


def validity_findings(
    sites: pd.DataFrame,
    rasters: dict,
    grid,
    params: Parameters,
    techs: list[str],
    terrain=None,
    *,
    tallies: dict | None = None,
) -> list[Finding]:
    """Counted findings for frequency, antenna height and distance outside the law's
    range, and (given ``terrain``) the sites where the effective-height cap can apply.
    ``tallies``: the cells by distance to their server, kept by an edited study
    (``kept``); counted over the grids without."""
    out: list[Finding] = []
    xy = np.column_stack([sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()])
    for tech in techs:
        tp = params.technologies[tech]
        fitted = all(getattr(tp, f"k{i}") is None for i in range(1, 7))
        serves = serving(sites, tech)
        n_sites = int(serves.sum())
        if not n_sites:
            continue
        if fitted and not HATA_MHZ[0] <= tp.frequency_mhz <= HATA_MHZ[1]:
            out.append(
                Finding(
                    "warning",
                    "terrain model",
                    key="terrain.hata_frequency",
                    repair_key="repair.calibrate",
                    params={
                        "tech": tech,
                        "mhz": f"{tp.frequency_mhz:g}",
                        "low": f"{HATA_MHZ[0]:g}",
                        "high": f"{HATA_MHZ[1]:g}",
                        "n": n_sites,
                    },
                )
            )
        heights = (
            sites["antenna_height_m"].to_numpy(dtype=float)
            if "antenna_height_m" in sites
            else np.full(len(sites), np.nan)
        )
        heights = np.where(np.isfinite(heights), heights, tp.antenna_height_m)[serves]
        low = int((heights < HATA_BASE_M[0]).sum())
        high = int((heights > HATA_BASE_M[1]).sum())
        if fitted and low + high:
            out.append(
                Finding(
                    "warning",
                    "terrain model",
                    key="terrain.hata_heights",
                    params={
                        "tech": tech,
                        "n": low + high,
                        "total": n_sites,
                        "low": f"{HATA_BASE_M[0]:g}",
                        "high": f"{HATA_BASE_M[1]:g}",
                    },
                )
            )
        cap = params.terrain.max_effective_height_m
        if terrain is not None and np.isfinite(cap):
            capped, total_sites = capped_sites(sites, terrain, params, tech)
            if capped:
                out.append(
                    Finding(
                        "info",
                        "terrain model",
                        key="terrain.heff_capped",
                        params={
                            "tech": tech,
                            "n": count(capped),
                            "total": count(total_sites),
                            "cap": f"{cap:g}",
                            "km": f"{params.technologies[tech].max_range_km:g}",
                        },
                    )
                )
        grids = rasters.get(tech)
        if grids is None:
            continue
        if tallies is not None and tech in tallies:
            near, far, total = tallies[tech].near, tallies[tech].far, tallies[tech].total
        else:
            near, far, total = _law_range_cells(grids, grid, xy)
        if not total:
            continue
        for severity, n, key in (("info", near, "terrain.cells_near"),
                                 ("warning", far, "terrain.cells_far")):  # fmt: skip
            if n:
                pct = f"{100 * n / total:.1f}"
                out.append(
                    Finding(
                        severity,
                        "terrain model",
                        key=key,
                        params={
                            "tech": tech,
                            "n": count(n),
                            "pct": Phrase(pct, pct.replace(".", ",")),
                            "km": f"{(HATA_KM[0] if key.endswith('near') else HATA_KM[1]):g}",
                        },
                    )
                )
    return out
