"""Terrain model timings on the demo DEM at 30 m.

1. Per site: line of sight (+ path loss) in milliseconds for 5 km and 10 km radius,
   against gdal_viewshed (line of sight only) for the same sites in the same run.
2. The whole demo province (about 1,800 sites, all technologies, 30 m, every cell):
   wall time with 2 worker processes, and peak memory (parent and workers).

Run on demand:  uv run python benchmarks/bench_terrain.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import rasterio
from rasterio.transform import from_origin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coverage_planner.coverage.terrain.los import horizon, window_geometry  # noqa: E402
from coverage_planner.coverage.terrain.model import (  # noqa: E402
    Grid,
    best_server_grids,
    read_dem,
    terrain_grids,
)
from coverage_planner.demo import demo_files  # noqa: E402
from coverage_planner.io.inputs import load_inputs  # noqa: E402
from coverage_planner.params import Parameters, TerrainParams  # noqa: E402

RES = 30.0


def per_site(inputs, radius_km: float, n_sites: int = 20) -> tuple[float, float | None]:
    sites = inputs.sites.iloc[:: max(1, len(inputs.sites) // n_sites)].head(n_sites)
    n = int(np.ceil(radius_km * 1000 / RES))
    dist = window_geometry(n, RES)[0]
    ours, gdal = [], []
    tmp = Path(tempfile.mkdtemp())
    for _, site in sites.iterrows():
        x, y = site.geometry.x, site.geometry.y
        grid = Grid.covering(
            (x - n * RES, y - n * RES, x + (n + 1) * RES, y + (n + 1) * RES), RES, inputs.crs
        )
        z = read_dem(inputs.dem, grid)[: 2 * n + 1, : 2 * n + 1].astype(np.float64)
        horizon(z, dist, float(z[n, n]) + 30.0, 8.5e6)  # compiled already; warm caches
        t0 = time.perf_counter()
        horizon(z, dist, float(z[n, n]) + 30.0, 8.5e6)
        ours.append(time.perf_counter() - t0)
        if shutil.which("gdal_viewshed"):
            path = tmp / "w.tif"
            with rasterio.open(
                path,
                "w",
                driver="GTiff",
                width=z.shape[1],
                height=z.shape[0],
                count=1,
                dtype="float32",
                crs=inputs.crs.to_wkt(),
                transform=from_origin(grid.transform.c, grid.transform.f, RES, RES),
            ) as dst:
                dst.write(z.astype(np.float32), 1)
            ox, oy = grid.transform.c + (n + 0.5) * RES, grid.transform.f - (n + 0.5) * RES
            t0 = time.perf_counter()
            subprocess.run(
                [
                    "gdal_viewshed",
                    "-q",
                    "-ox",
                    str(ox),
                    "-oy",
                    str(oy),
                    "-oz",
                    "30",
                    "-tz",
                    "1.5",
                    "-md",
                    str(radius_km * 1000),
                    "-cc",
                    "0.75",
                    str(path),
                    str(tmp / "v.tif"),
                ],
                check=True,
            )
            gdal.append(time.perf_counter() - t0)
    return 1000 * float(np.median(ours)), (1000 * float(np.median(gdal)) if gdal else None)


def model_rate(inputs, terrain, params, techs, n_sites: int = 40) -> tuple[float, float, float]:
    """The full model (profiles, SPM, Bullington, patterns, every technology a site
    serves) on one core: ms per site, million computed cells per second, and million
    30 m cells represented per second (a 90 m cell stands for 9, a 270 m one for 81)."""
    from coverage_planner.coverage.terrain.los import EMPTY
    from coverage_planner.coverage.terrain.model import site_jobs, site_levels, tier_sizes

    jobs = site_jobs(inputs.sites, terrain.grid, params, techs)
    jobs = jobs[:: max(1, len(jobs) // n_sites)][:n_sites]
    site_levels(jobs[0], params, terrain)  # compiled already; warm caches
    sizes = tier_sizes(params)
    cells = fine = 0
    t0 = time.process_time()
    for job in jobs:
        for windows in site_levels(job, params, terrain).values():
            for w in windows:
                k = int((w.levels != EMPTY).sum())
                cells += k
                fine += k * sizes[w.tier] ** 2
    cpu = time.process_time() - t0
    return 1000 * cpu / len(jobs), cells / cpu / 1e6, fine / cpu / 1e6


def main() -> None:
    print(f"machine: {os.cpu_count()} cores")
    inputs = load_inputs(demo_files())
    for radius in (5.0, 10.0):
        ours, gdal = per_site(inputs, radius)
        cells = (2 * radius * 1000 / RES + 1) ** 2 / 1e6
        ratio = (
            f", gdal_viewshed {gdal:.1f} ms (x{gdal / ours:.1f}; {cells / gdal * 1000:.1f} M cells/s)"
            if gdal
            else ""
        )
        print(
            f"line of sight, {radius:g} km at 30 m ({(2 * radius * 1000 / RES + 1) ** 2 / 1e6:.2f} M cells): "
            f"{ours:.1f} ms per site{ratio}"
        )
    params = replace(Parameters(model="terrain"), terrain=TerrainParams(workers=2))
    techs = ["2G", "3G", "4G"]
    t0 = time.perf_counter()
    terrain = terrain_grids(inputs.dem, inputs.communes.total_bounds, inputs.crs, params, techs)
    read_s = time.perf_counter() - t0
    grid = terrain.grid
    ms, rate, fine_rate = model_rate(inputs, terrain, params, techs)
    print(
        f"full model on one core: {ms:.1f} ms CPU per site, {rate:.1f} M computed cells/s, "
        f"{fine_rate:.0f} M 30 m cells/s (line of sight only, gdal_viewshed: see above)"
    )
    best_server_grids(
        inputs.sites.head(8), terrain, params, techs, workers=2
    )  # compile in the workers' cache
    t0, cpu0 = time.perf_counter(), _cpu()
    grids = best_server_grids(inputs.sites, terrain, params, techs, workers=2)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - cpu0
    cells = sum(float(g.servers.sum()) for g in grids.values())
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    covered = {t: f"{100 * g.covered.mean():.1f}%" for t, g in grids.items()}
    print(
        f"whole demo province: {len(inputs.sites)} sites, {', '.join(techs)}, {grid.width} x {grid.height} cells "
        f"at 30 m, range from the link budget up to max_range_km: DEM read {read_s:.1f} s, model "
        f"{elapsed:.1f} s with 2 workers; peak memory parent {parent:.0f} MB, largest worker "
        f"{children:.0f} MB; grid cells covered {covered}; {cells / 1e6:.0f} M covered "
        f"site-cells"
    )
    site_cells = rate * ms / 1000  # M computed cells per site, from the one-core sample
    print(
        f"whole demo province per core: {site_cells * len(inputs.sites) / (2 * elapsed):.1f} M "
        f"computed cells/s over 2 cores' wall time (gdal_viewshed: see above); CPU of parent "
        f"and workers {cpu:.1f} s in {elapsed:.1f} s wall ({cpu / elapsed:.2f} cores busy); "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def _cpu() -> float:
    """CPU seconds of this process and its ended children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    main()
