"""Operators' published (declared) coverage against the terrain model's prediction.

A declared-coverage layer is, per operator and technology, where the operator says it
covers: polygons (a vector file with columns operator and technology — recognised
names include ``Nhà mạng`` and ``Công nghệ`` — one row or more per pair) or a raster
(non-zero cells declared; the operator and technology from the raster's tags
``OPERATOR`` / ``TECHNOLOGY``, else from its name ``<operator>_<technology>.tif``).

The prediction is the operator's own: a cell is predicted covered for operator O and
technology T when one of O's sites serving T clears the threshold (plus the margin)
there, from the same per-site windows the audit's grids are composed of (read back
from the window cache when the audit kept them). Villages are compared at their
reference cell (a polygon village by the share of its cells, as the audit counts
coverage); communes by the share of their cells declared and predicted.

Results: ``declared_vs_predicted.csv``, one row per operator, technology and village
or commune, with ``declared`` and ``predicted`` (shares 0-1) and ``status`` one of
``both``, ``declared_not_predicted``, ``predicted_not_declared``, ``neither``; and a
summary per operator and technology for ``summary.json``.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
from rasterio.features import rasterize
from rasterio.warp import Resampling, reproject

from coverage_planner.coverage.terrain.grid import Grid, Terrain
from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
from coverage_planner.coverage.terrain.los import EMPTY
from coverage_planner.coverage.terrain.windows import WindowCache
from coverage_planner.errors import InputFileError
from coverage_planner.io.aliases import match_columns
from coverage_planner.io.technologies import parse_technology_cell
from coverage_planner.params import Parameters

RASTER_SUFFIXES = (".tif", ".tiff", ".img", ".vrt", ".asc")


def declared_grids(paths: list[Path], grid: Grid) -> dict[tuple[str, str], np.ndarray]:
    """``{(operator, technology): declared cells (bool) on the output grid}`` from every
    file (pairs found in several files are joined)."""
    out: dict[tuple[str, str], np.ndarray] = {}
    for path in paths:
        path = Path(path)
        pieces = (
            _raster_declared(path, grid)
            if path.suffix.lower() in RASTER_SUFFIXES
            else _vector_declared(path, grid)
        )
        for key, cells in pieces.items():
            out[key] = out[key] | cells if key in out else cells
    return out


def _vector_declared(path: Path, grid: Grid) -> dict[tuple[str, str], np.ndarray]:
    from coverage_planner.io.vector import read_vector

    layer = read_vector(path, layer_name="declared coverage")
    cols = match_columns(layer.columns, ["operator", "tech"], source=path.name)
    if "operator" not in cols or "tech" not in cols:
        raise InputFileError(
            f"{path.name}: a declared-coverage layer needs an operator column (Nhà mạng) "
            f"and a technology column (Công nghệ); found {', '.join(map(str, layer.columns))}."
            f" / {path.name}: lớp vùng phủ công bố cần cột nhà mạng và cột công nghệ."
        )
    layer = layer.to_crs(grid.crs)
    out: dict[tuple[str, str], np.ndarray] = {}
    for (operator, cell), rows in layer.groupby([cols["operator"], cols["tech"]]):
        techs, _ = parse_technology_cell(cell)
        shapes = [g for g in rows.geometry if g is not None and not g.is_empty]
        if not shapes or not techs:
            continue
        cells = rasterize(
            [(g, 1) for g in shapes],
            out_shape=(grid.height, grid.width),
            transform=grid.transform,
            fill=0,
            dtype="uint8",
        ).astype(bool)
        for tech in techs:
            key = (str(operator).strip(), tech)
            out[key] = out[key] | cells if key in out else cells
    return out


def _raster_declared(path: Path, grid: Grid) -> dict[tuple[str, str], np.ndarray]:
    with rasterio.open(path) as src:
        tags = {k.upper(): v for k, v in src.tags().items()}
        operator, tech = tags.get("OPERATOR"), tags.get("TECHNOLOGY")
        if not operator or not tech:
            match = re.match(r"(.+)[_\- ]([2-5]G|GSM|UMTS|LTE|NR)$", path.stem, re.IGNORECASE)
            if match is None:
                raise InputFileError(
                    f"{path.name}: say whose coverage this raster is: name it "
                    "<operator>_<technology>.tif (e.g. Viettel_4G.tif) or give it the tags "
                    f"OPERATOR and TECHNOLOGY. / {path.name}: đặt tên tệp theo dạng "
                    "<nhà mạng>_<công nghệ>.tif (ví dụ Viettel_4G.tif)."
                )
            operator, tech = match.group(1), match.group(2)
        techs, _ = parse_technology_cell(tech)
        if src.crs is None:
            raise InputFileError(f"{path.name}: the raster has no coordinate system.")
        data = src.read(1, masked=True).filled(0)
        out = np.zeros((grid.height, grid.width), dtype=np.uint8)
        reproject(
            source=(data != 0).astype(np.uint8),
            destination=out,
            src_transform=src.transform,
            src_crs=src.crs,
            dst_crs=grid.crs,
            dst_transform=grid.transform,
            resampling=Resampling.nearest,
            src_nodata=None,
            dst_nodata=None,
        )
    return {(str(operator).strip(), t): out.astype(bool) for t in techs}


def operator_covered(
    sites: pd.DataFrame,
    operator: str,
    tech: str,
    terrain: Terrain,
    params: Parameters,
    *,
    cache: WindowCache | None = None,
) -> np.ndarray:
    """Cells of the output grid where one of ``operator``'s sites serving ``tech`` clears
    the technology's threshold plus the margin (the audit's rule, for one operator).

    Windows come from ``cache`` where the audit left them, else are computed with the
    same job as the audit's (every technology the site serves), so they are the same.
    """
    from coverage_planner.coverage.terrain.jobs import site_jobs
    from coverage_planner.coverage.terrain.windows import terrain_digest, window_key

    grid = terrain.grid
    covered = np.zeros((grid.height, grid.width), dtype=bool)
    if "operator" not in sites:
        return covered
    mine = sites[(sites["operator"].astype(str).str.strip() == operator).to_numpy()]
    threshold = params.technologies[tech].threshold_dbm + params.terrain.margin_db()
    from coverage_planner.coverage.engine import technologies_of

    served = technologies_of(sites)  # the audit's list: its jobs, so its cache keys
    digest = terrain_digest(terrain) if cache is not None else ""
    sizes = tier_sizes(params)
    for job in site_jobs(mine, grid, params, served):
        if tech not in job.radius_m:
            continue
        levels = cache.get(window_key(job, params, terrain, digest)) if cache else None
        if levels is None:
            levels = site_levels(job, params, terrain)
        for w in levels.get(tech, []):
            stored = (w.levels.astype(np.float32) / np.float32(100.0)).astype(np.float64)
            paint(
                covered, (w.levels != EMPTY) & (stored >= threshold), w.row0, w.col0, sizes[w.tier]
            )
    return covered


def paint(covered: np.ndarray, hit: np.ndarray, row0: int, col0: int, c: int) -> None:
    """OR a tier window's cells (``hit``, top-left at tier cell ``row0``, ``col0``, cells
    ``c`` output cells wide) into the output grid ``covered`` (sides multiples of c)."""
    height, width = covered.shape[0] // c, covered.shape[1] // c
    r0, r1 = max(row0, 0), min(row0 + hit.shape[0], height)
    c0, c1 = max(col0, 0), min(col0 + hit.shape[1], width)
    if r0 >= r1 or c0 >= c1:
        return
    part = hit[r0 - row0 : r1 - row0, c0 - col0 : c1 - col0]
    view = covered[r0 * c : r1 * c, c0 * c : c1 * c].reshape(r1 - r0, c, c1 - c0, c)
    view |= part[:, None, :, None]


def compare(
    declared: dict[tuple[str, str], np.ndarray],
    predicted: dict[tuple[str, str], np.ndarray],
    villages: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    village_labels: tuple[np.ndarray, np.ndarray],
    commune_labels: tuple[np.ndarray, np.ndarray],
    share: float,
) -> tuple[pd.DataFrame, dict]:
    """The table and the summary from declared and predicted cells per (operator, tech)."""
    from coverage_planner.coverage.terrain.status import covered_shares

    rows, summary = [], {}
    for (operator, tech), dec in sorted(declared.items()):
        pred = predicted[(operator, tech)]
        for level, frame, labels, ref, id_col, name_col in (
            (
                "village",
                villages,
                village_labels[0],
                village_labels[1],
                "village_id",
                "village_name",
            ),
            (
                "commune",
                communes,
                commune_labels[0],
                commune_labels[1],
                "commune_id",
                "commune_name",
            ),
        ):
            n = len(frame)
            d = covered_shares(labels, ref, dec, n)
            p = covered_shares(labels, ref, pred, n)
            is_d, is_p = d >= share, p >= share
            status = np.select(
                [is_d & is_p, is_d & ~is_p, ~is_d & is_p],
                ["both", "declared_not_predicted", "predicted_not_declared"],
                "neither",
            )
            rows.append(
                pd.DataFrame(
                    {
                        "operator": operator,
                        "technology": tech,
                        "level": level,
                        "id": frame[id_col].astype(str).to_numpy() if id_col in frame else "",
                        "name": frame[name_col].to_numpy() if name_col in frame else "",
                        "declared": np.round(d, 4),
                        "predicted": np.round(p, 4),
                        "status": status,
                    }
                )
            )
            counts = {s: int((status == s).sum()) for s in ("both", "declared_not_predicted")}
            counts["predicted_not_declared"] = int((status == "predicted_not_declared").sum())
            summary.setdefault(operator, {}).setdefault(tech, {})[f"{level}s"] = {
                "declared": int(is_d.sum()),
                "predicted": int(is_p.sum()),
                **counts,
            }
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    return table, summary


def declared_outputs(
    result, paths: list[Path], params: Parameters, *, cache: WindowCache | None = None
) -> tuple[dict, pd.DataFrame]:
    """Summary (for ``summary.json``) and ``declared_vs_predicted.csv`` of an audit."""
    from coverage_planner.coverage.terrain.status import cell_labels
    from coverage_planner.errors import UserError

    if getattr(result, "terrain", None) is None:
        raise UserError(
            "Comparing declared coverage needs the terrain model: give --dem. / So sánh vùng "
            "phủ công bố cần mô hình địa hình: hãy cho --dem."
        )
    grid = result.terrain.grid
    declared = declared_grids(paths, grid)
    if not declared:
        raise InputFileError(
            "The declared-coverage files hold no operator and technology the audit knows. / "
            "Các tệp vùng phủ công bố không có nhà mạng và công nghệ nào."
        )
    predicted = {
        key: operator_covered(result.sites, key[0], key[1], result.terrain, params, cache=cache)
        for key in declared
        if key[1] in params.technologies
    }
    declared = {k: v for k, v in declared.items() if k in predicted}
    villages = result.villages.to_crs(grid.crs)
    communes = result.communes.to_crs(grid.crs)
    vlabels = cell_labels(villages, grid)
    clabels = cell_labels(communes, grid)
    return compare(
        declared, predicted, villages, communes, vlabels, clabels, params.village_area_share
    )[::-1]
