"""Issue 11: the desktop app as a planner uses it all day (offscreen, pytest-qt).

Each test drives the window as a user would and checks what the user sees; each was
written to fail on the defect it names.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest
import shapely
from PyQt6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PyQt6.QtGui import QKeySequence
from PyQt6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
)

from coverage_planner.errors import InputFileError
from coverage_planner.gui.study import Selection
from tests.gui.conftest import wait_idle


def answer_next_dialog(qtbot, button, *, seen: list | None = None):
    """Click ``button`` of the next modal message box, once it is shown."""

    def click():
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.button(button) is not None
        ]
        if not boxes:
            QTimer.singleShot(50, click)
            return
        box = boxes[-1]
        if seen is not None:
            seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(50, click)


# ---- 1: matplotlib's developer dialogs are not offered


def test_map_toolbar_has_navigation_only(window):
    toolbar = window.canvas.toolbar
    callbacks = set(toolbar._actions)
    assert callbacks == {"home", "back", "forward", "pan", "zoom"}
    texts = {a.text() for a in toolbar.actions()}
    assert not texts & {"Subplots", "Customize", "Save"}
    # the home button is the province's full extent, not matplotlib's first view
    window.canvas.zoom_to(np.array([0, 0, 1000, 1000]))
    toolbar._actions["home"].trigger()
    minx, _, maxx, _ = window.study.result.communes.total_bounds
    x0, x1 = window.canvas.ax.get_xlim()
    assert x0 <= minx and x1 >= maxx


def test_keys_on_the_map_do_not_change_axis_scales(qtbot, window):
    # matplotlib's default keys ("l", "k": log scales) must not reach an embedded map.
    canvas = window.canvas.canvas
    canvas.setFocus()
    for key in (Qt.Key.Key_L, Qt.Key.Key_K, Qt.Key.Key_G):
        qtbot.keyClick(canvas, key)
    assert window.canvas.ax.get_yscale() == "linear"
    assert window.canvas.ax.get_xscale() == "linear"


# ---- 2: user errors as messages; internal errors with a copyable report in both languages


def test_user_error_from_a_slot_is_a_message_not_an_internal_error(qtbot, window):
    window.crash_guard.handle(
        InputFileError, InputFileError("bts.csv: row 3 has a longitude of 999"), None
    )
    assert window.error_box.icon() == QMessageBox.Icon.Warning
    assert "999" in window.error_box.text()
    assert window.crash_guard.dialog is None


@pytest.mark.parametrize("language", ["en", "vi"])
def test_internal_error_shows_a_copyable_report_and_writes_a_log(
    qtbot, window, settings, tmp_path, language
):
    window.set_language(language)
    try:
        raise RuntimeError("data must be finite")
    except RuntimeError:
        window.crash_guard.handle(*sys.exc_info())
    dialog = window.crash_guard.dialog
    assert dialog is not None and dialog.isVisible()
    assert "data must be finite" in dialog.details.toPlainText()
    assert "Coverage Planner 0." in dialog.details.toPlainText()  # versions for support
    assert dialog.copy.text() and dialog.message.text()
    if language == "vi":
        assert "Sao chép" in dialog.copy.text()
        assert dialog.message.text().startswith("Đã có lỗi")
    buttons = dialog.findChild(QDialogButtonBox).buttons()
    assert all(b.text() for b in buttons)  # no icon-only buttons in Vietnamese
    dialog.copy.click()
    assert "data must be finite" in QApplication.clipboard().text()
    log = tmp_path / "logs" / "coverage_planner.log"
    assert "data must be finite" in log.read_text(encoding="utf-8")
    assert window.isVisible() and window.study.result is not None  # the study stays open


def test_thread_exception_reaches_the_dialog(qtbot, window):
    import threading

    window.crash_guard.install()
    try:
        thread = threading.Thread(target=lambda: 1 / 0, name="helper")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: window.crash_guard.dialog is not None, timeout=3000)
    finally:
        window.crash_guard.uninstall()
    assert "ZeroDivisionError" in window.crash_guard.dialog.report


def test_job_internal_error_uses_the_report_dialog(qtbot, window):
    def job(reporter):
        raise ValueError("boom in the engine")

    window.exporter.start(job)
    qtbot.waitUntil(lambda: window.crash_guard.dialog is not None, timeout=5000)
    assert "boom in the engine" in window.crash_guard.dialog.report


# ---- 3: typing is never reformatted


def test_typing_a_radius_is_not_reformatted_while_typing(qtbot, window):
    box = window.parameters.radius["4G"]
    edit = box.lineEdit()
    box.setFocus()
    edit.selectAll()
    edited = []
    window.parameters.params_edited.connect(edited.append)
    qtbot.keyClicks(edit, "3")
    qtbot.wait(1000)  # the planner pauses: longer than the debounce
    assert not edited
    qtbot.keyClicks(edit, ".5")
    assert edit.text().startswith("3.5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(edited), timeout=2000)
    assert edited[-1].radius_km("4G") == 3.5
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.study.result.params.radius_km("4G") == 3.5, timeout=30_000)


# ---- 4: Qt's own texts in Vietnamese, shortcuts, mnemonics


def test_standard_buttons_and_shortcuts_in_vietnamese(window):
    window.set_language("vi")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert [b.text() for b in box.buttons()] == ["Đồng ý", "Hủy"]
    native = QKeySequence.SequenceFormat.NativeText
    assert window.act_open.shortcut().toString(native) == "Ctrl+O"
    assert window.act_save_project.shortcut().toString(native) == "Ctrl+S"
    assert window.act_quit.shortcut().toString(native) == "Ctrl+Q"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_menu_mnemonics_are_unique(window, language):
    window.set_language(language)
    keys = []
    for action in window.menuBar().actions():
        match = re.search(r"&(\w)", action.text())
        assert match, action.text()
        keys.append(match.group(1).lower())
    assert len(keys) == len(set(keys)), keys


SHOWN_CONTEXTS = {
    "QFileDialog",
    "QFileSystemModel",
    "QAbstractFileIconProvider",
    "QPlatformTheme",
    "QMessageBox",
}


def test_file_dialog_and_message_box_texts_are_all_translated(qtbot, window):
    """Every text Qt asks for while showing its file dialog and a message box with
    details has a Vietnamese entry (key names such as Ctrl stay as they are)."""
    window.set_language("vi")
    asked: set[tuple[str, str]] = set()

    class Spy(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            asked.add((context, source))
            return None

    spy = Spy()
    app = QCoreApplication.instance()
    app.installTranslator(spy)
    try:
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            dialog = QFileDialog(window, "x", str(window.autosave.folder.parent), "PDF (*.pdf)")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            dialog.setAcceptMode(mode)
            dialog.show()
            qtbot.wait(50)
            dialog.close()
        box = QMessageBox(window)
        box.setDetailedText("x")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.show()
        qtbot.wait(50)
        box.close()
    finally:
        app.removeTranslator(spy)
    translator = window.languages._translator
    missing = sorted(
        (c, s) for c, s in asked if c in SHOWN_CONTEXTS and translator.translate(c, s) is None
    )
    assert not missing
    assert ("QFileDialog", "File &name:") in asked  # the spy did see the dialog


# ---- 5: unsaved changes are never lost without a question


def test_title_shows_the_modified_mark(qtbot, window):
    assert not window.isWindowModified()
    assert "[*]" in window.windowTitle()
    window.study.set_params(window.study.params.with_radius("4G", 2.5))
    assert window.isWindowModified()


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window):
    window.study.set_params(window.study.params.with_radius("4G", 2.5))
    seen: list = []
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel, seen=seen)
    window.act_quit.trigger()
    assert seen and window.isVisible()
    assert window.study.params.radius_km("4G") == 2.5


def test_open_recent_with_unsaved_changes_saves_first(qtbot, window, tmp_path):
    path = tmp_path / "a.cpproj.json"
    assert window._save(path)
    window.study.set_params(window.study.params.with_radius("4G", 2.5))
    assert window.isWindowModified()
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Save)
    window.recent_menu.actions()[0].trigger()
    wait_idle(qtbot, window)
    from coverage_planner.project import load_project

    assert load_project(path)[1].radius_km("4G") == 2.5  # saved before reopening
    assert not window.isWindowModified()


def test_close_discard_closes(qtbot, window):
    window.study.set_params(window.study.params.with_radius("4G", 2.5))
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Discard)
    assert window.close()


# ---- 6: after Cancel the parameters shown are those of the figures shown


def test_cancel_reverts_the_parameter_boxes(qtbot, window):
    before = window.study.result
    shown = before.params.radius_km("4G")
    box = window.parameters.radius["4G"]
    box.setValue(15.0)
    qtbot.waitUntil(lambda: window.study.worker.busy, timeout=3000)
    window.parameters.cancel.click()
    assert window.study.result is before
    assert box.value() == shown
    assert window.study.params == before.params
    window.study.worker.wait(30_000)
    qtbot.wait(200)
    status = window.status_text.text()
    assert "Done" not in status and "up to date" not in status
    assert box.value() == shown


def test_engine_status_texts_are_translated(qtbot, window, demo_inputs):
    """Every step text the core reports on the demo reads in Vietnamese, and none is "Done"."""
    from coverage_planner.coverage.engine import run
    from coverage_planner.gui.status_texts import translate_status
    from coverage_planner.params import Parameters

    texts: list[str] = []

    class Recorder:
        def progress(self, done, total):
            pass

        def status(self, text):
            texts.append(text)

        def cancelled(self):
            return False

    run(demo_inputs, params=Parameters(), reporter=Recorder())
    window.set_language("vi")
    assert texts
    for text in texts:
        shown = translate_status(text)
        assert shown is None or shown != text, text
    assert translate_status("Done") is None


# ---- 8: fits a 1366 x 768 laptop with a taskbar


def test_window_fits_a_small_laptop_screen(qtbot, window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    window.resize(1024, 700)
    qtbot.wait(100)
    assert window.width() <= 1024 and window.height() <= 700
    assert window.canvas.width() >= 450 and window.canvas.height() >= 300


def test_parameters_need_no_sideways_scrolling_in_vietnamese(qtbot, settings):
    """The walk under Xvfb at 1366 × 768 in Vietnamese: the Parameters panel (its
    labels longer than the English ones) scrolled sideways in a 330-pixel column."""
    from coverage_planner.gui.app import create_window

    settings.setValue("language", "vi")
    w = create_window(settings=settings)
    try:
        w.resize(1366, 700)
        w.show()
        wait_idle(qtbot, w)
        scroll = w.docks["parameters"].widget()
        assert scroll.horizontalScrollBar().maximum() == 0
        assert w.canvas.width() >= 600  # the map keeps the room
    finally:
        w.languages.set("en")  # its translator off the application, for the next tests
        w.study.mark_saved()
        w.close()
        w.deleteLater()


# ---- 9: Identify


def test_identify_village_is_labelled_and_formatted(qtbot, window, demo_result):
    window.set_language("vi")
    villages = demo_result.villages
    row = villages.loc[villages["population"].idxmax()]
    window.study.select(Selection("villages", str(row["village_id"])))
    values = window.identify.values()
    text = "\n".join(f"{k}\t{v}" for k, v in values.items())
    assert values["Tên"] == row["village_name"]
    pop = int(row["population"])
    assert values["Dân số"] == f"{pop:,}".replace(",", ".")  # 1.234 in Vietnamese
    for bad in ("None", "nan", "True", "False", "covered_4g", "e+0"):
        assert bad not in text, bad
    # no column twice (ma_ban is the village_id)
    assert list(values.values()).count(str(row["village_id"])) == 1
    assert any("VN-2000" in k for k in values)


def test_identify_site_coordinates_match_pyproj(qtbot, window, demo_result):
    from pyproj import Transformer

    site = demo_result.sites.iloc[0]
    window.study.select(Selection("sites", str(site["site_id"])))
    values = window.identify.values()
    t = Transformer.from_crs(demo_result.sites.crs, "EPSG:4326", always_xy=True)
    lon, lat = t.transform(site.geometry.x, site.geometry.y)
    key = next(k for k in values if "longitude" in k)
    assert values[key] == f"{lon:.6f}; {lat:.6f}"
    vn = Transformer.from_crs(demo_result.sites.crs, "EPSG:3405", always_xy=True)
    x, y = vn.transform(site.geometry.x, site.geometry.y)
    key = next(k for k in values if "VN-2000" in k)
    assert values[key] == f"{x:,.1f}; {y:,.1f} m"
    assert values["Operator"] == site["operator"]
    assert "Địa chỉ" in values  # the file's own column, under its own name
    assert "Mã trạm" not in values  # recognised as the code: not twice


def test_clicking_the_map_does_not_zoom_further(qtbot, window):
    result = window.study.result
    geom = result.villages.geometry.iloc[5]
    canvas = window.canvas
    canvas.zoom_to(np.array(geom.bounds) + np.array([-3000, -3000, 3000, 3000]))
    before = canvas.ax.get_xlim()
    x, y = shapely.get_coordinates(geom.representative_point())[0]
    canvas.feature_clicked.emit(canvas.feature_at(x, y, tolerance=1))
    assert window.study.selection is not None
    assert canvas.ax.get_xlim() == before


# ---- 11: diacritics-insensitive filter, remembered layout; search; keyboard


def test_filter_without_diacritics_finds_the_same_rows(qtbot, window, demo_result):
    table = window.communes_table
    frame = table.model.frame()
    # the communes of "Huyện Xà Bon", counted straight from the data
    expected = int(frame["district"].astype(str).str.contains("Xà Bon").sum())
    assert expected > 0
    table.filter.setText("Xà Bon")
    with_accents = table.proxy.rowCount()
    table.filter.setText("xa bon")
    assert table.proxy.rowCount() == with_accents >= expected
    table.filter.setText("ĐIỆN")
    assert table.proxy.rowCount() == table.proxy.rowCount()  # no error on đ
    from coverage_planner.gui.text_search import fold

    assert fold("Điện Biên Đông") == "dien bien dong"


def test_search_box_finds_a_village_without_accents_and_zooms(qtbot, window, demo_result):
    villages = demo_result.villages
    row = villages.iloc[100]
    from coverage_planner.gui.text_search import fold

    window.search.setText(fold(row["village_name"]) + " " + fold(row["commune_name"]))
    window.search.choose_first()
    assert window.study.selection == Selection("villages", str(row["village_id"]))
    x0, x1 = window.canvas.ax.get_xlim()
    assert x1 - x0 < 60_000 and x0 <= row.geometry.bounds[0]
    window.search.setText(str(demo_result.sites["site_id"].iloc[7]).lower())
    window.search.choose_first()
    assert window.study.selection == Selection("sites", str(demo_result.sites["site_id"].iloc[7]))


def test_keyboard_zoom_and_technology(qtbot, window):
    (x0, x1) = window.canvas.ax.get_xlim()
    window.act_zoom_in.trigger()
    (y0, y1) = window.canvas.ax.get_xlim()
    assert (y1 - y0) == pytest.approx((x1 - x0) / 2)
    window.canvas.pan_by(0.25, 0)
    assert window.canvas.ax.get_xlim()[0] == pytest.approx(y0 + 0.25 * (y1 - y0))
    window.tech_actions["3G"].trigger()
    assert window.study.technology == "3G" and window.tech.currentData() == "3G"
    assert window.tech_actions["2G"].shortcut().toString() == "Ctrl+2"


def test_window_layout_is_remembered(qtbot, window, settings):
    from coverage_planner.gui.app import create_window

    window.docks["layers"].hide()
    window.save_layout()
    again = create_window(settings=settings, demo=False)
    again.show()
    try:
        assert not again.docks["layers"].isVisible()
        assert again.docks["summary"].isVisible()
    finally:
        again.close()
        again.deleteLater()


def test_autosave_is_offered_after_a_crash(qtbot, window, settings):
    from coverage_planner.gui.app import create_window

    window.study.set_params(window.study.params.with_radius("4G", 4.25))
    window._autosave_now()
    assert window.autosave.pending() is not None
    # the process dies here: no clean close. The next start offers the study back.
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Yes)
    again = create_window(settings=settings, recover=True)
    again.show()
    try:
        wait_idle(qtbot, again)
        assert again.study.params.radius_km("4G") == 4.25
        assert again.isWindowModified()  # restored, still to be saved
    finally:
        again.study.mark_saved()
        again.close()
        again.deleteLater()
    assert again.autosave.pending() is None  # a clean close removes it


# ---- measure tool and cursor coordinates


def test_measure_tool_distance_and_area_of_a_right_triangle(qtbot, window):
    tool = window.canvas.measure
    window.act_measure.setChecked(True)
    x0, y0 = window.study.result.communes.geometry.iloc[0].representative_point().coords[0]
    for dx, dy in ((0, 0), (3000, 0), (3000, 4000)):
        tool.add_point(x0 + dx, y0 + dy)
    # 3 km + 4 km along the line; the triangle's area is 3 × 4 / 2 = 6 km²
    assert "7.00 km" in window.status_text.text()
    assert "6.00 km²" in window.status_text.text()
    window.act_measure.setChecked(False)
    assert tool.points == [] and window.study.selection is None


def test_cursor_position_in_lonlat_and_vn2000(qtbot, window):
    from pyproj import Transformer

    x, y = window.study.result.communes.geometry.iloc[0].representative_point().coords[0]
    window.canvas.cursor_moved.emit(x, y)
    lon, lat = Transformer.from_crs(
        window.study.result.communes.crs, "EPSG:4326", always_xy=True
    ).transform(x, y)
    assert f"{lon:.5f}; {lat:.5f}" in window.cursor_position.text()
    assert "VN-2000" in window.cursor_position.text()
