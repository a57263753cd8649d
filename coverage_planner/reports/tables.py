"""The flat tables of a result, as planners read them in Excel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage_planner import vocabulary
from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.findings import findings_frame
from coverage_planner.reports.labels import (
    LAYER_WORDS,
    SEVERITIES,
    action_text,
    reason_text,
    word,
)

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


TEXT_PREFIXES = ("commune_id", "village_id", "site_id", "nearest_site", "upgrade_site", "site")
"""Codes and ids: text, whatever they look like ("03201" keeps its zero)."""
INTEGER_PREFIXES = ("population", "village_population", "villages", "rank")
"""Counts: written as integers (12, not 12.0) wherever every value is whole."""


def is_code_column(column: str) -> bool:
    return column == "site" or column.startswith(TEXT_PREFIXES[:-1])


def is_integer_column(column: str) -> bool:
    return column.startswith(INTEGER_PREFIXES) and not column.endswith("_pct")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Codes as text and whole counts as integers (nullable ``Int64``), so a CSV says
    ``12`` and not ``12.0``, and a code keeps its leading zeros."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if is_code_column(col):
            out[col] = values.astype("string")
        elif is_integer_column(col) and pd.api.types.is_numeric_dtype(values):
            v = values.astype(float)
            if np.all(np.isnan(v) | (v == np.round(v))):
                out[col] = v.round().astype("Int64")
    return out


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
    return spreadsheet_safe(out)


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
    return spreadsheet_safe(out)


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
    return spreadsheet_safe(out)


def uncovered_table(result: CoverageResult, language: str | None = None) -> pd.DataFrame:
    """The ranked uncovered villages. With a ``language``, the reason and the action
    are words of that language (no codes): the workbook's and the maps' table; without,
    the machine table of ``uncovered_villages.csv`` (reason codes, English texts)."""
    out = spreadsheet_safe(result.uncovered)
    if language is None:
        return out
    near = [
        vocabulary.nearest(s, k, language)
        for s, k in zip(out["nearest_site"], out["nearest_km"], strict=True)
    ]
    out["action"] = [
        action_text(r, tech=t, site=s, near=n, language=language)
        for r, t, s, n in zip(out["reason"], out["technology"], out["site"], near, strict=True)
    ]
    out["reason"] = [reason_text(r, language) for r in out["reason"]]
    return out.drop(columns=["reason_text"], errors="ignore")


def village_table_in(result: CoverageResult, language: str) -> pd.DataFrame:
    """The village table with its reasons in words (the workbook's)."""
    out = village_table(result)
    for col in [c for c in out.columns if c.startswith("reason_")]:
        out[col] = [reason_text(r, language) for r in out[col]]
    return out


def findings_table(result: CoverageResult, language: str) -> pd.DataFrame:
    """The validation findings with their severity and layer in words."""
    # Every finding of an audit has a message key: its sentence in either language.
    out = findings_frame(result.findings, language=language)
    out["severity"] = [word(SEVERITIES, s, language) for s in out["severity"]]
    out["layer"] = [word(LAYER_WORDS, s, language) for s in out["layer"]]
    return out.drop(columns=["key"])
