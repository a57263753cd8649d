"""Seeded synthetic studies built on the real communes of ../shared/data/vn.

Villages and sites are not available as real data: villages are Voronoi cells of
random points inside each real commune (about 7 per commune), sites are placed near
villages with a technology mix like the demo province's. Used by the benchmarks only.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from coverage_planner.io.inputs import Inputs
from coverage_planner.io.technologies import technology_label

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "vn"
COMMUNES = SHARED / "vn_communes_2009.gpkg"
VN_CRS = 32648  # UTM 48N; the whole country, for a national case, in one metric CRS


def national_communes() -> gpd.GeoDataFrame:
    if not COMMUNES.exists():
        raise SystemExit(
            f"The real commune file is not at {COMMUNES}; the benchmarks need ../shared/data/vn."
        )
    g = gpd.read_file(COMMUNES, layer="communes").to_crs(VN_CRS)
    g["commune_id"] = g["commune_id"].astype("int64").astype(str)
    g["commune_name"] = g["commune_vn"]
    g["district"] = g["district_vn"]
    g["geometry"] = shapely.make_valid(g.geometry.to_numpy())
    return g.reset_index(drop=True)


def synthetic_study(
    communes: gpd.GeoDataFrame,
    *,
    villages_per_commune: float = 7.2,
    sites_per_village: float = 1.25,
    seed: int = 7,
) -> Inputs:
    """Villages tiling each commune and sites near villages, seeded."""
    rng = np.random.default_rng(seed)
    geoms = communes.geometry.to_numpy()
    n_per = np.maximum(1, rng.poisson(villages_per_commune, len(geoms)))
    # Random points inside each commune: draw in the bounding box, keep those inside.
    owner, pts = [], []
    need = n_per.copy()
    bounds = shapely.bounds(geoms)
    while need.sum() > 0:
        idx = np.repeat(np.flatnonzero(need > 0), 4 * need[need > 0])
        x = rng.uniform(bounds[idx, 0], bounds[idx, 2])
        y = rng.uniform(bounds[idx, 1], bounds[idx, 3])
        inside = shapely.contains_xy(geoms[idx], x, y)
        for i, px, py in zip(idx[inside], x[inside], y[inside], strict=True):
            if need[i] > 0:
                owner.append(i)
                pts.append((px, py))
                need[i] -= 1
    owner = np.array(owner)
    pts = np.array(pts)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), ordered=True))
    villages_geom = shapely.intersection(cells, geoms[owner])
    keep = ~shapely.is_empty(villages_geom)
    villages = gpd.GeoDataFrame(
        {
            "village_id": [f"V{i:06d}" for i in range(int(keep.sum()))],
            "village_name": "Bản",
            "population": rng.lognormal(np.log(400), 0.6, int(keep.sum())).round(),
            "commune_id": communes["commune_id"].to_numpy()[owner[keep]],
        },
        geometry=villages_geom[keep],
        crs=communes.crs,
    )
    n_sites = int(len(villages) * sites_per_village)
    at = rng.integers(0, len(villages), n_sites)
    centres = shapely.get_coordinates(shapely.point_on_surface(villages.geometry.to_numpy()[at]))
    xy = centres + rng.normal(0, 800, centres.shape)
    has3 = rng.random(n_sites) < 0.6
    has4 = has3 & (rng.random(n_sites) < 0.7)
    sector = rng.random(n_sites) < 0.15
    az0 = rng.uniform(0, 360, n_sites).round()
    sites = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i:06d}" for i in range(n_sites)],
            "serves_2g": rng.random(n_sites) < 0.97,
            "serves_3g": has3,
            "serves_4g": has4,
            "serves_5g": np.zeros(n_sites, dtype=bool),
            "radius_km": np.nan,
            "azimuths": np.where(
                sector, [f"{a:.0f}/{(a + 180) % 360:.0f}" for a in az0], "0/120/240"
            ),
            "beamwidth_deg": np.where(sector, 90.0, 120.0),
        },
        geometry=shapely.points(xy),
        crs=communes.crs,
    )
    sites["site_id"] = sites["site_id"].astype(object)
    sites["technologies"] = technology_label(
        sites[["serves_2g", "serves_3g", "serves_4g", "serves_5g"]]
    ).to_numpy()
    return Inputs(communes=communes, villages=villages, sites=sites, crs=communes.crs)


def subset(inputs: Inputs, provinces: list[str]) -> Inputs:
    """The study restricted to some provinces (by ``province_vn``)."""
    c = inputs.communes[inputs.communes["province_vn"].isin(provinces)]
    v = inputs.villages[inputs.villages["commune_id"].isin(set(c["commune_id"]))]
    near, _ = shapely.STRtree(c.geometry.to_numpy()).query(
        inputs.sites.geometry.to_numpy(), predicate="dwithin", distance=10_000
    )
    s = inputs.sites.iloc[np.unique(near)]
    return Inputs(
        communes=c.reset_index(drop=True),
        villages=v.reset_index(drop=True),
        sites=s.reset_index(drop=True),
        crs=inputs.crs,
    )
