"""Terrain model in pieces: per-polygon counts without temporaries, and the output
grids processed in tiles equal to the whole grid, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from coverage_planner.coverage.terrain.counts import label_counts


def test_label_counts_equal_bincount_brute_force():
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 40, size=(57, 91)).astype(np.int32)
    covered = rng.random((57, 91)) < 0.37
    cells, hits = label_counts(labels, covered, 45)
    # brute force: one polygon at a time
    for k in range(1, 46):
        assert cells[k - 1] == int((labels == k).sum())
        assert hits[k - 1] == int(((labels == k) & covered).sum())


def test_label_counts_refuse_labels_out_of_range():
    with pytest.raises(ValueError):
        label_counts(np.array([[0, 5]], np.int32), np.array([[True, False]]), 4)


def test_at_least_compares_in_float64_like_numpy():
    from coverage_planner.coverage.terrain.counts import at_least

    level = np.array([[-90.0, -90.000001, -89.99]], dtype=np.float32)
    threshold = float(np.float32(-90.0)) - 1e-9
    assert at_least(level, threshold).tolist() == (level >= np.float64(threshold)).tolist()
    rng = np.random.default_rng(0)
    grid = rng.normal(-95, 10, size=(33, 47)).astype(np.float32)
    np.testing.assert_array_equal(at_least(grid, -95.3), grid >= np.float64(-95.3))
