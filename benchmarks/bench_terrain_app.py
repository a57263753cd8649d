"""The terrain model in the desktop app, on the demo province (offscreen): the first
computation (cold cache), each kind of site edit from the click to the first draw of
the new result (and to the tables refreshed just after it), and the study reopened
from the terrain cache. Run on demand, under the shared lock on a shared machine:

    flock /tmp/heavy.lock uv run python benchmarks/bench_terrain_app.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PyQt6.QtCore import QSettings
    from PyQt6.QtWidgets import QApplication

    from coverage_planner.coverage.terrain.windows import WindowCache
    from coverage_planner.demo import demo_files
    from coverage_planner.gui.app import create_window
    from coverage_planner.gui.study import Selection

    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    settings.setValue("autosave_folder", str(tmp / "autosave"))

    def new_window():
        window = create_window(settings=settings, demo=False)
        window.study.terrain_cache = WindowCache(tmp / "cache")
        window.show()
        drawn: list[tuple[float, object]] = []
        window.canvas.canvas.mpl_connect(
            "draw_event", lambda _: drawn.append((time.perf_counter(), window.canvas._result))
        )
        return window, drawn

    def wait_result(window, drawn, previous, since: float) -> float:
        """Seconds to the first draw of a terrain result other than ``previous`` (the
        disk model's figures drawn first on opening do not count)."""
        while True:
            app.processEvents()
            new = [
                t
                for t, r in drawn
                if t >= since and r is not None and r is not previous and r.model == "terrain"
            ]
            if new and not window.study.worker.busy:
                return new[0] - since
            time.sleep(0.001)

    window, drawn = new_window()
    t = time.perf_counter()
    window.open_files(demo_files())
    first = wait_result(window, drawn, None, t)
    result = window.study.result
    print(f"first terrain computation, cold cache, to the drawn map: {first:.1f} s")
    print(f"  ({len(result.sites)} sites, grid {result.grid.width} × {result.grid.height})")
    editor = window.site_editor
    site = str(result.sites["site_id"].iloc[100])

    def edit(name, change) -> None:
        window.study.select(Selection("sites", site))
        app.processEvents()
        change()
        before = window.study.result
        t = time.perf_counter()
        (
            editor.add if name == "add" else editor.remove if name == "remove" else editor.apply
        ).click()
        took = wait_result(window, drawn, before, t)
        while window._tables_pending:  # the tables follow the map's first draw
            app.processEvents()
            time.sleep(0.001)
        tables = time.perf_counter() - t
        print(
            f"edit {name:8s} click to redrawn map with the new figures: {took:.2f} s,"
            f" to the tables refreshed: {tables:.2f} s"
        )

    edit("height", lambda: editor.height.setValue(editor.height.value() + 10))
    edit("power", lambda: editor.power.setValue(40.0))
    edit("azimuth", lambda: editor.azimuths.setText("10/130/250"))
    edit("tilt", lambda: editor.tilt.setValue(6.0))
    edit("move", lambda: editor.lon.setValue(editor.lon.value() + 0.01))
    edit("add", lambda: editor.lon.setValue(editor.lon.value() + 0.02))
    edit("remove", lambda: None)
    window.study.mark_saved()
    window.close()
    again, drawn2 = new_window()
    t = time.perf_counter()
    again.open_files(demo_files())
    reopen = wait_result(again, drawn2, None, t)
    print(
        f"the study reopened, composed grids from the disk cache, to the drawn map: {reopen:.1f} s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of the app process: {peak:.0f} MB, largest worker process: {worker:.0f} MB")
    again.study.mark_saved()
    again.close()


if __name__ == "__main__":
    main()
