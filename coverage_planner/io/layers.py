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
from coverage_planner.io.messages import count, layer_word, listing
from coverage_planner.io.vector import read_vector


def put_column(
    frame: pd.DataFrame, name: str, values: object, *, source_col: str | None = None
) -> None:
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
                key="layer.no_id_column",
                params={"file": source.name, "prefix": prefix},
                repair_key="repair.numbered_features",
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
                key="layer.empty_ids",
                params={
                    "n": count(missing.sum()),
                    "column": repr(col),
                    "rows": listing([r + 1 for r in rows]),
                    "prefix": prefix,
                },
                repair_key="repair.numbered_rows",
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
                key="layer.population_words",
                params={"n": count(bad.sum()), "column": repr(col)},
                repair_key="repair.left_empty",
            )
        )
    negative = pop < 0
    if negative.any():
        findings.append(
            Finding(
                "warning",
                layer,
                key="layer.population_negative",
                params={"n": count(negative.sum()), "column": repr(col)},
                repair_key="repair.left_empty",
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
        raise InputFileError(key="error.layer_empty", file=path, layer=layer_word("communes"))
    cols = match_columns(
        gdf.columns,
        ["commune_id", "commune_name", "district", "province", "population"],
        overrides=mapping,
        source=str(path),
    )
    id_col = cols.get("commune_id")
    name_col = cols.get("commune_name")
    gdf = gdf.copy()
    put_column(
        gdf,
        "commune_id",
        feature_ids(gdf, id_col, "C", layer="communes", source=path, findings=findings),
        source_col=id_col,
    )
    names = gdf[name_col].astype(object) if name_col else gdf["commune_id"]
    put_column(gdf, "commune_name", names, source_col=name_col)
    put_column(
        gdf,
        "district",
        gdf[cols["district"]] if "district" in cols else None,
        source_col=cols.get("district"),
    )
    put_column(
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
                key="communes.repeated_ids",
                params={"ids": listing(sorted(set(gdf.loc[dup, "commune_id"])), limit=30)},
                repair_key="repair.commune_parts",
            )
        )
        gdf["commune_id"] = _deduplicate(gdf["commune_id"])
    if gdf.empty:
        raise InputFileError(key="error.no_commune_left", file=path)
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
        raise InputFileError(key="error.layer_empty", file=path, layer=layer_word("villages"))
    cols = match_columns(
        gdf.columns, ["village_id", "name", "population"], overrides=mapping, source=str(path)
    )
    gdf = gdf.copy()
    put_column(
        gdf,
        "village_id",
        feature_ids(
            gdf, cols.get("village_id"), "V", layer="villages", source=path, findings=findings
        ),
        source_col=cols.get("village_id"),
    )
    put_column(
        gdf,
        "village_name",
        gdf[cols["name"]].astype(object) if "name" in cols else gdf["village_id"],
        source_col=cols.get("name"),
    )
    put_column(
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
                key="villages.points_among_polygons",
                params={"n": count(points.sum())},
                repair_key="repair.points_kept",
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
                key="villages.shared_ids",
                params={
                    "n": count(dup.sum()),
                    "ids": listing(sorted(set(gdf.loc[dup, "village_id"])), limit=20),
                },
                repair_key="repair.numbered_ids",
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
        raise InputFileError(key="error.layer_empty", file=path, layer=layer_word("backbone"))
    types = shapely.get_type_id(gdf.geometry.values)
    lines = np.isin(
        types, [int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING)]
    )
    points = np.isin(types, [int(shapely.GeometryType.POINT), int(shapely.GeometryType.MULTIPOINT)])
    other = ~(lines | points)
    if other.all():
        raise InputFileError(key="error.backbone_polygons", file=path)
    if other.any():
        findings.append(
            Finding(
                "warning",
                "backbone",
                key="backbone.other_geometry",
                params={"n": count(other.sum())},
                repair_key="repair.dropped",
            )
        )
    gdf = gdf.loc[~other].copy()
    put_column(gdf, "kind", np.where(lines[~other], "route", "access_point"))
    return gdf.reset_index(drop=True)


# The older private names, for callers not yet moved to the public ones.
_put, _ids, _numbers = put_column, feature_ids, parse_numbers
