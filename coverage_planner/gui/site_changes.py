"""The site edits made in the app, as changes to the site list read from the file.

The Edit-site panel changes a site's position, antenna height, power, azimuths or tilt,
adds a site or removes one. The study keeps the edited list; what is saved with the
project (and in the autosave) is the difference from the file it was read from, so
the planner's site file stays as it was and a corrected file is still read:

- ``changed``: per site id, its position (in the study's working CRS) and the edited
  columns (the commune of a moved site among them);
- ``removed``: the ids of the file's sites removed;
- ``added``: the new sites, every column, in the order they were added (at the end of
  the list, where the panel puts them).

``site_changes(original, edited)`` makes that difference and ``apply_site_changes``
rebuilds the edited list from the file's sites; a change or a removal naming a site
that is no longer in the file stops with a message (the figures would otherwise be
those of another site list than the planner's).
"""

from __future__ import annotations

import contextlib
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from coverage_planner.errors import ConfigError

# commune_id: the panel gives a moved site the commune it stands in now
EDITED = ("antenna_height_m", "tx_power_dbm", "downtilt_deg", "azimuths", "commune_id")


def _plain(value: object) -> object:
    """A JSON value: numpy scalars as Python ones, NaN and NA as null."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise equality where two missing values are equal."""
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    return (a == b) | (pd.isna(a) & pd.isna(b))


def _row_values(sites: gpd.GeoDataFrame, i: int, columns) -> dict:
    row = sites.iloc[i]
    return {c: _plain(row[c]) for c in columns if c in sites.columns}


def site_changes(original: gpd.GeoDataFrame, edited: gpd.GeoDataFrame) -> dict | None:
    """The difference of ``edited`` from the file's ``original`` sites; None when the
    lists are the same. Both lists are in the study's working CRS."""
    ids = original["site_id"].astype(str).to_numpy()
    new_ids = edited["site_id"].astype(str).to_numpy()
    geometry = edited.geometry.name
    at = pd.Index(ids).get_indexer(new_ids) if pd.Index(ids).is_unique else None
    if at is None:  # ids not unique: the list as a whole
        return {"crs": edited.crs.to_wkt(), "sites": _all_rows(edited)}
    j = np.flatnonzero(at >= 0)
    i = at[j]
    # a site of the file keeps its other columns; one with the id of a removed site and
    # other columns (a new site given a freed id) is a new site
    same = np.ones(len(j), dtype=bool)
    for c in original.columns:
        if c != geometry and c not in EDITED:
            b = edited[c].to_numpy()[j] if c in edited else np.full(len(j), None)
            same &= _equal(original[c].to_numpy()[i], b)
    j, i = j[same], i[same]
    if not np.all(np.diff(i) > 0):  # the file's sites in another order
        return {"crs": edited.crs.to_wkt(), "sites": _all_rows(edited)}
    differs = ~shapely.equals_exact(
        original.geometry.to_numpy()[i], edited.geometry.to_numpy()[j], tolerance=0
    )
    for c in EDITED:
        a = original[c].to_numpy()[i] if c in original else np.full(len(i), None)
        b = edited[c].to_numpy()[j] if c in edited else np.full(len(j), None)
        differs |= ~_equal(a, b)
    changed = {}
    for jj in j[differs]:
        point = edited.geometry.iloc[jj]
        changed[new_ids[jj]] = {"x": point.x, "y": point.y, **_row_values(edited, jj, EDITED)}
    kept = np.zeros(len(ids), dtype=bool)
    kept[i] = True
    removed = ids[~kept].tolist()
    new = np.ones(len(new_ids), dtype=bool)
    new[j] = False
    columns = [c for c in edited.columns if c != geometry]
    added = [
        {
            **_row_values(edited, jj, columns),
            "x": edited.geometry.iloc[jj].x,
            "y": edited.geometry.iloc[jj].y,
        }
        for jj in np.flatnonzero(new)
    ]
    if np.any(np.flatnonzero(new) < len(j)):  # a new site before one of the file's
        return {"crs": edited.crs.to_wkt(), "sites": _all_rows(edited)}
    if not (changed or added or removed):
        return None
    return {"crs": edited.crs.to_wkt(), "changed": changed, "removed": removed, "added": added}


def _all_rows(sites: gpd.GeoDataFrame) -> list[dict]:
    """Every site, every column (a list the panel did not make by its edits)."""
    geometry = sites.geometry.name
    columns = [c for c in sites.columns if c != geometry]
    xy = shapely.get_coordinates(sites.geometry.to_numpy())
    records = pd.DataFrame(sites[columns]).to_dict("records")
    return [
        {**{c: _plain(v) for c, v in r.items()}, "x": float(x), "y": float(y)}
        for r, (x, y) in zip(records, xy, strict=True)
    ]


def _points(rows: list[dict], crs_from: CRS, crs_to) -> np.ndarray:
    x = np.array([r["x"] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    if CRS.from_user_input(crs_to) != crs_from:
        x, y = Transformer.from_crs(crs_from, crs_to, always_xy=True).transform(x, y)
    return shapely.points(x, y)


def _frame(rows: list[dict], like: gpd.GeoDataFrame, crs_from: CRS) -> gpd.GeoDataFrame:
    geometry = like.geometry.name
    table = pd.DataFrame([{k: v for k, v in r.items() if k not in ("x", "y")} for r in rows])
    for column in like.columns:
        if column == geometry:
            continue
        if column not in table:
            table[column] = None
        with contextlib.suppress(TypeError, ValueError):  # a column of other values
            table[column] = table[column].astype(like[column].dtype)
    table[geometry] = _points(rows, crs_from, like.crs) if rows else []
    frame = gpd.GeoDataFrame(table, geometry=geometry, crs=like.crs)
    return frame[[c for c in like.columns] + [c for c in frame.columns if c not in like]]


def apply_site_changes(
    original: gpd.GeoDataFrame, changes: dict | None, *, file: object = ""
) -> gpd.GeoDataFrame:
    """The edited site list: ``changes`` (from :func:`site_changes`) applied to the
    file's sites. ``file`` names the site file in a message."""
    if not changes:
        return original
    crs = CRS.from_user_input(changes["crs"])
    if "sites" in changes:
        return _frame(changes["sites"], original, crs).reset_index(drop=True)
    ids = original["site_id"].astype(str)
    wanted = list(changes.get("changed", {})) + list(changes.get("removed", []))
    missing = sorted(set(wanted) - set(ids))
    if missing:
        raise ConfigError(key="project.site_edits_missing", file=file, ids=", ".join(missing))
    sites = original.copy()
    changed = changes.get("changed", {})
    if changed:
        rows = np.flatnonzero(ids.isin(list(changed)).to_numpy())
        values = [changed[ids.iloc[i]] for i in rows]
        for column in EDITED:
            if any(column in v for v in values):
                if column not in sites:
                    sites[column] = np.nan
                new = [v.get(column) for v in values]
                new = [np.nan if x is None and column != "azimuths" else x for x in new]
                sites.loc[sites.index[rows], column] = pd.Series(new, index=sites.index[rows])
        geoms = sites.geometry.to_numpy().copy()
        geoms[rows] = _points(values, crs, sites.crs)
        sites = sites.set_geometry(gpd.GeoSeries(geoms, index=sites.index, crs=sites.crs))
    removed = set(changes.get("removed", []))
    if removed:
        sites = sites[~ids.isin(removed).to_numpy()]
    added = changes.get("added", [])
    if added:
        sites = pd.concat([sites, _frame(added, original, crs)], ignore_index=True)
        sites = gpd.GeoDataFrame(sites, geometry=original.geometry.name, crs=original.crs)
    return sites.reset_index(drop=True)
