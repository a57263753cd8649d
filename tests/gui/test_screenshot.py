"""``gui --screenshot FILE``: the window saved once the demo map is drawn.

Each case runs in a process of its own: ``save_first_map`` runs and quits the
application's own event loop, which must not share a QApplication with the rest of the
GUI suite (later tests' event loops were left broken and the suite hung).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
from PIL import Image

SCRIPT = """
import sys
from pathlib import Path
from PyQt6.QtCore import QSettings
from PyQt6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from coverage_planner.gui.screenshot import save_first_map
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
settings.setValue("terrain_by_default", False)  # the disk demo, as the window tests
code = save_first_map(Path(sys.argv[1]), settings=settings, demo=sys.argv[3] == "demo",
                      size=(1200, 800), timeout_s=float(sys.argv[4]))
sys.exit(code)
"""


def _screenshot(tmp_path, target, *, demo: bool, timeout_s: float):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MPLBACKEND": "Agg",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(target),
            str(tmp_path / "settings.ini"),
            "demo" if demo else "empty",
            str(timeout_s),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_screenshot_shows_the_drawn_demo_map(tmp_path):
    target = tmp_path / "Cửa sổ chính.png"
    done = _screenshot(tmp_path, target, demo=True, timeout_s=300.0)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("drawn ") and f"saved {target}" in done.stdout
    rgb = np.asarray(Image.open(target).convert("RGB")).astype(int)
    assert rgb.shape[1] == 1200 and rgb.shape[0] >= 800  # the window may need more height

    # villages are filled with the status colours (blue covered, orange partly covered),
    # lightened by the semi-transparent coverage layer drawn over them
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    assert ((b - r > 60) & (b > 150)).mean() > 0.03
    assert ((r > 200) & (g > 120) & (g < 200) & (b < 110)).mean() > 0.005


def test_screenshot_of_an_empty_window_reports_no_map(tmp_path):
    done = _screenshot(tmp_path, tmp_path / "x.png", demo=False, timeout_s=1.0)
    assert done.returncode == 1 and not (tmp_path / "x.png").exists()
    assert "no map drawn" in done.stderr
