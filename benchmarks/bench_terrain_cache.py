"""The terrain model's window cache on the demo province (every technology, 30 m,
range from the link budget): the audit's compute run first on an empty cache, then a
second time on unchanged inputs, then with one site's antenna height changed; each in
a fresh process, with its wall time and peak memory (parent, largest worker).

Run on demand:  uv run python benchmarks/bench_terrain_cache.py [--cache DIR]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one_run(cache: str, edit: bool) -> None:
    from coverage_planner.coverage.engine import run
    from coverage_planner.coverage.terrain.windows import WindowCache
    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import load_inputs
    from coverage_planner.params import Parameters

    inputs = load_inputs(demo_files())
    if edit:
        inputs.sites.loc[inputs.sites.index[100], "antenna_height_m"] += 5.0
    from coverage_planner.batch import BATCH_MEMORY_BYTES

    # as the audit command makes it: windows on disk, 32 MB of them in memory
    windows = WindowCache(cache, memory_bytes=BATCH_MEMORY_BYTES) if cache != "none" else None
    t0 = time.perf_counter()
    result = run(inputs, params=Parameters(model="terrain"), terrain_cache=windows)
    elapsed = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "computed": windows.computed if windows else len(inputs.sites),
                "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "villages_4g": result.summary["villages_covered_pct"]["4G"],
            }
        )
    )


def main(cache: str | None = None) -> None:
    print(f"machine: {os.cpu_count()} cores")
    # ``--cache DIR``: a folder of one's own (emptied first), so no other run warms it
    folder = cache or tempfile.mkdtemp(prefix="terrain-cache-bench-")
    if cache:
        import shutil

        shutil.rmtree(cache, ignore_errors=True)
        Path(cache).mkdir(parents=True)
    runs = [("no cache", "none", False), ("first (empty cache)", folder, False)]
    runs += [("second (unchanged)", folder, False), ("one site changed", folder, True)]
    figures = {}
    for name, cache, edit in runs:
        out = subprocess.run(
            [sys.executable, __file__, "--one", cache, "1" if edit else "0"],
            capture_output=True,
            text=True,
            check=True,
        )
        figures[name] = json.loads(out.stdout.strip().splitlines()[-1])
        f = figures[name]
        print(
            f"{name}: {f['seconds']:.1f} s, {f['computed']} sites computed, peak parent "
            f"{f['parent_mb']:.0f} MB, largest worker {f['worker_mb']:.0f} MB, 4G villages "
            f"{f['villages_4g']:.2f} %"
        )
    first = figures["first (empty cache)"]["seconds"]
    for name in ("second (unchanged)", "one site changed"):
        print(f"{name}: {first / figures[name]['seconds']:.1f}x faster than the first run")
    size = sum(p.stat().st_size for p in Path(folder).glob("*.win"))
    print(f"cache folder: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        one_run(sys.argv[2], sys.argv[3] == "1")
    elif len(sys.argv) > 2 and sys.argv[1] == "--cache":
        main(sys.argv[2])
    else:
        main()
