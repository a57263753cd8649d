"""The terrain model's grids: the output grid, the DEM read on it, and the two DEM
tiers the model reads (a fine grid around the output grid for the near range, a
coarse one for the computation horizon), with an optional land-cover loss grid.

One of the model's three jobs (see :mod:`coverage_planner.coverage.terrain.model`):
this module reads and shapes heights; ``levels`` computes one site; ``run`` shares
sites among workers; ``compose`` builds the grids from site windows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from affine import Affine

from coverage_planner.io.rasters import RasterSource
from coverage_planner.params import Parameters

NO_LEVEL = np.float32(-999.0)


@dataclass
class Grid:
    """The working grid: north-up, square cells, in the working CRS."""

    transform: Affine
    width: int
    height: int
    crs: object

    @property
    def res(self) -> float:
        return float(self.transform.a)

    @classmethod
    def covering(cls, bounds, res: float, crs) -> Grid:
        minx, miny, maxx, maxy = bounds
        west, north = np.floor(minx / res) * res, np.ceil(maxy / res) * res
        width = int(np.ceil((maxx - west) / res))
        height = int(np.ceil((north - miny) / res))
        return cls(Affine(res, 0, west, 0, -res, north), width, height, crs)

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        col = np.floor((np.asarray(x) - self.transform.c) / self.res).astype(int)
        row = np.floor((self.transform.f - np.asarray(y)) / self.res).astype(int)
        return row, col


@dataclass
class TechnologyRasters:
    """Per-technology grids of the terrain model."""

    level: np.ndarray  # float32 dBm, NO_LEVEL where no site reaches
    server: np.ndarray  # int32 row of the best site in the sites table, -1 where none
    servers: np.ndarray  # uint16 number of sites above the threshold
    threshold: float  # the level a cell needs: the technology's threshold + margin_db
    margin_db: float = 0.0  # location-probability margin + indoor loss in ``threshold``

    @property
    def covered(self) -> np.ndarray:
        # compared in float64, as the kernels count servers
        from coverage_planner.coverage.terrain.counts import at_least

        return at_least(self.level, self.threshold)


def read_dem(dem: RasterSource, grid: Grid) -> np.ndarray:
    """The DEM on the working grid (bilinear), read for the grid's area only.

    Only the window of the DEM that covers the grid (plus a cell) is read, so a national
    SRTM mosaic costs no more than the province's part of it; a window too large for the
    memory bound is read decimated (``io.raster_window``).
    """
    from coverage_planner.io.raster_window import read_on_grid

    out = read_on_grid(
        dem.path,
        dem.crs,
        dst_crs=grid.crs,
        dst_transform=grid.transform,
        dst_shape=(grid.height, grid.width),
    )
    if np.isnan(out).all():
        from coverage_planner.errors import InputFileError

        raise InputFileError(key="error.dem_no_cover", file=dem.path)
    # Outside the DEM (sea, a neighbouring country) the ground is taken as the lowest
    # known height, so it never blocks a signal.
    out[np.isnan(out)] = np.nanmin(out)
    return out


@dataclass
class Terrain:
    """The ground heights the model reads, on two aligned grids.

    ``grid`` is the output grid (where levels are kept, 30 m by default). ``fine`` is the
    DEM on that grid widened by ``fine_pad`` cells on each side (the near range of the
    sites at its edge); ``coarse`` the DEM on the grid of ``factor`` × larger cells,
    widened by ``coarse_pad`` of them (the computation horizon). The output grid's width
    and height are multiples of ``factor``², so the cells of the three tiers (see
    :func:`compute_sites`) nest.
    """

    grid: Grid
    factor: int
    fine: np.ndarray
    fine_pad: int
    coarse: np.ndarray
    coarse_pad: int
    # loss (dB) at a receiver per tier cell, from a land-cover raster; None without one
    clutter: list | None = None
    clutter_unknown: int = 0  # cells of classes the loss table does not know
    clutter_classes: np.ndarray | None = None  # land-cover class per output cell


def _pads(params: Parameters, techs: list[str], res: float, factor: int) -> tuple[int, int]:
    reach = max(params.technologies[t].max_range_km for t in techs) * 1000.0
    near = min(params.terrain.near_range_km * 1000.0, reach)
    pad_c = factor * (int(np.ceil(reach / (res * factor * factor))) + 2)
    pad_f = factor * factor * (int(np.ceil(near / (res * factor * factor))) + 2)
    return pad_f, pad_c


def terrain_grids(
    dem: RasterSource, bounds, crs, params: Parameters, techs: list[str], *, clutter=None
) -> Terrain:
    """Read the DEM for an area (working-CRS bounds) on the model's two grids, and the
    land-cover raster ``clutter`` (a path) on the output grid when given."""
    grid = output_grid(bounds, crs, params)
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    terrain = Terrain(
        grid=grid,
        factor=factor,
        fine=read_dem(dem, _widened(grid, pad_f, 1)),
        fine_pad=pad_f,
        coarse=read_dem(dem, _widened(grid, pad_c, factor)),
        coarse_pad=pad_c,
    )
    if clutter is not None:
        from coverage_planner.coverage.terrain.clutter import read_classes

        with_clutter(terrain, read_classes(clutter, grid), params)
    return terrain


def with_clutter(terrain: Terrain, classes: np.ndarray, params: Parameters) -> Terrain:
    """Attach the losses of a land-cover class grid (on the output grid) to ``terrain``."""
    from coverage_planner.coverage.terrain.clutter import block_mean, class_losses, loss_table

    table = loss_table(dict(params.terrain.clutter_loss_db) or None)
    losses, unknown = class_losses(classes, table)
    f = terrain.factor
    terrain.clutter = [losses, block_mean(losses, f), block_mean(losses, f * f)]
    terrain.clutter_unknown = unknown
    terrain.clutter_classes = classes
    return terrain


def output_grid(bounds, crs, params: Parameters) -> Grid:
    """The grid of the model's results over ``bounds``: square cells of
    ``resolution_m``, its sides whole blocks of far_factor² cells."""
    res = params.terrain.resolution_m
    factor = int(params.terrain.far_factor)
    block = res * factor * factor
    minx, miny, maxx, maxy = bounds
    west, north = np.floor(minx / block) * block, np.ceil(maxy / block) * block
    width = int(np.ceil((maxx - west) / block)) * factor * factor
    height = int(np.ceil((north - miny) / block)) * factor * factor
    return Grid(Affine(res, 0, west, 0, -res, north), width, height, crs)


def _widened(grid: Grid, pad: int, factor: int) -> Grid:
    res = grid.res * factor
    return Grid(
        Affine(res, 0, grid.transform.c - pad * res, 0, -res, grid.transform.f + pad * res),
        grid.width // factor + 2 * pad,
        grid.height // factor + 2 * pad,
        grid.crs,
    )


def flat_terrain(bounds, crs, height_m: float, params: Parameters, techs: list[str]) -> Terrain:
    """Flat ground of constant height over ``bounds`` (tests and analytic checks)."""
    grid = output_grid(bounds, crs, params)
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    return Terrain(
        grid,
        factor,
        np.full((grid.height + 2 * pad_f, grid.width + 2 * pad_f), height_m, np.float32),
        pad_f,
        np.full(
            (grid.height // factor + 2 * pad_c, grid.width // factor + 2 * pad_c),
            height_m,
            np.float32,
        ),
        pad_c,
    )


def terrain_from_array(
    dem: np.ndarray, grid: Grid, params: Parameters, techs: list[str]
) -> Terrain:
    """A Terrain from the DEM already on an output grid (sides whole blocks of
    far_factor² cells): the coarse grid by block means, the ground beyond the grid
    taken as its edge."""
    factor = int(params.terrain.far_factor)
    pad_f, pad_c = _pads(params, techs, grid.res, factor)
    h, w = dem.shape
    if h % (factor * factor) or w % (factor * factor):
        raise ValueError("the grid's sides must be whole blocks of far_factor² cells")
    coarse = dem.reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))
    return Terrain(
        grid,
        factor,
        np.pad(dem.astype(np.float32), pad_f, mode="edge"),
        pad_f,
        np.pad(coarse.astype(np.float32), pad_c, mode="edge"),
        pad_c,
    )


_TERRAIN: Terrain | None = None


def dem_window(dem: np.ndarray, row: int, col: int, n: int) -> np.ndarray | None:
    """A copy of the (2n+1)² window of ``dem`` centred on (row, col), in the DEM's own
    dtype, edges repeated outside (None when the window misses the DEM)."""
    height, width = dem.shape
    r0, c0 = row - n, col - n
    rows = slice(max(r0, 0), min(row + n + 1, height))
    cols = slice(max(c0, 0), min(col + n + 1, width))
    if rows.start >= rows.stop or cols.start >= cols.stop:
        return None
    pads = (
        (rows.start - r0, r0 + 2 * n + 1 - rows.stop),
        (cols.start - c0, c0 + 2 * n + 1 - cols.stop),
    )
    if not any(pads[0] + pads[1]):
        return dem[rows, cols].copy()
    return np.pad(dem[rows, cols], pads, mode="edge")


def dem_lowest(dem: np.ndarray, row: int, col: int, n: int) -> float | None:
    """The lowest height of :func:`dem_window` (repeated edges add none), without the
    copy."""
    height, width = dem.shape
    rows = slice(max(row - n, 0), min(row + n + 1, height))
    cols = slice(max(col - n, 0), min(col + n + 1, width))
    if rows.start >= rows.stop or cols.start >= cols.stop:
        return None
    return float(dem[rows, cols].min())


def centred(cache: dict, key, n: int, build, limit: int = 64) -> tuple:
    """The (2n+1)² centre of the arrays ``build(N)`` makes for a window of half-side N
    centred on a site, from ``cache``: they are built for the largest ``n`` asked with
    ``key`` so far and cut for the smaller ones (an array of the window's offsets from
    its centre is the same cell for cell whatever the window's size), so the windows
    whose size follows each site's reach share one copy."""
    have = cache.get(key)
    if have is None or have[0] < n:
        if have is None and len(cache) >= limit:  # keys are few in a run; memory flat
            cache.clear()
        have = cache[key] = (n, build(n))
    big, arrays = have
    cut = slice(big - n, big + n + 1)
    return tuple(a[cut, cut] for a in arrays)
