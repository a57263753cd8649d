"""The union of footprints, tiled, and areas of other shapes inside it.

The union of thousands of overlapping disks is cut into square tiles: each tile's
union is computed from the pieces clipped to it, so the result is a set of disjoint
polygons of bounded size. Summing intersection areas over those parts is exactly the
area inside the union (up to floating point), and each intersection stays small.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from coverage_planner.progress import NullReporter, Reporter, checkpoint

TILE_M = 40_000.0
PLAIN_UNION_MAX = 20_000
"""Up to this many pieces, one GEOS union then cut into tiles is fastest; beyond, each
tile's union is computed from the pieces clipped to it, in parallel."""


def tiled_union(
    pieces: np.ndarray,
    *,
    tile_m: float = TILE_M,
    threads: int = 2,
    reporter: Reporter | None = None,
) -> np.ndarray:
    """Disjoint polygons whose union is the union of ``pieces``.

    Parameters
    ----------
    pieces
        Polygons (footprint pieces) in a metric CRS.
    tile_m
        Side of the square tiles in metres.
    threads
        Tiles are united in this many threads (GEOS releases the GIL).
    """
    reporter = reporter or NullReporter()
    pieces = np.asarray(pieces, dtype=object)
    if len(pieces) == 0:
        return np.empty(0, dtype=object)
    minx, miny, maxx, maxy = shapely.total_bounds(pieces)
    nx, ny = (
        max(1, int(np.ceil((maxx - minx) / tile_m))),
        max(1, int(np.ceil((maxy - miny) / tile_m))),
    )
    ix, iy = np.meshgrid(np.arange(nx), np.arange(ny))
    x0, y0 = minx + ix.ravel() * tile_m, miny + iy.ravel() * tile_m
    tiles = shapely.box(x0, y0, x0 + tile_m, y0 + tile_m)
    if len(pieces) <= PLAIN_UNION_MAX:
        merged = shapely.union_all(pieces)
        checkpoint(reporter, 1, 1)
        cut = shapely.intersection(merged, tiles[shapely.intersects(merged, tiles)])
        return _polygons(shapely.get_parts(cut))
    tile_idx, piece_idx = shapely.STRtree(pieces).query(tiles, predicate="intersects")
    clipped = shapely.intersection(pieces[piece_idx], tiles[tile_idx])
    order = np.argsort(tile_idx, kind="stable")
    bounds = np.flatnonzero(np.diff(tile_idx[order])) + 1
    groups = np.split(clipped[order], bounds)
    done = [0]

    def unite(group: np.ndarray) -> np.ndarray:
        if reporter.cancelled():
            return np.empty(0, dtype=object)
        merged = shapely.union_all(group)
        done[0] += 1
        reporter.progress(done[0], len(groups))
        return shapely.get_parts(merged)

    if threads > 1 and len(groups) > 1:
        with ThreadPoolExecutor(threads) as pool:
            parts = list(pool.map(unite, groups))
    else:
        parts = [unite(g) for g in groups]
    checkpoint(reporter, len(groups), len(groups))
    return _polygons(np.concatenate(parts) if parts else np.empty(0, dtype=object))


def _polygons(geoms: np.ndarray) -> np.ndarray:
    """Only the polygons of positive area (a cut along a tile edge can leave lines)."""
    parts = shapely.get_parts(geoms)
    polygonal = shapely.get_type_id(parts) == int(shapely.GeometryType.POLYGON)
    return parts[polygonal & (shapely.area(parts) > 0)]


def area_inside(targets: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Area of each target inside the union of disjoint ``parts`` (same units as CRS²)."""
    targets = np.asarray(targets, dtype=object)
    out = np.zeros(len(targets))
    if len(parts) == 0 or len(targets) == 0:
        return out
    ti, pi = shapely.STRtree(parts).query(targets, predicate="intersects")
    if len(ti) == 0:
        return out
    shapely.prepare(parts)
    inside = shapely.contains_properly(parts[pi], targets[ti])
    area = np.empty(len(ti))
    area[inside] = shapely.area(targets[ti[inside]])
    rest = ~inside
    area[rest] = shapely.area(shapely.intersection(targets[ti[rest]], parts[pi[rest]]))
    return np.bincount(ti, weights=area, minlength=len(targets)).astype(float)


def points_inside(points: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Whether each point lies in the union of ``parts`` (on the edge counts)."""
    out = np.zeros(len(points), dtype=bool)
    if len(parts) == 0 or len(points) == 0:
        return out
    ti, _ = shapely.STRtree(parts).query(points, predicate="intersects")
    out[ti] = True
    return out
