"""Where the terrain model's path-loss law is used outside the range it was fitted
on: one counted finding per kind of extrapolation, never one per cell.

Okumura-Hata was fitted for 150-1500 MHz and COST-231 Hata for 1500-2000 MHz, both for
base antennas 30-200 m high and distances 1-20 km (Hata 1980; COST Action 231, final
report, 1999, §4.4). Calibrated coefficients (``k1`` ... ``k6`` given) are the user's
own law: only the distances are reported then.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage_planner.coverage.footprints import serving
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import Phrase, count
from coverage_planner.params import Parameters

HATA_MHZ = (150.0, 2000.0)
HATA_BASE_M = (30.0, 200.0)
HATA_KM = (1.0, 20.0)


def validity_findings(
    sites: pd.DataFrame, rasters: dict, grid, params: Parameters, techs: list[str]
) -> list[Finding]:
    """Counted findings for frequency, antenna height and distance outside the law's range."""
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
        grids = rasters.get(tech)
        if grids is None:
            continue
        near = far = total = 0
        for r0 in range(0, grid.height, 256):  # blocks of rows keep the memory small
            block = grids.server[r0 : r0 + 256]
            rows, cols = np.nonzero(
                (grids.level[r0 : r0 + 256] >= np.float64(grids.threshold)) & (block >= 0)
            )
            if not len(rows):
                continue
            server = block[rows, cols]
            cx = grid.transform.c + (cols + 0.5) * grid.res
            cy = grid.transform.f - (rows + r0 + 0.5) * grid.res
            d_km = np.hypot(cx - xy[server, 0], cy - xy[server, 1]) / 1000.0
            near += int((d_km < HATA_KM[0]).sum())
            far += int((d_km > HATA_KM[1]).sum())
            total += len(rows)
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
