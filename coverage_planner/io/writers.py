"""Atomic writers: a file is written beside its target and renamed into place, so a
crash or a full disk leaves the old file intact and never a half-written one."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block succeeds.

    The temporary name keeps the suffix so drivers that pick the format from it
    (GPKG, GeoTIFF) still work.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.partial-{uuid.uuid4().hex[:8]}{target.suffix}")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            if leftover.exists():
                leftover.unlink()


def write_csv(frame: pd.DataFrame, target: str | Path) -> Path:
    """CSV in UTF-8 with BOM, so Excel shows Vietnamese diacritics."""
    with atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig")
    return Path(target)


def write_geotiff(
    target: str | Path,
    array,
    *,
    transform,
    crs,
    nodata: float | None,
    block: int = 256,
    predictor: int | None = None,
) -> Path:
    """A one-band, tiled, deflate-compressed GeoTIFF (QGIS opens it as is), atomically."""
    import rasterio
    from pyproj import CRS

    profile = {
        "driver": "GTiff",
        "width": array.shape[1],
        "height": array.shape[0],
        "count": 1,
        "dtype": array.dtype.name,
        "crs": CRS.from_user_input(crs).to_wkt(),
        "transform": transform,
        "nodata": nodata,
        "tiled": True,
        "blockxsize": block,
        "blockysize": block,
        "compress": "deflate",
    }
    if predictor is not None:
        profile["predictor"] = predictor
    with atomic_path(target) as tmp, rasterio.open(tmp, "w", **profile) as dst:
        dst.write(array, 1)
    return Path(target)
