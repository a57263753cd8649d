"""Atomic writers: a file is written beside its target and renamed into place, so a
crash or a full disk leaves the old file intact and never a half-written one."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from coverage_planner.errors import FileInUseError, UserError

# Windows refuses to replace a file another program holds open (Excel locks a workbook
# or CSV it shows; antivirus scanners hold new files for a moment): try for this long.
REPLACE_WAIT_S = 3.0


def _kept_aside_name(target: Path) -> Path:
    """A free name beside ``target`` for the new version: ``coverage (new).xlsx``."""
    for n in range(1, 1000):
        tag = "new" if n == 1 else f"new {n}"
        candidate = target.with_name(f"{target.stem} ({tag}){target.suffix}")
        if not candidate.exists():
            return candidate
    raise FileInUseError(key="error.file_in_use", file=target)


def replace_file(new: Path, target: Path, *, wait_s: float | None = None) -> None:
    """Move the finished file ``new`` onto ``target``, waiting while another program
    holds ``target`` open.

    Raises
    ------
    FileInUseError
        ``target`` stayed locked: it is left as it was and the new version is kept
        beside it under a name the message gives, so nothing is lost.
    """
    wait_s = REPLACE_WAIT_S if wait_s is None else wait_s
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            os.replace(new, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    aside = _kept_aside_name(target)
    try:
        os.replace(new, aside)
    except PermissionError:
        raise UserError(key="error.folder_read_only", folder=target.parent) from None
    raise FileInUseError(
        key="error.file_kept_aside", file=target, name=target.name, aside=aside.name
    )


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
        replace_file(tmp, target)
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
