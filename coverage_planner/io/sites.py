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

from coverage_planner.errors import InputFileError
from coverage_planner.io.aliases import column_key, match_columns, require_columns
from coverage_planner.io.findings import Finding
from coverage_planner.io.geometry import drop_empty
from coverage_planner.io.layers import feature_ids, put_column
from coverage_planner.io.messages import count, layer_word, listing, rows_phrase, suffix_word
from coverage_planner.io.site_coordinates import MOST_ROWS, sites_from_table
from coverage_planner.io.site_values import (
    DUPLICATE_SITE_M,
    PLAUSIBLE,
    azimuth_values,
    checked_values,
    merge_duplicates,
)
from coverage_planner.io.table import read_table
from coverage_planner.io.technologies import parse_technologies, technology_label
from coverage_planner.io.vector import TABLE_SUFFIXES, VECTOR_SUFFIXES, read_vector

# The older names, kept for callers and tests that use them.
_sites_from_table = sites_from_table
_merge_duplicates = merge_duplicates
__all__ = [
    "DUPLICATE_SITE_M",
    "MOST_ROWS",
    "PLAUSIBLE",
    "checked_values",
    "load_sites",
    "merge_duplicates",
    "sites_from_table",
]

_RADIUS_TECH = re.compile(r"^(?:radius|ban_kinh)_?([2345]g)(?:_km)?$")


def load_sites(
    path: str | Path,
    *,
    layer: str | None = None,
    crs: object = None,
    encoding: str | None = None,
    mapping: Mapping[str, str] | None = None,
    extent_lonlat: tuple[float, float, float, float] | None = None,
    default_crs: object = None,
    default_encoding: str | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """BTS sites from a vector file, or a CSV/Excel list with coordinates.

    Parameters
    ----------
    crs, default_crs
        The CRS given for this file (used as given, checked against the coordinates),
        and a global one used only where it fits them (see ``LayerSource``).
    extent_lonlat
        The communes' extent in degrees; a site outside it whose swapped coordinates
        fall inside has had latitude and longitude swapped, and is repaired.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    suffix = path.suffix.lower()
    if path.is_dir() or not path.exists():
        suffix = ".csv"  # read_table says what is wrong, in the user's words
    if suffix in TABLE_SUFFIXES:
        table = read_table(
            path,
            sheet=layer,
            encoding=encoding,
            default_encoding=default_encoding,
            findings=findings,
        )
        if table.empty:
            raise InputFileError(key="error.no_site_row", file=path)
        gdf = sites_from_table(
            table,
            path=path,
            crs=crs,
            default_crs=default_crs,
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
            default_crs=default_crs,
            default_encoding=default_encoding,
            layer_name="sites",
            findings=findings,
        )
        if gdf.empty:
            raise InputFileError(key="error.layer_empty", file=path, layer=layer_word("sites"))
        gdf = drop_empty(gdf, layer="sites", id_col=None, findings=findings)
        types = shapely.get_type_id(gdf.geometry.values)
        not_point = types != int(shapely.GeometryType.POINT)
        if not_point.any():
            findings.append(
                Finding(
                    "warning",
                    "sites",
                    key="sites.not_points",
                    params={"n": count(not_point.sum())},
                    repair_key="repair.point_inside",
                )
            )
            geoms = gdf.geometry.values.copy()
            geoms[not_point] = shapely.point_on_surface(geoms[not_point])
            gdf = gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
        gdf = gdf.reset_index(drop=True)
    else:
        raise InputFileError(key="error.sites_format", file=path, suffix=suffix_word(suffix))
    return _site_attributes(gdf, path=path, mapping=mapping, findings=findings)


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
        "downtilt",
        "electrical_tilt",
        "mechanical_tilt",
    ]
    cols = match_columns(gdf.columns, roles, overrides=mapping, source=str(path))
    gdf = gdf.copy()
    rows = (
        gdf["_row"].astype(str)
        if "_row" in gdf.columns
        else pd.Series(np.arange(len(gdf)) + 1, index=gdf.index).astype(str)
    )
    put_column(
        gdf,
        "site_id",
        feature_ids(gdf, cols.get("site_id"), "S", layer="sites", source=path, findings=findings),
        source_col=cols.get("site_id"),
    )
    put_column(
        gdf,
        "site_name",
        gdf[cols["name"]].astype(object) if "name" in cols else gdf["site_id"],
        source_col=cols.get("name"),
    )
    put_column(
        gdf,
        "operator",
        gdf[cols["operator"]].astype(object) if "operator" in cols else None,
        source_col=cols.get("operator"),
    )
    if "tech" not in cols:
        require_columns(cols, ["tech"], columns=gdf.columns, source=str(path))
    flags, unknown = parse_technologies(gdf[cols["tech"]])
    for col in flags.columns:
        put_column(gdf, col, flags[col].to_numpy())
    put_column(gdf, "technologies", technology_label(flags).to_numpy())
    none = ~flags.any(axis=1)
    if none.any():
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.no_technology",
                params={
                    "n": count(none.sum()),
                    "column": repr(cols["tech"]),
                    "ids": listing(gdf.loc[none, "site_id"].astype(str), total=int(none.sum())),
                },
                repair_key="repair.map_only",
            )
        )
    odd = unknown != ""
    if odd.any():
        words = sorted(set(", ".join(unknown[odd]).split(", ")))
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.technology_words",
                params={
                    "column": repr(cols["tech"]),
                    "words": listing(words),
                    "n": count(odd.sum()),
                },
                repair_key="repair.technology_ignored",
            )
        )

    def checked(role_col: str | None, what: str) -> pd.Series:
        if role_col is None:
            return pd.Series(np.nan, index=gdf.index)
        return checked_values(
            gdf[role_col], column=role_col, what=what, rows=rows, findings=findings
        )

    height = checked(cols.get("height"), "antenna_height_m")
    put_column(gdf, "antenna_height_m", height.to_numpy(), source_col=cols.get("height"))
    azimuths, bad_az = (
        azimuth_values(gdf[cols["azimuth"]])
        if "azimuth" in cols
        else (pd.Series("", index=gdf.index), None)
    )
    if bad_az is not None and bad_az.any():
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.azimuth_words",
                params={"n": count(bad_az.sum()), "rows": rows_phrase(rows[bad_az])},
                repair_key="repair.omnidirectional",
            )
        )
    put_column(gdf, "azimuths", azimuths.to_numpy(), source_col=cols.get("azimuth"))
    beam = checked(cols.get("beamwidth"), "beamwidth_deg")
    put_column(gdf, "beamwidth_deg", beam.to_numpy(), source_col=cols.get("beamwidth"))
    radius = checked(cols.get("radius_km"), "radius_km")
    put_column(gdf, "radius_km", radius.to_numpy(), source_col=cols.get("radius_km"))
    for col in list(gdf.columns):
        m = _RADIUS_TECH.match(column_key(col))
        if m and col != f"radius_{m.group(1)}_km":
            r = checked(col, "radius_km")
            put_column(gdf, f"radius_{m.group(1)}_km", r.to_numpy())
    # The site's own link budget (terrain model), where the list gives it.
    for role, name in (
        ("tx_power", "tx_power_dbm"),
        ("antenna_gain", "antenna_gain_dbi"),
        ("feeder_loss", "feeder_loss_db"),
        ("downtilt", "downtilt_deg"),
        ("electrical_tilt", "electrical_tilt_deg"),
        ("mechanical_tilt", "mechanical_tilt_deg"),
    ):
        values = checked(cols.get(role), name)
        put_column(gdf, name, values.to_numpy(), source_col=cols.get(role))
    gdf = merge_duplicates(gdf, findings=findings)
    return gdf.drop(columns=[c for c in ("_row",) if c in gdf.columns]).reset_index(drop=True)
