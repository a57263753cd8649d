"""Terrain profiles of a site: for every cell of a window around the antenna, the terrain
terms of the path-loss model, from radial profiles walked outwards from the antenna.

Along each radial, ground heights are sampled every cell (bilinear) and, for every
sample taken as a receiver, three things are kept as the walk goes on, each in constant
(amortised) time:

- the **effective antenna height**: the antenna's height above the *average profile*,
  ``z_antenna − mean(ground from the mast to the receiver)`` (the "height above average
  profile" method of the standard propagation model; on flat ground it is the mast
  height, on a ridge above a valley hundreds of metres);
- the **transmitter horizon**: the steepest slope from the antenna to the terrain before
  the receiver (line of sight when the receiver is above it);
- the **receiver horizon**: the steepest slope from the receiver back to the terrain,
  the tangent from the receiver to the upper convex hull of the profile behind it (the
  hull is kept as a stack, so the whole radial costs O(n)).

Heights are lowered by the earth's bulge ``x² / 2kR``: a shear of the curved-earth
profile of ITU-R P.526 (``h + x(d−x)/2kR``) by a line through the transmitter, which
leaves every height above the direct ray and every intersection point unchanged.

Where the terrain cuts the direct ray, the two horizons meet at the **Bullington point**
of ITU-R P.526-15 §4.5.1 (eqs. 38-44 there): with ``S_t`` and ``S_r`` the two horizon
slopes, ``d_b = (h_r − h_t + S_r d) / (S_t + S_r)`` and the point's height above the
direct ray ``h_b``; its diffraction parameter is ``ν_b = h_b √(2d / (λ d_b (d − d_b)))``.
The kernel stores the geometric part ``g = h_b √(2d / (d_b (d − d_b)))`` (m^½), so that
``ν_b = g / √λ`` serves every frequency from one walk. Paths in line of sight store
``g = −inf``.

A cell takes the terms of the nearest sample of the nearest radial (one radial per cell
of the window's rim, so neighbouring radials are at most a cell apart). Radials are
sampled every DEM cell even where the cells of the window are larger.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from coverage_planner.coverage.terrain.grid import centred

NO_OBSTACLE = -np.inf


@njit(cache=True)
def walk_profile(
    ground, step, mast_m, rx_m, k_radius, min_heff, out_g, out_heff, needed, max_heff=np.inf
):  # pragma: no cover - compiled
    """Terrain terms of every sample of one radial (``ground[0]`` is under the mast).

    Writes ``out_g[j]`` (Bullington geometric factor, −inf in line of sight) and
    ``out_heff[j]`` (effective antenna height above the average profile, at least
    ``min_heff``, at most ``max_heff``) for the receiver at sample ``j``. Where
    ``needed`` (uint8, one per sample; empty for all) is 0, no cell reads the sample:
    the walk only carries the horizon and the mean height past it, writes ``out_g[j]``
    as in line of sight and leaves ``out_heff[j]`` unset (it saves the Bullington
    point, the costly part, for a half to three quarters of the samples).
    """
    every = needed.shape[0] == 0
    n = ground.shape[0]
    z_tx = ground[0] + mast_m
    hull_x = np.empty(n)
    hull_y = np.empty(n)
    top = 0  # hull points of samples 1 .. j-1
    t_slope = -np.inf  # steepest slope from the antenna to samples 1 .. j-1
    total = ground[0]
    half_curv = 0.5 / k_radius
    inv_step = 1.0 / step
    out_g[0] = NO_OBSTACLE
    out_heff[0] = min(max(mast_m, min_heff), max_heff)
    # Divisions cost more than the rest of a sample's work: slopes are compared by
    # cross-multiplication, distances inverted once.
    for j in range(1, n):
        d = j * step
        inv_d = inv_step / j
        gj = ground[j] - d * d * half_curv
        q = gj + rx_m  # the receiver, in bulge-lowered heights
        total += ground[j]
        wanted = every or needed[j] != 0
        if wanted:
            out_heff[j] = min(max(z_tx - total / (j + 1), min_heff), max_heff)
        s_tr = (q - z_tx) * inv_d
        g = NO_OBSTACLE
        if top > 0 and t_slope > s_tr and wanted:
            # Receiver horizon: the hull vertex with the steepest slope from q, found
            # walking back from the hull's end. q lies above the new sample, so the
            # vertices walked over are (but the last) those the sample is about to pop
            # from the hull: amortised constant time.
            lo = top - 1
            while lo > 0:
                # slope to lo-1 >= slope to lo, denominators positive
                if (hull_y[lo - 1] - q) * (d - hull_x[lo]) < (hull_y[lo] - q) * (
                    d - hull_x[lo - 1]
                ):
                    break
                lo -= 1
            s_r = (hull_y[lo] - q) / (d - hull_x[lo])
            d_b = (q - z_tx + s_r * d) / (t_slope + s_r)
            if d_b > 0.0 and d_b < d:
                h_b = z_tx + t_slope * d_b - (z_tx * (d - d_b) + q * d_b) * inv_d
                g = h_b * np.sqrt(2.0 * d / (d_b * (d - d_b)))
        out_g[j] = g
        # The sample joins the profile behind the next receivers.
        s = (gj - z_tx) * inv_d
        if s > t_slope:
            t_slope = s
        while top >= 2:
            ax, ay = hull_x[top - 2], hull_y[top - 2]
            bx, by = hull_x[top - 1], hull_y[top - 1]
            # drop b when it lies on or under the segment from a to the new point
            if (by - ay) * (d - ax) <= (gj - ay) * (bx - ax):
                top -= 1
            else:
                break
        hull_x[top] = d
        hull_y[top] = gj
        top += 1


@njit(cache=True)
def _bilinear(z, y, x):  # pragma: no cover - compiled
    size = z.shape[0]
    i0 = int(np.floor(y))
    j0 = int(np.floor(x))
    i0 = min(max(i0, 0), size - 2)
    j0 = min(max(j0, 0), size - 2)
    wy = y - i0
    wx = x - j0
    return (1.0 - wy) * ((1.0 - wx) * z[i0, j0] + wx * z[i0, j0 + 1]) + wy * (
        (1.0 - wx) * z[i0 + 1, j0] + wx * z[i0 + 1, j0 + 1]
    )


@njit(cache=True)
def radial_terms(
    z, step, mast_m, rx_m, k_radius, min_heff, n_radials, needed, max_heff, last
):  # pragma: no cover
    """Bullington factor, effective height and ground of every sample of ``n_radials``
    radial profiles of the DEM window ``z`` centred on the mast, sampled every ``step``
    metres (one DEM cell): three (n_radials, n + 1) arrays. ``needed`` ((n_radials,
    n + 1) uint8, or (0, 0) for every sample) marks the samples cells read; the
    Bullington factor of the others is left as in line of sight. ``last`` (one per
    radial, or empty for every radial to its end) walks radial ``k`` only up to sample
    ``last[k]`` (none where it is negative), leaving the rest of its row unset: a walk
    is sequential, so the samples it reaches have the terms of the whole walk."""
    n = z.shape[0] // 2
    # float32 keeps the three arrays in cache for the cells that read them
    g_r = np.empty((n_radials, n + 1), dtype=np.float32)
    h_r = np.empty((n_radials, n + 1), dtype=np.float32)
    z_r = np.empty((n_radials, n + 1), dtype=np.float32)
    prof = np.empty(n + 1)
    masked = needed.shape[0] > 0
    whole = last.shape[0] == 0
    none = np.empty(0, dtype=np.uint8)
    g = np.empty(n + 1)
    h = np.empty(n + 1)
    for k in range(n_radials):
        m = n if whole else last[k]
        if m < 0:
            continue
        theta = 2.0 * np.pi * k / n_radials  # bearing from north, clockwise
        dy = -np.cos(theta)
        dx = np.sin(theta)
        prof[0] = z[n, n]
        for j in range(1, m + 1):
            prof[j] = _bilinear(z, n + j * dy, n + j * dx)
        walk_profile(
            prof[: m + 1],
            step,
            mast_m,
            rx_m,
            k_radius,
            min_heff,
            g[: m + 1],
            h[: m + 1],
            needed[k, : m + 1] if masked else none,
            max_heff,
        )
        for j in range(m + 1):
            g_r[k, j] = max(g[j], -3.0e38)  # −inf as the lowest float32
            h_r[k, j] = h[j]
            z_r[k, j] = prof[j]
    return g_r, h_r, z_r


_RADIALS: dict = {}


def radial_count(n: int) -> int:
    """Radials for a (2n+1)² window: one per cell of its rim."""
    return max(8, int(np.ceil(2.0 * np.pi * n)))


def radial_map(
    n: int, ratio: int = 1, offset: tuple[int, int] = (0, 0), n_radials: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """For a (2n+1)² window of cells ``ratio`` DEM cells wide whose centre lies
    ``offset`` DEM cells (rows, columns) from the mast: each cell's nearest radial (of
    ``n_radials``, by default one per cell of the rim) and sample (in DEM cells)."""
    n_radials = n_radials or radial_count(n)

    def build(n: int) -> tuple[np.ndarray, np.ndarray]:
        di, dj = np.mgrid[-n : n + 1, -n : n + 1].astype(np.float64)
        di = di * ratio + offset[0]
        dj = dj * ratio + offset[1]
        theta = np.arctan2(dj, -di) % (2.0 * np.pi)
        radial = np.rint(theta / (2.0 * np.pi / n_radials)).astype(np.int32) % n_radials
        return radial, np.rint(np.hypot(di, dj)).astype(np.int32)

    return centred(_RADIALS, (ratio, offset, n_radials), n, build)


@njit(cache=True)
def mark_read(needed, radial, sample, step, lower):  # pragma: no cover - compiled
    """Mark in ``needed`` (radials × samples) the sample each cell of a tier's window
    reads (the last one for cells beyond the walk), but for the cells inside the tier's
    inner bound ``lower`` (the same test as the level kernel's): the Bullington point
    is computed only there."""
    size = radial.shape[0]
    n = size // 2
    last = needed.shape[1] - 1
    for a in range(size):
        for b in range(size):
            if step * np.sqrt((a - n) ** 2 + (b - n) ** 2) <= lower:
                continue
            needed[radial[a, b], min(sample[a, b], last)] = 1


def profile_terms(
    ground: np.ndarray,
    step_m: float,
    mast_m: float,
    *,
    receiver_m: float = 1.5,
    k_radius_m: float = 4.0 / 3.0 * 6_371_000.0,
    min_effective_height_m: float = 1.0,
    max_effective_height_m: float = np.inf,
) -> tuple[np.ndarray, np.ndarray]:
    """Bullington factor ``g`` (ν = g/√λ) and effective antenna height for a receiver at
    each sample of a single profile (``ground[0]`` under the mast, one sample per
    ``step_m``)."""
    ground = np.ascontiguousarray(ground, dtype=np.float64)
    g = np.empty(len(ground))
    heff = np.empty(len(ground))
    walk_profile(
        ground,
        float(step_m),
        float(mast_m),
        float(receiver_m),
        float(k_radius_m),
        float(min_effective_height_m),
        g,
        heff,
        np.empty(0, dtype=np.uint8),
        float(max_effective_height_m),
    )
    return g, heff
