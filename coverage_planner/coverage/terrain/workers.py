"""The terrain model over many sites: windows found in the cache are reused, the
others computed in worker processes (which return windows, not grids) and folded into
the tiers' grids as they arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

import pandas as pd

from coverage_planner.coverage.terrain.compose import compose, empty_tiers, fold_site
from coverage_planner.coverage.terrain.grid import TechnologyRasters, Terrain
from coverage_planner.coverage.terrain.jobs import SiteJob, site_jobs
from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
from coverage_planner.coverage.terrain.windows import (
    SiteLevels,
    WindowCache,
    terrain_digest,
    window_key,
)
from coverage_planner.params import Parameters
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.runtime import process_context

_TERRAIN: Terrain | None = None


def _init_worker(terrain: Terrain) -> None:
    global _TERRAIN
    _TERRAIN = terrain


def compute_windows(
    jobs: list[SiteJob], params: Parameters, terrain: Terrain | None = None
) -> list[tuple[int, SiteLevels]]:
    """Level windows of ``jobs`` (a worker's task; the terrain set by its initializer)."""
    terrain = _TERRAIN if terrain is None else terrain
    assert terrain is not None
    return [(job.index, site_levels(job, params, terrain)) for job in jobs]


def compute_sites(
    jobs: list[SiteJob],
    techs: list[str],
    params: Parameters,
    terrain: Terrain,
    reporter: Reporter | None = None,
) -> dict[str, TechnologyRasters]:
    """Best-server grids of ``jobs`` in this process, without a cache."""
    grids = empty_tiers(terrain, params, techs)
    reporter = reporter or NullReporter()
    for done, job in enumerate(jobs):
        if done % 16 == 0:
            checkpoint(reporter, done, len(jobs))
        fold_site(grids, job.index, site_levels(job, params, terrain))
    return {t: compose(tiers, tier_sizes(params)) for t, tiers in grids.items()}


def best_server_grids(
    sites: pd.DataFrame,
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    *,
    workers: int = 2,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
) -> dict[str, TechnologyRasters]:
    """Per technology: best level, best server, servers above threshold, on the terrain's
    output grid, composed from every site's level windows.

    Windows found in ``cache`` (keyed by everything they depend on) are not computed
    again; the others are computed in ``workers`` processes, which return windows, not
    grids. Progress counts sites done of all sites. (A province whose grids do not fit
    in memory: :func:`~.tiles.tiled_grids`, the same grids tile by tile.)
    """
    grids = empty_tiers(terrain, params, techs)
    each_site_windows(
        sites,
        terrain,
        params,
        techs,
        lambda index, levels: fold_site(grids, index, levels),
        workers=workers,
        reporter=reporter,
        cache=cache,
    )
    return {t: compose(tiers, tier_sizes(params)) for t, tiers in grids.items()}


def each_site_windows(
    sites: pd.DataFrame,
    terrain: Terrain,
    params: Parameters,
    techs: list[str],
    take: Callable[[int, SiteLevels], None],
    *,
    workers: int = 2,
    reporter: Reporter | None = None,
    cache: WindowCache | None = None,
) -> list[SiteJob]:
    """Call ``take(site_row, windows)`` once for every site serving one of ``techs``,
    with its windows from ``cache`` or computed (in ``workers`` processes; the
    computed ones are put in ``cache``). Returns the sites' jobs.
    """
    reporter = reporter or NullReporter()
    jobs = site_jobs(sites, terrain.grid, params, techs)
    total = len(jobs)
    missing = []
    keys: dict[int, str] = {}
    if cache is not None:
        digest = terrain_digest(terrain)
        for job in jobs:
            keys[job.index] = window_key(job, params, terrain, digest)
            found = cache.get(keys[job.index])
            if found is None:
                missing.append(job)
            else:
                take(job.index, found)
    else:
        missing = jobs
    done = total - len(missing)
    checkpoint(reporter, done, total)
    if cache is not None:
        cache.computed = len(missing)

    def fold(index: int, levels: SiteLevels) -> None:
        take(index, levels)
        if cache is not None:
            cache.put(keys[index], levels)

    # Small tasks: progress and cancel respond within a task, windows flow back steadily.
    chunks = [missing[i : i + TASK_SITES] for i in range(0, len(missing), TASK_SITES)]
    if workers <= 1 or len(missing) < 8:
        for chunk in chunks:
            for index, levels in compute_windows(chunk, params, terrain):
                fold(index, levels)
            done += len(chunk)
            checkpoint(reporter, done, total)
        return jobs
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=process_context(),
        initializer=_init_worker,
        initargs=(terrain,),
    )
    # A few tasks in flight: results are folded and dropped as they come, so the
    # parent never holds more than a few sites' windows.
    queue = iter(chunks)
    running = set()
    try:
        while True:
            while len(running) < 2 * workers:
                chunk = next(queue, None)
                if chunk is None:
                    break
                running.add(pool.submit(compute_windows, chunk, params))
            if not running:
                break
            # Woken every 0.1 s even while no task ends (the workers' start-up, a slow
            # site), so a Cancel is seen at once.
            finished, running = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
            if not finished:
                checkpoint(reporter, done, total)
                continue
            for future in finished:
                result = future.result()
                for index, levels in result:
                    fold(index, levels)
                done += len(result)
            del finished, result
            checkpoint(reporter, done, total)
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return jobs


TASK_SITES = 8


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: queued tasks dropped, running workers ended.

    On Cancel (or an error) the parent does not wait for the tasks in flight (up to a
    few seconds of sites): the planner's Cancel takes effect within a fraction of a
    second and no worker keeps a core busy afterwards. The workers hold nothing that
    outlives them (results come back by value), so ending them loses nothing.
    """

    def processes() -> list:
        return list((getattr(pool, "_processes", None) or {}).values())

    before = processes()
    pool.shutdown(wait=False, cancel_futures=True)
    # a worker started while the pool was shutting down is ended too
    every = {id(p): p for p in before + processes()}.values()
    for process in every:
        if process.is_alive():
            process.terminate()
    for process in every:
        process.join(timeout=1.0)
        if process.is_alive():  # SIGTERM not acted on (a worker still starting): SIGKILL
            process.kill()
            process.join(timeout=1.0)
