"""Fixed broadband reach: an access point inside, or a fibre route within reach."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely


def fibre_distance_km(targets: np.ndarray, backbone: gpd.GeoDataFrame) -> np.ndarray:
    """Distance (km) from each target shape to the nearest fibre feature (0 when touching)."""
    out = np.full(len(targets), np.nan)
    if backbone is None or backbone.empty or len(targets) == 0:
        return out
    (ti, _), dist = shapely.STRtree(backbone.geometry.to_numpy()).query_nearest(
        targets, return_distance=True, all_matches=False
    )
    out[ti] = dist / 1000.0
    return out


def broadband_reach(
    targets: np.ndarray, backbone: gpd.GeoDataFrame, *, reach_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each target is reached by fixed broadband, and its distance to fibre (km).

    Reached: an access point lies in it, or a fibre route passes within ``reach_km``.
    """
    reached = np.zeros(len(targets), dtype=bool)
    dist = fibre_distance_km(targets, backbone)
    if backbone is None or backbone.empty:
        return reached, dist
    kind = backbone["kind"].to_numpy()
    tree_geoms = backbone.geometry.to_numpy()
    routes = tree_geoms[kind == "route"]
    points = tree_geoms[kind == "access_point"]
    if len(points):
        ti, _ = shapely.STRtree(points).query(targets, predicate="intersects")
        reached[ti] = True
    if len(routes):
        ti, _ = shapely.STRtree(routes).query(
            targets, predicate="dwithin", distance=reach_km * 1000.0
        )
        reached[ti] = True
    return reached, dist
