"""Land cover (clutter) for the terrain model: a loss per class at the receiver.

The raster gives a class per cell (any CRS and resolution; read for the model's
windows, nearest class); the loss table maps classes to the loss added to the path at
a receiver standing in that class. Classes not in the table add nothing and are
counted in a finding.

Default table, for the classes of ESA WorldCover 10 m (2020/2021, codes 10-100). The
values are the median excess loss at a ground receiver in each cover at 0.9-2 GHz, of
the order ITU-R P.833-10 gives for a terminal inside woodland (its maximum excess
attenuation A_m, eq. 2 and Fig. 2, of 10-20 dB at these frequencies for foliage depths
beyond some tens of metres) and ITU-R P.2108-1 §3.2 gives for a ground terminal among
buildings (median terrestrial clutter loss, 15-20 dB at 1-2 GHz over a few km), scaled
down for the open canopy of shrubs, crops and mangroves as field planners do. They are
starting values to calibrate (``coverage-planner calibrate`` fits per technology; a
table in ``[terrain.clutter]`` replaces this one).
"""

from __future__ import annotations

import numpy as np

from coverage_planner.errors import ConfigError

WORLDCOVER_LOSS_DB: dict[int, float] = {
    10: 12.0,  # tree cover (P.833 woodland)
    20: 6.0,  # shrubland
    30: 1.0,  # grassland
    40: 3.0,  # cropland
    50: 15.0,  # built-up (P.2108 median clutter loss)
    60: 0.0,  # bare / sparse vegetation
    70: 0.0,  # snow and ice
    80: 0.0,  # permanent water bodies
    90: 2.0,  # herbaceous wetland
    95: 10.0,  # mangroves
    100: 0.0,  # moss and lichen
}


def loss_table(config: dict | None) -> dict[int, float]:
    """The loss per class: ``[terrain.clutter]`` of the configuration (class = dB) or
    the WorldCover defaults."""
    if not config:
        return dict(WORLDCOVER_LOSS_DB)
    try:
        return {int(k): float(v) for k, v in config.items()}
    except (TypeError, ValueError):
        raise ConfigError(
            "[terrain.clutter] must map land-cover classes to losses in dB, e.g. 10 = 12.0."
        ) from None


def class_losses(classes: np.ndarray, table: dict[int, float]) -> tuple[np.ndarray, int]:
    """Loss (dB, float32) of each cell, and the number of cells of classes the table
    does not know (they add nothing)."""
    codes = np.asarray(classes)
    out = np.zeros(codes.shape, dtype=np.float32)
    known = np.zeros(codes.shape, dtype=bool)
    for code, loss in table.items():
        hit = codes == code
        out[hit] = loss
        known |= hit
    unknown = int((~known & (codes != 0)).sum())  # 0: no data
    return out, unknown


def block_mean(losses: np.ndarray, factor: int) -> np.ndarray:
    """The mean loss of each block of factor² cells (the coarser tiers' cells)."""
    h, w = losses.shape
    return (
        losses[: h - h % factor, : w - w % factor]
        .reshape(h // factor, factor, w // factor, factor)
        .mean(axis=(1, 3))
        .astype(np.float32)
    )


def read_classes(path, grid) -> np.ndarray:
    """The land-cover class of every cell of ``grid`` (nearest; 0 outside the raster)."""
    import rasterio
    from pyproj import CRS
    from rasterio.enums import Resampling
    from rasterio.warp import reproject

    from coverage_planner.errors import InputFileError

    out = np.zeros((grid.height, grid.width), dtype=np.int32)
    try:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise InputFileError(f"{path}: the land-cover raster has no CRS.")
            reproject(
                source=rasterio.band(src, 1),
                destination=out,
                dst_transform=grid.transform,
                dst_crs=CRS.from_user_input(grid.crs).to_wkt(),
                resampling=Resampling.nearest,
                dst_nodata=0,
            )
    except rasterio.errors.RasterioIOError as exc:
        raise InputFileError(f"{path}: cannot be read as a land-cover raster ({exc}).") from None
    if not out.any():
        raise InputFileError(f"{path}: the land-cover raster does not cover the communes.")
    return out
