"""Which exports an audit writes besides its tables, from the chosen outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.progress import NullReporter, Reporter, checkpoint
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


def qgis_exports(
    result: CoverageResult, *, language: str, technology: str = "4G", gpkg: str = "coverage.gpkg"
) -> dict[str, Callable[[Path], object]]:
    """``{file name: writer}`` of the QGIS deliverables, the audit's and the app's alike:
    after a terrain run its grids (GeoTIFFs) and a ``.qml`` beside each, then the
    GeoPackage ``gpkg`` in the language with its QGIS project (``<gpkg stem>.qgz``,
    written with it: the grids included as styled raster layers)."""
    from coverage_planner.reports.geopackage import export_geopackage
    from coverage_planner.reports.qgis_project import raster_qml
    from coverage_planner.reports.terrain_rasters import terrain_writers

    extra: dict[str, Callable[[Path], object]] = dict(terrain_writers(result))
    grids = [name for name in extra if name.endswith(".tif")]
    for name in grids:
        kind, tech = Path(name).stem.rsplit("_", 1)
        tech = tech.upper()
        extra[f"{Path(name).stem}.qml"] = lambda p, k=kind, t=tech: write_text(
            p, raster_qml(k, t, language, servers=len(result.sites))
        )
    extra[gpkg] = lambda p: export_geopackage(
        result, p, technology=technology, language=language, rasters=grids
    )
    return extra


def write_text(path: Path, text: str) -> None:
    """``text`` into ``path`` (UTF-8), atomically."""
    from coverage_planner.io.writers import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def export_qgis_package(
    result: CoverageResult,
    path: str | Path,
    *,
    technology: str = "4G",
    language: str = "en",
    reporter: Reporter | None = None,
) -> Path:
    """The app's GeoPackage export: the files of :func:`qgis_exports` — the same as the
    audit's — into the folder of ``path``, the GeoPackage named as ``path``; all written
    in a staging folder first, moved in together when every one is complete."""
    from coverage_planner.reports.audit import staged_folder

    path = Path(path)
    reporter = reporter or NullReporter()
    writers = qgis_exports(result, language=language, technology=technology, gpkg=path.name)
    with staged_folder(path.parent) as stage:
        for n, (name, write) in enumerate(writers.items()):
            checkpoint(reporter, n, len(writers), name)
            write(stage / name)
        checkpoint(reporter, len(writers), len(writers))
    return path
