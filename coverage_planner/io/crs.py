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


def parse_crs(value: object, *, source: str = "the CRS") -> CRS:
    """A CRS from what a user types: ``EPSG:3405``, ``3405``, WKT or PROJ text."""
    text = str(value).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return CRS.from_user_input(text)
    except PyprojCRSError:
        raise CrsError(
            f"{source}: {value!r} is not a coordinate reference system I know. "
            "Use an EPSG code such as EPSG:4326, EPSG:3405 or EPSG:32648."
        ) from None


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
