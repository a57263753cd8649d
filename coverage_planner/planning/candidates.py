"""Candidate sites of an investment plan, each with a kind and a cost.

- ``upgrade``: every existing site that lacks the plan's technology;
- from the planner's file: ``new`` towers or ``share`` (another operator's tower);
- generated: high points of the DEM near uncovered villages, uncovered village
  centres, commune centres — spaced apart, outside exclusion zones, inside the
  province.

A candidate table is a GeoDataFrame in the working CRS with ``candidate_id``, ``kind``,
``source``, ``site_row`` (the row in the site table for upgrades, else -1),
``height_m``, ``site_cost_vnd``, ``commune_id`` and the point.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from coverage_planner.coverage.footprints import serving
from coverage_planner.coverage.villages import reference_points
from coverage_planner.errors import InputFileError
from coverage_planner.io.aliases import column_key, match_columns
from coverage_planner.io.findings import Finding
from coverage_planner.io.layers import feature_ids, parse_numbers
from coverage_planner.io.messages import suffix_word
from coverage_planner.io.sites import sites_from_table
from coverage_planner.io.table import read_table
from coverage_planner.io.vector import TABLE_SUFFIXES, VECTOR_SUFFIXES, read_vector
from coverage_planner.planning.config import PlanningParams

COLUMNS = ["candidate_id", "kind", "source", "site_row", "height_m", "site_cost_vnd", "commune_id"]
KINDS = ("upgrade", "new", "share")
_KIND_WORDS = {
    "new": "new",
    "moi": "new",
    "xay_moi": "new",
    "tram_moi": "new",
    "share": "share",
    "shared": "share",
    "sharing": "share",
    "dung_chung": "share",
    "chung": "share",
    "ha_tang_dung_chung": "share",
    "thue": "share",
}


def _frame(data: dict, geometry, crs) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(data, columns=COLUMNS, geometry=gpd.GeoSeries(geometry, crs=crs))


def upgrade_candidates(
    sites: gpd.GeoDataFrame, tech: str, planning: PlanningParams
) -> gpd.GeoDataFrame:
    """Every existing site that serves some technology but not ``tech``."""
    lacks = ~serving(sites, tech) & sites.filter(like="serves_").to_numpy(dtype=bool).any(axis=1)
    rows = np.flatnonzero(lacks)
    return _frame(
        {
            "candidate_id": sites["site_id"].astype(str).to_numpy()[rows],
            "kind": "upgrade",
            "source": "upgrade",
            "site_row": rows,
            "height_m": sites["antenna_height_m"].to_numpy(dtype=float)[rows]
            if "antenna_height_m" in sites
            else np.nan,
            "site_cost_vnd": planning.upgrade_vnd,
            "commune_id": sites["commune_id"].to_numpy(dtype=object)[rows]
            if "commune_id" in sites
            else None,
        },
        sites.geometry.to_numpy()[rows],
        sites.crs,
    )


def load_candidates(
    path: str | Path,
    *,
    crs: object,
    planning: PlanningParams,
    source_crs: object = None,
    mapping: Mapping[str, str] | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """The planner's candidate file: CSV/Excel with coordinates, or any vector format.

    Columns are recognised as for the site list (Vietnamese or English): an id
    (``Mã trạm``, ``id``), longitude/latitude or x/y, and optionally ``kind`` (``new``
    or ``share`` — ``xây mới``, ``dùng chung``), ``height_m`` (``Độ cao anten``) and
    ``cost_vnd`` (``Chi phí``); a candidate without a cost gets its kind's cost.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        table = read_table(path, encoding=None, layer_name="candidates", findings=findings)
        if table.dropna(how="all").empty:
            raise InputFileError(key="plan.candidates_no_row", file=path)
        gdf = sites_from_table(
            table, path=path, crs=source_crs, mapping=mapping, extent_lonlat=None, findings=findings
        )
    elif suffix in VECTOR_SUFFIXES:
        gdf = read_vector(path, crs=source_crs, layer_name="candidates", findings=findings)
        gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)].reset_index(drop=True)
        not_point = gdf.geom_type != "Point"
        if not_point.any():
            gdf.loc[not_point, "geometry"] = gdf.geometry[not_point].representative_point()
    else:
        raise InputFileError(key="plan.candidates_format", file=path, suffix=suffix_word(suffix))
    if gdf.empty:
        raise InputFileError(key="plan.candidates_no_coordinates", file=path)
    cols = match_columns(
        gdf.columns,
        ["site_id", "candidate_kind", "height", "cost_vnd"],
        overrides=mapping,
        source=str(path),
    )
    ids = feature_ids(
        gdf, cols.get("site_id"), "C", layer="candidates", source=path, findings=findings
    )
    kind = np.full(len(gdf), "new", dtype=object)
    if "candidate_kind" in cols:
        words = gdf[cols["candidate_kind"]].map(lambda v: "" if pd.isna(v) else column_key(v))
        known = words.map(lambda w: _KIND_WORDS.get(w, "new" if w == "" else None))
        bad = known.isna().to_numpy()
        if bad.any():
            examples = ", ".join(
                f"{ids.iloc[i]}: {gdf[cols['candidate_kind']].iloc[i]!r}"
                for i in np.flatnonzero(bad)[:5]
            )
            raise InputFileError(
                key="plan.candidates_kind",
                file=path,
                column=repr(cols["candidate_kind"]),
                examples=examples,
            )
        kind = known.to_numpy(dtype=object)
    height = (
        parse_numbers(gdf[cols["height"]])[0].where(lambda h: h > 0).to_numpy()
        if "height" in cols
        else np.full(len(gdf), np.nan)
    )
    height = np.where(np.isfinite(height), height, planning.height_m)
    default_cost = np.where(kind == "share", planning.share_vnd, planning.new_site_vnd)
    cost = (
        parse_numbers(gdf[cols["cost_vnd"]])[0].to_numpy(dtype=float)
        if "cost_vnd" in cols
        else np.full(len(gdf), np.nan)
    )
    cost = np.where(np.isfinite(cost) & (cost >= 0), cost, default_cost)
    out = _frame(
        {
            "candidate_id": ids.astype(str).to_numpy(),
            "kind": kind,
            "source": "file",
            "site_row": -1,
            "height_m": height,
            "site_cost_vnd": cost,
            "commune_id": None,
        },
        gdf.geometry.to_numpy(),
        gdf.crs,
    )
    return out.to_crs(crs)


def _thin(points: np.ndarray, spacing_m: float) -> np.ndarray:
    """Indices of ``points`` (in priority order) kept so no two are closer than spacing."""
    if len(points) == 0 or spacing_m <= 0:
        return np.arange(len(points))
    pairs = cKDTree(points).query_pairs(spacing_m, output_type="ndarray")
    neighbours: list[list[int]] = [[] for _ in range(len(points))]
    for a, b in pairs:  # a < b: b is the later (lower priority) one
        neighbours[b].append(a)
    keep = np.zeros(len(points), dtype=bool)
    for i in range(len(points)):
        keep[i] = not any(keep[j] for j in neighbours[i])
    return np.flatnonzero(keep)


def dem_high_points(
    dem: np.ndarray, grid, near_xy: np.ndarray, *, search_m: float, spacing_m: float
) -> tuple[np.ndarray, np.ndarray]:
    """Local maxima of the DEM (over a window of ``spacing_m``) within ``search_m`` of
    any of ``near_xy``, highest first: their coordinates and heights."""
    from scipy.ndimage import maximum_filter

    if len(near_xy) == 0:
        return np.empty((0, 2)), np.empty(0)
    size = max(3, int(round(spacing_m / grid.res)) | 1)
    peaks = (dem == maximum_filter(dem, size=size, mode="nearest")) & np.isfinite(dem)
    rows, cols = np.nonzero(peaks)
    x = grid.transform.c + (cols + 0.5) * grid.res
    y = grid.transform.f - (rows + 0.5) * grid.res
    xy = np.column_stack([x, y])
    d, _ = cKDTree(near_xy).query(xy, distance_upper_bound=search_m)
    ok = np.isfinite(d)
    xy, z = xy[ok], dem[rows[ok], cols[ok]]
    order = np.argsort(-z, kind="stable")
    return xy[order], z[order]


def generated_candidates(
    villages: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    tech: str,
    planning: PlanningParams,
    *,
    dem: np.ndarray | None = None,
    grid=None,
    exclusion: gpd.GeoDataFrame | None = None,
    findings: list[Finding] | None = None,
) -> gpd.GeoDataFrame:
    """New-site candidates generated around the villages ``tech`` leaves uncovered.

    Parameters
    ----------
    villages
        Villages with their status (``covered_<tech>``), as the audit gives them.
    dem, grid
        The terrain model on its grid, for high points (left out without a DEM).
    exclusion
        Polygons where no candidate may stand.
    """
    findings = findings if findings is not None else []
    crs = villages.crs
    t = tech.lower()
    uncovered = ~villages[f"covered_{t}"].to_numpy(dtype=bool)
    refs = reference_points(villages.geometry.to_numpy()[uncovered])
    ref_xy = shapely.get_coordinates(refs)
    pop = villages["population"].to_numpy(dtype=float)[uncovered]
    parts: list[tuple[str, np.ndarray]] = []
    if "dem_high_points" in planning.generate:
        if dem is None or grid is None:
            findings.append(Finding("info", "candidates", key="plan_finding.no_dem"))
        else:
            xy, _ = dem_high_points(
                dem,
                grid,
                ref_xy,
                search_m=planning.high_point_search_km * 1000.0,
                spacing_m=planning.spacing_km * 1000.0,
            )
            parts.append(("dem_high_point", xy))
    if "village_centres" in planning.generate:
        order = np.argsort(-np.nan_to_num(pop), kind="stable")
        parts.append(("village_centre", ref_xy[order]))
    if "commune_centres" in planning.generate:
        with_gap = np.isin(
            communes["commune_id"].astype(str).to_numpy(),
            villages["commune_id"].astype(str).to_numpy()[uncovered],
        )
        centres = reference_points(communes.geometry.to_numpy()[with_gap])
        parts.append(("commune_centre", shapely.get_coordinates(centres)))
    if not parts or sum(len(p[1]) for p in parts) == 0:
        return _frame({}, [], crs)
    # Commune centres and village centres first: a planner's natural places; high
    # points fill the rest of the spacing.
    parts.sort(key=lambda p: {"commune_centre": 0, "village_centre": 1, "dem_high_point": 2}[p[0]])
    source = np.concatenate([np.full(len(xy), name, dtype=object) for name, xy in parts])
    xy = np.concatenate([xy for _, xy in parts])
    pts = shapely.points(xy)
    keep = np.ones(len(xy), dtype=bool)
    # Inside the province only.
    province = shapely.STRtree(communes.geometry.to_numpy())
    inside, _ = province.query(pts, predicate="intersects")
    keep &= np.isin(np.arange(len(xy)), inside)
    has_site = sites.filter(like="serves_").to_numpy(dtype=bool).any(axis=1)
    if has_site.any() and planning.min_distance_to_site_km > 0:
        d, _ = cKDTree(shapely.get_coordinates(sites.geometry.to_numpy()[has_site])).query(xy)
        keep &= d >= planning.min_distance_to_site_km * 1000.0
    if exclusion is not None and len(exclusion):
        zones = exclusion.to_crs(crs).geometry.to_numpy()
        if planning.exclusion_buffer_m > 0:
            zones = shapely.buffer(zones, planning.exclusion_buffer_m)
        hit, _ = shapely.STRtree(zones).query(pts, predicate="intersects")
        excluded = np.isin(np.arange(len(xy)), hit) & keep
        if excluded.any():
            findings.append(
                Finding(
                    "info",
                    "candidates",
                    key="plan_finding.excluded",
                    params={"n": int(excluded.sum())},
                    repair_key="plan_finding.left_out",
                )
            )
        keep &= ~excluded
    idx = np.flatnonzero(keep)
    idx = idx[_thin(xy[idx], planning.spacing_km * 1000.0)]
    prefix = {"dem_high_point": "H", "village_centre": "V", "commune_centre": "C"}
    ids = [f"{prefix[s]}{k + 1:05d}" for k, s in enumerate(source[idx])]
    return _frame(
        {
            "candidate_id": ids,
            "kind": "new",
            "source": source[idx],
            "site_row": -1,
            "height_m": planning.height_m,
            "site_cost_vnd": planning.new_site_vnd,
            "commune_id": None,
        },
        pts[idx],
        crs,
    )


def assign_communes(candidates: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> np.ndarray:
    """The commune holding each candidate (the nearest for one outside every commune)."""
    geoms = communes.geometry.to_numpy()
    ids = communes["commune_id"].astype(str).to_numpy()
    tree = shapely.STRtree(geoms)
    out = np.full(len(candidates), None, dtype=object)
    if len(candidates) == 0:
        return out
    pts = candidates.geometry.to_numpy()
    ci, near = tree.query_nearest(pts, all_matches=False)
    out[ci] = ids[near]
    return out


def all_candidates(parts: list[gpd.GeoDataFrame], communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The candidate tables as one, ids made unique (a repeated id gets ``#2``), each
    with its commune."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return _frame({}, [], communes.crs)
    frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)
    ids = frame["candidate_id"].astype(str)
    dup = ids.groupby(ids).cumcount()
    frame["candidate_id"] = np.where(dup > 0, ids + "#" + (dup + 1).astype(str), ids)
    missing = frame["commune_id"].isna().to_numpy()
    if missing.any():
        frame.loc[missing, "commune_id"] = assign_communes(frame[missing], communes)
    frame["site_row"] = frame["site_row"].astype(int)
    frame["height_m"] = frame["height_m"].astype(float)
    frame["site_cost_vnd"] = frame["site_cost_vnd"].astype(float)
    return frame


def candidate_sites(
    candidates: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, tech: str
) -> gpd.GeoDataFrame:
    """The candidates as rows of a site table, as the audit would read them once built:
    an upgrade is its site with ``tech`` added; a new or shared site serves ``tech``
    only, omnidirectional, at its height."""
    t = tech.lower()
    up = candidates["site_row"].to_numpy() >= 0
    rows = candidates["site_row"].to_numpy()[up]
    upgraded = sites.iloc[rows].copy()
    upgraded[f"serves_{t}"] = True
    new = gpd.GeoDataFrame(
        {
            "site_id": candidates["candidate_id"].to_numpy()[~up],
            "site_name": candidates["candidate_id"].to_numpy()[~up],
            "antenna_height_m": candidates["height_m"].to_numpy(dtype=float)[~up],
            "azimuths": "",
            "beamwidth_deg": np.nan,
            "radius_km": np.nan,
            "tx_power_dbm": np.nan,
            "antenna_gain_dbi": np.nan,
            "feeder_loss_db": np.nan,
            "commune_id": candidates["commune_id"].to_numpy(dtype=object)[~up],
        },
        geometry=candidates.geometry.to_numpy()[~up],
        crs=candidates.crs,
    )
    for col in sites.columns:
        if col.startswith("serves_"):
            new[col] = col == f"serves_{t}"
    new["technologies"] = tech
    # Back in the candidates' order.
    out = pd.concat([upgraded.reset_index(drop=True), new], ignore_index=True)
    order = np.r_[np.flatnonzero(up), np.flatnonzero(~up)]
    out.index = order
    return gpd.GeoDataFrame(out.sort_index(), crs=sites.crs).reset_index(drop=True)


def sites_with_plan(
    sites: gpd.GeoDataFrame, candidates: gpd.GeoDataFrame, chosen: np.ndarray, tech: str
) -> gpd.GeoDataFrame:
    """The site table once the chosen candidates are built: upgrades serve ``tech``,
    new and shared sites are added as rows (what an audit of the plan reads)."""
    chosen = np.asarray(chosen, dtype=int)
    cand = candidates.iloc[chosen]
    out = sites.copy()
    rows = cand["site_row"].to_numpy()
    out.loc[out.index[rows[rows >= 0]], f"serves_{tech.lower()}"] = True
    new = candidate_sites(cand[rows < 0], sites, tech)
    if len(new):
        out = gpd.GeoDataFrame(pd.concat([out, new], ignore_index=True), crs=sites.crs)
    return out
