"""The app's GeoPackage export after a terrain run writes what the batch audit writes for
QGIS: the terrain grids, their styles and a project that opens them styled."""

from __future__ import annotations

from pathlib import Path

import pytest

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import load_inputs
from coverage_planner.maps.layout import MapSpec
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.progress import NullReporter
from tests.reports.studies import small_study
from tests.reports.test_deliverables import needs_qgis, open_in_qgis


@pytest.fixture(scope="module")
def terrain_result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("terrain")
    files = small_study(folder, dem=True)
    params = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    return run(load_inputs(files), params=params)


def app_export(result, path: Path, language: str = "vi") -> Path:
    """The GeoPackage export as the main window's export worker runs it."""
    from coverage_planner.gui.window_exports import _export

    spec = MapSpec(language=language)
    return _export("gpkg", result, path, spec, "4G", language, NullReporter())


def test_app_geopackage_export_writes_the_audits_terrain_grids(terrain_result, tmp_path):
    """The app's export wrote the GeoPackage and its project only; the audit also the
    grids. Every grid the run has is now beside the GeoPackage with its style, and the
    folder holds nothing half-written."""
    import rasterio as rio

    out = tmp_path / "export"
    out.mkdir()
    app_export(terrain_result, out / "ra_soat.gpkg")
    names = {p.name for p in out.iterdir()}
    for tech in terrain_result.technologies:
        for kind in ("level", "server", "servers", "covered"):
            assert f"{kind}_{tech.lower()}.tif" in names
            assert f"{kind}_{tech.lower()}.qml" in names
    assert {"ra_soat.gpkg", "ra_soat.qgz"} <= names
    assert not [n for n in names if n.startswith(".")]  # no staging or partial files
    with rio.open(out / "level_4g.tif") as src:
        assert src.overviews(1) and src.units[0] == "dBm"
        level = src.read(1)
    assert (level == terrain_result.rasters["4G"].level).all()


def test_app_export_of_a_disk_run_writes_no_grids(demo_result, tmp_path):
    app_export(demo_result, tmp_path / "c.gpkg", language="en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.gpkg", "c.qgz"]


@needs_qgis
def test_app_export_opens_in_qgis_with_the_grids_styled(terrain_result, tmp_path):
    app_export(terrain_result, tmp_path / "coverage.gpkg")
    info = open_in_qgis(tmp_path / "coverage.qgz", tmp_path / "app.png")
    assert all(layer["valid"] for layer in info["layers"])
    rasters = {layer["name"]: layer for layer in info["layers"] if layer["kind"] == "raster"}
    assert rasters["Mức thu 4G (dBm)"]["renderer"] == "singlebandpseudocolor"
    assert rasters["Mức thu 4G (dBm)"]["overviews"]
    assert rasters["Ô lưới có sóng 4G"]["renderer"] == "paletted"
    assert len(rasters) == 4 * len(terrain_result.technologies)


GPKG_LIMIT_MB = 20.0
"""The GeoPackage of the demo province's terrain run must stay below this (issue 12)."""


def test_demo_terrain_geopackage_stays_small_and_true_to_the_grid(tmp_path):
    """The demo province at 30 m: the footprint layers held every site's best-served
    cells (41.6 MB); one dissolved shape per technology keeps the file under the limit,
    and each shape's area within 0.1 % of the grid's covered cells (counted here)."""
    import numpy as np
    import pyogrio
    import shapely

    from coverage_planner.demo import demo_files
    from coverage_planner.reports.geopackage import export_geopackage
    from tests.conftest import GIS_DATA

    result = run(load_inputs(demo_files(GIS_DATA)), params=Parameters(model="terrain"))
    path = export_geopackage(result, tmp_path / "coverage.gpkg", language="vi")
    assert path.stat().st_size < GPKG_LIMIT_MB * 1e6
    cell = result.grid.res**2
    for tech in result.technologies:
        fp = pyogrio.read_dataframe(path, layer=f"footprints_{tech.lower()}")
        covered = np.count_nonzero(result.rasters[tech].covered) * cell
        assert fp["area_km2"].sum() * 1e6 == pytest.approx(covered)
        assert abs(shapely.area(fp.geometry.to_numpy()).sum() / covered - 1) <= 0.001, tech
