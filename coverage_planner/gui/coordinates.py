"""Map coordinates as a planner reads them: longitude/latitude (WGS 84) and VN-2000.

The study works in a metric CRS (UTM of its zone); GPS lists are in WGS 84 and
official maps in VN-2000 / UTM zone 48N (EPSG:3405), so both are shown for the cursor
and for a selected feature.
"""

from __future__ import annotations

from pyproj import CRS, Transformer

VN2000_UTM48 = "EPSG:3405"


class CoordinateReadout:
    """Transforms points of the working CRS to (lon, lat) and VN-2000 (x, y)."""

    def __init__(self, crs) -> None:
        crs = CRS.from_user_input(crs)
        self._to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        self._to_vn2000 = Transformer.from_crs(crs, VN2000_UTM48, always_xy=True)

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        return self._to_lonlat.transform(x, y)

    def vn2000(self, x: float, y: float) -> tuple[float, float]:
        return self._to_vn2000.transform(x, y)
