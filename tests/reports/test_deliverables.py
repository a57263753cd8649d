"""Deliverables true to the run that made them: source line, study description, legend,
terrain coverage, shares, codes and integers — each export read back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from openpyxl import load_workbook
from pypdf import PdfReader

from coverage_planner import cli
from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import load_inputs
from coverage_planner.maps.export import export_map
from coverage_planner.maps.layout import MapSpec
from coverage_planner.params import Parameters
from coverage_planner.reports.exports import study_of
from coverage_planner.reports.labels import REASONS
from coverage_planner.reports.provenance import provenance_of, source_line
from coverage_planner.study import StudyDescription
from tests.conftest import GIS_DATA
from tests.reports.studies import forty_village_study, pdf_text, positioned_text, small_study

FIBRE_WORDS = ("cáp quang", "fibre", "fiber")
SYNTHETIC_WORDS = ("mô phỏng (tỉnh mẫu", "Dữ liệu mẫu", "synthetic", "Synthetic")


@pytest.fixture(scope="module")
def own_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own")
    files = small_study(folder)
    study = StudyDescription(province="Lai Châu", title="Rà soát 2025", organisation="Sở KH&CN")
    result = run(load_inputs(files), params=Parameters(study=study))
    return files, result


@pytest.fixture(scope="module")
def terrain_run(tmp_path_factory):
    from coverage_planner.params import TerrainParams

    folder = tmp_path_factory.mktemp("terrain")
    files = small_study(folder, dem=True)
    params = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    return files, run(load_inputs(files), params=params)


def test_source_line_of_own_data_without_backbone_claims_neither_fibre_nor_demo(own_data, tmp_path):
    files, result = own_data
    prov = provenance_of(result, files)
    spec = MapSpec(language="vi", study=study_of(result), sources=prov)
    text = pdf_text(export_map(result, tmp_path / "map.pdf", spec))
    for w in FIBRE_WORDS + SYNTHETIC_WORDS:
        assert w not in text, w
    # the files actually given, by name, and the model actually used
    for name in ("xa_2025.gpkg", "thon_ban.gpkg", "tram_bts.csv"):
        assert name in text
    assert "hình tròn/búp sóng" in text and "4G 3 km" in text
    assert "Lai Châu — Rà soát 2025 · Sở KH&CN" in text
    for line in (source_line(prov, "en"),):
        assert "fibre" not in line and "ynthetic" not in line


def test_demo_source_line_says_synthetic(demo_result):
    from dataclasses import replace

    from coverage_planner.demo import demo_files

    prov = provenance_of(demo_result, replace(demo_files(GIS_DATA), dem=None))
    assert prov.demo
    line = source_line(prov, "en")
    assert "Synthetic demo data" in line and "fibre network (backbone.gpkg" in line
    assert "terrain" not in line  # the DEM played no part in a disk run


def test_terrain_run_names_the_terrain_model_everywhere(terrain_run, tmp_path):
    files, result = terrain_run
    assert result.model == "terrain"
    prov = provenance_of(result, files)
    spec = MapSpec(language="en", sources=prov)
    text = pdf_text(export_map(result, tmp_path / "map.pdf", spec))
    assert "terrain model on a 30 m grid" in text and "dem_30m.tif" in text
    assert "coverage probability 50 %" in text and "Bullington" in text
    assert "disk/sector" not in text
    assert "RSRP" in text or "4G -110 dBm" in text
    # run.json terms: the same facts
    facts = prov.to_dict()
    assert facts["model"] == "terrain" and facts["synthetic_demo_data"] is False
    assert facts["model_parameters"]["terrain"]["resolution_m"] == 30.0


def speck_cells(labels: np.ndarray, size: int) -> int:
    """Cells in 4-connected areas of one label smaller than ``size`` (scipy's count)."""
    from scipy import ndimage

    n = 0
    for value in np.unique(labels):
        parts, _ = ndimage.label(labels == value)
        sizes = np.bincount(parts.ravel())[1:]
        n += int(sizes[sizes < size].sum())
    return n


def test_terrain_source_line_has_words_not_parameter_names(terrain_run):
    """The terrain map's source line read "max_effective_height_m = 200, max_grid_mcells
    = 60, tile_km = 60" in Vietnamese: a parameter's name is never printed."""
    from dataclasses import fields

    from coverage_planner.params import TerrainParams

    files, result = terrain_run
    prov = provenance_of(result, files)
    for language in ("vi", "en"):
        line = source_line(prov, language)
        for f in fields(TerrainParams):
            assert f"{f.name} =" not in line, (language, f.name)
            assert "_" not in f.name or f.name not in line, (language, f.name)


def test_terrain_footprints_are_the_covered_cells_not_disks(terrain_run, tmp_path):
    """The footprint layer is the technology's covered cells, one dissolved feature: its
    area attribute is the number of covered cells times the cell area (a plain count of
    the grid), and its shape is the union of those cells (built here box by box) except
    for the specks under the sieve size (counted by scipy) and the staircases
    straightened to within the tolerance: the shape differs from the cells by no more
    than the specks' cells and a strip of the tolerance's width along the cells' edges,
    and its area by no more than 0.2 %. What each site serves best is a figure of the
    sites layer, counted here cell by cell."""
    from coverage_planner.coverage.terrain.shapes import SIMPLIFY_CELLS, SPECK_CELLS
    from coverage_planner.reports.geopackage import export_geopackage

    _, result = terrain_run
    path = export_geopackage(result, tmp_path / "t.gpkg")
    fp = pyogrio.read_dataframe(path, layer="footprints_4g")
    grids = result.rasters["4G"]
    res = result.grid.res
    t = result.grid.transform
    covered = grids.covered
    assert len(fp) == 1 and fp["technology"].tolist() == ["4G"]
    assert fp["area_km2"].iloc[0] * 1e6 == pytest.approx(covered.sum() * res * res)
    r, c = np.nonzero(covered)
    x, y = t.c + c * res, t.f - r * res
    cells = shapely.union_all(shapely.box(x, y - res, x + res, y))
    geom = fp.geometry.iloc[0]
    assert shapely.is_valid(geom)
    specks = speck_cells(covered.astype(np.int8), SPECK_CELLS) * res * res
    strip = cells.length * SIMPLIFY_CELLS * res
    assert shapely.symmetric_difference(geom, cells).area <= specks + strip + 1e-6
    assert abs(geom.area / cells.area - 1) <= 0.002
    assert set(fp["kind"]) == {"terrain"}
    sites = pyogrio.read_dataframe(path, layer="sites")
    labels = np.where(covered, grids.server, -1)
    by_hand = [np.count_nonzero(labels == row) * res * res / 1e6 for row in range(len(sites))]
    assert sites["served_km2_4g"].to_numpy() == pytest.approx(by_hand)
    # the coverage the maps and the KMZ draw: the same covered cells, not disks
    parts = result.coverage["4G"]
    assert abs(shapely.area(parts).sum() - cells.area) <= 0.002 * cells.area


def test_terrain_commune_shares_never_exceed_100_percent(terrain_run):
    _, result = terrain_run
    for t in result.technologies:
        assert (result.communes[f"area_covered_{t.lower()}_pct"] <= 100.0).all()


def test_terrain_area_share_is_the_share_of_cells():
    """A square commune with its cell centres all covered is 100 % covered, exactly,
    though the cells whose centre falls inside cover more than the square."""
    import geopandas as gpd

    from coverage_planner.coverage.terrain.model import Grid
    from coverage_planner.coverage.terrain.status import cell_labels, covered_area_m2

    grid = Grid.covering((0, 0, 300, 300), 30.0, 32648)
    square = gpd.GeoDataFrame(geometry=[shapely.box(10, 10, 290, 290)], crs=32648)
    labels, _ = cell_labels(square, grid)
    covered = np.ones((grid.height, grid.width), dtype=bool)
    assert labels.astype(bool).sum() * 900 > square.area.iloc[0]  # the overflow's source
    area = covered_area_m2(labels, covered, 1, 30.0, areas=square.area.to_numpy())
    assert area[0] == pytest.approx(280 * 280)
    half = covered.copy()
    half[:, : grid.width // 2] = False
    share = (labels.astype(bool) & half).sum() / labels.astype(bool).sum()
    area = covered_area_m2(labels, half, 1, 30.0, areas=square.area.to_numpy())
    assert area[0] == pytest.approx(share * 280 * 280)


def test_legend_lists_only_what_the_map_draws(own_data):
    from coverage_planner.maps.layout import legend_handles

    _, result = own_data
    labels = [
        h.get_label()
        for h in legend_handles(
            result.villages,
            result.sites,
            result.backbone,
            "4G",
            language="vi",
            share=0.5,
            coverage_drawn=True,
            terrain=False,
        )
    ]
    assert not any("cáp quang" in lab for lab in labels)  # no backbone given
    classes = pd.Series(
        np.where(
            result.villages["covered_4g"],
            "covered",
            np.where(result.villages["share_4g"] > 0, "partial", "uncovered"),
        )
    )
    expected = {"covered": "có sóng 4G", "partial": "phủ một phần", "uncovered": "ngoài vùng phủ"}
    for k, text in expected.items():
        n = int((classes == k).sum())
        present = [lab for lab in labels if lab.startswith(text)]
        assert (present == [f"{present[0].rsplit(' (', 1)[0]} ({n})"]) if n else not present


def test_study_description_from_the_audit_file_and_the_project(tmp_path):
    from coverage_planner.project import load_project, save_project

    toml = tmp_path / "a.toml"
    toml.write_text(
        '[study]\nprovince = "Lai Châu"\ntitle = "Rà soát"\norganisation = "Sở KH&CN"\nyear = 2025\n',
        encoding="utf-8",
    )
    params = Parameters.from_toml(toml)
    assert params.study == StudyDescription("Lai Châu", "Rà soát", "Sở KH&CN", 2025)
    files = small_study(tmp_path)
    _, loaded = load_project(save_project(tmp_path / "p.cpproj.json", files, params))
    assert loaded.study == params.study
    toml.write_text("[study]\nyaer = 2025\n", encoding="utf-8")
    from coverage_planner.errors import ConfigError

    with pytest.raises(ConfigError, match="yaer"):
        Parameters.from_toml(toml)


def test_province_comes_from_the_communes_province_column(demo_result):
    assert study_of(demo_result).province == "Mường Hoa (tỉnh mô phỏng)"
    assert (
        StudyDescription(province="Lai Châu").with_province_from(demo_result.communes).province
        == "Lai Châu"
    )


@pytest.fixture(scope="module")
def vi_audit(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit") / "out"
    args = ["audit", "--demo", "--model", "disk", "--out", str(out), "--quiet"]
    assert cli.main([*args, "--no-maps", "--no-atlas"]) == 0
    return out


def test_codes_keep_their_leading_zeros_in_every_table(vi_audit):
    communes = pyogrio.read_dataframe(GIS_DATA / "communes.gpkg")
    codes = set(communes["ma_xa"])
    assert any(c.startswith("0") for c in codes)
    for name, col in (
        ("communes.csv", "commune_id"),
        ("villages.csv", "commune_id"),
        ("uncovered_villages.csv", "commune_id"),
        ("sites.csv", "commune_id"),
    ):
        frame = pd.read_csv(vi_audit / name, dtype=str, encoding="utf-8-sig")
        assert set(frame[col].dropna()) <= codes, name
    wb = load_workbook(vi_audit / "coverage.xlsx")
    for sheet in ("Xã", "Thôn bản", "Chưa có sóng", "Trạm BTS"):
        ws = wb[sheet]
        heads = [c.value for c in ws[1]]
        col = heads.index("Mã xã") + 1
        cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1)]
        values = {c.value for c in cells if c.value is not None}
        assert values <= codes and values, sheet
        assert all(isinstance(c.value, str) and c.number_format == "@" for c in cells[:50])
    gpkg = pyogrio.read_dataframe(vi_audit / "coverage.gpkg", layer="communes")
    assert set(gpkg["commune_id"]) == codes


def test_counts_are_integers_in_csv_and_workbook(vi_audit):
    text = (vi_audit / "communes.csv").read_text(encoding="utf-8-sig").splitlines()
    head = text[0].split(",")
    first = text[1].split(",")
    for col in ("villages", "villages_covered_4g"):
        assert "." not in first[head.index(col)]
    villages = pd.read_csv(vi_audit / "villages.csv", dtype=str)
    assert not villages["population"].str.contains(r"\.").any()
    ws = load_workbook(vi_audit / "coverage.xlsx")["Thôn bản"]
    col = [c.value for c in ws[1]].index("Dân số") + 1
    assert all(isinstance(ws.cell(r, col).value, int) for r in range(2, 50))


def test_no_reason_code_in_a_vietnamese_workbook(vi_audit):
    wb = load_workbook(vi_audit / "coverage.xlsx")
    codes = set(REASONS)
    english = {"out of range", "partly covered", "upgrade a site", "terrain shadow"}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    assert v not in codes and v not in english, (ws.title, v)
                    assert not v.startswith(("new 4G site", "upgrade site", "add a sector")), v
    unc = wb["Chưa có sóng"]
    heads = [c.value for c in unc[1]]
    reasons = {unc.cell(r, heads.index("Lý do") + 1).value for r in range(2, unc.max_row + 1)}
    assert reasons <= {"ngoài vùng phủ", "phủ một phần", "nâng cấp trạm", "bị địa hình che khuất"}
    # the GeoPackage of a Vietnamese audit: statuses, reasons and actions in words too
    words = {"ngoài vùng phủ", "phủ một phần", "nâng cấp trạm", "bị địa hình che khuất"}
    layer = pyogrio.read_dataframe(vi_audit / "coverage.gpkg", layer="uncovered_villages")
    assert (
        set(layer["reason"]) <= words
        and not layer["action"].str.match(r"^(new|upgrade|add) ").any()
    )
    villages = pyogrio.read_dataframe(vi_audit / "coverage.gpkg", layer="villages")
    assert set(villages["reason_4g"].dropna()) - {""} <= words
    assert set(villages["status_4g"]) <= {"có sóng", "phủ một phần", "ngoài vùng phủ"}


def test_workbook_prints_on_fitted_pages_with_repeated_headers(vi_audit):
    wb = load_workbook(vi_audit / "coverage.xlsx")
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
    assert wb["Thôn bản"].page_setup.orientation == "landscape"
    summary = [c.value for c in wb["Tổng hợp"]["A"]]
    assert any(str(v).startswith("Nguồn: ranh giới xã (communes.gpkg") for v in summary)
    assert "Tỉnh" in summary


def test_run_json_states_the_sources(vi_audit):
    import json

    info = json.loads((vi_audit / "run.json").read_text(encoding="utf-8"))
    assert info["sources"]["synthetic_demo_data"] is True
    roles = {layer["role"] for layer in info["sources"]["layers"]}
    assert roles == {"communes", "villages", "sites", "backbone", "population"}
    assert info["sources"]["model"] == "disk"
    assert info["study"]["province"] == "Mường Hoa (tỉnh mô phỏng)"


def test_kmz_title_says_without(vi_audit):
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(vi_audit / "coverage.kmz") as zf:
        root = ET.fromstring(zf.read("doc.kml"))
    name = root.find(
        ".//{http://www.opengis.net/kml/2.2}Document/{http://www.opengis.net/kml/2.2}name"
    )
    assert "chưa có" in name.text


def test_kmz_is_self_contained_with_the_words_of_the_app(vi_audit):
    import re

    with zipfile.ZipFile(vi_audit / "coverage.kmz") as zf:
        doc = zf.read("doc.kml").decode("utf-8")
        names = set(zf.namelist())
        hrefs = set(re.findall(r"<href>(.*?)</href>", doc))
        assert hrefs and hrefs <= names  # every icon inside the archive
        from PIL import Image

        with zf.open(next(iter(hrefs))) as fh:
            assert Image.open(fh).size == (64, 64)
    assert "http" not in doc.replace("http://www.opengis.net/kml/2.2", "")
    for code in REASONS:
        assert f">{code}<" not in doc
    assert "Vùng phủ 4G" in doc  # the coverage folder


@pytest.fixture(scope="module")
def forty_villages(tmp_path_factory):
    files = forty_village_study(tmp_path_factory.mktemp("forty"))
    return files, run(load_inputs(files), params=Parameters())


def test_every_village_of_a_40_village_commune_prints_inside_the_page(forty_villages, tmp_path):
    from coverage_planner.reports.atlas import export_atlas

    files, result = forty_villages
    spec = MapSpec(language="vi", sources=provenance_of(result, files))
    reader = PdfReader(export_atlas(result, tmp_path / "atlas.pdf", spec))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    found: dict[str, tuple[int, float, float]] = {}
    source_top = 0.0
    for n, page in enumerate(reader.pages):
        for text, x, y in positioned_text(page):
            if text.startswith("Bản"):
                found.setdefault(text, (n, x, y))
            if text.startswith("Nguồn:"):
                source_top = max(source_top, y)
    expected = result.villages.loc[result.villages["commune_id"] == "00101", "village_name"]
    assert set(expected) <= set(found)
    for name in expected:
        n, x, y = found[name]
        assert 0 < x < width * 0.5 and source_top + 8 < y < height, (name, x, y)
    # natural order: Bản 2 before Bản 10, on the commune's pages
    pos = {name: (found[name][0], -found[name][2]) for name in expected}
    assert pos["Bản 2"] < pos["Bản 5"] < pos["Bản 11"] < pos["Bản 20"]
    # every page numbered, and the contents on the cover give the communes' first pages
    texts = [p.extract_text() for p in reader.pages]
    total = len(reader.pages)
    for n, text in enumerate(texts, start=1):
        assert f"trang {n}/{total}" in text
    assert "Mục lục" in texts[0]
    names = ("Xã Nậm Xe", "Xã Sin Suối Hồ")
    first = {
        name: min(n for n, t in enumerate(texts, start=1) if f"\n{name}\nThôn bản có 4G" in t)
        for name in names
    }
    assert first["Xã Nậm Xe"] < first["Xã Sin Suối Hồ"]
    cover = positioned_text(reader.pages[0])
    for name in names:
        (y,) = [y for t, _, y in cover if t == name]
        assert [t for t, x, yy in cover if abs(yy - y) < 1 and x > width / 2 and t.isdigit()] == [
            str(first[name])
        ]
    assert "Chú giải" in texts[first["Xã Nậm Xe"] - 1]


def test_pages_continuing_a_commune_carry_its_full_legend(forty_villages, tmp_path):
    """Every page of the 40-village commune's table has the legend of its map: each
    village class its villages fall in (counted here from the covered flags and
    shares), the sites, the commune boundary — not only the ✓/✗ key."""
    from coverage_planner.reports.atlas import export_atlas

    files, result = forty_villages
    spec = MapSpec(language="vi", sources=provenance_of(result, files))
    texts = [
        p.extract_text() for p in PdfReader(export_atlas(result, tmp_path / "a.pdf", spec)).pages
    ]
    v = result.villages[result.villages["commune_id"] == "00101"]
    covered = v["covered_4g"].astype(bool)
    partly = ~covered & (v["share_4g"] > 0)
    expected = ["Chú giải", "ranh giới xã", "trạm 4G"]
    expected += ["có sóng 4G"] if covered.any() else []
    expected += ["phủ một phần"] if partly.any() else []
    expected += ["ngoài vùng phủ 4G"] if (~covered & ~partly).any() else []
    pages = [t for t in texts if "Xã Nậm Xe (tiếp theo)" in t]
    assert pages  # the table does continue
    for text in pages:
        flat = text.replace("\n", " ")
        missing = [w for w in expected if w not in flat]
        assert not missing, missing


QGIS_PYTHON = Path("/usr/bin/python3")


def qgis_available() -> bool:
    import subprocess

    if not QGIS_PYTHON.exists():
        return False
    probe = subprocess.run(
        [str(QGIS_PYTHON), "-c", "import qgis.core"], capture_output=True, timeout=60
    )
    return probe.returncode == 0


needs_qgis = pytest.mark.skipif(
    not qgis_available(),
    reason="QGIS's Python (/usr/bin/python3 with qgis.core, Debian python3-qgis) is not installed",
)


def open_in_qgis(project: Path, png: Path) -> dict:
    """Open the project with QGIS headless (its own Python), render it, describe it."""
    import json
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(QGIS_PYTHON), str(Path(__file__).with_name("qgis_open.py")), str(project), str(png)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=project.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_qgis_style_labels_have_a_positive_priority_and_a_weight(vi_audit):
    import sqlite3
    import xml.etree.ElementTree as ET

    with sqlite3.connect(vi_audit / "coverage.gpkg") as db:
        styles = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles").fetchall())
    for name in ("communes", "uncovered_villages"):
        root = ET.fromstring(styles[name].split(">", 1)[1])
        assert root.get("labelsEnabled") == "1"
        assert int(root.find(".//placement").get("priority")) > 0
        assert int(root.find(".//text-style").get("fontWeight")) >= 50
    # the villages to act on win over the commune names
    prio = {
        n: int(ET.fromstring(styles[n].split(">", 1)[1]).find(".//placement").get("priority"))
        for n in ("communes", "uncovered_villages")
    }
    assert prio["uncovered_villages"] > prio["communes"]
    access = ET.fromstring(styles["fibre_access_points"].split(">", 1)[1])
    assert access.find(".//symbol").get("type") == "marker"
    # Vietnamese category labels, no English status words
    village = ET.fromstring(styles["villages"].split(">", 1)[1])
    assert [c.get("label") for c in village.iter("category")] == [
        "4G: có sóng",
        "4G: phủ một phần",
        "4G: ngoài vùng phủ",
    ]


@needs_qgis
def test_qgis_opens_the_project_every_layer_styled_in_order(vi_audit, tmp_path):
    info = open_in_qgis(vi_audit / "coverage.qgz", tmp_path / "qgis.png")
    assert info["read"] and info["crs"] == "EPSG:32648"
    assert info["title"] == "Tập bản đồ phủ sóng di động — Mường Hoa (tỉnh mô phỏng)"
    layers = {layer["name"]: layer for layer in info["layers"]}
    assert all(layer["valid"] for layer in info["layers"])
    names = [layer["name"] for layer in info["layers"]]
    assert names[:6] == [
        "Thôn bản chưa có 4G",
        "Trạm",
        "Điểm truy nhập cáp quang",
        "Tuyến cáp quang",
        "Ranh giới xã",
        "Thôn bản: tình trạng 4G",
    ]
    assert layers["Điểm truy nhập cáp quang"]["geometry"] == 0  # points, drawn as markers
    assert layers["Điểm truy nhập cáp quang"]["symbol_types"] == [0]
    access_points = pyogrio.read_dataframe(GIS_DATA / "backbone.gpkg", layer="access_points")
    assert layers["Điểm truy nhập cáp quang"]["features"] == len(access_points) == 87
    uncovered = pd.read_csv(vi_audit / "uncovered_villages.csv", dtype=str)
    assert layers["Thôn bản chưa có 4G"]["features"] == (uncovered["technology"] == "4G").sum()
    assert layers["Thôn bản: tình trạng 4G"]["renderer"] == "categorizedSymbol"
    assert layers["Ranh giới xã"]["font_weight"] == 75
    assert layers["Thôn bản chưa có 4G"]["priority"] > layers["Ranh giới xã"]["priority"] > 0
    # both layers' labels are drawn together (the villages' no longer give way)
    assert info["labels_drawn"].get("Thôn bản chưa có 4G", 0) > 50
    assert info["labels_drawn"].get("Ranh giới xã", 0) > 20
    assert layers["Thôn bản: tình trạng 4G"]["aliases"]["commune_id"] == "Mã xã"
    from PIL import Image

    with Image.open(tmp_path / "qgis.png") as im:
        assert np.asarray(im.convert("RGB")).std() > 30  # drawn, not blank


@needs_qgis
def test_qgis_opens_the_terrain_grids_with_their_styles(tmp_path):
    import rasterio as rio

    folder = tmp_path / "in"
    folder.mkdir()
    files = small_study(folder, dem=True)
    out = tmp_path / "out"
    args = ["audit", "--communes", str(files.communes.path), "--villages"]
    args += [str(files.villages.path), "--sites", str(files.sites.path), "--dem"]
    args += [str(files.dem.path), "--out", str(out), "--quiet", "--no-maps", "--no-atlas"]
    assert cli.main(args) == 0
    with rio.open(out / "level_4g.tif") as src:
        assert src.overviews(1) and src.units[0] == "dBm"
    assert (out / "level_4g.qml").exists()
    info = open_in_qgis(out / "coverage.qgz", tmp_path / "terrain.png")
    rasters = {layer["name"]: layer for layer in info["layers"] if layer["kind"] == "raster"}
    assert rasters["Mức thu 4G (dBm)"]["renderer"] == "singlebandpseudocolor"
    assert rasters["Mức thu 4G (dBm)"]["overviews"]
    assert rasters["Ô lưới có sóng 4G"]["renderer"] == "paletted"
    assert all(layer["valid"] for layer in info["layers"])
    footprints = {layer["name"]: layer for layer in info["layers"]}["Vùng phủ 4G"]
    assert footprints["features"] == len(
        pyogrio.read_dataframe(out / "coverage.gpkg", layer="footprints_4g")
    )


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None,
    reason="LibreOffice (soffice, Debian libreoffice-calc) is not installed",
)
def test_workbook_reads_right_in_a_vietnamese_libreoffice(vi_audit, tmp_path):
    """The workbook printed by LibreOffice in vi-VN: codes keep their zeros, decimals
    read with a comma and keep their value, the source line prints, pages are numbered."""
    import os
    import subprocess

    env = {**os.environ, "LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8"}
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(vi_audit / "coverage.xlsx"),
        ],
        capture_output=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    text = pdf_text(tmp_path / "coverage.pdf")
    communes = pd.read_csv(vi_audit / "communes.csv", dtype={"commune_id": str})
    first = communes.iloc[0]
    assert first["commune_id"] in text and first["commune_id"].startswith("0")
    area = f"{first['area_km2']:.2f}".replace(".", ",")
    assert area in text  # 110,21 — not 11021
    assert "Nguồn: ranh giới xã" in text
    assert "1 / " in text and "Tổng hợp" in text
    # Long texts wrap inside their column, so the printed page holds every word: a
    # finding's sentence and its repair, a suggested action (not cut at the next column).
    # (Compared without white space: a wrapped line may break after a hyphen.)
    flat = "".join(text.split())
    findings = pd.read_csv(vi_audit / "findings.csv", dtype=str)
    assert len(findings)
    ws = load_workbook(vi_audit / "coverage.xlsx")["Kiểm tra dữ liệu"]
    for row in list(ws.values)[1:]:
        for value in row[3:5]:
            assert "".join(str(value).split()) in flat, value
    uncovered = load_workbook(vi_audit / "coverage.xlsx")["Chưa có sóng"]
    actions = [r[-1] for r in list(uncovered.values)[1:40]]
    assert all("".join(a.split()) in flat for a in actions)


def test_findings_of_a_vietnamese_workbook_are_in_vietnamese(own_data, tmp_path):
    from coverage_planner.reports.workbook import export_workbook

    _, result = own_data
    messages = {f.message for f in result.findings}
    assert any("lies across communes" in m for m in messages)  # the study has such findings
    ws = load_workbook(export_workbook(result, tmp_path / "b.xlsx", language="vi"))[
        "Kiểm tra dữ liệu"
    ]
    rows = list(ws.values)
    assert rows[0][:2] == ("Mức độ", "Lớp")
    text = "\n".join(str(v) for row in rows[1:] for v in row if v)
    assert "nằm trên nhiều xã" in text and "không nằm trong xã nào" in text
    assert "lies across" not in text and "lies in no commune" not in text
    assert {row[0] for row in rows[1:]} <= {"lỗi", "cảnh báo", "ghi chú"}
