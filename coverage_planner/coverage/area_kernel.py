"""The compiled kernel of :mod:`.areas`: area of polygons inside a union of footprints
by integrating ``x dy`` along the boundary of their intersection (see there).

Segment primitives (a segment against a polygon, against a disk's regular polygon, a
half-plane clip, point in polygon), and two entry points: :func:`areas_kernel` (one
area per job: a target and its candidate footprints) and :func:`points_kernel`.
Only the entry points keep numba's cache; the primitives are compiled into them.
"""

from __future__ import annotations

import threading

import numpy as np
from numba import njit

NEAR_M = 1e-7
"""A piece's midpoint closer than this to an edge makes the target fall back to GEOS."""
TINY = 1e-12
"""Pieces shorter than this share of their segment are ignored (area below 1e-5 m²)."""


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
    # the segment's box, a little wider than the tolerance of the crossing test below
    lx, hx = min(ax, bx) - 1e-6, max(ax, bx) + 1e-6
    ly, hy = min(ay, by) - 1e-6, max(ay, by) + 1e-6
    m = 0
    for r in range(r0, r1):
        for k in range(ring_start[r], ring_start[r + 1] - 1):
            cx, cy, dx, dy = xs[k], ys[k], xs[k + 1], ys[k + 1]
            e = 1e-9 * (abs(dx - cx) + abs(dy - cy))  # the edge's own tolerance
            if (
                max(cx, dx) + e < lx
                or min(cx, dx) - e > hx
                or max(cy, dy) + e < ly
                or min(cy, dy) - e > hy
            ):
                continue  # an edge whose box misses the segment's cannot cross it
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


@njit(nogil=True)
def _whole_interval(lo, hi, first, n):
    """Whether one of the intervals first..n-1 is the whole segment [0, 1]."""
    for i in range(first, n):  # noqa: SIM110 (a loop: numba compiles no generator)
        if lo[i] <= 0.0 and hi[i] >= 1.0:
            return True
    return False


@njit(nogil=True)
def _holds(ax, ay, bx, by, xs, ys, q, ring_start, tbuf, lo, hi):
    """Whether footprint q (a plain polygon ring) holds segment a→b whole, with no
    midpoint near its edges (then the exact path decides)."""
    m, near = _inside_pieces(ax, ay, bx, by, xs, ys, q, q + 1, ring_start, tbuf, lo, hi, 0)
    return (not near) and _whole_interval(lo, hi, 0, m)


@njit(cache=True, nogil=True)
def areas_kernel(
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
        # Inside one sector footprint whole: every edge of the target inside it, clear of
        # its edges (a footprint is one simple ring, so the target lies inside it).
        for q in pair_piece[p0:p1]:
            if f_rin[q] > 0.0:
                continue
            if bx0 < f_box[q, 0] or bx1 > f_box[q, 2] or by0 < f_box[q, 1] or by1 > f_box[q, 3]:
                continue
            ok = True
            for r in range(r0, r1):
                for k in range(t_ring[r], t_ring[r + 1] - 1):
                    if not _holds(
                        tx[k], ty[k], tx[k + 1], ty[k + 1], fx, fy, q, f_ring, tbuf, lo2, hi2
                    ):
                        ok = False
                        break
                if not ok:
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
        area = 0.0
        near_any = False
        # The test of a segment against a footprint q is written out twice below, in
        # both loops: as a shared helper (even inlined) it made the kernel 1.5 times
        # slower (national case 4.2 s -> 6.2 s).
        # 1. The target's edges, where inside some footprint.
        held = -1  # the sector footprint that held the previous edge whole
        for r in range(r0, r1):
            for k in range(t_ring[r], t_ring[r + 1] - 1):
                ax, ay, bx, by = tx[k], ty[k], tx[k + 1], ty[k + 1]
                sx0, sx1 = min(ax, bx), max(ax, bx)
                sy0, sy1 = min(ay, by), max(ay, by)
                n = 0
                full = False
                if held >= 0 and _holds(ax, ay, bx, by, fx, fy, held, f_ring, tbuf, lo2, hi2):
                    area += _xdy(ax, ay, bx, by, 0.0, 1.0, ox)
                    continue
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
                        before = n
                        n, near = _inside_pieces(
                            ax, ay, bx, by, fx, fy, q, q + 1, f_ring, tbuf, lo, hi, n
                        )
                        if _whole_interval(lo, hi, before, n):
                            full = True  # a sector footprint holds the whole edge
                            held = q
                    near_any = near_any or near
                    if full:
                        break
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
            held2 = -1
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
                # So does the sector footprint that held it (one around another point:
                # those around the same point go through the shared-edge rule below).
                if held2 >= 0 and _holds(ax, ay, bx, by, fx, fy, held2, f_ring, tbuf, lo2, hi2):
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
                        before = n
                        n, near = _inside_pieces(
                            ax, ay, bx, by, fx, fy, q, q + 1, f_ring, tbuf, lo, hi, n
                        )
                        if same == 0 and _whole_interval(lo, hi, before, n):
                            near_any = near_any or near
                            gone = True
                            held2 = q if (f_cx[q] != f_cx[p] or f_cy[q] != f_cy[p]) else -1
                            break
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
def points_kernel(px, py, pair_start, pair_piece, fx, fy, f_ring, f_cx, f_cy, f_rin, out):
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
