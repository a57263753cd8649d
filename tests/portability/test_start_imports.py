"""The app's start path, up to the first drawn demo map, does not import what that map
does not need: the solvers, the workbook writer, Dask, pyplot and the rest of the list
below come when the planner first uses them (each costs start-up time on every start,
and the installed bundle's start-up target is 3 s)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imported only by the work that needs them: a plan (PuLP, HiGHS, the solvers and the
# candidates), an export (openpyxl, the workbook, the atlas, the GeoPackage), the batch
# audit on Dask, calibration, matplotlib's pyplot (the app draws on its own figures),
# scipy's optimisation, interpolation, statistics and image modules.
LATER = (
    "pulp",
    "highspy",
    "dask",
    "distributed",
    "openpyxl",
    "matplotlib.pyplot",
    "scipy.optimize",
    "scipy.ndimage",
    "scipy.interpolate",
    "scipy.stats",
    "coverage_planner.planning.plan",
    "coverage_planner.planning.solvers",
    "coverage_planner.planning.candidates",
    "coverage_planner.planning.terrain_sites",
    "coverage_planner.reports.workbook",
    "coverage_planner.reports.plan",
    "coverage_planner.reports.atlas",
    "coverage_planner.reports.geopackage",
    "coverage_planner.batch",
    "coverage_planner.calibration",
)

START = textwrap.dedent(
    """
    import json, sys
    from coverage_planner import cli  # the entry point's own imports
    from PyQt6.QtCore import QSettings, QTimer
    from PyQt6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from coverage_planner.gui.app import create_window

    window = create_window(
        demo=True, settings=QSettings(sys.argv[1], QSettings.Format.IniFormat)
    )
    window.show()
    seen = {}

    def drawn(_event=None):
        if "modules" not in seen and window.canvas._result is not None:
            seen["modules"] = sorted(sys.modules)
            QTimer.singleShot(0, app.quit)

    window.canvas.canvas.mpl_connect("draw_event", drawn)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    window.close()
    print(json.dumps(seen.get("modules")))
    """
)


def test_the_first_drawn_map_imports_none_of_the_later_modules(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert modules, f"no map was drawn: {done.stderr[-2000:]}"
    # The check can fail: the first map's own modules are there.
    assert {"matplotlib.backends.backend_qtagg", "coverage_planner.coverage.engine"} <= set(modules)
    early = sorted(m for m in LATER if m in modules)
    assert not early, f"imported before the first map was drawn: {early}"
