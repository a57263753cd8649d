"""Defects found walking the app under Xvfb (openbox, 1366 × 768) in both languages."""

from __future__ import annotations

import json

import pytest
from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QApplication, QStyle

from coverage_planner.gui.app import create_window


@pytest.fixture
def empty_window(qtbot, settings):
    """A window per language without a study: the layouts, not the figures."""
    made = []

    def make(language: str):
        settings.setValue("language", language)
        w = create_window(settings=settings, demo=False)
        made.append(w)
        w.resize(1366, 728)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make
    for w in made:
        w.languages.set("en")  # its translator off the application, for the next tests
        w.close()
        w.deleteLater()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_site_panel_fits_the_right_column(qtbot, empty_window, language):
    """The Edit site panel needed 409 px in Vietnamese (351 in English) in a 359-px
    column: it scrolled sideways and cut its boxes ("technology defaul…")."""
    w = empty_window(language)
    w.docks["site"].raise_()
    qtbot.wait(50)
    bar = w.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    assert w.site_editor.minimumSizeHint().width() + bar <= w.docks["site"].width()
    assert w.docks["site"].widget().horizontalScrollBar().maximum() == 0
    editor = w.site_editor
    for box in (editor.lon, editor.lat, editor.height, editor.power, editor.tilt):
        assert box.width() >= box.minimumSizeHint().width(), box.specialValueText()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_recovery_dialog_names_the_study_and_what_each_button_does(
    qtbot, settings, tmp_path, language
):
    """The crash-recovery question read "Restore the study as it was at 2026-12-02
    <line break> 21:37:05?" with Yes / No: no study named, and No (or Escape) deleted
    the autosaved work without saying so."""
    from coverage_planner.demo import demo_files
    from coverage_planner.gui.autosave import Autosave
    from coverage_planner.params import Parameters

    settings.setValue("language", language)
    autosave = Autosave(tmp_path / "autosave")
    autosave.save(demo_files(), Parameters(), project=tmp_path / "Lào Cai 2026.cpproj.json")
    meta = tmp_path / "autosave" / "autosave.json"
    written = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({**written, "saved_at": "2026-12-02T21:37:05"}), encoding="utf-8")
    seen = {}

    def answer():
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "recovery_dialog"]
        if not boxes or not boxes[0].isVisible():
            QTimer.singleShot(50, answer)
            return
        box = boxes[0]
        seen["text"] = box.informativeText()
        seen["buttons"] = {b.text().replace("&", "") for b in box.buttons()}
        QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(50, answer)
    w = create_window(settings=settings, recover=True)
    try:
        restore, discard = {"en": ("Restore", "Discard"), "vi": ("Khôi phục", "Bỏ")}[language]
        assert seen["buttons"] == {restore, discard}
        assert "Lào Cai 2026" in seen["text"] and ".cpproj" not in seen["text"]
        assert restore in seen["text"] and discard in seen["text"]  # what each one does
        # the time as the language writes it, in one piece (no space to break at)
        when = {"en": "2 Dec 2026, 21:37", "vi": "21:37 ngày 2/12/2026"}[language]
        assert when.replace(" ", "\u00a0") in seen["text"]
        # Escape restored the study (nothing lost; its figures are computed next)
        assert w.autosave.pending() is not None
        assert w.project_path == tmp_path / "Lào Cai 2026.cpproj.json"
    finally:
        w.study.worker.cancel()  # the figures are not this test's subject
        w.study.worker.wait(10_000)
        w.languages.set("en")
        w.study.mark_saved()
        w.close()
        w.deleteLater()


def test_model_box_shows_the_terrain_model_of_an_auto_project(qtbot, settings, tmp_path):
    """A project with the parameters' default model "auto" (the batch's) and a DEM is
    computed with the terrain model, but the box read "Disk / sector"; a radius edit
    then switched the study to the disk model unasked."""
    from dataclasses import replace

    from coverage_planner.demo import demo_files
    from coverage_planner.gui.panels import ParametersPanel
    from coverage_planner.params import Parameters

    assert demo_files().dem is not None
    panel = ParametersPanel(replace(Parameters(), model="auto"))
    qtbot.addWidget(panel)
    panel.set_terrain_available(True)  # the study's files have a DEM
    assert panel.model.currentData() == "terrain"
    edited = []
    panel.params_edited.connect(edited.append)
    panel.radius["4G"].setValue(2.5)
    qtbot.waitUntil(lambda: bool(edited), timeout=2000)
    assert edited[-1].model == "auto" and edited[-1].radius_km("4G") == 2.5
    panel.model.setCurrentIndex(0)  # the planner picks the disk model: it is the disk
    qtbot.waitUntil(lambda: edited[-1].model == "disk", timeout=2000)
    panel.set_terrain_available(False)
    panel.set_params(replace(Parameters(), model="auto"))
    assert panel.model.currentData() == "disk"  # no DEM: "auto" is the disk model


@pytest.mark.parametrize("language", ["en", "vi"])
def test_window_fits_768_pixels_with_every_dock_in_front(qtbot, empty_window, language):
    """With the Plan dock in front the window once needed 810 px of height: more than a
    1366 × 768 laptop gives with a taskbar (728 px) less the title bar."""
    w = empty_window(language)
    for dock in w.docks.values():
        dock.show()
    for front in (("plan", "profile", "site"), ("layers", "tables", "identify")):
        for key in front:
            w.docks[key].raise_()
        qtbot.wait(20)
        hint = w.minimumSizeHint()
        assert hint.height() <= 700 and hint.width() <= 1024, (front, hint)


def test_switching_to_vietnamese_keeps_the_panels_whole(qtbot, empty_window):
    """Walk: English, then Language → Tiếng Việt. The right column kept its English
    width (the parameters scrolled sideways, boxes cut), the spin boxes still wrote
    7.00 km beside 93,8 %, and "Mọi nhà mạng" was cut in the toolbar."""
    w = empty_window("en")
    w.set_language("vi")
    qtbot.wait(50)
    assert w.docks["parameters"].widget().horizontalScrollBar().maximum() == 0
    box = w.parameters.radius["2G"]
    assert box.text() == "7,00 km"  # the default 2G radius as Vietnamese writes it
    combo = w.operator_box
    assert combo.currentText() == "Mọi nhà mạng"
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText()) + 20


def test_counts_are_written_as_the_language_writes_them(qtbot, window):
    """The indicators read "1800 (2G 1767 / …)" and the status "1101 villages, 1800
    sites" beside tables writing 1.234 in Vietnamese."""
    summary = window.study.result.summary
    window.set_language("vi")
    total = summary["sites"]
    assert total >= 1000  # the demo: the thousands separator shows
    vi = f"{total:,}".replace(",", ".")
    assert window.summary.labels["sites"][1].text().startswith(f"{vi} (")
    window._refresh_tables()
    assert f"{vi} trạm" in window.status_text.text()
    window.set_language("en")
    assert window.summary.labels["sites"][1].text().startswith(f"{total:,} (")


def test_vietnamese_number_boxes_take_a_typed_or_pasted_point(qtbot, empty_window):
    """In Vietnamese the radius box refused the "." of "3.5" (the planner got 35 km,
    capped at 50) and the site panel a latitude pasted as "22.35991"."""
    w = empty_window("vi")
    box = w.parameters.radius["4G"]
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "3.5")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 3.5 and box.text() == "3,50 km"
    lat = w.site_editor.lat
    lat.lineEdit().setText("22.35991")
    lat.interpretText()
    assert lat.value() == 22.35991
    assert box.valueFromText("3,5 km") == 3.5  # the language's own mark still


@pytest.mark.parametrize("language", ["en", "vi"])
def test_plan_panel_in_front_needs_no_sideways_scrolling(qtbot, empty_window, language):
    """The Investment plan tab in the 220-px left column scrolled sideways: its
    objective and solver choices and its Cancel / Move buttons were cut."""
    w = empty_window(language)
    w.docks["plan"].raise_()
    qtbot.waitUntil(lambda: w.docks["plan"].widget().horizontalScrollBar().maximum() == 0)
    assert w.canvas.width() >= 450
    w.docks["layers"].raise_()  # the column stays as the planner left it
    qtbot.wait(20)
    assert w.canvas.width() >= 450


@pytest.mark.parametrize("language", ["en", "vi"])
def test_find_and_technology_shortcuts_are_in_the_view_menu(qtbot, empty_window, language):
    """Ctrl+F and Ctrl+2 / Ctrl+3 / Ctrl+4 worked but no menu showed them."""
    w = empty_window(language)
    shown = {
        a.shortcut().toString(): a.text() for a in w.view_menu.actions() if not a.isSeparator()
    }
    texts = {
        "en": ("Find a village, site or commune", "Technology {0}"),
        "vi": ("Tìm thôn bản, trạm hoặc xã", "Công nghệ {0}"),
    }[language]
    assert shown["Ctrl+F"] == texts[0]
    for tech in ("2G", "3G", "4G"):
        assert shown[f"Ctrl+{tech[0]}"] == texts[1].format(tech)
