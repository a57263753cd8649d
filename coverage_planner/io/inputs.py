"""All layers of a study together, in one metric working CRS, checked against each other."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from coverage_planner.io.crs import WGS84, utm_crs_for
from coverage_planner.io.findings import Finding
from coverage_planner.io.layers import load_backbone, load_communes, load_villages
from coverage_planner.io.plausibility import check_near_communes
from coverage_planner.io.rasters import RasterSource, load_raster
from coverage_planner.io.sites import load_sites
from coverage_planner.progress import NullReporter, Reporter, checkpoint

ACROSS_SHARE = 0.99
"""A village with less than this share of its area in one commune lies across communes."""


@dataclass(frozen=True)
class LayerSource:
    """Where a layer comes from and how to read it (all optional but the path).

    ``crs`` and ``encoding`` are what the user said of this very layer, used as given;
    ``default_crs`` and ``default_encoding`` come from a global option (``--crs``,
    ``crs =`` in the audit file) and are used only where the file says nothing and they
    fit it: a CRS whose area the coordinates lie in, an encoding the text decodes with.
    """

    path: Path
    layer: str | None = None
    crs: str | None = None
    encoding: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    default_crs: str | None = None
    default_encoding: str | None = None

    @classmethod
    def of(cls, value: str | Path | LayerSource | None) -> LayerSource | None:
        if value is None or isinstance(value, LayerSource):
            return value
        return cls(Path(value))


@dataclass(frozen=True)
class InputFiles:
    """The files of one study: communes, villages and sites required, the rest optional."""

    communes: LayerSource
    villages: LayerSource
    sites: LayerSource
    backbone: LayerSource | None = None
    dem: LayerSource | None = None
    population: LayerSource | None = None

    @classmethod
    def of(cls, **paths: str | Path | LayerSource | None) -> InputFiles:
        return cls(**{k: LayerSource.of(v) for k, v in paths.items()})  # type: ignore[arg-type]

    def with_crs(self, crs: str | None) -> InputFiles:
        """The same files, with ``crs`` a default for the layers that fit it (see LayerSource)."""
        return self.with_defaults(crs=crs)

    def with_defaults(self, *, crs: str | None = None, encoding: str | None = None) -> InputFiles:
        """The same files with a global CRS and encoding as defaults (never as orders)."""
        changes = {
            name: replace(
                src,
                default_crs=crs or src.default_crs,
                default_encoding=encoding or src.default_encoding,
            )
            for name in ("communes", "villages", "sites", "backbone", "dem", "population")
            if (src := getattr(self, name)) is not None
        }
        return replace(self, **changes)


@dataclass
class Inputs:
    """Validated layers in the working CRS, with every finding made on the way."""

    communes: gpd.GeoDataFrame
    villages: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    crs: CRS
    backbone: gpd.GeoDataFrame | None = None
    dem: RasterSource | None = None
    population: RasterSource | None = None
    findings: list[Finding] = field(default_factory=list)
    province: str = ""


def working_crs(communes: gpd.GeoDataFrame) -> CRS:
    """The UTM zone (WGS 84) of the communes' centre: metric, right for one province."""
    minx, miny, maxx, maxy = communes.to_crs(WGS84).total_bounds
    return utm_crs_for((minx + maxx) / 2, (miny + maxy) / 2)


STEPS = 6


def release_freed_memory() -> None:
    """Give the memory freed by the loader back to the system (glibc keeps it otherwise).

    Reading a million-row site list frees most of what it allocated (the table's text
    cells), but glibc's heap keeps those pages: the national audit kept 1.5 GB resident
    for layers that need 0.35 GB, and the coverage run's arrays came on top of it.
    Elsewhere (Windows, macOS) there is no such call and nothing is done.
    """
    import contextlib
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc (e.g. musl)
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def load_inputs(files: InputFiles, *, reporter: Reporter | None = None) -> Inputs:
    """Load, validate and reproject every layer of a study.

    Raises a :class:`~coverage_planner.errors.UserError` naming the file for anything
    that stops the work; everything else is a finding.
    """
    return add_rasters(load_vector_layers(files, reporter=reporter), files, reporter=reporter)


def load_vector_layers(files: InputFiles, *, reporter: Reporter | None = None) -> Inputs:
    """The vector layers of :func:`load_inputs` (no DEM, no population raster yet):
    read, checked, reprojected to the working CRS and checked against each other."""
    reporter = reporter or NullReporter()
    findings: list[Finding] = []
    steps = STEPS

    def kw(src: LayerSource) -> dict:
        return {
            "layer": src.layer,
            "crs": src.crs,
            "encoding": src.encoding,
            "default_crs": src.default_crs,
            "default_encoding": src.default_encoding,
            "findings": findings,
        }

    checkpoint(reporter, 0, steps, f"Reading communes: {files.communes.path.name}")
    communes = load_communes(
        files.communes.path, mapping=files.communes.mapping, **kw(files.communes)
    )
    crs = working_crs(communes)
    extent = tuple(communes.to_crs(WGS84).total_bounds)
    checkpoint(reporter, 1, steps, f"Reading villages: {files.villages.path.name}")
    villages = load_villages(
        files.villages.path, mapping=files.villages.mapping, **kw(files.villages)
    )
    checkpoint(reporter, 2, steps, f"Reading sites: {files.sites.path.name}")
    sites = load_sites(
        files.sites.path, mapping=files.sites.mapping, extent_lonlat=extent, **kw(files.sites)
    )  # type: ignore[arg-type]
    backbone = None
    if files.backbone is not None:
        checkpoint(reporter, 3, steps, f"Reading fibre backbone: {files.backbone.path.name}")
        backbone = load_backbone(files.backbone.path, **kw(files.backbone))
    checkpoint(reporter, 4, steps, "Checking layers against each other")
    layers = {"communes": communes, "villages": villages, "sites": sites}
    if backbone is not None:
        layers["backbone"] = backbone
    base = communes.crs
    file_crs = {name: gdf.crs for name, gdf in layers.items()}
    for name, gdf in layers.items():
        if gdf.crs != crs:
            if name != "communes" and gdf.crs != base:
                findings.append(
                    Finding(
                        "info",
                        name,
                        key="inputs.other_crs",
                        params={"crs": gdf.crs.name, "base": base.name, "target": crs.name},
                        repair_key="repair.reprojected",
                    )
                )
            layers[name] = gdf.to_crs(crs)
    communes = layers["communes"]
    communes["area_km2"] = communes.geometry.area / 1e6
    for name in ("villages", "sites"):
        check_near_communes(
            layers[name],
            communes,
            layer=name,
            path=getattr(files, name).path,
            communes_path=files.communes.path,
            file_crs=file_crs[name],
        )
    villages = assign_villages(layers["villages"], communes, findings=findings)
    sites = flag_sites_outside(layers["sites"], communes, findings=findings)
    return Inputs(
        communes=communes,
        villages=villages,
        sites=sites,
        crs=crs,
        backbone=layers.get("backbone"),
        findings=findings,
    )


def add_rasters(layers: Inputs, files: InputFiles, *, reporter: Reporter | None = None) -> Inputs:
    """``layers`` (from :func:`load_vector_layers`) with the study's DEM and population
    raster opened and checked against the communes; their findings come last."""
    reporter = reporter or NullReporter()
    findings = list(layers.findings)
    area = (layers.communes.total_bounds, layers.crs)
    dem = population = None
    if files.dem is not None:
        dem = load_raster(
            files.dem.path,
            role="terrain (DEM)",
            crs=files.dem.crs,
            default_crs=files.dem.default_crs,
            area=area,
            findings=findings,
        )
    if files.population is not None:
        population = load_raster(
            files.population.path,
            role="population",
            crs=files.population.crs,
            default_crs=files.population.default_crs,
            area=area,
            findings=findings,
        )
    release_freed_memory()
    checkpoint(reporter, STEPS, STEPS, "Layers loaded")
    return replace(layers, dem=dem, population=population, findings=findings)


def assign_villages(
    villages: gpd.GeoDataFrame, communes: gpd.GeoDataFrame, *, findings: list[Finding]
) -> gpd.GeoDataFrame:
    """Give each village the commune holding most of it (its point for a point village).

    A village across two communes or in none is assigned (by largest overlap, or to
    the nearest commune) and flagged.
    """
    vg = villages.geometry.to_numpy()
    cg = communes.geometry.to_numpy()
    tree = shapely.STRtree(cg)
    vi, ci = tree.query(vg, predicate="intersects")
    is_point = shapely.get_type_id(vg) == int(shapely.GeometryType.POINT)
    # Most villages lie wholly in one commune: found with a cheap "within" test, so the
    # costly intersection is computed only for the villages that cross a boundary.
    wv, wc = tree.query(vg, predicate="within")
    whole = np.zeros(len(vg), dtype=bool)
    whole[wv] = True
    rest = ~whole[vi]
    vi, ci = vi[rest], ci[rest]
    area = np.ones(len(vi))
    poly = ~is_point[vi]
    area[poly] = shapely.area(shapely.intersection(vg[vi[poly]], cg[ci[poly]]))
    vi = np.concatenate([vi, wv])
    ci = np.concatenate([ci, wc])
    area = np.concatenate([area, np.where(is_point[wv], 1.0, shapely.area(vg[wv]))])
    pairs = pd.DataFrame({"v": vi, "c": ci, "a": area})
    pairs = pairs[pairs.a > 0].sort_values(["v", "a"], ascending=[True, False])
    best = pairs.drop_duplicates("v")
    commune_of = np.full(len(vg), -1)
    commune_of[best.v.to_numpy()] = best.c.to_numpy()
    share = np.ones(len(vg))
    poly_best = best[~is_point[best.v.to_numpy()]]
    share[poly_best.v.to_numpy()] = poly_best.a.to_numpy() / shapely.area(
        vg[poly_best.v.to_numpy()]
    )
    ids = villages["village_id"].astype(str).to_numpy()
    cids = communes["commune_id"].astype(str).to_numpy()
    across = (commune_of >= 0) & (share < ACROSS_SHARE)
    for i in np.flatnonzero(across):
        findings.append(
            Finding(
                "warning",
                "villages",
                feature=ids[i],
                key="village.across_communes",
                params={
                    "village": ids[i],
                    "share": f"{share[i]:.0%}",
                    "commune": cids[commune_of[i]],
                },
                repair_key="repair.largest_overlap",
            )
        )
    outside = commune_of < 0
    if outside.any():
        near_v, near_c = tree.query_nearest(vg[outside], return_distance=False, all_matches=False)
        commune_of[np.flatnonzero(outside)[near_v]] = near_c
        for i in np.flatnonzero(outside):
            findings.append(
                Finding(
                    "warning",
                    "villages",
                    feature=ids[i],
                    key="village.in_no_commune",
                    params={"village": ids[i], "commune": cids[commune_of[i]]},
                    repair_key="repair.nearest_commune",
                )
            )
    out = villages.copy()
    out["commune_id"] = cids[commune_of]
    return out


def flag_sites_outside(
    sites: gpd.GeoDataFrame, communes: gpd.GeoDataFrame, *, findings: list[Finding]
) -> gpd.GeoDataFrame:
    """Give each site its commune; sites in no commune are kept and flagged."""
    tree = shapely.STRtree(communes.geometry.to_numpy())
    si, ci = tree.query(sites.geometry.to_numpy(), predicate="intersects")
    first = pd.Series(ci, index=si).groupby(level=0).first()
    commune = np.full(len(sites), None, dtype=object)
    commune[first.index.to_numpy()] = (
        communes["commune_id"].astype(str).to_numpy()[first.to_numpy()]
    )
    out = sites.copy()
    out["commune_id"] = commune
    outside = pd.isna(commune)
    if outside.any():
        ids = out.loc[outside, "site_id"].astype(str)
        findings.extend(
            Finding(
                "warning",
                "sites",
                feature=sid,
                key="site.outside_communes",
                params={"site": sid},
                repair_key="repair.kept_border",
            )
            for sid in ids
        )
    return out
