"""DEM and population rasters: checked on load, read later for the area of interest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rasterio
from pyproj import CRS
from rasterio.errors import RasterioIOError

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.crs import CRS_HINT, parse_crs


@dataclass(frozen=True)
class RasterSource:
    """A raster file and what a loader learnt of it (its CRS may be given by the user)."""

    path: Path
    crs: CRS
    bounds: tuple[float, float, float, float]
    resolution: tuple[float, float]
    nodata: float | None


def load_raster(path: str | Path, *, role: str, crs: object = None) -> RasterSource:
    """Open a raster (GeoTIFF or any format rasterio reads) and check it can be used."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist.")
    try:
        with rasterio.open(path) as src:
            file_crs = src.crs
            bounds = tuple(src.bounds)
            res = src.res
            nodata = src.nodata
            count = src.count
    except RasterioIOError as exc:
        raise InputFileError(
            f"{path}: cannot be read as a raster for the {role} ({exc})."
        ) from None
    if count < 1:
        raise InputFileError(f"{path}: the raster has no band.")
    if file_crs is None:
        if crs is None:
            raise CrsError(
                f"{path}: the {role} raster has no coordinate reference system. {CRS_HINT}"
            )
        the_crs = parse_crs(crs, source=str(path))
    else:
        the_crs = CRS.from_user_input(file_crs)
    return RasterSource(path=path, crs=the_crs, bounds=bounds, resolution=res, nodata=nodata)  # type: ignore[arg-type]
