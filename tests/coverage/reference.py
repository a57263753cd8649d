"""An independent reference for the coverage engine, written the slow, obvious way:
a loop over sites, ``GeoSeries.buffer``, ``union_all`` and ``geopandas.overlay``.

It shares nothing with the engine but the model (disk of the site's radius, or for
sectors the disk cut to each sector's angle plus a small disk at the mast) and the
circle approximation (16 segments a quarter circle, ``GeoSeries.buffer``'s default).
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, Polygon


def site_footprint(x, y, radius_m, azimuths, beam, mast_m):
    disk = gpd.GeoSeries([Point(x, y)]).buffer(radius_m).iloc[0]
    if not azimuths or not np.isfinite(beam) or beam >= 360:
        return disk
    az = sorted(float(a) % 360 for a in azimuths.split("/"))
    gaps = [(az[(i + 1) % len(az)] - az[i]) % 360 or 360 for i in range(len(az))]
    if len(az) > 1 and max(gaps) <= beam + 1e-9:
        return disk
    pieces = [gpd.GeoSeries([Point(x, y)]).buffer(min(mast_m, radius_m)).iloc[0]]
    for a in az:
        ring = [(x, y)]
        for k in range(9):
            t = math.radians(a - beam / 2 + beam * k / 8)
            ring.append((x + 2 * radius_m * math.sin(t), y + 2 * radius_m * math.cos(t)))
        pieces.append(disk.intersection(Polygon(ring)))
    return shapely.union_all(pieces)


def reference_footprints(sites, tech, radius_km, mast_km=0.5):
    col = f"serves_{tech.lower()}"
    rows = []
    for _, s in sites[sites[col]].iterrows():
        r = radius_km * 1000
        for own in ("radius_km", f"radius_{tech.lower()}_km"):
            if own in s and pd.notna(s[own]) and s[own] > 0:
                r = s[own] * 1000
        rows.append(
            site_footprint(
                s.geometry.x,
                s.geometry.y,
                r,
                s.get("azimuths", ""),
                s.get("beamwidth_deg", np.nan),
                mast_km * 1000,
            )
        )
    return gpd.GeoSeries(rows, crs=sites.crs)


def reference_shares(villages, sites, tech, radius_km, mast_km=0.5):
    """Share of each village (polygons) inside the union of the technology's footprints."""
    fps = reference_footprints(sites, tech, radius_km, mast_km)
    if fps.empty:
        return pd.Series(0.0, index=villages["village_id"])
    union = gpd.GeoDataFrame(geometry=[fps.union_all()], crs=sites.crs)
    parts = gpd.overlay(
        villages[["village_id", "geometry"]], union, how="intersection", keep_geom_type=True
    )
    covered = parts.geometry.area.groupby(parts["village_id"]).sum()
    area = villages.set_index("village_id").geometry.area
    return (covered.reindex(area.index).fillna(0.0) / area).clip(0, 1)


def reference_area_covered(polygons, id_col, sites, tech, radius_km, mast_km=0.5):
    fps = reference_footprints(sites, tech, radius_km, mast_km)
    if fps.empty:
        return pd.Series(0.0, index=polygons[id_col])
    union = gpd.GeoDataFrame(geometry=[fps.union_all()], crs=sites.crs)
    parts = gpd.overlay(
        polygons[[id_col, "geometry"]], union, how="intersection", keep_geom_type=True
    )
    return parts.geometry.area.groupby(parts[id_col]).sum().reindex(polygons[id_col]).fillna(0.0)
