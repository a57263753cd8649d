"""Geometry repairs shared by the loaders, each reported as a finding."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from coverage_planner.errors import InputFileError
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import Phrase, count, layer_word, listing

POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


def _ids(frame: gpd.GeoDataFrame, mask: np.ndarray, id_col: str | None, limit: int = 10) -> Phrase:
    labels = (
        frame.loc[mask, id_col].astype(str).tolist()
        if id_col
        else [str(i + 1) for i in np.flatnonzero(mask)]
    )
    return listing(labels, limit=limit)


def drop_empty(
    frame: gpd.GeoDataFrame, *, layer: str, id_col: str | None, findings: list[Finding]
) -> gpd.GeoDataFrame:
    """Drop features without geometry, with one warning naming them."""
    geoms = frame.geometry.values
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if empty.any():
        findings.append(
            Finding(
                "warning",
                layer,
                key="geometry.no_geometry",
                params={"n": count(empty.sum()), "ids": _ids(frame, empty, id_col)},
                repair_key="repair.dropped",
            )
        )
        frame = frame.loc[~empty]
    return frame


def polygons_only(
    frame: gpd.GeoDataFrame, *, layer: str, id_col: str | None, source: str, findings: list[Finding]
) -> gpd.GeoDataFrame:
    """Repair invalid polygons with ``make_valid`` and drop what is not a polygon."""
    geoms = frame.geometry.values
    types = shapely.get_type_id(geoms)
    polygonal = np.isin(types, [int(t) for t in POLYGONAL])
    if not polygonal.any():
        kinds = sorted({shapely.get_type_id(g) for g in geoms[:100]})
        names = ", ".join(shapely.GeometryType(k).name.lower() for k in kinds)
        raise InputFileError(
            key="error.not_polygons", file=source, layer=layer_word(layer), kinds=names
        )
    if not polygonal.all():
        findings.append(
            Finding(
                "warning",
                layer,
                key="geometry.not_polygons",
                params={"n": count((~polygonal).sum()), "ids": _ids(frame, ~polygonal, id_col)},
                repair_key="repair.dropped",
            )
        )
        frame = frame.loc[polygonal]
        geoms = frame.geometry.values
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = shapely.is_valid_reason(geoms[invalid])
        fixed = shapely.make_valid(geoms[invalid])
        parts, index = shapely.get_parts(fixed, return_index=True)
        keep = np.isin(shapely.get_type_id(parts), [int(t) for t in POLYGONAL])
        out = np.full(int(invalid.sum()), None, dtype=object)
        if keep.any():
            owners, dense = np.unique(index[keep], return_inverse=True)
            out[owners] = shapely.multipolygons(parts[keep], indices=dense)
        new = geoms.copy()
        new[invalid] = out
        frame = frame.copy()
        frame[frame.geometry.name] = gpd.GeoSeries(new, index=frame.index, crs=frame.crs)
        labels = _ids(frame, invalid, id_col)
        findings.append(
            Finding(
                "warning",
                layer,
                key="geometry.invalid",
                params={"n": count(invalid.sum()), "ids": labels, "reason": reasons[0]},
                repair_key="repair.make_valid",
            )
        )
        frame = drop_empty(frame, layer=layer, id_col=id_col, findings=findings)
    return frame
