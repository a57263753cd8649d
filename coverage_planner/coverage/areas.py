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

Compiled with numba and run per target in threads (numba releases the GIL): no
GEOS overlay at all. Two footprints with an identical edge (co-located sites of the
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
from numba import njit
from scipy.spatial import cKDTree

NEAR_M = 1e-7
"""A piece's midpoint closer than this to an edge makes the target fall back to GEOS."""
TINY = 1e-12
"""Pieces shorter than this share of their segment are ignored (area below 1e-5 m²)."""


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


@njit(nogil=True)
def _pip(px, py, xs, ys, r0, r1, ring_start):
    """Even-odd point in polygon over rings r0..r1; second value: within NEAR_M of an edge."""
    inside = False
    near = False
    for r in range(r0, r1):
        for k in range(ring_start[r], ring_start[r + 1] - 1):
            x1, y1, x2, y2 = xs[k], ys[k], xs[k + 1], ys[k + 1]
            if (y1 > py) != (y2 > py):
                xint = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
                if px < xint:
                    inside = not inside
            if (
                min(x1, x2) - NEAR_M <= px <= max(x1, x2) + NEAR_M
                and min(y1, y2) - NEAR_M <= py <= max(y1, y2) + NEAR_M
            ):
                dx, dy = x2 - x1, y2 - y1
                ll = dx * dx + dy * dy
                if ll > 0.0:
                    t = ((px - x1) * dx + (py - y1) * dy) / ll
                    t = min(1.0, max(0.0, t))
                    ex, ey = x1 + t * dx - px, y1 + t * dy - py
                    if ex * ex + ey * ey < NEAR_M * NEAR_M:
                        near = True
                elif (px - x1) ** 2 + (py - y1) ** 2 < NEAR_M * NEAR_M:
                    near = True
    return inside, near


@njit(nogil=True)
def _inside_pieces(ax, ay, bx, by, xs, ys, r0, r1, ring_start, tbuf, lo, hi, n):
    """Append to lo/hi (from index n) the intervals of segment a→b inside the polygon
    made of rings r0..r1. Returns the new count and whether a midpoint was near an edge."""
    rx, ry = bx - ax, by - ay
    m = 0
    for r in range(r0, r1):
        for k in range(ring_start[r], ring_start[r + 1] - 1):
            cx, cy, dx, dy = xs[k], ys[k], xs[k + 1], ys[k + 1]
            sx, sy = dx - cx, dy - cy
            den = rx * sy - ry * sx
            if den == 0.0:
                continue
            qx, qy = cx - ax, cy - ay
            t = (qx * sy - qy * sx) / den
            u = (qx * ry - qy * rx) / den
            if 0.0 < t < 1.0 and -1e-9 <= u <= 1.0 + 1e-9 and m < tbuf.shape[0] - 1:
                tbuf[m] = t
                m += 1
    # insertion sort (few crossings)
    for i in range(1, m):
        v = tbuf[i]
        j = i - 1
        while j >= 0 and tbuf[j] > v:
            tbuf[j + 1] = tbuf[j]
            j -= 1
        tbuf[j + 1] = v
    near_any = False
    first = n
    prev = 0.0
    for i in range(m + 1):
        cur = tbuf[i] if i < m else 1.0
        if cur - prev > TINY:
            mid = 0.5 * (prev + cur)
            inside, near = _pip(ax + mid * rx, ay + mid * ry, xs, ys, r0, r1, ring_start)
            if near:
                near_any = True
            if inside:
                if n > first and hi[n - 1] >= prev:
                    hi[n - 1] = cur
                else:
                    lo[n] = prev
                    hi[n] = cur
                    n += 1
        prev = cur
    return n, near_any


@njit(nogil=True)
def _clip_half_plane(ax, ay, dx, dy, xs, ys, k, lo, hi):
    """Clip the parameter range [lo, hi] of a + t·d to the left of edge k→k+1.
    Returns the new range and whether the segment runs along the edge."""
    ex, ey = xs[k + 1] - xs[k], ys[k + 1] - ys[k]
    g0 = ex * (ay - ys[k]) - ey * (ax - xs[k])
    gd = ex * dy - ey * dx
    if gd == 0.0:
        along = abs(g0) <= NEAR_M * np.sqrt(ex * ex + ey * ey)
        if g0 < 0.0:
            return 1.0, 0.0, along
        return lo, hi, along
    t = -g0 / gd
    if gd > 0.0:
        lo = max(lo, t)
    else:
        hi = min(hi, t)
    return lo, hi, False


@njit(nogil=True)
def _inside_regular(ax, ay, bx, by, xs, ys, base, n_seg, cx, cy, big, small, lo, hi, n):
    """Append the interval of segment a→b inside a regular polygon (a disk footprint:
    ``n_seg`` edges from ``base``, vertex 0 due east of the centre, counter-clockwise,
    circumradius ``big``, inradius ``small``). Only the edges whose sectors the segment
    crosses between the two circles can cut it, so only they are clipped against.
    Returns the new count and whether the segment runs along an edge."""
    dx, dy = bx - ax, by - ay
    fx, fy = ax - cx, ay - cy
    qa = dx * dx + dy * dy
    if qa == 0.0:
        return n, False
    qb = 2.0 * (fx * dx + fy * dy)
    qc = fx * fx + fy * fy - big * big
    disc = qb * qb - 4.0 * qa * qc
    if disc <= 0.0:
        return n, False
    root = np.sqrt(disc)
    t0 = (-qb - root) / (2.0 * qa)
    t1 = (-qb + root) / (2.0 * qa)
    t_lo, t_hi = max(t0, 0.0), min(t1, 1.0)
    if t_lo >= t_hi:
        return n, False
    # Stretches of [t0, t1] between the two circles: before and after the inner one.
    qc2 = fx * fx + fy * fy - small * small
    disc2 = qb * qb - 4.0 * qa * qc2
    if disc2 > 0.0:
        root2 = np.sqrt(disc2)
        ta = (-qb - root2) / (2.0 * qa)
        tb = (-qb + root2) / (2.0 * qa)
    else:
        ta = tb = -qb / (2.0 * qa)
    delta = 2.0 * np.pi / n_seg
    along_any = False
    for s0, s1 in ((t0, ta), (tb, t1)):
        s0c, s1c = max(s0, t_lo), min(s1, t_hi)
        if s0c > s1c:
            continue
        th0 = np.arctan2(fy + s0c * dy, fx + s0c * dx)
        th1 = np.arctan2(fy + s1c * dy, fx + s1c * dx)
        span = th1 - th0
        if span > np.pi:
            span -= 2.0 * np.pi
        elif span < -np.pi:
            span += 2.0 * np.pi
        j0 = int(np.floor(th0 / delta))
        steps = int(np.floor(abs(span) / delta)) + 3
        step = 1 if span >= 0.0 else -1
        j = j0 - step
        for _ in range(steps):
            k = base + (j % n_seg)
            t_lo, t_hi, along = _clip_half_plane(ax, ay, dx, dy, xs, ys, k, t_lo, t_hi)
            along_any = along_any or along
            j += step
    if t_hi - t_lo > TINY:
        lo[n] = t_lo
        hi[n] = t_hi
        n += 1
    return n, along_any


@njit(nogil=True)
def _merge(lo, hi, n):
    """Sort intervals by start and merge overlaps in place; returns the new count."""
    for i in range(1, n):
        a, b = lo[i], hi[i]
        j = i - 1
        while j >= 0 and lo[j] > a:
            lo[j + 1] = lo[j]
            hi[j + 1] = hi[j]
            j -= 1
        lo[j + 1] = a
        hi[j + 1] = b
    if n == 0:
        return 0
    w = 0
    for i in range(1, n):
        if lo[i] <= hi[w]:
            if hi[i] > hi[w]:
                hi[w] = hi[i]
        else:
            w += 1
            lo[w] = lo[i]
            hi[w] = hi[i]
    return w + 1


@njit(nogil=True)
def _xdy(ax, ay, bx, by, t0, t1, ox):
    """Integral of (x - ox) dy along a→b between parameters t0 and t1."""
    x0 = ax + t0 * (bx - ax) - ox
    x1 = ax + t1 * (bx - ax) - ox
    return 0.5 * (x0 + x1) * (t1 - t0) * (by - ay)


@njit(nogil=True)
def _seg_far(ax, ay, bx, by, cx, cy, r):
    """Whether segment a→b stays farther than r from (cx, cy)."""
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0
    if ll > 0.0:
        t = ((cx - ax) * dx + (cy - ay) * dy) / ll
        t = min(1.0, max(0.0, t))
    ex, ey = ax + t * dx - cx, ay + t * dy - cy
    return ex * ex + ey * ey > r * r


@njit(nogil=True)
def _shares_edge(ax, ay, bx, by, xs, ys, s0, s1):
    """+1 if a→b is an edge of ring s0..s1, -1 if b→a is, 0 otherwise (exact)."""
    for k in range(s0, s1 - 1):
        if xs[k] == ax and ys[k] == ay and xs[k + 1] == bx and ys[k + 1] == by:
            return 1
        if xs[k] == bx and ys[k] == by and xs[k + 1] == ax and ys[k + 1] == ay:
            return -1
    return 0


@njit(cache=True, nogil=True)
def _areas(
    jobs,
    job_target,
    tx,
    ty,
    t_ring,
    t_owner,
    fx,
    fy,
    f_ring,
    f_cx,
    f_cy,
    f_rin,
    f_rout,
    f_box,
    pair_start,
    pair_piece,
    out,
    flag,
):
    for jb in jobs:
        p0, p1 = pair_start[jb], pair_start[jb + 1]
        t = job_target[jb]
        out[jb] = 0.0
        flag[jb] = False
        if p1 == p0:
            continue
        r0, r1 = t_owner[t], t_owner[t + 1]
        v0, v1 = t_ring[r0], t_ring[r1]
        if v1 <= v0:
            continue
        bx0, by0 = tx[v0:v1].min(), ty[v0:v1].min()
        bx1, by1 = tx[v0:v1].max(), ty[v0:v1].max()
        ox = 0.5 * (bx0 + bx1)
        # Inside one disk whole: every vertex within its inscribed circle.
        whole = False
        for q in pair_piece[p0:p1]:
            rin = f_rin[q]
            if rin <= 0.0:
                continue
            ok = True
            for k in range(v0, v1):
                ddx, ddy = tx[k] - f_cx[q], ty[k] - f_cy[q]
                if ddx * ddx + ddy * ddy > rin * rin:
                    ok = False
                    break
            if ok:
                whole = True
                break
        if whole:
            a = 0.0
            for r in range(r0, r1):
                for k in range(t_ring[r], t_ring[r + 1] - 1):
                    a += _xdy(tx[k], ty[k], tx[k + 1], ty[k + 1], 0.0, 1.0, ox)
            out[jb] = a
            continue
        maxv = 8
        for q in pair_piece[p0:p1]:
            maxv = max(maxv, f_ring[q + 1] - f_ring[q])
        maxv = max(maxv, v1 - v0)
        cap = 2 * maxv * (p1 - p0 + 2) + 8
        lo = np.empty(cap)
        hi = np.empty(cap)
        lo2 = np.empty(2 * maxv + 8)
        hi2 = np.empty(2 * maxv + 8)
        tbuf = np.empty(2 * maxv + 8)
        area = 0.0
        near_any = False
        # The test of a segment against a footprint q is written out twice below, in
        # both loops: as a shared helper (even inlined) it made the kernel 1.5 times
        # slower (national case 4.2 s -> 6.2 s).
        # 1. The target's edges, where inside some footprint.
        for r in range(r0, r1):
            for k in range(t_ring[r], t_ring[r + 1] - 1):
                ax, ay, bx, by = tx[k], ty[k], tx[k + 1], ty[k + 1]
                sx0, sx1 = min(ax, bx), max(ax, bx)
                sy0, sy1 = min(ay, by), max(ay, by)
                n = 0
                full = False
                for q in pair_piece[p0:p1]:
                    if (
                        sx1 < f_box[q, 0]
                        or sx0 > f_box[q, 2]
                        or sy1 < f_box[q, 1]
                        or sy0 > f_box[q, 3]
                    ):
                        continue
                    if _seg_far(ax, ay, bx, by, f_cx[q], f_cy[q], f_rout[q]):
                        continue
                    rin = f_rin[q]
                    if rin > 0.0:
                        d1 = (ax - f_cx[q]) ** 2 + (ay - f_cy[q]) ** 2
                        d2 = (bx - f_cx[q]) ** 2 + (by - f_cy[q]) ** 2
                        if d1 <= rin * rin and d2 <= rin * rin:
                            full = True
                            break
                    if n + maxv + 2 > cap:
                        n = _merge(lo, hi, n)
                    if rin > 0.0:
                        n, near = _inside_regular(
                            ax,
                            ay,
                            bx,
                            by,
                            fx,
                            fy,
                            f_ring[q],
                            f_ring[q + 1] - f_ring[q] - 1,
                            f_cx[q],
                            f_cy[q],
                            f_rout[q],
                            rin,
                            lo,
                            hi,
                            n,
                        )
                    else:
                        n, near = _inside_pieces(
                            ax, ay, bx, by, fx, fy, q, q + 1, f_ring, tbuf, lo, hi, n
                        )
                    near_any = near_any or near
                if full:
                    area += _xdy(ax, ay, bx, by, 0.0, 1.0, ox)
                    continue
                n = _merge(lo, hi, n)
                for i in range(n):
                    area += _xdy(ax, ay, bx, by, lo[i], hi[i], ox)
        # 2. The footprints' edges, where inside the target and no other footprint.
        for pi in range(p0, p1):
            p = pair_piece[pi]
            last = -1
            for k in range(f_ring[p], f_ring[p + 1] - 1):
                ax, ay, bx, by = fx[k], fy[k], fx[k + 1], fy[k + 1]
                sx0, sx1 = min(ax, bx), max(ax, bx)
                sy0, sy1 = min(ay, by), max(ay, by)
                if sx1 < bx0 or sx0 > bx1 or sy1 < by0 or sy0 > by1:
                    continue
                n = 0
                # The disk that held the previous edge most often holds this one too.
                if last >= 0:
                    d1 = (ax - f_cx[last]) ** 2 + (ay - f_cy[last]) ** 2
                    d2 = (bx - f_cx[last]) ** 2 + (by - f_cy[last]) ** 2
                    if d1 <= f_rin[last] ** 2 and d2 <= f_rin[last] ** 2:
                        continue
                gone = False
                for qi in range(p0, p1):
                    q = pair_piece[qi]
                    if q == p:
                        continue
                    if (
                        sx1 < f_box[q, 0]
                        or sx0 > f_box[q, 2]
                        or sy1 < f_box[q, 1]
                        or sy0 > f_box[q, 3]
                    ):
                        continue
                    if _seg_far(ax, ay, bx, by, f_cx[q], f_cy[q], f_rout[q]):
                        continue
                    rin = f_rin[q]
                    if rin > 0.0:
                        d1 = (ax - f_cx[q]) ** 2 + (ay - f_cy[q]) ** 2
                        d2 = (bx - f_cx[q]) ** 2 + (by - f_cy[q]) ** 2
                        if d1 <= rin * rin and d2 <= rin * rin:
                            gone = True
                            last = q
                            break
                    same = 0
                    if f_cx[q] == f_cx[p] and f_cy[q] == f_cy[p]:
                        # Only footprints around the same point can share an edge.
                        same = _shares_edge(ax, ay, bx, by, fx, fy, f_ring[q], f_ring[q + 1])
                    if same == -1 or (same == 1 and q < p):
                        gone = True  # interior of the union, or kept by the other one
                        break
                    if same == 1:
                        continue  # kept here; q lies on the same side and adds nothing
                    if n + maxv + 2 > cap:
                        n = _merge(lo, hi, n)
                    if rin > 0.0:
                        n, near = _inside_regular(
                            ax,
                            ay,
                            bx,
                            by,
                            fx,
                            fy,
                            f_ring[q],
                            f_ring[q + 1] - f_ring[q] - 1,
                            f_cx[q],
                            f_cy[q],
                            f_rout[q],
                            rin,
                            lo,
                            hi,
                            n,
                        )
                    else:
                        n, near = _inside_pieces(
                            ax, ay, bx, by, fx, fy, q, q + 1, f_ring, tbuf, lo, hi, n
                        )
                    near_any = near_any or near
                    if n == 1 and lo[0] <= 0.0 and hi[0] >= 1.0:
                        gone = True
                        break
                if gone:
                    continue
                n = _merge(lo, hi, n)
                # inside the target
                m, near = _inside_pieces(ax, ay, bx, by, tx, ty, r0, r1, t_ring, tbuf, lo2, hi2, 0)
                near_any = near_any or near
                # integrate over (inside target) minus (covered by others)
                j = 0
                for i in range(m):
                    a0, a1 = lo2[i], hi2[i]
                    cur = a0
                    while j < n and hi[j] <= cur:
                        j += 1
                    jj = j
                    while cur < a1:
                        if jj < n and lo[jj] < a1:
                            if lo[jj] > cur:
                                area += _xdy(ax, ay, bx, by, cur, lo[jj], ox)
                            cur = max(cur, hi[jj])
                            jj += 1
                        else:
                            area += _xdy(ax, ay, bx, by, cur, a1, ox)
                            cur = a1
        out[jb] = area
        flag[jb] = near_any


@njit(cache=True, nogil=True)
def _points_in(px, py, pair_start, pair_piece, fx, fy, f_ring, f_cx, f_cy, f_rin, out):
    """Whether each point lies in one of its candidate pieces (edges count as in)."""
    for t in range(len(px)):
        for q in pair_piece[pair_start[t] : pair_start[t + 1]]:
            d2 = (px[t] - f_cx[q]) ** 2 + (py[t] - f_cy[q]) ** 2
            if d2 <= f_rin[q] * f_rin[q]:
                out[t] = True
                break
            inside, near = _pip(px[t], py[t], fx, fy, q, q + 1, f_ring)
            if inside or near:
                out[t] = True
                break


_FIRST_CALL = threading.Lock()
_READY: set = set()


def _compiled(args: tuple) -> None:
    """Compile (or load from numba's cache) the kernel for these argument types in this
    thread, before any worker thread calls it: a first call from two threads at once
    would compile it twice."""
    key = tuple(str(getattr(a, "dtype", type(a))) + str(getattr(a, "ndim", "")) for a in args)
    if key in _READY:
        return
    with _FIRST_CALL:
        if key not in _READY:
            _areas(np.empty(0, dtype=np.int64), *args)
            _READY.add(key)


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
        order = np.lexsort((dist, ti))
        return ti[order], pi[order]

    def _run(self, targets, job_target, pair_start, pair_piece, threads):
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
            np.ascontiguousarray(pair_start, dtype=np.int64),
            np.ascontiguousarray(pair_piece, dtype=np.int64),
            out,
            flag,
        )
        _compiled(args)
        # Interleaved chunks balance dense and sparse areas between the threads.
        if threads > 1 and len(jobs) > 64:
            with ThreadPoolExecutor(threads) as pool:
                list(
                    pool.map(
                        lambda c: _areas(c, *args),
                        [np.ascontiguousarray(jobs[i::threads]) for i in range(threads)],
                    )
                )
        else:
            _areas(jobs, *args)
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
        if len(rest):
            ti, pi = self._pairs(targets, rest)
            pair_start = np.searchsorted(ti, np.arange(n + 1))
            found = self._run(targets, np.arange(n), pair_start, pi, threads)
            out[rest] = found[rest]
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

    def points_in_pieces(self, x: np.ndarray, y: np.ndarray, pi: np.ndarray) -> np.ndarray:
        """Whether point k lies in piece ``pi[k]`` (edges count)."""
        out = np.zeros(len(x), dtype=bool)
        if len(x) == 0:
            return out
        _points_in(
            np.ascontiguousarray(x, dtype=float),
            np.ascontiguousarray(y, dtype=float),
            np.arange(len(x) + 1, dtype=np.int64),
            np.ascontiguousarray(pi, dtype=np.int64),
            self.x,
            self.y,
            self.ring,
            self.cx,
            self.cy,
            self.inner,
            out,
        )
        return out

    def points_inside(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each point lies in the union of the footprints (edges count)."""
        out = np.zeros(len(x), dtype=bool)
        if len(x) == 0 or len(self.pieces) == 0:
            return out
        ti, pi = self.tree.query(shapely.points(x, y))
        order = np.argsort(ti, kind="stable")
        ti, pi = ti[order], pi[order]
        start = np.searchsorted(ti, np.arange(len(x) + 1)).astype(np.int64)
        _points_in(
            np.ascontiguousarray(x, dtype=float),
            np.ascontiguousarray(y, dtype=float),
            start,
            pi.astype(np.int64),
            self.x,
            self.y,
            self.ring,
            self.cx,
            self.cy,
            self.inner,
            out,
        )
        return out
