"""Every bad input of the foundation issue: what the user sees (finding or error text)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from coverage_planner.errors import CrsError, EncodingError, InputFileError, MissingColumnError
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.io.layers import load_communes, load_villages
from coverage_planner.io.sites import load_sites
from tests.io.helpers import (
    X0,
    Y0,
    communes_utm,
    encode_cp1258,
    lonlat,
    recode_dbf,
    site_rows,
    villages_utm,
)


def messages(findings, layer=None):
    return [f"{f.message} — {f.repair}" for f in findings if layer is None or f.layer == layer]


@pytest.fixture
def study(tmp_path):
    communes_utm().to_file(tmp_path / "communes.gpkg")
    villages_utm().to_file(tmp_path / "villages.gpkg")
    site_rows().to_csv(tmp_path / "sites.csv", index=False, encoding="utf-8-sig")
    return tmp_path


def test_invalid_polygon_repaired_with_finding(tmp_path):
    frame = communes_utm()
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 5000, Y0 + 5000), (X0 + 5000, Y0), (X0, Y0 + 5000)])
    frame.loc[0, "geometry"] = bowtie
    frame.to_file(tmp_path / "c.gpkg")
    findings = []
    gdf = load_communes(tmp_path / "c.gpkg", findings=findings)
    assert gdf.geometry.is_valid.all()
    assert gdf.geometry.area.iloc[0] == pytest.approx(2 * 0.25 * 5000 * 5000)  # two triangles
    (msg,) = messages(findings)
    assert "invalid polygon" in msg and "001" in msg and "make_valid" in msg


def test_empty_geometry_dropped_with_warning(tmp_path):
    frame = communes_utm()
    frame.loc[1, "geometry"] = None
    frame.to_file(tmp_path / "c.gpkg")
    findings = []
    gdf = load_communes(tmp_path / "c.gpkg", findings=findings)
    assert gdf["commune_id"].tolist() == ["001", "003"]
    assert any("no geometry: 002" in m and "dropped" in m for m in messages(findings))


def test_lat_lon_swapped_detected_against_communes_and_repaired(study):
    rows = site_rows()
    rows.loc[1, "Kinh độ"], rows.loc[1, "Vĩ độ"] = rows.loc[1, "Vĩ độ"], rows.loc[1, "Kinh độ"]
    rows.to_csv(study / "sites.csv", index=False)
    inputs = load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    expected = shapely.Point(X0 + 15_000, Y0 + 5000)
    assert inputs.sites.geometry.iloc[1].distance(expected) < 1.0
    assert any(
        "swapped in 1 row(s) (rows 3)" in m and "swapped back" in m
        for m in messages(inputs.findings, "sites")
    )


def test_dms_text_coordinates(tmp_path):
    rows = site_rows()
    lon, lat = rows.loc[0, "Kinh độ"], rows.loc[0, "Vĩ độ"]

    def dms(v, hemi):
        d = int(v)
        m = int((v - d) * 60)
        s = (v - d - m / 60) * 3600
        return f"{d}°{m}'{s:.4f}\"{hemi}"

    rows = rows.astype({"Kinh độ": object, "Vĩ độ": object})
    rows.loc[0, "Kinh độ"], rows.loc[0, "Vĩ độ"] = dms(lon, "E"), dms(lat, "N")
    rows.to_csv(tmp_path / "s.csv", index=False)
    findings = []
    gdf = load_sites(tmp_path / "s.csv", findings=findings)
    assert gdf.geometry.x.iloc[0] == pytest.approx(lon, abs=1e-7)
    assert gdf.geometry.y.iloc[0] == pytest.approx(lat, abs=1e-7)
    assert any("degrees-minutes-seconds" in m for m in messages(findings))


def test_unreadable_coordinates_are_an_error_finding_naming_the_row(tmp_path):
    rows = site_rows().astype({"Kinh độ": object})
    rows.loc[2, "Kinh độ"] = "không rõ"
    rows.to_csv(tmp_path / "s.csv", index=False)
    findings = []
    gdf = load_sites(tmp_path / "s.csv", findings=findings)
    assert len(gdf) == 2
    (f,) = [f for f in findings if f.severity == "error"]
    assert "row 4: 'không rõ'" in f.message and "left out" in f.repair


def test_duplicate_site_codes(tmp_path):
    rows = site_rows()
    sector = rows.iloc[[0]].assign(**{"Công nghệ": "4G"})  # same code, same place: a row per band
    exact = rows.iloc[[1]]  # listed twice
    moved = rows.iloc[[2]].assign(
        **{"Kinh độ": rows.loc[2, "Kinh độ"] + 0.05}
    )  # same code, 5 km away
    pd.concat([rows, sector, exact, moved]).to_csv(tmp_path / "s.csv", index=False)
    findings = []
    gdf = load_sites(tmp_path / "s.csv", findings=findings)
    assert sorted(gdf["site_id"]) == ["LCU001", "LCU002", "LCU003", "LCU003#2"]
    msgs = messages(findings)
    assert any("several rows at one place" in m and "LCU001" in m and "merged" in m for m in msgs)
    assert any("listed twice" in m and "LCU002" in m and "dropped" in m for m in msgs)
    assert any("different places" in m and "LCU003" in m and "renamed" in m for m in msgs)


def test_site_outside_every_commune_kept_and_flagged(study):
    rows = site_rows()
    lon, lat = lonlat(X0 + 60_000, Y0 + 5000)
    rows.loc[3] = ["LCU099", "Trạm biên giới", lon, lat, "2G", "Viettel", 30]
    rows.to_csv(study / "sites.csv", index=False)
    inputs = load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    assert "LCU099" in set(inputs.sites["site_id"])
    assert pd.isna(inputs.sites.set_index("site_id").loc["LCU099", "commune_id"])
    flagged = [f for f in inputs.findings if f.feature == "LCU099"]
    assert flagged and "outside every commune" in flagged[0].message


def test_villages_across_two_communes_and_in_none(study):
    inputs = load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    v = inputs.villages.set_index("village_id")
    assert v.loc["B1", "commune_id"] == "001"
    assert v.loc["B2", "commune_id"] == "002"  # two thirds of it lie in 002
    assert v.loc["B3", "commune_id"] == "003"  # nearest
    by_feature = {f.feature: f for f in inputs.findings if f.layer == "villages"}
    assert "across communes; 67% of it is in 002" in by_feature["B2"].message
    assert (
        "in no commune" in by_feature["B3"].message
        and "nearest commune, 003" in by_feature["B3"].repair
    )


def test_point_villages(study):
    pts = villages_utm().copy()
    pts["geometry"] = pts.geometry.centroid
    pts.to_file(study / "villages.gpkg")
    inputs = load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    assert inputs.villages["commune_id"].tolist() == ["001", "002", "003"]


def test_no_crs_lonlat_assumed_wgs84_with_warning(tmp_path):
    frame = communes_utm().to_crs(4326)
    frame = frame.set_crs(None, allow_override=True)
    pyogrio.write_dataframe(frame, tmp_path / "c.shp")
    (tmp_path / "c.prj").unlink(missing_ok=True)
    findings = []
    gdf = load_communes(tmp_path / "c.shp", findings=findings)
    assert gdf.crs.to_epsg() == 4326
    assert any(
        "no coordinate reference system" in m and "EPSG:4326" in m for m in messages(findings)
    )


def test_no_crs_projected_is_an_error_saying_how_to_give_one(tmp_path):
    frame = communes_utm().set_crs(None, allow_override=True)
    pyogrio.write_dataframe(frame, tmp_path / "c.shp")
    with pytest.raises(CrsError) as err:
        load_communes(tmp_path / "c.shp")
    text = str(err.value)
    assert (
        "c.shp has no coordinate reference system" in text
        and "--crs" in text
        and "EPSG:3405" in text
    )
    gdf = load_communes(tmp_path / "c.shp", crs="EPSG:32648")
    assert gdf.crs.to_epsg() == 32648


def test_layers_in_different_crs_reprojected_and_noted(study):
    villages_utm().to_crs(3405).to_file(study / "villages.gpkg")
    inputs = load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    assert inputs.villages.crs == inputs.communes.crs
    assert any(
        "VN-2000" in f.message and "reprojected" in f.repair
        for f in inputs.findings
        if f.layer == "villages"
    )
    np.testing.assert_allclose(inputs.villages.geometry.area.iloc[0], 4e6, rtol=1e-3)


def _legacy_shapefile(tmp_path, encoding):
    """A shapefile whose DBF text is in ``encoding`` and which has no .cpg."""
    pyogrio.write_dataframe(communes_utm(), tmp_path / "xa.shp", encoding="utf-8")
    (tmp_path / "xa.cpg").unlink(missing_ok=True)
    if encoding != "utf-8":
        dbf = tmp_path / "xa.dbf"
        dbf.write_bytes(recode_dbf(dbf.read_bytes(), encode_cp1258))
    return tmp_path / "xa.shp"


def test_dbf_cp1258_without_cpg_is_recognised_and_converted_with_a_finding(tmp_path):
    path = _legacy_shapefile(tmp_path, "cp1258")
    findings = []
    gdf = load_communes(path, findings=findings)
    assert gdf["commune_name"].tolist() == communes_utm()["ten_xa"].tolist()
    assert any("cp1258" in m and "converted" in m for m in messages(findings))


def test_dbf_in_no_vietnamese_encoding_without_cpg_is_a_clear_error(tmp_path):
    pyogrio.write_dataframe(communes_utm(), tmp_path / "xa.shp", encoding="utf-8")
    (tmp_path / "xa.cpg").unlink(missing_ok=True)
    dbf = tmp_path / "xa.dbf"
    # Chinese GBK: not UTF-8, and reads as no Vietnamese encoding
    dbf.write_bytes(recode_dbf(dbf.read_bytes(), lambda t: "北京市朝阳区".encode("gbk")))
    with pytest.raises(EncodingError) as err:
        load_communes(tmp_path / "xa.shp")
    text = str(err.value)
    assert "xa.shp" in text and "not UTF-8" in text and ".cpg" in text and "TCVN3" in text


def test_dbf_with_encoding_given_reads_diacritics(tmp_path):
    path = _legacy_shapefile(tmp_path, "cp1258")
    gdf = load_communes(path, encoding="cp1258")
    assert "Xã Mường Tè" in gdf["commune_name"].tolist()  # NFC, as typed


def test_dbf_utf8_without_cpg_reads_diacritics(tmp_path):
    path = _legacy_shapefile(tmp_path, "utf-8")
    gdf = load_communes(path)
    assert "Thị trấn Phong Thổ" in gdf["commune_name"].tolist()


def test_empty_layer_is_an_error(tmp_path):
    communes_utm().iloc[:0].to_file(tmp_path / "c.gpkg")
    with pytest.raises(InputFileError, match="c.gpkg: the communes layer is empty"):
        load_communes(tmp_path / "c.gpkg")


def test_missing_required_column_names_the_file_and_its_columns(tmp_path):
    site_rows().drop(columns=["Công nghệ"]).to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(MissingColumnError) as err:
        load_sites(tmp_path / "s.csv")
    text = str(err.value)
    assert "s.csv" in text and "tech" in text and "Mã trạm, Tên trạm, Kinh độ, Vĩ độ" in text


def test_csv_in_cp1258_is_recognised_and_converted_with_a_finding(tmp_path):
    (tmp_path / "s.csv").write_bytes(encode_cp1258(site_rows().to_csv(index=False)))
    findings = []
    sites = load_sites(tmp_path / "s.csv", findings=findings)
    assert sites["site_name"].tolist() == site_rows()["Tên trạm"].tolist()
    assert any("not UTF-8" in m and "cp1258" in m for m in messages(findings))


def test_csv_not_utf8_nor_vietnamese_is_a_clear_error(tmp_path):
    rows = site_rows()
    rows.columns = ["code", "name", "lon", "lat", "tech", "operator", "height"]
    rows["name"] = ["北京", "上海", "广州"]
    rows["operator"] = "中国移动"
    (tmp_path / "s.csv").write_bytes(rows.to_csv(index=False).encode("gbk"))
    with pytest.raises(EncodingError, match="not UTF-8 .first bad byte on line 2"):
        load_sites(tmp_path / "s.csv")


def test_empty_technology_cell_warns(tmp_path):
    rows = site_rows()
    rows.loc[1, "Công nghệ"] = None
    rows.to_csv(tmp_path / "s.csv", index=False)
    findings = []
    gdf = load_sites(tmp_path / "s.csv", findings=findings)
    assert not gdf.loc[1, ["serves_2g", "serves_3g", "serves_4g"]].any()
    assert any("no technology" in m and "LCU002" in m for m in messages(findings))


def test_inputs_are_never_modified(study):
    before = {p.name: p.read_bytes() for p in study.iterdir()}
    load_inputs(
        InputFiles.of(
            communes=study / "communes.gpkg",
            villages=study / "villages.gpkg",
            sites=study / "sites.csv",
        )
    )
    assert {p.name: p.read_bytes() for p in study.iterdir()} == before


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        load_villages(tmp_path / "nope.gpkg")


def test_polygons_expected_but_points_given(tmp_path):
    gpd.GeoDataFrame({"ma_xa": ["1"]}, geometry=[shapely.Point(X0, Y0)], crs=32648).to_file(
        tmp_path / "c.gpkg"
    )
    with pytest.raises(InputFileError, match="must hold polygons, but it holds point"):
        load_communes(tmp_path / "c.gpkg")
