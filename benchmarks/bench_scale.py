"""Scale of the inputs: a 1,000,000-row site list through ``check`` and ``audit --model
disk``, and a 20,000 × 20,000 DEM read in windows. Run under the shared lock:

    flock /tmp/heavy.lock uv run python benchmarks/bench_scale.py [--rows 1000000]

Each run is a fresh ``coverage-planner`` process; the figures are its wall time and
its peak resident memory (from the kernel's accounting of the child, ``wait4``).
The site list is the demo province's 1,800 sites repeated with seeded jitter (±2 km,
unique codes), so the sites lie in the province as a real national-size list would.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GIS = ROOT / "gis_data"
CACHE = Path(tempfile.gettempdir()) / "coverage-planner-bench-scale"


def site_list(rows: int) -> Path:
    """The seeded list of ``rows`` sites (kept between runs in the temp folder)."""
    path = CACHE / f"sites_{rows}.csv"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    base = pd.read_csv(GIS / "bts_sites.csv", encoding="utf-8-sig", dtype=str)
    rng = np.random.default_rng(20261202)
    take = rng.integers(0, len(base), rows)
    out = base.iloc[take].reset_index(drop=True)
    lon = out["Kinh độ"].astype(float).to_numpy() + rng.uniform(-0.02, 0.02, rows)
    lat = out["Vĩ độ"].astype(float).to_numpy() + rng.uniform(-0.02, 0.02, rows)
    out["Kinh độ"] = np.round(lon, 6)
    out["Vĩ độ"] = np.round(lat, 6)
    out["Mã trạm"] = [f"S{i:07d}" for i in range(rows)]
    out.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def national_cell_list(rows: int) -> tuple[Path, Path, Path]:
    """The national case of bench_engine (real communes, synthetic villages and ~100,000
    sites), its site list written as operators export cell lists: a row per sector and
    band, about ten rows per site, ``rows`` rows in all (seeded)."""
    folder = CACHE / f"national_{rows}"
    paths = (folder / "communes.gpkg", folder / "villages.gpkg", folder / "cells.csv")
    if all(p.exists() for p in paths):
        return paths
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import national_communes, synthetic_study

    folder.mkdir(parents=True, exist_ok=True)
    communes = national_communes()
    study = synthetic_study(communes)
    study.communes[["commune_id", "commune_name", "district", "geometry"]].to_file(paths[0])
    study.villages[["village_id", "village_name", "geometry"]].to_file(paths[1])
    sites = study.sites.to_crs(4326)
    rng = np.random.default_rng(20261202)
    per = rows / len(sites)
    repeat = rng.poisson(per - 1, len(sites)) + 1
    repeat[-1] += rows - repeat.sum()  # exactly ``rows`` rows
    repeat = np.maximum(repeat, 1)
    idx = np.repeat(np.arange(len(sites)), repeat)
    j = np.concatenate([np.arange(r) for r in repeat])
    techs = [t.split("/") if t else ["2G"] for t in sites["technologies"]]
    tech = [techs[i][k % len(techs[i])] for i, k in zip(idx, j, strict=True)]
    cells = pd.DataFrame(
        {
            "Mã trạm": sites["site_id"].to_numpy()[idx],
            "Tên trạm": [f"Trạm {i}" for i in idx],
            "Kinh độ": np.round(sites.geometry.x.to_numpy()[idx], 6),
            "Vĩ độ": np.round(sites.geometry.y.to_numpy()[idx], 6),
            "Công nghệ": tech,
            "Nhà mạng": np.array(["Viettel", "VNPT", "MobiFone"])[idx % 3],
            "Độ cao anten (m)": 30 + idx % 20,
            "Góc phương vị": np.array(["0", "120", "240"])[j % 3],
            "Độ rộng búp sóng": 65,
        }
    )
    cells.to_csv(paths[2], index=False, encoding="utf-8-sig")
    return paths


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident GB and exit code of one coverage-planner process."""
    cmd = [sys.executable, "-m", "coverage_planner.cli", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(err[-2000:], file=sys.stderr)
    return wall, usage.ru_maxrss / 1024**2, code  # ru_maxrss is in KiB on Linux


def big_dem(size: int, res: float = 30.0) -> Path:
    """A size × size tiled, compressed GeoTIFF of ``res`` m cells (20,000² at 30 m: a
    600 km regional mosaic) centred on the demo province, with seeded smooth relief."""
    import rasterio
    from rasterio.transform import from_origin
    from rasterio.windows import Window

    path = CACHE / f"dem_{size}.tif"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    with rasterio.open(GIS / "dem.tif") as src:
        left, bottom, right, top = src.bounds
        crs = src.crs
    cx, cy = (left + right) / 2, (bottom + top) / 2
    half = size * res / 2
    profile = {
        "driver": "GTiff",
        "width": size,
        "height": size,
        "count": 1,
        "dtype": "float32",
        "crs": crs,
        "transform": from_origin(cx - half, cy + half, res, res),
        "nodata": -9999.0,
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "compress": "deflate",
        "BIGTIFF": "YES",
    }
    x = np.arange(size, dtype=np.float32)[None, :]
    with rasterio.open(path, "w", **profile) as dst:
        for row in range(0, size, 512):
            h = min(512, size - row)
            y = np.arange(row, row + h, dtype=np.float32)[:, None]
            block = 800 + 600 * np.sin(x / 900) * np.cos(y / 700)
            dst.write(block.astype("float32"), 1, window=Window(0, row, size, h))
    return path


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def dem_case(path: Path) -> None:
    """Load the demo study with the big DEM, then read the DEM for the terrain model."""
    from coverage_planner.coverage.terrain.model import terrain_grids
    from coverage_planner.io.inputs import InputFiles, load_inputs
    from coverage_planner.params import Parameters

    files = InputFiles.of(
        communes=GIS / "communes.gpkg",
        villages=GIS / "villages.gpkg",
        sites=GIS / "bts_sites.csv",
        dem=path,
    )
    base = _hwm_mb()
    _reset_hwm()
    start = time.perf_counter()
    inputs = load_inputs(files)
    load_s, load_mb = time.perf_counter() - start, _hwm_mb() - base
    _reset_hwm()
    base = _hwm_mb()
    start = time.perf_counter()
    terrain = terrain_grids(
        inputs.dem, tuple(inputs.communes.total_bounds), inputs.crs, Parameters(), ["2G", "4G"]
    )
    read_s, read_mb = time.perf_counter() - start, _hwm_mb() - base
    print(
        f"  load and check (first/last blocks, decimated read over the province): "
        f"{load_s:.1f} s, peak rise {load_mb:.0f} MB"
    )
    print(
        f"  terrain model's read of the province window ({terrain.fine.shape[1]} x "
        f"{terrain.fine.shape[0]} fine cells): {read_s:.1f} s, peak rise {read_mb:.0f} MB"
    )
    # The whole mosaic on a 120 m grid (a coarse tier as wide as the region): read
    # decimated within the memory bound, never whole (20,000² float32 would be 1.6 GB).
    import rasterio

    from coverage_planner.coverage.terrain.model import Grid, read_dem
    from coverage_planner.io.raster_window import MAX_WINDOW_CELLS

    with rasterio.open(path) as src:
        grid = Grid.covering(tuple(src.bounds), 120.0, inputs.dem.crs)
    _reset_hwm()
    base = _hwm_mb()
    start = time.perf_counter()
    z = read_dem(inputs.dem, grid)
    whole_s, whole_mb = time.perf_counter() - start, _hwm_mb() - base
    print(
        f"  the whole mosaic on a 120 m grid ({z.shape[1]} x {z.shape[0]} cells, memory bound "
        f"{MAX_WINDOW_CELLS / 1e6:.0f} M cells): {whole_s:.1f} s, peak rise {whole_mb:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dem", type=int, default=20_000, help="DEM size (0: skip)")
    ns = parser.parse_args()
    communes, villages, cells = national_cell_list(ns.rows)
    layers = ["--communes", str(communes), "--villages", str(villages), "--sites", str(cells)]
    print(
        f"national cell list: {ns.rows:,} rows, {cells.stat().st_size / 1e6:.0f} MB, "
        "11,163 communes, 80,676 villages"
    )
    wall, peak, code = run(["check", *layers])
    print(f"  check: {wall:.1f} s, peak {peak:.2f} GB, exit {code}")
    with tempfile.TemporaryDirectory() as tmp:
        for what, extra in (
            ("tables, GeoPackage", ["--no-maps", "--no-atlas", "--no-kmz", "--no-workbook"]),
            ("tables, GeoPackage, maps, workbook, KMZ (no atlas)", ["--no-atlas"]),
        ):
            out = Path(tmp) / "audit"
            wall, peak, code = run(["audit", *layers, "--model", "disk", "--out", str(out), *extra])
            print(f"  audit --model disk ({what}): {wall:.1f} s, peak {peak:.2f} GB, exit {code}")
    sites = site_list(ns.rows)
    demo = ["--communes", str(GIS / "communes.gpkg"), "--villages", str(GIS / "villages.gpkg")]
    wall, peak, code = run(["check", *demo, "--sites", str(sites)])
    print(
        f"demo province with {ns.rows:,} distinct sites: check {wall:.1f} s, peak {peak:.2f} GB, "
        f"exit {code}"
    )
    if ns.dem:
        import multiprocessing

        path = big_dem(ns.dem)
        print(
            f"DEM {ns.dem:,} x {ns.dem:,} at 30 m ({path.stat().st_size / 1e6:.0f} MB on disk, "
            f"{ns.dem**2 * 4 / 1024**3:.1f} GB as float32) around the demo province:"
        )
        proc = multiprocessing.get_context("spawn").Process(target=dem_case, args=(path,))
        proc.start()
        proc.join()


if __name__ == "__main__":
    main()
