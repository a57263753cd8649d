"""Site coordinates from a table: the columns, their CRS, and the repairs operators'
lists need (swapped latitude and longitude, VN-2000 X/Y, decimal commas,
degrees-minutes-seconds), each reported as a finding."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.aliases import match_columns, require_columns
from coverage_planner.io.coordinates import parse_coordinates
from coverage_planner.io.crs import (
    WGS84,
    check_crs_fits,
    crs_fits,
    crs_hint,
    parse_crs,
    share_fitting,
)
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import Phrase, count, examples, listing


def sites_from_table(
    table: pd.DataFrame,
    *,
    path: Path,
    crs: object,
    default_crs: object = None,
    mapping: Mapping[str, str] | None,
    extent_lonlat: tuple[float, float, float, float] | None,
    findings: list[Finding],
) -> gpd.GeoDataFrame:
    cols = match_columns(
        table.columns, ["lon", "lat", "x", "y"], overrides=mapping, source=str(path)
    )
    if "lon" in cols and "lat" in cols:
        xcol, ycol = cols["lon"], cols["lat"]
    elif "x" in cols and "y" in cols:
        xcol, ycol = cols["x"], cols["y"]
    else:
        require_columns(cols, ["lon", "lat"], columns=table.columns, source=str(path))
        raise AssertionError("unreachable")
    """Points from the coordinate columns of a table (sites, or planning candidates).

    Columns are matched in Vietnamese or English (``lon``/``lat`` or ``x``/``y``,
    ``mapping`` overrides them); decimal commas and degrees-minutes-seconds text are
    read, swapped columns are put right when ``extent_lonlat`` shows it, and the layer's
    CRS is ``crs``, else guessed from the values (``default_crs`` for projected ones).
    Every repair and every row left out is a finding; no readable row at all raises
    :class:`InputFileError` in both languages.
    """
    x, xkind = parse_coordinates(table[xcol])
    y, ykind = parse_coordinates(table[ycol])
    for kind, what in (
        ("decimal_comma", Phrase("decimal commas", "dấu phẩy thập phân")),
        ("dms", Phrase("degrees-minutes-seconds text", "chữ độ-phút-giây")),
    ):
        rows = np.flatnonzero(((xkind == kind) | (ykind == kind)).to_numpy())
        if len(rows):
            findings.append(
                Finding(
                    "info",
                    "sites",
                    key="sites.coordinate_format",
                    params={"n": count(len(rows)), "what": what, "rows": row_list(rows)},
                    repair_key="repair.decimal_degrees",
                )
            )
    bad = (x.isna() | y.isna()).to_numpy()
    if bad.all():
        raise InputFileError(
            key="error.no_readable_coordinates",
            file=path,
            xcol=repr(xcol),
            ycol=repr(ycol),
            examples=coordinate_examples(
                table, np.arange(min(3, len(table))), xcol=xcol, ycol=ycol
            ),
        )
    xv, yv = x.to_numpy(), y.to_numpy()
    layer_crs = _table_crs(
        xv[~bad],
        yv[~bad],
        crs=crs,
        default_crs=default_crs,
        degrees_columns="lon" in cols and "lat" in cols,
        columns=(xcol, ycol),
        path=path,
        findings=findings,
    )
    if layer_crs.is_geographic:
        xv, yv = _unswap(xv, yv, table, extent_lonlat=extent_lonlat, findings=findings)
        out = ~bad & ((np.abs(xv) > 180) | (np.abs(yv) > 90))
    else:
        xv, yv = _unswap_projected(
            xv, yv, crs=layer_crs, extent_lonlat=extent_lonlat, findings=findings
        )
        out = np.zeros(len(xv), dtype=bool)
    if out.any():
        rows = np.flatnonzero(out)
        findings.append(
            Finding(
                "error",
                "sites",
                key="sites.out_of_range",
                params={
                    "n": count(len(rows)),
                    "examples": coordinate_examples(table, rows, xcol=xcol, ycol=ycol),
                },
                repair_key="repair.left_out",
            )
        )
    if bad.any():
        rows = np.flatnonzero(bad)
        findings.append(
            Finding(
                "error",
                "sites",
                key="sites.unreadable",
                params={
                    "n": count(len(rows)),
                    "examples": coordinate_examples(table, rows, xcol=xcol, ycol=ycol),
                },
                repair_key="repair.left_out",
            )
        )
    keep = ~(bad | out)
    if not keep.any():
        raise InputFileError(key="error.no_usable_coordinates", file=path)
    table = table.loc[keep].copy()
    if "_row" not in table.columns:
        table["_row"] = np.flatnonzero(keep) + 2  # the spreadsheet row, after the header
    return gpd.GeoDataFrame(
        table, geometry=gpd.points_from_xy(xv[keep], yv[keep]), crs=layer_crs
    ).reset_index(drop=True)


MOST_ROWS = 0.5
"""A CRS fits a site table when at least this share of its rows can be in it."""


def _table_crs(
    x: np.ndarray,
    y: np.ndarray,
    *,
    crs: object,
    default_crs: object,
    degrees_columns: bool,
    columns: tuple[str, str],
    path: Path,
    findings: list[Finding],
) -> CRS:
    """The CRS of a site table's coordinates: the file's own (given for it), a global
    default where it fits, WGS 84 for degrees, else an error that says how to give one."""
    finite = np.isfinite(x) & np.isfinite(y)
    bounds = np.array(
        [x[finite].min(), y[finite].min(), x[finite].max(), y[finite].max()]
        if finite.any()
        else [np.nan] * 4
    )
    if crs is not None:
        given = parse_crs(crs, source=str(path))
        if share_fitting(x, y, given) < MOST_ROWS:
            check_crs_fits(bounds, given, source=str(path))
        return given
    if default_crs is not None:
        default = parse_crs(default_crs, source=str(path))
        if share_fitting(x, y, default) >= MOST_ROWS:
            return default
        findings.append(
            Finding(
                "info",
                "sites",
                key="sites.default_crs_unfit",
                params={
                    "file": path.name,
                    "crs": default.to_string(),
                    "bounds": f"{bounds[0]:.6g}, {bounds[1]:.6g} – {bounds[2]:.6g}, {bounds[3]:.6g}",
                },
                repair_key="repair.not_used_for_file",
            )
        )
    if share_fitting(x, y, WGS84) >= MOST_ROWS:
        return WGS84
    xcol, ycol = columns
    kind = (
        Phrase("longitude/latitude", "kinh độ/vĩ độ") if degrees_columns else Phrase("x/y", "x/y")
    )
    raise CrsError(
        key="error.table_no_crs",
        file=path,
        xcol=repr(xcol),
        ycol=repr(ycol),
        kind=kind,
        bounds=f"{bounds[0]:.0f}, {bounds[1]:.0f} – {bounds[2]:.0f}, {bounds[3]:.0f}",
        hint=crs_hint(),
    )


def _unswap_projected(
    x: np.ndarray,
    y: np.ndarray,
    *,
    crs: CRS,
    extent_lonlat: tuple[float, float, float, float] | None,
    findings: list[Finding],
) -> tuple[np.ndarray, np.ndarray]:
    """Swap back projected tables that give the northing as X (the VN-2000 cadastral
    habit: X north, Y east), detected against the communes or the CRS's own area."""
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return x, y
    if extent_lonlat is not None:
        from pyproj import Transformer

        try:  # the communes' extent in the table's CRS
            w, s, e, n = Transformer.from_crs(WGS84, crs, always_xy=True).transform_bounds(
                *extent_lonlat
            )
        except Exception:
            return x, y
        margin = 20_000.0

        def inside(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return (a >= w - margin) & (a <= e + margin) & (b >= s - margin) & (b <= n + margin)

        swapped = finite & ~inside(x, y) & inside(y, x)
    else:
        if share_fitting(x, y, crs) == 0 or crs_fits(
            [x[finite].min(), y[finite].min(), x[finite].max(), y[finite].max()], crs
        ):
            return x, y
        swapped = finite
    if swapped.sum() == 0:
        return x, y
    rows = np.flatnonzero(swapped)
    whole = swapped[finite].all()
    findings.append(
        Finding(
            "warning",
            "sites",
            key="sites.xy_swapped",
            params={"what": _which_rows(rows, whole=whole)},
            repair_key="repair.swapped_back",
        )
    )
    return np.where(swapped, y, x), np.where(swapped, x, y)


def row_list(rows: np.ndarray, limit: int = 10) -> Phrase:
    """Table positions (0 = first data row) as the spreadsheet's row numbers (from 2)."""
    return listing((int(r) + 2 for r in rows[:limit]), limit=limit, total=len(rows))


def _which_rows(rows: np.ndarray, *, whole: bool) -> Phrase:
    if whole:
        return Phrase("all rows", "mọi dòng")
    n, listed = count(len(rows)), row_list(rows)
    return Phrase(f"{n.en} row(s) (rows {listed.en})", f"{n.vi} dòng (dòng {listed.vi})")


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
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.latlon_swapped",
                params={"what": _which_rows(rows, whole=bool(whole))},
                repair_key="repair.swapped_back",
            )
        )
        lon, lat = np.where(swapped, lat, lon), np.where(swapped, lon, lat)
    return lon, lat


def coordinate_examples(table: pd.DataFrame, rows, *, xcol: str, ycol: str) -> Phrase:
    """The first three offending rows as the planner sees them in a spreadsheet (row 2 is
    the first data row)."""
    return examples(
        (int(r) + 2, f"{table[xcol].iloc[r]!r}, {table[ycol].iloc[r]!r}") for r in rows[:3]
    )
