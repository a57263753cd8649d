"""The planner's edits of a plan on the map: a candidate placed by a click, or moved.

Each edit computes only the changed candidate: its backhaul and cost as
:func:`coverage_planner.planning.plan.prepare` gives them, and its coverage (the disk
model rebuilds the footprints, the terrain model computes that candidate alone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from coverage_planner.errors import UserError
from coverage_planner.planning.backhaul import backhaul

if TYPE_CHECKING:
    from coverage_planner.planning.plan import PlanContext


def add_candidate(
    context: PlanContext,
    x: float,
    y: float,
    *,
    height_m: float | None = None,
    kind: str = "new",
    candidate_id: str | None = None,
) -> int:
    """A candidate placed by the planner (a map click): its backhaul, cost and
    coverage are computed now; returns its row."""
    pp = context.planning
    cand = context.candidates
    n = len(cand)
    cid = candidate_id or f"M{n + 1:05d}"
    new = gpd.GeoDataFrame(
        {
            "candidate_id": [cid],
            "kind": [kind],
            "source": ["map"],
            "site_row": [-1],
            "height_m": [float(height_m if height_m is not None else pp.height_m)],
            "site_cost_vnd": [pp.share_vnd if kind == "share" else pp.new_site_vnd],
            "commune_id": [None],
        },
        geometry=[shapely.Point(x, y)],
        crs=cand.crs,
    )
    from coverage_planner.planning.candidates import assign_communes

    new["commune_id"] = assign_communes(new, context.result.communes)
    new = new.join(_backhaul_of(context, new))
    new["cost_vnd"] = new["site_cost_vnd"] + new["backhaul_cost_vnd"]
    context.candidates = gpd.GeoDataFrame(pd.concat([cand, new], ignore_index=True), crs=cand.crs)
    _recompute_coverage(context, [n])
    return n


def move_candidate(context: PlanContext, row: int, x: float, y: float) -> None:
    """Move a candidate placed on the map (or a generated one) to another point."""
    cand = context.candidates
    if int(cand["site_row"].iloc[row]) >= 0:
        raise UserError(key="plan.upgrade_fixed")
    cand.loc[cand.index[row], "geometry"] = shapely.Point(x, y)
    bh = _backhaul_of(context, cand.iloc[[row]])
    for col in bh.columns:
        cand.loc[cand.index[row], col] = bh[col].iloc[0]
    cand.loc[cand.index[row], "cost_vnd"] = (
        cand["site_cost_vnd"].iloc[row] + cand["backhaul_cost_vnd"].iloc[row]
    )
    _recompute_coverage(context, [row])


def _backhaul_of(context: PlanContext, candidates: gpd.GeoDataFrame) -> pd.DataFrame:
    """Backhaul of candidates placed or moved on the map, as :func:`prepare` gives it."""
    dem, grid = context.terrain if context.terrain is not None else (None, None)
    return backhaul(
        candidates,
        context.result.sites,
        context.result.backbone,
        context.planning,
        dem=dem,
        grid=grid,
        default_height_m=context.planning.height_m,
    )


def _recompute_coverage(context: PlanContext, rows: list[int]) -> None:
    """Coverage after candidates ``rows`` were added or moved: the disk model rebuilds
    the footprints (fast); the terrain model computes those candidates only."""
    from coverage_planner.planning.coverage import TerrainEvaluator

    cov = context.coverage
    ev = cov.evaluator
    cand = context.candidates
    if isinstance(ev, TerrainEvaluator):
        from coverage_planner.planning.candidates import candidate_sites
        from coverage_planner.planning.terrain_sites import candidate_cells

        dem, grid = context.terrain
        cells = list(ev.cand_cells) + [np.empty(0, np.int64)] * (len(cand) - len(ev.cand_cells))
        fresh = candidate_cells(
            candidate_sites(cand.iloc[rows], context.result.sites, context.technology),
            context.result.terrain if context.result.terrain is not None else dem,
            grid,
            context.params,
            context.technology,
            list(context.result.technologies),
            keep=ev.targets(cov.base),
            near=context.result.villages.geometry.to_numpy()[~cov.base],
            workers=1,
        )
        for r, c in zip(rows, fresh, strict=True):
            cells[r] = c
        ev.set_cells(cells)
    else:
        ev.set_candidates(cand, context.result.sites)
    cov.candidates = cand
    context.joint = None  # the pairs change with the candidates
    cov.touches = ev.touches(len(cov.base))
    # Only the changed candidates are measured again; the others keep their rows.
    changed = np.asarray(rows, dtype=np.int64)
    fresh = ev.single_gains(cov.touches, cov.base, rows=changed).tolil()
    old = cov.gains.tolil()
    old.resize(len(cand), len(cov.base))
    old[changed] = fresh[changed]
    cov.gains = sp.csr_matrix(old, dtype=bool)
