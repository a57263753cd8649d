"""The desktop app on the demo province, driven as a user would (offscreen)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtWidgets import QMessageBox

from coverage_planner.coverage.engine import run
from coverage_planner.gui.study import Selection
from coverage_planner.params import Parameters
from tests.gui.conftest import wait_idle


def summary_value(window, key):
    return window.summary.labels[key][1].text()


def test_demo_opens_and_draws(window, demo_result):
    result = window.study.result
    assert result.summary == demo_result.summary
    canvas = window.canvas
    assert canvas._artists["villages"] and canvas._artists["communes"] and canvas._artists["sites"]
    minx, miny, maxx, maxy = result.communes.total_bounds
    x0, x1 = canvas.ax.get_xlim()
    assert x0 <= minx and x1 >= maxx
    image = np.asarray(canvas.canvas.buffer_rgba())
    assert image.std() > 10  # something was drawn
    assert (
        summary_value(window, "villages")
        == f"{demo_result.summary['villages_covered_pct']['4G']:.1f} %"
    )


@pytest.mark.parametrize("tech", ["2G", "3G", "4G"])
def test_switching_technology_updates_summary_and_tables(qtbot, window, demo_result, tech):
    window.tech.setCurrentIndex(window.tech.findData(tech))
    assert window.study.technology == tech
    s = demo_result.summary
    assert summary_value(window, "villages") == f"{s['villages_covered_pct'][tech]:.1f} %"
    assert summary_value(window, "uncovered") == str(s["uncovered_villages"][tech])
    # the tables follow the map in the next turn of the event loop
    qtbot.waitUntil(
        lambda: window.uncovered_table.model.rowCount() == s["uncovered_villages"][tech],
        timeout=2000,
    )
    frame = window.communes_table.model.frame()
    key = f"villages_covered_{tech.lower()}_pct"
    np.testing.assert_allclose(frame[key].to_numpy(), demo_result.communes[key].to_numpy())


def test_changing_a_radius_recomputes_to_the_engine_figures(qtbot, window, demo_inputs):
    box = window.parameters.radius["4G"]
    box.setValue(2.0)
    qtbot.waitUntil(lambda: window.study.params.radius_km("4G") == 2.0, timeout=5_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.study.result.params.radius_km("4G") == 2.0, timeout=30_000)
    direct = run(demo_inputs, params=Parameters().with_radius("4G", 2.0))
    assert window.study.result.summary == direct.summary
    assert (
        summary_value(window, "villages") == f"{direct.summary['villages_covered_pct']['4G']:.1f} %"
    )


def test_table_selection_zooms_and_highlights_the_village(qtbot, window):
    window.tech.setCurrentIndex(window.tech.findData("4G"))
    table = window.uncovered_table
    table.view.selectRow(0)
    village_id = table.selected_id()
    assert window.study.selection == Selection("villages", village_id)
    assert window.canvas._highlight
    geom = window.canvas.geometry_of(window.study.selection)
    x0, x1 = window.canvas.ax.get_xlim()
    assert x0 <= geom.bounds[0] and x1 >= geom.bounds[2]
    assert x1 - x0 < 60_000  # zoomed in
    assert window.identify.rowCount() > 3


def test_map_click_selects_the_table_row(qtbot, window):
    result = window.study.result
    uncovered = window.uncovered_table.model.frame()
    village_id = uncovered["village_id"].iloc[3]
    geom = result.villages.set_index("village_id").geometry[village_id]
    x, y = shapely.get_coordinates(geom.representative_point())[0]
    canvas = window.canvas
    canvas.zoom_to(np.array(geom.bounds) + np.array([-2000, -2000, 2000, 2000]))
    canvas.layers["sites"].visible = False  # click the village, not a mast on it
    canvas.canvas.draw()
    px, py = canvas.ax.transData.transform((x, y))
    height = canvas.canvas.height() * canvas.canvas.device_pixel_ratio
    pos = QPoint(
        int(px / canvas.canvas.device_pixel_ratio),
        int((height - py) / canvas.canvas.device_pixel_ratio),
    )
    qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.study.selection is not None, timeout=3_000)
    assert window.study.selection == Selection("villages", village_id)
    assert window.uncovered_table.selected_id() == village_id


def test_cancel_leaves_the_previous_results(qtbot, window):
    before = window.study.result
    window.study.set_params(window.study.params.with_radius("3G", 1.0))
    window.parameters.cancel.click()
    window.study.worker.wait(30_000)
    qtbot.wait(200)
    assert window.study.result is before
    assert (
        summary_value(window, "villages") == f"{before.summary['villages_covered_pct']['4G']:.1f} %"
    )


def test_bad_file_shows_an_error_dialog(qtbot, window, tmp_path):
    from coverage_planner.demo import demo_files

    bad = tmp_path / "bts.csv"
    bad.write_text("Mã trạm,Tên\nA,B\n", encoding="utf-8")
    files = demo_files()
    from dataclasses import replace

    from coverage_planner.io.inputs import LayerSource

    window.open_files(replace(files, sites=LayerSource(bad)))
    qtbot.waitUntil(
        lambda: getattr(window, "error_box", None) is not None and window.error_box.isVisible(),
        timeout=30_000,
    )
    text = window.error_box.text()
    assert "bts.csv" in text and "Kinh độ" not in text and "no column for" in text
    assert window.error_box.icon() == QMessageBox.Icon.Warning
    assert window.study.result is not None  # the demo is still shown


def test_language_switch_changes_menu_texts(window):
    window.set_language("vi")
    assert window.file_menu.title() == "&Tệp"
    assert window.docks["summary"].windowTitle() == "Chỉ tiêu của tỉnh"
    assert window.summary.labels["villages"][0].text() == "Thôn bản có 4G"
    header = window.communes_table.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Xã"
    window.set_language("en")
    assert window.file_menu.title() == "&File"
    assert window.settings.value("language") == "en"


def test_project_save_and_reopen(qtbot, window, tmp_path):
    window.study.set_params(window.study.params.with_radius("4G", 2.5))
    wait_idle(qtbot, window)
    path = tmp_path / "study.cpproj.json"
    window._save(path)
    assert str(path.resolve()) in window.recent_projects()
    window.open_project(path)
    wait_idle(qtbot, window)
    assert window.study.params.radius_km("4G") == 2.5
    assert window.parameters.radius["4G"].value() == 2.5


def test_every_interface_string_has_a_vietnamese_translation():
    import sys

    from coverage_planner.gui.i18n import TsTranslator, translations_dir
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    from extract_tr import translatable

    translator = TsTranslator(translations_dir() / "coverage_planner_vi.ts")
    missing = [(c, s) for c, s in translatable() if not translator.translate(c, s)]
    assert not missing


def test_file_export_writes_map_and_workbook(qtbot, window, tmp_path):
    from PyQt6.QtWidgets import QDialog

    from coverage_planner.gui.export_dialog import MapExportDialog, MapExportRequest

    window.tech.setCurrentIndex(window.tech.findData("3G"))
    dialog = MapExportDialog(MapExportRequest(tmp_path / "x.pdf", window._spec()), window)
    dialog.path.setText(str(tmp_path / "map.png"))
    dialog.paper.setCurrentText("A3")
    dialog.title.setText("Bản đồ đề xuất đầu tư 3G")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    request = dialog.value()
    assert request.spec.technology == "3G" and request.spec.paper == "A3"
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export_map(request)
    assert (tmp_path / "map.png").stat().st_size > 100_000
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export_to("xlsx", tmp_path / "book.xlsx")
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "book.xlsx").sheetnames[0] == "Summary"


def test_terrain_model_from_the_parameters_panel(qtbot, window):
    from dataclasses import replace

    from matplotlib.image import AxesImage

    from coverage_planner.params import TerrainParams

    assert window.parameters.model.model().item(1).isEnabled()  # the demo has a DEM
    before = window.study.result
    # 90 m cells keep the test short; the panel's choice is the same code path.
    window.study.set_params(
        replace(window.study.params, model="terrain", terrain=TerrainParams(resolution_m=90.0))
    )
    qtbot.waitUntil(
        lambda: window.study.result is not before and not window.study.worker.busy, timeout=120_000
    )
    result = window.study.result
    assert result.model == "terrain"
    assert window.parameters.model.currentData() == "terrain"
    assert isinstance(window.canvas._artists["coverage"][0], AxesImage)
    assert (
        summary_value(window, "villages") == f"{result.summary['villages_covered_pct']['4G']:.1f} %"
    )
