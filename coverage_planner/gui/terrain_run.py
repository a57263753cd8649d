"""The terrain model in the app: chosen by default where a DEM is loaded, and a run's
progress told in sites done of all sites with the time left.

The core reports the terrain run's sites through the plain reporter protocol
(``progress(done, total)`` in sites between the status texts "Terrain: line of sight
…" and "Terrain: village status"); :class:`TerrainProgress` turns that into one bar
for the whole run (reading the DEM, the sites, the figures) and a sentence such as
"Terrain: 120 of 1,800 sites, about 1 min 20 s left" in the interface language. It
runs in the worker thread; Qt's translate is safe to call there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PyQt6.QtCore import QCoreApplication

from coverage_planner.gui.formatting import number
from coverage_planner.params import Parameters

SCALE = 1000  # the bar's steps
SITES_FROM, SITES_TO = 0.03, 0.95  # the share of the bar the sites take


def tr(text: str) -> str:
    return QCoreApplication.translate("TerrainRun", text)


def model_for(params: Parameters, *, has_dem: bool, terrain_by_default: bool) -> Parameters:
    """The parameters a newly opened study runs with: the terrain model whenever a DEM is
    loaded (the disk model stays one click away in the parameters panel), the disk model
    without one."""
    if has_dem and terrain_by_default and params.model == "disk":
        return replace(params, model="terrain")
    if not has_dem and params.model == "terrain":
        return replace(params, model="disk")
    return params


def terrain_run(params: Parameters, *, has_dem: bool) -> bool:
    """Whether a run with ``params`` uses the terrain model (as the engine decides)."""
    return params.model == "terrain" or (params.model == "auto" and has_dem)


def duration_text(seconds: float) -> str:
    """ "45 s", "3 min 20 s", "1 h 05 min" (rounded up to 5 s under ten minutes)."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return tr("{0} s").format(int(5 * -(-seconds // 5)) if seconds > 5 else int(seconds) + 1)
    if seconds < 3600:
        m, s = divmod(int(seconds), 60)
        return tr("{0} min {1} s").format(m, 5 * (s // 5))
    h, m = divmod(int(seconds) // 60, 60)
    return tr("{0} h {1:02d} min").format(h, m)


class TimeLeft:
    """The time left of a count of sites, from the rate of the sites computed so far in
    this run (sites found in the cache at the start are not part of the rate)."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._start: tuple[float, int] | None = None

    def update(self, done: int, total: int) -> float | None:
        """Seconds left, or None while there is too little to tell (under 1 s or 2 sites)."""
        now = self._clock()
        if self._start is None or done < self._start[1]:
            self._start = (now, done)
            return None
        t0, d0 = self._start
        if now - t0 < 1.0 or done - d0 < 2:
            return None
        rate = (done - d0) / (now - t0)
        return (total - done) / rate


class TerrainProgress:
    """A reporter around the worker's reporter: one bar over the whole run, the sites
    phase told in sites and time left. Everything else passes through."""

    def __init__(self, inner, clock: Callable[[], float] = time.perf_counter) -> None:
        self._inner = inner
        self._phase = "before"  # before the sites, "sites", "after"
        self._left = TimeLeft(clock)
        self.last_text = ""

    def cancelled(self) -> bool:
        return self._inner.cancelled()

    def status(self, text: str) -> None:
        if text.startswith("Terrain: line of sight"):
            self._phase = "sites"
        elif text.startswith("Terrain: village status"):
            self._phase = "after"
        self._inner.status(text)

    def progress(self, done: int, total: int) -> None:
        total = max(total, 1)
        if self._phase == "sites":
            share = SITES_FROM + (SITES_TO - SITES_FROM) * done / total
            left = self._left.update(done, total)
            if left is None:
                text = tr("Terrain: {0} of {1} sites").format(number(done), number(total))
            else:
                text = tr("Terrain: {0} of {1} sites, about {2} left").format(
                    number(done), number(total), duration_text(left)
                )
            if text != self.last_text:
                self.last_text = text
                self._inner.status(text)
        elif self._phase == "before":
            share = SITES_FROM * min(done / total, 1.0)
        else:
            share = SITES_TO + (1 - SITES_TO) * min(done / total, 1.0)
        self._inner.progress(int(round(SCALE * share)), SCALE)
