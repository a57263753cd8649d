"""Guards against inputs that cannot describe the province: a run that would print 0 %
because the sites or villages lie elsewhere (a CRS mix-up, swapped columns, the wrong
file) stops with a message naming the file and what to try, never a silent figure."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from coverage_planner.errors import ImplausibleInputError
from coverage_planner.io.messages import Phrase, count

MOST = 0.5
"""More than this share of a layer outside the communes' extent stops the run."""

MARGIN_M = 10_000.0
"""How far beyond the communes' extent (metres, at least) features still count as near."""


def outside_extent(gdf: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> np.ndarray:
    """Mask of features whose point lies outside the communes' extent (with a margin).

    Both layers are in the metric working CRS.
    """
    minx, miny, maxx, maxy = communes.total_bounds
    margin = max(MARGIN_M, 0.1 * float(np.hypot(maxx - minx, maxy - miny)))
    geoms = gdf.geometry.to_numpy()
    points = geoms.copy()
    other = shapely.get_type_id(geoms) != int(shapely.GeometryType.POINT)
    if other.any():
        points[other] = shapely.point_on_surface(geoms[other])
    x, y = shapely.get_x(points), shapely.get_y(points)
    inside = (
        np.isfinite(x)
        & np.isfinite(y)
        & (x >= minx - margin)
        & (x <= maxx + margin)
        & (y >= miny - margin)
        & (y <= maxy + margin)
    )
    return ~inside


def check_near_communes(
    gdf: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    layer: str,
    path: str | Path,
    communes_path: str | Path,
    file_crs: object,
) -> None:
    """Stop when most of a layer lies away from the communes.

    Raises
    ------
    ImplausibleInputError
        Naming the file, its CRS, how many features are away, and what to try.
    """
    if len(gdf) == 0:
        return
    away = outside_extent(gdf, communes)
    if away.mean() <= MOST:
        return
    crs_text = getattr(file_crs, "name", None) or str(file_crs)
    what = {
        "sites": Phrase("sites", "trạm"),
        "villages": Phrase("villages", "thôn/bản"),
        "backbone": Phrase("fibre features", "đối tượng cáp quang"),
    }.get(layer, Phrase("features", "đối tượng"))
    raise ImplausibleInputError(
        key="error.far_outside",
        file=path,
        away=count(away.sum()),
        total=count(len(gdf)),
        what=what,
        communes=Path(communes_path).name,
        crs=crs_text,
        layer=layer,
    )


def check_coverage_plausible(summary: dict, sites: gpd.GeoDataFrame, *, sites_path: object) -> None:
    """Stop when every village is uncovered in every technology and every site lies
    outside every commune: the sites and the communes do not meet (a CRS mix-up)."""
    if len(sites) == 0 or "commune_id" not in sites.columns:
        return
    pct = [v for v in (summary.get("villages_covered_pct") or {}).values() if v is not None]
    if not pct or any(v > 0 for v in pct):
        return
    if sites["commune_id"].notna().any():
        return
    raise ImplausibleInputError(
        key="error.sites_meet_no_commune", file=sites_path, n=count(len(sites))
    )
