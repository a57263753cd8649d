"""The union of footprints, as disjoint parts of bounded size, for the maps.

The figures do not need it (:mod:`.areas` measures areas inside the union without
building it); the map canvas, exported maps and atlas draw these polygons, built on
first use.

Small inputs (a province): one GEOS union, cut into square tiles. Large inputs (a
country): the plane is cut into tiles small enough for one disk to hold a whole tile;
a tile inside some disk is covered whole and needs no overlay at all, and only the
tiles along the edge of the coverage unite the footprints clipped to them (in
threads: GEOS releases the GIL). Either way the parts are disjoint, so summing a
village's intersections with them is exactly its area inside the union (up to
floating point), and each intersection stays small.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from coverage_planner.progress import NullReporter, Reporter, checkpoint

TILE_M = 40_000.0
PLAIN_UNION_MAX = 20_000
"""Up to this many pieces, one GEOS union then cut into tiles is fastest."""
DENSE_SHARE = 0.5
"""Small tiles pay off when at least this share of them lie whole inside one disk."""


def _grid(bounds: np.ndarray, tile_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    minx, miny, maxx, maxy = bounds
    nx = max(1, int(np.ceil((maxx - minx) / tile_m)))
    ny = max(1, int(np.ceil((maxy - miny) / tile_m)))
    ix, iy = np.meshgrid(np.arange(nx), np.arange(ny))
    x0, y0 = minx + ix.ravel() * tile_m, miny + iy.ravel() * tile_m
    return x0, y0, shapely.box(x0, y0, x0 + tile_m, y0 + tile_m)


def tiled_union(
    pieces: np.ndarray,
    *,
    disk_centres: np.ndarray | None = None,
    disk_radii: np.ndarray | None = None,
    quad_segs: int = 16,
    tile_m: float = TILE_M,
    threads: int = 2,
    reporter: Reporter | None = None,
) -> np.ndarray:
    """Disjoint polygons whose union is the union of ``pieces``.

    Parameters
    ----------
    pieces
        Polygons (footprints) in a metric CRS.
    disk_centres, disk_radii
        For pieces that are disks (polygons of ``4 * quad_segs`` segments), their
        centre (x, y) and radius; NaN radius for other pieces. They let whole tiles
        be recognised as covered without any overlay.
    tile_m
        Side of the large tiles.
    threads
        Tiles are united in this many threads.
    """
    reporter = reporter or NullReporter()
    pieces = np.asarray(pieces, dtype=object)
    if len(pieces) == 0:
        return np.empty(0, dtype=object)
    bounds = shapely.total_bounds(pieces)
    if len(pieces) <= PLAIN_UNION_MAX:
        _, _, tiles = _grid(bounds, tile_m)
        merged = shapely.union_all(pieces)
        checkpoint(reporter, 1, 1)
        return _polygons(shapely.intersection(merged, tiles[shapely.intersects(merged, tiles)]))
    radii = (
        np.full(len(pieces), np.nan) if disk_radii is None else np.asarray(disk_radii, dtype=float)
    )
    if np.isfinite(radii).any():
        # A tile of side 0.6 r fits in a disk of radius r with room to sit off-centre.
        small = max(500.0, 0.6 * float(np.nanmin(radii)))
        x0, y0, tiles = _grid(bounds, small)
        tile_idx, piece_idx = shapely.STRtree(pieces).query(tiles)
        full = _tiles_inside_disks(
            x0, y0, small, tile_idx, piece_idx, disk_centres, radii, quad_segs
        )
        if full[np.unique(tile_idx)].mean() >= DENSE_SHARE:
            return _edge_union(
                pieces, tiles, tile_idx, piece_idx, full, threads=threads, reporter=reporter
            )
    # Patchy coverage: small tiles would mostly be edge tiles, each needing its own
    # overlay; large tiles unite fewer, bigger groups faster.
    x0, y0, tiles = _grid(bounds, tile_m)
    tile_idx, piece_idx = shapely.STRtree(pieces).query(tiles)
    full = np.zeros(len(tiles), dtype=bool)
    return _edge_union(pieces, tiles, tile_idx, piece_idx, full, threads=threads, reporter=reporter)


def _tiles_inside_disks(
    x0: np.ndarray,
    y0: np.ndarray,
    side: float,
    tile_idx: np.ndarray,
    piece_idx: np.ndarray,
    centres: np.ndarray | None,
    radii: np.ndarray,
    quad_segs: int,
) -> np.ndarray:
    """Tiles whose four corners lie within the inscribed circle of one disk polygon."""
    full = np.zeros(len(x0), dtype=bool)
    pair = np.isfinite(radii[piece_idx])
    if centres is None or not pair.any():
        return full
    t, pc = tile_idx[pair], piece_idx[pair]
    cx, cy = centres[pc, 0], centres[pc, 1]
    inner = radii[pc] * np.cos(np.pi / (4 * quad_segs))
    far_x = np.maximum(np.abs(x0[t] - cx), np.abs(x0[t] + side - cx))
    far_y = np.maximum(np.abs(y0[t] - cy), np.abs(y0[t] + side - cy))
    full[t[far_x**2 + far_y**2 <= inner**2]] = True
    return full


def _edge_union(
    pieces: np.ndarray,
    tiles: np.ndarray,
    tile_idx: np.ndarray,
    piece_idx: np.ndarray,
    full: np.ndarray,
    *,
    threads: int,
    reporter: Reporter,
) -> np.ndarray:
    """Whole tiles where ``full``; elsewhere the union of the pieces clipped to the tile."""
    edge = ~full[tile_idx]
    tile_idx, piece_idx = tile_idx[edge], piece_idx[edge]
    clipped = shapely.intersection(pieces[piece_idx], tiles[tile_idx])
    order = np.argsort(tile_idx, kind="stable")
    groups = (
        np.split(clipped[order], np.flatnonzero(np.diff(tile_idx[order])) + 1) if len(order) else []
    )

    def unite(group: np.ndarray) -> np.ndarray:
        if reporter.cancelled():
            return np.empty(0, dtype=object)
        return shapely.get_parts(shapely.union_all(group))

    if threads > 1 and len(groups) > 1:
        with ThreadPoolExecutor(threads) as pool:
            parts = list(pool.map(unite, groups))
    else:
        parts = [unite(g) for g in groups]
    checkpoint(reporter, 1, 1)
    return _polygons(np.concatenate([tiles[full], *parts]))


def _polygons(geoms: np.ndarray) -> np.ndarray:
    """Only the polygons of positive area (a cut along a tile edge can leave lines)."""
    parts = shapely.get_parts(geoms)
    polygonal = shapely.get_type_id(parts) == int(shapely.GeometryType.POLYGON)
    return parts[polygonal & (shapely.area(parts) > 0)]
