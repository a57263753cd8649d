"""Per-polygon cell counts on the terrain model's grids, without temporaries.

``np.bincount(labels, weights=covered)`` converts a province's label grid to int64 and
its covered grid to float64 first (over 200 MB on the demo's 13 M cells, per
technology); this kernel counts in one pass over the grids as they are.
"""

from __future__ import annotations

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
