"""Village status and commune areas from the terrain model's grids, with the same
rules as the disk model: a polygon village is covered when its share of covered cells
reaches ``village_area_share``; a point village by its cell."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rasterio.features import rasterize

from coverage_planner.coverage.footprints import serving
from coverage_planner.coverage.terrain.counts import label_counts
from coverage_planner.coverage.terrain.model import Grid, TechnologyRasters, flat_reach_m
from coverage_planner.coverage.villages import nearest_sites, reference_points
from coverage_planner.params import Parameters


def cell_labels(polygons: gpd.GeoDataFrame, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """A label grid (row number + 1 of the polygon holding each cell centre, 0 for none),
    and, for each polygon, the cell of its reference point (for polygons or points too
    small to hold a cell centre)."""
    geoms = polygons.geometry.to_numpy()
    labels = rasterize(
        zip(geoms, range(1, len(geoms) + 1), strict=True),
        out_shape=(grid.height, grid.width),
        transform=grid.transform,
        fill=0,
        # half the memory of int32 on a province's grid when the labels fit
        dtype="uint16" if len(geoms) < 65535 else "int32",
    )
    ref = shapely.get_coordinates(reference_points(geoms))
    rows, cols = grid.cell_of(ref[:, 0], ref[:, 1])
    inside = (rows >= 0) & (rows < grid.height) & (cols >= 0) & (cols < grid.width)
    flat = np.where(inside, rows * grid.width + cols, -1)
    return labels, flat


def covered_shares(
    labels: np.ndarray, ref_cells: np.ndarray, covered: np.ndarray, n: int
) -> np.ndarray:
    """Share of each polygon's cells that are covered (its reference cell when it has none)."""
    cov = covered.ravel()
    cells, hits = label_counts(labels, covered, n)
    share = np.divide(hits, cells, out=np.zeros(n), where=cells > 0)
    small = (cells == 0) & (ref_cells >= 0)
    share[small] = cov[ref_cells[small]].astype(float)
    return share


def technology_status_terrain(
    villages: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    tech: str,
    rasters: TechnologyRasters,
    labels: tuple[np.ndarray, np.ndarray],
    params: Parameters,
    *,
    counts: tuple[np.ndarray, np.ndarray] | None = None,
    refs: np.ndarray | None = None,
) -> pd.DataFrame:
    """Like the disk model's status, with ``terrain_shadow`` for villages that some site
    would reach on flat ground (its link budget, see ``flat_reach_m``) but no site
    reaches over the terrain (``blocking_site_t`` names the nearest such site).

    ``counts``: the cells and covered cells of each village label, when kept (an
    edit's); ``refs``: the villages' reference points, when already made."""
    t = tech.lower()
    n = len(villages)
    is_point = shapely.get_type_id(villages.geometry.to_numpy()) == int(shapely.GeometryType.POINT)
    cells, hits = counts if counts is not None else label_counts(labels[0], rasters.covered, n)
    share = np.divide(hits, cells, out=np.zeros(n), where=cells > 0)
    # villages holding no cell centre, and points: the cell of their reference point
    at_ref = covered_at(rasters, labels[1])
    by_ref = is_point | (cells == 0)
    share[by_ref] = at_ref[by_ref]
    covered = share >= params.village_area_share
    mask = serving(sites, tech)
    if refs is None:
        refs = reference_points(villages.geometry.to_numpy())
    near_id, near_km = nearest_sites(villages, sites, mask, refs=refs)
    # Within the flat-ground reach of some site of this technology, yet not covered at
    # all: terrain. (Only those villages are asked: the others' reason is another.)
    blocking = np.full(n, None, dtype=object)
    rows = np.flatnonzero(mask)
    asked = np.flatnonzero(~covered & (share == 0))
    if len(rows) and len(asked):
        radius = flat_reach_m(sites, tech, params)[rows]
        site_geoms = sites.geometry.to_numpy()[rows]
        vi, si = shapely.STRtree(site_geoms).query(
            refs[asked], predicate="dwithin", distance=float(radius.max())
        )
        d = shapely.distance(refs[asked][vi], site_geoms[si])
        ok = d <= radius[si]
        pairs = pd.DataFrame(
            {
                "v": asked[vi[ok]],
                "d": d[ok],
                "site": sites["site_id"].to_numpy(dtype=object)[rows][si[ok]],
            }
        )
        pairs = pairs.sort_values(["v", "d"]).drop_duplicates("v")
        blocking[pairs["v"].to_numpy()] = pairs["site"].to_numpy()
    reason = np.where(
        covered,
        "",
        np.where(
            share > 0, "partial", np.where(pd.notna(blocking), "terrain_shadow", "out_of_range")
        ),
    )
    return pd.DataFrame(
        {
            f"share_{t}": share,
            f"covered_{t}": covered,
            f"nearest_site_{t}": near_id,
            f"nearest_km_{t}": near_km,
            f"reason_{t}": reason,
            f"upgrade_site_{t}": np.full(len(villages), None, dtype=object),
            f"blocking_site_{t}": np.where(reason == "terrain_shadow", blocking, None),
        },
        index=villages.index,
    )


def covered_at(rasters: TechnologyRasters, cells: np.ndarray) -> np.ndarray:
    """Whether each flat cell index of ``cells`` is covered (False for -1: off the grid)."""
    level = rasters.level.ravel()[np.maximum(cells, 0)]
    return (cells >= 0) & (level.astype(np.float64) >= np.float64(rasters.threshold))


def covered_area_m2(
    labels: np.ndarray, covered: np.ndarray, n: int, res: float, *, areas: np.ndarray | None = None
) -> np.ndarray:
    """Covered area of each labelled polygon.

    With ``areas`` (the polygons' own areas), the share of the polygon's cells that are
    covered times its area: never more than the polygon (cells whose centre falls inside
    can cover a little more than its area, which made shares of 100.01 %). Without,
    covered cells × cell area.
    """
    cells, hits = label_counts(labels, covered, n)
    return area_of_counts(cells, hits, res, areas)


def area_of_counts(cells: np.ndarray, hits: np.ndarray, res: float, areas=None) -> np.ndarray:
    """Covered area of each polygon from its cells and covered cells (see
    :func:`covered_area_m2`)."""
    if areas is None:
        return hits * res * res
    return np.divide(hits, cells, out=np.zeros(len(cells)), where=cells > 0) * np.asarray(
        areas, float
    )
