"""Exact area of polygons inside a union of footprints, without building the union.

By Green's theorem the area of a region is the integral of ``x dy`` along its
boundary, followed counter-clockwise. The boundary of ``T ∩ U`` (a target polygon T,
a village or a commune, and U the union of footprints) is made of

- the parts of T's edges that lie inside U (inside some footprint), and
- the parts of the footprints' edges that lie inside T and in no other footprint's
  interior (the edge of the coverage),

each followed in its own polygon's direction (exteriors counter-clockwise, holes
clockwise). Both are found segment by segment: a segment meets a polygon in a few
intervals of its length, found from its crossings with the polygon's edges and a
point-in-polygon test of each piece's midpoint; the integral of ``x dy`` over a
straight piece is exact. Disks (regular polygons) are tested first against their
inscribed and circumscribed circles, so almost every test is a few multiplications.

The segment work is compiled with numba (:mod:`.area_kernel`) and runs per target in
threads (numba releases the GIL): no GEOS overlay at all. This module prepares its
arrays: rings of targets and footprints, targets inside one disk, candidate pairs. Two footprints with an identical edge (co-located sites of the
same radius) keep it once; a target whose figures would hang on a near-touching
configuration (a piece's midpoint within a micrometre of an edge) is flagged and
computed again with GEOS (``intersection`` with the local ``union_all``). The result
equals the GEOS overlay up to floating point (tested against ``geopandas.overlay``).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely
from scipy.spatial import cKDTree

from coverage_planner.coverage.area_kernel import (
    areas_kernel,
    held_pieces,
    points_kernel,
    sort_groups,
    whole_in_sectors,
)

_FIRST_CALL = threading.Lock()
_READY: set = set()


def ensure_compiled(args: tuple) -> None:
    """Compile (or load from numba's cache) the kernel for these argument types in this
    thread, before any worker thread calls it: a first call from two threads at once
    would compile it twice."""
    key = tuple(str(getattr(a, "dtype", type(a))) + str(getattr(a, "ndim", "")) for a in args)
    if key in _READY:
        return
    with _FIRST_CALL:
        if key not in _READY:
            areas_kernel(np.empty(0, dtype=np.int64), *args)
            _READY.add(key)


def _rings(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates of every ring (exteriors counter-clockwise, holes clockwise).

    Returns x, y and ``ring_start`` (CSR over rings, each ring closed) and ``owner_ring``
    (CSR over geometries: their first ring).
    """
    oriented = shapely.orient_polygons(geoms, exterior_cw=False)
    parts, part_of = shapely.get_parts(oriented, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    ring_start = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    geom_of_ring = part_of[ring_part]
    owner = np.searchsorted(geom_of_ring, np.arange(len(geoms) + 1))
    return (
        np.ascontiguousarray(coords[:, 0]),
        np.ascontiguousarray(coords[:, 1]),
        ring_start.astype(np.int64),
        owner.astype(np.int64),
    )


MAX_VERTICES = 256
"""Targets with more vertices are measured in pieces (cut by a grid): the kernel tests
every piece of coverage edge against the target's edges, so big detailed polygons
(a merged commune's boundary) cost less in pieces."""


class Targets:
    """Polygons (villages, communes) read once for every technology's areas.

    Polygons of more than ``MAX_VERTICES`` vertices are cut by a grid into pieces of
    about half that; the pieces are what the kernel measures (``geoms``, ``parent``)
    and their areas are summed back per polygon.
    """

    def __init__(self, geoms: np.ndarray, *, max_vertices: int = MAX_VERTICES) -> None:
        original = np.asarray(geoms, dtype=object)
        self.count = len(original)
        self.total_area = shapely.area(original)
        self.geoms, self.parent = _cut(original, max_vertices)
        self.x, self.y, self.ring, self.owner = _rings(self.geoms)
        self.bounds = shapely.bounds(self.geoms).reshape(len(self.geoms), 4)
        self.mid = np.column_stack(
            [
                (self.bounds[:, 0] + self.bounds[:, 2]) / 2,
                (self.bounds[:, 1] + self.bounds[:, 3]) / 2,
            ]
        )
        self.area = shapely.area(self.geoms)
        self.n_vert = self.ring[self.owner[1:]] - self.ring[self.owner[:-1]]
        self.boxes = shapely.box(*self.bounds.T)
        self.part_start = np.searchsorted(self.parent, np.arange(self.count + 1))

    def __len__(self) -> int:
        return self.count

    def vertices(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Indices into ``x``/``y`` of the vertices of pieces ``t`` (grouped per piece)
        and the number per piece."""
        n = self.n_vert[t]
        start = self.ring[self.owner[t]]
        return np.repeat(start - np.cumsum(n) + n, n) + np.arange(n.sum()), n


def _cut(geoms: np.ndarray, max_vertices: int) -> tuple[np.ndarray, np.ndarray]:
    """Polygons with more than ``max_vertices`` vertices cut by a grid of about
    2·n/max_vertices cells over their box (GEOS intersection, once); the others as
    they are. Returns the pieces and the polygon each comes from (non-decreasing)."""
    n_vert = shapely.get_num_coordinates(geoms)
    big = np.flatnonzero(n_vert > max_vertices)
    if len(big) == 0:
        return geoms, np.arange(len(geoms))
    b = shapely.bounds(geoms[big])
    w, h = b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]
    cells = np.ceil(2.0 * n_vert[big] / max_vertices)
    nx = np.maximum(1, np.round(np.sqrt(cells * w / np.maximum(h, 1e-9)))).astype(int)
    ny = np.maximum(1, np.ceil(cells / nx)).astype(int)
    per = nx * ny
    own = np.repeat(np.arange(len(big)), per)
    k = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    ix, iy = k % nx[own], k // nx[own]
    cw, ch = w[own] / nx[own], h[own] / ny[own]
    # Outer cells reach a metre beyond the box, so no cut runs along its sides.
    x0 = np.where(ix == 0, b[own, 0] - 1.0, b[own, 0] + ix * cw)
    x1 = np.where(ix == nx[own] - 1, b[own, 2] + 1.0, b[own, 0] + (ix + 1) * cw)
    y0 = np.where(iy == 0, b[own, 1] - 1.0, b[own, 1] + iy * ch)
    y1 = np.where(iy == ny[own] - 1, b[own, 3] + 1.0, b[own, 1] + (iy + 1) * ch)
    cut = shapely.intersection(geoms[big[own]], shapely.box(x0, y0, x1, y1))
    keep = ~shapely.is_empty(cut)
    small = np.setdiff1d(np.arange(len(geoms)), big)
    parent = np.concatenate([small, big[own[keep]]])
    order = np.argsort(parent, kind="stable")
    return np.concatenate([geoms[small], cut[keep]])[order], parent[order]


NEAREST_SECTORS = 4
"""Sector footprints tried for a target lying whole inside one, nearest centre first."""

PAIR_CHUNK = 4096
"""Targets measured at once: bounds the memory of their candidate pairs (a few hundred
per target for a dense national list)."""

HELD_CHUNK = 2048
"""Footprints whose held pieces are found at once (a 2G footprint of a national list has
about 370 neighbours: 2,048 of them hold 0.8 M pairs, some 30 MB)."""


class Footprints:
    """The footprints of one technology, ready to measure any targets against.

    Parameters
    ----------
    pieces
        :class:`~coverage_planner.coverage.footprints.Pieces` (coordinate arrays:
        closed counter-clockwise rings, a centre and an inscribed radius each).
    """

    def __init__(self, pieces) -> None:
        self.pieces = pieces
        n = len(pieces)
        self.x = np.ascontiguousarray(pieces.x, dtype=float)
        self.y = np.ascontiguousarray(pieces.y, dtype=float)
        self.ring = np.ascontiguousarray(pieces.ring, dtype=np.int64)
        self.cx = np.ascontiguousarray(pieces.centre[:, 0], dtype=float)
        self.cy = np.ascontiguousarray(pieces.centre[:, 1], dtype=float)
        self.inner = np.ascontiguousarray(pieces.inner, dtype=float)
        self._held_mask: np.ndarray | None = None
        cones = pieces.cones
        self.core = np.zeros(n) if cones is None else cones.core
        self.mast_core = np.zeros(n) if cones is None else cones.mast_core
        self.cone_start = np.zeros(n + 1, dtype=np.int64) if cones is None else cones.cone_start
        self.cone = np.zeros((0, 4)) if cones is None else cones.cone
        if n == 0:
            return
        # Disks: box and circumscribed circle from the radius; other pieces from
        # their vertices.
        disk = self.inner > 0
        r = np.asarray(pieces.radius_m, dtype=float) * (1 + 1e-12) + 1e-9
        self.outer = np.where(disk, r, 0.0)
        self.box = np.column_stack([self.cx - r, self.cy - r, self.cx + r, self.cy + r])
        other = np.flatnonzero(~disk)
        if len(other):
            counts = np.diff(self.ring)[other]
            vi = np.repeat(self.ring[other] - np.cumsum(counts) + counts, counts) + np.arange(
                counts.sum()
            )
            starts = np.cumsum(counts) - counts
            ox, oy = self.x[vi], self.y[vi]
            self.box[other] = np.column_stack(
                [
                    np.minimum.reduceat(ox, starts),
                    np.minimum.reduceat(oy, starts),
                    np.maximum.reduceat(ox, starts),
                    np.maximum.reduceat(oy, starts),
                ]
            )
            far = np.hypot(
                ox - np.repeat(self.cx[other], counts), oy - np.repeat(self.cy[other], counts)
            )
            self.outer[other] = np.maximum.reduceat(far, starts) * (1 + 1e-12) + 1e-9
        self.box = np.ascontiguousarray(self.box)
        self.tree = shapely.STRtree(shapely.box(*self.box.T))
        self._disks = np.flatnonzero(self.inner > 0)
        self._disk_tree = cKDTree(np.column_stack([self.cx[self._disks], self.cy[self._disks]]))
        self._sectors = np.flatnonzero(np.diff(self.cone_start) > 0)
        self._sector_tree = cKDTree(
            np.column_stack([self.cx[self._sectors], self.cy[self._sectors]])
        )

    def _whole(self, targets: Targets, rest: np.ndarray) -> np.ndarray:
        """Those of ``rest`` that lie whole inside the disk nearest their centre."""
        if len(self._disks) == 0 or len(rest) == 0:
            return np.zeros(len(rest), dtype=bool)
        _, di = self._disk_tree.query(targets.mid[rest])
        t, q = rest, self._disks[di]
        vi, n = targets.vertices(t)
        d2 = (targets.x[vi] - np.repeat(self.cx[q], n)) ** 2 + (
            targets.y[vi] - np.repeat(self.cy[q], n)
        ) ** 2
        ok = np.zeros(len(t), dtype=bool)
        has = n > 0
        far = np.maximum.reduceat(d2, (np.cumsum(n) - n)[has]) if has.any() else np.empty(0)
        ok[has] = far <= self.inner[q[has]] ** 2
        return ok

    def _whole_in_sectors(self, targets: Targets, rest: np.ndarray) -> np.ndarray:
        """Those of ``rest`` that lie whole inside one of the sector footprints nearest
        their centre (by the kernel's quick tests): most villages of a dense cell list,
        found without their candidate pairs."""
        if len(self._sectors) == 0 or len(rest) == 0:
            return np.zeros(len(rest), dtype=bool)
        k = min(NEAREST_SECTORS, len(self._sectors))
        _, si = self._sector_tree.query(targets.mid[rest], k=k)
        cand = self._sectors[np.asarray(si).reshape(len(rest), k)]
        return whole_in_sectors(
            rest.astype(np.int64),
            np.ascontiguousarray(cand, dtype=np.int64),
            targets.x,
            targets.y,
            targets.ring,
            targets.owner,
            self.cx,
            self.cy,
            self.core,
            self.mast_core,
            self.cone_start,
            self.cone,
        )

    def _pairs(self, targets: Targets, rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(target, piece) pairs whose boxes meet, minus those whose circumscribed circle
        misses the target's box; per target nearest first (the nearest disks cover most
        edges, so the search for a covering disk stops early)."""
        ti, pi = self.tree.query(targets.boxes[rest])
        ti = rest[ti]
        tb = targets.bounds
        gx = np.clip(self.cx[pi], tb[ti, 0], tb[ti, 2]) - self.cx[pi]
        gy = np.clip(self.cy[pi], tb[ti, 1], tb[ti, 3]) - self.cy[pi]
        near = gx**2 + gy**2 <= self.outer[pi] ** 2
        ti, pi = ti[near], pi[near]
        dist = (self.cx[pi] - targets.mid[ti, 0]) ** 2 + (self.cy[pi] - targets.mid[ti, 1]) ** 2
        # The tree gives the pairs grouped by target: each group is sorted on its own
        # (a lexsort of the whole list took most of this for tens of millions of pairs).
        if len(ti) > 1 and not np.all(ti[1:] >= ti[:-1]):
            order = np.argsort(ti, kind="stable")
            ti, pi, dist = ti[order], pi[order], dist[order]
        starts = np.flatnonzero(np.r_[True, ti[1:] != ti[:-1]]) if len(ti) else ti
        order = sort_groups(dist, np.r_[starts, len(ti)].astype(np.int64))
        return ti[order], pi[order]

    def _held(self) -> np.ndarray:
        """Per footprint edge, the bit mask of its pieces that another footprint holds
        (:func:`~.area_kernel.held_pieces`), computed once for :meth:`areas`."""
        if self._held_mask is None:
            held = np.zeros(len(self.x), dtype=np.int64)
            for c0 in range(0, len(self.pieces), HELD_CHUNK):
                ps = np.arange(c0, min(c0 + HELD_CHUNK, len(self.pieces)))
                pi, qi = self.tree.query(shapely.box(*self.box[ps].T))
                if len(pi) > 1 and not np.all(pi[1:] >= pi[:-1]):
                    order = np.argsort(pi, kind="stable")
                    pi, qi = pi[order], qi[order]
                dist = (self.cx[qi] - self.cx[ps[pi]]) ** 2 + (self.cy[qi] - self.cy[ps[pi]]) ** 2
                starts = np.searchsorted(pi, np.arange(len(ps) + 1)).astype(np.int64)
                nb = qi[sort_groups(dist, starts)]
                held_pieces(
                    ps.astype(np.int64),
                    starts,
                    np.ascontiguousarray(nb, dtype=np.int64),
                    self.x,
                    self.y,
                    self.ring,
                    self.outer,
                    self.box,
                    self.cx,
                    self.cy,
                    self.inner,
                    self.core,
                    self.mast_core,
                    self.cone_start,
                    self.cone,
                    held,
                )
            self._held_mask = held
        return self._held_mask

    def _run(self, targets, job_target, pair_start, pair_piece, threads, held=None):
        out = np.zeros(len(job_target))
        flag = np.zeros(len(job_target), dtype=bool)
        jobs = np.flatnonzero(np.diff(pair_start) > 0).astype(np.int64)
        args = (
            np.ascontiguousarray(job_target, dtype=np.int64),
            targets.x,
            targets.y,
            targets.ring,
            targets.owner,
            self.x,
            self.y,
            self.ring,
            self.cx,
            self.cy,
            self.inner,
            self.outer,
            self.box,
            self.core,
            self.mast_core,
            self.cone_start,
            self.cone,
            np.zeros(len(self.x), dtype=np.int64) if held is None else held,
            np.ascontiguousarray(pair_start, dtype=np.int64),
            np.ascontiguousarray(pair_piece, dtype=np.int64),
            out,
            flag,
        )
        ensure_compiled(args)
        # Interleaved chunks balance dense and sparse areas between the threads.
        if threads > 1 and len(jobs) > 64:
            with ThreadPoolExecutor(threads) as pool:
                list(
                    pool.map(
                        lambda c: areas_kernel(c, *args),
                        [np.ascontiguousarray(jobs[i::threads]) for i in range(threads)],
                    )
                )
        else:
            areas_kernel(jobs, *args)
        if flag.any():  # near-touching configurations: GEOS, locally
            polys = self.pieces.polygons()
            for j in np.flatnonzero(flag):
                local = shapely.union_all(polys[pair_piece[pair_start[j] : pair_start[j + 1]]])
                out[j] = shapely.area(shapely.intersection(targets.geoms[job_target[j]], local))
        return out

    def areas(self, targets: Targets, *, threads: int = 2) -> np.ndarray:
        """Area of each target inside the union of the footprints."""
        if len(targets) == 0 or len(self.pieces) == 0:
            return np.zeros(len(targets))
        n = len(targets.geoms)
        out = np.zeros(n)
        rest = np.flatnonzero((targets.n_vert > 0) & np.isfinite(targets.mid[:, 0]))
        whole = self._whole(targets, rest)
        out[rest[whole]] = targets.area[rest[whole]]
        rest = rest[~whole]
        whole = self._whole_in_sectors(targets, rest)
        out[rest[whole]] = targets.area[rest[whole]]
        rest = rest[~whole]
        # In chunks of targets: a national list has tens of millions of (target,
        # footprint) pairs, several arrays of them at once.
        for c0 in range(0, len(rest), PAIR_CHUNK):
            part = rest[c0 : c0 + PAIR_CHUNK]
            ti, pi = self._pairs(targets, part)
            pair_start = np.searchsorted(np.searchsorted(part, ti), np.arange(len(part) + 1))
            out[part] = self._run(targets, part, pair_start, pi, threads, held=self._held())
        return np.bincount(targets.parent, weights=out, minlength=len(targets))

    def pair_areas(
        self, targets: Targets, ti: np.ndarray, pi: np.ndarray, *, threads: int = 2
    ) -> np.ndarray:
        """Area of target ``ti[k]`` inside footprint ``pi[k]``, for each k."""
        if len(ti) == 0:
            return np.zeros(0)
        # Each pair for each piece of its target.
        first, last = targets.part_start[ti], targets.part_start[np.asarray(ti) + 1]
        per = last - first
        pair = np.repeat(np.arange(len(ti)), per)
        part = np.repeat(first, per) + (np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per))
        found = self._run(targets, part, np.arange(len(part) + 1), np.asarray(pi)[pair], threads)
        return np.bincount(pair, weights=found, minlength=len(ti))

    def union_areas(
        self,
        targets: Targets,
        target: np.ndarray,
        start: np.ndarray,
        pieces: np.ndarray,
        *,
        threads: int = 2,
    ) -> np.ndarray:
        """Area of target ``target[k]`` inside the union of footprints
        ``pieces[start[k]:start[k + 1]]`` alone, for each k (a plan's "what if these
        sites were added" question, see :mod:`coverage_planner.planning.coverage`)."""
        target = np.asarray(target, dtype=np.int64)
        if len(target) == 0:
            return np.zeros(0)
        first, last = targets.part_start[target], targets.part_start[target + 1]
        per = last - first
        job = np.repeat(np.arange(len(target)), per)
        part = np.repeat(first, per) + (np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per))
        counts = np.diff(start)[job]
        idx = np.repeat(start[job] - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        pair_start = np.r_[0, np.cumsum(counts)]
        found = self._run(targets, part, pair_start, np.asarray(pieces)[idx], threads)
        return np.bincount(job, weights=found, minlength=len(target))

    def points_in_pieces(self, x: np.ndarray, y: np.ndarray, pi: np.ndarray) -> np.ndarray:
        """Whether point k lies in piece ``pi[k]`` (edges count)."""
        return self._points(x, y, np.arange(len(x) + 1), pi)

    def points_inside(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each point lies in the union of the footprints (edges count)."""
        if len(x) == 0 or len(self.pieces) == 0:
            return np.zeros(len(x), dtype=bool)
        ti, pi = self.tree.query(shapely.points(x, y))
        order = np.argsort(ti, kind="stable")
        return self._points(x, y, np.searchsorted(ti[order], np.arange(len(x) + 1)), pi[order])

    def _points(self, x, y, pair_start, pair_piece) -> np.ndarray:
        """Point t against pieces ``pair_piece[pair_start[t]:pair_start[t + 1]]``."""
        out = np.zeros(len(x), dtype=bool)
        if len(x) == 0:
            return out
        points_kernel(
            np.ascontiguousarray(x, dtype=float),
            np.ascontiguousarray(y, dtype=float),
            np.ascontiguousarray(pair_start, dtype=np.int64),
            np.ascontiguousarray(pair_piece, dtype=np.int64),
            self.x,
            self.y,
            self.ring,
            self.cx,
            self.cy,
            self.inner,
            out,
        )
        return out
