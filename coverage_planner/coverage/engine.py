"""``run``: from validated inputs to every coverage result, for the GUI, CLI and tests."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.aggregate import commune_summary, province_summary
from coverage_planner.coverage.areas import Footprints, Targets
from coverage_planner.coverage.broadband import broadband_reach
from coverage_planner.coverage.footprints import (
    Pieces,
    footprint_pieces,
    serving,
)
from coverage_planner.coverage.population import population_sums
from coverage_planner.coverage.uncovered import uncovered_villages
from coverage_planner.coverage.union import tiled_union
from coverage_planner.coverage.villages import nearest_sites, reference_points, technology_status
from coverage_planner.errors import Cancelled, UserError
from coverage_planner.io.findings import Finding
from coverage_planner.io.inputs import Inputs
from coverage_planner.io.messages import count
from coverage_planner.params import TECHNOLOGIES, Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint

CORE_TECHNOLOGIES = ("2G", "3G", "4G")
THREADS = 2


@dataclass
class CoverageResult:
    """Everything the views and exports show, computed once."""

    params: Parameters
    technologies: list[str]
    communes: gpd.GeoDataFrame
    villages: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    footprints: Mapping[str, gpd.GeoDataFrame]
    coverage: Mapping[str, np.ndarray]
    summary: dict[str, Any]
    uncovered: pd.DataFrame
    backbone: gpd.GeoDataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    rasters: dict | None = None  # terrain model: technology -> TechnologyRasters
    grid: object | None = None  # terrain model: the working Grid of the rasters
    terrain: object | None = None  # terrain model: the Terrain (DEM grids) it read

    @property
    def model(self) -> str:
        return "terrain" if self.rasters is not None else "disk"


def technologies_of(sites: pd.DataFrame) -> list[str]:
    """2G, 3G and 4G always (a list without 4G has every village uncovered for 4G),
    5G when some site serves it."""
    return [t for t in TECHNOLOGIES if t in CORE_TECHNOLOGIES or serving(sites, t).any()]


def run(
    inputs: Inputs,
    *,
    params: Parameters,
    reporter: Reporter | None = None,
    cache: dict | None = None,
    terrain_cache: Any = None,
    clutter: Any = None,
    terrain_state: Any = None,
) -> CoverageResult:
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
    cache
        A dict kept by the caller between runs on the same ``inputs``: a technology
        whose parameters did not change is not computed again (the desktop app
        recomputes only the technology whose radius was edited).
    terrain_cache
        A :class:`~coverage_planner.coverage.terrain.windows.WindowCache`: the terrain
        model's per-site windows found there are not computed again.
    clutter
        A land-cover raster (path) for the terrain model's clutter losses.
    terrain_state
        An :class:`~coverage_planner.coverage.terrain.edits.EditableGrids` of these
        inputs (the desktop app's, after a site edit): its terrain and grids are used
        as they are, nothing is read or computed again.
    """
    reporter = reporter or NullReporter()
    techs = technologies_of(inputs.sites)
    steps = 2 * len(techs) + 3
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
                key="engine.no_population_column",
                repair_key="repair.population_from_raster",
                params={"file": inputs.population.path.name},
            )
        )
    commune_geoms = communes.geometry.to_numpy()
    done = [step]
    lock = threading.Lock()

    def tech_key(tech: str) -> tuple:
        return (
            tech,
            params.technologies[tech],
            params.village_area_share,
            params.mast_disk_km,
            params.quad_segs,
        )

    def one_technology(tech: str) -> tuple:
        key = tech_key(tech)
        if cache is not None and key in cache:
            return cache[key]
        value = compute(tech)
        if cache is not None:
            cache[key] = value
        return value

    def compute(tech: str) -> tuple[Pieces, pd.DataFrame, np.ndarray]:
        def advance(text: str) -> None:
            with lock:
                done[0] += 1
                checkpoint(reporter, done[0], steps, text)

        pieces = footprint_pieces(inputs.sites, tech, params)
        advance(f"{tech} coverage")
        if reporter.cancelled():
            raise Cancelled()
        cover = Footprints(pieces)
        # Villages and communes measured in one pass against the footprints.
        covered = cover.areas(targets(), threads=2)
        status = technology_status(
            villages,
            inputs.sites,
            tech,
            cover,
            params,
            covered_m2=covered[: len(villages)],
            nearest=nearest_of(tech),
        )
        advance(f"{tech} villages")
        return pieces, status, covered[len(villages) :]

    refs_lock = threading.Lock()
    refs_box: list[np.ndarray] = []

    def nearest_of(tech: str) -> tuple[np.ndarray, np.ndarray]:
        """Nearest site of the technology (whatever the radii: cached for the session)."""
        key = ("nearest", tech)
        if cache is not None and key in cache:
            return cache[key]
        with refs_lock:
            if not refs_box:
                refs_box.append(reference_points(villages.geometry.to_numpy()))
        value = nearest_sites(villages, inputs.sites, serving(inputs.sites, tech), refs=refs_box[0])
        if cache is not None:
            cache[key] = value
        return value

    target_lock = threading.Lock()
    target_box: list[Targets] = []

    def targets() -> Targets:
        with target_lock:
            if not target_box:
                geoms = villages.geometry.to_numpy().copy()
                is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
                geoms[is_point] = None  # points are tested as points
                target_box.append(Targets(np.concatenate([geoms, commune_geoms])))
            return target_box[0]

    rasters = grid = terrain = None
    if uses_terrain(inputs, params):
        per_tech, rasters, terrain = _terrain(
            inputs,
            villages,
            communes,
            techs,
            params,
            reporter,
            terrain_cache,
            clutter,
            terrain_state,
        )
        from coverage_planner.coverage.terrain.validity import validity_findings

        grid = terrain.grid
        kept = getattr(terrain_state, "figures", None)
        findings += validity_findings(
            inputs.sites, rasters, grid, params, techs, terrain, tallies=kept and kept.tallies
        )
        if terrain.clutter_unknown:
            findings.append(
                Finding(
                    "warning",
                    "land cover",
                    key="terrain.clutter_unknown",
                    repair_key="repair.clutter_unknown",
                    params={"n": count(terrain.clutter_unknown)},
                )
            )
    else:
        # Technologies are independent and GEOS releases the GIL: two at a time.
        with ThreadPoolExecutor(max_workers=min(THREADS, len(techs))) as pool:
            per_tech = dict(zip(techs, pool.map(one_technology, techs), strict=True))
    if rasters is None:
        pieces = {t: r[0] for t, r in per_tech.items()}
        fps = Lazy(techs, lambda t: pieces[t].frame(inputs.sites.crs))

        def coverage(tech: str) -> np.ndarray:
            key = ("union", *tech_key(tech))
            if cache is not None and key in cache:
                return cache[key]
            value = coverage_polygons(pieces[tech], params.quad_segs)
            if cache is not None:
                cache[key] = value
            return value

        parts = Lazy(techs, coverage)
    else:
        from coverage_planner.coverage.terrain.shapes import covered_polygons, served_areas

        # The coverage layers trace the grids the figures come from (built when a map or
        # an export first asks): the best server's cells per site, and their union.
        fps = Lazy(techs, lambda t: served_areas(rasters[t], grid, inputs.sites))
        parts = Lazy(techs, lambda t: covered_polygons(rasters[t], grid))
    covered_area = {t: r[-1] for t, r in per_tech.items()}
    villages = villages.join(pd.concat([r[-2] for r in per_tech.values()], axis=1))
    step = done[0] + 1
    checkpoint(reporter, step, steps, "Commune figures")
    broadband = fibre_km = None
    if inputs.backbone is not None:
        key = ("broadband", params.broadband_reach_km)
        if cache is None or key not in cache:
            value = _broadband(villages, communes, inputs.backbone, params.broadband_reach_km)
            if cache is not None:
                cache[key] = value
        v_reached, v_km, broadband, fibre_km = value if cache is None else cache[key]
        villages["has_broadband"] = v_reached
        villages["fibre_km"] = v_km
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
        rasters=rasters,
        terrain=terrain,
        grid=grid,
    )


class Lazy(Mapping):
    """Technology → value, each computed by ``make(tech)`` on first access (the coverage
    polygons and footprint tables, which only maps and exports need)."""

    def __init__(self, keys, make) -> None:
        self._keys = list(keys)
        self._make = make
        self._done: dict = {}
        self._locks = {k: threading.Lock() for k in self._keys}  # one per key

    def __getitem__(self, key):
        if key not in self._locks:
            raise KeyError(key)
        with self._locks[key]:
            if key not in self._done:
                self._done[key] = self._make(key)
            return self._done[key]

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def coverage_polygons(pieces: Pieces, quad_segs: int) -> np.ndarray:
    """The coverage polygons of one technology: disjoint parts of the footprints' union."""
    disk = pieces.kind == "disk"
    return tiled_union(
        pieces.polygons(),
        disk_centres=pieces.centre,
        disk_radii=np.where(disk, pieces.radius_m, np.nan),
        quad_segs=quad_segs,
    )


def uses_terrain(inputs: Inputs, params: Parameters) -> bool:
    """The terrain model where a DEM is given (unless the disk model is asked for)."""
    if params.model == "terrain" and inputs.dem is None:
        raise UserError(key="run.terrain_needs_dem")
    return params.model == "terrain" or (params.model == "auto" and inputs.dem is not None)


def _terrain(
    inputs: Inputs,
    villages: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    techs: list[str],
    params: Parameters,
    reporter: Reporter,
    window_cache=None,
    clutter=None,
    state=None,
):
    """Per technology (footprints, parts, village status, commune covered area) from the
    terrain model's grids (those of ``state`` when given)."""
    from coverage_planner.coverage.terrain.model import best_server_grids, terrain_grids
    from coverage_planner.coverage.terrain.status import (
        cell_labels,
        covered_area_m2,
        technology_status_terrain,
    )

    if state is not None:
        from coverage_planner.coverage.terrain.kept import figures_of_state

        return figures_of_state(inputs, villages, communes, techs, params, reporter, state)
    reporter.status("Terrain: reading the DEM")
    # The grid covers the communes; sites beyond it still reach into it.
    terrain = terrain_grids(
        inputs.dem, communes.total_bounds, inputs.crs, params, techs, clutter=clutter
    )
    grid = terrain.grid
    reporter.status(
        f"Terrain: line of sight and path loss of every site on a {grid.res:g} m grid "
        f"({grid.width} × {grid.height})"
    )
    if grid.width * grid.height > params.terrain.max_grid_mcells * 1e6:
        from coverage_planner.coverage.terrain.tiles import assemble, disk_rasters, tiled_grids

        tile = int(params.terrain.tile_km * 1000 / grid.res)
        reporter.status(f"Terrain: a large grid, computed in tiles of {tile} × {tile} cells")
        rasters = assemble(
            tiled_grids(
                inputs.sites,
                terrain,
                params,
                techs,
                tile_cells=tile,
                workers=params.terrain.workers,
                reporter=reporter,
                cache=window_cache,
            ),
            disk_rasters(terrain, params, techs),
        )
    else:
        rasters = best_server_grids(
            inputs.sites,
            terrain,
            params,
            techs,
            workers=params.terrain.workers,
            reporter=reporter,
            cache=window_cache,
        )
    reporter.status("Terrain: village status")
    vlabels = cell_labels(villages, grid)
    clabels, _ = cell_labels(communes, grid)
    per_tech = {}
    for tech in techs:
        status = technology_status_terrain(
            villages, inputs.sites, tech, rasters[tech], vlabels, params
        )
        area = covered_area_m2(
            clabels,
            rasters[tech].covered,
            len(communes),
            grid.res,
            areas=communes.geometry.area.to_numpy(),
        )
        per_tech[tech] = (None, None, status, area)
    return per_tech, rasters, terrain


def _broadband(
    villages: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    backbone: gpd.GeoDataFrame,
    reach_km: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Villages and communes reached by fibre, and their distance to it."""
    v_reached, v_km = broadband_reach(villages.geometry.to_numpy(), backbone, reach_km=reach_km)
    c_reached, c_km = broadband_reach(communes.geometry.to_numpy(), backbone, reach_km=0.0)
    by_commune = pd.Series(v_reached).groupby(villages["commune_id"].astype(str).to_numpy()).any()
    reached = c_reached | communes["commune_id"].astype(str).map(by_commune).fillna(False).to_numpy(
        dtype=bool
    )
    return v_reached, v_km, reached, c_km
