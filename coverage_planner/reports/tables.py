"""The flat tables of a result, as planners read them in Excel."""

from __future__ import annotations

import pandas as pd

from coverage_planner.coverage.engine import CoverageResult

VILLAGE_COLUMNS = ["village_id", "village_name", "commune_id", "commune_name", "population"]
COMMUNE_COLUMNS = [
    "commune_id",
    "commune_name",
    "district",
    "area_km2",
    "population",
    "village_population",
    "villages",
]


def village_table(result: CoverageResult) -> pd.DataFrame:
    """One row per village: ids, population, and per technology covered/share/nearest/reason."""
    v = result.villages
    cols = list(VILLAGE_COLUMNS)
    for tech in result.technologies:
        t = tech.lower()
        cols += [
            f"covered_{t}",
            f"share_{t}",
            f"nearest_site_{t}",
            f"nearest_km_{t}",
            f"reason_{t}",
            f"upgrade_site_{t}",
        ]
    cols += [c for c in ("has_broadband", "fibre_km") if c in v.columns]
    out = pd.DataFrame(v[cols])
    for tech in result.technologies:
        out[f"share_{tech.lower()}"] = out[f"share_{tech.lower()}"].round(6)
    return out


def commune_table(result: CoverageResult) -> pd.DataFrame:
    """One row per commune with its indicators."""
    c = result.communes
    cols = list(COMMUNE_COLUMNS)
    for tech in result.technologies:
        t = tech.lower()
        cols += [
            f"villages_covered_{t}",
            f"villages_covered_{t}_pct",
            f"area_covered_{t}_pct",
            f"population_covered_{t}_pct",
        ]
    cols += ["has_mobile", "has_broadband", "fibre_km"]
    out = pd.DataFrame(c[cols])
    num = out.select_dtypes("number").columns
    out[num] = out[num].round(6)
    return out


def site_table(result: CoverageResult) -> pd.DataFrame:
    s = result.sites
    cols = [
        "site_id",
        "site_name",
        "operator",
        "technologies",
        "antenna_height_m",
        "azimuths",
        "beamwidth_deg",
        "commune_id",
    ]
    out = pd.DataFrame(s[cols])
    out["longitude"] = s.geometry.to_crs(4326).x.round(6).to_numpy()
    out["latitude"] = s.geometry.to_crs(4326).y.round(6).to_numpy()
    return out
