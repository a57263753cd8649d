"""Do the terrain model's coarser outer tiers move the figures?

The model computes each site on 30 m cells up to ``near_range_km`` (4 km), 90 m cells
up to ``mid_range_km`` (12 km) and 270 m cells beyond, with profiles sampled every
90 m beyond 4 km. This script runs the audit's computation on a part of the demo
province twice — with the tiers, and with 30 m cells and 30 m profiles all the way to
each site's reach (``far_factor = 1``) — and prints both runs' figures and how many
villages change status.

Run on demand:  uv run python benchmarks/bench_terrain_tiers.py   (under the heavy lock)
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coverage_planner.coverage.engine import run  # noqa: E402
from coverage_planner.demo import demo_files  # noqa: E402
from coverage_planner.io.inputs import load_inputs  # noqa: E402
from coverage_planner.params import Parameters  # noqa: E402

COMMUNES = 2  # the communes nearest the province's centre
SITE_MARGIN_KM = 3.0  # sites within this of the communes' bounds


def main() -> None:
    print(f"machine: {os.cpu_count()} cores")
    inputs = load_inputs(demo_files())
    centre = inputs.communes.geometry.union_all().centroid
    near = inputs.communes.geometry.centroid.distance(centre).sort_values().index[:COMMUNES]
    inputs.communes = inputs.communes.loc[near]
    ids = set(inputs.communes["commune_id"].astype(str))
    inputs.villages = inputs.villages[inputs.villages["commune_id"].astype(str).isin(ids)]
    minx, miny, maxx, maxy = inputs.communes.total_bounds
    m = SITE_MARGIN_KM * 1000
    x, y = inputs.sites.geometry.x, inputs.sites.geometry.y
    keep = (x > minx - m) & (x < maxx + m) & (y > miny - m) & (y < maxy + m)
    inputs.sites = inputs.sites[keep.to_numpy()]
    print(
        f"part of the demo: {len(inputs.communes)} communes, {len(inputs.villages)} villages, "
        f"{len(inputs.sites)} sites (within {SITE_MARGIN_KM:g} km)"
    )
    base = Parameters(model="terrain")
    runs = {
        "tiers 30/90/270 m (default)": base,
        "30 m everywhere": replace(base, terrain=replace(base.terrain, far_factor=1)),
    }
    results = {}
    for name, params in runs.items():
        t0 = time.perf_counter()
        results[name] = run(inputs, params=params)
        s = results[name].summary
        print(
            f"{name}: {time.perf_counter() - t0:.1f} s; villages covered "
            + ", ".join(f"{t} {v:.2f} %" for t, v in s["villages_covered_pct"].items())
            + "; area covered "
            + ", ".join(f"{t} {v:.2f} %" for t, v in s["area_covered_pct"].items())
        )
    a, b = results.values()
    for tech in a.summary["villages_covered_pct"]:
        col = f"covered_{tech.lower()}"
        changed = int((a.villages[col].to_numpy() != b.villages[col].to_numpy()).sum())
        level_a, level_b = _common(a, b, tech)
        both = (level_a > -999) & (level_b > -999)
        diff = np.abs(level_a[both] - level_b[both])
        print(
            f"{tech}: {changed} of {len(a.villages)} villages change status; level "
            f"difference per cell median {np.median(diff):.2f} dB, 95th percentile "
            f"{np.quantile(diff, 0.95):.2f} dB"
        )


def _common(a, b, tech):
    """The two runs' level grids on the cells both cover (their grids are aligned on
    blocks of different sizes, so their origins differ by whole 30 m cells)."""
    ga, gb = a.terrain.grid, b.terrain.grid
    res = ga.res
    dc = int(round((gb.transform.c - ga.transform.c) / res))
    dr = int(round((ga.transform.f - gb.transform.f) / res))
    la, lb = a.rasters[tech].level, b.rasters[tech].level
    r0a, c0a = max(dr, 0), max(dc, 0)
    r0b, c0b = max(-dr, 0), max(-dc, 0)
    h = min(la.shape[0] - r0a, lb.shape[0] - r0b)
    w = min(la.shape[1] - c0a, lb.shape[1] - c0b)
    return la[r0a : r0a + h, c0a : c0a + w], lb[r0b : r0b + h, c0b : c0b + w]


if __name__ == "__main__":
    main()
