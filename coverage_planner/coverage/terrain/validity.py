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
                    f"{tech} at {tp.frequency_mhz:g} MHz: Hata / COST-231 extrapolated beyond "
                    f"{HATA_MHZ[0]:g}-{HATA_MHZ[1]:g} MHz for its {n_sites} sites",
                    repair="calibrate the model on measurements (coverage-planner calibrate)",
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
                    f"{tech}: {low + high} of {n_sites} sites have antennas outside "
                    f"{HATA_BASE_M[0]:g}-{HATA_BASE_M[1]:g} m above ground (Hata's range); "
                    "their effective height over the terrain is used, extrapolated",
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
        for severity, count, text in (
            (
                "info",
                near,
                f"under {HATA_KM[0]:g} km of their best server (the free-space floor applies)",
            ),
            ("warning", far, f"beyond {HATA_KM[1]:g} km of their best server"),
        ):
            if count:
                out.append(
                    Finding(
                        severity,
                        "terrain model",
                        f"{tech}: {count:,} covered cells ({100 * count / total:.1f} %) lie "
                        f"{text}, outside the distances the path-loss law was fitted on",
                    )
                )
    return out
