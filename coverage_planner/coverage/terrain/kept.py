"""The figures of a study's kept terrain model, counted once and then kept up to date
by its edits.

A run counts, per technology, the covered cells of every village and commune and of
the law's distance range (:class:`~.counts.Tally`) over the whole grid once; an edit
(``edits.apply_site_edit``) takes away the cells of the box it changed as they were and
adds them as they are. Village status, commune areas and the validity findings are
then made from the tallies, without a pass over the province's grids: the same
figures as a full count (``tests/coverage/test_terrain_edits.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from coverage_planner.coverage.terrain.counts import (
    Tally,
    label_counts,
    new_tally,
    retally_box,
    tally,
)
from coverage_planner.coverage.terrain.status import (
    area_of_counts,
    cell_labels,
    technology_status_terrain,
)
from coverage_planner.coverage.villages import reference_points

Box = tuple[int, int, int, int]


@dataclass
class KeptFigures:
    """What the figures of an edited study need besides the grids: the cell labels of
    villages (and their reference cells) and communes, their cell counts, the
    villages' reference points, and per technology the tally of its grids."""

    village_labels: np.ndarray
    village_refs: np.ndarray  # flat cell of each village's reference point, -1 off the grid
    commune_labels: np.ndarray
    village_cells: np.ndarray
    commune_cells: np.ndarray
    refs: np.ndarray
    tallies: dict[str, Tally]


def site_xy(sites) -> np.ndarray:
    return shapely.get_coordinates(sites.geometry.to_numpy())


def kept_figures(state, villages, communes, sites, params) -> KeptFigures:
    """The state's figures, counted over its grids the first time."""
    if state.figures is not None:
        return state.figures
    grid = state.terrain.grid
    vlab, vref = cell_labels(villages, grid)
    clab, _ = cell_labels(communes, grid)
    nothing = np.zeros(vlab.shape, bool)
    village_cells = label_counts(vlab, nothing, len(villages))[0]
    commune_cells = label_counts(clab, nothing, len(communes))[0]
    del nothing
    xy = site_xy(sites)
    tallies = {}
    for tech in state.techs:
        tallies[tech] = new_tally(len(villages), len(communes))
        tally(tallies[tech], state.rasters[tech], (vlab, clab), xy, grid)
    state.figures = KeptFigures(
        vlab,
        vref,
        clab,
        village_cells,
        commune_cells,
        reference_points(villages.geometry.to_numpy()),
        tallies,
    )
    return state.figures


def retally(state, tech: str, before, after, box: Box, xy_before, xy_after) -> None:
    """The box of ``tech``'s grids changed from ``before`` to ``after`` (rasters; site
    rows of ``xy_before``, ``xy_after``): the tally follows."""
    figures = state.figures
    if figures is None:
        return
    labels = (figures.village_labels, figures.commune_labels)
    grid = state.terrain.grid
    retally_box(figures.tallies[tech], before, after, labels, xy_before, xy_after, grid, box)


def figures_of_state(inputs, villages, communes, techs, params, reporter, state):
    """Per technology (footprints, parts, village status, commune covered area) from an
    edited study's kept grids and tallies (what ``engine.run`` makes of them)."""
    if list(techs) != list(state.techs) or params != state.params:
        raise ValueError("the kept terrain grids are of other technologies or parameters")
    reporter.status("Terrain: village status")
    figures = kept_figures(state, villages, communes, inputs.sites, params)
    areas = communes.geometry.area.to_numpy()
    per_tech = {}
    for tech in techs:
        t = figures.tallies[tech]
        status = technology_status_terrain(
            villages,
            inputs.sites,
            tech,
            state.rasters[tech],
            (figures.village_labels, figures.village_refs),
            params,
            counts=(figures.village_cells, t.village_hits[1:]),
            refs=figures.refs,
        )
        area = area_of_counts(
            figures.commune_cells, t.commune_hits[1:], state.terrain.grid.res, areas
        )
        per_tech[tech] = (None, None, status, area)
    return per_tech, dict(state.rasters), state.terrain
