"""Engine timings: province, 10 provinces and the whole country, against the naive overlay.

Run on demand:  uv run python benchmarks/bench_engine.py [--skip-national]

Each measurement runs in a fresh process; the peak memory is the rise of the peak
resident size (VmHWM, Linux, reset just before the timed run) above the loaded data.
The naive method is the test reference: GeoSeries.buffer per site, union_all,
geopandas.overlay with the villages, areas summed per village.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEN_PROVINCES = [
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lào Cai",
    "Yên Bái",
    "Hà Giang",
    "Tuyên Quang",
    "Cao Bằng",
    "Bắc Kạn",
    "Lạng Sơn",
]


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def _engine(inputs):
    from coverage_planner.coverage.engine import run
    from coverage_planner.params import Parameters

    return run(inputs, params=Parameters())


def _naive(inputs):
    from coverage_planner.params import Parameters
    from tests.coverage.reference import reference_shares

    p = Parameters()
    return {
        t: reference_shares(inputs.villages, inputs.sites, t, p.radius_km(t))
        for t in ("2G", "3G", "4G")
    }


def _measure(case: str, method: str, queue) -> None:
    inputs = load_case(case)
    fn = _engine if method == "engine" else _naive
    if method == "engine":
        # Warm up imports and compiled kernels on a small piece of the case, so that
        # the timed run neither compiles nor reuses memory a first full run freed.
        from coverage_planner.io.inputs import Inputs

        fn(
            Inputs(
                communes=inputs.communes.iloc[:5],
                villages=inputs.villages.iloc[:50],
                sites=inputs.sites.iloc[:100],
                crs=inputs.crs,
            )
        )
    gc.collect()
    base = _rss_mb("VmRSS")
    _reset_peak()
    t0 = time.perf_counter()
    fn(inputs)
    elapsed = time.perf_counter() - t0
    queue.put((elapsed, _rss_mb("VmHWM") - base, _rss_mb("VmHWM")))


def _reset_peak() -> None:
    """Reset the peak resident size (VmHWM) to the current one (Linux)."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


_CACHE: dict = {}


def load_case(case: str):
    from benchmarks.synthetic import national_communes, subset, synthetic_study
    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import load_inputs

    if case == "demo province":  # the disk model: without the DEM
        from dataclasses import replace

        return load_inputs(replace(demo_files(), dem=None))
    communes = national_communes()
    study = synthetic_study(communes)
    if case == "10 provinces":
        return subset(study, TEN_PROVINCES)
    if case == "Lai Châu (synthetic)":
        return subset(study, ["Lai Châu"])
    return study


def measure(case: str, method: str) -> tuple[float, float, float]:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(case, method, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    cases = ["demo province", "Lai Châu (synthetic)", "10 provinces"] + (
        [] if args.skip_national else ["national"]
    )
    for case in cases:
        inputs = load_case(case)
        size = f"{len(inputs.communes)} communes, {len(inputs.villages)} villages, {len(inputs.sites)} sites"
        t, mem, peak = measure(case, "engine")
        line = f"{case:22s} {size:50s} engine {t:7.3f} s  +{mem:6.0f} MB (peak RSS {peak:.0f} MB)"
        if case != "national" and not args.skip_naive:
            tn, _, _ = measure(case, "naive")
            line += f" | naive {tn:8.3f} s | {tn / t:6.1f}x"
        print(line, flush=True)


if __name__ == "__main__":
    main()
