"""The BTS site loader: vector files, or CSV/Excel lists with coordinates as operators
send them (swapped latitude and longitude, decimal commas, degrees-minutes-seconds,
several rows per site, technologies in words)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.aliases import column_key, match_columns, require_columns
from coverage_planner.io.coordinates import parse_coordinates
from coverage_planner.io.crs import CRS_HINT, WGS84, parse_crs, utm_crs_for
from coverage_planner.io.findings import Finding
from coverage_planner.io.geometry import drop_empty
from coverage_planner.io.layers import _ids, _numbers, _put
from coverage_planner.io.table import read_table
from coverage_planner.io.technologies import parse_technologies, technology_label
from coverage_planner.io.vector import TABLE_SUFFIXES, VECTOR_SUFFIXES, read_vector
from coverage_planner.params import TECHNOLOGIES

DUPLICATE_SITE_M = 50.0
"""Rows of one site code closer than this are one site (a row per sector or band)."""

_RADIUS_TECH = re.compile(r"^(?:radius|ban_kinh)_?([2345]g)(?:_km)?$")


def load_sites(
    path: str | Path,
    *,
    layer: str | None = None,
    crs: object = None,
    encoding: str | None = None,
    mapping: Mapping[str, str] | None = None,
    extent_lonlat: tuple[float, float, float, float] | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """BTS sites from a vector file, or a CSV/Excel list with coordinates.

    Parameters
    ----------
    extent_lonlat
        The communes' extent in degrees; a site outside it whose swapped coordinates
        fall inside has had latitude and longitude swapped, and is repaired.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        table = read_table(path, sheet=layer, encoding=encoding, findings=findings)
        if table.empty:
            raise InputFileError(f"{path}: the site list has no row.")
        gdf = _sites_from_table(
            table,
            path=path,
            crs=crs,
            mapping=mapping,
            extent_lonlat=extent_lonlat,
            findings=findings,
        )
    elif suffix in VECTOR_SUFFIXES:
        gdf = read_vector(
            path,
            layer=layer,
            prefer_layers=("sites", "bts", "tram"),
            encoding=encoding,
            crs=crs,
            layer_name="sites",
            findings=findings,
        )
        if gdf.empty:
            raise InputFileError(f"{path}: the sites layer is empty (no feature).")
        gdf = drop_empty(gdf, layer="sites", id_col=None, findings=findings)
        types = shapely.get_type_id(gdf.geometry.values)
        not_point = types != int(shapely.GeometryType.POINT)
        if not_point.any():
            findings.append(
                Finding(
                    "warning",
                    "sites",
                    f"{int(not_point.sum())} site(s) are not points",
                    repair="placed at a point inside their shape",
                )
            )
            geoms = gdf.geometry.values.copy()
            geoms[not_point] = shapely.point_on_surface(geoms[not_point])
            gdf = gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
        gdf = gdf.reset_index(drop=True)
    else:
        raise InputFileError(
            f"{path}: {suffix or 'a file without extension'} is not a format I read for sites; use CSV, Excel "
            "(.xlsx), GeoPackage, Shapefile, GeoJSON, FlatGeobuf or KML."
        )
    return _site_attributes(gdf, path=path, mapping=mapping, findings=findings)


def _sites_from_table(
    table: pd.DataFrame,
    *,
    path: Path,
    crs: object,
    mapping: Mapping[str, str] | None,
    extent_lonlat: tuple[float, float, float, float] | None,
    findings: list[Finding],
) -> gpd.GeoDataFrame:
    cols = match_columns(
        table.columns, ["lon", "lat", "x", "y"], overrides=mapping, source=str(path)
    )
    if "lon" in cols and "lat" in cols:
        xcol, ycol = cols["lon"], cols["lat"]
        layer_crs = parse_crs(crs, source=str(path)) if crs is not None else WGS84
    elif "x" in cols and "y" in cols:
        xcol, ycol = cols["x"], cols["y"]
        if crs is None:
            raise CrsError(
                f"{path}: the coordinates are in columns {xcol!r} and {ycol!r} (x/y), which do not say "
                f"their coordinate reference system. {CRS_HINT}"
            )
        layer_crs = parse_crs(crs, source=str(path))
    else:
        require_columns(cols, ["lon", "lat"], columns=table.columns, source=str(path))
        raise AssertionError("unreachable")
    x, xkind = parse_coordinates(table[xcol])
    y, ykind = parse_coordinates(table[ycol])
    for kind, what in (
        ("decimal_comma", "decimal commas"),
        ("dms", "degrees-minutes-seconds text"),
    ):
        rows = np.flatnonzero(((xkind == kind) | (ykind == kind)).to_numpy())
        if len(rows):
            findings.append(
                Finding(
                    "info",
                    "sites",
                    f"{len(rows)} row(s) give coordinates with {what} (rows {_row_list(rows)})",
                    repair="read as decimal degrees",
                )
            )
    bad = (x.isna() | y.isna()).to_numpy()
    if bad.any():
        rows = np.flatnonzero(bad)
        examples = "; ".join(
            f"row {r + 2}: {table[xcol].iloc[r]!r}, {table[ycol].iloc[r]!r}" for r in rows[:3]
        )
        findings.append(
            Finding(
                "error",
                "sites",
                f"{len(rows)} row(s) have missing or unreadable coordinates ({examples})",
                repair="left out of the map and the coverage",
            )
        )
    table = table.loc[~bad].copy()
    x, y = x[~bad].to_numpy(), y[~bad].to_numpy()
    if layer_crs.is_geographic:
        x, y = _unswap(x, y, table, extent_lonlat=extent_lonlat, findings=findings)
    table["_row"] = np.flatnonzero(~bad) + 2  # the spreadsheet row, after the header
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(x, y), crs=layer_crs).reset_index(
        drop=True
    )


def _row_list(rows: np.ndarray, limit: int = 10) -> str:
    text = ", ".join(str(r + 2) for r in rows[:limit])
    return text + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _unswap(
    lon: np.ndarray,
    lat: np.ndarray,
    table: pd.DataFrame,
    *,
    extent_lonlat: tuple[float, float, float, float] | None,
    findings: list[Finding],
) -> tuple[np.ndarray, np.ndarray]:
    """Swap back rows whose latitude and longitude were entered the other way round."""
    if extent_lonlat is not None:
        minx, miny, maxx, maxy = extent_lonlat
        margin = 0.5

        def inside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return (
                (a >= minx - margin)
                & (a <= maxx + margin)
                & (b >= miny - margin)
                & (b <= maxy + margin)
            )

        swapped = ~inside(lon, lat) & inside(lat, lon)
    else:
        swapped = (np.abs(lat) > 90) & (np.abs(lon) <= 90)
    if swapped.any():
        rows = np.flatnonzero(swapped)
        whole = swapped.all()
        what = "all rows" if whole else f"{len(rows)} row(s) (rows {_row_list(rows)})"
        findings.append(
            Finding(
                "warning",
                "sites",
                f"latitude and longitude are swapped in {what}: "
                "the points fall outside the communes, and inside once swapped",
                repair="swapped back",
            )
        )
        lon, lat = np.where(swapped, lat, lon), np.where(swapped, lon, lat)
    return lon, lat


def _site_attributes(
    gdf: gpd.GeoDataFrame, *, path: Path, mapping: Mapping[str, str] | None, findings: list[Finding]
) -> gpd.GeoDataFrame:
    roles = [
        "site_id",
        "name",
        "tech",
        "operator",
        "height",
        "azimuth",
        "beamwidth",
        "radius_km",
        "address",
        "tx_power",
        "antenna_gain",
        "feeder_loss",
    ]
    cols = match_columns(gdf.columns, roles, overrides=mapping, source=str(path))
    gdf = gdf.copy()
    rows = (
        gdf["_row"].astype(str)
        if "_row" in gdf.columns
        else pd.Series(np.arange(len(gdf)) + 1, index=gdf.index).astype(str)
    )
    _put(
        gdf,
        "site_id",
        _ids(gdf, cols.get("site_id"), "S", layer="sites", source=path, findings=findings),
        source_col=cols.get("site_id"),
    )
    _put(
        gdf,
        "site_name",
        gdf[cols["name"]].astype(object) if "name" in cols else gdf["site_id"],
        source_col=cols.get("name"),
    )
    _put(
        gdf,
        "operator",
        gdf[cols["operator"]].astype(object) if "operator" in cols else None,
        source_col=cols.get("operator"),
    )
    if "tech" not in cols:
        require_columns(cols, ["tech"], columns=gdf.columns, source=str(path))
    flags, unknown = parse_technologies(gdf[cols["tech"]])
    for col in flags.columns:
        _put(gdf, col, flags[col].to_numpy())
    _put(gdf, "technologies", technology_label(flags).to_numpy())
    none = ~flags.any(axis=1)
    if none.any():
        findings.append(
            Finding(
                "warning",
                "sites",
                f"{int(none.sum())} site(s) have no technology in "
                f"{cols['tech']!r}: {', '.join(gdf.loc[none, 'site_id'].astype(str).head(10))}",
                repair="kept on the map, left out of the coverage",
            )
        )
    odd = unknown != ""
    if odd.any():
        words = sorted(set(", ".join(unknown[odd]).split(", ")))
        findings.append(
            Finding(
                "warning",
                "sites",
                f"technology words not understood in {cols['tech']!r}: "
                f"{', '.join(words[:10])} ({int(odd.sum())} site(s))",
                repair="ignored; use 2G/3G/4G/5G, GSM, UMTS/WCDMA, LTE or NR",
            )
        )
    height = (
        _numbers(gdf[cols["height"]])[0] if "height" in cols else pd.Series(np.nan, index=gdf.index)
    )
    height = height.where(height > 0)
    _put(gdf, "antenna_height_m", height.to_numpy(), source_col=cols.get("height"))
    azimuths, bad_az = (
        _azimuths(gdf[cols["azimuth"]])
        if "azimuth" in cols
        else (pd.Series("", index=gdf.index), None)
    )
    if bad_az is not None and bad_az.any():
        findings.append(
            Finding(
                "warning",
                "sites",
                f"{int(bad_az.sum())} azimuth value(s) are not angles in degrees "
                f"(rows {', '.join(rows[bad_az].head(10))})",
                repair="treated as omnidirectional",
            )
        )
    _put(gdf, "azimuths", azimuths.to_numpy(), source_col=cols.get("azimuth"))
    beam = (
        _numbers(gdf[cols["beamwidth"]])[0]
        if "beamwidth" in cols
        else pd.Series(np.nan, index=gdf.index)
    )
    beam = beam.where((beam > 0) & (beam <= 360))
    _put(gdf, "beamwidth_deg", beam.to_numpy(), source_col=cols.get("beamwidth"))
    radius = (
        _numbers(gdf[cols["radius_km"]])[0]
        if "radius_km" in cols
        else pd.Series(np.nan, index=gdf.index)
    )
    _put(gdf, "radius_km", radius.where(radius > 0).to_numpy(), source_col=cols.get("radius_km"))
    for col in list(gdf.columns):
        m = _RADIUS_TECH.match(column_key(col))
        if m and col != f"radius_{m.group(1)}_km":
            r = _numbers(gdf[col])[0]
            _put(gdf, f"radius_{m.group(1)}_km", r.where(r > 0).to_numpy())
    # The site's own link budget (terrain model), where the list gives it.
    for role, name in (
        ("tx_power", "tx_power_dbm"),
        ("antenna_gain", "antenna_gain_dbi"),
        ("feeder_loss", "feeder_loss_db"),
    ):
        values = (
            _numbers(gdf[cols[role]])[0] if role in cols else pd.Series(np.nan, index=gdf.index)
        )
        _put(gdf, name, values.to_numpy(), source_col=cols.get(role))
    gdf = _merge_duplicates(gdf, findings=findings)
    return gdf.drop(columns=[c for c in ("_row",) if c in gdf.columns]).reset_index(drop=True)


def _azimuths(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Azimuth cells ("120", "0/120/240", "0;120;240") as canonical text, and bad cells."""

    def one(cell: object) -> tuple[str, bool]:
        if cell is None or (isinstance(cell, float) and np.isnan(cell)) or str(cell).strip() == "":
            return "", False
        parts = [p for p in re.split(r"[/;|\s]+|,(?=\s)|,(?!\d{1,2}\b)", str(cell).strip()) if p]
        try:
            angles = [float(p.replace(",", ".")) for p in parts]
        except ValueError:
            return "", True
        if any(a < 0 or a > 360 for a in angles):
            return "", True
        return "/".join(f"{a % 360:g}" for a in angles), False

    parsed = {v: one(v) for v in pd.unique(values.astype(object))}
    return values.astype(object).map(lambda v: parsed[v][0]), values.astype(object).map(
        lambda v: parsed[v][1]
    ).astype(bool)


def _merge_duplicates(gdf: gpd.GeoDataFrame, *, findings: list[Finding]) -> gpd.GeoDataFrame:
    """Handle repeated site codes.

    Rows of one code at one place (within 50 m) are one site listed per sector or per
    band: merged, technologies and azimuths combined. Rows of one code at different
    places are different sites with a wrong code: kept, renamed ``code#2``.
    """
    dup = gdf["site_id"].duplicated(keep=False)
    if not dup.any():
        return gdf
    if gdf.crs is not None and gdf.crs.is_geographic:
        lon0 = float(gdf.geometry.x.mean())
        metric = gdf.geometry.to_crs(utm_crs_for(lon0, float(gdf.geometry.y.mean())))
    else:
        metric = gdf.geometry
    xy = np.column_stack([metric.x, metric.y])
    keep = np.ones(len(gdf), dtype=bool)
    merged_codes: list[str] = []
    exact_codes: list[str] = []
    renamed_codes: list[str] = []
    ids = gdf["site_id"].to_numpy(dtype=object).copy()
    tech_cols = [f"serves_{t.lower()}" for t in TECHNOLOGIES]
    for code, idx in gdf.index[dup.to_numpy()].groupby(gdf.loc[dup, "site_id"]).items():
        pos = gdf.index.get_indexer(idx)
        first = pos[0]
        near = np.hypot(*(xy[pos] - xy[first]).T) <= DUPLICATE_SITE_M
        same_place = pos[near]
        if len(same_place) > 1:
            rows = gdf.iloc[same_place]
            attrs = rows.drop(
                columns=[c for c in ("_row", "geometry") if c in rows.columns]
            ).astype(str)
            if len(attrs.drop_duplicates()) == 1:
                exact_codes.append(str(code))
            else:
                merged_codes.append(str(code))
                for col in tech_cols:
                    gdf.iat[first, gdf.columns.get_loc(col)] = bool(rows[col].any())
                az = "/".join(a for a in rows["azimuths"] if a)
                gdf.iat[first, gdf.columns.get_loc("azimuths")] = (
                    "/".join(dict.fromkeys(az.split("/"))) if az else ""
                )
            keep[same_place[1:]] = False
        for n, p in enumerate(pos[~near], start=2):
            ids[p] = f"{code}#{n}"
            renamed_codes.append(str(code))
    gdf["site_id"] = ids
    if merged_codes:
        findings.append(
            Finding(
                "info",
                "sites",
                f"{len(merged_codes)} site code(s) appear on several rows at one "
                f"place (a row per sector or band): {', '.join(merged_codes[:10])}",
                repair="merged into one site, technologies and azimuths combined",
            )
        )
    if exact_codes:
        findings.append(
            Finding(
                "warning",
                "sites",
                f"{len(exact_codes)} site(s) are listed twice, identically: "
                f"{', '.join(exact_codes[:10])}",
                repair="duplicates dropped",
            )
        )
    if renamed_codes:
        findings.append(
            Finding(
                "warning",
                "sites",
                f"{len(set(renamed_codes))} site code(s) are used by sites at "
                f"different places (more than {DUPLICATE_SITE_M:g} m apart): "
                f"{', '.join(sorted(set(renamed_codes))[:10])}",
                repair="kept, renamed code#2, code#3",
            )
        )
    gdf = gdf.loc[keep]
    gdf["technologies"] = technology_label(gdf[tech_cols]).to_numpy()
    return gdf
