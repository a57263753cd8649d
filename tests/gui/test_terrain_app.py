"""The terrain model in the app, on the three-commune study of tests/io with a DEM:
chosen by default where a DEM is loaded, the progress told in sites and time left,
and the figures those of the batch audit."""

from __future__ import annotations

import json

import numpy as np
import pytest
import rasterio.transform

from coverage_planner.gui.terrain_run import TerrainProgress, TimeLeft, duration_text, model_for
from coverage_planner.params import Parameters
from tests.gui.conftest import wait_idle


def small_study(folder):
    """The files of the three-commune study with a rolling DEM (the deliverables' own)."""
    from tests.reports.studies import small_study as study_files

    folder.mkdir(parents=True, exist_ok=True)
    return study_files(folder, dem=True)


@pytest.fixture
def terrain_window(qtbot, settings, tmp_path, monkeypatch):
    from coverage_planner.gui.app import create_window

    # An empty window cache of its own: other tests of the suite compute the same study
    # (tests/reports/studies), and a warm cache would skip the run whose progress is tested.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    settings.setValue("terrain_by_default", True)
    w = create_window(settings=settings, demo=False)
    w.show()
    yield w
    w.study.worker.cancel()
    w.study.worker.wait(10_000)
    w.study.mark_saved()
    w.close()
    w.deleteLater()


def test_a_study_with_a_dem_opens_on_the_terrain_model(qtbot, terrain_window, tmp_path):
    files = small_study(tmp_path / "study")
    seen: list[tuple[int, int]] = []
    texts: list[str] = []
    models: list[str] = []
    study = terrain_window.study
    study.result_changed.connect(lambda: models.append(study.result.model))
    # the terrain run's progress: after the first (disk) figures are on screen
    study.worker.progress.connect(lambda d, t: models and seen.append((d, t)))
    study.worker.status.connect(texts.append)
    terrain_window.open_files(files)
    wait_idle(qtbot, terrain_window, timeout=180_000)
    result = terrain_window.study.result
    assert result.model == "terrain"
    assert terrain_window.parameters.model.currentData() == "terrain"
    # the disk figures first (the window usable at once), then the terrain run's
    assert models == ["disk", "terrain"]
    assert not study.modified  # the default model is no change of the user's
    from PyQt6.QtWidgets import QLabel

    assert terrain_window.findChild(QLabel, "summary_model").text() == "Terrain (DEM)"
    # one bar over the whole terrain run, never back, never full before the end
    values = [d / t for d, t in seen]
    assert values == sorted(values)
    assert any(0 < v < 0.95 for v in values)
    assert any("of 3 sites" in t for t in texts)
    # the figures are the batch audit's on the same files
    from coverage_planner import cli

    out = tmp_path / "audit"
    args = ["audit", "--communes", str(files.communes.path), "--villages"]
    args += [str(files.villages.path), "--sites", str(files.sites.path), "--dem"]
    args += [str(files.dem.path), "--out", str(out), "--quiet", "--no-maps", "--no-atlas"]
    args += ["--no-kmz", "--no-workbook"]
    assert cli.main(args) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for tech in ("2G", "3G", "4G"):
        assert result.summary["villages_covered_pct"][tech] == pytest.approx(
            summary["villages_covered_pct"][tech]
        )
    # the disk model is one click away
    terrain_window.parameters.model.setCurrentIndex(0)
    qtbot.waitUntil(lambda: terrain_window.study.params.model == "disk", timeout=5_000)
    wait_idle(qtbot, terrain_window)
    assert terrain_window.study.result.model == "disk"


def test_model_for_new_data():
    p = Parameters(model="disk")
    assert model_for(p, has_dem=True, terrain_by_default=True).model == "terrain"
    assert model_for(p, has_dem=True, terrain_by_default=False).model == "disk"
    assert model_for(Parameters(model="terrain"), has_dem=False, terrain_by_default=True).model == (
        "disk"
    )


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Sink:
    def __init__(self) -> None:
        self.bar: list[float] = []
        self.texts: list[str] = []

    def progress(self, done, total):
        self.bar.append(done / total)

    def status(self, text):
        self.texts.append(text)

    def cancelled(self):
        return False


def test_progress_counts_sites_and_the_time_left_from_their_rate():
    clock, sink = Clock(), Sink()
    p = TerrainProgress(sink, clock)
    p.status("Reading communes: xa.gpkg")
    p.progress(1, 4)
    p.status("Terrain: line of sight and path loss of every site on a 30 m grid (10 × 10)")
    # 400 of 1,000 sites came from the cache; then 10 sites a second
    p.progress(400, 1000)
    for k in range(1, 7):
        clock.now = float(k)
        p.progress(400 + 10 * k, 1000)
    # 460 done, 540 left at 10 a second: 54 s, shown rounded up to 5 s
    assert sink.texts[-1] == f"Terrain: 460 of 1,000 sites, about {duration_text(54.0)} left"
    assert duration_text(54.0) == "55 s"
    p.status("Terrain: village status")
    p.progress(8, 9)
    assert sink.bar == sorted(sink.bar)
    # sites take 3 % .. 95 % of the bar, the figures the rest
    assert sink.bar[-2] == pytest.approx(0.03 + 0.92 * 460 / 1000, abs=1e-3)
    assert sink.bar[-1] == pytest.approx(0.95 + 0.05 * 8 / 9, abs=1e-3)


def test_time_left_waits_for_a_rate():
    clock = Clock()
    left = TimeLeft(clock)
    assert left.update(0, 100) is None
    clock.now = 0.5
    assert left.update(10, 100) is None  # under a second
    clock.now = 2.0
    assert left.update(20, 100) == pytest.approx(80 / 10)
    assert duration_text(200) == "3 min 20 s" and duration_text(3900) == "1 h 05 min"


def fresh_run(window, sites):
    """The batch computation of the edited inputs: everything computed again, no kept
    grids, no cache."""
    from dataclasses import replace as dc_replace

    from coverage_planner.coverage.engine import run

    return run(dc_replace(window.study.inputs, sites=sites), params=window.study.params)


def assert_same_figures(a, b):
    assert a.summary == b.summary
    for tech in a.technologies:
        np.testing.assert_array_equal(a.rasters[tech].level, b.rasters[tech].level)
        np.testing.assert_array_equal(a.rasters[tech].server, b.rasters[tech].server)
    cols = [c for c in b.communes.columns if c.endswith("_pct")]
    np.testing.assert_allclose(
        a.communes[cols].to_numpy(float), b.communes[cols].to_numpy(float), equal_nan=True
    )
    assert a.uncovered["village_id"].tolist() == b.uncovered["village_id"].tolist()


def test_editing_a_site_in_the_app_equals_a_fresh_run(qtbot, terrain_window, tmp_path):
    from coverage_planner.gui.study import Selection

    w = terrain_window
    w.open_files(small_study(tmp_path / "study"))
    wait_idle(qtbot, w, timeout=180_000)
    before = w.study.result
    editor = w.site_editor
    w.study.select(Selection("sites", "LCU002"))
    assert editor.row == 1 and editor.height.value() == 36.0
    # the height: one site recomputed, the figures a fresh run's
    editor.height.setValue(90.0)
    editor.apply.click()
    qtbot.waitUntil(
        lambda: w.study.result is not before and not w.study.worker.busy, timeout=60_000
    )
    edited = w.study.result
    assert edited.sites.loc[1, "antenna_height_m"] == 90.0
    assert_same_figures(edited, fresh_run(w, edited.sites))
    assert edited.summary != before.summary or not np.array_equal(
        edited.rasters["2G"].level, before.rasters["2G"].level
    )
    # added beside it, then the first site removed
    w.study.select(Selection("sites", "LCU002"))
    editor.lon.setValue(editor.lon.value() - 0.05)
    editor.add.click()
    qtbot.waitUntil(
        lambda: w.study.result is not edited and not w.study.worker.busy, timeout=60_000
    )
    added = w.study.result
    assert len(added.sites) == 4 and added.sites["site_id"].iloc[-1] == "NEW-001"
    assert_same_figures(added, fresh_run(w, added.sites))
    w.study.select(Selection("sites", "LCU001"))
    editor.remove.click()
    qtbot.waitUntil(lambda: w.study.result is not added and not w.study.worker.busy, timeout=60_000)
    removed = w.study.result
    assert removed.sites["site_id"].tolist() == ["LCU002", "LCU003", "NEW-001"]
    assert_same_figures(removed, fresh_run(w, removed.sites))
    assert w.study.modified  # the edits are work not in a file


def test_a_site_edit_redraws_only_the_coverage_and_the_map_shows_the_new_grid(
    qtbot, terrain_window, tmp_path
):
    """The communes, their names and the fibre stay on the map through an edit (drawn
    again, they took a third of the edit's time on the GUI thread); the coverage image
    is kept and shows the edited grid."""
    from coverage_planner.gui.coverage_image import CoverageImage
    from coverage_planner.gui.study import Selection

    w = terrain_window
    w.open_files(small_study(tmp_path / "study"))
    wait_idle(qtbot, w, timeout=180_000)
    w.study.set_technology("2G")
    wait_idle(qtbot, w)
    canvas, before = w.canvas, w.study.result
    communes = list(canvas._artists["communes"])
    (image,) = canvas._artists["coverage"]
    assert isinstance(image, CoverageImage) and len(communes) > 1
    tech = w.study.technology
    covered_before = before.rasters[tech].covered.copy()
    w.study.select(Selection("sites", "LCU002"))
    w.site_editor.lon.setValue(w.site_editor.lon.value() + 0.03)  # moved 3 km east
    w.site_editor.apply.click()
    qtbot.waitUntil(
        lambda: w.study.result is not before and not w.study.worker.busy, timeout=60_000
    )
    edited = w.study.result
    assert all(a is b for a, b in zip(canvas._artists["communes"], communes, strict=True))
    assert canvas._artists["coverage"] == [image]
    shown = image._source.view(bool)
    assert np.array_equal(shown, edited.rasters[tech].covered)
    assert not np.array_equal(shown, covered_before)


def test_undoing_a_terrain_site_edit_gives_the_original_figures(qtbot, terrain_window, tmp_path):
    """A site edit on the terrain model undone: the figures and grids equal a fresh run
    of the file's own sites (not the app's earlier result object); redone, a fresh run
    of the edited list."""
    from coverage_planner.gui.study import Selection

    w = terrain_window
    w.open_files(small_study(tmp_path / "study"))
    wait_idle(qtbot, w, timeout=180_000)
    original_sites = w.study.sites.copy()

    def step(trigger):
        before = w.study.result
        trigger()
        qtbot.waitUntil(
            lambda: w.study.result is not before and not w.study.worker.busy, timeout=60_000
        )
        return w.study.result

    w.study.select(Selection("sites", "LCU002"))
    w.site_editor.height.setValue(90.0)
    edited = step(w.site_editor.apply.click)
    edited_sites = edited.sites.copy()
    assert w.isWindowModified() and "site edit" in w.history.act_undo.text()
    original = fresh_run(w, original_sites)
    assert not np.array_equal(edited.rasters["2G"].level, original.rasters["2G"].level)
    undone = step(w.history.act_undo.trigger)
    assert undone.sites.loc[1, "antenna_height_m"] == 36.0
    assert_same_figures(undone, original)
    assert not w.isWindowModified()
    redone = step(w.history.act_redo.trigger)
    assert_same_figures(redone, fresh_run(w, edited_sites))
    assert w.isWindowModified()


def test_calibrate_dialog_fits_shows_and_applies(qtbot, terrain_window, tmp_path):
    """Measurements 6 dB under the model's own levels (plus 4 dB noise): before the fit
    the held-out mean error is about +6 dB, after it about 0; Apply gives the study the
    fitted K1."""
    import geopandas as gpd
    import pandas as pd

    from coverage_planner.gui.calibrate_dialog import CalibrateDialog

    w = terrain_window
    w.open_files(small_study(tmp_path / "study"))
    wait_idle(qtbot, w, timeout=180_000)
    result = w.study.result
    level, grid = result.rasters["4G"].level, result.grid
    rng = np.random.default_rng(9)
    rows, cols = np.nonzero(level > -200)
    pick = rng.choice(len(rows), 300, replace=False)
    r, c = rows[pick], cols[pick]
    xs, ys = rasterio.transform.xy(grid.transform, r, c)
    pts = gpd.GeoSeries(gpd.points_from_xy(xs, ys), crs=grid.crs).to_crs(4326)
    measured = level[r, c] + rng.normal(0, 4.0, len(r)) - 6.0
    pd.DataFrame({"Kinh độ": pts.x, "Vĩ độ": pts.y, "RSRP": measured}).to_csv(
        tmp_path / "do_kiem.csv", index=False
    )
    dialog = CalibrateDialog(w.study, w)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "do_kiem.csv"))
    dialog.fit_now()
    report = dialog.fit.report["technologies"]["4G"]
    assert 4 < report["before"]["mean_error_db"] < 8
    assert abs(report["after"]["mean_error_db"]) < 1.5
    measured_held, before, after = dialog.fit.held_out["4G"]
    assert len(measured_held) == report["held_out_points"] == 90
    # the scatter's points are the held-out ones: their mean error is the report's
    assert np.mean(before - measured_held) == pytest.approx(
        report["before"]["mean_error_db"], abs=0.01
    )
    assert len(dialog.figure.axes) == 2 and dialog.apply.isEnabled()
    assert "4G: 300" in dialog.summary.text()
    previous = w.study.result
    dialog.apply.click()
    assert w.study.params.technologies["4G"].k1 == pytest.approx(report["k1"], abs=1e-3)
    qtbot.waitUntil(
        lambda: w.study.result is not previous and not w.study.worker.busy, timeout=60_000
    )
    assert w.study.result.params.technologies["4G"].k1 == pytest.approx(report["k1"], abs=1e-3)


def test_a_new_run_starts_its_bar_at_zero_not_at_the_last_runs_full_bar(qtbot):
    """The terrain run following the first (disk) figures read 100 % until its first
    progress arrived."""
    from coverage_planner.gui.panels import ParametersPanel
    from coverage_planner.params import Parameters

    panel = ParametersPanel(Parameters())
    qtbot.addWidget(panel)
    panel.set_busy(True)
    panel.on_progress(10, 10)
    panel.set_busy(False)
    assert panel.progress.value() == panel.progress.maximum()
    panel.set_busy(True)
    assert panel.progress.value() == panel.progress.minimum()
