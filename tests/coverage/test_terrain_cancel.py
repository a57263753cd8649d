"""A Cancel during a terrain run over worker processes takes effect at once: the run
stops within half a second of the request and leaves no worker process behind."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from coverage_planner.coverage.terrain.model import best_server_grids
from coverage_planner.errors import Cancelled
from tests.coverage.test_terrain_cache import TECHS, case  # noqa: F401 - the fixture


class CancelAfter:
    """Asks to cancel once ``sites`` sites are done; records when it asked."""

    def __init__(self, sites: int) -> None:
        self.sites = sites
        self.asked_at: float | None = None
        self.progress_seen: list[tuple[int, int]] = []

    def progress(self, done: int, total: int) -> None:
        self.progress_seen.append((done, total))
        if done >= self.sites and self.asked_at is None:
            self.asked_at = time.perf_counter()

    def status(self, text: str) -> None:
        pass

    def cancelled(self) -> bool:
        return self.asked_at is not None


def test_cancel_stops_the_workers_within_half_a_second(case):  # noqa: F811
    sites, terrain, p = case
    many = sites.loc[sites.index.repeat(12)].reset_index(drop=True)  # 168 sites
    reporter = CancelAfter(8)
    # processes of other tests still ending are not this run's (the suite shares a parent)
    before = {child.pid for child in multiprocessing.active_children()}
    with pytest.raises(Cancelled):
        best_server_grids(many, terrain, p, TECHS, workers=2, reporter=reporter)
    stopped = time.perf_counter()
    assert reporter.asked_at is not None
    assert stopped - reporter.asked_at < 0.5
    # sites done of the total: the progress counted sites, and stopped short of them all
    assert {total for _, total in reporter.progress_seen} == {len(many)}
    assert max(done for done, _ in reporter.progress_seen) < len(many)
    # the Cancel itself is timed above; a worker the pool's manager thread was still
    # reaping may take a moment longer to leave the process table, never a run's time
    deadline = time.perf_counter() + 3.0
    while True:
        left = {child.pid for child in multiprocessing.active_children()} - before
        if not left or time.perf_counter() > deadline:
            break
        time.sleep(0.05)
    assert not left, f"worker processes left running after Cancel: {sorted(left)}"
