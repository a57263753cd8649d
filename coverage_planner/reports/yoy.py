"""Year over year: this audit against last year's audit folder, across boundary changes.

Since 1 July 2025 most communes were merged, so last year's figures are carried onto
this year's communes: village counts through the villages themselves (a village of
last year goes to this year's commune of the village with its id, else to the
commune holding most of it), areas through an area-weighted crosswalk of the two
commune sets. The crosswalk and the merges and splits it shows are written too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.errors import InputFileError

SIGNIFICANT = 0.05
"""A piece of a commune counts in a merge or split when it holds 5% of either unit."""
SAME_PLACE_M = 50.0


@dataclass
class PreviousAudit:
    folder: Path
    communes: gpd.GeoDataFrame
    villages: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    summary: dict[str, Any]


@dataclass
class YearOverYear:
    communes: pd.DataFrame
    crosswalk: pd.DataFrame
    boundary_changes: pd.DataFrame
    sites: pd.DataFrame
    villages: pd.DataFrame
    summary: dict[str, Any]


def read_previous(folder: str | Path, *, crs) -> PreviousAudit:
    """Last year's audit folder (as the ``audit`` command writes it)."""
    folder = Path(folder)
    gpkg = folder / "coverage.gpkg"
    summary = folder / "summary.json"
    if not gpkg.exists() or not summary.exists():
        raise InputFileError(
            f"{folder} is not an audit folder of Coverage Planner: it needs coverage.gpkg and summary.json "
            "(the folder the audit command wrote last year)."
        )
    layers = {
        name: pyogrio.read_dataframe(gpkg, layer=name).to_crs(crs)
        for name in ("communes", "villages", "sites")
    }
    for frame, col in (
        (layers["communes"], "commune_id"),
        (layers["villages"], "village_id"),
        (layers["villages"], "commune_id"),
        (layers["sites"], "site_id"),
    ):
        frame[col] = frame[col].astype(str)
    return PreviousAudit(
        folder,
        layers["communes"],
        layers["villages"],
        layers["sites"],
        json.loads(summary.read_text(encoding="utf-8")),
    )


def crosswalk(previous: gpd.GeoDataFrame, current: gpd.GeoDataFrame) -> pd.DataFrame:
    """Overlap of each previous commune with each current one (km² and shares)."""
    pg, cg = previous.geometry.to_numpy(), current.geometry.to_numpy()
    pi, ci = shapely.STRtree(cg).query(pg, predicate="intersects")
    area = shapely.area(shapely.intersection(pg[pi], cg[ci]))
    keep = area > 0
    pi, ci, area = pi[keep], ci[keep], area[keep]
    return pd.DataFrame(
        {
            "previous_commune_id": previous["commune_id"].to_numpy()[pi],
            "previous_commune_name": previous["commune_name"].to_numpy()[pi],
            "commune_id": current["commune_id"].astype(str).to_numpy()[ci],
            "commune_name": current["commune_name"].to_numpy()[ci],
            "overlap_km2": area / 1e6,
            "share_of_previous": area / shapely.area(pg[pi]),
            "share_of_current": area / shapely.area(cg[ci]),
        }
    )


def boundary_changes(xwalk: pd.DataFrame) -> pd.DataFrame:
    """Merges (a commune made of several of last year's) and splits (one of last year's
    spread over several), from the significant pieces of the crosswalk."""
    sig = xwalk[
        (xwalk["share_of_previous"] >= SIGNIFICANT) | (xwalk["share_of_current"] >= SIGNIFICANT)
    ]
    rows = []
    for cid, group in sig.groupby("commune_id", sort=True):
        if len(group) > 1:
            rows.append(
                {
                    "change": "merged",
                    "commune_id": cid,
                    "commune_name": group["commune_name"].iloc[0],
                    "previous_commune_ids": "; ".join(group["previous_commune_id"]),
                    "previous_commune_names": "; ".join(group["previous_commune_name"]),
                }
            )
    for pid, group in sig.groupby("previous_commune_id", sort=True):
        if len(group) > 1:
            rows.append(
                {
                    "change": "split",
                    "commune_id": "; ".join(group["commune_id"]),
                    "commune_name": "; ".join(group["commune_name"]),
                    "previous_commune_ids": pid,
                    "previous_commune_names": group["previous_commune_name"].iloc[0],
                }
            )
    cols = [
        "change",
        "commune_id",
        "commune_name",
        "previous_commune_ids",
        "previous_commune_names",
    ]
    return pd.DataFrame(rows, columns=cols)


def _previous_village_communes(prev: gpd.GeoDataFrame, current: CoverageResult) -> np.ndarray:
    """This year's commune of each of last year's villages: by village id, else by place."""
    by_id = current.villages.set_index(current.villages["village_id"].astype(str))[
        "commune_id"
    ].astype(str)
    out = prev["village_id"].map(by_id).to_numpy(dtype=object)
    todo = pd.isna(out)
    if todo.any():
        geoms = prev.geometry.to_numpy()[todo]
        cg = current.communes.geometry.to_numpy()
        vi, ci = shapely.STRtree(cg).query(geoms, predicate="intersects")
        is_point = shapely.get_type_id(geoms[vi]) == int(shapely.GeometryType.POINT)
        area = np.where(is_point, 1.0, shapely.area(shapely.intersection(geoms[vi], cg[ci])))
        best = pd.DataFrame({"v": vi, "c": ci, "a": area}).sort_values(
            ["v", "a"], ascending=[True, False]
        )
        best = best.drop_duplicates("v")
        filled = np.full(int(todo.sum()), None, dtype=object)
        filled[best["v"].to_numpy()] = (
            current.communes["commune_id"].astype(str).to_numpy()[best["c"].to_numpy()]
        )
        out[np.flatnonzero(todo)] = filled
    return out


def _pct(num: pd.Series, den: pd.Series) -> pd.Series:
    return (100.0 * num / den.where(den > 0)).astype(float)


def commune_comparison(
    current: CoverageResult, prev: PreviousAudit, xwalk: pd.DataFrame
) -> pd.DataFrame:
    """Per current commune: this year's and last year's indicators and the change."""
    techs = current.technologies
    cur = current.communes
    ids = cur["commune_id"].astype(str)
    out = pd.DataFrame(
        {"commune_id": ids.to_numpy(), "commune_name": cur["commune_name"].to_numpy()}
    )
    pv = prev.villages.copy()
    pv["current_commune"] = _previous_village_communes(pv, current)
    pop = (
        pd.to_numeric(pv.get("population"), errors="coerce")
        if "population" in pv
        else pd.Series(np.nan, index=pv.index)
    )
    grouped_n = pv.groupby("current_commune").size()
    for tech in techs:
        t = tech.lower()
        this_pct = cur[f"villages_covered_{t}_pct"].to_numpy()
        if f"covered_{t}" in pv.columns:
            covered = pv[f"covered_{t}"].astype(str).str.lower().isin(["1", "true"])
            last_n = ids.map(covered.groupby(pv["current_commune"]).sum()).astype(float)
            last_pct = _pct(last_n, ids.map(grouped_n).astype(float))
            pop_cov = ids.map((pop * covered).groupby(pv["current_commune"]).sum()).astype(float)
            last_pop = _pct(
                pop_cov, ids.map(pop.groupby(pv["current_commune"]).sum()).astype(float)
            )
        else:
            last_pct = last_pop = pd.Series(np.nan, index=ids.index)
        out[f"villages_covered_{t}_pct"] = this_pct
        out[f"villages_covered_{t}_pct_last_year"] = last_pct.to_numpy()
        out[f"villages_covered_{t}_pct_change"] = this_pct - last_pct.to_numpy()
        out[f"population_covered_{t}_pct"] = cur[f"population_covered_{t}_pct"].to_numpy()
        out[f"population_covered_{t}_pct_last_year"] = last_pop.to_numpy()
        out[f"population_covered_{t}_pct_change"] = (
            out[f"population_covered_{t}_pct"] - last_pop.to_numpy()
        )
        col = f"area_covered_{t}_pct"
        if col in prev.communes.columns:
            prev_area = prev.communes.set_index("commune_id").geometry.area
            covered_m2 = (
                pd.to_numeric(prev.communes.set_index("commune_id")[col], errors="coerce")
                / 100
                * prev_area
            )
            w = (
                xwalk.assign(
                    covered=xwalk["previous_commune_id"].map(covered_m2)
                    * xwalk["share_of_previous"],
                    area=xwalk["overlap_km2"] * 1e6,
                )
                .groupby("commune_id")[["covered", "area"]]
                .sum()
            )
            last_area = ids.map(_pct(w["covered"], w["area"])).to_numpy()
        else:
            last_area = np.full(len(ids), np.nan)
        out[f"{col}"] = cur[col].to_numpy()
        out[f"{col}_last_year"] = last_area
        out[f"{col}_change"] = cur[col].to_numpy() - last_area
    out["villages"] = cur["villages"].to_numpy()
    out["villages_last_year"] = ids.map(grouped_n).fillna(0).astype(int).to_numpy()
    site_commune = _commune_of_points(current.sites.geometry.to_numpy(), cur)
    prev_site_commune = _commune_of_points(prev.sites.geometry.to_numpy(), cur)
    out["sites"] = ids.map(pd.Series(site_commune).value_counts()).fillna(0).astype(int).to_numpy()
    out["sites_last_year"] = (
        ids.map(pd.Series(prev_site_commune).value_counts()).fillna(0).astype(int).to_numpy()
    )
    out["sites_change"] = out["sites"] - out["sites_last_year"]
    sources = (
        xwalk[xwalk["share_of_current"] >= SIGNIFICANT]
        .groupby("commune_id")["previous_commune_name"]
        .agg("; ".join)
    )
    out["last_year_communes"] = ids.map(sources).to_numpy()
    return out


def _commune_of_points(points: np.ndarray, communes: gpd.GeoDataFrame) -> np.ndarray:
    out = np.full(len(points), None, dtype=object)
    pi, ci = shapely.STRtree(communes.geometry.to_numpy()).query(points, predicate="intersects")
    out[pi] = communes["commune_id"].astype(str).to_numpy()[ci]
    return out


def site_changes(current: gpd.GeoDataFrame, previous: gpd.GeoDataFrame) -> pd.DataFrame:
    """Sites added, removed, kept, or kept under a new code (same place within 50 m)."""
    cur_ids = current["site_id"].astype(str).to_numpy()
    prev_ids = previous["site_id"].astype(str).to_numpy()
    cur_tech = current["technologies"].astype(str).to_numpy()
    prev_tech = (
        previous["technologies"].astype(str).to_numpy()
        if "technologies" in previous
        else np.full(len(previous), "")
    )
    prev_pos = {sid: i for i, sid in enumerate(prev_ids)}
    matched_prev = np.full(len(current), -1)
    for i, sid in enumerate(cur_ids):
        matched_prev[i] = prev_pos.get(sid, -1)
    status = np.where(matched_prev >= 0, "kept", "added").astype(object)
    free_prev = np.setdiff1d(np.arange(len(previous)), matched_prev[matched_prev >= 0])
    free_cur = np.flatnonzero(matched_prev < 0)
    if len(free_prev) and len(free_cur):
        (ci, pi), dist = shapely.STRtree(previous.geometry.to_numpy()[free_prev]).query_nearest(
            current.geometry.to_numpy()[free_cur],
            max_distance=SAME_PLACE_M,
            return_distance=True,
            all_matches=False,
        )
        pairs = pd.DataFrame({"c": free_cur[ci], "p": free_prev[pi], "d": dist}).sort_values("d")
        pairs = pairs.drop_duplicates("p").drop_duplicates("c")
        matched_prev[pairs["c"].to_numpy()] = pairs["p"].to_numpy()
        status[pairs["c"].to_numpy()] = "recoded"
    rows = pd.DataFrame(
        {
            "status": status,
            "site_id": cur_ids,
            "previous_site_id": [prev_ids[p] if p >= 0 else None for p in matched_prev],
            "operator": current["operator"].to_numpy() if "operator" in current else None,
            "technologies": cur_tech,
            "technologies_last_year": [prev_tech[p] if p >= 0 else None for p in matched_prev],
        }
    )
    gone = np.setdiff1d(np.arange(len(previous)), matched_prev[matched_prev >= 0])
    removed = pd.DataFrame(
        {
            "status": "removed",
            "site_id": None,
            "previous_site_id": prev_ids[gone],
            "operator": previous["operator"].to_numpy()[gone] if "operator" in previous else None,
            "technologies": None,
            "technologies_last_year": prev_tech[gone],
        }
    )
    out = pd.concat([rows, removed], ignore_index=True)
    new_tech = []
    for now, before in zip(out["technologies"], out["technologies_last_year"], strict=True):
        gained = (
            sorted(set(str(now).split("/")) - set(str(before).split("/"))) if now and before else []
        )
        new_tech.append("/".join(t for t in gained if t))
    out["technologies_added"] = new_tech
    return out


def village_changes(current: CoverageResult, previous: gpd.GeoDataFrame) -> pd.DataFrame:
    """Villages newly covered and newly uncovered per technology (matched by id)."""
    cur = current.villages.set_index(current.villages["village_id"].astype(str))
    prev = previous.set_index("village_id")
    common = cur.index.intersection(prev.index)
    rows = []
    for tech in current.technologies:
        col = f"covered_{tech.lower()}"
        if col not in prev.columns:
            continue
        now = cur.loc[common, col].astype(bool)
        before = prev.loc[common, col].astype(str).str.lower().isin(["1", "true"])
        for change, mask in (("newly covered", now & ~before), ("newly uncovered", ~now & before)):
            ids = common[mask.to_numpy()]
            rows.append(
                pd.DataFrame(
                    {
                        "technology": tech,
                        "change": change,
                        "village_id": ids,
                        "village_name": cur.loc[ids, "village_name"].to_numpy(),
                        "commune_id": cur.loc[ids, "commune_id"].astype(str).to_numpy(),
                        "commune_name": cur.loc[ids, "commune_name"].to_numpy(),
                    }
                )
            )
    cols = ["technology", "change", "village_id", "village_name", "commune_id", "commune_name"]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=cols)


def summary_comparison(this: dict[str, Any], last: dict[str, Any]) -> dict[str, Any]:
    """Province indicators: this year, last year, change (per technology where they are)."""
    out: dict[str, Any] = {}
    for key, value in this.items():
        before = last.get(key)
        if isinstance(value, dict):
            out[key] = {t: _triple(v, (before or {}).get(t)) for t, v in value.items()}
        elif isinstance(value, (int, float)) or value is None:
            out[key] = _triple(value, before)
    return out


def _triple(now, before) -> dict[str, Any]:
    change = None if now is None or before is None else now - before
    return {"this_year": now, "last_year": before, "change": change}


def compare_years(current: CoverageResult, previous_folder: str | Path) -> YearOverYear:
    prev = read_previous(previous_folder, crs=current.communes.crs)
    xwalk = crosswalk(prev.communes, current.communes)
    return YearOverYear(
        communes=commune_comparison(current, prev, xwalk),
        crosswalk=xwalk,
        boundary_changes=boundary_changes(xwalk),
        sites=site_changes(current.sites, prev.sites),
        villages=village_changes(current, prev.villages),
        summary=summary_comparison(current.summary, prev.summary),
    )


def yoy_writers(yoy: YearOverYear) -> dict:
    """The files of the comparison, for the audit's output folder."""

    def csv(frame: pd.DataFrame):
        return lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig")

    return {
        "yoy_communes.csv": csv(yoy.communes),
        "yoy_crosswalk.csv": csv(yoy.crosswalk),
        "yoy_boundary_changes.csv": csv(yoy.boundary_changes),
        "yoy_sites.csv": csv(yoy.sites),
        "yoy_villages.csv": csv(yoy.villages),
        "yoy_summary.json": lambda p: p.write_text(
            json.dumps(yoy.summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        ),
    }
