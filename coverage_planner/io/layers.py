"""One loader per layer: communes, villages, fibre backbone (sites: ``io.sites``).

Each returns a GeoDataFrame with the file's own attributes kept and a few canonical
columns added (``commune_id``, ``village_id``, ``site_id``, ``population`` …), and adds
what it noticed or repaired to a findings list. Reprojection to the working CRS and
the checks across layers live in :mod:`coverage_planner.io.inputs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.errors import InputFileError
from coverage_planner.io.aliases import match_columns
from coverage_planner.io.distinct import fast_numbers, map_distinct
from coverage_planner.io.findings import Finding
from coverage_planner.io.geometry import drop_empty, polygons_only
from coverage_planner.io.vector import read_vector


def _put(frame: pd.DataFrame, name: str, values: object, *, source_col: str | None = None) -> None:
    """Set a canonical column, keeping a different file column of that name as ``name_file``."""
    if name in frame.columns and name != source_col:
        frame.rename(columns={name: f"{name}_file"}, inplace=True)
    frame[name] = values


def feature_ids(
    frame: pd.DataFrame,
    col: str | None,
    prefix: str,
    *,
    layer: str,
    source: Path,
    findings: list[Finding],
) -> pd.Series:
    """The features' ids as text, from column ``col`` of ``frame``.

    Without an id column the features are numbered ``<prefix>0001`` … (an ``info``
    finding says so); empty ids become ``<prefix>row<N>`` (a ``warning``). Ids read
    from a float column lose their ``.0`` (``1010101.0`` → ``"1010101"``).
    """
    if col is None:
        findings.append(
            Finding(
                "info",
                layer,
                f"{source.name} has no id column",
                repair=f"features numbered {prefix}0001, {prefix}0002, …",
            )
        )
        return pd.Series(
            [f"{prefix}{i + 1:04d}" for i in range(len(frame))], index=frame.index, dtype=object
        )
    ids = map_distinct(frame[col], _id_text)
    missing = ids.isna()
    if missing.any():
        rows = np.flatnonzero(missing.to_numpy())
        findings.append(
            Finding(
                "warning",
                layer,
                f"{int(missing.sum())} feature(s) have an empty {col!r}: rows "
                f"{', '.join(str(r + 1) for r in rows[:10])}",
                repair=f"numbered {prefix}row<N>",
            )
        )
        ids[missing] = [f"{prefix}row{r + 1}" for r in rows]
    return ids.astype(object)


def _id_text(value: object) -> object:
    """Ids as text; 1010101.0 from a float column becomes "1010101"."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column as typed (decimal commas allowed); mask of unreadable cells."""
    out, rest = fast_numbers(values)
    if not rest.any():
        return out, rest
    text = values[rest].astype("string").str.strip().str.replace(",", ".", regex=False)
    again = pd.to_numeric(text, errors="coerce").astype(float)
    out = out.copy()
    out[rest] = again
    bad = pd.Series(False, index=values.index)
    bad[rest] = (again.isna() & text.notna() & (text != "")).to_numpy()
    return out, bad


def _population(
    frame: pd.DataFrame, col: str | None, *, layer: str, findings: list[Finding]
) -> pd.Series:
    if col is None:
        return pd.Series(np.nan, index=frame.index)
    pop, bad = parse_numbers(frame[col])
    if bad.any():
        findings.append(
            Finding(
                "warning",
                layer,
                f"{int(bad.sum())} population value(s) in {col!r} are not numbers",
                repair="left empty",
            )
        )
    negative = pop < 0
    if negative.any():
        findings.append(
            Finding(
                "warning",
                layer,
                f"{int(negative.sum())} negative population value(s) in {col!r}",
                repair="left empty",
            )
        )
        pop[negative] = np.nan
    return pop


def load_communes(
    path: str | Path,
    *,
    layer: str | None = None,
    crs: object = None,
    encoding: str | None = None,
    mapping: Mapping[str, str] | None = None,
    default_crs: object = None,
    default_encoding: str | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """Commune polygons with ``commune_id``, ``commune_name``, ``district``, ``population``."""
    path = Path(path)
    findings = findings if findings is not None else []
    gdf = read_vector(
        path,
        layer=layer,
        prefer_layers=("communes", "commune", "xa"),
        encoding=encoding,
        crs=crs,
        default_crs=default_crs,
        default_encoding=default_encoding,
        layer_name="communes",
        findings=findings,
    )
    if gdf.empty:
        raise InputFileError(f"{path}: the communes layer is empty (no feature).")
    cols = match_columns(
        gdf.columns,
        ["commune_id", "commune_name", "district", "province", "population"],
        overrides=mapping,
        source=str(path),
    )
    id_col = cols.get("commune_id")
    name_col = cols.get("commune_name")
    gdf = gdf.copy()
    _put(
        gdf,
        "commune_id",
        feature_ids(gdf, id_col, "C", layer="communes", source=path, findings=findings),
        source_col=id_col,
    )
    names = gdf[name_col].astype(object) if name_col else gdf["commune_id"]
    _put(gdf, "commune_name", names, source_col=name_col)
    _put(
        gdf,
        "district",
        gdf[cols["district"]] if "district" in cols else None,
        source_col=cols.get("district"),
    )
    _put(
        gdf,
        "population",
        _population(gdf, cols.get("population"), layer="communes", findings=findings),
        source_col=cols.get("population"),
    )
    gdf = drop_empty(gdf, layer="communes", id_col="commune_id", findings=findings)
    gdf = polygons_only(
        gdf, layer="communes", id_col="commune_id", source=str(path), findings=findings
    )
    dup = gdf["commune_id"].duplicated(keep=False)
    if dup.any():
        findings.append(
            Finding(
                "warning",
                "communes",
                f"commune ids repeated: {', '.join(sorted(set(gdf.loc[dup, 'commune_id'])))[:300]}",
                repair="each part kept as its own commune, numbered id#2, id#3",
            )
        )
        gdf["commune_id"] = _deduplicate(gdf["commune_id"])
    if gdf.empty:
        raise InputFileError(f"{path}: no usable commune polygon is left after the checks.")
    return gdf.reset_index(drop=True)


def _deduplicate(ids: pd.Series) -> pd.Series:
    rank = ids.groupby(ids).cumcount()
    return ids.where(rank == 0, ids + "#" + (rank + 1).astype(str))


def load_villages(
    path: str | Path,
    *,
    layer: str | None = None,
    crs: object = None,
    encoding: str | None = None,
    mapping: Mapping[str, str] | None = None,
    default_crs: object = None,
    default_encoding: str | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """Village polygons (or points) with ``village_id``, ``village_name``, ``population``."""
    path = Path(path)
    findings = findings if findings is not None else []
    gdf = read_vector(
        path,
        layer=layer,
        prefer_layers=("villages", "village", "ban", "thon"),
        encoding=encoding,
        crs=crs,
        default_crs=default_crs,
        default_encoding=default_encoding,
        layer_name="villages",
        findings=findings,
    )
    if gdf.empty:
        raise InputFileError(f"{path}: the villages layer is empty (no feature).")
    cols = match_columns(
        gdf.columns, ["village_id", "name", "population"], overrides=mapping, source=str(path)
    )
    gdf = gdf.copy()
    _put(
        gdf,
        "village_id",
        feature_ids(
            gdf, cols.get("village_id"), "V", layer="villages", source=path, findings=findings
        ),
        source_col=cols.get("village_id"),
    )
    _put(
        gdf,
        "village_name",
        gdf[cols["name"]].astype(object) if "name" in cols else gdf["village_id"],
        source_col=cols.get("name"),
    )
    _put(
        gdf,
        "population",
        _population(gdf, cols.get("population"), layer="villages", findings=findings),
        source_col=cols.get("population"),
    )
    if "commune_id" in gdf.columns:
        gdf = gdf.rename(columns={"commune_id": "commune_id_file"})
    gdf = drop_empty(gdf, layer="villages", id_col="village_id", findings=findings)
    types = shapely.get_type_id(gdf.geometry.values)
    points = np.isin(types, [int(shapely.GeometryType.POINT)])
    if points.all():
        pass
    elif points.any():
        findings.append(
            Finding(
                "warning",
                "villages",
                f"{int(points.sum())} village(s) are points among polygons",
                repair="kept as points: covered when their point is",
            )
        )
        polys = polygons_only(
            gdf.loc[~points],
            layer="villages",
            id_col="village_id",
            source=str(path),
            findings=findings,
        )
        gdf = pd.concat([polys, gdf.loc[points]]).sort_index()
    else:
        gdf = polygons_only(
            gdf, layer="villages", id_col="village_id", source=str(path), findings=findings
        )
    dup = gdf["village_id"].duplicated(keep=False)
    if dup.any():
        findings.append(
            Finding(
                "warning",
                "villages",
                f"{int(dup.sum())} villages share an id "
                f"({', '.join(sorted(set(gdf.loc[dup, 'village_id'])))[:200]})",
                repair="numbered id#2, id#3",
            )
        )
        gdf["village_id"] = _deduplicate(gdf["village_id"])
    return gdf.reset_index(drop=True)


def load_backbone(
    path: str | Path,
    *,
    layer: str | None = None,
    crs: object = None,
    encoding: str | None = None,
    default_crs: object = None,
    default_encoding: str | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """Fibre routes (lines) and access points (points); column ``kind`` says which."""
    path = Path(path)
    findings = findings if findings is not None else []
    if layer is None and path.suffix.lower() == ".gpkg":
        from coverage_planner.io.vector import list_layers

        names = list_layers(path)
        frames = [
            read_vector(
                path,
                layer=n,
                crs=crs,
                encoding=encoding,
                layer_name="backbone",
                default_crs=default_crs,
                default_encoding=default_encoding,
                findings=findings,
            )
            for n in names
        ]
        frames = [f.to_crs(frames[0].crs) for f in frames]
        gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
    else:
        gdf = read_vector(
            path,
            layer=layer,
            crs=crs,
            encoding=encoding,
            default_crs=default_crs,
            default_encoding=default_encoding,
            layer_name="backbone",
            findings=findings,
        )
    gdf = drop_empty(gdf, layer="backbone", id_col=None, findings=findings)
    if gdf.empty:
        raise InputFileError(f"{path}: the fibre backbone layer is empty (no feature).")
    types = shapely.get_type_id(gdf.geometry.values)
    lines = np.isin(
        types, [int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING)]
    )
    points = np.isin(types, [int(shapely.GeometryType.POINT), int(shapely.GeometryType.MULTIPOINT)])
    other = ~(lines | points)
    if other.all():
        raise InputFileError(
            f"{path}: the fibre backbone must be lines (routes) or points (access points); "
            "it holds polygons."
        )
    if other.any():
        findings.append(
            Finding(
                "warning",
                "backbone",
                f"{int(other.sum())} feature(s) are neither lines nor points",
                repair="dropped",
            )
        )
    gdf = gdf.loc[~other].copy()
    _put(gdf, "kind", np.where(lines[~other], "route", "access_point"))
    return gdf.reset_index(drop=True)
