"""DEM and population rasters: checked on load, read later for the area of interest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rasterio
from pyproj import CRS
from rasterio.errors import RasterioIOError

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.crs import CRS_HINT, check_crs_fits, crs_fits, parse_crs
from coverage_planner.io.findings import Finding


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
        raise InputFileError(
            f"{path} is a folder, not a file. Choose the raster file itself (e.g. a .tif).",
            vi=f"{path} là một thư mục, không phải tệp. Hãy chọn chính tệp raster (ví dụ .tif).",
        )
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist.", vi=f"Không tìm thấy tệp {path}.")
    damaged = (
        f"{path}: cannot be read as a raster for the {role}; the file is damaged or "
        "incomplete (a download cut short?). Download or copy it again."
    )
    damaged_vi = (
        f"{path}: không đọc được raster ({role}); tệp bị hỏng hoặc không đầy đủ (tải về bị "
        "ngắt?). Hãy tải hoặc sao chép lại."
    )
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
        raise InputFileError(f"{damaged} ({exc})", vi=damaged_vi) from None
    if count < 1:
        raise InputFileError(f"{path}: the raster has no band.")
    if file_crs is None:
        if crs is None and default_crs is not None:
            default = parse_crs(default_crs, source=str(path))
            if crs_fits(bounds, default):
                crs = default_crs
        if crs is None:
            raise CrsError(
                f"{path}: the {role} raster has no coordinate reference system. {CRS_HINT}"
            )
        the_crs = parse_crs(crs, source=str(path))
        check_crs_fits(bounds, the_crs, source=str(path))
    else:
        the_crs = CRS.from_user_input(file_crs)
    source = RasterSource(path=path, crs=the_crs, bounds=bounds, resolution=res, nodata=nodata)  # type: ignore[arg-type]
    if area is not None:
        _check_area(source, area, role=role, findings=findings, damaged=(damaged, damaged_vi))
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
    damaged: tuple[str, str],
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
            f"{source.path}: the {role} raster does not overlap the communes (it covers "
            f"{minx:.6g}, {miny:.6g} to {maxx:.6g}, {maxy:.6g} in {source.crs.to_string()}; the "
            f"communes lie at {left:.6g}, {bottom:.6g} to {right:.6g}, {top:.6g}). Use the "
            "raster of this province, or check its coordinate reference system.",
            vi=f"{source.path}: raster ({role}) không chồng lên các xã. Hãy dùng raster của tỉnh "
            "này, hoặc kiểm tra hệ tọa độ của nó.",
        )
    covered = ix * iy / max((right - left) * (top - bottom), 1e-12)
    if covered < 0.99:
        findings.append(
            Finding(
                "warning",
                role,
                f"{source.path.name} covers only {covered:.0%} of the communes' extent",
                repair="places outside it have no value (terrain: the lowest height; "
                "population: none)",
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
        raise InputFileError(f"{damaged[0]} ({exc})", vi=damaged[1]) from None
    except Exception:
        return
    holes = float(np.ma.getmaskarray(sample).mean())
    if holes > 0 and role.startswith("terrain"):
        findings.append(
            Finding(
                "warning",
                role,
                f"{source.path.name} has no height (nodata) on about {holes:.1%} of the "
                "communes' extent",
                repair="holes filled with the lowest height of the area, so they never block "
                "a signal; fill them (e.g. QGIS Fill nodata) for a faithful terrain model",
            )
        )
