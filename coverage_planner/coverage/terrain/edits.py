"""The terrain model of a study kept for edits: one site changed costs one site.

:class:`EditableGrids` keeps every site's level windows and the tiers' grids they were
folded into. When one site changes (height, power, azimuths, tilt, position), is added
or removed, only that site's windows are computed again, and only the cells they touch
are folded again:

- the servers count loses the old windows' cells above the threshold and gains the
  new ones';
- cells whose best server was the edited site are emptied and refolded from the other
  sites' windows that reach them (found by their boxes), then the new windows are
  folded in (best level, a tie keeps the lower site row, as in a full run);
- the output grid is composed again over the touched blocks only, into the second
  of two buffers (brought up to date first over what the last edits changed), so the
  result on screen keeps its grids while the next one is made, and no grid of the
  province is copied;
- the figures' tallies (``kept``) lose the box's cells as they were and gain them as
  they are.

The grids are then those a full run on the edited site list gives, bit for bit
(``tests/coverage/test_terrain_edits.py``). A removed site's row disappears from the
site list, so best-server rows above it move down by one, as in a fresh run.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain.compose import empty_tiers, fold_site
from coverage_planner.coverage.terrain.composed import composed_key, read_composed, write_composed
from coverage_planner.coverage.terrain.grid import NO_LEVEL, TechnologyRasters, Terrain
from coverage_planner.coverage.terrain.jobs import SiteJob, site_jobs
from coverage_planner.coverage.terrain.kept import retally, site_xy
from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
from coverage_planner.coverage.terrain.los import EMPTY, compose_tier, fold_window
from coverage_planner.coverage.terrain.windows import (
    SiteLevels,
    WindowCache,
    params_text,
    terrain_digest,
    window_key,
)
from coverage_planner.coverage.terrain.workers import each_site_windows
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint

Box = tuple[int, int, int, int]  # row0, col0, row1, col1 of output cells (end excluded)


@dataclass
class EditableGrids:
    """Every site's windows, the tiers' grids and the composed output grids of a study.

    ``rasters`` are swapped with ``spare`` for the technologies an edit touches, never
    changed in place, so a result on screen keeps its own grids until the next one
    replaces it; ``behind`` lists what ``spare`` misses of ``rasters`` (boxes to copy,
    rows removed).
    """

    terrain: Terrain
    params: Parameters
    techs: list[str]
    jobs: dict[int, SiteJob]  # site row -> its job (sites serving none of techs: absent)
    windows: dict[int, SiteLevels]
    tiers: dict[str, list[TechnologyRasters]]
    rasters: dict[str, TechnologyRasters]
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    spare: dict[str, TechnologyRasters] = field(default_factory=dict)
    behind: dict[str, list] = field(default_factory=dict)
    site_xy: np.ndarray | None = None  # the sites' coordinates by row
    figures: object = None  # kept.KeptFigures, made by the first run on these grids
    # per site: its windows' places (tier, row0, col0, rows, cols) per technology, and
    # its windows' cache key; windows not in ``windows`` are read from ``cache``
    boxes: dict[int, dict[str, list]] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    cache: WindowCache | None = None
    # an edit stopped half-way (cancelled): the grids no longer match a site list
    stale: bool = False

    @property
    def sizes(self) -> list[int]:
        return tier_sizes(self.params)


def editable_grids(
    sites: pd.DataFrame,
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    *,
    workers: int = 2,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
) -> EditableGrids:
    """The terrain model of ``sites`` with what an edit needs kept (the same grids as
    :func:`~coverage_planner.coverage.terrain.workers.best_server_grids`).

    With a cache on disk, the composed grids are read from one file when every site's
    windows are those it was composed from (``composed``), and written after a run."""
    tiers = empty_tiers(terrain, params, techs)
    jobs = site_jobs(sites, terrain.grid, params, techs)
    keys: dict[int, str] = {}
    folder = cache.folder if cache is not None else None
    found = None
    if folder is not None:
        digest = terrain_digest(terrain)
        keys = {j.index: window_key(j, params, terrain, digest) for j in jobs}
        key = composed_key(keys, techs, params_text_of(params, techs, digest))
        found = read_composed(folder, key, tiers)
    windows: dict[int, SiteLevels] = {}
    if found is not None:
        tiers, boxes = found
        cache.computed = 0
        checkpoint(reporter or NullReporter(), len(jobs), len(jobs))
    else:

        def take(index: int, levels: SiteLevels) -> None:
            windows[index] = levels
            fold_site(tiers, index, levels)

        jobs = each_site_windows(
            sites, terrain, params, techs, take, workers=workers, reporter=reporter, cache=cache
        )
        boxes = {site: _boxes_of(levels) for site, levels in windows.items()}
        if folder is not None:
            write_composed(folder, key, tiers, boxes)
    sizes = tier_sizes(params)
    rasters = {t: _composed(tiers[t], sizes) for t in techs}
    return EditableGrids(
        terrain,
        params,
        list(techs),
        {j.index: j for j in jobs},
        windows,
        tiers,
        rasters,
        spare={t: _copy(r) for t, r in rasters.items()},
        behind={t: [] for t in techs},
        site_xy=site_xy(sites),
        boxes=boxes,
        keys=keys,
        cache=cache,
    )


def params_text_of(params: Parameters, techs: list[str], digest: str) -> str:
    return params_text(tuple((t, params.technologies[t]) for t in techs), params.terrain, digest)


def _boxes_of(levels: SiteLevels) -> dict[str, list]:
    return {
        tech: [(w.tier, w.row0, w.col0, *w.levels.shape) for w in windows]
        for tech, windows in levels.items()
    }


def _windows_of(state: EditableGrids, site: int) -> SiteLevels:
    """A site's windows: kept, else from the cache, else computed again (the cache may
    have let them go)."""
    found = state.windows.get(site)
    if found is not None:
        return found
    if site not in state.jobs:
        return {}
    key = state.keys.get(site)
    found = state.cache.get(key) if state.cache is not None and key else None
    if found is None:
        found = site_levels(state.jobs[site], state.params, state.terrain)
    state.windows[site] = found
    return found


def study_grids(
    inputs,
    params: Parameters,
    *,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
    clutter=None,
) -> EditableGrids:
    """The kept terrain model of a study's inputs (what ``engine.run`` computes for
    them), for a desktop study whose sites will be edited."""
    from coverage_planner.coverage.engine import technologies_of
    from coverage_planner.coverage.terrain.grid import terrain_grids

    reporter = reporter or NullReporter()
    techs = technologies_of(inputs.sites)
    reporter.status("Terrain: reading the DEM")
    terrain = terrain_grids(
        inputs.dem, inputs.communes.total_bounds, inputs.crs, params, techs, clutter=clutter
    )
    grid = terrain.grid
    reporter.status(
        f"Terrain: line of sight and path loss of every site on a {grid.res:g} m grid "
        f"({grid.width} × {grid.height})"
    )
    return editable_grids(
        inputs.sites,
        terrain,
        params,
        techs,
        workers=params.terrain.workers,
        reporter=reporter,
        cache=cache,
    )


def _copy(r: TechnologyRasters) -> TechnologyRasters:
    out = replace(r, level=r.level.copy(), server=r.server.copy())
    out.servers = r.servers.copy()
    return out


def _composed(tiers: list[TechnologyRasters], sizes: list[int]) -> TechnologyRasters:
    fine = tiers[0]
    out = _copy(fine)
    _compose_box(out, tiers, sizes, (0, 0, fine.level.shape[0], fine.level.shape[1]))
    return out


def _compose_box(
    out: TechnologyRasters, tiers: list[TechnologyRasters], sizes: list[int], box: Box
) -> None:
    """Compose the tiers into ``out`` over ``box`` (whole blocks of the coarsest tier)."""
    r0, c0, r1, c1 = box
    fine = tiers[0]
    out.level[r0:r1, c0:c1] = fine.level[r0:r1, c0:c1]
    out.server[r0:r1, c0:c1] = fine.server[r0:r1, c0:c1]
    out.servers[r0:r1, c0:c1] = fine.servers[r0:r1, c0:c1]
    for coarse, c in zip(tiers[1:], sizes[1:], strict=True):
        compose_tier(
            out.level[r0:r1, c0:c1],
            out.server[r0:r1, c0:c1],
            out.servers[r0:r1, c0:c1],
            coarse.level[r0 // c : r1 // c, c0 // c : c1 // c],
            coarse.server[r0 // c : r1 // c, c0 // c : c1 // c],
            coarse.servers[r0 // c : r1 // c, c0 // c : c1 // c],
            c,
        )


def one_site_job(sites: pd.DataFrame, row: int, state: EditableGrids) -> SiteJob | None:
    """The job of the site at ``row`` of ``sites`` (None when it serves none of the
    study's technologies)."""
    jobs = site_jobs(sites.iloc[[row]], state.terrain.grid, state.params, state.techs)
    return replace(jobs[0], index=row) if jobs else None


def _levels_of(
    job: SiteJob, key: str, state: EditableGrids, cache: WindowCache | None
) -> SiteLevels:
    if cache is None:
        return site_levels(job, state.params, state.terrain)
    found = cache.get(key)
    if found is None:
        found = site_levels(job, state.params, state.terrain)
        cache.put(key, found)
    return found


def apply_site_edit(
    state: EditableGrids,
    sites: pd.DataFrame,
    *,
    changed: int | None = None,
    removed: int | None = None,
    cache: WindowCache | None = None,
) -> dict[str, Box]:
    """Bring ``state`` to the edited site list ``sites``: the site at row ``changed``
    of ``sites`` is new or changed (an added site is the last row), or the site at row
    ``removed`` of the previous list is gone. Returns, per technology whose grids
    changed, the box of output cells that changed.
    """
    with state.lock:
        if removed is not None:
            old = _windows_of(state, removed)
            for kept in (state.windows, state.jobs, state.boxes, state.keys):
                kept.pop(removed, None)
            new: SiteLevels = {}
            row = removed
        else:
            assert changed is not None
            row = changed
            old = _windows_of(state, row)
            job = one_site_job(sites, row, state)
            key = None
            if job is not None:
                key = window_key(job, state.params, state.terrain, terrain_digest(state.terrain))
            new = _levels_of(job, key, state, cache) if job is not None else {}
            if job is None:
                for kept in (state.windows, state.jobs, state.boxes, state.keys):
                    kept.pop(row, None)
            else:
                state.jobs[row] = job
                state.windows[row] = new
                state.boxes[row] = _boxes_of(new)
                if key is not None:
                    state.keys[row] = key
        boxes: dict[str, Box] = {}
        for tech in state.techs:
            box = _refold(state, tech, row, old.get(tech, []), new.get(tech, []))
            if box is not None:
                boxes[tech] = box
        if removed is not None:
            _shift_rows(state, removed)
        xy_before, xy_after = state.site_xy, site_xy(sites)
        for tech in state.techs:
            if tech in boxes or removed is not None:
                _swap(state, tech, boxes.get(tech), removed, xy_before, xy_after)
        state.site_xy = xy_after
        if removed is not None:  # best-server rows changed everywhere
            boxes = {t: (0, 0, *state.tiers[t][0].level.shape) for t in state.techs}
        return boxes


def _swap(state: EditableGrids, tech: str, box, removed, xy_before, xy_after) -> None:
    """Compose the edit into the spare buffer, caught up first, and make it current."""
    front, back = state.rasters[tech], state.spare[tech]
    behind = state.behind[tech]
    for kind, value in behind:  # rows removed first: the boxes then copy final values
        if kind == "removed":
            _shift_server(back.server, value)
    for kind, value in behind:
        if kind == "box":
            r0, c0, r1, c1 = value
            back.level[r0:r1, c0:c1] = front.level[r0:r1, c0:c1]
            back.server[r0:r1, c0:c1] = front.server[r0:r1, c0:c1]
            back.servers[r0:r1, c0:c1] = front.servers[r0:r1, c0:c1]
    if removed is not None:
        _shift_server(back.server, removed)
    if box is not None:
        _compose_box(back, state.tiers[tech], state.sizes, box)
        retally(state, tech, front, back, box, xy_before, xy_after)
    state.rasters[tech], state.spare[tech] = back, front
    state.behind[tech] = [("removed", removed)] * (removed is not None) + [("box", box)] * (
        box is not None
    )


def _shift_server(server: np.ndarray, removed: int) -> None:
    np.subtract(server, 1, out=server, where=server > removed)


def _refold(state: EditableGrids, tech: str, row: int, old: list, new: list) -> Box | None:
    """Replace one site's windows of one technology in the tiers' grids."""
    if not old and not new:
        return None
    sizes = state.sizes
    touched: list[tuple[int, Box]] = []
    for tier, grid in enumerate(state.tiers[tech]):
        old_w = [w for w in old if w.tier == tier]
        new_w = [w for w in new if w.tier == tier]
        threshold = np.float64(grid.threshold)
        height, width = grid.level.shape
        for w in old_w:
            r0, c0, r1, c1 = _clip(w, height, width)
            if r0 >= r1 or c0 >= c1:
                continue
            part = w.levels[r0 - w.row0 : r1 - w.row0, c0 - w.col0 : c1 - w.col0]
            above = (part != EMPTY) & (
                (part.astype(np.float32) / np.float32(100.0)).astype(np.float64) >= threshold
            )
            grid.servers[r0:r1, c0:c1] -= above.astype(np.uint16)
            # cells the edited site was best at: emptied, refolded from the others
            best = grid.server[r0:r1, c0:c1] == row
            if best.any():
                rows, cols = np.nonzero(best)
                box = (r0 + rows.min(), c0 + cols.min(), r0 + rows.max() + 1, c0 + cols.max() + 1)
                grid.level[r0:r1, c0:c1][best] = NO_LEVEL
                grid.server[r0:r1, c0:c1][best] = -1
                _refold_others(state, tech, tier, row, box)
            touched.append((tier, (r0, c0, r1, c1)))
        for w in new_w:
            fold_window(
                grid.level, grid.server, grid.servers, w.row0, w.col0, w.levels, grid.threshold, row
            )
            r0, c0, r1, c1 = _clip(w, height, width)
            if r0 < r1 and c0 < c1:
                touched.append((tier, (r0, c0, r1, c1)))
    if not touched:
        return None
    return _fine_box(touched, sizes, state.tiers[tech][0].level.shape)


def _fine_box(touched: list[tuple[int, Box]], sizes: list[int], shape) -> Box:
    """The union of touched tier boxes in output cells, grown to whole blocks of the
    coarsest tier (so the composition over it reads whole coarse cells)."""
    block = sizes[-1]
    r0 = min(b[0] * sizes[t] for t, b in touched) // block * block
    c0 = min(b[1] * sizes[t] for t, b in touched) // block * block
    r1 = -(-max(b[2] * sizes[t] for t, b in touched) // block) * block
    c1 = -(-max(b[3] * sizes[t] for t, b in touched) // block) * block
    return r0, c0, min(r1, shape[0]), min(c1, shape[1])


def _clip(w, height: int, width: int) -> Box:
    r0, c0 = max(w.row0, 0), max(w.col0, 0)
    r1 = min(w.row0 + w.levels.shape[0], height)
    c1 = min(w.col0 + w.levels.shape[1], width)
    return r0, c0, r1, c1


def _refold_others(state: EditableGrids, tech: str, tier: int, row: int, box: Box) -> None:
    """Fold every other site's windows of ``tier`` into ``box`` of the tier's grid (best
    level and server only; the counts are already right)."""
    grid = state.tiers[tech][tier]
    r0, c0, r1, c1 = box
    level = grid.level[r0:r1, c0:c1]
    server = grid.server[r0:r1, c0:c1]
    scratch = np.zeros(level.shape, np.uint16)
    for site, by_tech in state.boxes.items():
        if site == row:
            continue
        for w_tier, w_row0, w_col0, w_rows, w_cols in by_tech.get(tech, ()):
            if (
                w_tier != tier
                or w_row0 >= r1
                or w_col0 >= c1
                or w_row0 + w_rows <= r0
                or w_col0 + w_cols <= c0
            ):
                continue
            w = next(w for w in _windows_of(state, site)[tech] if w.tier == tier)
            fold_window(
                level, server, scratch, w.row0 - r0, w.col0 - c0, w.levels, grid.threshold, site
            )


def _shift_rows(state: EditableGrids, removed: int) -> None:
    """After a removal, site rows above ``removed`` move down by one everywhere."""
    state.windows = {(k - 1 if k > removed else k): v for k, v in state.windows.items()}
    state.boxes = {(k - 1 if k > removed else k): v for k, v in state.boxes.items()}
    state.keys = {(k - 1 if k > removed else k): v for k, v in state.keys.items()}
    state.jobs = {
        (k - 1 if k > removed else k): (replace(j, index=j.index - 1) if k > removed else j)
        for k, j in state.jobs.items()
    }
    for tiers in state.tiers.values():
        for grid in tiers:
            _shift_server(grid.server, removed)
