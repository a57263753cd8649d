"""Exports of the demo province: how long each deliverable takes to write.

    uv run python benchmarks/bench_exports.py          (run under the shared lock)

Disk model on the demo province (100 communes, 1,101 villages, 1,800 sites); each
export written three times into a temporary folder, the best and the worst printed.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path


def main() -> None:
    from coverage_planner.coverage.engine import run
    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import load_inputs
    from coverage_planner.maps.export import export_map
    from coverage_planner.maps.layout import MapSpec
    from coverage_planner.params import Parameters
    from coverage_planner.reports.atlas import export_atlas
    from coverage_planner.reports.exports import study_of
    from coverage_planner.reports.geopackage import export_geopackage
    from coverage_planner.reports.kmz import export_kmz
    from coverage_planner.reports.provenance import provenance_of
    from coverage_planner.reports.workbook import export_workbook

    files = replace(demo_files(), dem=None)
    result = run(load_inputs(files), params=Parameters())
    for tech in result.technologies:  # the coverage polygons, built once before timing
        result.coverage[tech]
    prov = provenance_of(result, files)
    spec = MapSpec(language="vi", study=study_of(result), sources=prov)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        jobs = {
            "map A4 PNG 300 dpi": lambda: export_map(result, out / "m.png", spec),
            "map A4 PDF": lambda: export_map(result, out / "m.pdf", spec),
            "atlas PDF (100 communes)": lambda: export_atlas(result, out / "a.pdf", spec),
            "workbook XLSX": lambda: export_workbook(
                result, out / "w.xlsx", language="vi", sources=prov
            ),
            "GeoPackage + QGIS project": lambda: export_geopackage(
                result, out / "c.gpkg", language="vi"
            ),
            "KMZ": lambda: export_kmz(result, out / "c.kmz", language="vi"),
        }
        for name, job in jobs.items():
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                path = job()
                times.append(time.perf_counter() - t0)
            size = Path(path).stat().st_size / 1e6
            print(f"{name:28s} {min(times):6.2f}–{max(times):6.2f} s  {size:6.1f} MB")


if __name__ == "__main__":
    main()
