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

from coverage_planner.coverage.terrain.radio import EARTH_RADIUS_M, K_FACTOR


def window_geometry(n: int, res: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance (m), log10 of the distance in km (at least 20 m) and bearing (degrees from
    north) of every cell of a (2n+1)² window from its centre; the same for every site."""
    key = (n, res)
    if key not in _GEOMETRY:
        di, dj = np.mgrid[-n : n + 1, -n : n + 1].astype(np.float64)
        dist = res * np.hypot(di, dj)
        logd = np.log10(np.maximum(dist / 1000.0, 0.02))
        bearing = np.degrees(np.arctan2(dj, -di)) % 360.0
        if len(_GEOMETRY) > 4:  # the few window sizes of a run; keeps memory flat
            _GEOMETRY.clear()
        _GEOMETRY[key] = (dist, logd, bearing)
    return _GEOMETRY[key]


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


NU_STEP = 0.005
NU_MAX = 60.0


def diffraction_table() -> np.ndarray:
    """Bullington loss J(ν) and its multiple-edge weight 1 − exp(−J/6) (ITU-R P.526-15
    eqs. 31 and 44) every ``NU_STEP`` from ν = −0.78 to ``NU_MAX``, for linear
    interpolation in the kernel (error under 1e-3 dB; exact formula beyond the table)."""
    nu = -0.78 + NU_STEP * np.arange(int((NU_MAX + 0.78) / NU_STEP) + 2)
    j = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
    j[0] = max(j[0], 0.0)
    return np.stack([j, 1.0 - np.exp(-j / 6.0)], axis=1)


@njit(cache=True)
def cell_terms(
    g_r,
    h_r,
    z_r,
    cell_radial,
    cell_sample,
    log_d,
    z_tx,
    rx_h,
    reach,
    step,
    offset_r,
    offset_c,
    lower,
    factor,
    row,
    col,
    prow,
    pcol,
    parent_res,
    upper,
    height,
    width,
    clutter,
):  # pragma: no cover - compiled
    """What every technology of a site shares in a tier's window: which cells the tier
    reaches, and for those (from the nearest sample of the nearest radial, ``g_r``,
    ``h_r``, ``z_r`` of :func:`~.profiles.radial_terms`) log10 d_km (``log_d``), log10
    H_eff, (Δh / d)² (the slant distance's excess), d_km and the Bullington factor.

    A cell belongs to the tier when it lies beyond ``lower`` of the site's cell and the
    next tier's cell holding it (``factor`` × larger, of side ``parent_res``) lies within
    ``upper`` of the site's cell there (``prow``, ``pcol``): the tiers' tests meet on the
    same cells, so a cell is reached through exactly one tier. The window is centred on
    the site's cell (``row``, ``col``) of the tier, whose centre lies ``offset_r``,
    ``offset_c`` metres from the mast."""
    size = cell_radial.shape[0]
    n = size // 2
    last = g_r.shape[1] - 1
    terms = np.full((size, size, 6), np.nan, dtype=np.float32)
    has_clutter = clutter.shape[0] > 0
    for a in range(size):
        gi = row - n + a
        if gi < 0 or gi >= height:
            continue
        for b in range(size):
            gj = col - n + b
            d = _tier_distance(
                a, b, n, gi, gj, width, step, offset_r, offset_c, lower, upper, factor,
                prow, pcol, parent_res, reach,
            )  # fmt: skip
            if d < 0.0:
                continue
            k = cell_radial[a, b]
            j = min(cell_sample[a, b], last)
            d_km = max(d / 1000.0, 0.01)
            dz = z_tx - z_r[k, j] - rx_h
            terms[a, b, 0] = log_d[a, b]
            terms[a, b, 1] = np.log10(max(h_r[k, j], 1.0))
            # the slope down to the receiver: the slant distance's excess over d (for the
            # free-space floor) and the angle below the horizontal (vertical pattern)
            terms[a, b, 2] = dz / max(d, 1.0)
            terms[a, b, 3] = d_km
            terms[a, b, 4] = g_r[k, j]
            # land cover at the receiver's cell of this tier (``clutter``, dB)
            terms[a, b, 5] = clutter[gi, gj] if has_clutter else 0.0
    return terms


EMPTY = -32768  # int16 window cell the site does not reach (in this tier)


@njit(inline="always")
def _tier_distance(
    a, b, n, gi, gj, width, step, offset_r, offset_c, lower, upper, factor, prow, pcol,
    parent_res, reach,
):  # fmt: skip  # pragma: no cover - compiled
    """The distance (m) from the mast of window cell (``a``, ``b``), at (``gi``, ``gj``)
    of the tier's grid, when the tier reaches it (see :func:`cell_terms`); −1 when not."""
    if gj < 0 or gj >= width:
        return -1.0
    if step * np.sqrt((a - n) ** 2 + (b - n) ** 2) <= lower:
        return -1.0
    if upper < np.inf:
        pr = gi // factor - prow
        pc = gj // factor - pcol
        if parent_res * np.sqrt(pr * pr + pc * pc) > upper:
            return -1.0
    y = (a - n) * step + offset_r
    x = (b - n) * step + offset_c
    d = np.sqrt(x * x + y * y)
    if d > reach:
        return -1.0
    return d


@njit(inline="always")
def _level(
    ld,
    lh,
    slope,
    theta_deg,
    d_km,
    gg,
    clutter_db,
    gain,
    eirp,
    k2,
    k3,
    k4,
    k5,
    base,
    fs_const,
    inv_sqrt_lambda,
    table,
    tilt,
    v_beam,
    v_sla,
    front_to_back,
):  # pragma: no cover - compiled
    """One cell's level (dBm) from its terms (see :func:`window_levels`)."""
    loss = base + k2 * ld + k3 * lh + k5 * ld * lh
    # free space over the slant distance: 20 log d + 10 log(1 + (Δh/d)²), bounded
    # above by log(1 + x) <= x log e before the logarithm is taken
    ratio = slope * slope
    free_flat = fs_const + 20.0 * ld
    if free_flat + 4.342944819 * ratio > loss:
        free = free_flat + 10.0 * np.log10(1.0 + ratio)
        if free > loss:
            loss = free
    if gg > -1e38:
        nu = gg * inv_sqrt_lambda
        if nu > -0.78:
            x = (nu + 0.78) * (1.0 / NU_STEP)
            i = int(x)
            if i < table.shape[0] - 2:
                w = x - i
                j = (1.0 - w) * table[i, 0] + w * table[i + 1, 0]
                mult = (1.0 - w) * table[i, 1] + w * table[i + 1, 1]
            else:
                j = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
                mult = 1.0 - np.exp(-j / 6.0)
            loss += k4 * (j + mult * (10.0 + 0.02 * d_km))
    loss += clutter_db  # land cover at the receiver
    theta = theta_deg - tilt
    vertical = min(12.0 * (theta / v_beam) ** 2, v_sla)
    pattern = -min(vertical - gain, front_to_back)
    level = eirp + pattern - loss
    return max(min(np.rint(level * 100.0), 32767.0), -32767.0)


@njit(cache=True)
def window_levels(
    terms, gain, eirp, k, rx_h, f_mhz, reach_km, table, tilt, v_beam, v_sla, front_to_back
):  # pragma: no cover
    """Level of one site and technology (int16, 0.01 dB steps; ``EMPTY`` elsewhere) in
    every cell of a tier's window that the tier reaches (``terms`` from
    :func:`cell_terms`) within ``reach_km``.

    level = eirp + pattern − max(L_spm, free space) − K4·L_bullington, with the pattern
    −min(−(A_H + A_V), A_m) of the horizontal gain (``gain``) and the vertical one
    A_V = −min(12((θ − tilt)/θ_3dB)², SLA_V), θ the angle below the horizontal
    (3GPP TR 36.814 Table A.2.1.1-2), and
    L_spm = K1 + K2 log d + K3 log H_eff + K5 log d log H_eff + K6 h_m (``k``) and
    L_bullington = J(ν_b) + (1 − exp(−J/6))(10 + 0.02 d_km) (ITU-R P.526-15 §4.5.1).
    """
    base = k[0] + k[5] * rx_h
    fs_const = 32.45 + 20.0 * np.log10(f_mhz)
    inv_sqrt_lambda = 1.0 / np.sqrt(299_792_458.0 / (f_mhz * 1e6))
    size = terms.shape[0]
    out = np.full((size, size), EMPTY, dtype=np.int16)
    for a in range(size):
        for b in range(size):
            ld = terms[a, b, 0]
            if ld != ld:  # NaN: not this tier's cell
                continue
            d_km = terms[a, b, 3]
            if d_km > reach_km:
                continue
            slope = terms[a, b, 2]
            out[a, b] = _level(
                ld,
                terms[a, b, 1],
                slope,
                np.degrees(np.arctan(slope)),
                d_km,
                terms[a, b, 4],
                terms[a, b, 5],
                gain[a, b],
                eirp,
                k[1],
                k[2],
                k[3],
                k[4],
                base,
                fs_const,
                inv_sqrt_lambda,
                table,
                tilt,
                v_beam,
                v_sla,
                front_to_back,
            )
    return out


@njit(cache=True)
def tier_levels(
    g_r,
    h_r,
    z_r,
    cell_radial,
    cell_sample,
    log_d,
    z_tx,
    rx_h,
    reach,
    step,
    offset_r,
    offset_c,
    lower,
    factor,
    row,
    col,
    prow,
    pcol,
    parent_res,
    upper,
    height,
    width,
    clutter,
    gain,
    eirp,
    k,
    f_mhz,
    reach_km,
    tilt,
    table,
    v_beam,
    v_sla,
    front_to_back,
):  # pragma: no cover - compiled
    """Levels of one site in a tier's window for every technology it serves at once:
    :func:`cell_terms` and :func:`window_levels` in one pass over the cells (the terms
    rounded to float32 as ``cell_terms`` stores them, so the levels are the same to
    the bit), without the terms array between them. Per technology ``t``: ``eirp[t]``,
    ``k[t]`` (K1..K6), ``f_mhz[t]``, ``reach_km[t]``, ``tilt[t]``. Returns int16
    (technologies, size, size), ``EMPTY`` where the tier does not reach."""
    size = cell_radial.shape[0]
    n = size // 2
    last = g_r.shape[1] - 1
    n_tech = eirp.shape[0]
    out = np.full((n_tech, size, size), EMPTY, dtype=np.int16)
    has_clutter = clutter.shape[0] > 0
    base = np.empty(n_tech)
    fs_const = np.empty(n_tech)
    inv_sqrt_lambda = np.empty(n_tech)
    for t in range(n_tech):
        base[t] = k[t, 0] + k[t, 5] * rx_h
        fs_const[t] = 32.45 + 20.0 * np.log10(f_mhz[t])
        inv_sqrt_lambda[t] = 1.0 / np.sqrt(299_792_458.0 / (f_mhz[t] * 1e6))
    for a in range(size):
        gi = row - n + a
        if gi < 0 or gi >= height:
            continue
        for b in range(size):
            gj = col - n + b
            d = _tier_distance(
                a, b, n, gi, gj, width, step, offset_r, offset_c, lower, upper, factor,
                prow, pcol, parent_res, reach,
            )  # fmt: skip
            if d < 0.0:
                continue
            kk = cell_radial[a, b]
            j = min(cell_sample[a, b], last)
            d_km = np.float32(max(d / 1000.0, 0.01))
            ld = log_d[a, b]
            lh = np.float32(np.log10(max(h_r[kk, j], 1.0)))
            slope = np.float32((z_tx - z_r[kk, j] - rx_h) / max(d, 1.0))
            gg = g_r[kk, j]
            clutter_db = np.float32(clutter[gi, gj] if has_clutter else 0.0)
            theta_deg = np.degrees(np.arctan(slope))  # the same for every technology
            g_cell = gain[a, b]
            for t in range(n_tech):
                if d_km > reach_km[t]:
                    continue
                out[t, a, b] = _level(
                    ld,
                    lh,
                    slope,
                    theta_deg,
                    d_km,
                    gg,
                    clutter_db,
                    g_cell,
                    eirp[t],
                    k[t, 1],
                    k[t, 2],
                    k[t, 3],
                    k[t, 4],
                    base[t],
                    fs_const[t],
                    inv_sqrt_lambda[t],
                    table,
                    tilt[t],
                    v_beam,
                    v_sla,
                    front_to_back,
                )
    return out


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
