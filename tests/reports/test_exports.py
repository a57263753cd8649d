"""Every export read back: PDF pages and text, PNG size, workbook cells, GeoPackage
layers and styles, KMZ placemarks — diacritics intact in each."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pyogrio
import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from coverage_planner.maps.export import export_map
from coverage_planner.maps.layout import MapSpec
from coverage_planner.reports.atlas import export_atlas
from coverage_planner.reports.geopackage import export_geopackage
from coverage_planner.reports.kmz import export_kmz
from coverage_planner.reports.workbook import export_workbook

PROVINCE = "Mường Hoa (tỉnh mô phỏng)"


def test_png_map_is_300_dpi_a4_and_not_blank(demo_result, tmp_path):
    path = export_map(
        demo_result, tmp_path / "map.png", MapSpec(technology="4G", province=PROVINCE)
    )
    with Image.open(path) as im:
        assert im.size == (round(297 / 25.4 * 300), round(210 / 25.4 * 300))
        pixels = np.asarray(im.convert("RGB").resize((400, 283)))
    assert pixels.std() > 20
    # the covered-village blue is there
    blue = (np.abs(pixels.astype(int) - [64, 149, 200]).sum(axis=2) < 60).mean()
    assert blue > 0.05


def test_a3_portrait_png_size(demo_result, tmp_path):
    path = export_map(
        demo_result, tmp_path / "map.png", MapSpec(paper="A3", orientation="portrait"), dpi=100
    )
    with Image.open(path) as im:
        assert im.size == (round(297 / 25.4 * 100), round(420 / 25.4 * 100))


def test_pdf_map_is_vector_with_embedded_truetype_and_diacritics(demo_result, tmp_path):
    spec = MapSpec(technology="3G", province=PROVINCE, language="vi")
    path = export_map(demo_result, tmp_path / "map.pdf", spec)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    pct = demo_result.summary["villages_covered_pct"]["3G"]
    assert f"Thôn bản có sóng 3G — {pct:.1f} %".replace(".", ",") in text
    assert PROVINCE in text and "Chú giải" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    kinds = {fonts[f].get_object()["/Subtype"] for f in fonts}
    assert kinds <= {"/TrueType", "/Type0"}


def test_svg_map_keeps_text(demo_result, tmp_path):
    path = export_map(
        demo_result,
        tmp_path / "map.svg",
        MapSpec(technology="4G", province=PROVINCE, language="vi"),
    )
    svg = path.read_text(encoding="utf-8")
    assert "Thôn bản có sóng 4G" in svg and "<svg" in svg


def test_map_of_a_selection(demo_result, tmp_path):
    commune = demo_result.communes.iloc[5]
    spec = MapSpec(bounds=tuple(commune.geometry.bounds), title=commune["commune_name"])
    path = export_map(demo_result, tmp_path / "sel.pdf", spec)
    assert commune["commune_name"] in PdfReader(path).pages[0].extract_text()


def test_atlas_has_a_cover_and_a_page_per_commune(demo_result, tmp_path):
    ids = list(demo_result.communes["commune_id"].iloc[[0, 7]])
    path = export_atlas(
        demo_result, tmp_path / "atlas.pdf", MapSpec(province=PROVINCE, language="vi"), communes=ids
    )
    reader = PdfReader(path)
    texts = [p.extract_text() for p in reader.pages]
    assert len(reader.pages) == 3
    s = demo_result.summary
    assert "Tập bản đồ phủ sóng di động" in texts[0]
    assert f"{s['villages_covered_pct']['4G']:.1f} %".replace(".", ",") in texts[0]
    for cid in ids:
        commune = demo_result.communes.set_index("commune_id").loc[cid]
        (page,) = [
            t
            for t in texts[1:]
            if t.startswith(commune["commune_name"]) or f"\n{commune['commune_name']}\n" in t
        ]
        villages = demo_result.villages[demo_result.villages["commune_id"] == cid]
        for name in villages["village_name"]:
            assert name in page


def test_workbook_cells_equal_the_engine(demo_result, tmp_path):
    path = export_workbook(demo_result, tmp_path / "book.xlsx", language="vi")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Xã",
        "Thôn bản",
        "Chưa có sóng",
        "Trạm BTS",
        "Kiểm tra dữ liệu",
    ]
    summary = {row[0].value: row[1] for row in wb["Tổng hợp"].iter_rows(min_row=2)}
    s = demo_result.summary
    cell = summary["Thôn bản có 4G"]
    assert cell.value == pytest.approx(s["villages_covered_pct"]["4G"] / 100)
    assert cell.number_format == "0.0%"
    assert summary["Số trạm BTS"].value == s["sites"]
    communes = wb["Xã"]
    headers = [c.value for c in communes[1]]
    assert headers[:2] == ["Mã xã", "Xã"] and "% thôn bản có 4G" in headers
    assert communes.freeze_panes == "A2" and communes.auto_filter.ref
    assert all(c.font.bold for c in communes[1])
    col = headers.index("% thôn bản có 4G")
    values = [r[col].value for r in communes.iter_rows(min_row=2)]
    np.testing.assert_allclose(
        values, demo_result.communes["villages_covered_4g_pct"] / 100, atol=1e-6
    )
    assert communes.cell(2, col + 1).number_format == "0.0%"
    names = [r[1].value for r in communes.iter_rows(min_row=2)]
    assert names == demo_result.communes["commune_name"].tolist()
    unc = wb["Chưa có sóng"]
    assert unc.max_row - 1 == len(demo_result.uncovered)


def test_geopackage_has_layers_rows_and_styles(demo_result, tmp_path):
    path = export_geopackage(demo_result, tmp_path / "c.gpkg")
    layers = dict(pyogrio.list_layers(path))
    for name in (
        "communes",
        "villages",
        "sites",
        "footprints_4g",
        "uncovered_villages",
        "fibre_routes",
        "fibre_access_points",
    ):
        assert name in layers
    villages = pyogrio.read_dataframe(path, layer="villages")
    assert len(villages) == len(demo_result.villages)
    assert set(villages["status_4g"]) == {"covered", "partly covered", "out of range"}
    assert villages["village_name"].tolist() == demo_result.villages["village_name"].tolist()
    with sqlite3.connect(path) as db:
        styles = dict(
            db.execute(
                "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault"
            ).fetchall()
        )
        registered = db.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name='layer_styles'"
        ).fetchone()
    assert registered == ("attributes",)
    assert {"communes", "villages", "sites", "uncovered_villages"} <= set(styles)
    qml = ET.fromstring(styles["villages"].split(">", 1)[1])
    assert qml.find("renderer-v2").get("attr") == "status_4g"
    assert len(qml.findall(".//category")) == 3


def test_kmz_parses_as_kml_with_sites_and_uncovered_villages(demo_result, tmp_path):
    path = export_kmz(demo_result, tmp_path / "c.kmz", technology="4G", language="vi")
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("doc.kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    folders = root.findall(".//k:Folder", ns)
    assert len(folders) == 3  # sites, coverage, villages without the technology
    sites = folders[0].findall("k:Placemark", ns)
    villages = folders[2].findall("k:Placemark", ns)
    assert len(sites) == len(demo_result.sites)
    expected = demo_result.uncovered[demo_result.uncovered["technology"] == "4G"]
    assert [p.find("k:name", ns).text for p in villages] == expected["village_name"].tolist()
    assert "Thôn bản chưa có 4G" in "".join(folders[2].find("k:name", ns).text)
    balloon = villages[0].find("k:description", ns).text
    assert expected.iloc[0]["village_id"] in balloon
    # numbers as a Vietnamese reader writes them: no "42.0", thousands with a dot
    pop = int(expected.iloc[0]["population"])
    assert f"<td>{pop:,}</td>".replace(",", ".") in balloon
    for p in sites:
        assert not re.search(r"<td>\d+\.0</td>", p.find("k:description", ns).text)
    height = demo_result.sites["antenna_height_m"].iloc[0]
    assert f"<td>{height:.0f}</td>" in sites[0].find("k:description", ns).text
    # the three folders' names start with a capital, as the app's layers do
    assert [f.find("k:name", ns).text[0].isupper() for f in folders] == [True, True, True]


def test_geopackage_site_style_matches_the_column(demo_result, tmp_path):
    path = export_geopackage(demo_result, tmp_path / "c.gpkg")
    sites = pyogrio.read_dataframe(path, layer="sites")
    expected = np.where(
        demo_result.sites["serves_4g"], "4G", np.where(demo_result.sites["serves_3g"], "3G", "2G")
    )
    no_tech = ~demo_result.sites[["serves_2g", "serves_3g", "serves_4g"]].any(axis=1).to_numpy()
    expected[no_tech] = "none"
    assert sites["top_technology"].tolist() == expected.tolist()
    with sqlite3.connect(path) as db:
        (qml,) = db.execute(
            "SELECT styleQML FROM layer_styles WHERE f_table_name='sites'"
        ).fetchone()
    values = {c.get("value") for c in ET.fromstring(qml.split(">", 1)[1]).findall(".//category")}
    assert set(sites["top_technology"]) <= values
