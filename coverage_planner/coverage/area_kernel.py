"""The compiled kernel of :mod:`.areas`: area of polygons inside a union of footprints
by integrating ``x dy`` along the boundary of their intersection (see there).

Two entry points: :func:`areas_kernel` (one area per job: a target and its candidate
footprints) and :func:`points_kernel`; the segment primitives they are built of are
in :mod:`.area_segments`. Only the entry points keep numba's cache, and numba keys it
on this file alone: :func:`_drop_stale_cache` drops it when the primitives' file
changed, so a kernel compiled with older primitives is never loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import numpy as np
from numba import njit

from coverage_planner.coverage import area_segments
from coverage_planner.coverage.area_segments import (
    _first_holder,
    _holds,
    _in_core,
    _inside_pieces,
    _inside_regular,
    _merge,
    _misses_sector,
    _n_pieces,
    _piece,
    _pip,
    _ring_area,
    _seg_far,
    _shares_edge,
    _whole_interval,
    _xdy,
)


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
    f_core,
    f_mcore,
    cone_start,
    cone,
    f_held,
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
        # Inside one disk whole (every vertex within its inscribed circle) or inside a
        # convex part of one sector footprint (every edge inside one).
        whole = False
        for q in pair_piece[p0:p1]:
            rin = f_rin[q]
            ok = rin > 0.0 or cone_start[q + 1] > cone_start[q]
            for k in range(v0, v1 if rin > 0.0 else v1 - 1):
                if not ok:
                    break
                if rin > 0.0:
                    ok = (tx[k] - f_cx[q]) ** 2 + (ty[k] - f_cy[q]) ** 2 <= rin * rin
                else:
                    ok = _in_core(
                        tx[k],
                        ty[k],
                        tx[k + 1],
                        ty[k + 1],
                        q,
                        f_cx,
                        f_cy,
                        f_core,
                        f_mcore,
                        cone_start,
                        cone,
                    )
            if ok:
                whole = True
                break
        if whole:
            out[jb] = _ring_area(tx, ty, t_ring, r0, r1, ox)
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
            out[jb] = _ring_area(tx, ty, t_ring, r0, r1, ox)
            continue
        area = 0.0
        near_any = False
        # The test of a segment against a footprint q is written out twice below, in
        # both loops: as a shared helper (even inlined) it made the kernel 1.5 times
        # slower (national case 4.2 s -> 6.2 s).
        # 1. The target's edges, where inside some footprint.
        held = -1  # the sector footprint that held the previous edge whole
        holder = -1  # the footprint that held it by the quick tests
        fp = (f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone)
        piece_m = np.inf  # the length of the pieces of long edges: a tenth of a radius
        for q in pair_piece[p0:p1]:
            piece_m = min(piece_m, 0.1 * f_rout[q])
        for r in range(r0, r1):
            for k in range(t_ring[r], t_ring[r + 1] - 1):
                ex, ey, gx, gy = tx[k], ty[k], tx[k + 1], ty[k + 1]
                # A long edge in pieces, as the footprints' edges below.
                n_sub = _n_pieces(ex, ey, gx, gy, piece_m)
                for sub in range(n_sub):
                    ax, ay, bx, by = _piece(ex, ey, gx, gy, sub, n_sub)
                    sx0, sx1 = min(ax, bx), max(ax, bx)
                    sy0, sy1 = min(ay, by), max(ay, by)
                    n = 0
                    full = False
                    if held >= 0 and _holds(ax, ay, bx, by, fx, fy, held, f_ring, tbuf, lo2, hi2):
                        area += _xdy(ax, ay, bx, by, 0.0, 1.0, ox)
                        continue
                    found = _first_holder(ax, ay, bx, by, holder, -1, pair_piece, p0, p1, fp)
                    if found >= 0:
                        holder = found  # kept as the next one's first guess
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
                        if f_rin[q] <= 0.0 and _misses_sector(
                            ax, ay, bx, by, q, f_cx, f_cy, f_rout, f_core, f_mcore, cone_start, cone
                        ):
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
            holder = -1
            for k in range(f_ring[p], f_ring[p + 1] - 1):
                ex, ey, gx, gy = fx[k], fy[k], fx[k + 1], fy[k + 1]
                if max(ex, gx) < bx0 or min(ex, gx) > bx1 or max(ey, gy) < by0 or min(ey, gy) > by1:
                    continue
                # A long edge (a sector's radial edge is almost the radius) lies in the
                # union while no single convex part holds it: in pieces, most are held by
                # the quick tests. The pieces add up to the edge's integral exactly.
                n_sub = _n_pieces(ex, ey, gx, gy, 0.1 * f_rout[p])
                for sub in range(n_sub):
                    if sub < 63 and (f_held[k] >> sub) & 1:
                        continue  # inside another footprint (found once, see held_pieces)
                    ax, ay, bx, by = _piece(ex, ey, gx, gy, sub, n_sub)
                    sx0, sx1 = min(ax, bx), max(ax, bx)
                    sy0, sy1 = min(ay, by), max(ay, by)
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
                    found = _first_holder(ax, ay, bx, by, holder, p, pair_piece, p0, p1, fp)
                    if found >= 0:
                        holder = found
                        continue  # inside another footprint: not on the union's boundary
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
                        if f_rin[q] <= 0.0 and _misses_sector(
                            ax, ay, bx, by, q, f_cx, f_cy, f_rout, f_core, f_mcore, cone_start, cone
                        ):
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
                            same = _shares_edge(ex, ey, gx, gy, fx, fy, f_ring[q], f_ring[q + 1])
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
                    m, near = _inside_pieces(
                        ax, ay, bx, by, tx, ty, r0, r1, t_ring, tbuf, lo2, hi2, 0
                    )
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


@njit(cache=True, nogil=True)
def whole_in_sectors(
    t, cand, tx, ty, t_ring, t_owner, f_cx, f_cy, f_core, f_mcore, cone_start, cone
):
    """Whether each target ``t[i]`` lies whole inside one of the sector footprints
    ``cand[i]`` (-1: none) by the quick tests: each of its edges inside a convex part of
    the footprint (a footprint is one simple ring, so the target lies inside it)."""
    out = np.zeros(len(t), dtype=np.bool_)
    for i in range(len(t)):
        v0, v1 = t_ring[t_owner[t[i]]], t_ring[t_owner[t[i] + 1]]
        for q in cand[i]:
            if q < 0:
                continue
            ok = v1 - v0 > 1
            for k in range(v0, v1 - 1):
                if not _in_core(
                    tx[k],
                    ty[k],
                    tx[k + 1],
                    ty[k + 1],
                    q,
                    f_cx,
                    f_cy,
                    f_core,
                    f_mcore,
                    cone_start,
                    cone,
                ):
                    ok = False
                    break
            if ok:
                out[i] = True
                break
    return out


@njit(cache=True, nogil=True)
def held_pieces(
    ps,
    nb_start,
    nb,
    fx,
    fy,
    f_ring,
    f_rout,
    f_box,
    f_cx,
    f_cy,
    f_rin,
    f_core,
    f_mcore,
    cone_start,
    cone,
    f_held,
):
    """For the edges of footprints ``ps[i]`` (neighbours ``nb[nb_start[i]:nb_start[i + 1]]``,
    nearest first), the bit mask of the pieces (as :func:`areas_kernel` cuts them) that
    another footprint holds by the quick tests: inside the union, so on no target's
    boundary of coverage. Found once per technology instead of for every target that
    the edge crosses; only for the union of all the footprints (``areas``)."""
    fp = (f_box, f_cx, f_cy, f_rin, f_core, f_mcore, cone_start, cone)
    for i in range(len(ps)):
        p = ps[i]
        holder = -1
        for k in range(f_ring[p], f_ring[p + 1] - 1):
            ex, ey, gx, gy = fx[k], fy[k], fx[k + 1], fy[k + 1]
            n_sub = _n_pieces(ex, ey, gx, gy, 0.1 * f_rout[p])
            mask = 0
            for sub in range(min(n_sub, 63)):
                ax, ay, bx, by = _piece(ex, ey, gx, gy, sub, n_sub)
                found = _first_holder(
                    ax, ay, bx, by, holder, p, nb, nb_start[i], nb_start[i + 1], fp
                )
                if found >= 0:
                    holder = found  # the next piece's first guess, kept past a miss
                    mask |= 1 << sub
            f_held[k] = mask


@njit(cache=True, nogil=True)
def sort_groups(key, starts):
    """The order that sorts ``key`` within each group ``starts[g]:starts[g + 1]`` (stable),
    groups kept in place."""
    order = np.empty(len(key), dtype=np.int64)
    for g in range(len(starts) - 1):
        s0, s1 = starts[g], starts[g + 1]
        order[s0:s1] = s0 + np.argsort(key[s0:s1], kind="mergesort")
    return order


def _drop_stale_cache() -> None:
    """Drop the entry points' cached machine code when :mod:`.area_segments` is not
    the file it was compiled with (its digest is kept beside numba's cache)."""
    digest = hashlib.sha256(Path(area_segments.__file__).read_bytes()).hexdigest()
    for kernel in (areas_kernel, points_kernel, sort_groups, whole_in_sectors, held_pieces):
        cache = kernel._cache  # numba's FunctionCache of a cache=True dispatcher
        marker = Path(cache.cache_path) / f"{kernel.__name__}.segments-digest"
        with contextlib.suppress(OSError):
            if marker.read_text() == digest:
                continue
        # a read-only install writes no cache either: nothing to drop there
        with contextlib.suppress(OSError):
            cache.flush()
            marker.write_text(digest)


_drop_stale_cache()
