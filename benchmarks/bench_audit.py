"""The national synthetic study through the audit's compute: plain run, and split by
province on a Dask LocalCluster of 1 and 2 workers. Wall time and peak memory of each
(the parent and every worker process), and the overhead of Dask.

Run on demand:  uv run python benchmarks/bench_audit.py
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _case(mode: str, queue) -> None:
    from benchmarks.synthetic import national_communes, synthetic_study
    from coverage_planner.coverage.engine import run
    from coverage_planner.coverage.partitioned import dask_submitter, run_partitioned
    from coverage_planner.params import Parameters

    inputs = synthetic_study(national_communes())
    params = Parameters()
    if mode == "plain":
        t0 = time.perf_counter()
        result = run(inputs, params=params)
        queue.put(
            (time.perf_counter() - t0, _hwm_mb(), 0.0, result.summary["villages_covered_pct"])
        )
        return
    from dask.distributed import Client, LocalCluster

    workers = int(mode)
    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit="10GB",
        ) as cluster,
        Client(cluster) as client,
    ):
        result = run_partitioned(inputs, params=params, submit=dask_submitter(client))
        worker_peaks = client.run(_hwm_mb)
    elapsed = time.perf_counter() - t0
    queue.put(
        (elapsed, _hwm_mb(), sum(worker_peaks.values()), result.summary["villages_covered_pct"])
    )


def measure(mode: str):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_case, args=(mode, queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    print(
        f"machine: {os.cpu_count()} cores; national synthetic study (~11k communes, ~80k villages, ~100k sites)"
    )
    plain = None
    for mode, label in (
        ("plain", "single process"),
        ("1", "Dask, 1 worker"),
        ("2", "Dask, 2 workers"),
    ):
        elapsed, parent, workers, pct = measure(mode)
        plain = plain or elapsed
        print(
            f"{label:16s} wall {elapsed:7.2f} s  peak parent {parent:6.0f} MB  workers {workers:6.0f} MB  "
            f"vs plain x{plain / elapsed:4.2f}  villages covered {pct}",
            flush=True,
        )


if __name__ == "__main__":
    main()
