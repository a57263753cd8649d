"""Worker processes as Windows starts them: ``spawn`` (a fresh interpreter), not ``fork``.

Each test puts a module into the parent's memory only; a forked worker would inherit
it, a spawned one does not. So these tests fail if a pool falls back to ``fork``.
"""

from __future__ import annotations

import sys
import types
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import shapely

from coverage_planner.coverage.terrain import model
from coverage_planner.coverage.terrain import workers as terrain_workers
from coverage_planner.params import Parameters
from coverage_planner.runtime import START_METHOD, process_context

PARENT_ONLY = "_coverage_planner_parent_only"


def inherited_parent_memory() -> bool:
    """Run in a worker: True when the worker is a fork of the test process."""
    return PARENT_ONLY in sys.modules


@pytest.fixture(autouse=True)
def parent_only_module(monkeypatch):
    monkeypatch.setitem(sys.modules, PARENT_ONLY, types.ModuleType(PARENT_ONLY))


def test_the_probe_tells_fork_from_spawn():
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:
            assert pool.submit(inherited_parent_memory).result() is True
    with ProcessPoolExecutor(1, mp_context=process_context()) as pool:
        assert pool.submit(inherited_parent_memory).result() is False
    assert START_METHOD == "spawn"


class ProbedPool(ProcessPoolExecutor):
    """The terrain model's real pool, asked first whether its workers were forked."""

    forked: list[bool] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ProbedPool.forked.append(self.submit(inherited_parent_memory).result())


def small_terrain_case():
    from affine import Affine

    rng = np.random.default_rng(3)
    res, x0, y0 = 30.0, 500_000.0, 2_400_000.0
    n = 126  # whole blocks of far_factor² cells, as the model's output grids
    z = (400 + np.cumsum(np.cumsum(rng.normal(0, 1, (n, n)), axis=0), axis=1) * 0.3).astype(
        "float32"
    )
    grid = model.Grid(Affine(res, 0, x0, 0, -res, y0 + n * res), n, n, "EPSG:32648")
    pts = rng.uniform([x0 + 300, y0 + 300], [x0 + 3300, y0 + 3300], (10, 2))
    sites = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i}" for i in range(10)],
            "serves_2g": True,
            "serves_3g": True,
            "serves_4g": rng.random(10) < 0.5,
            "serves_5g": False,
            "radius_km": 3.0,
            "antenna_height_m": 30.0,
            "azimuths": ["0/120/240" if i % 3 else "" for i in range(10)],
            "beamwidth_deg": 65.0,
        },
        geometry=shapely.points(pts),
        crs="EPSG:32648",
    )
    return sites, z, grid, Parameters(model="terrain")


def terrain_grids(workers: int):
    sites, z, grid, p = small_terrain_case()
    terrain = model.terrain_from_array(z, grid, p, ["2G", "4G"])
    return model.best_server_grids(sites, terrain, p, ["2G", "4G"], workers=workers)


def assert_same_grids(one, two):
    for tech in one:
        np.testing.assert_array_equal(one[tech].level, two[tech].level)
        np.testing.assert_array_equal(one[tech].server, two[tech].server)
        np.testing.assert_array_equal(one[tech].servers, two[tech].servers)


def test_terrain_workers_are_spawned_and_agree_with_one_process(monkeypatch):
    monkeypatch.setattr(terrain_workers, "ProcessPoolExecutor", ProbedPool)
    ProbedPool.forked = []
    two = terrain_grids(2)
    assert ProbedPool.forked == [False]
    assert_same_grids(terrain_grids(1), two)


def test_gui_worker_thread_runs_spawned_terrain_workers(qtbot, monkeypatch):
    """The desktop app's job thread starts the terrain pool: spawn works from there too."""
    from coverage_planner.gui.worker import Worker

    monkeypatch.setattr(terrain_workers, "ProcessPoolExecutor", ProbedPool)
    ProbedPool.forked = []
    worker = Worker()
    with qtbot.waitSignal(worker.finished, timeout=120_000) as got:
        worker.start(lambda reporter: terrain_grids(2))
    assert ProbedPool.forked == [False]
    assert_same_grids(terrain_grids(1), got.args[0])


def test_dask_local_cluster_of_the_audit_is_spawned(demo_inputs, monkeypatch):
    from coverage_planner import batch
    from coverage_planner.coverage import partitioned
    from coverage_planner.coverage.engine import run
    from coverage_planner.progress import NullReporter

    communes = demo_inputs.communes.copy()
    communes["province"] = communes["district"]
    inputs = replace(demo_inputs, communes=communes)
    forked: list[dict] = []
    real = partitioned.dask_submitter

    def probed(client):
        forked.append(client.run(inherited_parent_memory))
        return real(client)

    monkeypatch.setattr(partitioned, "dask_submitter", probed)
    config = batch.AuditConfig(files=None, params=Parameters(), workers=2)
    result = batch._run_on_dask(inputs, config, NullReporter())
    assert len(forked) == 1 and len(forked[0]) == 2 and not any(forked[0].values())
    assert result.summary == run(inputs, params=Parameters()).summary
