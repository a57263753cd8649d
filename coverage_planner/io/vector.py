"""Read any vector file a planner has: GeoPackage, Shapefile (also zipped), GeoJSON,
FlatGeobuf, KML/KMZ. Text comes out NFC-normalised UTF-8 or not at all."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.crs import CRS_HINT, WGS84, parse_crs, plainly_lonlat
from coverage_planner.io.encoding import check_dbf_encoding, normalise_text_columns
from coverage_planner.io.findings import Finding

VECTOR_SUFFIXES = {".gpkg", ".shp", ".zip", ".geojson", ".json", ".fgb", ".kml", ".kmz"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls"}


def _gdal_path(path: Path) -> tuple[str, bytes | None, str | None]:
    """The path GDAL should open, the DBF bytes to check, and the .cpg if any."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            shps = [n for n in names if n.lower().endswith(".shp")]
            if not shps:
                others = [n for n in names if Path(n).suffix.lower() in VECTOR_SUFFIXES]
                if len(others) == 1:
                    return f"/vsizip/{path}/{others[0]}", None, None
                raise InputFileError(
                    f"{path}: the zip file holds no shapefile (.shp). It holds: "
                    f"{', '.join(names[:10]) or 'nothing'}."
                )
            if len(shps) > 1:
                raise InputFileError(
                    f"{path}: the zip file holds several shapefiles ({', '.join(shps)}); "
                    "unzip it and open the one you want."
                )
            stem = shps[0][:-4]
            lower = {n.lower(): n for n in names}
            dbf_name = lower.get((stem + ".dbf").lower())
            cpg_name = lower.get((stem + ".cpg").lower())
            dbf = zf.read(dbf_name) if dbf_name else None
            cpg = zf.read(cpg_name).decode("ascii", "replace").strip() if cpg_name else None
            return f"/vsizip/{path}/{shps[0]}", dbf, cpg
    if suffix == ".shp":
        dbf_path = next(
            (p for p in (path.with_suffix(".dbf"), path.with_suffix(".DBF")) if p.exists()), None
        )
        cpg_path = next(
            (p for p in (path.with_suffix(".cpg"), path.with_suffix(".CPG")) if p.exists()), None
        )
        dbf = dbf_path.read_bytes() if dbf_path else None
        cpg = cpg_path.read_text(encoding="ascii", errors="replace").strip() if cpg_path else None
        return str(path), dbf, cpg
    if suffix == ".kmz":
        return f"/vsizip/{path}", None, None
    return str(path), None, None


def list_layers(path: str | Path) -> list[str]:
    """Names of the layers of a vector file (a single name for most formats)."""
    gdal_path, _, _ = _gdal_path(Path(path))
    try:
        return [str(name) for name, _ in pyogrio.list_layers(gdal_path)]
    except (DataSourceError, DataLayerError) as exc:
        raise InputFileError(f"{path}: cannot be opened as a vector file ({exc}).") from None


def read_vector(
    path: str | Path,
    *,
    layer: str | None = None,
    prefer_layers: tuple[str, ...] = (),
    encoding: str | None = None,
    crs: object = None,
    layer_name: str = "layer",
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """Read a vector file into a GeoDataFrame with a CRS.

    Parameters
    ----------
    path
        The file.
    layer
        Layer to read in a multi-layer file; by default the one named like one of
        ``prefer_layers``, else every layer of a KML, else the only or first layer.
    encoding
        Text encoding of the attributes where the file does not say (e.g. ``cp1258``).
    crs
        CRS to assume where the file has none.
    layer_name
        The role of the layer ("communes", "sites", …) for findings.
    findings
        Where to add what was noticed and repaired.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist.")
    suffix = path.suffix.lower()
    if suffix not in VECTOR_SUFFIXES:
        raise InputFileError(
            f"{path}: {suffix or 'files without an extension'} is not a vector format I read. "
            "Use GeoPackage (.gpkg), Shapefile (.shp or zipped .zip), GeoJSON, FlatGeobuf "
            "(.fgb) or KML/KMZ; site lists may also be CSV or Excel."
        )
    gdal_path, dbf, cpg = _gdal_path(path)
    recode = None
    if dbf is not None and encoding is not None:
        # GDAL's iconv recoding drops the last letter of every CP1258 text (the codec
        # waits for a combining mark); read the bytes as Latin-1 and decode them here.
        try:
            "".encode(encoding)
        except LookupError:
            raise InputFileError(f"{path}: {encoding!r} is not a text encoding I know.") from None
        recode, encoding = encoding, "latin1"
    elif dbf is not None and cpg is None:
        check_dbf_encoding(dbf, source=str(path))
        # Without a .cpg GDAL would read the DBF as Latin-1; it was just checked as UTF-8.
        encoding = "utf-8"
    layers = list_layers(path)
    if not layers:
        raise InputFileError(f"{path}: the file holds no layer.")
    chosen: list[str]
    if layer is not None:
        if layer not in layers:
            raise InputFileError(
                f"{path}: there is no layer {layer!r}; the layers are {', '.join(layers)}."
            )
        chosen = [layer]
    elif len(layers) == 1:
        chosen = layers
    else:
        preferred = [n for n in layers if n.lower() in prefer_layers]
        if preferred:
            chosen = preferred[:1]
        elif suffix in (".kml", ".kmz"):
            chosen = layers
        else:
            chosen = layers[:1]
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    f"{path.name} has {len(layers)} layers "
                    f"({', '.join(layers)}); read {chosen[0]!r}. Choose another layer if needed.",
                )
            )
    frames = []
    for name in chosen:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                frame = pyogrio.read_dataframe(gdal_path, layer=name, encoding=encoding)
        except (DataSourceError, DataLayerError, ValueError) as exc:
            raise InputFileError(f"{path}: cannot read layer {name!r} ({exc}).") from None
        except LookupError:
            raise InputFileError(f"{path}: {encoding!r} is not a text encoding I know.") from None
        if not isinstance(frame, gpd.GeoDataFrame):
            raise InputFileError(f"{path}: layer {name!r} has no geometry; it is a plain table.")
        if len(chosen) > 1:
            frame["layer"] = name
        frames.append(frame)
    gdf = (
        frames[0]
        if len(frames) == 1
        else gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
    )
    if recode is not None:
        gdf = _recode(gdf, recode, source=str(path))
    repaired = normalise_text_columns(gdf)
    if repaired:
        findings.append(
            Finding(
                "warning",
                layer_name,
                f"{path.name}: the columns {', '.join(repaired)} held "
                "escaped Unicode text such as \\u00e0",
                repair="decoded to the letters they stand for",
            )
        )
    return ensure_crs(gdf, crs=crs, source=str(path), layer_name=layer_name, findings=findings)


def _recode(gdf: gpd.GeoDataFrame, encoding: str, *, source: str) -> gpd.GeoDataFrame:
    """Decode Latin-1-read text (bytes kept one to one) with the user's encoding."""

    def fix(value: object) -> object:
        return value.encode("latin1").decode(encoding) if isinstance(value, str) else value

    try:
        gdf = gdf.rename(columns={c: fix(c) for c in gdf.columns if c != gdf.geometry.name})
        for col in gdf.columns:
            if col == gdf.geometry.name:
                continue
            if pd.api.types.is_string_dtype(gdf[col]) or pd.api.types.is_object_dtype(gdf[col]):
                gdf[col] = gdf[col].astype(object).map(fix)
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{source}: the text is not valid {encoding}: {exc}.") from None
    return gdf


def ensure_crs(
    gdf: gpd.GeoDataFrame,
    *,
    crs: object,
    source: str,
    layer_name: str,
    findings: list[Finding],
) -> gpd.GeoDataFrame:
    """Give a layer without CRS the user's CRS, or WGS 84 when it is plainly degrees."""
    if gdf.crs is not None:
        if crs is not None and parse_crs(crs, source=source) != gdf.crs:
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    f"{Path(source).name} declares its own CRS "
                    f"({gdf.crs.to_string()}); the CRS given by the user was not needed",
                )
            )
        return gdf
    if crs is not None:
        return gdf.set_crs(parse_crs(crs, source=source))
    bounds = gdf.total_bounds if len(gdf) else None
    if bounds is not None and plainly_lonlat(bounds):
        findings.append(
            Finding(
                "warning",
                layer_name,
                f"{Path(source).name} has no coordinate reference system",
                repair="its coordinates are longitude/latitude degrees, so WGS 84 (EPSG:4326) was assumed",
            )
        )
        return gdf.set_crs(WGS84)
    example = ""
    if bounds is not None and len(bounds) == 4:
        example = f" (its coordinates run from {bounds[0]:.0f}, {bounds[1]:.0f} to {bounds[2]:.0f}, {bounds[3]:.0f})"
    raise CrsError(
        f"{source} has no coordinate reference system (no .prj file){example}, and they "
        f"are not longitude/latitude degrees, so I cannot tell where it lies. {CRS_HINT}"
    )
