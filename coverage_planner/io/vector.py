"""Read any vector file a planner has: GeoPackage, Shapefile (also zipped), GeoJSON,
FlatGeobuf, KML/KMZ. Text comes out NFC-normalised UTF-8 or not at all."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from coverage_planner.errors import CrsError, InputFileError
from coverage_planner.io.crs import (
    WGS84,
    check_crs_fits,
    crs_fits,
    crs_hint,
    parse_crs,
    plainly_lonlat,
)
from coverage_planner.io.encoding import (
    check_dbf_encoding,
    dbf_text_is_utf8,
    dbf_text_samples,
    normalise_text_columns,
    repair_legacy_text,
)
from coverage_planner.io.findings import Finding
from coverage_planner.io.legacy import decode, encoding_key, guess_bytes_encoding
from coverage_planner.io.messages import Phrase, listing, suffix_word

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
                    key="error.zip_no_shapefile",
                    file=path,
                    names=listing(names) if names else Phrase("nothing", "không có gì"),
                )
            if len(shps) > 1:
                raise InputFileError(key="error.zip_several", file=path, names=", ".join(shps))
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
        raise InputFileError(key="error.not_a_vector", file=path, detail=str(exc)) from None


def read_vector(
    path: str | Path,
    *,
    layer: str | None = None,
    prefer_layers: tuple[str, ...] = (),
    encoding: str | None = None,
    crs: object = None,
    layer_name: str = "layer",
    default_crs: object = None,
    default_encoding: str | None = None,
    findings: list[Finding] | None = None,
    require_crs: bool = True,
    max_features: int | None = None,
) -> gpd.GeoDataFrame:
    """Read a vector file into a GeoDataFrame with a CRS (unless ``require_crs`` is False).

    Parameters
    ----------
    path
        The file.
    layer
        Layer to read in a multi-layer file; by default the one named like one of
        ``prefer_layers``, else every layer of a KML, else the only or first layer.
    encoding
        Text encoding of the attributes, as the user gave it for this file (e.g.
        ``cp1258``, ``tcvn3``, ``vni``); it overrides a shapefile's ``.cpg``. Formats
        whose text is always UTF-8 (GeoPackage, GeoJSON, FlatGeobuf, KML) ignore it.
    crs
        CRS to assume where the file has none, as the user gave it for this file.
    default_crs, default_encoding
        A global CRS / encoding, used only where the file says nothing and they fit.
    layer_name
        The role of the layer ("communes", "sites", …) for findings.
    findings
        Where to add what was noticed and repaired.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    if path.is_dir():
        raise InputFileError(key="error.vector_is_folder", file=path)
    if not path.exists():
        raise InputFileError(key="error.no_such_file", file=path)
    suffix = path.suffix.lower()
    if suffix not in VECTOR_SUFFIXES:
        raise InputFileError(key="error.vector_format", file=path, suffix=suffix_word(suffix))
    gdal_path, dbf, cpg = _gdal_path(path)
    encoding, recode = _dbf_encoding(
        path,
        dbf=dbf,
        cpg=cpg,
        encoding=encoding,
        default_encoding=default_encoding,
        layer_name=layer_name,
        findings=findings,
    )
    layers = list_layers(path)
    if not layers:
        raise InputFileError(key="error.no_layer", file=path)
    chosen: list[str]
    if layer is not None:
        if layer not in layers:
            raise InputFileError(
                key="error.no_such_layer", file=path, layer=repr(layer), layers=", ".join(layers)
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
                    key="vector.several_layers",
                    params={
                        "file": path.name,
                        "n": len(layers),
                        "layers": ", ".join(layers),
                        "layer": repr(chosen[0]),
                    },
                )
            )
    frames = []
    for name in chosen:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                frame = pyogrio.read_dataframe(
                    gdal_path, layer=name, encoding=encoding, max_features=max_features
                )
        except (DataSourceError, DataLayerError, ValueError) as exc:
            raise InputFileError(
                key="error.layer_unreadable", file=path, layer=repr(name), detail=str(exc)
            ) from None
        except LookupError:
            raise InputFileError(
                key="error.unknown_encoding", file=path, encoding=repr(encoding)
            ) from None
        if not isinstance(frame, gpd.GeoDataFrame):
            raise InputFileError(key="error.layer_no_geometry", file=path, layer=repr(name))
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
    repair_legacy_text(gdf, layer_name=layer_name, source=path, findings=findings)
    if repaired:
        findings.append(
            Finding(
                "warning",
                layer_name,
                key="vector.escaped_unicode",
                params={"file": path.name, "columns": listing(repaired)},
                repair_key="repair.escapes_decoded",
            )
        )
    if not require_crs and gdf.crs is None and crs is None:
        return gdf
    return ensure_crs(
        gdf,
        crs=crs,
        default_crs=default_crs,
        source=str(path),
        layer_name=layer_name,
        findings=findings,
    )


def _dbf_encoding(
    path: Path,
    *,
    dbf: bytes | None,
    cpg: str | None,
    encoding: str | None,
    default_encoding: str | None,
    layer_name: str,
    findings: list[Finding],
) -> tuple[str | None, str | None]:
    """How GDAL should read the text, and the encoding to decode it with afterwards.

    Shapefile text other than UTF-8 is read byte for byte (as Latin-1) and decoded
    here: GDAL's iconv recoding drops the last letter of every CP1258 text (the codec
    waits for a combining mark), and it knows neither TCVN3 nor VNI.
    """
    if dbf is None:
        if encoding is not None:
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    key="vector.utf8_format",
                    params={"file": path.name, "encoding": repr(encoding)},
                )
            )
        return None, None
    if encoding is not None:
        return "latin1", _known_encoding(encoding, source=path)
    if cpg:
        try:
            declared = encoding_key(cpg)
        except LookupError:
            declared = None
        if declared == "utf-8":
            return "utf-8", None
        if declared is not None:
            return "latin1", declared
    if dbf_text_is_utf8(dbf):
        # Without a .cpg GDAL would read the DBF as Latin-1; it was just checked as UTF-8.
        return "utf-8", None
    if default_encoding is not None:
        chosen = _known_encoding(default_encoding, source=path)
        try:
            for sample in dbf_text_samples(dbf):
                decode(sample, chosen)
            return "latin1", chosen
        except UnicodeDecodeError:
            pass
    guessed = guess_bytes_encoding(dbf_text_samples(dbf))
    if guessed is None:
        check_dbf_encoding(dbf, source=str(path))
        return None, None
    findings.append(
        Finding(
            "warning",
            layer_name,
            key="vector.dbf_guess",
            params={"file": path.name, "encoding": guessed},
            repair_key="repair.converted_from_dbf",
        )
    )
    return "latin1", guessed


def _known_encoding(encoding: str, *, source: Path) -> str:
    try:
        return encoding_key(encoding)
    except LookupError:
        raise InputFileError(
            key="error.unknown_encoding", file=source, encoding=repr(encoding)
        ) from None


def _recode(gdf: gpd.GeoDataFrame, encoding: str, *, source: str) -> gpd.GeoDataFrame:
    """Decode Latin-1-read text (bytes kept one to one) with the file's encoding."""

    def fix(value: object) -> object:
        return decode(value.encode("latin1"), encoding) if isinstance(value, str) else value

    try:
        gdf = gdf.rename(columns={c: fix(c) for c in gdf.columns if c != gdf.geometry.name})
        for col in gdf.columns:
            if col == gdf.geometry.name:
                continue
            if pd.api.types.is_string_dtype(gdf[col]) or pd.api.types.is_object_dtype(gdf[col]):
                gdf[col] = gdf[col].astype(object).map(fix)
    except UnicodeDecodeError as exc:
        raise InputFileError(
            key="error.not_in_encoding", file=source, encoding=encoding, detail=str(exc)
        ) from None
    return gdf


def ensure_crs(
    gdf: gpd.GeoDataFrame,
    *,
    crs: object,
    source: str,
    layer_name: str,
    findings: list[Finding],
    default_crs: object = None,
) -> gpd.GeoDataFrame:
    """Give a layer without CRS the user's CRS, or WGS 84 when it is plainly degrees.

    A CRS given for this layer is checked against its coordinates (a GPS layer in
    degrees told it is VN-2000 metres is an error that names both); a global default
    is used only where it fits them.
    """
    bounds = gdf.total_bounds if len(gdf) else None
    if bounds is not None and not np.all(np.isfinite(bounds)):
        raise InputFileError(key="error.non_finite_geometry", file=source)
    if gdf.crs is None and crs is None and default_crs is not None:
        default = parse_crs(default_crs, source=source)
        if bounds is None or crs_fits(bounds, default):
            crs = default_crs
        else:
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    key="vector.default_crs_unfit",
                    params={"file": Path(source).name, "crs": default.to_string()},
                    repair_key="repair.not_used_for_file",
                )
            )
    if gdf.crs is not None:
        if crs is not None and parse_crs(crs, source=source) != gdf.crs:
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    key="vector.own_crs",
                    params={"file": Path(source).name, "crs": gdf.crs.to_string()},
                )
            )
        return gdf
    if crs is not None:
        given = parse_crs(crs, source=source)
        if bounds is not None:
            check_crs_fits(bounds, given, source=source)
        return gdf.set_crs(given)
    if bounds is not None and plainly_lonlat(bounds):
        findings.append(
            Finding(
                "warning",
                layer_name,
                key="vector.no_crs_lonlat",
                params={"file": Path(source).name},
                repair_key="repair.assumed_wgs84",
            )
        )
        return gdf.set_crs(WGS84)
    example = Phrase("", "")
    if bounds is not None and len(bounds) == 4:
        run = f"{bounds[0]:.0f}, {bounds[1]:.0f} – {bounds[2]:.0f}, {bounds[3]:.0f}"
        example = Phrase(f" (its coordinates run {run})", f" (tọa độ chạy từ {run})")
    raise CrsError(key="error.vector_no_crs", file=source, example=example, hint=crs_hint())
