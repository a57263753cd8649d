"""``gui --screenshot FILE``: the window saved once the demo map is drawn."""

from __future__ import annotations

import numpy as np
from PIL import Image


def test_screenshot_shows_the_drawn_demo_map(qtbot, settings, tmp_path, capsys):
    from coverage_planner.gui.screenshot import save_first_map

    target = tmp_path / "Cửa sổ chính.png"
    assert save_first_map(target, settings=settings, size=(1200, 800)) == 0
    out = capsys.readouterr().out
    assert out.startswith("drawn ") and f"saved {target}" in out
    rgb = np.asarray(Image.open(target).convert("RGB")).astype(int)
    assert rgb.shape[1] == 1200 and rgb.shape[0] >= 800  # the window may need more height

    # villages are filled with the status colours (blue covered, orange partly covered),
    # lightened by the semi-transparent coverage layer drawn over them
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    assert ((b - r > 60) & (b > 150)).mean() > 0.03
    assert ((r > 200) & (g > 120) & (g < 200) & (b < 110)).mean() > 0.005


def test_screenshot_of_an_empty_window_reports_no_map(qtbot, settings, tmp_path, capsys):
    from coverage_planner.gui.screenshot import save_first_map

    code = save_first_map(tmp_path / "x.png", settings=settings, demo=False, timeout_s=1.0)
    assert code == 1 and not (tmp_path / "x.png").exists()
    assert "no map drawn" in capsys.readouterr().err
