"""The terrain model's grids in tiles, for a province whose grids do not fit in memory.

Every site's level windows are computed once (in the worker processes, as for the
whole grid) and kept in a disk cache; then the output grid is taken one tile at a
time: the windows of the sites reaching the tile are read back, folded into the
tile's grids and composed, and the tile is handed on (written into grids kept on
disk by :func:`disk_rasters`). Folding is per cell and order-free, so a tiled run
equals the whole-grid run bit for bit; memory holds one tile's grids and a few
sites' windows. Tiles are whole blocks of far_factor² cells, so the tiers nest.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain.compose import compose, empty_tiers, fold_site
from coverage_planner.coverage.terrain.grid import NO_LEVEL, TechnologyRasters, Terrain
from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
from coverage_planner.coverage.terrain.windows import (
    SiteLevels,
    TierWindow,
    WindowCache,
    terrain_digest,
    window_key,
)
from coverage_planner.coverage.terrain.workers import each_site_windows
from coverage_planner.params import Parameters
from coverage_planner.progress import Reporter


@dataclass
class Tile:
    """One tile of the output grid: its top-left output cell and its grids."""

    row0: int
    col0: int
    rasters: dict[str, TechnologyRasters]


def tile_spans(size: int, tile: int, block: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of tiles of about ``tile`` cells (whole ``block``s) along a side."""
    step = max(block, (int(tile) // block) * block)
    return [(start, min(start + step, size)) for start in range(0, size, step)]


def tiled_grids(
    sites: pd.DataFrame,
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    *,
    tile_cells: int,
    workers: int = 2,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
) -> Iterator[Tile]:
    """The grids of :func:`~.workers.best_server_grids`, tile by tile (tiles of about
    ``tile_cells`` × ``tile_cells`` output cells, in row order).

    ``cache`` should keep windows on disk (a memory-only one may have dropped a window
    by the time a tile needs it; such a window is computed again, same result).
    """
    own = None
    if cache is None or cache.folder is None:
        own = tempfile.TemporaryDirectory(prefix="coverage-planner-tiles-")
        cache = WindowCache(own.name, memory_bytes=32 * 1024**2)
    try:
        extents: dict[int, list[tuple[int, int, int, int, int]]] = {}

        def note(index: int, levels: SiteLevels) -> None:
            extents[index] = [
                (w.tier, w.row0, w.col0, *w.levels.shape) for ws in levels.values() for w in ws
            ]

        jobs = each_site_windows(
            sites, terrain, params, techs, note, workers=workers, reporter=reporter, cache=cache
        )
        digest = terrain_digest(terrain)
        sizes = tier_sizes(params)
        grid = terrain.grid
        block = sizes[-1]
        for r0, r1 in tile_spans(grid.height, tile_cells, block):
            for c0, c1 in tile_spans(grid.width, tile_cells, block):
                tiers = empty_tiers(terrain, params, techs, shape=(r1 - r0, c1 - c0))
                for job in jobs:
                    if not _reaches(extents.get(job.index, []), sizes, r0, r1, c0, c1):
                        continue
                    levels = cache.get(window_key(job, params, terrain, digest))
                    if levels is None:
                        levels = site_levels(job, params, terrain)
                    fold_site(tiers, job.index, _shifted(levels, sizes, r0, c0))
                yield Tile(r0, c0, {t: compose(tiers[t], sizes) for t in techs})
    finally:
        if own is not None:
            own.cleanup()


def _reaches(extents, sizes, r0, r1, c0, c1) -> bool:
    for tier, row0, col0, rows, cols in extents:
        c = sizes[tier]
        if row0 * c < r1 and (row0 + rows) * c > r0 and col0 * c < c1 and (col0 + cols) * c > c0:
            return True
    return False


def _shifted(levels: SiteLevels, sizes: list[int], r0: int, c0: int) -> SiteLevels:
    """The windows placed on a tile's tier grids (the tile starts at output cell r0, c0,
    a whole number of cells of every tier)."""
    return {
        tech: [
            TierWindow(w.tier, w.row0 - r0 // sizes[w.tier], w.col0 - c0 // sizes[w.tier], w.levels)
            for w in windows
        ]
        for tech, windows in levels.items()
    }


def disk_rasters(terrain: Terrain, params: Parameters, techs: list[str]):
    """Whole-grid rasters per technology whose arrays live in temporary files (memory
    maps, removed when dropped): the page cache, not the process, holds them."""
    grid = terrain.grid
    shape = (grid.height, grid.width)
    margin = params.terrain.margin_db()
    out = {}
    for t in techs:
        arrays = []
        for dtype, fill in ((np.float32, NO_LEVEL), (np.int32, -1), (np.uint16, 0)):
            # the map keeps the (already unlinked) file alive after the handle closes
            with tempfile.TemporaryFile() as file:
                a = np.memmap(file, dtype=dtype, mode="w+", shape=shape)
            a[:] = fill
            arrays.append(a)
        out[t] = TechnologyRasters(*arrays, params.technologies[t].threshold_dbm + margin, margin)
    return out


def assemble(tiles: Iterator[Tile], into: dict[str, TechnologyRasters]) -> dict:
    """Write every tile into whole-grid rasters (``disk_rasters`` or in memory)."""
    for tile in tiles:
        for tech, r in tile.rasters.items():
            h, w = r.level.shape
            rows, cols = slice(tile.row0, tile.row0 + h), slice(tile.col0, tile.col0 + w)
            into[tech].level[rows, cols] = r.level
            into[tech].server[rows, cols] = r.server
            into[tech].servers[rows, cols] = r.servers
    return into
