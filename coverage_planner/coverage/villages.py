"""Village status per technology: covered share, covered or not, nearest site, and why not.

A polygon village is covered when at least ``village_area_share`` of its area lies in
the union of the technology's footprints; a point village when its point does.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from coverage_planner.coverage.areas import Footprints, Targets
from coverage_planner.coverage.footprints import (
    footprint_pieces,
    lower_technologies,
    serving,
    site_radius_m,
)
from coverage_planner.params import Parameters

REASONS = ("out_of_range", "partial", "upgrade")


def reference_points(geoms: np.ndarray) -> np.ndarray:
    """The point a village is measured from: itself, or a point inside its polygon."""
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    return np.where(is_point, geoms, shapely.point_on_surface(geoms))


def covered_share(
    villages: gpd.GeoDataFrame,
    cover: Footprints,
    *,
    covered_m2: np.ndarray | None = None,
) -> np.ndarray:
    """Share (0-1) of each village inside the union of the footprints ``cover``; 0 or
    1 for points.

    ``covered_m2``: the villages' covered areas, when already measured together with
    other targets (the engine measures villages and communes in one pass).
    """
    geoms = villages.geometry.to_numpy()
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    share = np.zeros(len(geoms))
    poly = ~is_point
    if poly.any():
        if covered_m2 is None:
            covered_m2 = cover.areas(Targets(geoms), threads=1)
        area = shapely.area(geoms[poly])
        share[poly] = np.clip(covered_m2[poly] / area, 0.0, 1.0)
    if is_point.any():
        pts = geoms[is_point]
        share[is_point] = cover.points_inside(shapely.get_x(pts), shapely.get_y(pts))
    return share


def nearest_sites(
    villages: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    mask: np.ndarray,
    *,
    refs: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Id of and distance (km) to the nearest site in ``mask`` from each village's point
    (``refs``: those points, when already computed)."""
    ids = np.full(len(villages), None, dtype=object)
    km = np.full(len(villages), np.nan)
    rows = np.flatnonzero(mask)
    if len(rows) == 0 or len(villages) == 0:
        return ids, km
    if refs is None:
        refs = reference_points(villages.geometry.to_numpy())
    xy = shapely.get_coordinates(refs)
    if len(xy) != len(villages):  # an empty village has no point: measured from none
        has = ~shapely.is_empty(refs) & ~shapely.is_missing(refs)
        vi = np.flatnonzero(has)
    else:
        vi = np.arange(len(villages))
    tree = cKDTree(shapely.get_coordinates(sites.geometry.to_numpy()[rows]))
    dist, si = tree.query(xy)
    ids[vi] = sites["site_id"].to_numpy(dtype=object)[rows[si]]
    km[vi] = dist / 1000.0
    return ids, km


def best_upgrade(
    villages: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    tech: str,
    params: Parameters,
    todo: np.ndarray,
) -> np.ndarray:
    """For villages in ``todo``: the site of a lower technology that, upgraded to
    ``tech`` (with ``tech``'s radius), would cover the village on its own.

    Returns the site id per village (None where no single upgrade would do).
    """
    out = np.full(len(villages), None, dtype=object)
    lower = lower_technologies(tech)
    if not lower or not todo.any():
        return out
    candidates = ~serving(sites, tech) & np.any([serving(sites, t) for t in lower], axis=0)
    rows = np.flatnonzero(todo)
    geoms = villages.geometry.to_numpy()[rows]
    # Only sites within reach of an uncovered village can be worth upgrading.
    reach = site_radius_m(sites, tech, params)
    cand = np.flatnonzero(candidates)
    if len(cand) == 0:
        return out
    _, near = shapely.STRtree(sites.geometry.to_numpy()[cand]).query(
        geoms, predicate="dwithin", distance=float(reach[cand].max())
    )
    candidates = np.zeros(len(sites), dtype=bool)
    candidates[cand[np.unique(near)]] = True
    if not candidates.any():
        return out
    hyp = Footprints(footprint_pieces(sites, tech, params, mask=candidates))
    vi, fi = hyp.tree.query(shapely.box(*shapely.bounds(geoms).T))
    if len(vi) == 0:
        return out
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    share = np.zeros(len(vi))
    pv = is_point[vi]
    if pv.any():  # a point village: inside the hypothetical footprint or not
        pts = geoms[vi[pv]]
        share[pv] = hyp.points_in_pieces(shapely.get_x(pts), shapely.get_y(pts), fi[pv])
    if (~pv).any():
        targets = Targets(geoms)
        area = hyp.pair_areas(targets, vi[~pv], fi[~pv], threads=1)
        share[~pv] = area / targets.total_area[vi[~pv]]
    ok = share >= params.village_area_share
    if not ok.any():
        return out
    best = pd.DataFrame({"v": vi[ok], "share": share[ok], "site": hyp.pieces.site_id[fi[ok]]})
    best = best.sort_values(["v", "share", "site"], ascending=[True, False, True]).drop_duplicates(
        "v"
    )
    out[rows[best["v"].to_numpy()]] = best["site"].to_numpy()
    return out


def technology_status(
    villages: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    tech: str,
    cover: Footprints,
    params: Parameters,
    *,
    covered_m2: np.ndarray | None = None,
    nearest: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Status of every village for one technology, given its footprints ``cover``
    (and the villages' covered areas when already measured, see :func:`covered_share`;
    the nearest sites when already found, see :func:`nearest_sites`).

    Returns
    -------
    DataFrame
        Aligned to ``villages``; with ``t`` the technology in lower case:
        ``share_t``, ``covered_t``, ``nearest_site_t``, ``nearest_km_t``,
        ``reason_t`` (empty when covered; ``out_of_range``, ``partial`` or
        ``upgrade``) and ``upgrade_site_t``.
    """
    t = tech.lower()
    share = covered_share(villages, cover, covered_m2=covered_m2)
    covered = share >= params.village_area_share
    near_id, near_km = (
        nearest_sites(villages, sites, serving(sites, tech)) if nearest is None else nearest
    )
    upgrade = best_upgrade(villages, sites, tech, params, ~covered)
    reason = np.where(
        covered,
        "",
        np.where(pd.notna(upgrade), "upgrade", np.where(share > 0, "partial", "out_of_range")),
    )
    return pd.DataFrame(
        {
            f"share_{t}": share,
            f"covered_{t}": covered,
            f"nearest_site_{t}": near_id,
            f"nearest_km_{t}": near_km,
            f"reason_{t}": reason,
            f"upgrade_site_{t}": upgrade,
        },
        index=villages.index,
    )
