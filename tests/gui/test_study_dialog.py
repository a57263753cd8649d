"""File → Study…: the dialog returns the description, the exports carry it, the
project keeps it."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader

from coverage_planner.gui.study_dialog import StudyDialog
from coverage_planner.study import StudyDescription


def test_dialog_round_trips_a_description(qtbot):
    study = StudyDescription("Lai Châu", "Rà soát 2025", "Sở KH&CN", 2025)
    dialog = StudyDialog(study, communes_province="Mường Hoa")
    qtbot.addWidget(dialog)
    assert dialog.value() == study
    dialog.province.setText("")
    dialog.year.setValue(dialog.year.minimum())  # shown as "—"
    dialog.title.setText("  Đề xuất đầu tư BTS  ")
    dialog.accept()
    assert dialog.value() == StudyDescription("", "Đề xuất đầu tư BTS", "Sở KH&CN", None)
    assert "Mường Hoa" in dialog.province.placeholderText()


def test_study_goes_on_the_exports_and_into_the_project(qtbot, window, tmp_path):
    from coverage_planner.project import load_project

    study = StudyDescription("Lai Châu", "Rà soát phủ sóng 2025", "Sở Khoa học và Công nghệ", 2025)
    window.set_study(study)
    assert window.study.params.study == study
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export_to("xlsx", tmp_path / "book.xlsx")
    summary = [row for row in load_workbook(tmp_path / "book.xlsx").worksheets[0].values]
    assert ("Province", "Lai Châu") in summary and ("Year", 2025) in summary
    from coverage_planner.gui.export_dialog import MapExportRequest

    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export_map(MapExportRequest(tmp_path / "map.pdf", window._spec()))
    text = PdfReader(tmp_path / "map.pdf").pages[0].extract_text()
    assert "Lai Châu — Rà soát phủ sóng 2025 · Sở Khoa học và Công nghệ · 2025" in text
    assert "Synthetic demo data" in text  # the app's demo is the bundled demo
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export_to("gpkg", tmp_path / "c.gpkg")
    import zipfile

    with zipfile.ZipFile(tmp_path / "c.qgz") as zf:  # the QGIS project beside it
        assert "Rà soát phủ sóng 2025 — Lai Châu" in zf.read("c.qgs").decode("utf-8")
    window._save(tmp_path / "p.cpproj.json")
    _, params = load_project(tmp_path / "p.cpproj.json")
    assert params.study == study
