"""A DEM is read for the grid's window only, and decimated past a memory bound, against
an analytic surface (a plane, which bilinear interpolation and block averages keep)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
import rasterio
from pyproj import CRS
from rasterio.transform import from_origin

from coverage_planner.coverage.terrain.model import Grid, read_dem
from coverage_planner.errors import InputFileError
from coverage_planner.io import raster_window
from coverage_planner.io.rasters import RasterSource

UTM48 = CRS.from_epsg(32648)
X0, Y0, RES, N = 400_000.0, 2_500_000.0, 30.0, 1200


def plane(x, y):
    return 200.0 + 0.01 * (x - X0) + 0.02 * (y - Y0)


@pytest.fixture(scope="module")
def dem(tmp_path_factory):
    """A 1200 × 1200 tiled, compressed plane DEM (36 km at 30 m)."""
    path = tmp_path_factory.mktemp("dem") / "plane.tif"
    cols = X0 + (np.arange(N) + 0.5) * RES
    rows = Y0 + N * RES - (np.arange(N) + 0.5) * RES
    z = plane(cols[None, :], rows[:, None]).astype("float32")
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=N,
        height=N,
        count=1,
        dtype="float32",
        crs=UTM48.to_wkt(),
        transform=from_origin(X0, Y0 + N * RES, RES, RES),
        nodata=-9999.0,
        tiled=True,
        blockxsize=256,
        blockysize=256,
        compress="deflate",
    ) as dst:
        dst.write(z, 1)
    return RasterSource(
        path=path,
        crs=UTM48,
        bounds=(X0, Y0, X0 + N * RES, Y0 + N * RES),
        resolution=(RES, RES),
        nodata=-9999.0,
    )


def _centres(grid: Grid):
    t = grid.transform
    x = t.c + (np.arange(grid.width) + 0.5) * t.a
    y = t.f + (np.arange(grid.height) + 0.5) * t.e
    return np.meshgrid(x, y)


def _interior(a: np.ndarray, k: int = 3) -> np.ndarray:
    return a[k:-k, k:-k]


def test_a_province_window_is_read_exactly(dem):
    grid = Grid.covering((X0 + 9000, Y0 + 6000, X0 + 15000, Y0 + 12000), RES, UTM48)
    z = read_dem(dem, grid)
    x, y = _centres(grid)
    np.testing.assert_allclose(_interior(z), _interior(plane(x, y)), atol=1e-3)


def test_a_window_past_the_memory_bound_is_read_decimated_within_it(dem, monkeypatch):
    bound = 40_000  # cells: the whole raster (1.44 M cells) is 36 times more
    monkeypatch.setattr(raster_window, "MAX_WINDOW_CELLS", bound)
    grid = Grid.covering((X0, Y0, X0 + N * RES, Y0 + N * RES), 240.0, UTM48)  # 150 × 150
    tracemalloc.start()
    z = read_dem(dem, grid)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    x, y = _centres(grid)
    np.testing.assert_allclose(_interior(z), _interior(plane(x, y)), atol=0.05)
    # the grid itself, the decimated window (float32 + its mask) and slack — far below
    # the 1.44 M cells × 5 bytes a whole read holds
    assert peak < (grid.width * grid.height * 4 + bound * 5) * 2, peak
    assert peak < N * N * 5 / 2


def test_decimation_never_goes_coarser_than_the_grid():
    from rasterio.windows import Window

    window = Window(0, 0, 20_000, 20_000)
    assert raster_window.decimation(window, (5_000, 5_000), max_cells=10**9) == 1
    # 3 cells would fit the bound (ceil(sqrt(4e8 / 5e7))); 4 divides the grid's 200
    assert raster_window.decimation(window, (100, 100), max_cells=50_000_000) == 4
    assert raster_window.decimation(window, (1_000, 1_000), max_cells=10_000_000) == 10
    assert raster_window.decimation(window, (19_000, 19_000), max_cells=1_000_000) == 1


def test_a_dem_that_misses_the_grid_is_a_message(dem):
    grid = Grid.covering((X0 + 10**6, Y0, X0 + 10**6 + 3000, Y0 + 3000), RES, UTM48)
    with pytest.raises(InputFileError) as info:
        read_dem(dem, grid)
    assert "plane.tif" in str(info.value) and "plane.tif" in info.value.text("vi")
