"""Guards against inputs that cannot describe the province: a run that would print 0 %
because the sites or villages lie elsewhere (a CRS mix-up, swapped columns, the wrong
file) stops with a message naming the file and what to try, never a silent figure."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from coverage_planner.errors import ImplausibleInputError

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
    what = {"sites": "sites", "villages": "villages", "backbone": "fibre features"}.get(
        layer, "features"
    )
    what_vi = {"sites": "trạm", "villages": "thôn/bản", "backbone": "đối tượng cáp quang"}.get(
        layer, "đối tượng"
    )
    raise ImplausibleInputError(
        f"{path}: {int(away.sum()):,} of {len(gdf):,} {what} lie far outside the communes of "
        f"{Path(communes_path).name}, so the results could not describe the province. The "
        f"file was read in {crs_text}. Check that it is the right file and the right "
        f"coordinate reference system: a GPS list is EPSG:4326 (longitude/latitude), a "
        f"VN-2000 map usually EPSG:3405 (UTM 48N) or EPSG:3406 (UTM 49N); give it for this "
        f"file only (--crs {layer}=EPSG:…, or in the Open data dialog). A list of the whole "
        "country must first be cut to the province.",
        vi=f"{path}: {int(away.sum()):,} trên {len(gdf):,} {what_vi} nằm xa ngoài các xã của "
        f"{Path(communes_path).name}, nên kết quả không thể mô tả tỉnh. Tệp được đọc theo "
        f"{crs_text}. Hãy kiểm tra đúng tệp và đúng hệ tọa độ: danh sách GPS là EPSG:4326 "
        "(kinh độ/vĩ độ), bản đồ VN-2000 thường là EPSG:3405 (UTM 48N) hoặc EPSG:3406 "
        f"(UTM 49N); chỉ định riêng cho tệp này (--crs {layer}=EPSG:…, hoặc trong hộp thoại Mở "
        "dữ liệu). Danh sách cả nước cần được cắt theo tỉnh trước.",
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
        f"{sites_path}: every village is uncovered and none of the {len(sites):,} sites lies "
        "in a commune, so the sites and the communes do not meet. Check the coordinate "
        "reference system of each file (--crs sites=EPSG:4326 for a GPS list) and that the "
        "files are of the same province.",
        vi=f"{sites_path}: mọi thôn/bản đều không được phủ sóng và không trạm nào trong "
        f"{len(sites):,} trạm nằm trong một xã, nên trạm và xã không khớp nhau. Hãy kiểm tra hệ "
        "tọa độ của từng tệp (--crs sites=EPSG:4326 cho danh sách GPS) và các tệp có cùng một tỉnh.",
    )
