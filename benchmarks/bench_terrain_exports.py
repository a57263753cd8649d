"""Exports of a terrain run on the demo province: time and size of each deliverable.

    flock /tmp/heavy.lock uv run python benchmarks/bench_terrain_exports.py [--communes N]

The demo province with its DEM (terrain model, 30 m; the level windows come from the
user's cache after the first run), Vietnamese. Writes the GeoPackage (+ QGIS project),
the atlas (all communes, or the first ``N``), the 4G map as PDF and PNG, the KMZ and
the workbook once each into a temporary folder, and prints time and size; for the
GeoPackage also the vertices of each footprint layer and its polygons' area against the
grid's covered cells. The app's GeoPackage export writes the terrain grids (GeoTIFFs
with overviews) and their styles too: its time is the whole, its size the GeoPackage's.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=0, help="atlas of the first N (0: all)")
    args = parser.parse_args()

    import pyogrio
    import shapely

    from coverage_planner.coverage.engine import run
    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import load_inputs
    from coverage_planner.maps.export import export_map
    from coverage_planner.maps.layout import MapSpec
    from coverage_planner.params import Parameters
    from coverage_planner.reports.atlas import export_atlas
    from coverage_planner.reports.exports import export_qgis_package, study_of
    from coverage_planner.reports.geopackage import export_geopackage
    from coverage_planner.reports.kmz import export_kmz
    from coverage_planner.reports.provenance import provenance_of
    from coverage_planner.reports.workbook import export_workbook

    files = demo_files()
    t0 = time.perf_counter()
    result = run(load_inputs(files), params=Parameters(model="terrain"))
    print(f"terrain run (cache as found)     {time.perf_counter() - t0:7.1f} s")
    prov = provenance_of(result, files)
    spec = MapSpec(language="vi", study=study_of(result), sources=prov)
    ids = list(result.communes["commune_id"].astype(str))
    if args.communes:
        ids = ids[: args.communes]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        jobs = {
            "GeoPackage + QGIS project": lambda: export_geopackage(
                result, out / "coverage.gpkg", language="vi"
            ),
            "app's GeoPackage export (+ grids)": lambda: export_qgis_package(
                result, out / "app" / "coverage.gpkg", language="vi"
            ),
            f"atlas PDF ({len(ids)} communes)": lambda: export_atlas(
                result, out / "atlas.pdf", spec, communes=ids
            ),
            "map 4G A4 PDF": lambda: export_map(result, out / "m.pdf", spec),
            "map 4G A4 PNG 300 dpi": lambda: export_map(result, out / "m.png", spec),
            "KMZ": lambda: export_kmz(result, out / "c.kmz", language="vi"),
            "workbook XLSX": lambda: export_workbook(
                result, out / "w.xlsx", language="vi", sources=prov
            ),
        }
        for name, job in jobs.items():
            t = time.perf_counter()
            path = Path(job())
            print(
                f"{name:32s} {time.perf_counter() - t:7.1f} s  {path.stat().st_size / 1e6:7.1f} MB"
            )
        gpkg = out / "coverage.gpkg"
        for layer, _ in pyogrio.list_layers(gpkg):
            if layer.startswith("footprints_"):
                frame = pyogrio.read_dataframe(gpkg, layer=layer)
                geoms = frame.geometry.to_numpy()
                # the polygons' area against the cells' (each site's area_km2 is its count)
                ratio = shapely.area(geoms).sum() / 1e6 / frame["area_km2"].sum()
                print(
                    f"  {layer}: {len(geoms)} features, "
                    f"{int(shapely.get_num_coordinates(geoms).sum()):,} vertices, "
                    f"polygons' area / cells' area {ratio:.5f}"
                )


if __name__ == "__main__":
    main()
