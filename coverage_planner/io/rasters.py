"""DEM and population rasters: checked on load, read later for the area of interest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rasterio
from pyproj import CRS
from rasterio.errors import RasterioIOError

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.crs import check_crs_fits, crs_fits, crs_hint, parse_crs
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import layer_word


@dataclass(frozen=True)
class RasterSource:
    """A raster file and what a loader learnt of it (its CRS may be given by the user)."""

    path: Path
    crs: CRS
    bounds: tuple[float, float, float, float]
    resolution: tuple[float, float]
    nodata: float | None


def load_raster(
    path: str | Path,
    *,
    role: str,
    crs: object = None,
    default_crs: object = None,
    area: tuple[object, CRS] | None = None,
    findings: list[Finding] | None = None,
) -> RasterSource:
    """Open a raster (GeoTIFF or any format rasterio reads) and check it can be used.

    Parameters
    ----------
    crs, default_crs
        The CRS given for this raster (where the file has none), and a global one used
        only where it fits the raster's bounds.
    area
        The communes' bounds and their CRS: a raster that does not overlap them is an
        error, one that covers part of them or has holes (nodata) there is a finding.
        The file is also read at its first and last blocks and, decimated, over the
        area, so a truncated download is caught here and not in the middle of a run.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    if path.is_dir():
        raise InputFileError(key="error.raster_is_folder", file=path)
    if not path.exists():
        raise InputFileError(key="error.no_such_file", file=path)
    try:
        with rasterio.open(path) as src:
            file_crs = src.crs
            bounds = tuple(src.bounds)
            res = src.res
            nodata = src.nodata
            count = src.count
            if count >= 1:
                _read_corners(src)
    except RasterioIOError as exc:
        raise InputFileError(
            key="error.raster_damaged", file=path, layer=layer_word(role), detail=str(exc)
        ) from None
    if count < 1:
        raise InputFileError(key="error.raster_no_band", file=path)
    if file_crs is None:
        if crs is None and default_crs is not None:
            default = parse_crs(default_crs, source=str(path))
            if crs_fits(bounds, default):
                crs = default_crs
        if crs is None:
            raise CrsError(
                key="error.raster_no_crs", file=path, layer=layer_word(role), hint=crs_hint()
            )
        the_crs = parse_crs(crs, source=str(path))
        check_crs_fits(bounds, the_crs, source=str(path))
    else:
        the_crs = CRS.from_user_input(file_crs)
    source = RasterSource(path=path, crs=the_crs, bounds=bounds, resolution=res, nodata=nodata)  # type: ignore[arg-type]
    if area is not None:
        _check_area(source, area, role=role, findings=findings)
    return source


def _read_corners(src) -> None:
    """Read the first and the last block: a truncated file fails here."""
    from rasterio.windows import Window

    bh, bw = src.block_shapes[0]
    src.read(1, window=Window(0, 0, min(bw, src.width), min(bh, src.height)))
    col = max(0, src.width - bw)
    row = max(0, src.height - bh)
    src.read(1, window=Window(col, row, src.width - col, src.height - row))


SAMPLE_CELLS = 512
"""The decimated read of a raster over the province is at most this many cells a side."""


def _check_area(
    source: RasterSource,
    area: tuple[object, CRS],
    *,
    role: str,
    findings: list[Finding],
) -> None:
    import numpy as np
    from rasterio.warp import transform_bounds
    from rasterio.windows import Window, from_bounds

    area_bounds, area_crs = area
    try:
        left, bottom, right, top = transform_bounds(
            CRS.from_user_input(area_crs).to_wkt(),
            source.crs.to_wkt(),
            *area_bounds,
            densify_pts=21,
        )
    except Exception:
        return
    minx, miny, maxx, maxy = source.bounds
    ix = max(0.0, min(right, maxx) - max(left, minx))
    iy = max(0.0, min(top, maxy) - max(bottom, miny))
    if ix <= 0 or iy <= 0:
        raise InputFileError(
            key="error.raster_no_overlap",
            file=source.path,
            layer=layer_word(role),
            covers=f"{minx:.6g}, {miny:.6g} – {maxx:.6g}, {maxy:.6g}",
            crs=source.crs.to_string(),
            communes=f"{left:.6g}, {bottom:.6g} – {right:.6g}, {top:.6g}",
        )
    covered = ix * iy / max((right - left) * (top - bottom), 1e-12)
    if covered < 0.99:
        findings.append(
            Finding(
                "warning",
                role,
                key="raster.partial_cover",
                params={"file": source.path.name, "share": f"{covered:.0%}"},
                repair_key="repair.outside_filled",
            )
        )
    try:
        with rasterio.open(source.path) as src:
            window = (
                from_bounds(
                    max(left, minx),
                    max(bottom, miny),
                    min(right, maxx),
                    min(top, maxy),
                    src.transform,
                )
                .round_offsets()
                .round_lengths()
            )
            window = window.intersection(Window(0, 0, src.width, src.height))
            scale = max(window.width, window.height) / SAMPLE_CELLS
            shape = (
                max(1, int(window.height / max(scale, 1))),
                max(1, int(window.width / max(scale, 1))),
            )
            sample = src.read(1, window=window, out_shape=shape, masked=True)
    except RasterioIOError as exc:
        raise InputFileError(
            key="error.raster_damaged", file=source.path, layer=layer_word(role), detail=str(exc)
        ) from None
    except Exception:
        return
    holes = float(np.ma.getmaskarray(sample).mean())
    if holes > 0 and role.startswith("terrain"):
        findings.append(
            Finding(
                "warning",
                role,
                key="raster.dem_holes",
                params={"file": source.path.name, "share": f"{holes:.1%}"},
                repair_key="repair.holes_filled",
            )
        )
