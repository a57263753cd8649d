"""Per-polygon cell counts on the terrain model's grids, without temporaries.

``np.bincount(labels, weights=covered)`` converts a province's label grid to int64 and
its covered grid to float64 first (over 200 MB on the demo's 13 M cells, per
technology); this kernel counts in one pass over the grids as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit


@njit(cache=True)
def _counts(labels, covered, n):  # pragma: no cover - compiled
    cells = np.zeros(n + 1, dtype=np.int64)
    hits = np.zeros(n + 1, dtype=np.int64)
    for i in range(labels.shape[0]):
        lab = labels[i]
        cells[lab] += 1
        if covered[i]:
            hits[lab] += 1
    return cells[1:], hits[1:]


def label_counts(labels: np.ndarray, covered: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For labels 1..n of ``labels`` (0: no polygon): the number of cells of each and
    the number of those that are ``covered`` (a boolean grid of the same shape).

    Returns
    -------
    cells, hits
        int64 arrays of length ``n``.
    """
    lab = np.ascontiguousarray(labels).ravel()
    cov = np.ascontiguousarray(covered).ravel()
    if lab.shape != cov.shape:
        raise ValueError("labels and covered must have the same shape")
    if len(lab) and (lab.min() < 0 or lab.max() > n):
        raise ValueError("labels must lie in 0..n")
    return _counts(lab, cov.view(np.uint8) if cov.dtype == bool else cov, int(n))


@njit(cache=True)
def _at_least(level, threshold, out):  # pragma: no cover - compiled
    for i in range(level.shape[0]):
        out[i] = np.float64(level[i]) >= threshold


def at_least(level: np.ndarray, threshold: float) -> np.ndarray:
    """``level >= threshold`` compared in float64 (as the kernels count servers), without
    the float64 copy of the grid numpy's promotion would make."""
    flat = np.ascontiguousarray(level).ravel()
    out = np.empty(flat.shape, dtype=np.bool_)
    _at_least(flat, float(threshold), out.view(np.uint8))
    return out.reshape(np.shape(level))


NEAR_KM, FAR_KM = 1.0, 20.0  # the distances Hata's law was fitted on (see validity)


@dataclass
class Tally:
    """What the figures of one technology count on its grids, kept so an edit adds
    and removes the cells it changes rather than counting a province again.

    ``village_hits``/``commune_hits``: covered cells per label (index 0: no polygon);
    ``near``/``far``/``total``: covered cells with a best server, those under 1 km and
    over 20 km from it (the path-loss law's range, see ``validity``).
    """

    village_hits: np.ndarray
    commune_hits: np.ndarray
    near: int = 0
    far: int = 0
    total: int = 0

    def copy(self) -> Tally:
        return Tally(
            self.village_hits.copy(), self.commune_hits.copy(), self.near, self.far, self.total
        )


@njit(cache=True)
def _tally(
    vlab, clab, level, server, threshold, sx, sy, x0, y0, res, r0, c0, sign, vhits, chits
):  # pragma: no cover - compiled
    near = far = total = 0
    for i in range(level.shape[0]):
        cy = y0 - (r0 + i + 0.5) * res
        for j in range(level.shape[1]):
            if np.float64(level[i, j]) >= threshold:
                vhits[vlab[i, j]] += sign
                chits[clab[i, j]] += sign
                s = server[i, j]
                if s >= 0:
                    cx = x0 + (c0 + j + 0.5) * res
                    d = np.hypot(cx - sx[s], cy - sy[s]) / 1000.0
                    total += 1
                    near += d < NEAR_KM
                    far += d > FAR_KM
    return sign * near, sign * far, sign * total


def tally(
    into: Tally,
    rasters,
    labels: tuple[np.ndarray, np.ndarray],
    site_xy: np.ndarray,
    grid,
    box: tuple[int, int, int, int] | None = None,
    *,
    sign: int = 1,
) -> None:
    """Add (``sign`` 1) or take away (-1) the cells of ``box`` (output cells, end
    excluded; the whole grid when None) of ``rasters`` to ``into``: covered cells per
    village and commune label, and per distance to their best server (``site_xy``:
    the sites' coordinates by row)."""
    r0, c0, r1, c1 = box if box is not None else (0, 0, *rasters.level.shape)
    vlab, clab = labels
    near, far, total = _tally(
        vlab[r0:r1, c0:c1],
        clab[r0:r1, c0:c1],
        rasters.level[r0:r1, c0:c1],
        rasters.server[r0:r1, c0:c1],
        np.float64(rasters.threshold),
        np.ascontiguousarray(site_xy[:, 0], dtype=np.float64),
        np.ascontiguousarray(site_xy[:, 1], dtype=np.float64),
        float(grid.transform.c),
        float(grid.transform.f),
        float(grid.res),
        r0,
        c0,
        sign,
        into.village_hits,
        into.commune_hits,
    )
    into.near += near
    into.far += far
    into.total += total


def new_tally(n_villages: int, n_communes: int) -> Tally:
    return Tally(np.zeros(n_villages + 1, np.int64), np.zeros(n_communes + 1, np.int64))


@njit(cache=True)
def _near_far(cx, cy, x, y):  # pragma: no cover - compiled
    d = np.hypot(cx - x, cy - y) / 1000.0
    return d < NEAR_KM, d > FAR_KM


@njit(cache=True)
def _retally(
    vlab, clab, lev_b, srv_b, lev_a, srv_a, threshold, xb, yb, xa, ya, x0, y0, res, r0, c0, vh, ch
):  # pragma: no cover - compiled
    near = far = total = 0
    for i in range(lev_b.shape[0]):
        cy = y0 - (r0 + i + 0.5) * res
        for j in range(lev_b.shape[1]):
            cov_b = np.float64(lev_b[i, j]) >= threshold
            cov_a = np.float64(lev_a[i, j]) >= threshold
            sb, sa = srv_b[i, j], srv_a[i, j]
            if cov_b == cov_a:
                if not cov_b:
                    continue
                if sb < 0 and sa < 0:
                    continue
                if sb >= 0 and sa >= 0 and xb[sb] == xa[sa] and yb[sb] == ya[sa]:
                    continue
            cx = x0 + (c0 + j + 0.5) * res
            if cov_b:
                vh[vlab[i, j]] -= 1
                ch[clab[i, j]] -= 1
                if sb >= 0:
                    n, f = _near_far(cx, cy, xb[sb], yb[sb])
                    total -= 1
                    near -= n
                    far -= f
            if cov_a:
                vh[vlab[i, j]] += 1
                ch[clab[i, j]] += 1
                if sa >= 0:
                    n, f = _near_far(cx, cy, xa[sa], ya[sa])
                    total += 1
                    near += n
                    far += f
    return near, far, total


def retally_box(
    into: Tally,
    before,
    after,
    labels: tuple[np.ndarray, np.ndarray],
    xy_before: np.ndarray,
    xy_after: np.ndarray,
    grid,
    box: tuple[int, int, int, int],
) -> None:
    """The cells of ``box`` changed from ``before`` to ``after`` (rasters of one
    threshold; their servers are rows of ``xy_before`` and ``xy_after``): ``into``
    follows, as :func:`tally` taking ``before`` away and adding ``after`` would make
    it, in one pass that skips the cells whose count is the same (most of an edit's
    box)."""
    if before.threshold != after.threshold:
        raise ValueError("the rasters of one technology have one threshold")
    r0, c0, r1, c1 = box
    vlab, clab = labels

    def xy(a: np.ndarray, k: int) -> np.ndarray:
        return np.ascontiguousarray(a[:, k], dtype=np.float64)

    near, far, total = _retally(
        vlab[r0:r1, c0:c1],
        clab[r0:r1, c0:c1],
        before.level[r0:r1, c0:c1],
        before.server[r0:r1, c0:c1],
        after.level[r0:r1, c0:c1],
        after.server[r0:r1, c0:c1],
        np.float64(before.threshold),
        xy(xy_before, 0),
        xy(xy_before, 1),
        xy(xy_after, 0),
        xy(xy_after, 1),
        float(grid.transform.c),
        float(grid.transform.f),
        float(grid.res),
        r0,
        c0,
        into.village_hits,
        into.commune_hits,
    )
    into.near += near
    into.far += far
    into.total += total
