"""Which exports an audit writes besides its tables, from the chosen outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.reports.provenance import Provenance, provenance_of
from coverage_planner.study import StudyDescription, province_of_communes

MAP_TECHNOLOGIES = ("3G", "4G")


def province_name(result: CoverageResult) -> str:
    """The province's name: the study's, else from the communes' attributes."""
    return result.params.study.province or province_of_communes(result.communes)


def study_of(result: CoverageResult) -> StudyDescription:
    """The study description of a result, its province filled from the communes."""
    return result.params.study.with_province_from(result.communes)


def audit_exports(
    result: CoverageResult, outputs, *, sources: Provenance | None = None
) -> dict[str, Callable[[Path], object]]:
    """``{file name: writer}`` for the maps, atlas, workbook and KMZ that ``outputs`` asks for.

    ``sources`` is the run's provenance (its source line goes on every map, atlas page
    and workbook); without it, the one the result alone supports.
    """
    from coverage_planner.maps.export import export_map
    from coverage_planner.maps.layout import MapSpec
    from coverage_planner.reports.atlas import export_atlas
    from coverage_planner.reports.kmz import export_kmz
    from coverage_planner.reports.workbook import export_workbook

    lang = outputs.language
    sources = sources or provenance_of(result)
    study = study_of(result)
    extra: dict[str, Callable[[Path], object]] = {}

    def spec(tech: str) -> MapSpec:
        return MapSpec(
            technology=tech,
            language=lang,
            province=study.province,
            study=study,
            sources=sources,
        )

    if outputs.maps:
        for tech in MAP_TECHNOLOGIES:
            map_spec = spec(tech)
            for suffix in (".png", ".pdf"):
                extra[f"map_{tech.lower()}{suffix}"] = lambda p, s=map_spec: export_map(
                    result, p, s
                )
    if outputs.atlas:
        extra["atlas.pdf"] = lambda p: export_atlas(result, p, spec("4G"))
    if outputs.workbook:
        extra["coverage.xlsx"] = lambda p: export_workbook(
            result, p, language=lang, study=study, sources=sources
        )
    if outputs.kmz:
        extra["coverage.kmz"] = lambda p: export_kmz(result, p, technology="4G", language=lang)
    extra.update(qgis_exports(result, language=lang))
    return extra


def qgis_exports(result: CoverageResult, *, language: str) -> dict[str, Callable[[Path], object]]:
    """The GeoPackage in the language, its QGIS project (``coverage.qgz``, written with
    it: the terrain grids included) and a ``.qml`` beside each terrain grid."""
    from coverage_planner.reports.geopackage import export_geopackage
    from coverage_planner.reports.qgis_project import raster_qml
    from coverage_planner.reports.terrain_rasters import terrain_writers

    grids = [name for name in terrain_writers(result) if name.endswith(".tif")]
    extra: dict[str, Callable[[Path], object]] = {
        "coverage.gpkg": lambda p: export_geopackage(
            result, p, technology="4G", language=language, rasters=grids
        )
    }
    for name in grids:
        kind, tech = Path(name).stem.rsplit("_", 1)
        tech = tech.upper()
        extra[f"{Path(name).stem}.qml"] = lambda p, k=kind, t=tech: p.write_text(
            raster_qml(k, t, language, servers=len(result.sites)), encoding="utf-8"
        )
    return extra
