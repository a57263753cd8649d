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
from pyproj import CRS

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.aliases import column_key, match_columns, require_columns
from coverage_planner.io.coordinates import parse_coordinates
from coverage_planner.io.crs import (
    CRS_HINT,
    WGS84,
    check_crs_fits,
    crs_fits,
    parse_crs,
    share_fitting,
    utm_crs_for,
)
from coverage_planner.io.findings import Finding
from coverage_planner.io.geometry import drop_empty
from coverage_planner.io.layers import _put, feature_ids, parse_numbers
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
            raise InputFileError(
                f"{path}: the site list has no row.",
                vi=f"{path}: danh sách trạm không có dòng nào.",
            )
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
    """Points from the coordinate columns of a table (sites, or planning candidates).

    Columns are matched in Vietnamese or English (``lon``/``lat`` or ``x``/``y``,
    ``mapping`` overrides them); decimal commas and degrees-minutes-seconds text are
    read, swapped columns are put right when ``extent_lonlat`` shows it, and the layer's
    CRS is ``crs``, else guessed from the values (``default_crs`` for projected ones).
    Every repair and every row left out is a finding; no readable row at all raises
    :class:`InputFileError` in both languages.
    """
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
    if bad.all():
        examples = "; ".join(
            f"row {r + 2}: {table[xcol].iloc[r]!r}, {table[ycol].iloc[r]!r}"
            for r in range(min(3, len(table)))
        )
        raise InputFileError(
            f"{path}: no row has coordinates that can be read in {xcol!r} and {ycol!r} "
            f"({examples}). Write them as decimal degrees (22.3951), or degrees, minutes and "
            "seconds (22°23'45\"), or choose the right columns (--map lon=… --map lat=…, or "
            "in the Open data dialog).",
            vi=f"{path}: không dòng nào có tọa độ đọc được trong {xcol!r} và {ycol!r} "
            f"({examples}). Hãy ghi ở dạng độ thập phân (22.3951) hoặc độ-phút-giây "
            "(22°23'45\"), hoặc chọn đúng cột tọa độ trong hộp thoại Mở dữ liệu.",
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
        examples = _coordinate_examples(table, rows, xcol=xcol, ycol=ycol)
        findings.append(
            Finding(
                "error",
                "sites",
                f"{len(rows)} row(s) have coordinates out of range (longitude beyond ±180° or "
                f"latitude beyond ±90°: {examples})",
                repair="left out of the map and the coverage",
            )
        )
    if bad.any():
        rows = np.flatnonzero(bad)
        examples = _coordinate_examples(table, rows, xcol=xcol, ycol=ycol)
        findings.append(
            Finding(
                "error",
                "sites",
                f"{len(rows)} row(s) have missing or unreadable coordinates ({examples})",
                repair="left out of the map and the coverage",
            )
        )
    keep = ~(bad | out)
    if not keep.any():
        raise InputFileError(
            f"{path}: no site has usable coordinates (all are missing, unreadable or out of "
            "range); check the coordinate columns.",
            vi=f"{path}: không trạm nào có tọa độ dùng được; hãy kiểm tra các cột tọa độ.",
        )
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
                f"{path.name}: the default CRS {default.to_string()} does not fit its "
                f"coordinates ({bounds[0]:.6g}, {bounds[1]:.6g} to {bounds[2]:.6g}, {bounds[3]:.6g})",
                repair="not used for this file",
            )
        )
    if share_fitting(x, y, WGS84) >= MOST_ROWS:
        return WGS84
    xcol, ycol = columns
    kind = "longitude/latitude" if degrees_columns else "x/y"
    raise CrsError(
        f"{path}: the coordinates in columns {xcol!r} and {ycol!r} ({kind}) are not degrees "
        f"(they run {bounds[0]:.0f}, {bounds[1]:.0f} to {bounds[2]:.0f}, {bounds[3]:.0f}) and the "
        f"file does not say their coordinate reference system. {CRS_HINT} For this file only: "
        "--crs sites=EPSG:3405.",
        vi=f"{path}: tọa độ trong các cột {xcol!r} và {ycol!r} không phải độ và tệp không cho "
        "biết hệ tọa độ. Hãy chọn hệ tọa độ của lớp này trong hộp thoại Mở dữ liệu (ví dụ "
        "EPSG:3405 cho VN-2000 / UTM 48N), hoặc --crs sites=EPSG:3405.",
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
    what = "all rows" if whole else f"{len(rows)} row(s) (rows {_row_list(rows)})"
    findings.append(
        Finding(
            "warning",
            "sites",
            f"X and Y are swapped in {what}: X holds the northing and Y the easting (the "
            "VN-2000 survey habit), so the points fall outside the communes, and inside once "
            "swapped",
            repair="swapped back",
        )
    )
    return np.where(swapped, y, x), np.where(swapped, x, y)


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
    _put(
        gdf,
        "site_id",
        feature_ids(gdf, cols.get("site_id"), "S", layer="sites", source=path, findings=findings),
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

    def checked(role_col: str | None, what: str) -> pd.Series:
        if role_col is None:
            return pd.Series(np.nan, index=gdf.index)
        return checked_values(
            gdf[role_col], column=role_col, what=what, rows=rows, findings=findings
        )

    height = checked(cols.get("height"), "antenna_height_m")
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
    beam = checked(cols.get("beamwidth"), "beamwidth_deg")
    _put(gdf, "beamwidth_deg", beam.to_numpy(), source_col=cols.get("beamwidth"))
    radius = checked(cols.get("radius_km"), "radius_km")
    _put(gdf, "radius_km", radius.to_numpy(), source_col=cols.get("radius_km"))
    for col in list(gdf.columns):
        m = _RADIUS_TECH.match(column_key(col))
        if m and col != f"radius_{m.group(1)}_km":
            r = checked(col, "radius_km")
            _put(gdf, f"radius_{m.group(1)}_km", r.to_numpy())
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
        _put(gdf, name, values.to_numpy(), source_col=cols.get(role))
    gdf = _merge_duplicates(gdf, findings=findings)
    return gdf.drop(columns=[c for c in ("_row",) if c in gdf.columns]).reset_index(drop=True)


PLAUSIBLE: dict[str, tuple[float, float, str, str]] = {
    # column: (lowest, highest, unit, what a wrong value usually is)
    "radius_km": (0.0, 100.0, "km", "a radius in metres, or a typo"),
    "antenna_height_m": (0.0, 300.0, "m", "a height above sea level, or a typo"),
    "beamwidth_deg": (0.0, 360.0, "°", "a typo"),
    "tx_power_dbm": (-30.0, 80.0, "dBm", "a power in watts written as dBm, or a typo"),
    "antenna_gain_dbi": (-10.0, 40.0, "dBi", "a typo"),
    "feeder_loss_db": (0.0, 30.0, "dB", "a typo"),
    "downtilt_deg": (-20.0, 45.0, "°", "a typo"),
    "electrical_tilt_deg": (-20.0, 45.0, "°", "a typo"),
    "mechanical_tilt_deg": (-20.0, 45.0, "°", "a typo"),
}
"""Ranges a site's own value must lie in to be used (lowest excluded for radius, height
and beamwidth, which cannot be zero)."""

_OPEN_LOW = {"radius_km", "antenna_height_m", "beamwidth_deg"}


def checked_values(
    values: pd.Series, *, column: str, what: str, rows: pd.Series, findings: list[Finding]
) -> pd.Series:
    """A site column as numbers, with words and implausible values left empty (so the
    technology's default is used) and reported with their rows and values."""
    numbers, words = parse_numbers(values)
    low, high, unit, usual = PLAUSIBLE[what]
    too_low = (numbers <= low) if what in _OPEN_LOW else (numbers < low)
    wrong = numbers.notna() & (too_low | (numbers > high) | ~np.isfinite(numbers))
    for mask, problem, repair in (
        (words, "are not numbers", "left empty: the default is used"),
        (
            wrong,
            f"are outside {low:g}–{high:g} {unit} ({usual}?)",
            "not used: the default is used",
        ),
    ):
        if mask.any():
            idx = np.flatnonzero(mask.to_numpy())
            examples = ", ".join(f"row {rows.iloc[i]}: {values.iloc[i]!r}" for i in idx[:5]) + (
                f" and {len(idx) - 5} more" if len(idx) > 5 else ""
            )
            findings.append(
                Finding(
                    "warning",
                    "sites",
                    f"{len(idx)} value(s) of {column!r} {problem}: {examples}",
                    repair=repair,
                )
            )
    return numbers.where(~wrong)


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

    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [one(v) for v in uniques] + [("", False)]  # -1: an empty cell
    text = np.array([p[0] for p in parsed], dtype=object)
    bad = np.array([p[1] for p in parsed], dtype=bool)
    return pd.Series(text[codes], index=values.index), pd.Series(bad[codes], index=values.index)


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
    tech_cols = [f"serves_{t.lower()}" for t in TECHNOLOGIES]
    # Vectorised over every repeated code at once (a national cell list repeats
    # each of 100,000 codes on about ten rows).
    xy = np.column_stack([metric.x, metric.y])
    pos = np.flatnonzero(dup.to_numpy())
    codes = gdf["site_id"].to_numpy(dtype=object)[pos]
    group, names = pd.factorize(codes)
    order = np.lexsort((pos, group))  # rows of a code together, in file order
    pos, group = pos[order], group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    first = np.repeat(pos[starts], np.diff(np.r_[starts, len(pos)]))
    near = np.hypot(*(xy[pos] - xy[first]).T) <= DUPLICATE_SITE_M
    keep = np.ones(len(gdf), dtype=bool)
    ids = gdf["site_id"].to_numpy(dtype=object).copy()
    # rows at the code's first place: one site (identical rows, or a row per sector/band)
    same = pos[near]
    same_group = group[near]
    counts = np.bincount(same_group, minlength=len(names))
    multi = counts > 1
    in_multi = multi[same_group]
    attrs = gdf.drop(columns=[c for c in ("_row", "geometry") if c in gdf.columns])
    hashes = pd.util.hash_pandas_object(attrs.iloc[same[in_multi]], index=False)
    distinct = (
        pd.Series(hashes.to_numpy())
        .groupby(same_group[in_multi])
        .nunique()
        .reindex(range(len(names)), fill_value=1)
    ).to_numpy()
    exact = multi & (distinct == 1)
    merged = multi & (distinct > 1)
    if merged.any():
        rows = in_multi & merged[same_group]
        sub = gdf.iloc[same[rows]]
        key = same_group[rows]
        leader = pos[starts][key]  # the code's first row takes the combined values
        for col in tech_cols:
            combined = pd.Series(sub[col].to_numpy(dtype=bool)).groupby(key).any()
            gdf.iloc[pos[starts][combined.index.to_numpy()], gdf.columns.get_loc(col)] = (
                combined.to_numpy()
            )
        tokens = (
            pd.DataFrame({"key": key, "az": sub["azimuths"].to_numpy(dtype=object)})
            .assign(az=lambda f: f["az"].str.split("/"))
            .explode("az")
        )
        tokens = tokens[tokens["az"].notna() & (tokens["az"] != "")].drop_duplicates()
        joined = tokens.groupby("key", sort=False)["az"].agg("/".join)
        az = gdf["azimuths"].to_numpy(dtype=object).copy()
        az[np.unique(leader)] = ""
        az[pos[starts][joined.index.to_numpy()]] = joined.to_numpy()
        gdf["azimuths"] = az
    drop = same[in_multi & (same != pos[starts][same_group])]
    keep[drop] = False
    # rows elsewhere: other sites sharing the code, renamed code#2, code#3 …
    far = ~near
    if far.any():
        rank = pd.Series(group[far]).groupby(group[far]).cumcount().to_numpy() + 2
        ids[pos[far]] = [f"{c}#{n}" for c, n in zip(names[group[far]], rank, strict=True)]
    merged_codes = sorted(str(c) for c in names[merged])
    exact_codes = sorted(str(c) for c in names[exact])
    renamed_codes = [str(c) for c in names[np.unique(group[far])]] if far.any() else []
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


def _coordinate_examples(table, rows, *, xcol: str, ycol: str) -> str:
    """The first three offending rows as the planner sees them in a spreadsheet (row 2 is
    the first data row)."""
    return "; ".join(
        f"row {r + 2}: {table[xcol].iloc[r]!r}, {table[ycol].iloc[r]!r}" for r in rows[:3]
    )
