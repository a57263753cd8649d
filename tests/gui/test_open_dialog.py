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


def test_crs_and_encoding_belong_to_the_layer_they_were_typed_for(qtbot, tmp_path):
    """Per-layer CRS and encoding: typed for the sites, they reach only the sites."""
    from tests.io.catalogue import write_study

    write_study(tmp_path)
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.set_path("communes", tmp_path / "communes.gpkg")
    dialog.set_path("villages", tmp_path / "villages.gpkg")
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", tmp_path / "sites.csv")
    dialog.crs.setText("EPSG:4326")
    dialog.encoding.setText("cp1258")
    dialog.radios["communes"].setChecked(True)  # switching layer keeps what was typed
    assert dialog.crs.text() == "" and dialog.encoding.text() == ""
    files = dialog.value()
    assert (files.sites.crs, files.sites.encoding) == ("EPSG:4326", "cp1258")
    assert (files.communes.crs, files.communes.encoding) == (None, None)


def test_preview_reads_a_cpg_1258_shapefile_and_a_tcvn3_list_as_the_loader_does(qtbot, tmp_path):
    from tests.io.catalogue import SITE_NAMES, legacy_csv, shapefile
    from tests.io.helpers import communes_utm, encode_cp1258

    shp = shapefile(tmp_path, encode=encode_cp1258, cpg="1258")
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.radios["communes"].setChecked(True)
    dialog.set_path("communes", shp)
    headers = [dialog.preview.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers == ["ma_xa", "ten_xa", "dan_so"]  # no letter lost (MA_XA, not MA_X)
    names = [dialog.preview.item(r, 1).text() for r in range(3)]
    assert names == communes_utm()["ten_xa"].tolist()
    from tests.io.catalogue import TCVN3

    legacy_csv(tmp_path, TCVN3)
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", tmp_path / "sites.csv")
    assert [dialog.preview.item(r, 1).text() for r in range(3)] == SITE_NAMES
    assert "TCVN3" in dialog.message.text()


def test_site_columns_are_never_squashed_on_a_laptop_screen(qtbot):
    """Issue 11 walk under Xvfb at 1366 × 768: the eleven roles of a site list were
    squeezed into a few pixels each (their texts cut), the preview into one row. At
    the dialog's smallest size every role's box keeps its own height (the roles
    scroll) and the preview shows its header and three rows."""
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.set_path("communes", GIS_DATA / "communes.gpkg")
    dialog.set_path("villages", GIS_DATA / "villages.gpkg")
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", GIS_DATA / "bts_sites.csv")
    dialog.resize(dialog.minimumSize())
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(dialog.combos) >= 10
    for combo in dialog.combos.values():
        assert combo.height() >= combo.sizeHint().height()
    rows = dialog.preview.verticalHeader().defaultSectionSize()
    assert dialog.preview.viewport().height() >= 3 * rows


def test_workbook_with_a_notes_sheet_first_reads_the_sites_sheet(qtbot, tmp_path):
    """Walk with a province's own workbook: a "Ghi chú" sheet before "Trạm BTS". The
    preview showed the notes and recognised no column (the study would have read the
    notes too)."""
    import pandas as pd

    from coverage_planner.io.sites import load_sites

    sites = pd.read_csv(GIS_DATA / "bts_sites.csv")
    book = tmp_path / "Tỉnh Lào Cai - dữ liệu.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"Ghi chú": ["Số liệu trạm BTS 2026", "Nguồn: Sở TTTT"]}).to_excel(
            writer, sheet_name="Ghi chú", index=False
        )
        sites.head(30).to_excel(writer, sheet_name="Trạm BTS", index=False)
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", book)
    assert dialog.combos["lon"].currentData() == "Kinh độ"
    assert dialog.preview.rowCount() == 10 and "Trạm BTS" in dialog.message.text()
    dialog.set_path("communes", GIS_DATA / "communes.gpkg")
    dialog.set_path("villages", GIS_DATA / "villages.gpkg")
    source = dialog.value().sites
    assert source.layer == "Trạm BTS"
    read = load_sites(source.path, layer=source.layer, mapping=source.mapping)
    assert sorted(read["site_id"].astype(str)) == sorted(sites["Mã trạm"].head(30).astype(str))


def test_workbook_whose_first_sheet_is_the_table_is_read_as_before(qtbot, tmp_path):
    """Sheets with the same columns (one per district) are all read: no sheet is fixed."""
    import pandas as pd

    sites = pd.read_csv(GIS_DATA / "bts_sites.csv")
    book = tmp_path / "sites.xlsx"
    with pd.ExcelWriter(book) as writer:
        sites.head(5).to_excel(writer, sheet_name="Huyện A", index=False)
        sites.iloc[5:9].to_excel(writer, sheet_name="Huyện B", index=False)
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.set_path("sites", book)
    assert dialog.sources["sites"].layer is None


def test_preview_columns_show_their_values_whole(qtbot):
    """Walk: site names wrapped in the preview's one-line rows, their second line cut."""
    dialog = OpenDataDialog()
    qtbot.addWidget(dialog)
    dialog.radios["sites"].setChecked(True)
    dialog.set_path("sites", GIS_DATA / "bts_sites.csv")
    table = dialog.preview
    metrics = table.fontMetrics()
    for c in range(table.columnCount()):
        widest = max(metrics.horizontalAdvance(table.item(r, c).text()) for r in range(3))
        assert table.columnWidth(c) >= widest, table.horizontalHeaderItem(c).text()
