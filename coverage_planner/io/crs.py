"""Coordinate reference systems: the metric working CRS, files without one."""

from __future__ import annotations

import numpy as np
from pyproj import CRS
from pyproj.exceptions import CRSError as PyprojCRSError

from coverage_planner.errors import CrsError

WGS84 = CRS.from_epsg(4326)

CRS_HINT = (
    "Give the coordinate reference system: choose it in the Open data dialog, or add "
    "--crs on the command line, e.g. --crs EPSG:4326 (GPS longitude/latitude), "
    "--crs EPSG:3405 (VN-2000 / UTM zone 48N, Lai Châu and the north-west) or "
    "--crs EPSG:3406 (VN-2000 / UTM zone 49N); or put the .prj file next to the .shp."
)


def crs_hint():
    """What to do about a missing CRS, in both languages (a message parameter)."""
    from coverage_planner.io.messages import phrase_of

    return phrase_of("hint.crs")


def parse_crs(value: object, *, source: str = "the CRS") -> CRS:
    """A CRS from what a user types: ``EPSG:3405``, ``3405``, WKT or PROJ text."""
    text = str(value).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return CRS.from_user_input(text)
    except PyprojCRSError:
        raise CrsError(key="error.unknown_crs", file=source, value=repr(value)) from None


def utm_crs_for(lon: float, lat: float) -> CRS:
    """WGS 84 / UTM zone containing a longitude/latitude (e.g. 32648 for Lai Châu)."""
    zone = int(np.floor((lon + 180.0) / 6.0)) % 60 + 1
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def plainly_lonlat(bounds: np.ndarray) -> bool:
    """Whether coordinates can only be longitude/latitude degrees.

    Projected coordinates in metres are in the thousands or more; degrees stay
    within ±180 / ±90. A layer whose extent is under a metre would be ambiguous, but
    no real commune or site list is.
    """
    minx, miny, maxx, maxy = bounds
    if not np.all(np.isfinite(bounds)):
        return False
    return bool(-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90)


FIT_MARGIN_DEG = 2.0
"""How far (degrees) outside a CRS's area of use coordinates may still fit it."""


def crs_fits(bounds: np.ndarray | tuple[float, ...], crs: CRS) -> bool:
    """Whether coordinates with these bounds can be in ``crs``.

    A geographic CRS takes only longitude/latitude degrees; a projected one only
    coordinates inside its area of use (widened by a margin), so a GPS list in degrees
    never "fits" VN-2000 / UTM and a table in metres never fits WGS 84. A CRS without a
    declared area of use (a custom PROJ string) fits any projected coordinates.
    """
    bounds = np.asarray(bounds, dtype=float)
    if not np.all(np.isfinite(bounds)):
        return False
    lonlat = plainly_lonlat(bounds)
    if crs.is_geographic:
        return lonlat
    if np.all(np.abs(bounds) <= 360):
        return False  # degrees are never metres of a projected CRS over a province
    area = crs.area_of_use
    if area is None:
        return True
    from pyproj import Transformer

    try:
        to_crs = Transformer.from_crs(WGS84, crs, always_xy=True)
        w, s, e, n = to_crs.transform_bounds(
            max(area.west - FIT_MARGIN_DEG, -180),
            max(area.south - FIT_MARGIN_DEG, -89),
            min(area.east + FIT_MARGIN_DEG, 180),
            min(area.north + FIT_MARGIN_DEG, 89),
        )
    except Exception:  # a CRS pyproj cannot bound: do not second-guess the user
        return True
    minx, miny, maxx, maxy = bounds
    return bool(w <= minx and maxx <= e and s <= miny and maxy <= n)


def lonlat_bounds(bounds: np.ndarray | tuple[float, ...], crs: CRS) -> tuple[float, ...] | None:
    """The bounds in WGS 84 degrees, or None where they cannot be transformed."""
    from pyproj import Transformer

    try:
        out = Transformer.from_crs(crs, WGS84, always_xy=True).transform_bounds(*bounds)
    except Exception:
        return None
    return tuple(out) if np.all(np.isfinite(out)) else None


def check_crs_fits(bounds: np.ndarray | tuple[float, ...], crs: CRS, *, source: str) -> None:
    """Raise :class:`CrsError` when the user's CRS for a file cannot hold its coordinates."""
    if crs_fits(bounds, crs):
        return
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    from coverage_planner.io.messages import phrase_of

    lonlat = plainly_lonlat(np.asarray(bounds, dtype=float))
    raise CrsError(
        key="error.crs_does_not_fit",
        file=source,
        crs=crs.to_string(),
        name=crs.name,
        bounds=f"{minx:.6g}, {miny:.6g} – {maxx:.6g}, {maxy:.6g}",
        looks=phrase_of("hint.looks_lonlat" if lonlat else "hint.looks_metres"),
    )


def share_fitting(x: np.ndarray, y: np.ndarray, crs: CRS) -> float:
    """The share of points that can be in ``crs`` as given or with x and y swapped (so a
    few typos or swapped rows do not decide a file's CRS)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) == 0:
        return 0.0
    finite = np.isfinite(x) & np.isfinite(y)

    def inside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if crs.is_geographic:
            return (np.abs(a) <= 180) & (np.abs(b) <= 90)
        if np.all(np.abs(np.concatenate([a[finite], b[finite]])) <= 360):
            return np.zeros(len(a), dtype=bool)
        area = crs.area_of_use
        if area is None:
            return np.ones(len(a), dtype=bool)
        from pyproj import Transformer

        try:
            w, s, e, n = Transformer.from_crs(WGS84, crs, always_xy=True).transform_bounds(
                max(area.west - FIT_MARGIN_DEG, -180),
                max(area.south - FIT_MARGIN_DEG, -89),
                min(area.east + FIT_MARGIN_DEG, 180),
                min(area.north + FIT_MARGIN_DEG, 89),
            )
        except Exception:
            return np.ones(len(a), dtype=bool)
        return (a >= w) & (a <= e) & (b >= s) & (b <= n)

    ok = finite & (inside(x, y) | inside(y, x))
    return float(ok.mean())
