"""What each candidate brings, from the audit's own coverage model.

A village is *gained* by a candidate when it is uncovered today and the existing
sites together with that candidate cover it, by the audit's rule (the share of the
village inside the coverage reaches ``village_area_share``; a point village by its
point). The disk model measures the share with the engine's exact area kernel on the
union of the existing footprints and the candidate's (only the pieces near each
village), the terrain model with the terrain model's own per-site levels on the
audit's grid (:mod:`.terrain_sites`). Villages covered only by two new sites
together are found when the plan's "after" is evaluated (:meth:`Evaluator.covered_with`
on the chosen set), so the plan's after figures equal an audit with the chosen sites
added.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import scipy.sparse as sp
import shapely

from coverage_planner.coverage.areas import Footprints, Targets
from coverage_planner.coverage.footprints import Pieces, footprint_pieces
from coverage_planner.coverage.villages import reference_points
from coverage_planner.io.message_planning import status_text
from coverage_planner.params import Parameters
from coverage_planner.planning.candidates import candidate_sites
from coverage_planner.progress import NullReporter, Reporter, checkpoint


def concat_pieces(a: Pieces, b: Pieces, *, offset: int) -> Pieces:
    """Footprints of ``a`` then ``b`` (``b``'s site numbers shifted by ``offset``)."""
    return Pieces(
        site=np.r_[a.site, b.site + offset],
        site_id=np.r_[a.site_id, b.site_id],
        radius_m=np.r_[a.radius_m, b.radius_m],
        kind=np.r_[a.kind, b.kind],
        x=np.r_[a.x, b.x],
        y=np.r_[a.y, b.y],
        ring=np.r_[a.ring[:-1], b.ring + a.ring[-1]],
        centre=np.vstack([a.centre, b.centre]),
        inner=np.r_[a.inner, b.inner],
    )


def _csr(rows: np.ndarray, cols: np.ndarray, shape) -> sp.csr_matrix:
    m = sp.csr_matrix(
        (np.ones(len(rows), dtype=bool), (np.asarray(rows), np.asarray(cols))), shape=shape
    )
    m.sum_duplicates()
    return m


class DiskEvaluator:
    """Village status with extra candidates, by the disk model's exact areas."""

    model = "disk"

    def __init__(
        self,
        villages: gpd.GeoDataFrame,
        sites: gpd.GeoDataFrame,
        candidates: gpd.GeoDataFrame,
        tech: str,
        params: Parameters,
    ) -> None:
        self.params = params
        self.tech = tech
        geoms = villages.geometry.to_numpy()
        self.is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
        poly = geoms.copy()
        poly[self.is_point] = None
        self.targets = Targets(poly)
        self.points = shapely.get_coordinates(reference_points(geoms))
        existing = footprint_pieces(sites, tech, params)
        self.n_existing = len(existing)
        self._existing = existing
        self.boxes = shapely.bounds(geoms).reshape(len(geoms), 4)
        vi, pi = (
            Footprints(existing).tree.query(shapely.box(*self.boxes.T))
            if len(existing)
            else (np.empty(0, int), np.empty(0, int))
        )
        order = np.argsort(vi, kind="stable")
        self.near_start = np.searchsorted(vi[order], np.arange(len(geoms) + 1))
        self.near = pi[order]
        self.set_candidates(candidates, sites)

    def set_candidates(self, candidates: gpd.GeoDataFrame, sites: gpd.GeoDataFrame) -> None:
        """(Re)build the footprints of the candidates (after the planner adds or moves one)."""
        cand_sites = candidate_sites(candidates, sites, self.tech)
        cp = footprint_pieces(
            cand_sites, self.tech, self.params, mask=np.ones(len(cand_sites), dtype=bool)
        )
        # A candidate's pieces, in the combined table.
        order = np.argsort(cp.site, kind="stable")
        self.cand_start = np.searchsorted(cp.site[order], np.arange(len(cand_sites) + 1))
        self.cand_piece = self.n_existing + order
        self.cover = Footprints(concat_pieces(self._existing, cp, offset=len(sites)))
        boxes = self.cover.box[self.cand_piece]
        self.cand_tree = shapely.STRtree(shapely.box(*boxes.T)) if len(boxes) else None
        self.cand_of_piece = np.repeat(np.arange(len(cand_sites)), np.diff(self.cand_start))

    def touches(self, n_villages: int) -> sp.csr_matrix:
        """Candidate × village: the candidate's footprint box meets the village's box."""
        if self.cand_tree is None:
            return sp.csr_matrix((len(self.cand_start) - 1, n_villages), dtype=bool)
        vi, pk = self.cand_tree.query(shapely.box(*self.boxes.T))
        return _csr(self.cand_of_piece[pk], vi, (len(self.cand_start) - 1, n_villages))

    def covered_with(self, village: np.ndarray, sets: list[np.ndarray]) -> np.ndarray:
        """Whether village ``village[k]`` is covered by the existing sites and the
        candidates ``sets[k]``, by the audit's rule."""
        village = np.asarray(village, dtype=np.int64)
        if len(village) == 0:
            return np.zeros(0, dtype=bool)
        pieces, start = [], [0]
        for v, cands in zip(village, sets, strict=True):
            near = self.near[self.near_start[v] : self.near_start[v + 1]]
            cands = np.asarray(cands, dtype=np.int64)
            counts = self.cand_start[cands + 1] - self.cand_start[cands]
            own = np.repeat(
                self.cand_start[cands] - np.cumsum(counts) + counts, counts
            ) + np.arange(counts.sum())
            pieces.append(near)
            pieces.append(self.cand_piece[own])
            start.append(start[-1] + len(near) + len(own))
        return self._covered(village, np.asarray(start), np.concatenate(pieces))

    def _covered(self, village: np.ndarray, start: np.ndarray, pieces: np.ndarray) -> np.ndarray:
        out = np.zeros(len(village), dtype=bool)
        pt = self.is_point[village]
        poly = np.flatnonzero(~pt)
        if len(poly):
            sub_start = np.r_[0, np.cumsum(np.diff(start)[poly])]
            idx = np.concatenate(
                [np.arange(start[k], start[k + 1]) for k in poly] or [np.empty(0, int)]
            )
            area = self.cover.union_areas(
                self.targets, village[poly], sub_start, pieces[idx], threads=2
            )
            total = self.targets.total_area[village[poly]]
            share = np.clip(np.divide(area, total, out=np.zeros(len(poly)), where=total > 0), 0, 1)
            out[poly] = share >= self.params.village_area_share
        for k in np.flatnonzero(pt):
            ps = pieces[start[k] : start[k + 1]]
            if len(ps):
                x = np.full(len(ps), self.points[village[k], 0])
                y = np.full(len(ps), self.points[village[k], 1])
                out[k] = bool(self.cover.points_in_pieces(x, y, ps).any())
        return out

    def single_gains(
        self, touches: sp.csr_matrix, base: np.ndarray, rows: np.ndarray | None = None
    ) -> sp.csr_matrix:
        """Candidate × village: villages uncovered today that the candidate covers with
        the existing sites (all pairs in one call of the area kernel); only candidates
        ``rows`` when given (the others' rows are empty)."""
        coo = touches.tocoo()
        keep = ~base[coo.col]
        if rows is not None:
            keep &= np.isin(coo.row, rows)
        cand, vill = coo.row[keep], coo.col[keep]
        counts_near = self.near_start[vill + 1] - self.near_start[vill]
        counts_own = self.cand_start[cand + 1] - self.cand_start[cand]
        total = counts_near + counts_own
        start = np.r_[0, np.cumsum(total)]
        near_idx = np.repeat(
            self.near_start[vill] - np.cumsum(counts_near) + counts_near, counts_near
        ) + np.arange(counts_near.sum())
        own_idx = np.repeat(
            self.cand_start[cand] - np.cumsum(counts_own) + counts_own, counts_own
        ) + np.arange(counts_own.sum())
        pieces = np.empty(int(total.sum()), dtype=np.int64)
        near_pos = np.repeat(start[:-1], counts_near) + (
            np.arange(counts_near.sum())
            - np.repeat(np.cumsum(counts_near) - counts_near, counts_near)
        )
        own_pos = np.repeat(start[:-1] + counts_near, counts_own) + (
            np.arange(counts_own.sum()) - np.repeat(np.cumsum(counts_own) - counts_own, counts_own)
        )
        pieces[near_pos] = self.near[near_idx]
        pieces[own_pos] = self.cand_piece[own_idx]
        covered = self._covered(vill, start, pieces)
        return _csr(cand[covered], vill[covered], touches.shape)


class TerrainEvaluator:
    """Village status with extra candidates, on the terrain model's grid: the audit's
    covered cells, plus the cells each candidate covers."""

    model = "terrain"

    def __init__(self, villages, covered_grid: np.ndarray, grid, params: Parameters) -> None:
        from coverage_planner.coverage.terrain.status import cell_labels

        self.params = params
        self.grid = grid
        labels, ref = cell_labels(villages, grid)
        self.labels = labels.ravel()
        self.ref = ref
        n = len(villages)
        self.base = covered_grid.ravel().astype(bool)
        self.cells = np.bincount(self.labels, minlength=n + 1)[1:]
        self.hits = np.bincount(self.labels, weights=self.base, minlength=n + 1)[1:]
        is_point = shapely.get_type_id(villages.geometry.to_numpy()) == int(
            shapely.GeometryType.POINT
        )
        # Points, and polygons too small to hold a cell centre: by their reference cell.
        self.by_ref = is_point | (self.cells == 0)
        self.keep = self.labels > 0
        small = np.flatnonzero(self.by_ref & (ref >= 0))
        self.keep[ref[small]] = True
        # Reference cell -> the villages measured by it (several may share one cell).
        order = np.argsort(ref[small], kind="stable")
        self.ref_cell = ref[small][order]
        self.ref_village = small[order]
        self.cand_cells: list[np.ndarray] = []

    def targets(self, base: np.ndarray) -> np.ndarray:
        """The cells that decide what a candidate brings: those of the villages left
        uncovered today (``base`` false), and the reference cells of the uncovered ones
        measured by it. A candidate's level elsewhere changes no village's status."""
        out = np.zeros(len(self.labels), dtype=bool)
        open_ = np.r_[False, ~np.asarray(base, dtype=bool)]
        out[open_[self.labels]] = True
        small = np.flatnonzero(self.by_ref & (self.ref >= 0) & ~base)
        out[self.ref[small]] = True
        return out

    def _by_ref(self, cells: np.ndarray) -> np.ndarray:
        """Villages measured by their reference cell whose cell is among ``cells``."""
        lo = np.searchsorted(self.ref_cell, cells, side="left")
        hi = np.searchsorted(self.ref_cell, cells, side="right")
        n = hi - lo
        if not n.any():
            return np.empty(0, dtype=np.int64)
        idx = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(n.sum())
        return np.unique(self.ref_village[idx])

    def set_cells(self, cells: list[np.ndarray]) -> None:
        self.cand_cells = [np.asarray(c, dtype=np.int64) for c in cells]

    def touches(self, n_villages: int) -> sp.csr_matrix:
        rows, cols = [], []
        for j, cells in enumerate(self.cand_cells):
            lab = self.labels[cells]
            vs = np.unique(lab[lab > 0] - 1)
            vs = np.union1d(vs, self._by_ref(cells)).astype(int)
            rows.append(np.full(len(vs), j))
            cols.append(vs)
        if not rows:
            return sp.csr_matrix((0, n_villages), dtype=bool)
        return _csr(np.concatenate(rows), np.concatenate(cols), (len(self.cand_cells), n_villages))

    def _shares_covered(self, village: np.ndarray, new_cells: list[np.ndarray]) -> np.ndarray:
        out = np.zeros(len(village), dtype=bool)
        s = self.params.village_area_share
        for k, (v, cells) in enumerate(zip(village, new_cells, strict=True)):
            if self.by_ref[v]:
                r = self.ref[v]
                out[k] = r >= 0 and (self.base[r] or bool(np.isin(r, cells)))
            else:
                fresh = cells[(self.labels[cells] == v + 1) & ~self.base[cells]]
                out[k] = (self.hits[v] + len(np.unique(fresh))) / self.cells[v] >= s
        return out

    def covered_with(self, village: np.ndarray, sets: list[np.ndarray]) -> np.ndarray:
        cells = [
            np.concatenate([self.cand_cells[j] for j in js]) if len(js) else np.empty(0, np.int64)
            for js in sets
        ]
        return self._shares_covered(np.asarray(village, dtype=np.int64), cells)

    def single_gains(
        self, touches: sp.csr_matrix, base: np.ndarray, rows: np.ndarray | None = None
    ) -> sp.csr_matrix:
        s = self.params.village_area_share
        which = range(len(self.cand_cells)) if rows is None else rows
        out_rows, cols = [], []
        for j in which:
            cells = self.cand_cells[j]
            fresh = cells[~self.base[cells]]
            lab = self.labels[fresh]
            vs, counts = np.unique(lab[lab > 0] - 1, return_counts=True)
            poly = ~self.by_ref[vs] & ~base[vs]
            ok = vs[poly][(self.hits[vs[poly]] + counts[poly]) / self.cells[vs[poly]] >= s]
            ref_hits = self._by_ref(fresh)
            ok = np.union1d(ok, ref_hits[~base[ref_hits]]).astype(int)
            out_rows.append(np.full(len(ok), j))
            cols.append(ok)
        n = len(base)
        if not out_rows:
            return sp.csr_matrix((len(self.cand_cells), n), dtype=bool)
        return _csr(np.concatenate(out_rows), np.concatenate(cols), (len(self.cand_cells), n))


@dataclass
class CandidateCoverage:
    """Candidates and what each brings, for one technology.

    Attributes
    ----------
    gains
        Candidate × village (sparse, boolean): villages uncovered today that the
        candidate, added to the existing sites, covers.
    touches
        Candidate × village: villages the candidate reaches at all (where two new
        sites together may cover a village neither covers alone).
    base
        Villages covered today.
    """

    tech: str
    candidates: gpd.GeoDataFrame
    gains: sp.csr_matrix
    touches: sp.csr_matrix
    base: np.ndarray
    evaluator: DiskEvaluator | TerrainEvaluator

    @property
    def model(self) -> str:
        return self.evaluator.model

    def after(self, chosen: np.ndarray) -> np.ndarray:
        """Villages covered once ``chosen`` are built (exactly, joint coverage included)."""
        chosen = np.asarray(chosen, dtype=np.int64)
        covered = self.base.copy()
        if len(chosen) == 0:
            return covered
        covered[np.flatnonzero(np.asarray(self.gains[chosen].sum(axis=0)).ravel() > 0)] = True
        reach = self.touches[chosen].tocsc()
        counts = np.diff(reach.indptr)
        # Villages two or more chosen sites reach, not yet counted: the union decides.
        joint = np.flatnonzero((counts >= 2) & ~covered)
        if len(joint):
            sets = [chosen[reach.indices[reach.indptr[v] : reach.indptr[v + 1]]] for v in joint]
            covered[joint[self.evaluator.covered_with(joint, sets)]] = True
        return covered


def candidate_coverage(
    result,
    candidates: gpd.GeoDataFrame,
    tech: str,
    params: Parameters,
    *,
    terrain=None,
    workers: int = 2,
    reporter: Reporter | None = None,
) -> CandidateCoverage:
    """Each candidate's gained villages, with the audit's model.

    Parameters
    ----------
    result
        Today's audit (:class:`~coverage_planner.coverage.engine.CoverageResult`).
    terrain
        ``(dem, grid)`` of the audit's terrain model, when it used one.
    """
    reporter = reporter or NullReporter()
    villages = result.villages
    base = villages[f"covered_{tech.lower()}"].to_numpy(dtype=bool)
    checkpoint(
        reporter, 0, 3, status_text("plan_status.coverage_tech", n=len(candidates), tech=tech)
    )
    if result.rasters is not None:
        from coverage_planner.planning.terrain_sites import candidate_cells

        dem, grid = terrain
        evaluator = TerrainEvaluator(villages, result.rasters[tech].covered, grid, params)
        cells = candidate_cells(
            candidate_sites(candidates, result.sites, tech),
            result.terrain if result.terrain is not None else dem,
            grid,
            params,
            tech,
            list(result.technologies),
            keep=evaluator.targets(base),
            near=villages.geometry.to_numpy()[~base],
            workers=workers,
            reporter=reporter,
        )
        evaluator.set_cells(cells)
    else:
        evaluator = DiskEvaluator(villages, result.sites, candidates, tech, params)
    checkpoint(reporter, 1, 3, status_text("plan_status.villages"))
    touches = evaluator.touches(len(villages))
    gains = evaluator.single_gains(touches, base)
    checkpoint(reporter, 3, 3)
    return CandidateCoverage(tech, candidates, gains, touches, base, evaluator)
