"""``run``: from validated inputs to every coverage result, for the GUI, CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from coverage_planner.coverage.aggregate import commune_summary, province_summary
from coverage_planner.coverage.broadband import broadband_reach
from coverage_planner.coverage.footprints import footprints, serving
from coverage_planner.coverage.population import population_sums
from coverage_planner.coverage.uncovered import uncovered_villages
from coverage_planner.coverage.union import area_inside, tiled_union
from coverage_planner.coverage.villages import village_status
from coverage_planner.io.findings import Finding
from coverage_planner.io.inputs import Inputs
from coverage_planner.params import TECHNOLOGIES, Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint

CORE_TECHNOLOGIES = ("2G", "3G", "4G")


@dataclass
class CoverageResult:
    """Everything the views and exports show, computed once."""

    params: Parameters
    technologies: list[str]
    communes: gpd.GeoDataFrame
    villages: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    footprints: dict[str, gpd.GeoDataFrame]
    coverage: dict[str, np.ndarray]
    summary: dict[str, Any]
    uncovered: pd.DataFrame
    backbone: gpd.GeoDataFrame | None = None
    findings: list[Finding] = field(default_factory=list)


def technologies_of(sites: pd.DataFrame) -> list[str]:
    """2G, 3G and 4G always (a list without 4G has every village uncovered for 4G),
    5G when some site serves it."""
    return [t for t in TECHNOLOGIES if t in CORE_TECHNOLOGIES or serving(sites, t).any()]


def run(inputs: Inputs, *, params: Parameters, reporter: Reporter | None = None) -> CoverageResult:
    """Compute village status, commune and province indicators and the uncovered list.

    Parameters
    ----------
    inputs
        Layers from :func:`~coverage_planner.io.inputs.load_inputs`.
    params
        Radii, village area share, broadband reach.
    reporter
        Receives progress; its ``cancelled()`` stops the run with
        :class:`~coverage_planner.errors.Cancelled`.
    """
    reporter = reporter or NullReporter()
    techs = technologies_of(inputs.sites)
    steps = 2 * len(techs) + 4
    step = 0
    villages = inputs.villages.copy()
    communes = inputs.communes.copy()
    findings = list(inputs.findings)
    names = communes.set_index(communes["commune_id"].astype(str))["commune_name"]
    villages["commune_name"] = villages["commune_id"].astype(str).map(names).to_numpy()
    if inputs.population is not None and villages["population"].isna().all():
        checkpoint(reporter, step, steps, "Summing population from the raster")
        villages["population"] = population_sums(villages, inputs.population)
        findings.append(
            Finding(
                "info",
                "villages",
                "the villages have no population column",
                repair=f"population summed from {inputs.population.path.name}",
            )
        )
    fps: dict[str, gpd.GeoDataFrame] = {}
    parts: dict[str, np.ndarray] = {}
    for tech in techs:
        step += 1
        checkpoint(reporter, step, steps, f"{tech} footprints")
        fps[tech] = footprints(inputs.sites, tech, params)
        step += 1
        checkpoint(reporter, step, steps, f"{tech} coverage union")
        parts[tech] = tiled_union(fps[tech].geometry.values)
    step += 1
    checkpoint(reporter, step, steps, "Village status per technology")
    status = village_status(villages, inputs.sites, parts, params)
    villages = villages.join(status)
    step += 1
    checkpoint(reporter, step, steps, "Commune figures")
    commune_geoms = communes.geometry.values
    covered_area = {tech: area_inside(commune_geoms, parts[tech]) for tech in techs}
    broadband = fibre_km = None
    if inputs.backbone is not None:
        v_reached, v_km = broadband_reach(
            villages.geometry.values, inputs.backbone, reach_km=params.broadband_reach_km
        )
        villages["has_broadband"] = v_reached
        villages["fibre_km"] = v_km
        c_reached, fibre_km = broadband_reach(commune_geoms, inputs.backbone, reach_km=0.0)
        by_commune = (
            pd.Series(v_reached).groupby(villages["commune_id"].astype(str).to_numpy()).any()
        )
        broadband = c_reached | communes["commune_id"].astype(str).map(by_commune).fillna(
            False
        ).to_numpy(dtype=bool)
    figures = commune_summary(
        communes, villages, covered_area, techs=techs, broadband=broadband, fibre_km=fibre_km
    )
    figures = figures.rename(columns={"population": "village_population"})
    communes = communes.drop(columns=[c for c in figures.columns if c in communes.columns]).join(
        figures
    )
    step += 1
    checkpoint(reporter, step, steps, "Province figures and uncovered villages")
    summary = province_summary(
        communes,
        villages,
        inputs.sites,
        covered_area,
        communes.geometry.area.to_numpy(),
        techs=techs,
        has_backbone=inputs.backbone is not None,
    )
    uncovered = uncovered_villages(villages, techs=techs)
    checkpoint(reporter, steps, steps, "Done")
    return CoverageResult(
        params=params,
        technologies=techs,
        communes=communes,
        villages=villages,
        sites=inputs.sites,
        footprints=fps,
        coverage=parts,
        summary=summary,
        uncovered=uncovered,
        backbone=inputs.backbone,
        findings=findings,
    )
