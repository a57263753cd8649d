from __future__ import annotations

import pytest

from coverage_planner.errors import UserError
from coverage_planner.gui.open_dialog import OpenDataDialog
from tests.conftest import GIS_DATA


def test_dialog_detects_columns_and_returns_files(qtbot):
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.set_path("communes", GIS_DATA / "communes.gpkg")
    dialog.set_path("villages", GIS_DATA / "villages.gpkg")
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", GIS_DATA / "bts_sites.csv")
    assert dialog.combos["lon"].currentData() == "Kinh độ"
    assert dialog.combos["tech"].currentData() == "Công nghệ"
    assert dialog.preview.rowCount() == 10
    dialog.combos["operator"].setCurrentIndex(dialog.combos["operator"].findData("Tên trạm"))
    files = dialog.value()
    assert files.sites.mapping["operator"] == "Tên trạm"
    assert files.communes.path.name == "communes.gpkg"


def test_dialog_requires_the_three_layers(qtbot):
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.set_path("communes", GIS_DATA / "communes.gpkg")
    with pytest.raises(UserError, match="villages, sites"):
        dialog.value()


def test_preview_of_an_unreadable_file_is_a_message_not_a_crash(qtbot, tmp_path):
    bad = tmp_path / "x.gpkg"
    bad.write_bytes(b"not a geopackage")
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.radios["communes"].setChecked(True)
    dialog.set_path("communes", bad)
    assert "Cannot preview" in dialog.message.text()
