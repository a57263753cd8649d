"""Issue 11, session 4: the desktop items a planner expects (offscreen, pytest-qt).

Export progress and cancel, findings in the app's language, attribute tables, labels,
hillshade, action lines, operator filter, print preview, undo/redo, small screens.
Each test checks what the user sees against an independent computation.
"""

from __future__ import annotations

import pytest

from coverage_planner.errors import Cancelled
from coverage_planner.maps.layout import MapSpec

# ---- defect 7: the map export reports a real share and can be cancelled


class Recorder:
    """A reporter that records progress and cancels after ``cancel_after`` reports."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.values: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def progress(self, done: int, total: int) -> None:
        self.values.append((done, total))

    def status(self, text: str) -> None:
        pass

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.values) >= self.cancel_after


def test_map_export_reports_progress_while_rendering(demo_result, tmp_path):
    from coverage_planner.maps.export import export_map

    rec = Recorder()
    out = export_map(
        demo_result, tmp_path / "m.png", MapSpec(technology="4G"), dpi=60, reporter=rec
    )
    assert out.exists()
    shares = [d / t for d, t in rec.values]
    assert shares == sorted(shares), "progress never goes back"
    assert shares[0] == 0 and shares[-1] == 1
    # Several steps strictly between composing (10 %) and writing (98 %): the render
    # itself reports, layer by layer, instead of sitting at one value.
    inside = {s for s in shares if 0.1 < s < 0.98}
    assert len(inside) >= 4


def test_map_export_cancel_stops_the_render_and_leaves_no_file(demo_result, tmp_path):
    from coverage_planner.maps.export import export_map

    rec = Recorder(cancel_after=4)  # stops inside the render, after two layers
    with pytest.raises(Cancelled):
        export_map(demo_result, tmp_path / "m.pdf", MapSpec(technology="4G"), reporter=rec)
    assert list(tmp_path.iterdir()) == []  # neither the map nor a partial file
    assert max(d for d, _ in rec.values) < 98


def test_atlas_progress_never_reads_100_before_the_end(demo_result, tmp_path):
    from coverage_planner.reports.atlas import export_atlas

    rec = Recorder()
    ids = list(demo_result.communes["commune_id"].astype(str)[:2])
    export_atlas(
        demo_result, tmp_path / "a.pdf", MapSpec(technology="4G"), reporter=rec, communes=ids
    )
    # cover + 2 communes = 3 steps; each reported when it starts, then the end
    assert rec.values == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_progress_text_shows_percentage_and_time_left():
    from coverage_planner.gui.window_exports import ExportProgress

    # a quarter done in 10 s: three quarters left at the same pace is 30 s
    assert ExportProgress.text_for(1, 4, 10.0) == "25 % — about 30 s left"
    assert ExportProgress.text_for(1, 10, 60.0) == "10 % — about 9 min left"
    assert ExportProgress.text_for(0, 4, 0.0) == "0 %"


def test_window_export_shows_percent_and_cancel_works(qtbot, window, tmp_path):
    seen: list[str] = []
    window.exporter.progress.connect(lambda d, t: seen.append(window.export_progress.text()))
    path = tmp_path / "map.png"
    window.export_to_map(path)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=60_000)
    assert window.export_cancel.isVisible() and window.export_cancel.isEnabled()
    window.export_cancel.click()
    qtbot.waitUntil(lambda: "cancelled" in window.status_text.text().lower(), timeout=5_000)
    assert any(text.endswith("%") or "% —" in text for text in seen)
    window.exporter.wait(60_000)
    assert not path.exists()
    assert [p for p in tmp_path.iterdir() if "partial" in p.name] == []
    assert not window.export_progress.isVisible()
