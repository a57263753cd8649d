"""The level of a site at the cells of a tier's window, from its radial profiles.

One compiled kernel, :func:`tier_levels`, serves the audit (every cell of each tier's
window, ``levels.site_levels``) and planning (the few cells that decide a candidate,
``planning.terrain_targets``): the same tier test, terms and arithmetic, so the two
agree to the bit by construction. :func:`cell_terms` gives the same terms as an array
(measurements and calibration read them).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from coverage_planner.coverage.terrain.los import EMPTY

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


@njit(inline="always")
def _parents(first, size, factor):  # pragma: no cover - compiled
    """The next tier's row (or column) holding each of ``size`` rows from ``first``:
    one integer division per row instead of one per cell."""
    out = np.empty(size, dtype=np.int64)
    for a in range(size):
        out[a] = (first + a) // factor
    return out


@njit(inline="always")
def _tier_distance(
    a, b, n, gi, gj, height, width, step, offset_r, offset_c, lower, upper, parent_row,
    parent_col, prow, pcol, parent_res, reach,
):  # fmt: skip  # pragma: no cover - compiled
    """The distance (m) from the mast of window cell (``a``, ``b``), at (``gi``, ``gj``)
    of the tier's grid, when the tier reaches it; −1 when not.

    A cell belongs to the tier when it lies beyond ``lower`` of the site's cell and the
    next tier's cell holding it (row ``parent_row[a]``, column ``parent_col[b]``, of side
    ``parent_res``; see :func:`_parents`) lies within ``upper`` of the site's cell there
    (``prow``, ``pcol``): the tiers' tests meet on the same cells, so a cell is reached
    through exactly one tier. The window's centre cell is the site's cell of the tier,
    whose centre lies ``offset_r``, ``offset_c`` metres from the mast."""
    if gi < 0 or gi >= height or gj < 0 or gj >= width:
        return -1.0
    if step * np.sqrt((a - n) ** 2 + (b - n) ** 2) <= lower:
        return -1.0
    if upper < np.inf:
        pr = parent_row[a] - prow
        pc = parent_col[b] - pcol
        if parent_res * np.sqrt(pr * pr + pc * pc) > upper:
            return -1.0
    y = (a - n) * step + offset_r
    x = (b - n) * step + offset_c
    d = np.sqrt(x * x + y * y)
    if d > reach:
        return -1.0
    return d


@njit(inline="always")
def _log_height(h, last_h, last_lh):  # pragma: no cover - compiled
    """log10 of an effective height (at least 1 m) rounded to float32, reusing the
    last one's when the height is the same: a capped or floored height (200 m and
    10 m by default, most cells of a mountain province) repeats from cell to cell."""
    if h == last_h:
        return last_lh
    return np.float32(np.log10(max(h, 1.0)))


@njit(inline="always")
def _sample_terms(g_r, h_r, z_r, kk, j, d, z_tx, rx_h):  # pragma: no cover - compiled
    """The terms a cell at ``d`` metres takes from sample ``j`` of radial ``kk``, rounded
    to float32: the slope down to the receiver (Δh / d), d_km and the Bullington
    factor (log10 H_eff: :func:`_log_height` of ``h_r[kk, j]``)."""
    slope = np.float32((z_tx - z_r[kk, j] - rx_h) / max(d, 1.0))
    return slope, np.float32(max(d / 1000.0, 0.01)), g_r[kk, j]


@njit(cache=True)
def cell_terms(
    g_r, h_r, z_r, cell_radial, cell_sample, log_d, z_tx, rx_h, reach, step, offset_r,
    offset_c, lower, factor, row, col, prow, pcol, parent_res, upper, height, width, clutter,
):  # fmt: skip  # pragma: no cover - compiled
    """What every technology of a site shares in a tier's window (see
    :func:`tier_levels` for the arguments), as a (size, size, 6) float32 array: log10
    d_km, log10 H_eff, Δh / d, d_km, the Bullington factor and the clutter loss; NaN
    where the tier does not reach the cell."""
    size = cell_radial.shape[0]
    n = size // 2
    last = g_r.shape[1] - 1
    terms = np.full((size, size, 6), np.nan, dtype=np.float32)
    has_clutter = clutter.shape[0] > 0
    parent_row = _parents(row - n, size, factor)
    parent_col = _parents(col - n, size, factor)
    for a in range(size):
        gi = row - n + a
        for b in range(size):
            gj = col - n + b
            d = _tier_distance(
                a, b, n, gi, gj, height, width, step, offset_r, offset_c, lower, upper,
                parent_row, parent_col, prow, pcol, parent_res, reach,
            )  # fmt: skip
            if d < 0.0:
                continue
            kk = cell_radial[a, b]
            j = min(cell_sample[a, b], last)
            slope, d_km, gg = _sample_terms(g_r, h_r, z_r, kk, j, d, z_tx, rx_h)
            lh = _log_height(h_r[kk, j], np.float32(np.nan), np.float32(0.0))
            terms[a, b, 0] = log_d[a, b]
            terms[a, b, 1] = lh
            terms[a, b, 2] = slope
            terms[a, b, 3] = d_km
            terms[a, b, 4] = gg
            terms[a, b, 5] = clutter[gi, gj] if has_clutter else 0.0
    return terms


@njit(inline="always")
def _level(
    ld, lh, slope, theta_deg, d_km, gg, clutter_db, gain, eirp, k2, k3, k4, k5, base,
    fs_const, inv_sqrt_lambda, table, tilt, v_beam, v_sla, front_to_back,
):  # fmt: skip  # pragma: no cover - compiled
    """One cell's level (0.01 dBm steps) from its terms (see :func:`tier_levels`)."""
    loss = base + k2 * ld + k3 * lh + k5 * ld * lh
    # free space over the slant distance: 20 log d + 10 log(1 + (Δh/d)²), bounded
    # above by log(1 + x) <= x log e before the logarithm is taken
    ratio = slope * slope
    free_flat = fs_const + 20.0 * ld
    if free_flat + 4.342944819 * ratio > loss:
        free = free_flat + 10.0 * np.log10(1.0 + ratio)
        if free > loss:
            loss = free
    # Diffraction where the path is obstructed (ν > −0.78; ``gg`` is −3e38 in line of
    # sight): computed for every cell and added as 0 dB where there is none, without
    # a branch the processor cannot predict (obstructed and clear cells alternate).
    nu = gg * inv_sqrt_lambda
    diffracted = nu > -0.78
    x = (max(nu, -0.78) + 0.78) * (1.0 / NU_STEP)
    i = int(min(x, table.shape[0] - 2.0))
    w = x - i
    if i < table.shape[0] - 2:
        j = (1.0 - w) * table[i, 0] + w * table[i + 1, 0]
        mult = (1.0 - w) * table[i, 1] + w * table[i + 1, 1]
    else:  # beyond the table: the formula itself
        j = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
        mult = 1.0 - np.exp(-j / 6.0)
    loss += k4 * (j + mult * (10.0 + 0.02 * d_km)) if diffracted else 0.0
    loss += clutter_db  # land cover at the receiver
    theta = theta_deg - tilt
    vertical = min(12.0 * (theta / v_beam) ** 2, v_sla)
    pattern = -min(vertical - gain, front_to_back)
    level = eirp + pattern - loss
    return max(min(np.rint(level * 100.0), 32767.0), -32767.0)


@njit(cache=True)
def tier_levels(
    g_r, h_r, z_r, cell_radial, cell_sample, log_d, z_tx, rx_h, reach, step, offset_r,
    offset_c, lower, factor, row, col, prow, pcol, parent_res, upper, height, width,
    clutter, gain, eirp, k, f_mhz, reach_km, tilt, table, v_beam, v_sla, front_to_back,
    cell_a, cell_b,
):  # fmt: skip  # pragma: no cover - compiled
    """Levels of one site in a tier's window for every technology it serves at once.

    At every cell of the (size × size) window when ``cell_a`` is empty, else at the
    window cells (``cell_a[i]``, ``cell_b[i]``) only: int16 (technologies, cells) in
    0.01 dB steps (cells in row order of the window, or in the order given), ``EMPTY``
    where the tier does not reach. ``gain`` is the sector gain of those cells, in the
    same order.

    Each cell takes the terms of the nearest sample (``cell_sample``) of its nearest
    radial (``cell_radial``) of the profiles ``g_r`` (Bullington factor), ``h_r``
    (effective height), ``z_r`` (ground) of :func:`~.profiles.radial_terms`; the window
    is centred on the site's cell (``row``, ``col``) of the tier's grid (``height`` ×
    ``width`` cells of ``step`` metres); which cells the tier reaches: see
    :func:`_tier_distance`. Per technology ``t``: ``eirp[t]``, ``k[t]`` (K1..K6),
    ``f_mhz[t]``, ``reach_km[t]``, ``tilt[t]``.

    level = eirp + pattern − max(L_spm, free space) − K4·L_bullington − clutter, with
    the pattern −min(−(A_H + A_V), A_m) of the horizontal gain and the vertical one
    A_V = −min(12((θ − tilt)/θ_3dB)², SLA_V), θ the angle below the horizontal
    (3GPP TR 36.814 Table A.2.1.1-2), and
    L_spm = K1 + K2 log d + K3 log H_eff + K5 log d log H_eff + K6 h_m and
    L_bullington = J(ν_b) + (1 − exp(−J/6))(10 + 0.02 d_km) (ITU-R P.526-15 §4.5.1).
    """
    size = cell_radial.shape[0]
    n = size // 2
    last = g_r.shape[1] - 1
    every = cell_a.shape[0] == 0
    count = size * size if every else cell_a.shape[0]
    n_tech = eirp.shape[0]
    out = np.full((n_tech, count), EMPTY, dtype=np.int16)
    has_clutter = clutter.shape[0] > 0
    parent_row = _parents(row - n, size, factor)
    parent_col = _parents(col - n, size, factor)
    base = np.empty(n_tech)
    fs_const = np.empty(n_tech)
    inv_sqrt_lambda = np.empty(n_tech)
    for t in range(n_tech):
        base[t] = k[t, 0] + k[t, 5] * rx_h
        fs_const[t] = 32.45 + 20.0 * np.log10(f_mhz[t])
        inv_sqrt_lambda[t] = 1.0 / np.sqrt(299_792_458.0 / (f_mhz[t] * 1e6))
    last_h = np.float32(np.nan)  # no height yet: NaN equals none
    last_lh = np.float32(0.0)
    a = 0
    b = -1
    for i in range(count):
        if every:  # row order without a division per cell
            b += 1
            if b == size:
                b = 0
                a += 1
        else:
            a = cell_a[i]
            b = cell_b[i]
        gi = row - n + a
        gj = col - n + b
        d = _tier_distance(
            a, b, n, gi, gj, height, width, step, offset_r, offset_c, lower, upper,
            parent_row, parent_col, prow, pcol, parent_res, reach,
        )  # fmt: skip
        if d < 0.0:
            continue
        kk = cell_radial[a, b]
        j = min(cell_sample[a, b], last)
        slope, d_km, gg = _sample_terms(g_r, h_r, z_r, kk, j, d, z_tx, rx_h)
        h = h_r[kk, j]
        lh = _log_height(h, last_h, last_lh)
        last_h, last_lh = h, lh
        ld = log_d[a, b]
        clutter_db = np.float32(clutter[gi, gj] if has_clutter else 0.0)
        theta_deg = np.degrees(np.arctan(slope))  # the same for every technology
        g_cell = gain[i]
        for t in range(n_tech):
            if d_km > reach_km[t]:
                continue
            out[t, i] = _level(
                ld, lh, slope, theta_deg, d_km, gg, clutter_db, g_cell, eirp[t], k[t, 1],
                k[t, 2], k[t, 3], k[t, 4], base[t], fs_const[t], inv_sqrt_lambda[t], table,
                tilt[t], v_beam, v_sla, front_to_back,
            )  # fmt: skip
    return out
