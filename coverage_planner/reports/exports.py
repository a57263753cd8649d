"""Which exports an audit writes besides its tables, from the chosen outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coverage_planner.coverage.engine import CoverageResult

MAP_TECHNOLOGIES = ("3G", "4G")


def province_name(result: CoverageResult) -> str:
    """The province's name from the communes' attributes, where they have one."""
    for col in ("province_vn", "province", "tinh", "ten_tinh"):
        if col in result.communes.columns and result.communes[col].notna().any():
            return str(result.communes[col].mode().iloc[0])
    return ""


def audit_exports(result: CoverageResult, outputs) -> dict[str, Callable[[Path], object]]:
    """``{file name: writer}`` for the maps, atlas, workbook and KMZ that ``outputs`` asks for."""
    from coverage_planner.maps.export import export_map
    from coverage_planner.maps.layout import MapSpec
    from coverage_planner.reports.atlas import export_atlas
    from coverage_planner.reports.kmz import export_kmz
    from coverage_planner.reports.workbook import export_workbook

    lang = outputs.language
    province = province_name(result)
    extra: dict[str, Callable[[Path], object]] = {}
    if outputs.maps:
        for tech in MAP_TECHNOLOGIES:
            spec = MapSpec(technology=tech, language=lang, province=province)
            for suffix in (".png", ".pdf"):
                extra[f"map_{tech.lower()}{suffix}"] = lambda p, s=spec: export_map(result, p, s)
    if outputs.atlas:
        spec = MapSpec(technology="4G", language=lang, province=province)
        extra["atlas.pdf"] = lambda p: export_atlas(result, p, spec)
    if outputs.workbook:
        extra["coverage.xlsx"] = lambda p: export_workbook(result, p, language=lang)
    if outputs.kmz:
        extra["coverage.kmz"] = lambda p: export_kmz(result, p, technology="4G", language=lang)
    return extra
