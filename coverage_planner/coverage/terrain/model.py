"""The terrain model: received level of every site on a working grid, best server.

For each site and technology, every grid cell within the site's reach gets the level a
receiver ``receiver_height_m`` above ground would see:

    level = EIRP − SPM path loss (K1..K6, effective height) − diffraction (Bullington)
            − clutter loss + horizontal and vertical antenna pattern

(see ``radio`` and ``profiles`` for the terms, README "Terrain model" for the method and
sources). Per technology the grids keep the best level, the best server and the number
of servers above the threshold plus the location-probability margin.

The model is built from four modules, by job; this one gathers their public names so
callers import from one place:

- :mod:`.grid` — the output grid, the DEM read on it, the fine and coarse DEM tiers,
  the land-cover losses (``Terrain``, ``terrain_grids``, ``flat_terrain``,
  ``terrain_from_array``);
- :mod:`.jobs` and :mod:`.levels` — one site: ``SiteJob`` from the sites table, its
  reach, and ``site_levels(job, params, terrain)``, the level windows of one site on
  the three tiers (the unit the cache keeps, the app recomputes on an edit and the
  planner asks of each candidate through ``candidate_coverage``);
- :mod:`.workers` — the sites of a study shared among worker processes that return
  windows, the cache consulted first (``best_server_grids``);
- :mod:`.compose` — best server, servers count and coverage composed from windows.
"""

from __future__ import annotations

from coverage_planner.coverage.terrain.compose import compose, empty_tiers, fold_site
from coverage_planner.coverage.terrain.grid import (
    NO_LEVEL,
    Grid,
    TechnologyRasters,
    Terrain,
    dem_window,
    flat_terrain,
    output_grid,
    read_dem,
    terrain_from_array,
    terrain_grids,
    with_clutter,
)
from coverage_planner.coverage.terrain.jobs import (
    SiteJob,
    eirp_dbm,
    flat_reach_m,
    site_jobs,
    site_reach_m,
    site_tilt,
    tilt_of,
)
from coverage_planner.coverage.terrain.levels import (
    TIERS,
    CandidateCoverage,
    candidate_coverage,
    site_levels,
    tier_sizes,
    tier_terms,
)
from coverage_planner.coverage.terrain.workers import (
    TASK_SITES,
    best_server_grids,
    compute_sites,
    compute_windows,
)

__all__ = [
    "NO_LEVEL",
    "TASK_SITES",
    "TIERS",
    "CandidateCoverage",
    "Grid",
    "SiteJob",
    "TechnologyRasters",
    "Terrain",
    "best_server_grids",
    "candidate_coverage",
    "compose",
    "compute_sites",
    "compute_windows",
    "dem_window",
    "eirp_dbm",
    "empty_tiers",
    "flat_reach_m",
    "flat_terrain",
    "fold_site",
    "output_grid",
    "read_dem",
    "site_jobs",
    "site_levels",
    "site_reach_m",
    "site_tilt",
    "terrain_from_array",
    "terrain_grids",
    "tier_sizes",
    "tier_terms",
    "tilt_of",
    "with_clutter",
]
