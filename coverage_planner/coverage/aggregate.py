"""Commune and province indicators, from the village status."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd


def _pct(num: float, den: float) -> float | None:
    return round(100.0 * num / den, 6) if den else None


def commune_summary(
    communes: gpd.GeoDataFrame,
    villages: pd.DataFrame,
    covered_area_m2: dict[str, np.ndarray],
    *,
    techs: list[str],
    broadband: np.ndarray | None,
    fibre_km: np.ndarray | None,
) -> pd.DataFrame:
    """Indicators per commune, aligned to ``communes``.

    Columns: ``villages``; per technology ``t``: ``villages_covered_t``,
    ``villages_covered_t_pct``, ``area_covered_t_pct``, ``population_covered_t_pct``;
    ``population``; ``has_mobile``; ``has_broadband`` and ``fibre_km`` (empty without
    a backbone).
    """
    ids = communes["commune_id"].astype(str)
    by = villages.groupby(villages["commune_id"].astype(str))
    out = pd.DataFrame(index=communes.index)
    out["villages"] = ids.map(by.size()).fillna(0).astype(int).to_numpy()
    pop = villages["population"].astype(float).fillna(0.0)
    out["population"] = (
        ids.map(pop.groupby(villages["commune_id"].astype(str)).sum()).fillna(0.0).to_numpy()
    )
    area = communes.geometry.area.to_numpy()
    any_village = np.zeros(len(communes), dtype=bool)
    any_area = np.zeros(len(communes), dtype=bool)
    for tech in techs:
        t = tech.lower()
        cov = villages[f"covered_{t}"].astype(bool)
        n_cov = (
            ids.map(cov.groupby(villages["commune_id"].astype(str)).sum())
            .fillna(0)
            .astype(int)
            .to_numpy()
        )
        pop_cov = (
            ids.map((pop * cov).groupby(villages["commune_id"].astype(str)).sum())
            .fillna(0.0)
            .to_numpy()
        )
        out[f"villages_covered_{t}"] = n_cov
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"villages_covered_{t}_pct"] = np.where(
                out["villages"] > 0, 100.0 * n_cov / out["villages"], np.nan
            )
            out[f"area_covered_{t}_pct"] = 100.0 * covered_area_m2[tech] / area
            out[f"population_covered_{t}_pct"] = np.where(
                out["population"] > 0, 100.0 * pop_cov / out["population"], np.nan
            )
        any_village |= n_cov > 0
        any_area |= covered_area_m2[tech] > 0
    # A commune without villages counts as covered when any of its area is.
    out["has_mobile"] = np.where(out["villages"] > 0, any_village, any_area)
    out["has_broadband"] = broadband if broadband is not None else None
    out["fibre_km"] = fibre_km if fibre_km is not None else np.nan
    return out


def province_summary(
    communes: pd.DataFrame,
    villages: pd.DataFrame,
    sites: pd.DataFrame,
    covered_area_m2: dict[str, np.ndarray],
    commune_area_m2: np.ndarray,
    *,
    techs: list[str],
    has_backbone: bool,
) -> dict[str, Any]:
    """The province's indicators, as ``summary.json`` holds them (percentages 0-100)."""
    pop = villages["population"].astype(float).fillna(0.0)
    total_pop = float(pop.sum())
    total_area = float(commune_area_m2.sum())
    summary: dict[str, Any] = {
        "communes": int(len(communes)),
        "villages": int(len(villages)),
        "sites": int(len(sites)),
        "sites_by_technology": {t: int(sites[f"serves_{t.lower()}"].sum()) for t in techs},
        "communes_with_mobile_pct": _pct(float(communes["has_mobile"].sum()), len(communes)),
        "villages_covered_pct": {
            t: _pct(float(villages[f"covered_{t.lower()}"].sum()), len(villages)) for t in techs
        },
        "population_covered_pct": {
            t: _pct(float((pop * villages[f"covered_{t.lower()}"]).sum()), total_pop) for t in techs
        },
        "area_covered_pct": {t: _pct(float(covered_area_m2[t].sum()), total_area) for t in techs},
        "communes_with_broadband_pct": (
            _pct(float(communes["has_broadband"].astype(bool).sum()), len(communes))
            if has_backbone
            else None
        ),
        "uncovered_villages": {
            t: int((~villages[f"covered_{t.lower()}"].astype(bool)).sum()) for t in techs
        },
    }
    summary["population"] = total_pop
    summary["area_km2"] = total_area / 1e6
    return summary
