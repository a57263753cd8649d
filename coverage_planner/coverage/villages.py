"""Village status per technology: covered share, covered or not, nearest site, and why not.

A polygon village is covered when at least ``village_area_share`` of its area lies in
the union of the technology's footprints; a point village when its point does.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.footprints import (
    footprints,
    lower_technologies,
    serving,
    site_radius_m,
)
from coverage_planner.coverage.union import area_inside, inside_a_disk, points_inside
from coverage_planner.params import Parameters

REASONS = ("out_of_range", "partial", "upgrade")


def reference_points(geoms: np.ndarray) -> np.ndarray:
    """The point a village is measured from: itself, or a point inside its polygon."""
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    return np.where(is_point, geoms, shapely.point_on_surface(geoms))


def covered_share(
    villages: gpd.GeoDataFrame, parts: np.ndarray, *, disks: tuple | None = None
) -> np.ndarray:
    """Share (0-1) of each village inside the coverage ``parts``; 0 or 1 for points.

    ``disks`` (centres, radii, quad_segs) of disk footprints lets villages that lie in
    one disk whole be counted covered without any overlay.
    """
    geoms = villages.geometry.to_numpy()
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    share = np.zeros(len(geoms))
    poly = ~is_point
    if disks is not None and poly.any():
        centres, radii, quad_segs = disks
        whole = np.zeros(len(geoms), dtype=bool)
        whole[poly] = inside_a_disk(geoms[poly], centres, radii, quad_segs=quad_segs)
        share[whole] = 1.0
        poly &= ~whole
    if poly.any():
        rest = geoms[poly]
        share[poly] = np.clip(area_inside(rest, parts) / shapely.area(rest), 0.0, 1.0)
    if is_point.any():
        share[is_point] = points_inside(geoms[is_point], parts).astype(float)
    return share


def nearest_sites(
    villages: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Id of and distance (km) to the nearest site in ``mask`` from each village's point."""
    ids = np.full(len(villages), None, dtype=object)
    km = np.full(len(villages), np.nan)
    rows = np.flatnonzero(mask)
    if len(rows) == 0 or len(villages) == 0:
        return ids, km
    refs = reference_points(villages.geometry.to_numpy())
    (vi, si), dist = shapely.STRtree(sites.geometry.to_numpy()[rows]).query_nearest(
        refs, return_distance=True, all_matches=False
    )
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
    hyp = footprints(sites, tech, params, mask=candidates)
    vi, fi = shapely.STRtree(hyp.geometry.to_numpy()).query(geoms, predicate="intersects")
    if len(vi) == 0:
        return out
    hyp_geoms = hyp.geometry.to_numpy()
    v_geoms = geoms[vi]
    share = np.ones(len(vi))
    # Points are in (the query said so); polygons that a footprint holds whole need no
    # overlay; those larger than the footprint allows cannot reach the share.
    todo = shapely.get_type_id(v_geoms) != int(shapely.GeometryType.POINT)
    shapely.prepare(hyp_geoms)
    v_area = shapely.area(v_geoms)
    todo &= ~shapely.contains_properly(hyp_geoms[fi], v_geoms)
    hopeless = todo & (shapely.area(hyp_geoms[fi]) < params.village_area_share * v_area)
    share[hopeless] = 0.0
    todo &= ~hopeless
    share[todo] = (
        shapely.area(shapely.intersection(v_geoms[todo], hyp_geoms[fi[todo]])) / v_area[todo]
    )
    ok = share >= params.village_area_share
    if not ok.any():
        return out
    best = pd.DataFrame(
        {"v": vi[ok], "share": share[ok], "site": hyp["site_id"].to_numpy(dtype=object)[fi[ok]]}
    )
    best = best.sort_values(["v", "share", "site"], ascending=[True, False, True]).drop_duplicates(
        "v"
    )
    out[rows[best["v"].to_numpy()]] = best["site"].to_numpy()
    return out


def technology_status(
    villages: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    tech: str,
    parts: np.ndarray,
    params: Parameters,
    *,
    disks: tuple | None = None,
) -> pd.DataFrame:
    """Status of every village for one technology, given its coverage ``parts`` (and
    the technology's disk footprints, see :func:`covered_share`).

    Returns
    -------
    DataFrame
        Aligned to ``villages``; with ``t`` the technology in lower case:
        ``share_t``, ``covered_t``, ``nearest_site_t``, ``nearest_km_t``,
        ``reason_t`` (empty when covered; ``out_of_range``, ``partial`` or
        ``upgrade``) and ``upgrade_site_t``.
    """
    t = tech.lower()
    share = covered_share(villages, parts, disks=disks)
    covered = share >= params.village_area_share
    near_id, near_km = nearest_sites(villages, sites, serving(sites, tech))
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
