"""Best level, best server and servers count composed from site windows.

Each technology keeps one grid per tier; a site's windows are folded into them
(``fold_site``: best level, a tie keeps the lower site row whatever the order, servers
above the threshold counted), then the tiers are composed into the output grid
(``compose``). Folding is order-free, so windows from the cache, from one worker or
from two give identical grids.
"""

from __future__ import annotations

import numpy as np

from coverage_planner.coverage.terrain.grid import NO_LEVEL, TechnologyRasters, Terrain
from coverage_planner.coverage.terrain.levels import tier_sizes
from coverage_planner.coverage.terrain.los import compose_tier, fold_window
from coverage_planner.coverage.terrain.windows import SiteLevels
from coverage_planner.params import Parameters


def _empty_rasters(shape, threshold: float, margin: float) -> TechnologyRasters:
    return TechnologyRasters(
        np.full(shape, NO_LEVEL, dtype=np.float32),
        np.full(shape, -1, np.int32),
        np.zeros(shape, np.uint16),
        threshold + margin,
        margin,
    )


def empty_tiers(
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    *,
    shape: tuple[int, int] | None = None,
) -> dict[str, list[TechnologyRasters]]:
    """Empty grids of every tier per technology, for the terrain's output grid or a
    part of it of ``shape`` output cells (sides whole blocks of far_factor² cells)."""
    height, width = shape if shape is not None else (terrain.grid.height, terrain.grid.width)
    margin = params.terrain.margin_db()
    return {
        t: [
            _empty_rasters((height // c, width // c), params.technologies[t].threshold_dbm, margin)
            for c in tier_sizes(params)
        ]
        for t in techs
    }


def fold_site(grids: dict[str, list[TechnologyRasters]], site: int, levels: SiteLevels) -> None:
    """Fold one site's windows into the tiers' grids (best level, a tie keeps the lower
    site row whatever the order; servers above the threshold counted)."""
    for tech, windows in levels.items():
        if tech not in grids:
            continue
        for w in windows:
            g = grids[tech][w.tier]
            fold_window(g.level, g.server, g.servers, w.row0, w.col0, w.levels, g.threshold, site)


def compose(tiers: list[TechnologyRasters], sizes: list[int]) -> TechnologyRasters:
    """One grid from the tiers: each site reaches a fine cell through exactly one of
    them, so levels take the best, counts add; a tie keeps the lower site row."""
    fine = tiers[0]
    for coarse, c in zip(tiers[1:], sizes[1:], strict=True):
        if (
            coarse.level.shape[0] * c != fine.level.shape[0]
            or coarse.level.shape[1] * c != fine.level.shape[1]
        ):
            raise ValueError("the output grid's sides must be whole blocks of far_factor² cells")
        compose_tier(
            fine.level, fine.server, fine.servers, coarse.level, coarse.server, coarse.servers, c
        )
    return fine
