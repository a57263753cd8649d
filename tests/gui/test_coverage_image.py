"""The map's coverage image drawn at the screen's resolution (gui.coverage_image),
checked against matplotlib drawing the whole grid and against the grid itself."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from coverage_planner.coverage.terrain.grid import Grid
from coverage_planner.gui.coverage_image import CoverageImage
from coverage_planner.maps import style

RES = 30.0


def grid_of(rows: int, cols: int) -> Grid:
    return Grid(Affine(RES, 0, 500_000.0, 0, -RES, 1_300_000.0), cols, rows, "EPSG:32648")


def blobs(rows: int, cols: int, seed: int = 0) -> np.ndarray:
    """Covered cells in discs of a few dozen cells (edges everywhere, not a pattern)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:rows, 0:cols]
    covered = np.zeros((rows, cols), bool)
    for cy, cx, r in zip(
        rng.integers(0, rows, 40), rng.integers(0, cols, 40), rng.integers(5, 60, 40), strict=True
    ):
        covered |= (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r
    return covered


def figure(view):
    fig = Figure(figsize=(4, 3), dpi=100, facecolor="none")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(*view[:2])
    ax.set_ylim(*view[2:])
    return canvas, ax


def pixels(canvas) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_zoomed_in_every_cell_is_drawn_as_matplotlib_draws_the_whole_grid():
    grid, covered = grid_of(300, 400), blobs(300, 400)
    t = grid.transform
    view = (t.c + 100 * RES, t.c + 180 * RES, t.f - 120 * RES, t.f - 60 * RES)  # 80 × 60 cells
    canvas, ax = figure(view)
    CoverageImage(ax, grid, covered, "4G")
    ours = pixels(canvas)
    canvas2, ax2 = figure(view)
    ax2.imshow(
        covered.astype(np.uint8),
        cmap=ListedColormap([(0, 0, 0, 0), style.TECH_COLOURS["4G"]]),
        vmin=0,
        vmax=1,
        extent=(t.c, t.c + RES * grid.width, t.f - RES * grid.height, t.f),
        origin="upper",
        interpolation="nearest",
    )
    assert np.array_equal(ours, pixels(canvas2))


def test_at_the_full_extent_each_pixel_shows_the_cell_under_it():
    rows, cols = 1200, 1600  # 4 cells per pixel on a 400 × 300 pixel map
    grid, covered = grid_of(rows, cols), blobs(rows, cols, seed=1)
    t = grid.transform
    view = (t.c, t.c + RES * cols, t.f - RES * rows, t.f)
    canvas, ax = figure(view)
    image = CoverageImage(ax, grid, covered, "4G")
    shown = pixels(canvas)[..., 3] > 0  # the image alone: alpha 0 where not covered
    assert image.window(view, (400, 300))[4] == 4
    # brute force: the cell under each pixel's centre, where its 9 × 9 cells around
    # agree (a pixel on an edge may show either side)
    py, px = np.mgrid[0:300, 0:400]
    col = ((px + 0.5) * cols / 400).astype(int)
    row = ((py + 0.5) * rows / 300).astype(int)
    want = covered[row, col]
    padded = np.pad(covered, 4, mode="edge").astype(np.int16)
    window_sum = sum(
        padded[4 + dy : 4 + dy + rows, 4 + dx : 4 + dx + cols]
        for dy in range(-4, 5)
        for dx in range(-4, 5)
    )
    uniform = (window_sum == 0) | (window_sum == 81)
    sure = uniform[row, col]
    assert sure.mean() > 0.8 and want[sure].any() and not want[sure].all()
    assert np.array_equal(shown[sure], want[sure])


@pytest.mark.parametrize("zoomed", [False, True])
def test_a_new_grid_given_to_the_kept_image_draws_as_a_new_image(zoomed):
    grid = grid_of(900, 1200)
    before, after = blobs(900, 1200, seed=2), blobs(900, 1200, seed=2)
    after[300:420, 500:700] = ~after[300:420, 500:700]  # the edited box
    t = grid.transform
    view = (t.c, t.c + RES * 1200, t.f - RES * 900, t.f)
    if zoomed:
        view = (t.c + 450 * RES, t.c + 750 * RES, t.f - 450 * RES, t.f - 250 * RES)
    canvas, ax = figure(view)
    image = CoverageImage(ax, grid, before, "3G")
    first = pixels(canvas)
    image.set_source(after)
    updated = pixels(canvas)
    canvas2, ax2 = figure(view)
    CoverageImage(ax2, grid, after, "3G")
    assert not np.array_equal(first, updated)
    assert np.array_equal(updated, pixels(canvas2))


def test_a_view_beside_the_grid_draws_nothing():
    grid = grid_of(100, 100)
    t = grid.transform
    canvas, ax = figure((t.c - 9000, t.c - 6000, t.f - 3000, t.f))
    image = CoverageImage(ax, grid, np.ones((100, 100), bool), "2G")
    assert image.window((t.c - 9000, t.c - 6000, t.f - 3000, t.f), (400, 300)) is None
    assert not pixels(canvas)[..., 3].any()
