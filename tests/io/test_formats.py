"""Every format a planner may bring, read back with diacritics and areas intact."""

from __future__ import annotations

import zipfile

import numpy as np
import pyogrio
import pytest

from coverage_planner.io.layers import load_communes
from coverage_planner.io.sites import load_sites
from tests.io.helpers import NAMES, communes_utm, site_rows

VECTOR_FORMATS = {
    "gpkg": ("GPKG", "communes.gpkg"),
    "shp": ("ESRI Shapefile", "communes.shp"),
    "geojson": ("GeoJSON", "communes.geojson"),
    "fgb": ("FlatGeobuf", "communes.fgb"),
    "kml": ("KML", "communes.kml"),
}


@pytest.mark.parametrize("fmt", list(VECTOR_FORMATS))
def test_communes_in_every_vector_format(tmp_path, fmt):
    driver, name = VECTOR_FORMATS[fmt]
    frame = communes_utm()
    if fmt in ("geojson", "kml"):
        frame = frame.to_crs(4326)  # these formats are WGS 84 by definition
    path = tmp_path / name
    pyogrio.write_dataframe(frame, path, driver=driver)
    findings = []
    gdf = load_communes(path, findings=findings)
    assert sorted(gdf["commune_name"]) == sorted(NAMES)
    area = gdf.to_crs(32648).geometry.area.to_numpy()
    np.testing.assert_allclose(area, 1e8, rtol=1e-3)


def test_zipped_shapefile(tmp_path):
    pyogrio.write_dataframe(communes_utm(), tmp_path / "xa.shp", driver="ESRI Shapefile")
    with zipfile.ZipFile(tmp_path / "xa.zip", "w") as zf:
        for part in tmp_path.glob("xa.*"):
            if part.suffix != ".zip":
                zf.write(part, f"ranh_gioi/{part.name}")
    gdf = load_communes(tmp_path / "xa.zip")
    assert sorted(gdf["commune_name"]) == sorted(NAMES)
    assert gdf["commune_id"].tolist() == ["001", "002", "003"]


def test_sites_from_csv_with_semicolons_and_decimal_commas(tmp_path):
    rows = site_rows()
    text = (
        rows.astype(str)
        .apply(lambda c: c.str.replace(".", ",", regex=False))
        .to_csv(sep=";", index=False)
    )
    (tmp_path / "bts.csv").write_text(text, encoding="utf-8-sig")
    findings = []
    gdf = load_sites(tmp_path / "bts.csv", findings=findings)
    assert gdf["site_id"].tolist() == ["LCU001", "LCU002", "LCU003"]
    np.testing.assert_allclose(gdf.geometry.x, rows["Kinh độ"], atol=1e-9)
    assert gdf["technologies"].tolist() == ["2G/3G/4G", "2G/3G", "4G"]
    assert gdf["site_name"].tolist()[1] == "Trạm Sìn Hồ"
    assert any("decimal commas" in f.message for f in findings)


def test_sites_from_excel(tmp_path):
    site_rows().to_excel(tmp_path / "bts.xlsx", index=False)
    gdf = load_sites(tmp_path / "bts.xlsx")
    assert gdf["operator"].tolist() == ["Viettel", "VinaPhone", "MobiFone"]
    assert gdf["antenna_height_m"].tolist() == [30, 36, 42]
    assert gdf.crs.to_epsg() == 4326


def test_sites_from_xy_with_user_crs(tmp_path):
    rows = site_rows().drop(columns=["Kinh độ", "Vĩ độ"])
    rows["X"] = [321_000.0, 335_000.0, 345_000.0]
    rows["Y"] = [2_462_000.0, 2_465_000.0, 2_465_000.0]
    rows.to_csv(tmp_path / "bts_vn2000.csv", index=False)
    gdf = load_sites(tmp_path / "bts_vn2000.csv", crs="EPSG:3405")
    assert gdf.crs.to_epsg() == 3405
    assert gdf.geometry.x.tolist() == rows["X"].tolist()


def test_sites_from_kml(tmp_path):
    import geopandas as gpd

    rows = site_rows()
    gdf = gpd.GeoDataFrame(
        rows.rename(columns={"Tên trạm": "Name"}),
        geometry=gpd.points_from_xy(rows["Kinh độ"], rows["Vĩ độ"]),
        crs=4326,
    )
    pyogrio.write_dataframe(gdf, tmp_path / "bts.kml", driver="KML")
    out = load_sites(tmp_path / "bts.kml")
    assert sorted(out["site_name"]) == sorted(rows["Tên trạm"])
