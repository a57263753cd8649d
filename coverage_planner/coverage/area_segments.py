"""Segment primitives of the area kernel (:mod:`.area_kernel`): a segment against a
polygon's rings, against a disk's regular polygon, against the convex parts of a
sector footprint, a half-plane clip, point in polygon, interval merging and the
integral of ``x dy``. Compiled into the kernel's entry points (no cache of their own;
the kernel drops its cache when this file changes, see there).
"""

from __future__ import annotations

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


CORE_MARGIN = 1e-9
"""A point counts as inside a footprint's convex part only this share of its distance
from the centre clear of the part's edges (rounding of the ring's vertices)."""


@njit(nogil=True)
def _in_core(ax, ay, bx, by, q, f_cx, f_cy, f_core, f_mcore, cone_start, cone):
    """Whether segment a→b lies inside sector footprint q's mast polygon or inside one of
    its sectors within the disk polygon's inscribed circle: convex parts of the
    footprint, so both ends inside one of them is enough (a few multiplications instead
    of a test against every edge of the ring). A point counts as inside a sector only
    clear of its edges (cone rows: start and end directions, clockwise from start)."""
    cx, cy = f_cx[q], f_cy[q]
    dxa, dya, dxb, dyb = ax - cx, ay - cy, bx - cx, by - cy
    da, db = dxa * dxa + dya * dya, dxb * dxb + dyb * dyb
    m = f_mcore[q] * (1.0 - CORE_MARGIN)
    if da < m * m and db < m * m:
        return True
    lim = f_core[q] * (1.0 - CORE_MARGIN)
    if da >= lim * lim or db >= lim * lim:
        return False
    ta = CORE_MARGIN * (abs(dxa) + abs(dya))
    tb = CORE_MARGIN * (abs(dxb) + abs(dyb))
    for c in range(cone_start[q], cone_start[q + 1]):
        s0, s1, e0, e1 = cone[c, 0], cone[c, 1], cone[c, 2], cone[c, 3]
        if (
            s0 * dya - s1 * dxa < -ta
            and e0 * dya - e1 * dxa > ta
            and s0 * dyb - s1 * dxb < -tb
            and e0 * dyb - e1 * dxb > tb
        ):
            return True
    return False


@njit(nogil=True)
def _quick_holds(ax, ay, bx, by, q, f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone):
    """Whether footprint q holds segment a→b by the quick tests alone: a disk's inscribed
    circle, a sector footprint's convex parts."""
    if (
        max(ax, bx) < f_box[q, 0]
        or min(ax, bx) > f_box[q, 2]
        or max(ay, by) < f_box[q, 1]
        or min(ay, by) > f_box[q, 3]
    ):
        return False
    rin = f_rin[q]
    if rin > 0.0:
        d1 = (ax - f_cx[q]) ** 2 + (ay - f_cy[q]) ** 2
        d2 = (bx - f_cx[q]) ** 2 + (by - f_cy[q]) ** 2
        return d1 <= rin * rin and d2 <= rin * rin
    if cone_start[q + 1] == cone_start[q]:
        return False
    return _in_core(ax, ay, bx, by, q, f_cx, f_cy, f_core, f_mcore, cone_start, cone)


@njit(nogil=True)
def _first_holder(ax, ay, bx, by, hint, skip, pair_piece, p0, p1, fp):
    """The footprint of the job (not ``skip``) that holds segment a→b by the quick tests
    alone, ``hint`` (the previous segment's holder) tried first; -1 if none. Run before
    the exact tests: most segments of a dense list lie deep inside the union, and one
    holder found this way saves testing the others' rings. ``fp``: the footprints' box,
    centre x, centre y, inscribed radius, core, mast core, cone start and cones."""
    f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone = fp
    if (
        hint >= 0
        and hint != skip
        and _quick_holds(
            ax, ay, bx, by, hint, f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone
        )
    ):
        return hint
    for qi in range(p0, p1):
        q = pair_piece[qi]
        if q != skip and _quick_holds(
            ax, ay, bx, by, q, f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone
        ):
            return q
    return -1


@njit(nogil=True)
def _ring_area(tx, ty, t_ring, r0, r1, ox):
    """Area of the polygon made of rings r0..r1 (the integral of x dy along them)."""
    a = 0.0
    for r in range(r0, r1):
        for k in range(t_ring[r], t_ring[r + 1] - 1):
            a += _xdy(tx[k], ty[k], tx[k + 1], ty[k + 1], 0.0, 1.0, ox)
    return a


@njit(nogil=True)
def _misses_sector(ax, ay, bx, by, q, f_cx, f_cy, f_rout, f_core, f_mcore, cone_start, cone):
    """Whether segment a→b surely misses sector footprint q: it stays outside the mast
    polygon's circumscribed circle and outside every sector's cone (each widened a
    little), so testing it against q's ring would find nothing. False where unsure
    (no cones known, e.g. sectors of 180° or more)."""
    if cone_start[q + 1] == cone_start[q] or f_core[q] <= 0.0:
        return False
    cx, cy = f_cx[q], f_cy[q]
    eps = 1e-6 * f_rout[q]
    # f_rout / f_core is the disk polygon's circumradius over its inradius (a little
    # more): the same ratio gives the mast polygon's circumradius from its inradius.
    if not _seg_far(ax, ay, bx, by, cx, cy, f_mcore[q] * f_rout[q] / f_core[q] + eps):
        return False
    dx, dy = bx - ax, by - ay
    fx0, fy0 = ax - cx, ay - cy
    for c in range(cone_start[q], cone_start[q + 1]):
        s0, s1, e0, e1 = cone[c, 0], cone[c, 1], cone[c, 2], cone[c, 3]
        lo, hi = 0.0, 1.0
        # inside the widened cone: s × p < eps and e × p > -eps, both linear in t
        for g0, gd in (
            (s0 * fy0 - s1 * fx0 - eps, s0 * dy - s1 * dx),
            (e1 * fx0 - e0 * fy0 - eps, e1 * dx - e0 * dy),
        ):
            if gd == 0.0:
                if g0 >= 0.0:
                    lo, hi = 1.0, 0.0
            elif gd > 0.0:
                hi = min(hi, -g0 / gd)
            else:
                lo = max(lo, -g0 / gd)
        if lo <= hi:
            return False
    return True


@njit(nogil=True)
def _n_pieces(ex, ey, gx, gy, piece_m):
    """The number of pieces edge e→g is measured in: pieces of at most ``piece_m``."""
    return max(1, int(np.ceil(np.hypot(gx - ex, gy - ey) / piece_m)))


@njit(nogil=True)
def _piece(ex, ey, gx, gy, sub, n_sub):
    """Piece ``sub`` of ``n_sub`` of edge e→g (its ends exactly the edge's at 0 and 1)."""
    ax = ex + (gx - ex) * (sub / n_sub) if sub > 0 else ex
    ay = ey + (gy - ey) * (sub / n_sub) if sub > 0 else ey
    bx = ex + (gx - ex) * ((sub + 1) / n_sub) if sub + 1 < n_sub else gx
    by = ey + (gy - ey) * ((sub + 1) / n_sub) if sub + 1 < n_sub else gy
    return ax, ay, bx, by


@njit(nogil=True)
def _holds(ax, ay, bx, by, xs, ys, q, ring_start, tbuf, lo, hi):
    """Whether footprint q (a plain polygon ring) holds segment a→b whole, with no
    midpoint near its edges (then the exact path decides)."""
    m, near = _inside_pieces(ax, ay, bx, by, xs, ys, q, q + 1, ring_start, tbuf, lo, hi, 0)
    return (not near) and _whole_interval(lo, hi, 0, m)
