"""Backhaul of new sites: fibre to the nearest backbone point or route, or a microwave
hop to an existing site or fibre access point — whichever costs less.

- fibre: straight-line distance to the nearest backbone feature × the route factor
  (fibre follows the roads) × the cost per km;
- microwave: the nearest existing site or access point within ``microwave_max_km``
  whose hop has line of sight with ``fresnel_clearance`` of the first Fresnel zone
  clear over the DEM (see :mod:`.profile`); a fixed cost per hop. Without a DEM the
  clearance cannot be checked, so no hop is proposed.

An upgrade uses its site's existing backhaul (no cost). A new site with neither
option gets ``none``: its cost leaves backhaul out, and the plan says so.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.profile import links_clear

HUBS_TRIED = 6
"""Nearest hubs tried per candidate for a microwave hop (the nearest clear one wins)."""


def backhaul(
    candidates: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    backbone: gpd.GeoDataFrame | None,
    planning: PlanningParams,
    *,
    dem: np.ndarray | None = None,
    grid=None,
    default_height_m: float = 30.0,
) -> pd.DataFrame:
    """Per candidate: ``backhaul`` (``existing``, ``fibre``, ``microwave`` or ``none``),
    ``backhaul_km``, ``backhaul_to`` (site id or ``fibre``), ``backhaul_cost_vnd``, and
    the end of the link (``backhaul_x``, ``backhaul_y``) for maps."""
    n = len(candidates)
    out = pd.DataFrame(
        {
            "backhaul": np.full(n, "none", dtype=object),
            "backhaul_km": np.nan,
            "backhaul_to": np.full(n, None, dtype=object),
            "backhaul_cost_vnd": 0.0,
            "backhaul_x": np.nan,
            "backhaul_y": np.nan,
        },
        index=candidates.index,
    )
    if n == 0:
        return out
    up = candidates["site_row"].to_numpy() >= 0
    out.loc[up, "backhaul"] = "existing"
    todo = np.flatnonzero(~up)
    if len(todo) == 0:
        return out
    pts = candidates.geometry.to_numpy()[todo]
    xy = shapely.get_coordinates(pts)
    fibre_cost = np.full(len(todo), np.inf)
    fibre_km = np.full(len(todo), np.nan)
    fibre_end = np.full((len(todo), 2), np.nan)
    if backbone is not None and len(backbone):
        bb = backbone.to_crs(candidates.crs).geometry.to_numpy()
        ci, bi = shapely.STRtree(bb).query_nearest(pts, all_matches=False)
        d = shapely.distance(pts[ci], bb[bi])
        fibre_km[ci] = d / 1000.0 * planning.fibre_route_factor
        fibre_cost[ci] = fibre_km[ci] * planning.fibre_vnd_per_km
        ends = shapely.get_coordinates(shapely.shortest_line(pts[ci], bb[bi]))[1::2]
        fibre_end[ci] = ends
    mw_cost = np.full(len(todo), np.inf)
    mw_km = np.full(len(todo), np.nan)
    mw_to = np.full(len(todo), None, dtype=object)
    mw_end = np.full((len(todo), 2), np.nan)
    if dem is not None and grid is not None:
        hub_xy, hub_h, hub_id = _hubs(sites, backbone, candidates.crs, default_height_m)
        if len(hub_xy):
            k = min(HUBS_TRIED, len(hub_xy))
            dist, hi = cKDTree(hub_xy).query(
                xy, k=k, distance_upper_bound=planning.microwave_max_km * 1000.0
            )
            dist, hi = dist.reshape(len(xy), k), hi.reshape(len(xy), k)
            ci, slot = np.nonzero(np.isfinite(dist) & (dist > 1.0))
            h = hi[ci, slot]
            clear = links_clear(
                dem,
                grid,
                xy[ci],
                hub_xy[h],
                height_a=candidates["height_m"].to_numpy(dtype=float)[todo][ci],
                height_b=hub_h[h],
                frequency_mhz=planning.microwave_frequency_ghz * 1000.0,
                required=planning.fresnel_clearance,
            )
            # The nearest clear hub of each candidate (slots are nearest first).
            first = pd.DataFrame({"c": ci[clear], "s": slot[clear], "h": h[clear]})
            first = first.sort_values(["c", "s"]).drop_duplicates("c")
            c = first["c"].to_numpy()
            hh = first["h"].to_numpy()
            mw_cost[c] = planning.microwave_vnd
            mw_km[c] = dist[c, first["s"].to_numpy()] / 1000.0
            mw_to[c] = hub_id[hh]
            mw_end[c] = hub_xy[hh]
    use_fibre = np.isfinite(fibre_cost) & (fibre_cost <= mw_cost)
    use_mw = np.isfinite(mw_cost) & ~use_fibre
    rows = out.index[todo]
    out.loc[rows[use_fibre], "backhaul"] = "fibre"
    out.loc[rows[use_fibre], "backhaul_km"] = fibre_km[use_fibre]
    out.loc[rows[use_fibre], "backhaul_to"] = "fibre"
    out.loc[rows[use_fibre], "backhaul_cost_vnd"] = fibre_cost[use_fibre]
    out.loc[rows[use_fibre], ["backhaul_x", "backhaul_y"]] = fibre_end[use_fibre]
    out.loc[rows[use_mw], "backhaul"] = "microwave"
    out.loc[rows[use_mw], "backhaul_km"] = mw_km[use_mw]
    out.loc[rows[use_mw], "backhaul_to"] = mw_to[use_mw]
    out.loc[rows[use_mw], "backhaul_cost_vnd"] = mw_cost[use_mw]
    out.loc[rows[use_mw], ["backhaul_x", "backhaul_y"]] = mw_end[use_mw]
    return out


def _hubs(sites, backbone, crs, default_height_m):
    """Where a microwave hop can land: existing sites (their antenna height) and fibre
    access points (a mast of the default height)."""
    active = sites.filter(like="serves_").to_numpy(dtype=bool).any(axis=1)
    s = sites[active]
    xy = [shapely.get_coordinates(s.geometry.to_numpy())]
    h = [np.nan_to_num(s["antenna_height_m"].to_numpy(dtype=float), nan=default_height_m)]
    ids = [s["site_id"].astype(str).to_numpy(dtype=object)]
    if backbone is not None and len(backbone):
        ap = backbone[backbone["kind"] == "access_point"].to_crs(crs)
        if len(ap):
            pts = shapely.get_coordinates(ap.geometry.representative_point().to_numpy())
            xy.append(pts)
            h.append(np.full(len(pts), default_height_m))
            ids.append(np.array([f"fibre point {i + 1}" for i in range(len(pts))], dtype=object))
    return np.vstack(xy), np.concatenate(h), np.concatenate(ids)
