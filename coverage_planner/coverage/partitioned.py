"""The engine split by province (or tile) for national studies, on a Dask cluster.

Each part holds whole communes, their villages, and every site within reach of them
(the largest radius, plus a margin), so each village's status is the one the whole
study gives. The parent then joins the parts and recomputes what spans them (nearest
site, province figures, the ranked uncovered list); footprints and coverage polygons
are built from the whole list of sites when a map or export asks for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.aggregate import province_summary
from coverage_planner.coverage.engine import (
    CoverageResult,
    Lazy,
    coverage_polygons,
    run,
    technologies_of,
)
from coverage_planner.coverage.footprints import footprint_pieces, serving, site_radius_m
from coverage_planner.coverage.uncovered import uncovered_villages
from coverage_planner.coverage.villages import nearest_sites
from coverage_planner.io.inputs import Inputs
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint

PARTITION_COLUMNS = ("province_vn", "province", "tinh", "ten_tinh")


def partition_keys(communes: gpd.GeoDataFrame, *, tile_km: float = 150.0) -> np.ndarray:
    """A part per province where the communes say theirs, else per square tile."""
    for col in PARTITION_COLUMNS:
        if col in communes.columns and communes[col].nunique() > 1:
            return communes[col].astype(str).to_numpy()
    xy = shapely.get_coordinates(shapely.point_on_surface(communes.geometry.to_numpy()))
    cell = np.floor(xy / (tile_km * 1000.0)).astype(int)
    return np.array([f"{i}_{j}" for i, j in cell], dtype=object)


def split_inputs(
    inputs: Inputs, params: Parameters, *, keys: np.ndarray | None = None
) -> list[Inputs]:
    """One Inputs per part: its communes and villages, and the sites within reach."""
    keys = partition_keys(inputs.communes) if keys is None else keys
    sites = inputs.sites
    reach = (
        max(float(site_radius_m(sites, t, params).max(initial=0.0)) for t in technologies_of(sites))
        + 1000.0
    )
    village_key = pd.Series(keys, index=inputs.communes["commune_id"].astype(str).to_numpy())
    vkeys = inputs.villages["commune_id"].astype(str).map(village_key).to_numpy()
    # Sites within reach of the part's convex hull: a few more than needed (they cannot
    # change a village's status, only cost a little), found without any overlay.
    site_tree = shapely.STRtree(sites.geometry.to_numpy())
    parts = []
    for key in pd.unique(keys):
        communes = inputs.communes[keys == key]
        hull = shapely.convex_hull(shapely.geometrycollections(communes.geometry.to_numpy()))
        near = site_tree.query(hull, predicate="dwithin", distance=reach)
        parts.append(
            Inputs(
                communes=communes,
                villages=inputs.villages[vkeys == key],
                sites=sites.iloc[np.sort(near)],
                crs=inputs.crs,
                backbone=inputs.backbone,
                population=inputs.population,
                dem=inputs.dem,
                findings=[],
            )
        )
    return parts


def run_part(inputs: Inputs, params: Parameters) -> dict[str, Any]:
    """The engine on one part; only what the parent needs travels back."""
    result = run(inputs, params=params)
    area = {
        t: result.communes[f"area_covered_{t.lower()}_pct"].to_numpy()
        / 100.0
        * result.communes.geometry.area.to_numpy()
        for t in result.technologies
    }
    return {
        "communes": result.communes,
        "villages": result.villages,
        "covered_area": area,
    }


def run_partitioned(
    inputs: Inputs,
    *,
    params: Parameters,
    submit: Callable[[list[Inputs], Parameters], list[dict[str, Any]]],
    reporter: Reporter | None = None,
) -> CoverageResult:
    """The whole study from its parts; ``submit`` runs ``run_part`` on each (e.g. Dask).

    The village and commune figures equal those of :func:`~coverage_planner.coverage.engine.run`
    on the whole study (up to floating-point rounding of areas).
    """
    reporter = reporter or NullReporter()
    checkpoint(reporter, 0, 3, "Splitting the study by province")
    parts = split_inputs(inputs, params)
    checkpoint(reporter, 1, 3, f"Computing {len(parts)} parts")
    outputs = submit(parts, params)
    checkpoint(reporter, 2, 3, "Joining the parts")
    techs = technologies_of(inputs.sites)
    order_c = inputs.communes["commune_id"].astype(str)
    order_v = inputs.villages["village_id"].astype(str)
    communes = pd.concat([o["communes"] for o in outputs])
    communes = (
        communes.set_index(communes["commune_id"].astype(str)).loc[order_c].reset_index(drop=True)
    )
    villages = pd.concat([o["villages"] for o in outputs])
    villages = (
        villages.set_index(villages["village_id"].astype(str)).loc[order_v].reset_index(drop=True)
    )
    communes = gpd.GeoDataFrame(communes, geometry="geometry", crs=inputs.crs)
    villages = gpd.GeoDataFrame(villages, geometry="geometry", crs=inputs.crs)
    for tech in techs:  # the nearest site may lie in another part
        ids, km = nearest_sites(villages, inputs.sites, serving(inputs.sites, tech))
        villages[f"nearest_site_{tech.lower()}"] = ids
        villages[f"nearest_km_{tech.lower()}"] = km
    covered_area = {t: np.concatenate([o["covered_area"][t] for o in outputs]) for t in techs}
    joined_ids = pd.Index(pd.concat([o["communes"]["commune_id"].astype(str) for o in outputs]))
    reorder = joined_ids.get_indexer(order_c)
    covered_area = {t: a[reorder] for t, a in covered_area.items()}
    summary = province_summary(
        communes,
        villages,
        inputs.sites,
        covered_area,
        communes.geometry.area.to_numpy(),
        techs=techs,
        has_backbone=inputs.backbone is not None,
    )
    # Footprints and coverage polygons (for maps and exports) from the whole list of
    # sites, in the parent, when first asked for.
    pieces = Lazy(techs, lambda t: footprint_pieces(inputs.sites, t, params))
    checkpoint(reporter, 3, 3, "Done")
    return CoverageResult(
        params=params,
        technologies=techs,
        communes=communes,
        villages=villages,
        sites=inputs.sites,
        footprints=Lazy(techs, lambda t: pieces[t].frame(inputs.crs)),
        coverage=Lazy(techs, lambda t: coverage_polygons(pieces[t], params.quad_segs)),
        summary=summary,
        uncovered=uncovered_villages(villages, techs=techs),
        backbone=inputs.backbone,
        findings=list(inputs.findings),
    )


def dask_submitter(client) -> Callable[[list[Inputs], Parameters], list[dict[str, Any]]]:
    """Run the parts on a ``dask.distributed.Client``, largest first."""

    def submit(parts: list[Inputs], params: Parameters) -> list[dict[str, Any]]:
        order = sorted(range(len(parts)), key=lambda i: -len(parts[i].villages))
        futures = {i: client.submit(run_part, parts[i], params, pure=False) for i in order}
        return [futures[i].result() for i in range(len(parts))]

    return submit
