"""Line of sight over a DEM window: the terrain horizon seen from the antenna, for
every cell of the window (no gaps between rays at long range).

The horizon is propagated ring by ring outwards from the antenna (XDraw, Franklin &
Ray 1994): a cell's horizon is the steepest slope of the terrain between it and the
antenna, taken from the ring inside it where the ray crosses, interpolated between
the two cells there. Heights are lowered by the earth's bulge with an effective
radius k·R (k = 4/3). Compiled with numba: about a millisecond per 100,000 cells.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from coverage_planner.coverage.terrain.grid import centred
from coverage_planner.coverage.terrain.radio import EARTH_RADIUS_M, K_FACTOR


def window_geometry(n: int, res: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance (m), log10 of the distance in km (at least 20 m) and bearing (degrees from
    north) of every cell of a (2n+1)² window from its centre; the same for every site."""

    def build(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        di, dj = np.mgrid[-n : n + 1, -n : n + 1].astype(np.float64)
        dist = res * np.hypot(di, dj)
        logd = np.log10(np.maximum(dist / 1000.0, 0.02))
        return dist, logd, np.degrees(np.arctan2(dj, -di)) % 360.0

    return centred(_GEOMETRY, res, n, build, limit=8)


_GEOMETRY: dict = {}


@njit  # compiled into horizon's cached code: a nested function with a cache of its own,
# compiled by two worker processes at once, can mismatch it (numba#4807)
def _slopes(dem, dist, z_tx, k_radius):  # pragma: no cover - compiled
    size = dem.shape[0]
    slope = np.empty((size, size), dtype=np.float64)
    for i in range(size):
        for j in range(size):
            d = dist[i, j]
            if d == 0.0:
                slope[i, j] = -np.inf
            else:
                slope[i, j] = (dem[i, j] - d * d / (2.0 * k_radius) - z_tx) / d
    return slope


@njit(cache=True)
def horizon(dem, dist, z_tx, k_radius):  # pragma: no cover - compiled
    """For each cell: the horizon slope before it, and the distance of that horizon.

    ``dem`` is a square window of odd side centred on the antenna, ``dist`` the
    distance of its cells from the centre.
    """
    n = dem.shape[0] // 2
    size = dem.shape[0]
    slope = _slopes(dem, dist, z_tx, k_radius)
    hor = np.full((size, size), -np.inf)
    hdist = np.zeros((size, size))
    # best: the steepest slope up to and including the cell; bdist: where it is.
    best = np.full((size, size), -np.inf)
    bdist = np.zeros((size, size))
    best[n, n] = -np.inf
    for r in range(1, n + 1):
        for side in range(4):
            for t in range(-r, r + 1):
                if side == 0:
                    di, dj = -r, t
                elif side == 1:
                    di, dj = r, t
                elif side == 2:
                    if t == -r or t == r:
                        continue
                    di, dj = t, -r
                else:
                    if t == -r or t == r:
                        continue
                    di, dj = t, r
                i, j = n + di, n + dj
                if r == 1:
                    h, hd = -np.inf, 0.0
                else:
                    f = (r - 1) / r
                    if abs(di) == r:
                        pi = n + (r - 1) * (1 if di > 0 else -1)
                        x = dj * f
                        lo = int(np.floor(x))
                        w = x - lo
                        a_i, a_j, b_i, b_j = pi, n + lo, pi, n + min(lo + 1, r - 1)
                    else:
                        pj = n + (r - 1) * (1 if dj > 0 else -1)
                        x = di * f
                        lo = int(np.floor(x))
                        w = x - lo
                        a_i, a_j, b_i, b_j = n + lo, pj, n + min(lo + 1, r - 1), pj
                    ma, mb = best[a_i, a_j], best[b_i, b_j]
                    if w == 0.0 or mb == -np.inf:
                        h, hd = ma, bdist[a_i, a_j]
                    elif ma == -np.inf:
                        h, hd = mb, bdist[b_i, b_j]
                    else:
                        h = (1.0 - w) * ma + w * mb
                        hd = bdist[a_i, a_j] if ma >= mb else bdist[b_i, b_j]
                hor[i, j] = h
                hdist[i, j] = hd
                s = slope[i, j]
                if s >= h:
                    best[i, j] = s
                    bdist[i, j] = dist[i, j]
                else:
                    best[i, j] = h
                    bdist[i, j] = hd
    return hor, hdist


def line_of_sight(
    dem: np.ndarray,
    res: float,
    antenna_height: float,
    *,
    receiver_height: float = 1.5,
    k_factor: float = K_FACTOR,
) -> np.ndarray:
    """Visible cells of a square window centred on the antenna (a boolean array)."""
    n = dem.shape[0] // 2
    z_tx = float(dem[n, n]) + antenna_height
    dist = window_geometry(n, float(res))[0]
    hor, _ = horizon(
        np.ascontiguousarray(dem, dtype=np.float64), dist, z_tx, k_factor * EARTH_RADIUS_M
    )
    bulge = dist**2 / (2 * k_factor * EARTH_RADIUS_M)
    with np.errstate(invalid="ignore", divide="ignore"):
        target = (dem + receiver_height - bulge - z_tx) / dist
    visible = target >= hor
    visible[n, n] = True
    return visible


@njit(cache=True)
def sector_gain(bearing, azimuths, beamwidth, front_to_back):  # pragma: no cover - compiled
    """Best relative gain (dB) over a site's sectors for each cell; 0 for an omni site."""
    out = np.zeros(bearing.shape)
    if azimuths.shape[0] == 0:
        return out
    scale = 12.0 / (beamwidth * beamwidth)
    for i in range(bearing.shape[0]):
        for j in range(bearing.shape[1]):
            smallest = front_to_back
            for k in range(azimuths.shape[0]):
                phi = bearing[i, j] - azimuths[k]  # both in [0, 360): one turn corrects it
                if phi > 180.0:
                    phi -= 360.0
                elif phi < -180.0:
                    phi += 360.0
                att = scale * phi * phi
                if att < smallest:
                    smallest = att
            out[i, j] = -smallest
    return out


EMPTY = -32768  # int16 window cell the site does not reach (in this tier)


@njit(cache=True)
def fold_window(
    level_grid, server_grid, count_grid, row0, col0, levels, threshold, site
):  # pragma: no cover
    """Fold a site's window (int16 centi-dBm, top-left cell at ``row0``, ``col0`` of the
    tier grid) into the tier's grids: best level, best server (a tie keeps the lower
    site row, whatever the order sites come in), servers at or above ``threshold``."""
    height, width = level_grid.shape
    rows, cols = levels.shape
    for a in range(rows):
        gi = row0 + a
        if gi < 0 or gi >= height:
            continue
        for b in range(cols):
            gj = col0 + b
            if gj < 0 or gj >= width:
                continue
            q = levels[a, b]
            if q == EMPTY:
                continue
            stored = np.float32(q) / np.float32(100.0)
            current = level_grid[gi, gj]
            if stored > current or (
                stored == current and (server_grid[gi, gj] < 0 or site < server_grid[gi, gj])
            ):
                level_grid[gi, gj] = stored
                server_grid[gi, gj] = site
            if stored >= threshold:
                count_grid[gi, gj] += 1


@njit(cache=True)
def compose_tier(level, server, servers, c_level, c_server, c_servers, c):  # pragma: no cover
    """Fold a tier of ``c`` × larger cells into the fine grids (best level, a tie keeps
    the lower site row; counts add)."""
    height, width = level.shape
    for i in range(height):
        ci = i // c
        for j in range(width):
            cj = j // c
            lv = c_level[ci, cj]
            sv = c_server[ci, cj]
            if lv > level[i, j] or (
                lv == level[i, j] and sv >= 0 and (server[i, j] < 0 or sv < server[i, j])
            ):
                level[i, j] = lv
                server[i, j] = sv
            servers[i, j] += c_servers[ci, cj]
